"""Decision register search at 100,000 decisions (`--quick`: 10,000), on SQLite and on PostgreSQL.

The register is filled by bulk inserts straight into the store (meetings, their cases and one decision
each, with the search text and, on SQLite, the FTS5 rows the recording code writes), then asked through
`search_decisions`, the function chat and the CLI call, in a fresh read session per question: words
(two words, both required), words with a body, and a body with a year. Baselines in the same run: the
same filters with the words found by an unindexed `LIKE` scan, and for body + period the whole register
read and filtered in Python. PostgreSQL is skipped with a note when it cannot be reached.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text

from benchmarks.databases import database
from benchmarks.figures import Figure, percentile

OSLO = ZoneInfo("Europe/Oslo")
PER_MEETING = 10
PREFIXES = (
    "kurve journal laboratorie røntgen ambulanse turnus lønn sky nett data tale bilde prøve legemiddel "
    "pasient senge vakt bestillings tolke portal"
).split()
SUFFIXES = "løsning system plattform modul tjeneste avtale integrasjon oppgradering rutine prosjekt".split()
PLACES = [f"{name}{n}" for name in ("oslo", "ahus", "vestre", "innlandet", "sorlandet") for n in range(200)]
VERBS = ("godkjenner", "prioriterer", "utsetter", "avviser", "tar til orientering", "ber om ny sak om")


def run(quick: bool) -> list[Figure]:
    size = 10_000 if quick else 100_000
    figures: list[Figure] = []
    for kind in ("sqlite", "postgresql"):
        try:
            figures += _measure(kind, size, 60 if quick else 300)
        except Exception as error:  # PostgreSQL not reachable: the SQLite figures still stand
            if kind == "sqlite" or "connect" not in str(error).lower():
                raise
            figures.append(Figure(f"decision search ({kind})", float("nan"), "ms", note=f"skipped: {error}"))
    return figures


def _measure(kind: str, size: int, samples: int) -> list[Figure]:
    from handlers.decisions.register import RegisterQuery, search_decisions
    from models.repositories.decision_search import like_condition
    from models.store import open_store

    with database(kind) as url:
        store = open_store(url, "hso-2026")
        try:
            bodies = _fill(store, size)
            rng = random.Random(size)
            model_id = store.model_id

            def words() -> tuple[str, ...]:
                return (rng.choice(PREFIXES) + rng.choice(SUFFIXES), rng.choice(PLACES))

            def year() -> tuple[date, date]:
                y = rng.randint(2020, 2026)
                return date(y, 1, 1), date(y, 12, 31)

            shapes: dict[str, Callable[[], RegisterQuery]] = {
                "words": lambda: RegisterQuery(words=words()),
                "words+body": lambda: RegisterQuery(words=words(), body_key=rng.choice(bodies)),
                "body+period": lambda: RegisterQuery(
                    body_key=rng.choice(bodies), since=(p := year())[0], until=p[1]
                ),
            }

            def indexed(query: RegisterQuery) -> Any:
                with store.read() as session:
                    return search_decisions(session, model_id, query, limit=10)

            def like(query: RegisterQuery) -> Any:
                with store.read() as session:
                    scan = [like_condition(list(query.words))] if query.words else []
                    return search_decisions(session, model_id, replace(query, words=()), limit=10, extra=scan)

            def in_python(query: RegisterQuery) -> Any:
                with store.read() as session:
                    every = search_decisions(session, model_id, RegisterQuery()).rows
                    return [
                        r
                        for r in every
                        if r[0].body_key == query.body_key
                        and query.since <= r[2].starts_at.astimezone(OSLO).date() <= query.until  # type: ignore[operator]
                    ][:10]

            figures = []
            for shape, make in shapes.items():
                queries = [make() for _ in range(samples)]
                indexed(queries[0])  # warm the caches and the plan
                timed = _timings(indexed, queries)
                slow = in_python if shape == "body+period" else like
                baseline = _timings(slow, queries[: 5 if shape == "body+period" else max(10, samples // 10)])
                figures.append(
                    Figure(
                        f"decision search {shape} p99 @ {size:,} decisions ({kind})",
                        percentile(timed, 99) * 1000,
                        "ms",
                        baseline=percentile(baseline, 99) * 1000,
                        target="<= 10 ms" if kind == "postgresql" and size == 100_000 else "",
                        note=(
                            f"p50 {percentile(timed, 50) * 1000:.2f} ms over {len(timed)} questions; baseline: "
                            + ("whole register filtered in Python" if shape == "body+period" else "LIKE scan")
                            + f", p50 {percentile(baseline, 50) * 1000:.1f} ms"
                            + ("; quick run" if size < 100_000 else "")
                        ),
                    )
                )
            return figures
        finally:
            store.close()


def _timings(call: Callable[[Any], Any], queries: list[Any]) -> list[float]:
    timings = []
    for query in queries:
        started = time.perf_counter()
        call(query)
        timings.append(time.perf_counter() - started)
    return timings


def _fill(store: Any, size: int) -> list[str]:
    """Bulk-insert `size` decisions over meetings of every body, 2020-2026; returns the body keys."""
    from models.repositories.decision_search import search_keys
    from models.tables import AgendaItem, Body, Decision, Meeting
    from models.tables.decisions import FTS_TABLE

    rng = random.Random(7)
    with store.session() as session:
        bodies = list(session.execute(select(Body.id, Body.key).where(Body.model_id == store.model_id)))
        start = datetime(2020, 1, 6, 9, tzinfo=OSLO)
        meetings = [
            {
                "model_id": store.model_id,
                "body_id": bodies[i % len(bodies)][0],
                "body_key": bodies[i % len(bodies)][1],
                "starts_at": start + timedelta(hours=6 * i),
                "status": "planned",
                "papers_due": (start + timedelta(hours=6 * i)).date() - timedelta(days=10),
                "created_by": "bench",
            }
            for i in range(size // PER_MEETING)
        ]
        session.execute(insert(Meeting), meetings)
        rows = session.execute(
            select(Meeting.id, Meeting.body_key, Meeting.starts_at).where(Meeting.model_id == store.model_id)
        ).all()
        count = 0
        for batch in range(0, len(rows), 500):
            items, decisions = [], []
            for meeting_id, body_key, _starts_at in rows[batch : batch + 500]:
                for _ in range(PER_MEETING):
                    count += 1
                    topic = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
                    title = f"{topic.capitalize()} for {rng.choice(PLACES)}"
                    items.append(
                        {
                            "model_id": store.model_id,
                            "meeting_id": meeting_id,
                            "body_key": body_key,
                            "number": f"b{count}",
                            "title": title,
                            "owner_key": "bench",
                            "kind": "decision",
                        }
                    )
            ids = session.execute(insert(AgendaItem).returning(AgendaItem.id), items).scalars().all()
            for item_id, item in zip(ids, items, strict=True):
                said = f"Styret {rng.choice(VERBS)} {rng.choice(PREFIXES) + rng.choice(SUFFIXES)} i {rng.choice(PLACES)}."
                decisions.append(
                    {
                        "model_id": store.model_id,
                        "body_key": item["body_key"],
                        "meeting_id": item["meeting_id"],
                        "agenda_item_id": item_id,
                        "number": item["number"],
                        "version": 1,
                        "outcome": rng.choice(("approved", "rejected", "postponed", "noted")),
                        "text": said,
                        "recorded_by": "bench",
                        "recorded_at": datetime.now(OSLO),
                        "search_text": f"{said} {item['title']}",
                    }
                )
            decided = session.execute(insert(Decision).returning(Decision.id), decisions).scalars().all()
            if session.get_bind().dialect.name == "sqlite":
                session.execute(
                    text(f"INSERT INTO {FTS_TABLE} (rowid, keys) VALUES (:id, :keys)"),
                    [
                        {"id": i, "keys": search_keys(d["search_text"])}
                        for i, d in zip(decided, decisions, strict=True)
                    ],
                )
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if connection.dialect.name == "postgresql" else "ANALYZE"))
    return [key for _, key in bodies]
