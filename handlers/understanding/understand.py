"""The one understanding step: a message becomes an intent, its slots and a confidence.

Slots are found first and masked, then the classifier scores every intent. The classifier is trained
once per process from the training part of the examples (or loaded from the cache directory, where the
first process left it), so the first message does not pay for it when the server warmed it at start.

The examples are masked for training by the same slot extractor that masks a live message, not by their
markup: the two disagree (a subject word inside a free-text need is a `<domain>` to the extractor), and
on the training part's folds, training on the extractor's masks gave 0.80 against 0.76 from the markup's.
So the model depends on the catalogue and the governance model as well as on the examples, and its
cache key names all three (`model_key`).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.understanding.asking import Understanding
from handlers.understanding.classifier import (
    FORMAT_VERSION,
    REGULARISATION_C,
    TEMPERATURE,
    IntentModel,
    TrainingItem,
    keep,
    load_or_train_keyed,
)
from handlers.understanding.concepts import concepts_digest
from handlers.understanding.examples import Example, examples_digest, training_examples
from handlers.understanding.families import settle
from handlers.understanding.features import masked
from handlers.understanding.orders import unless_asked
from handlers.understanding.slot_extraction import extract_slots, slot_index
from handlers.understanding.slots import Span
from models.repositories.catalogue import catalogue_version

ALTERNATIVES = 3
_lock = threading.Lock()
_models: dict[str, IntentModel] = {}
_kept: set[tuple[str, Path | None]] = set()
"""(key, cache directory) pairs already on disk: checking the file on every message cost a stat."""


def understand(text: str, ctx: HandlerContext, session: Session, today: date) -> Understanding:
    index = slot_index(ctx, session)  # one catalogue version check serves the slots and the model
    slots = extract_slots(text, ctx, session, today, index)
    ranked = intent_model(ctx, session, index.view.version).probabilities(masked(text, slots.spans))
    (intent, confidence), *rest = ranked
    return settle(unless_asked(Understanding(intent, confidence, slots, tuple(rest)), text), ALTERNATIVES)


def intent_model(ctx: HandlerContext, session: Session, catalogue: int | None = None) -> IntentModel:
    """The process's classifier for this model and catalogue; trained (or loaded) by the first caller.
    `catalogue` is the catalogue version when the caller has just read it."""
    key = model_key(ctx, session, catalogue)
    model = _models.get(key)
    if model is None:
        with _lock:
            model = _models.get(key)
            if model is None:
                model = load_or_train_keyed(key, lambda: live_items(ctx, session), ctx.classifier_cache_dir)
                _models[key] = model
    if (key, ctx.classifier_cache_dir) not in _kept:
        keep(model, key, ctx.classifier_cache_dir)  # trained here for a context without a cache: keep it too
        _kept.add((key, ctx.classifier_cache_dir))
    return model


def warm_up(ctx: HandlerContext) -> None:
    """Train or load the classifier now (a server at start), not on the first user's message."""
    with ctx.store.read() as session:
        intent_model(ctx, session)


def model_key(ctx: HandlerContext, session: Session, catalogue: int | None = None) -> str:
    """Names what the classifier is trained from without building it: the bytes of the examples and the
    inventory, the feature code's version and its concepts, the governance model and the catalogue's
    version."""
    if catalogue is None:
        catalogue = catalogue_version(session, ctx.store.model_id)
    text = (
        f"{FORMAT_VERSION}|{REGULARISATION_C}|{TEMPERATURE}|{ctx.model.key}|{catalogue}|{examples_digest()}"
        f"|{concepts_digest()}"
    )
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def live_items(ctx: HandlerContext, session: Session) -> list[TrainingItem]:
    """Each training example masked by the slot extractor, exactly as a live message would be."""
    today = date(2026, 11, 30)  # periods mask the same whatever the day; a fixed day keeps training stable
    index = slot_index(ctx, session)
    return [
        TrainingItem(masked(e.text, extract_slots(e.text, ctx, session, today, index).spans), e.intent)
        for e in training_examples()
    ]


def training_items(examples: Iterable[Example]) -> list[TrainingItem]:
    """Each example masked where its markup names a slot: for tests of the classifier, needing no store."""
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
