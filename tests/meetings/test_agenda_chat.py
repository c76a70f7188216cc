"""Issue 14 item 5 through the web chat API: the secretariat moves, reorders and withdraws agenda cases
(«flytt sak …», «sett sak … først», «trekk sak …: …»), reminders follow, audit rows are written, and an
agenda whose cases were all withdrawn is never said to have all its papers delivered."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.server import create_app
from handlers.forms import FormSubmission, handle_form
from handlers.identity import resolve_actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.planning import add_meeting
from handlers.messages import Sender
from models.tables import AgendaItem, AuditEntry, Meeting, Reminder
from models.tables.reminders import PENDING
from tests.bot.webchat_client import demo_settings, visitor
from tests.initiatives.conftest import NOW as PROPOSED_AT
from tests.initiatives.conftest import valid_values
from tests.meetings.conftest import OUTSIDER, SECRETARY, Planned
from tests.outbox import deliver

OSLO = ZoneInfo("Europe/Oslo")


def _pending_deadlines(planned: Planned, item_id: int) -> set[str]:
    with planned.ctx.store.read() as session:
        rows = session.scalars(
            select(Reminder).where(Reminder.status == PENDING, Reminder.dedup_key.like(f"owner:{item_id}:%"))
        )
        return {row.payload["papers_due"] for row in rows}


def _item(planned: Planned, item_id: int) -> AgendaItem:
    with planned.ctx.store.read() as session:
        item = session.get_one(AgendaItem, item_id)
        session.expunge(item)
        return item


async def test_move_reorder_and_withdraw_a_case_in_chat(planned: Planned) -> None:
    assert _pending_deadlines(planned, planned.item) == {"2026-12-04"}
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        chat = await visitor(client, SECRETARY)
        moved = await chat.reply("flytt sak 1-2026 til møtet 05.04.2027")
        assert moved["intent"] == "agenda.moved", moved
        assert (
            "Sak 1-2026 «Ny kurveløsning» er flyttet til møtet i Områdestyre Pasientbehandling"
            in moved["text"]
        )
        assert "05.04.2027 kl. 09:00, som sak nr. 2" in moved["text"]  # after «Godkjenning av referat»
        assert "fristen 24.03.2027" in moved["text"]
        # no reminder for the old meeting's deadline; the new one applies
        assert _pending_deadlines(planned, planned.item) == {"2027-03-24"}

        first = await chat.reply("sett sak 1-2026 først")
        assert first["intent"] == "agenda.reordered", first
        assert "er nå nr. 1 på sakslisten" in first["text"]
        with planned.ctx.store.read() as session:
            order = [i.number for i in session.get_one(Meeting, planned.april).items]
        assert order == ["1-2026", "1-2027"]

        planned.clock.now = datetime(2026, 12, 20, 8, 0, tzinfo=UTC)  # December held: April is next
        agenda = await chat.reply("saksliste for neste møte i Pasientbehandling")
        assert agenda["intent"] == "meetings.next", agenda
        assert agenda["text"].index("Ny kurveløsning") < agenda["text"].index("Godkjenning av referat")
        assert "11:00" in agenda["text"]  # the end time, start + 2 h when none was given

        withdrawn = await chat.reply("trekk sak 1-2026: Utsatt til budsjettet er klart")
        assert withdrawn["intent"] == "agenda.withdrawn", withdrawn
        assert "Begrunnelse: Utsatt til budsjettet er klart" in withdrawn["text"]
        assert _pending_deadlines(planned, planned.item) == set()
        kept = _item(planned, planned.item)
        assert (kept.status, kept.withdrawn_reason) == ("withdrawn", "Utsatt til budsjettet er klart")
        assert kept.withdrawn_by and "hilde-karlsen" in kept.withdrawn_by

        agenda = await chat.say("saksliste for neste møte i Pasientbehandling")
        assert "Trukket fra sakslisten" in agenda and "Utsatt til budsjettet er klart" in agenda
        assert (
            await chat.say("trekk sak 1-2026: igjen")
            == "Fant ingen sak 1-2026 på sakslistene til de kommende møtene du forbereder."
        )
    with planned.ctx.store.read() as session:
        audited = session.execute(
            select(AuditEntry.action, AuditEntry.actor)
            .where(AuditEntry.entity_ref == f"agenda_item:{planned.item}")
            .order_by(AuditEntry.id)
        ).all()
    changes = [(action, actor) for action, actor in audited if action != "agenda.add"]
    assert [action for action, _ in changes] == ["agenda.move", "agenda.reorder", "agenda.withdraw"]
    assert all(SECRETARY in actor for _, actor in changes)


async def test_polite_refusals_in_the_users_language(planned: Planned) -> None:
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        chat = await visitor(client, SECRETARY)
        assert "Fant ingen sak 99" in await chat.say("trekk sak 99: feil sak")
        assert "I found no case 99" in await chat.say("withdraw case 99: wrong case")
        other = await chat.say("move case 1-2026 to the meeting on 2027-02-08")
        assert "Case 1-2026 belongs to Områdestyre Pasientbehandling" in other
        assert "a meeting of Porteføljestyret" in other
        assert "Skriv hvorfor sak 1-2026 trekkes" in await chat.say("trekk sak 1-2026")
        ambiguous = await chat.say("flytt sak 1 til møtet 05.04.2027")  # 1-2026 and 1-2027 both coming
        assert "«Sak 1» kan være flere saker" in ambiguous and "1-2027 Godkjenning av referat" in ambiguous
        outsider = await visitor(client, OUTSIDER)
        denied = await outsider.say("trekk sak 1-2026: ikke min")
        assert "bare sekretariatet og lederen eller eieren av Områdestyre Pasientbehandling" in denied
        planned.clock.now = datetime(2026, 12, 20, 8, 0, tzinfo=UTC)  # the December meeting is held
        held = await chat.say("flytt sak 1-2026 til møtet 05.04.2027")
        assert "Møtet 14.12.2026 er allerede holdt" in held
    assert _item(planned, planned.item).meeting_id == planned.december  # nothing was changed


async def test_a_fully_withdrawn_agenda_is_not_all_delivered(planned: Planned) -> None:
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        chat = await visitor(client, SECRETARY)
        await chat.say("trekk sak 1-2026: Trukket av saksansvarlig")
        missing = await chat.say("hvilke saksdokumenter mangler til neste møte i Pasientbehandling?")
        assert "har ingen saker ennå" in missing and "er levert" not in missing
        planned.clock.now = datetime(2026, 12, 15, 8, 0, tzinfo=UTC)  # the meeting is held
        decided = await chat.say("vedtak sak 1-2026 i Pasientbehandling: vedtatt. Godkjent.")
        assert "Sak 1-2026 er trukket fra sakslisten" in decided  # no decision on a withdrawn case


@pytest.fixture
def proposed(context: Any) -> Any:
    """An initiative proposed in Slack by a clinician, on the agenda of a coming Prehospital meeting."""
    context.clock = lambda: PROPOSED_AT
    clinician = Sender(platform="slack", user_id="U123CLIN", display_name="Ola Klinikersen")
    result = handle_form(FormSubmission("initiative", valid_values(), clinician, "nb", "agenda-1"), context)
    assert result.ok, result.errors
    with context.store.session() as session:
        actor = resolve_actor(session, context.store.model_id, Sender("cli", "silje-kristiansen"))
        body = resolve_body(session, context.store.model_id, "Prehospital")
        args = (session, context.model, context.store.model_id, actor)
        march = add_meeting(*args, body, datetime(2026, 3, 16, 10, tzinfo=OSLO), None, PROPOSED_AT)
        add_meeting(*args, body, datetime(2026, 4, 13, 10, tzinfo=OSLO), None, PROPOSED_AT)
        add_item(
            *args, march.id, title="Kartvisning i AMK", owner_key="ragnhild-lund", kind="decision",
            initiative_ref="INI-2026-0001", operating_cost=MnokRange(1.5, 1.5), now=PROPOSED_AT,
        )  # fmt: skip
    deliver(context)  # the secretariat's notices about the new initiative, out of the way
    return context


async def test_the_proposer_and_case_owner_are_told_of_a_move_and_a_withdrawal(proposed: Any) -> None:
    async with TestClient(TestServer(create_app(proposed, demo_settings()))) as client:
        chat = await visitor(client, "silje-kristiansen")
        assert "er flyttet" in await chat.say("flytt sak 2-2026 til møtet 13.04.2026")
        told = {n.person_key: n.reply.text for n in deliver(proposed)}
        assert set(told) == {"slack:U123CLIN", "ragnhild-lund"}
        assert (
            "(INI-2026-0001) er flyttet til møtet i Områdestyre Prehospital 13.04.2026"
            in told["slack:U123CLIN"]
        )
        assert "trukket" in await chat.say("trekk sak 2-2026: Dekkes av det regionale prosjektet")
        told = {n.person_key: n.reply.text for n in deliver(proposed)}
        assert set(told) == {"slack:U123CLIN", "ragnhild-lund"}
        assert "Begrunnelse: Dekkes av det regionale prosjektet" in told["ragnhild-lund"]
