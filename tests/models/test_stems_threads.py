"""Stemming from many threads at once (answer workers answer in threads): each gets the right stems."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from models.stems import english_key, search_key

WORDS = ["ambulances", "radiology", "legemidler", "sengepostene", "pathology", "områdestyrenes"] * 300


def test_eight_threads_stem_as_one_does() -> None:
    alone = [(english_key(w), search_key(w)) for w in WORDS]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda _: [(english_key(w), search_key(w)) for w in WORDS], range(8)))
    assert all(result == alone for result in together)
