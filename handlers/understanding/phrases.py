"""Exact multi-word lookup over a token list, longest phrase first, skipping tokens already taken."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from handlers.understanding.tokens import Token
from models.catalogue.names import normalise_name

T = TypeVar("T")


class PhraseIndex(Generic[T]):
    """Normalised phrase → (label, item); the first label given for a phrase wins."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._by_phrase: dict[str, tuple[str, T]] = {}
        for label, item in entries:
            key = normalise_name(label)
            if key:
                self._by_phrase.setdefault(key, (label, item))
        lengths: dict[str, set[int]] = {}
        for key in self._by_phrase:
            words = key.split()
            lengths.setdefault(words[0], set()).add(len(words))
        self._lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}
        """First word → the word counts of the phrases it starts, longest first: one probe per word."""

    def get(self, phrase: str) -> tuple[str, T] | None:
        return self._by_phrase.get(phrase)

    def find(self, tokens: list[Token], taken: set[int]) -> list[tuple[int, int, str, T]]:
        """(first token, token after the last, label, item) per phrase found; marks its tokens taken."""
        found: list[tuple[int, int, str, T]] = []
        start = 0
        while start < len(tokens):
            size = self._longest_at(tokens, taken, start)
            if size:
                label, item = self._by_phrase[" ".join(t.text for t in tokens[start : start + size])]
                taken.update(range(start, start + size))
                found.append((start, start + size, label, item))
                start += size
            else:
                start += 1
        return found

    def _longest_at(self, tokens: list[Token], taken: set[int], start: int) -> int:
        for size in self._lengths.get(tokens[start].text, ()):
            end = start + size
            if end > len(tokens) or taken.intersection(range(start, end)):
                continue
            if " ".join(t.text for t in tokens[start:end]) in self._by_phrase:
                return size
        return 0
