"""`python -m benchmarks.understanding_thresholds`: how the clarifying-question thresholds were chosen.

Cross-validation on the training part of the examples only (four folds): each fold's classifier scores
the quarter it did not see, and every pair of thresholds (handlers/understanding/clarify.py: CONFIDENT,
AMBIGUOUS) is tried on those scores. A message is answered at once when its top reading clears both;
otherwise the bot asks, and asking helps when the right intent is among the two offered. The table
prints, per pair, the share answered at once, how often those answers are right, the share asked, and
how often the question offers the right reading. Examples are masked by the slot extractor, as in use. The held-back part never enters: it is for the
benchmark, not for choosing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

CONFIDENT_GRID = (0.25, 0.35, 0.45, 0.55, 0.65)
AMBIGUOUS_GRID = (0.0, 0.06, 0.12, 0.2)
FOLDS = 4


@dataclass(frozen=True)
class Scored:
    truth: str
    ranked: list[tuple[str, float]]


def cross_validated() -> list[Scored]:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from benchmarks.databases import sqlite_database
    from handlers.context import HandlerContext
    from handlers.understanding.classifier import train
    from handlers.understanding.understand import live_items
    from models.store import open_store

    with sqlite_database() as url:
        store = open_store(url, "hso-2026")
        try:
            with store.read() as session:
                items = live_items(HandlerContext(store=store), session)
        finally:
            store.close()
    labels = np.array([item.intent for item in items])
    scored: list[Scored] = []
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    for seen, unseen in folds.split(np.zeros(len(items)), labels):
        model = train([items[i] for i in seen])
        scored.extend(Scored(items[i].intent, model.probabilities(items[i].text)) for i in unseen)
    return scored


def table(scored: list[Scored]) -> list[str]:
    lines = ["confident ambiguous  answered  right-when-answered  asked  right-offered-when-asked"]
    for confident in CONFIDENT_GRID:
        for ambiguous in AMBIGUOUS_GRID:
            answered = [s for s in scored if _answers(s, confident, ambiguous)]
            asked = [s for s in scored if s not in answered]
            right = sum(s.ranked[0][0] == s.truth for s in answered)
            offered = sum(s.truth in (s.ranked[0][0], s.ranked[1][0]) for s in asked)
            lines.append(
                f"{confident:9.2f} {ambiguous:9.2f}  {len(answered) / len(scored):8.3f}  "
                f"{right / max(len(answered), 1):19.3f}  {len(asked) / len(scored):5.3f}  "
                f"{offered / max(len(asked), 1):24.3f}"
            )
    return lines


def _answers(scored: Scored, confident: float, ambiguous: float) -> bool:
    (_, top), (_, second) = scored.ranked[0], scored.ranked[1]
    return top >= confident and top - second >= ambiguous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.understanding_thresholds", description=__doc__
    )
    parser.parse_args(argv)
    scored = cross_validated()
    top1 = sum(s.ranked[0][0] == s.truth for s in scored) / len(scored)
    top2 = sum(s.truth in (s.ranked[0][0], s.ranked[1][0]) for s in scored) / len(scored)
    print(f"{len(scored)} training examples, {FOLDS}-fold: top-1 {top1:.3f}, top-2 {top2:.3f}")
    print("\n".join(table(scored)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
