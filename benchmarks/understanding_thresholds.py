"""`python -m benchmarks.understanding_thresholds`: how the clarifying-question thresholds were chosen.

Cross-validation on the training part of the examples only (four folds): each fold's classifier scores
the quarter it did not see, and every pair of thresholds (handlers/understanding/clarify.py: CONFIDENT,
AMBIGUOUS) is tried on those scores. A message is answered at once when its top reading clears both;
otherwise the bot asks, and asking helps when the right intent is among the two offered. The table
prints, per pair, the share answered at once, how often those answers are right, the share asked, and
how often the question offers the right reading. Examples are masked by the slot extractor, as in use. The held-back part never enters: it is for the
benchmark, not for choosing.

The same out-of-fold scores choose the classifier's temperature (handlers/understanding/classifier.py:
TEMPERATURE): the folds are scored once at temperature 1, and each temperature on the grid is printed
with the log-loss and the expected calibration error it gives; the one with the lowest log-loss is taken.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

CONFIDENT_GRID = (0.25, 0.35, 0.45, 0.55, 0.65)
AMBIGUOUS_GRID = (0.0, 0.06, 0.12, 0.2)
TEMPERATURE_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.7, 1.0)
CALIBRATION_BINS = 10
FOLDS = 4


@dataclass(frozen=True)
class Scored:
    truth: str
    ranked: list[tuple[str, float]]


def cross_validated(temperature: float | None = None) -> list[Scored]:
    """Out-of-fold readings; `temperature` None uses the classifier's own."""
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
        kept = [items[i] for i in seen]
        model = train(kept) if temperature is None else train(kept, temperature=temperature)
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


def temperature_table(raw: list[Scored]) -> list[str]:
    """`raw`: out-of-fold readings at temperature 1, whose probabilities are re-derived per temperature."""
    import numpy as np

    lines = ["temperature  log-loss  calibration-error"]
    for temperature in TEMPERATURE_GRID:
        losses, confidences, hits = [], [], []
        for scored in raw:
            names = [name for name, _ in scored.ranked]
            logits = np.log(np.maximum([p for _, p in scored.ranked], 1e-300)) / temperature
            odds = np.exp(logits - logits.max())
            odds /= odds.sum()
            losses.append(-np.log(max(float(odds[names.index(scored.truth)]), 1e-12)))
            confidences.append(float(odds[0]))
            hits.append(names[0] == scored.truth)
        lines.append(
            f"{temperature:11.2f}  {np.mean(losses):8.3f}  {_calibration_error(confidences, hits):17.3f}"
        )
    return lines


def _calibration_error(confidences: list[float], hits: list[bool]) -> float:
    """Expected calibration error: the gap between confidence and accuracy, weighted over equal bins."""
    total = 0.0
    for low in range(CALIBRATION_BINS):
        inside = [
            (c, h)
            for c, h in zip(confidences, hits, strict=True)
            if low / CALIBRATION_BINS < c <= (low + 1) / CALIBRATION_BINS
        ]
        if inside:
            gap = abs(sum(c for c, _ in inside) / len(inside) - sum(h for _, h in inside) / len(inside))
            total += gap * len(inside) / len(confidences)
    return total


def _answers(scored: Scored, confident: float, ambiguous: float) -> bool:
    (_, top), (_, second) = scored.ranked[0], scored.ranked[1]
    return top >= confident and top - second >= ambiguous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.understanding_thresholds", description=__doc__
    )
    parser.parse_args(argv)
    print("\n".join(temperature_table(cross_validated(temperature=1.0))))
    scored = cross_validated()
    top1 = sum(s.ranked[0][0] == s.truth for s in scored) / len(scored)
    top2 = sum(s.truth in (s.ranked[0][0], s.ranked[1][0]) for s in scored) / len(scored)
    print(f"{len(scored)} training examples, {FOLDS}-fold: top-1 {top1:.3f}, top-2 {top2:.3f}")
    print("\n".join(table(scored)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
