"""Ownership lookup in-process: "hvem eier <system>?" through `handle_message` on catalogues of growing
size, to show how the cost grows. Systems are generated straight into the store (one insert per batch),
with the catalogue version bumped as an import would; the first question builds the name index and is
not counted. Baseline: the same question on the 100-system catalogue.
"""

from __future__ import annotations

import random
import time

from sqlalchemy import insert, select, update

from benchmarks.databases import sqlite_database
from benchmarks.figures import Figure, percentile

QUESTIONS = 300


def run(quick: bool) -> list[Figure]:
    sizes = (100, 1_000, 10_000) if quick else (100, 1_000, 10_000, 100_000)
    p99s = {size: _measure(size) for size in sizes}
    base = p99s[100]
    note = "in-process handle_message, SQLite" + ("; quick run stops at 10,000" if quick else "")
    return [
        Figure(
            f"ownership lookup p99 @ {size:,} systems",
            p99 * 1000,
            "ms",
            baseline=base * 1000,
            target="<= 5 ms" if size == 10_000 else "",
            note=note + "; baseline: 100 systems",
        )
        for size, p99 in p99s.items()
    ]


def _measure(size: int) -> float:
    from handlers.context import HandlerContext
    from handlers.dispatch import handle_message
    from handlers.messages import IncomingMessage, Sender
    from models.store import open_store
    from models.tables import Domain, GovernanceModelRow, System

    with sqlite_database() as url:
        store = open_store(url, "hso-2026")
        try:
            with store.session() as session:
                domains = list(session.scalars(select(Domain.id).where(Domain.model_id == store.model_id)))
                existing = len(list(session.scalars(select(System.id))))
                rows = [
                    {
                        "model_id": store.model_id,
                        "key": f"bench-{i}",
                        "name": f"Fagsystem {i:06d}",
                        "description": "Generert for ytelsesmåling.",
                        "owning_domain_id": domains[i % len(domains)],
                    }
                    for i in range(max(0, size - existing))
                ]
                for start in range(0, len(rows), 5_000):
                    session.execute(insert(System), rows[start : start + 5_000])
                session.execute(
                    update(GovernanceModelRow)
                    .where(GovernanceModelRow.id == store.model_id)
                    .values(catalogue_version=GovernanceModelRow.catalogue_version + 1)
                )
            ctx = HandlerContext(store=store)
            sender = Sender("terminal", "bench")
            names = ["DIPS"] + [f"Fagsystem {i:06d}" for i in range(len(rows))]
            handle_message(IncomingMessage("hvem eier DIPS?", sender), ctx)  # builds the index
            rng = random.Random(size)
            timings = []
            for _ in range(QUESTIONS):
                message = IncomingMessage(f"hvem eier {rng.choice(names)}?", sender)
                started = time.perf_counter()
                reply = handle_message(message, ctx)
                timings.append(time.perf_counter() - started)
                assert reply.intent == "who_owns", reply.intent
        finally:
            store.close()
    return percentile(timings, 99)
