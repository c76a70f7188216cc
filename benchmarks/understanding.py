"""How well today's dispatch understands people: intent accuracy on the held-back examples, the dev set's
pass rate, the share of fallbacks and of catalogue lookups for text not about a system, and latency.

Every utterance goes through `handlers.dispatch.handle_message` in-process, on a fresh SQLite file with
the hso-2026 preset and a little seeded data (an initiative per kind of question, meetings with a case
whose papers are missing), sent as the kind of person the intent needs (`asker` in the inventory). A
reply counts as understood when its `Reply.intent` is one the inventory lists for the example's intent.
Only the held-back part of the examples is scored (handlers/understanding/examples.py says why it must
never be trained on). Baselines from the same run: the training part's accuracy beside the held-back
one, the dev set's right-intent rate beside its pass rate, and the `help` reply as the latency floor.
Latency is timed on the held-back and dev messages after the training part has been sent once, so
caches are warm as a running server's are; the ten slowest messages are kept beside the p99.
The per-utterance misses go into the JSON result (`details`) for whoever builds the classifier next.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from benchmarks.databases import sqlite_database
from benchmarks.figures import Figure, percentile

ROOT = Path(__file__).resolve().parent.parent
CHECKS = Path(__file__).resolve().parent / "data" / "conversation-dev-checks.yaml"
DEV_SET_ENV = "GOVBOT_DEV_SET"
"""Overrides where the dev set is read from (a worktree is not beside `shared/`)."""
NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
"""A Monday: the seeded Pasientbehandling case's papers are due this week, its meeting is next month."""
QUICK_LIMIT = 40
PERSONS = {"clinician": "marte-solheim", "secretariat": "hilde-karlsen", "board": "torbjorn-amundsen"}
"""Submitter of the seeded initiatives; the secretariat of Pasientbehandling (and Infrastruktur og
teknologi), whose meeting next month has the missing papers; a Pasientbehandling board member."""
FALLBACK_REPLIES = frozenset({"unknown"})
CLARIFY_REPLIES = frozenset({"clarify"})
CATALOGUE_REPLIES = frozenset({"who_owns", "who_owns.unknown"})
SYSTEM_INTENTS = frozenset({"who_owns"})
HELP_TIMINGS = 200
SLOWEST = 10
"""The slowest messages are kept beside the p99, so the next session sees what costs."""


@dataclass(frozen=True)
class Outcome:
    text: str
    intent: str
    reply_intent: str
    understood: bool
    seconds: float
    reply_text: str


def run(quick: bool) -> list[Figure]:
    return measure(limit=QUICK_LIMIT if quick else None)


def dev_set_path() -> Path:
    return Path(os.environ.get(DEV_SET_ENV) or ROOT.parent / "shared" / "data" / "conversation-dev.jsonl")


def measure(limit: int | None = None, dev_set: Path | None = None) -> list[Figure]:
    """`limit` keeps N evenly spread examples of each set and dev questions (the quick run and the test)."""
    from handlers.understanding.examples import held_back_examples, inventory, training_examples

    specs = inventory()
    held = _spread(held_back_examples(), limit)
    train = _spread(training_examples(), limit)
    dev_path = dev_set or dev_set_path()
    dev = _spread(_dev_questions(dev_path), limit) if dev_path.exists() else []
    with sqlite_database() as url:
        ctx, store = _seeded_context(url)
        try:
            _send(ctx, "hvem eier DIPS?", "board", -1)  # builds the catalogue index, not counted
            help_times = [_send(ctx, "hjelp", "board", i).seconds for i in range(HELP_TIMINGS)]
            # the training part first: it warms every responder's caches as a running server's are
            train_out = [
                _send(ctx, e.text, specs[e.intent].asker, i, e.intent, "train") for i, e in enumerate(train)
            ]
            held_out = [
                _send(ctx, e.text, specs[e.intent].asker, i, e.intent, "held") for i, e in enumerate(held)
            ]
            dev_out = [
                (check, _send(ctx, check["text"], who, i, check["intent"], "dev"))
                for i, (check, who) in enumerate(dev)
            ]
            classified = _classified(ctx, store, held)
            training = _training_time(ctx, store)
        finally:
            store.close()
    return [*_figures(held_out, train_out, dev_out, help_times, limit), *classified, training]


