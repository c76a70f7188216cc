"""Ownership lookup in-process: "hvem eier <system>?" through `handle_message` on catalogues of growing
size, for exact, misspelt and unknown names, p50 / p99 / max each. A misspelt generated name may rightly
stay unanswered (its neighbours «Fagsystem 000076» and «… 000079» score nearly as high), so only exact
questions must be answered.

Systems are generated straight into the store (one insert per batch), with the catalogue version bumped
as an import would. The first question builds the name index and the first misspelt one the trigram
prefilter; both are timed as build figures and not counted in the lookups. Baseline for misspelt and
unknown names: the same questions in the same run with the prefilter swapped for the old full scan
(`FullScan`: rapidfuzz over every name); for exact names, the 100-system catalogue.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from sqlalchemy import insert, select, update

from benchmarks.databases import sqlite_database
from benchmarks.figures import Figure, percentile

QUESTIONS = 200
BASELINE_QUESTIONS = 60
"""The full scan takes ~0.1 s a question at 100,000 systems: fewer samples keep the run short."""


def run(quick: bool) -> list[Figure]:
    sizes = (100, 1_000, 10_000) if quick else (100, 1_000, 10_000, 100_000)
    results = {size: _measure(size) for size in sizes}
    note = "in-process handle_message, SQLite" + ("; quick run stops at 10,000" if quick else "")
    figures: list[Figure] = []
    exact_base = results[100]["exact"]
    for size, measured in results.items():
        exact = measured["exact"]
        figures.append(
            _figure(f"exact-name lookup @ {size:,} systems", exact, exact_base, note, "100 systems")
        )
        for kind in ("misspelt", "unknown"):
            target = "p99 <= 10 ms" if kind == "misspelt" and size == 100_000 else ""
            figures.append(
                _figure(
                    f"{kind}-name lookup @ {size:,} systems",
                    measured[kind],
                    measured[f"{kind} full scan"],
                    note,
                    "old full scan, same run",
                    target,
                )
            )
        figures.append(
            Figure(
                f"name index build @ {size:,} systems",
                measured["index build"][0] * 1000,
                "ms",
                note=note + "; first question after a catalogue change",
                extra={"trigram prefilter build ms": round(measured["prefilter build"][0] * 1000, 1)},
            )
        )
    return figures


def _figure(
    name: str, timings: list[float], baseline: list[float], note: str, base_name: str, target: str = ""
) -> Figure:
    p50, p99, top = (percentile(timings, q) * 1000 for q in (50, 99, 100))
    b50, b99, btop = (percentile(baseline, q) * 1000 for q in (50, 99, 100))
    return Figure(
        name + " p99",
        p99,
        "ms",
        baseline=b99,
        target=target,
        note=f"{note}; p50 {p50:.2f} / max {top:.2f} ms; baseline ({base_name}) p50 {b50:.2f} / max {btop:.2f} ms",
        extra={"p50 ms": p50, "max ms": top, "baseline p50 ms": b50, "baseline max ms": btop},
    )


def misspell(name: str, rng: random.Random) -> str:
    """One slip a person makes: a letter dropped, doubled or swapped with its neighbour."""
    word, _, rest = name.partition(" ")
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        word = word[:i] + word[i + 1 :]
    elif kind == 1:
        word = word[:i] + word[i] + word[i:]
    else:
        word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return f"{word} {rest}".strip()


REAL_NAMES = ("Sykehusapotekenes ERP", "Adresseregisteret", "Ambulanseflåtestyring", "Legemiddelanalyse")
"""Names in the shipped catalogue, misspelt on the 100-system catalogue (no generated systems there)."""
UNKNOWN = ("Journalkvasir", "Pasientflyt Nordlys", "Labsvar Ekspress", "Bildeportalen Midt", "Medikamentus")


def _measure(size: int) -> dict[str, list[float]]:
    from handlers.context import HandlerContext
    from handlers.dispatch import handle_message
    from handlers.lookup.candidates import FullScan
    from handlers.lookup.catalogue import catalogue_view
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
            names = [f"Fagsystem {i:06d}" for i in range(len(rows))] or list(REAL_NAMES)
            rng = random.Random(size)

            def ask(text: str, intent: str | None = "who_owns") -> float:
                started = time.perf_counter()
                reply = handle_message(IncomingMessage(f"hvem eier {text}?", sender), ctx)
                took = time.perf_counter() - started
                assert intent is None or reply.intent == intent, (text, reply.intent)
                return took

            def many(count: int, pick: Callable[[], str], intent: str | None) -> list[float]:
                return [ask(pick(), intent) for _ in range(count)]

            out: dict[str, list[float]] = {"index build": [ask("DIPS")]}
            out["prefilter build"] = [ask(misspell(rng.choice(names), rng), None)]
            out["exact"] = many(QUESTIONS, lambda: rng.choice(names), "who_owns")
            out["misspelt"] = many(QUESTIONS, lambda: misspell(rng.choice(names), rng), None)
            out["unknown"] = many(QUESTIONS, lambda: rng.choice(UNKNOWN), None)
            with store.session() as session:
                systems = catalogue_view(ctx, session).systems
            systems.use_candidates(FullScan([label for label in systems.labels if len(label) >= 4]))
            out["misspelt full scan"] = many(
                BASELINE_QUESTIONS, lambda: misspell(rng.choice(names), rng), None
            )
            out["unknown full scan"] = many(BASELINE_QUESTIONS, lambda: rng.choice(UNKNOWN), None)
        finally:
            store.close()
    return out
