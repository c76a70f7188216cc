"""The one understanding step: a message becomes an intent, its slots and a confidence.

Slots are found first and masked, then the classifier scores every intent. The classifier is trained
once per process from the training part of the examples (or loaded from the cache directory, where the
first process left it), so the first message does not pay for it when the server warmed it at start.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.understanding.asking import Understanding
from handlers.understanding.classifier import IntentModel, TrainingItem, load_or_train
from handlers.understanding.examples import Example, training_examples
from handlers.understanding.families import settle
from handlers.understanding.features import masked
from handlers.understanding.slot_extraction import extract_slots
from handlers.understanding.slots import Span

ALTERNATIVES = 3
_lock = threading.Lock()
_models: dict[Path | None, IntentModel] = {}


def understand(text: str, ctx: HandlerContext, session: Session, today: date) -> Understanding:
    slots = extract_slots(text, ctx, session, today)
    ranked = intent_model(ctx.classifier_cache_dir).probabilities(masked(text, slots.spans))
    (intent, confidence), *rest = ranked
    return settle(Understanding(intent, confidence, slots, tuple(rest)), ALTERNATIVES)


def intent_model(cache_dir: Path | None = None) -> IntentModel:
    """The process's classifier; trained (or loaded) by the first caller, shared by every thread after."""
    model = _models.get(cache_dir)
    if model is None:
        with _lock:
            model = _models.get(cache_dir)
            if model is None:
                model = load_or_train(training_items(training_examples()), cache_dir)
                _models[cache_dir] = model
    return model


def training_items(examples: Iterable[Example]) -> list[TrainingItem]:
    """Each example masked where its markup names a slot, as the extractor would mask a live message."""
    return [TrainingItem(masked(e.text, marked_spans(e)), e.intent) for e in examples]


def marked_spans(example: Example) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for slot in example.slots:
        start = example.text.find(slot.value, position)
        if start >= 0:
            spans.append(Span(slot.name, start, start + len(slot.value)))
            position = start + len(slot.value)
    return spans