def _classified(ctx: Any, store: Any, held: list[Any]) -> list[Figure]:
    """The understanding step alone (slots + classifier, no responder): is the top intent the label?"""
    from handlers.meetings.deadlines import local_date
    from handlers.understanding.understand import understand

    readings, seconds = [], []
    with store.read() as session:
        for example in held:
            started = time.perf_counter()
            readings.append(understand(example.text, ctx, session, local_date(NOW)))
            seconds.append(time.perf_counter() - started)
    right = [r.intent == e.intent for r, e in zip(readings, held, strict=True)]
    return [
        Figure(
            "understanding step latency p99",
            percentile(seconds, 99) * 1000,
            "ms",
            baseline=percentile(seconds, 50) * 1000,
            target="<= 2 ms",
            note="slots and classifier alone per held-back message, warm, one open read session; baseline: p50",
        ),
        Figure(
            "understanding classifier held-back accuracy",
            _share(right),
            "share",
            note=f"top intent of the understanding step alone over {len(held)} held-back utterances",
            details=tuple(
                {
                    "text": e.text,
                    "expected": e.intent,
                    "classified": r.intent,
                    "confidence": round(r.confidence, 2),
                }
                for r, e, ok in zip(readings, held, right, strict=True)
                if not ok
            ),
        ),
    ]


def _training_time(ctx: Any, store: Any) -> Figure:
    """Masking the training part with the slot extractor and fitting, after scikit-learn is imported."""
    from handlers.understanding.classifier import train
    from handlers.understanding.understand import live_items

    started = time.perf_counter()
    import sklearn.linear_model  # noqa: F401 - the import is timed on its own

    imported = time.perf_counter()
    with store.read() as session:
        items = live_items(ctx, session)
    train(items)
    fitted = time.perf_counter()
    return Figure(
        "understanding classifier training",
        fitted - imported,
        "s",
        baseline=imported - started,
        target="< 1 s",
        note=f"mask and fit {len(items)} training examples; baseline: importing scikit-learn in this process "
        "(0 when already imported); a cached classifier skips both",
    )


def _figures(
    held: list[Outcome],
    train: list[Outcome],
    dev: list[tuple[dict[str, Any], Outcome]],
    help_times: list[float],
    limit: int | None,
) -> list[Figure]:
    note = "in-process handle_message, SQLite, understand-then-answer"
    if limit is not None:
        note += f"; quick run: {limit} of each set"
    passed = [check for check, outcome in dev if outcome.understood and _has_words(outcome, check["words"])]
    everything = held + [outcome for _, outcome in dev]
    timings = [o.seconds for o in everything]
    misses = [_miss(o) for o in held if not o.understood]
    dev_misses = [
        {**_miss(o), "line": check["line"], "words": check["words"]}
        for check, o in dev
        if check not in passed
    ]
    wrong_lookups = [
        o for o in everything if o.reply_intent in CATALOGUE_REPLIES and o.intent not in SYSTEM_INTENTS
    ]
    return [
        Figure(
            "understanding held-back intent accuracy",
            _share([o.understood for o in held]),
            "share",
            baseline=_share([o.understood for o in train]),
            target=">= 0.95",
            note=f"{note}; {len(held)} held-back utterances; baseline: the training part",
            extra={"utterances": len(held)},
            details=tuple(misses),
        ),
        Figure(
            "understanding dev-set pass rate",
            len(passed) / len(dev) if dev else float("nan"),
            "share",
            baseline=_share([o.understood for _, o in dev]),
            target=">= 0.95",
            note=f"{note}; {len(dev)} dev questions, right intent and every required word; baseline: right intent"
            + ("" if dev else f"; dev set not found (set {DEV_SET_ENV})"),
            extra={"questions": len(dev)},
            details=tuple(dev_misses),
        ),
        Figure(
            "understanding fallback share",
            _share([o.reply_intent in FALLBACK_REPLIES for o in everything]),
            "share",
            note=f"{note}; 'did not understand' replies over held-back and dev",
        ),
        Figure(
            "understanding clarifying-question share",
            _share([o.reply_intent in CLARIFY_REPLIES for o in everything]),
            "share",
            note=f"{note}; replies that asked which of two readings was meant, over held-back and dev",
        ),
        Figure(
            "understanding catalogue lookups for non-system text",
            _share([o in wrong_lookups for o in everything]),
            "share",
            target="0",
            note=f"{note}; ownership lookups answered for text not about a system",
            details=tuple(_miss(o) for o in wrong_lookups),
        ),
        Figure(
            "understanding latency p50",
            percentile(timings, 50) * 1000,
            "ms",
            baseline=percentile(help_times, 50) * 1000,
            note=f"{note}; per held-back or dev message, warm; baseline: the help reply",
        ),
        Figure(
            "understanding latency p99",
            percentile(timings, 99) * 1000,
            "ms",
            baseline=percentile(help_times, 99) * 1000,
            target="<= 2 ms",
            note=f"{note}; per held-back or dev message, warm; baseline: the help reply",
            details=tuple(
                {**_miss(o), "ms": round(o.seconds * 1000, 2)}
                for o in sorted(everything, key=lambda o: o.seconds, reverse=True)[:SLOWEST]
            ),
        ),
    ]


def _spread(items: Iterable[Any], limit: int | None) -> list[Any]:
    """Every k-th item, so a short run still samples every examples file rather than the first one."""
    rows = list(items)
    if limit is None or len(rows) <= limit:
        return rows
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else float("nan")


