"""Which catalogue names a misspelt word is worth scoring against, without scoring them all.

rapidfuzz over every name costs ~95 ms a question at 100,000 systems. Two filters run first:
- length: an Indel ratio of c or more needs the shorter string to be at least c/(2-c) of the longer
  one, so names outside that window cannot score (lossless);
- character trigrams: an inverted index over the padded names counts, with one numpy `bincount`, how
  many trigrams each name shares with the phrase. Names sharing at least `MIN_SHARE` of them are kept,
  at most `MAX_CANDIDATES`, the ones sharing most first. A real slip keeps most trigrams, so the name
  meant ranks near the top; this filter is a heuristic, not a bound.
Words of up to `SHORT_QUERY` letters keep only the length window (a swap in four letters keeps one
trigram of six), so «DISP» still finds DIPS. Candidates come back in catalogue order so ties are broken
as the full scan broke them. numpy is imported here, only when a fuzzy pass runs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from handlers.lookup.names import SHORT_QUERY

if TYPE_CHECKING:
    import numpy as np

MIN_SHARE = 1 / 3
"""Share of the phrase's trigrams a name must also have to be scored."""
MAX_CANDIDATES = 256
"""Names scored per phrase at most: enough for near-identical names, flat in catalogue size."""


def trigrams(text: str) -> list[str]:
    """Trigrams of the text padded with one space each side (a word of n letters has n)."""
    padded = f" {text} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def length_window(length: int, min_ratio: float) -> tuple[int, int]:
    """Lengths a string may have and still reach `min_ratio` (0..100) Indel ratio with one of `length`."""
    c = min(max(min_ratio / 100.0, 0.01), 1.0)
    return math.ceil(length * c / (2 - c) - 1e-9), math.floor(length * (2 - c) / c + 1e-9)


class Candidates(Protocol):
    def candidates(self, query: str, min_ratio: float) -> list[str]: ...


class CandidateIndex:
    """Trigram postings and lengths over a fixed list of normalised labels."""

    def __init__(self, labels: Sequence[str]) -> None:
        import numpy as np

        self.labels = tuple(labels)
        postings: dict[str, list[int]] = {}
        for i, label in enumerate(self.labels):
            for gram in set(trigrams(label)):
                postings.setdefault(gram, []).append(i)
        self._postings = {gram: np.array(ids, dtype=np.int32) for gram, ids in postings.items()}
        self._lengths = np.fromiter(
            (len(label) for label in self.labels), dtype=np.int32, count=len(self.labels)
        )
        self._dead = 0
        """Places of labels taken out by `updated` (length -1)."""

    def __len__(self) -> int:
        return len(self.labels)

    def updated(self, gone: set[str], added: list[str]) -> CandidateIndex:
        """A new index without the `gone` labels and with `added` ones last, sharing this one's arrays
        where they do not change. A gone label keeps its place with length -1, outside every length
        window, so no posting list is rewritten for it; past a quarter of the places dead, rebuild."""
        import numpy as np

        dead = [i for i, label in enumerate(self.labels) if label in gone] if gone else []
        if len(dead) + self._dead > len(self.labels) // 4 and len(self.labels) > 64:
            live = [
                label for i, label in enumerate(self.labels) if label not in gone and self._lengths[i] >= 0
            ]
            return CandidateIndex([*live, *added])
        index = CandidateIndex.__new__(CandidateIndex)
        start = len(self.labels)
        index.labels = self.labels + tuple(added)
        lengths = np.concatenate([self._lengths, np.fromiter((len(a) for a in added), dtype=np.int32)])
        lengths[dead] = -1
        index._lengths = lengths
        index._dead = self._dead + len(dead)
        grams: dict[str, list[int]] = {}
        for offset, label in enumerate(added):
            for gram in set(trigrams(label)):
                grams.setdefault(gram, []).append(start + offset)
        postings = dict(self._postings)
        for gram, ids in grams.items():
            new = np.array(ids, dtype=np.int32)
            old = postings.get(gram)
            postings[gram] = new if old is None else np.concatenate([old, new])
        index._postings = postings
        return index

    def candidates(self, query: str, min_ratio: float) -> list[str]:
        """Labels worth scoring for `query`, in catalogue order."""
        import numpy as np

        low, high = length_window(len(query), min_ratio)
        fits = (self._lengths >= low) & (self._lengths <= high)
        if len(query) <= SHORT_QUERY:
            return [self.labels[i] for i in np.flatnonzero(fits)]
        grams = set(trigrams(query))
        lists = [self._postings[g] for g in grams if g in self._postings]
        if not lists:
            return []
        need = max(1, math.ceil(len(grams) * MIN_SHARE))
        # A trigram every name has («fag» in «Fagsystem 000001» …) adds one to every count: leave it out
        # of the sum and out of what a name needs, which ranks and keeps exactly the same names.
        everywhere = sum(1 for ids in lists if len(ids) == len(self.labels))
        lists = [ids for ids in lists if len(ids) < len(self.labels)]
        need = max(0, need - everywhere)
        if not lists:
            counts = np.zeros(len(self.labels), dtype=np.int64)
        else:
            counts = np.bincount(np.concatenate(lists), minlength=len(self.labels))
        counts[~fits] = -1
        ids = np.flatnonzero(counts >= need)
        if len(ids) > MAX_CANDIDATES:
            ids = np.sort(_top(ids, counts, MAX_CANDIDATES))
        return [self.labels[i] for i in ids]


class FullScan:
    """Every label, every time: the behaviour before the prefilter, kept as the benchmarks' baseline."""

    def __init__(self, labels: Sequence[str]) -> None:
        self.labels = tuple(labels)

    def __len__(self) -> int:
        return len(self.labels)

    def candidates(self, query: str, min_ratio: float) -> list[str]:
        return list(self.labels)


def _top(ids: np.ndarray, counts: np.ndarray, size: int) -> np.ndarray:
    """The `size` ids sharing most trigrams (ties at the edge: the earlier names)."""
    import numpy as np

    shared = counts[ids]
    # Counts are small (one per trigram of the phrase): the edge from their histogram, not a partition
    # (numpy's introselect crawls on 100,000 near-equal counts: 17 ms).
    at_least = np.cumsum(np.bincount(shared)[::-1])[::-1]
    edge = int(np.flatnonzero(at_least >= size)[-1])
    above = ids[shared > edge]
    return np.concatenate([above, ids[shared == edge][: size - len(above)]])
