"""Issue 14 item 1: decisions (vedtak) per agenda case, through the handlers and the CLI as users run them.

A decision is recorded once per case by the body's secretariat for a held meeting, numbered after the
case («Sak 1/26»), moves the linked initiative through what that body decides (the domain board
prioritises it when sending it on, the portfolio board moves it to BP1, seed 002 §4), tells the proposer
and the case owner, and is audited; a correction is a new version that supersedes, never an edit.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from handlers.decisions.record import correct_decision, record_decision
from handlers.decisions.register import decisions
from handlers.forms import FormSubmission, handle_form
from handlers.identity import resolve_actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import MeetingError, resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.planning import add_meeting
from handlers.messages import Sender
from models.tables import AuditEntry, Decision, Initiative
from tests.initiatives.conftest import NOW, valid_values
from tests.outbox import deliver

OSLO = ZoneInfo("Europe/Oslo")
DOMAIN_SECRETARIAT = "silje-kristiansen"  # secretariat of Områdestyre Prehospital
CASE_OWNER = "ragnhild-lund"
PORTFOLIO_SECRETARIAT = "ingrid-johansen"
HELD = datetime(2026, 2, 23, 10, tzinfo=OSLO)  # before NOW (2026-03-02) in tests.initiatives.conftest
AHEAD = datetime(2026, 3, 16, 10, tzinfo=OSLO)
REFERENCE = "INI-2026-0001"


def _actor(ctx: Any, session: Any, person: str) -> Any:
    return resolve_actor(session, ctx.store.model_id, Sender("cli", person))


def _case(ctx: Any, body: str, starts: datetime, secretary: str) -> int:
    with ctx.store.session() as session:
        actor = _actor(ctx, session, secretary)
        found = resolve_body(session, ctx.store.model_id, body)
        meeting = add_meeting(session, ctx.model, ctx.store.model_id, actor, found, starts, None, ctx.clock())
        item = add_item(
            session, ctx.model, ctx.store.model_id, actor, meeting.id, title="Kartvisning i AMK",
            owner_key=CASE_OWNER, kind="decision", initiative_ref=REFERENCE,
            operating_cost=MnokRange(1.5, 1.5), now=ctx.clock(),
        )  # fmt: skip
        return item.id  # type: ignore[union-attr]


def _record(ctx: Any, item: int, who: str, outcome: str, text: str = "Styret slutter seg til.") -> Any:
    with ctx.store.session() as session:
        return record_decision(
            session, ctx.model, ctx.store.model_id, _actor(ctx, session, who),
            item_id=item, outcome=outcome, text=text, now=ctx.clock(),
        )  # fmt: skip


@pytest.fixture
def proposed(context: Any) -> Any:
    clocked = context
    clocked.clock = lambda: NOW
    clinician = Sender(platform="slack", user_id="U123CLIN", display_name="Ola Klinikersen")
    result = handle_form(FormSubmission("initiative", valid_values(), clinician, "nb", "dec-1"), clocked)
    assert result.ok, result.errors
    deliver(clocked)  # the secretariat's notices about the new initiative, out of the way
    return clocked


def _state(ctx: Any) -> str:
    with ctx.store.read() as session:
        return session.scalar(select(Initiative.state).where(Initiative.reference == REFERENCE)) or ""


def test_a_domain_board_sends_it_on_and_the_portfolio_board_decides_bp1(proposed: Any) -> None:
    ctx = proposed
    item = _case(ctx, "Prehospital", HELD, DOMAIN_SECRETARIAT)
    sent_on = _record(
        ctx, item, DOMAIN_SECRETARIAT, "sendt videre", "Sendes porteføljestyret med anbefaling."
    )
    assert (sent_on.decision.number, sent_on.decision.outcome) == ("1/26", "referred")
    assert sent_on.moved is not None and (sent_on.moved.from_state, sent_on.moved.to_state) == (
        "innmeldt",
        "prioritert",
    )
    assert _state(ctx) == "prioritert"
    told = {n.person_key: n.reply.text for n in deliver(ctx)}
    assert set(told) == {"slack:U123CLIN", CASE_OWNER}  # the proposer and the case owner
    assert "sak 1/26 «Kartvisning i AMK»" in told["slack:U123CLIN"]
    assert "Sendes porteføljestyret med anbefaling." in told[CASE_OWNER]

    board_item = _case(ctx, "porteføljestyret", HELD, PORTFOLIO_SECRETARIAT)
    approved = _record(ctx, board_item, PORTFOLIO_SECRETARIAT, "approved", "Konseptfasen startes.")
    assert approved.moved is not None and approved.moved.to_state == "BP1"
    assert _state(ctx) == "BP1"
    with ctx.store.read() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "decision")).all()
        moves = session.scalars(
            select(AuditEntry.after).where(
                AuditEntry.action == "initiative.moved", AuditEntry.entity_ref == REFERENCE
            )
        ).all()
    assert actions == ["decision.record", "decision.record"]
    assert [m["state"] for m in moves] == ["prioritert", "BP1"] and moves[1][
        "decided_by"
    ] == "portefoljestyret"


def test_a_decision_is_never_edited_a_correction_supersedes_it(proposed: Any) -> None:
    ctx = proposed
    item = _case(ctx, "Prehospital", HELD, DOMAIN_SECRETARIAT)
    first = _record(ctx, item, DOMAIN_SECRETARIAT, "noted", "Tatt til orientering.")
    assert first.moved is None and _state(ctx) == "innmeldt"
    with pytest.raises(MeetingError) as again:
        _record(ctx, item, DOMAIN_SECRETARIAT, "approved")
    assert again.value.key == "decisions.exists"
    with ctx.store.session() as session:
        fixed = correct_decision(
            session, ctx.model, ctx.store.model_id, _actor(ctx, session, DOMAIN_SECRETARIAT),
            decision_id=first.decision.id, outcome="postponed", text=None, reason="Feil i protokollen",
            now=ctx.clock(),
        )  # fmt: skip
        fixed_id = fixed.decision.id
    with pytest.raises(MeetingError) as stale, ctx.store.session() as session:
        correct_decision(
            session, ctx.model, ctx.store.model_id, _actor(ctx, session, DOMAIN_SECRETARIAT),
            decision_id=first.decision.id, outcome="approved", text=None, reason="x", now=ctx.clock(),
        )  # fmt: skip
    assert (stale.value.key, stale.value.params["current"]) == ("decisions.superseded", fixed_id)
    with ctx.store.read() as session:
        current = decisions(session, ctx.store.model_id)
        every = decisions(session, ctx.store.model_id, include_superseded=True)
        kept = session.get_one(Decision, first.decision.id)
        assert [(d.number, d.version, d.outcome, d.text) for d, _, _ in current] == [
            ("1/26", 2, "postponed", "Tatt til orientering.")
        ]
        assert [d.version for d, _, _ in every] == [2, 1]
        assert (kept.outcome, kept.text) == ("noted", "Tatt til orientering.")  # the first stays as it was
        correction = session.scalars(select(AuditEntry).where(AuditEntry.action == "decision.correct")).one()
        assert correction.before["outcome"] == "noted" and correction.reason == "Feil i protokollen"
    assert _state(ctx) == "innmeldt"


@pytest.mark.parametrize(
    ("who", "starts", "outcome", "text", "refusal"),
    [
        ("knut-johnsen", HELD, "approved", "Ja.", "meetings.denied"),
        (DOMAIN_SECRETARIAT, AHEAD, "approved", "Ja.", "decisions.not_held"),
        (DOMAIN_SECRETARIAT, HELD, "kanskje", "Ja.", "decisions.bad_outcome"),
        (DOMAIN_SECRETARIAT, HELD, "approved", "  ", "decisions.text_needed"),
    ],
)
def test_refusals_write_nothing(proposed: Any, who, starts, outcome, text, refusal) -> None:
    ctx = proposed
    item = _case(ctx, "Prehospital", starts, DOMAIN_SECRETARIAT)
    with pytest.raises(MeetingError) as refused:
        _record(ctx, item, who, outcome, text)
    assert refused.value.key == refusal
    with ctx.store.read() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 0
        assert session.scalar(select(func.count()).where(AuditEntry.entity_type == "decision")) == 0
    assert _state(ctx) == "innmeldt"


def test_govbot_decisions_record_correct_and_list(cli, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"

    def run(*args: str) -> Any:
        return cli(*args, database_url=url)

    meeting = run(
        "meetings", "add", "--body", "Pasientbehandling", "--at", "2026-02-23T09:00", "--confirm", "--json",
        "--as", "hilde-karlsen",
    )  # fmt: skip
    assert meeting.returncode == 0, meeting.stderr
    meeting_id = json.loads(meeting.stdout)["id"]
    case = run(
        "agenda", "add", "--meeting", str(meeting_id), "--title", "Ny kurveløsning", "--owner",
        "hanne-kristoffersen", "--operating-cost", "0,5", "--json", "--as", "hilde-karlsen",
    )  # fmt: skip
    case_id = json.loads(case.stdout)["id"]
    recorded = run(
        "decisions", "record", "--case", str(case_id), "--outcome", "vedtatt", "--text",
        "Styret godkjenner ny kurveløsning.", "--lang", "nb", "--as", "hilde-karlsen",
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    assert "Vedtak i sak 1/26 «Ny kurveløsning» (Områdestyre Pasientbehandling" in recorded.stdout
    assert "Forslagsstiller og saksansvarlig får beskjed." in recorded.stdout
    twice = run(
        "decisions", "record", "--case", str(case_id), "--outcome", "approved", "--text", "Igjen",
        "--lang", "en", "--as", "hilde-karlsen",
    )  # fmt: skip
    assert twice.returncode == 1 and "already has a decision" in twice.stderr
    outsider = run(
        "decisions", "record", "--case", str(case_id), "--outcome", "approved", "--text", "x",
        "--as", "knut-johnsen",
    )  # fmt: skip
    assert outsider.returncode == 1
    first_id = json.loads(run("decisions", "list", "--json").stdout)[0]["id"]
    corrected = run(
        "decisions", "correct", str(first_id), "--text", "Styret godkjenner ny kurveløsning med forbehold.",
        "--reason", "Feil i protokollen", "--json", "--as", "hilde-karlsen",
    )  # fmt: skip
    data = json.loads(corrected.stdout)
    assert (data["label"], data["version"], data["supersedes"]) == ("Sak 1/26", 2, first_id)
    listing = run("decisions", "list", "--body", "Pasientbehandling")
    assert listing.stdout.count("Sak 1/26") == 1 and "med forbehold" in listing.stdout
    assert "corrected: Feil i protokollen" in listing.stdout
    assert len(json.loads(run("decisions", "list", "--all", "--json").stdout)) == 2


def _say(ctx: Any, text: str, user: str, platform: str = "terminal") -> Any:
    from handlers.dispatch import handle_message
    from handlers.messages import IncomingMessage

    return handle_message(IncomingMessage(text, Sender(platform, user)), ctx)


def test_the_secretariat_records_a_decision_in_chat(proposed: Any) -> None:
    ctx = proposed
    _case(ctx, "Prehospital", HELD, DOMAIN_SECRETARIAT)
    said = "vedtak sak 1-2026 i Prehospital: sendt videre. Sendes porteføljestyret med anbefaling."
    outsider = _say(ctx, said, "knut-johnsen")
    assert outsider.intent == "refused.meetings.denied" and "bare sekretariatet" in outsider.text
    assert "Logg inn" in _say(ctx, said, "anonymous", platform="web").text
    reply = _say(ctx, said, DOMAIN_SECRETARIAT)
    assert reply.intent == "decisions.recorded", reply.text
    assert "Vedtak i sak 1/26 «Kartvisning i AMK» (Områdestyre Prehospital" in reply.text
    assert "sendt videre til porteføljestyret" in reply.text and "INI-2026-0001 er flyttet fra" in reply.text
    again = _say(ctx, "decision case 1/26: approved. The board agrees.", DOMAIN_SECRETARIAT)
    assert again.intent == "refused.decisions.exists" and "already has a decision" in again.text
    unknown = _say(ctx, "vedtak sak 9-2026 i Prehospital: vedtatt. Ja.", DOMAIN_SECRETARIAT)
    assert "Fant ingen sak 9-2026 i Områdestyre Prehospital" in unknown.text
    with ctx.store.read() as session:
        [decision] = session.scalars(select(Decision)).all()
        assert (decision.outcome, decision.text) == ("referred", "Sendes porteføljestyret med anbefaling.")
        assert decision.recorded_by.startswith(DOMAIN_SECRETARIAT)
    assert _state(ctx) == "prioritert"