def _has_words(outcome: Outcome, words: list[str]) -> bool:
    text = outcome.reply_text.casefold()
    return all(str(word).casefold() in text for word in words)


def _miss(outcome: Outcome) -> dict[str, str]:
    return {
        "text": outcome.text,
        "expected": outcome.intent,
        "replied": outcome.reply_intent,
        "reply": outcome.reply_text[:200],
    }


def _send(ctx: Any, text: str, asker: str, number: int, intent: str = "help", part: str = "") -> Outcome:
    """A conversation of its own per message, so a dialog one example opens does not swallow the next;
    `part` keeps the training part's fifth example of an intent out of the held-back fifth's conversation."""
    from handlers.dispatch import handle_message
    from handlers.messages import IncomingMessage, Sender
    from handlers.understanding.examples import inventory

    sender = Sender("terminal", PERSONS[asker])
    message = IncomingMessage(text, sender, conversation_id=f"understanding-{part}-{intent}-{number}")
    started = time.perf_counter()
    reply = handle_message(message, ctx)
    seconds = time.perf_counter() - started
    spec = inventory().get(intent)
    understood = spec is not None and reply.intent in spec.replies
    return Outcome(text, intent, reply.intent, understood, seconds, reply.text)


def _dev_questions(path: Path) -> list[tuple[dict[str, Any], str]]:
    """Each check with the asker its dev line names; a check whose text no longer matches its line fails loudly."""
    checks = yaml.safe_load(CHECKS.read_text(encoding="utf-8"))["checks"]
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = []
    for check in checks:
        row = lines[check["line"] - 1]
        if row["text"] != check["text"]:
            raise ValueError(
                f"{CHECKS.name}: line {check['line']} of {path.name} is no longer {check['text']!r}"
            )
        questions.append(
            (check, {"clinician": "clinician", "secretariat": "secretariat"}.get(row["who"], "board"))
        )
    return questions


def _seeded_context(url: str) -> tuple[Any, Any]:
    """The hso-2026 preset plus what the dev questions' required words need (see the checks file)."""
    from handlers.context import HandlerContext
    from handlers.forms import FormSubmission, handle_form
    from handlers.identity import Actor
    from handlers.initiatives.amounts import MnokRange
    from handlers.meetings.access import resolve_body
    from handlers.meetings.agenda import add_item
    from handlers.meetings.deadlines import OSLO
    from handlers.meetings.planning import add_meeting
    from handlers.messages import Sender
    from models.store import open_store

    store = open_store(url, "hso-2026")
    ctx = HandlerContext(store=store, clock=lambda: NOW)
    clinician = Sender("terminal", PERSONS["clinician"])
    for number, (title, need, investment) in enumerate(_INITIATIVES, start=1):
        values = {**_INTAKE, "title": title, "need": need, "investment": investment}
        result = handle_form(
            FormSubmission("initiative", values, clinician, "nb", f"understanding-{number}"), ctx
        )
        if not result.ok:
            raise RuntimeError(f"seeding initiative {title!r} failed: {result.errors}")

    def actor(key: str) -> Actor:
        return Actor(key, key, Sender("benchmark", key))

    with store.session() as session:
        args = (session, store.model, store.model_id)
        plans = [
            ("Pasientbehandling", datetime(2026, 12, 14, 9, tzinfo=OSLO), "hilde-karlsen"),
            ("HR-tjenester", datetime(2027, 1, 18, 9, tzinfo=OSLO), "silje-kristiansen"),
            ("porteføljestyret", datetime(2027, 3, 8, 10, tzinfo=OSLO), "ingrid-johansen"),
        ]
        meetings = [
            add_meeting(*args, actor(who), resolve_body(session, store.model_id, body), when, "Teams", NOW)
            for body, when, who in plans
        ]
        add_item(
            *args,
            actor("hilde-karlsen"),
            meetings[0].id,
            title="Ny kurveløsning",
            owner_key="hanne-kristoffersen",
            kind="decision",
            initiative_ref=None,
            operating_cost=MnokRange(0.5, 0.5),
            now=NOW,
        )
    return ctx, store


_INTAKE: dict[str, Any] = {
    "change": "Ta i bruk en regional løsning som dekker behovet.",
    "benefit": "Mindre dobbeltarbeid og tryggere pasientbehandling.",
    "trusts": ["OUS", "Ahus"],
    "systems": [],
    "operating_cost": "1,5",
    "contact": "Marte Solheim, marte.solheim@example.org",
}
_INITIATIVES = (
    (
        "Ny kurveløsning på sengepostene",
        "Papirkurvene på sengepostene gir feil i legemiddelhåndteringen.",
        "10-20",
    ),
    (
        "Regional plattform for hjemmeoppfølging",
        "Pasienter med kols følges opp hjemme uten felles løsning.",
        "60-80",
    ),
)
