"""Status query on PostgreSQL with a large history: "status INI-…" through `handle_message`, asked by the
submitter (so the full answer, with its audit history, is built). Initiatives and audit rows are
bulk-loaded with COPY; ten audit rows per initiative. Baseline: the same question on a database of 100
initiatives, to show what the volume costs. Beside the time, the SQL statements of one question (an
SQLAlchemy `before_cursor_execute` counter; transaction control not counted): each is a round trip, and
round trips, not the database's work (0.1-0.2 ms per statement in EXPLAIN ANALYZE), are most of the time.
"""

from __future__ import annotations

import json
import random
import time
from datetime import UTC, datetime

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, percentile

QUESTIONS = 300
PER_YEAR = 9_999
"""References are INI-<year>-<up to 4 digits>, so large volumes spread over several years."""


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def run(quick: bool) -> list[Figure]:
    initiatives = 10_000 if quick else 100_000
    mine, question, answer = _measure(initiatives, audit_per=10)
    base, _, _ = _measure(100, audit_per=10)
    size = f"{initiatives:,} initiatives / {initiatives * 10:,} audit rows"
    return [
        Figure(
            "status query p99",
            mine * 1000,
            "ms",
            baseline=base * 1000,
            target="<= 10 ms",
            note=f"PostgreSQL, {size}"
            + (" (quick; full run: 100,000 / 1,000,000)" if quick else "")
            + "; baseline: 100 initiatives",
        ),
        Figure(
            "status query SQL statements",
            answer,
            "statements",
            target="<= 3",
            note=f"the status answer (asker, initiative with all it shows, history); the whole question "
            f"through handle_message: {question} (the rest: dispatch's dialog and catalogue checks)",
            extra={"question": question, "answer": answer},
        ),
    ]


def _counting(store):  # type: ignore[no-untyped-def]
    """A list that collects every SQL statement the store's engine sends (transaction control left out)."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if not statement.startswith(TRANSACTION_CONTROL):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    return seen, lambda: event.remove(store.engine, "before_cursor_execute", count)


def _reference(i: int) -> tuple[int, int, str]:
    year, sequence = 2000 + i // PER_YEAR, i % PER_YEAR + 1
    return year, sequence, f"INI-{year}-{sequence:04d}"


def _load(store, count: int, audit_per: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from models.tables import Domain

    with store.read() as session:
        domain = session.scalar(select(Domain.id).where(Domain.model_id == store.model_id))
    now = datetime.now(UTC)
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        columns = (
            "model_id, reference, year, sequence, title, need, change, benefit, contact, state, "
            "domain_id, submitter_platform, submitter_user_id, language, submission_id, escalate, "
            "created_at, updated_at"
        )
        with cursor.copy(f"COPY initiatives ({columns}) FROM STDIN") as copy:
            for i in range(count):
                year, sequence, reference = _reference(i)
                copy.write_row(
                    (
                        store.model_id,
                        reference,
                        year,
                        sequence,
                        f"Initiativ {i}",
                        "Behov.",
                        "Endring.",
                        "Gevinst.",
                        "kari@example.no",
                        "under_vurdering",
                        domain,
                        "terminal",
                        "bench",
                        "nb",
                        f"bench-{i}",
                        False,
                        now,
                        now,
                    )
                )
        audit = "at, actor, action, entity_type, entity_ref, model_key, before, after"
        with cursor.copy(f"COPY audit_log ({audit}) FROM STDIN") as copy:
            for i in range(count):
                reference = _reference(i)[2]
                for step in range(audit_per):
                    copy.write_row(
                        (
                            now,
                            "Kari Bench",
                            "initiative.state",
                            "initiative",
                            reference,
                            store.model.key,
                            json.dumps({"state": "innmeldt"}),
                            json.dumps({"state": "under_vurdering", "n": step}),
                        )
                    )
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()


def _measure(count: int, audit_per: int) -> tuple[float, int, int]:
    """p99 in seconds, then the statements of one whole question and of its status answer."""
    from handlers.context import HandlerContext
    from handlers.dispatch import handle_message
    from handlers.identity import resolve_actor
    from handlers.initiatives.status import answer_status
    from handlers.messages import IncomingMessage, Sender
    from models.store import open_store

    with postgres_database() as url:
        store = open_store(url, "hso-2026")
        try:
            _load(store, count, audit_per)
            ctx = HandlerContext(store=store)
            sender = Sender("terminal", "bench")
            rng = random.Random(count)
            handle_message(IncomingMessage(f"status {_reference(0)[2]}", sender), ctx)
            timings = []
            for _ in range(QUESTIONS):
                message = IncomingMessage(f"status {_reference(rng.randrange(count))[2]}", sender)
                started = time.perf_counter()
                reply = handle_message(message, ctx)
                timings.append(time.perf_counter() - started)
                assert reply.intent == "initiative.status", reply.intent
            reference = _reference(rng.randrange(count))[2]
            seen, stop = _counting(store)
            handle_message(IncomingMessage(f"status {reference}", sender), ctx)
            question = len(seen)
            seen.clear()
            with store.read() as session:
                actor = resolve_actor(session, store.model_id, sender)
                answer_status(ctx, session, reference, actor, "nb")
            answer = len(seen)
            stop()
        finally:
            store.close()
    return percentile(timings, 99), question, answer
