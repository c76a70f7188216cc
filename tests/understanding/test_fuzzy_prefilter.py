"""The trigram prefilter must change how many names are scored, never what a misspelt word finds.

Every name in the shipped catalogue, misspelt the ways people slip (a letter dropped, doubled, swapped
with its neighbour), is looked up twice through `find_fuzzy_systems` on the same index: with the
prefilter and with the full scan it replaced. Both must name the same systems, with the same scores.
"""

from __future__ import annotations

import random

from handlers.context import HandlerContext
from handlers.lookup.candidates import MAX_CANDIDATES, CandidateIndex, FullScan, length_window
from handlers.lookup.catalogue import catalogue_view
from handlers.lookup.names import MIN_FUZZY_LENGTH, NameIndex
from handlers.understanding.systems import find_fuzzy_systems, fuzzy_names
from handlers.understanding.tokens import tokenize


def slips(word: str, rng: random.Random) -> list[str]:
    i = rng.randrange(1, len(word) - 1)
    return [
        word[:i] + word[i + 1 :],
        word[:i] + word[i] + word[i:],
        word[:i] + word[i + 1] + word[i] + word[i + 2 :],
    ]


def found(text: str, index: NameIndex) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    tokens = tokenize(text)
    accepted, suggestions = find_fuzzy_systems(tokens, set(), index, fuzzy_names(index))
    return [(m.label, m.score) for _, _, m in accepted], [(m.label, m.score) for m in suggestions]


def test_prefilter_finds_what_the_full_scan_found(context: HandlerContext) -> None:
    with context.store.read() as session:
        systems = catalogue_view(context, session).systems
    rng = random.Random(17)
    questions = [
        f"hvem eier {slip}?"
        for label in systems.labels
        if len(label) >= MIN_FUZZY_LENGTH + 1
        for slip in slips(label, rng)
    ] + ["hvem eier disp?", "hvem eier dipz?", "hvem eier flux capacitor?"]
    with_prefilter = [found(q, systems) for q in questions]
    systems.use_candidates(FullScan([label for label in systems.labels if len(label) >= MIN_FUZZY_LENGTH]))
    full_scan = [found(q, systems) for q in questions]

    assert len(questions) > 300
    assert sum(1 for accepted, _ in full_scan if accepted) > 100  # the slips do find systems
    assert with_prefilter == full_scan
    assert found("hvem eier disp?", systems)[0][0][0] == "DIPS"


def test_a_slip_in_a_large_catalogue_scores_a_bounded_few_and_finds_the_name() -> None:
    labels = [f"fagsystem {i:06d}" for i in range(20_000)]
    index = CandidateIndex(labels)
    rng = random.Random(4)
    for number in rng.sample(range(20_000), 50):
        for slip in (f"{word} {number:06d}" for word in slips("fagsystem", rng)):
            candidates = index.candidates(slip, 60.0)
            assert f"fagsystem {number:06d}" in candidates, slip
            assert len(candidates) <= MAX_CANDIDATES
            assert candidates == sorted(candidates)  # catalogue order: ties break as the full scan's


def test_length_window_keeps_every_name_that_can_reach_the_ratio() -> None:
    from rapidfuzz import fuzz

    rng = random.Random(9)
    for _ in range(3_000):
        a = "".join(rng.choice("abcde") for _ in range(rng.randrange(1, 14)))
        b = "".join(rng.choice("abcde") for _ in range(rng.randrange(1, 30)))
        for cutoff in (60.0, 70.0, 75.0):
            if fuzz.ratio(a, b) >= cutoff:
                low, high = length_window(len(a), cutoff)
                assert low <= len(b) <= high, (a, b, cutoff)
