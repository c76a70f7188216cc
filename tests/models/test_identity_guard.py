"""The store itself refuses identity numbers, on every write path, and leaves nothing half-written.

Defence in depth behind the entry guards: an ORM object added or changed, a Core INSERT or UPDATE, a
JSON value (serialised with escapes before it reaches the driver). And the log redaction: a number that
still reaches a log record is replaced before any handler sees it.
"""

from __future__ import annotations

import io
import logging
import random

import pytest
from sqlalchemy import insert, select, update

from bot.logs import install_redaction, redact_record
from handlers.context import HandlerContext
from models.identity_numbers import REDACTED, IdentityNumberRefused
from models.tables import AuditEntry, PersonIdentity, PersonRow
from tests.reliability.identity_shapes import SEPARATORS, identity_number, leaks, written

NUMBER = identity_number("h_number", random.Random(3))
SPACED = written(NUMBER, SEPARATORS["no_break_space"], "dd mm yy nnnnn")


def _audits(context: HandlerContext) -> int:
    with context.store.read() as session:
        return len(session.scalars(select(AuditEntry.id)).all())


def _titles(context: HandlerContext) -> list[str]:
    with context.store.read() as session:
        return list(session.scalars(select(PersonRow.title).order_by(PersonRow.id)))


def test_orm_new_and_changed_strings_are_refused_and_the_whole_unit_rolls_back(
    context: HandlerContext,
) -> None:
    titles, audits = _titles(context), _audits(context)
    with pytest.raises(IdentityNumberRefused) as refused, context.store.sessions.begin() as session:
        person = session.scalars(select(PersonRow)).first()
        person.title = "Rådgiver"  # a clean change in the same unit of work: rolled back with the rest
        session.add(PersonIdentity(platform="slack", platform_user_id="U1", display_name=f"Kari {SPACED}"))
    assert "person_identities.display_name" in str(refused.value) and NUMBER not in str(refused.value)
    with pytest.raises(IdentityNumberRefused), context.store.sessions.begin() as session:
        session.scalars(select(PersonRow)).first().organisation = f"OUS {NUMBER}"
    assert _titles(context) == titles and _audits(context) == audits
    with context.store.read() as session:
        assert session.scalars(select(PersonIdentity)).all() == []


def test_core_inserts_updates_and_json_values_are_refused(context: HandlerContext) -> None:
    audits, titles = _audits(context), _titles(context)
    row = {"actor": "t", "action": "test", "entity_type": "test", "entity_ref": "x"}
    attempts = [
        insert(AuditEntry).values(**row, reason=f"Gjelder {SPACED}"),
        insert(AuditEntry).values(**row, after={"note": [f"nr {SPACED}"]}),  # JSON escapes the no-break space
        update(PersonRow).values(title=f"Pasient {NUMBER}"),
    ]
    for statement in attempts:
        with pytest.raises(IdentityNumberRefused), context.store.sessions.begin() as session:
            session.execute(statement)
    assert _audits(context) == audits and _titles(context) == titles
    with context.store.sessions.begin() as session:  # ordinary text still goes in
        session.execute(insert(AuditEntry).values(**row, reason="Budsjett 12 500 000, INI-2026-0001"))
    assert _audits(context) == audits + 1


def test_a_number_in_a_log_record_is_redacted_for_every_handler(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(redact_record)
    log = logging.getLogger("tests.identity_guard")
    log.addHandler(handler)
    caplog.set_level(logging.DEBUG)
    try:
        log.debug("message text: %r", f"Pasient {SPACED}")
        try:
            raise ValueError(f"bad value {NUMBER}")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    captured = caplog.text + stream.getvalue()
    assert leaks([NUMBER], captured) == []
    assert REDACTED in stream.getvalue() and "Traceback" in stream.getvalue()
