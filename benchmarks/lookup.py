"""Ownership lookup in-process: "hvem eier <system>?" through `handle_message` on catalogues of growing
size, for exact, misspelt and unknown names, p50 / p99 / max each. A misspelt generated name may rightly
stay unanswered (its neighbours «Fagsystem 000076» and «… 000079» score nearly as high), so only exact
questions must be answered.

Systems are generated straight into the store (one insert per batch), with the catalogue version bumped
as an import would. The first question builds the name index and the first misspelt one the trigram
prefilter; both are timed as build figures and not counted in the lookups. Baseline for misspelt and
unknown names: the same questions in the same run with the prefilter swapped for the old full scan
(`FullScan`: rapidfuzz over every name); for exact names, the 100-system catalogue.

After the lookups, one row is imported with the real importer (`import_catalogue`, committed) and the
next `catalogue_view` call is timed: the index brought up to date from the change log ("index update
after one imported row"; its baseline is the full rebuild of the same index in the same run). The timed
call is what every process does on its next question; the import itself is not counted.
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
        update, rebuild = measured["index update"][0] * 1000, measured["full rebuild"][0] * 1000
        figures.append(
            Figure(
                f"index update after one imported row @ {size:,} systems",
                update,
                "ms",
                baseline=rebuild,
                target="<= 50 ms" if size == max(sizes) else "",
                note=note
                + "; baseline: the full rebuild of the index (system_entries + NameIndex + prefilter)",
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


IMPORTS = 5
"""Single-row imports timed per catalogue size (median and max reported)."""


def _import_one(store, ctx, size: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """(index updates after one imported row each, full rebuilds of the same index), in seconds.

    The import runs here, in the measuring process, but stands for one in another process: its garbage
    (100,000 ORM rows loaded to match keys) is collected before the timed call, so a collection the
    import caused is not charged to the replica's update."""
    import gc
    import tempfile
    from pathlib import Path

    from handlers.lookup.candidates import CandidateIndex
    from handlers.lookup.catalogue import build_view, catalogue_view
    from handlers.lookup.names import MIN_FUZZY_LENGTH
    from models.catalogue.importer import import_catalogue
    from models.tables import GovernanceModelRow

    with store.read() as session:  # the trigram prefilter back in place of the full-scan baseline's
        systems = catalogue_view(ctx, session).systems
        systems.use_candidates(
            CandidateIndex([label for label in systems.labels if len(label) >= MIN_FUZZY_LENGTH])
        )
    updates, rebuilds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(IMPORTS):
            path = Path(tmp) / f"one-{n}.csv"
            path.write_text(
                "name,aliases,domain,cross_domains,coordinating_domain,description\n"
                f"Nytt fagsystem {size}-{n},NF{size}x{n},pasientbehandling,,,Importert i målingen\n",
                encoding="utf-8",
            )
            with store.session() as session:
                row = session.get_one(GovernanceModelRow, store.model_id)
                report = import_catalogue(session, row, path, actor="bench")
                assert report.applied and report.created == 1, report
            gc.collect()
            with store.read() as session:
                started = time.perf_counter()
                view = catalogue_view(ctx, session)
                view.systems.fuzzy_candidates()
                updates.append(time.perf_counter() - started)
                assert view.systems.find_exact(f"nytt fagsystem {size}-{n}"), "the imported system is missing"
    for _ in range(2):
        with store.read() as session:
            started = time.perf_counter()
            build_view(ctx, session, view.version).systems.fuzzy_candidates()
            rebuilds.append(time.perf_counter() - started)
    return updates, rebuilds


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
            out["index update"], out["full rebuild"] = _import_one(store, ctx, size)
        finally:
            store.close()
    return out
