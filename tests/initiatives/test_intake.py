"""Intake through the shared form handler: receipts, per-field errors, idempotency, no identity numbers."""

from __future__ import annotations

import logging
import random
import threading
from typing import Any

from sqlalchemy import func, select, text

from handlers.forms import FormSubmission, handle_form
from handlers.initiatives.intake import process_intake
from handlers.messages import Sender
from models.tables import AuditEntry, Initiative, InitiativeTrust
from tests.initiatives.conftest import valid_values
from tests.initiatives.test_identity_numbers import generate
from tests.outbox import deliver


def _submit(context: Any, sender: Sender, values: dict[str, Any], sid: str = "s-1", language: str = "nb"):
    return handle_form(FormSubmission("initiative", values, sender, language, sid), context)  # type: ignore[arg-type]


def _count(context: Any) -> int:
    with context.store.read() as session:
        return session.scalar(select(func.count()).select_from(Initiative)) or 0


def test_valid_intake_gets_reference_receipt_and_secretariat_notice(clocked: Any, clinician: Sender) -> None:
    result = _submit(clocked, clinician, valid_values())

    assert result.ok and result.reply is not None
    assert "INI-2026-0001" in result.reply.text
    assert "Prehospital" in result.reply.text
    assert "sekretariat" in result.reply.text.lower()
    with clocked.store.read() as session:
        row = session.scalar(select(Initiative))
        assert (row.reference, row.state, row.investment_min_mnok, row.investment_max_mnok) == (
            "INI-2026-0001",
            "innmeldt",
            10.0,
            20.0,
        )
        assert sorted(session.scalars(select(InitiativeTrust.trust_key))) == ["ahus", "ous"]
        audit = session.scalar(select(AuditEntry).where(AuditEntry.entity_ref == "INI-2026-0001"))
        assert audit is not None and audit.action == "initiative.submitted"
    assert clocked.notifier.sent == []  # queued with the initiative, not sent by the request
    sent = deliver(clocked)
    assert sent and all(n.kind == "initiative.submitted" for n in sent)
    assert all("INI-2026-0001" in n.reply.text for n in sent)


def test_invalid_intake_gets_a_message_per_field_and_stores_nothing(clocked: Any, clinician: Sender) -> None:
    values = valid_values(
        title="", need="kort", trusts=["Atlantis HF"], investment="-5", operating_cost="mye"
    )
    result = _submit(clocked, clinician, values, language="en")

    assert not result.ok
    assert set(result.errors) == {"title", "need", "trusts", "investment", "operating_cost"}
    assert result.errors["investment"] == "The amount cannot be negative."
    assert "Atlantis HF" in result.errors["trusts"]
    assert _count(clocked) == 0
    assert deliver(clocked) == []


def test_norwegian_decimal_comma_and_plain_numbers(clocked: Any, clinician: Sender) -> None:
    result = _submit(clocked, clinician, valid_values(investment="12,5", operating_cost=3))
    assert result.ok
    with clocked.store.read() as session:
        row = session.scalar(select(Initiative))
        assert (row.investment_min_mnok, row.investment_max_mnok, row.operating_max_mnok) == (12.5, 12.5, 3.0)


def test_double_submit_stores_one_initiative(clocked: Any, clinician: Sender) -> None:
    first = _submit(clocked, clinician, valid_values(), sid="view-42")
    second = _submit(clocked, clinician, valid_values(), sid="view-42")

    assert first.ok and second.ok
    assert "INI-2026-0001" in second.reply.text
    assert _count(clocked) == 1
    sent = deliver(clocked)
    assert sent and len(sent) == len({n.key for n in sent})


def test_identity_number_is_refused_and_stored_or_logged_nowhere(
    clocked: Any, clinician: Sender, caplog: Any
) -> None:
    number = generate(random.Random(99))
    written = f"{number[:6]} {number[6:]}"
    caplog.set_level(logging.DEBUG)
    result = _submit(clocked, clinician, valid_values(need=f"Pasient {written} fikk feil prøvesvar i går."))

    assert set(result.errors) == {"need"}
    assert "fødselsnummer" in result.errors["need"]
    assert number[:6] not in result.errors["need"]
    assert _count(clocked) == 0
    assert number not in caplog.text and number[6:] not in caplog.text
    with clocked.store.read() as session:
        for table in ("initiatives", "audit_log", "initiative_dialogs"):
            dump = " ".join(str(r) for r in session.execute(text(f"SELECT * FROM {table}")))
            assert number[6:] not in dump


def test_sixty_mnok_is_flagged_for_the_portfolio_board(clocked: Any, clinician: Sender) -> None:
    result = _submit(clocked, clinician, valid_values(investment="60"))

    assert result.ok
    assert "50 MNOK" in result.reply.text and "Sak 000" in result.reply.text
    with clocked.store.read() as session:
        row = session.scalar(select(Initiative))
        assert row.escalate and "fullmaktsgrensen" in row.escalation_reason


def test_concurrent_submissions_get_distinct_sequential_references(clocked: Any) -> None:
    barrier = threading.Barrier(2)
    results: dict[int, Any] = {}

    def worker(n: int) -> None:
        sender = Sender(platform="teams", user_id=f"user-{n}")
        barrier.wait()
        results[n] = process_intake(
            clocked, valid_values(), sender=sender, language="nb", submission_id=f"concurrent-{n}"
        )

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert all(results[n].ok for n in range(2))
    with clocked.store.read() as session:
        refs = sorted(session.scalars(select(Initiative.reference)))
    assert refs == ["INI-2026-0001", "INI-2026-0002"]
