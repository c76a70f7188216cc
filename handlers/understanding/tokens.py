"""The words of a message with where they stand, so every slot can say which characters it took.

Tokens are normalised the way catalogue names are (`models.catalogue.names.normalise_name`: NFKC,
case-folded, punctuation and «_» as separators), so a token sequence can be probed against the
catalogue's name index directly and «DIPS-Arena» is the two words «dips arena».
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


@dataclass(frozen=True)
class Token:
    text: str
    """Normalised (case-folded) word."""
    start: int
    end: int

    @property
    def folded(self) -> str:
        """ASCII-folded for typo matching: «portefoljestyret» is «porteføljestyret» typed without ø."""
        return fold(self.text)


def fold(word: str) -> str:
    return word.translate(_FOLD)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = unicodedata.normalize("NFKC", match.group()).casefold()
        tokens.append(Token(word, match.start(), match.end()))
    return tokens


class Taken:
    """Character ranges already claimed by a slot; later extractors skip tokens inside them."""

    def __init__(self) -> None:
        self._ranges: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        self._ranges.append((start, end))

    def overlaps(self, start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in self._ranges)

    def token_indexes(self, tokens: list[Token]) -> set[int]:
        return {i for i, tok in enumerate(tokens) if self.overlaps(tok.start, tok.end)}
