"""Reliability 5: generated initiative forms through the web chat's JSON API never break the store.

Every example is one POST to `/webchat/api/forms` on the real aiohttp app. Each of the form's fields is
either left as a valid value or replaced by something hostile: random unicode, empty, whitespace, longer
than its limit, numbers, ranges (reversed too), negative amounts, unknown trusts and systems, a list where
text is expected. The answer is either a reference with exactly one more initiative and one more audit
row, or per-field errors (readable sentences keyed by the form's real field names) with every table the
intake writes unchanged. The 10,000-example run uses SQLite only (the `heavy` marker adds nothing
but the count); PostgreSQL runs 200 examples.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.initiatives.form import FIELD_ORDER, LIMITS
from models.identity_numbers import holds_identity_number
from models.tables import (
    AuditEntry,
    Initiative,
    InitiativeDomain,
    InitiativeSequence,
    InitiativeSystem,
    InitiativeTrust,
)
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.bot.webchat_client import visitor

FORM_FIELDS = (*FIELD_ORDER, "domain")
TABLES = (Initiative, InitiativeDomain, InitiativeSystem, InitiativeTrust, InitiativeSequence, AuditEntry)
VALID = {**GOOD, "systems": "DIPS", "investment": "2,5", "operating_cost": "1-3", "domain": ""}
REQUIRED = ("title", "need", "change", "benefit", "trusts", "contact")

_unicode = st.text(max_size=60)
_numbers = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
_ranges = st.tuples(
    st.integers(-50, 10**6), st.integers(-50, 10**6), st.sampled_from(["-", "–", " - ", "..", " til "])
)
HOSTILE = st.one_of(
    _unicode,
    st.just(""),
    st.sampled_from(["   ", "\n\t", "\u200b", "\x00"]),
    _numbers,
    _ranges.map(lambda r: f"{r[0]}{r[2]}{r[1]}"),
    st.integers(-(10**9), -1).map(lambda n: f"{n} MNOK"),
    st.sampled_from(["ukjent-hf", "Sykehuset Atlantis", "DIPS, Fantasia", "ahus;;;x", "AHUS"]),
    st.lists(_unicode, max_size=4),
)
"""Values that are certainly wrong for a required text field of the given name."""


def _overlong(name: str) -> st.SearchStrategy[str]:
    high = LIMITS[name][1] if name in LIMITS else 5000
    return st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Z", "C")), min_size=1, max_size=3
    ).map(lambda chunk: (chunk * (high + 2))[: high + 50])


@st.composite
def submissions(draw: st.DrawFn) -> tuple[dict[str, Any], frozenset[str], frozenset[str]]:
    """(values, fields changed, required fields that are certainly invalid)."""
    changed = draw(st.sets(st.sampled_from(FORM_FIELDS), max_size=len(FORM_FIELDS)))
    values: dict[str, Any] = dict(VALID)
    certain: set[str] = set()
    for name in sorted(changed):
        kind = draw(st.sampled_from(["hostile", "missing", "empty", "overlong"]))
        if kind == "missing":
            values.pop(name, None)
        elif kind == "empty":
            values[name] = ""
        elif kind == "overlong":
            values[name] = draw(_overlong(name))
        else:
            values[name] = draw(HOSTILE)
        if kind in ("missing", "empty") and name in REQUIRED:
            certain.add(name)
        if kind == "overlong" and name in LIMITS:
            certain.add(name)
    return values, frozenset(changed), frozenset(certain)


def _counts(ctx: HandlerContext) -> tuple[int, ...]:
    with ctx.store.read() as session:
        query = select(*(select(func.count()).select_from(t).scalar_subquery() for t in TABLES))
        return tuple(session.execute(query).one())


def _readable(message: object) -> bool:
    """A sentence with its placeholders filled; the user's own value is echoed in «», so it is left out."""
    text = message if isinstance(message, str) else ""
    ours = re.sub(r"«.*»", "", text, flags=re.DOTALL)
    return bool(ours.strip()) and not any(bad in ours for bad in ("{", "}", "Traceback", "pydantic", "Error"))


SUBMITTER = "kari-nordmann"  # a demo person: anonymous web visitors may not submit


@dataclass
class Tally:
    accepted: int = 0
    rejected: int = 0
    statuses: set[int] = field(default_factory=set)


def _fuzz(ctx: HandlerContext, examples: int) -> Tally:
    """Drives `examples` generated forms through the web chat API on an event loop of its own."""
    loop = asyncio.new_event_loop()

    async def start() -> TestClient:
        started = TestClient(TestServer(create_app(ctx, Settings(GOVBOT_DEMO=True))))
        await started.start_server()
        return started

    client = loop.run_until_complete(start())
    chat = loop.run_until_complete(visitor(client, SUBMITTER))
    tally = Tally()
    seq = iter(range(10**9))

    async def post(values: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        body = {"form_id": "initiative", "submission_id": f"fuzz-{next(seq)}", "values": values}
        return await chat.post("/webchat/api/forms", body)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(submissions())
    def one(case: tuple[dict[str, Any], frozenset[str], frozenset[str]]) -> None:
        values, changed, certain = case
        before = _counts(ctx)
        status, answer = loop.run_until_complete(post(values))
        after = _counts(ctx)
        tally.statuses.add(status)
        assert status == 200, (status, answer)
        if answer["ok"]:
            tally.accepted += 1
            assert REFERENCE.search(json.dumps(answer["reply"], ensure_ascii=False)), answer
            assert after[0] == before[0] + 1  # one initiative
            assert after[-1] == before[-1] + 1  # exactly one audit row
            assert not certain, (certain, values)
        else:
            tally.rejected += 1
            errors = answer["errors"]
            assert errors and set(errors) <= set(FORM_FIELDS), errors
            assert all(_readable(message) for message in errors.values()), errors
            assert after == before, (before, after)  # nothing half-written
            assert changed, (values, errors)  # an untouched form is valid
            if holds_identity_number(values):
                # refused before any other check, naming only the fields that hold the number (a generated
                # integer such as 20922789887 can be a valid one); the rest is not looked at
                assert all(holds_identity_number(values.get(name)) for name in errors), errors
            else:
                assert certain <= set(errors), (certain, errors)

    try:
        one()
    finally:
        loop.run_until_complete(client.close())
        loop.close()
    return tally


@pytest.fixture
def sqlite_context(tmp_path: Path) -> Iterator[HandlerContext]:
    """SQLite only for the big runs (stated in the name): a file database of its own, like `govbot`'s."""
    from models.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'fuzz.db'}", "hso-2026")
    try:
        yield HandlerContext(store=store)
    finally:
        store.close()


def test_1000_generated_forms_on_sqlite_are_a_reference_or_per_field_errors_never_5xx(
    sqlite_context: HandlerContext,
) -> None:
    tally = _fuzz(sqlite_context, 1_000)
    assert tally.statuses == {200}
    assert tally.accepted > 0 and tally.rejected > 0, tally


@pytest.mark.heavy
def test_10000_generated_forms_on_sqlite_are_a_reference_or_per_field_errors_never_5xx(
    sqlite_context: HandlerContext,
) -> None:
    tally = _fuzz(sqlite_context, 10_000)
    assert tally.statuses == {200}
    assert tally.accepted > 0 and tally.rejected > 0, tally


@pytest.mark.postgres_only
def test_200_generated_forms_on_postgresql_are_a_reference_or_per_field_errors_never_5xx(
    context: HandlerContext,
) -> None:
    tally = _fuzz(context, 200)
    assert tally.statuses == {200}
    assert tally.accepted > 0 and tally.rejected > 0, tally
