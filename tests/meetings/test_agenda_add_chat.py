"""Issue 14 through the web chat API: the secretariat puts an initiative on an agenda («legg INI-… på
møtet …» / "add INI-… to meeting …") and the case owner marks the papers delivered («saksgrunnlag levert
for sak …» / "papers delivered for case …"), with the audit rows `govbot agenda add|delivered` write; a
refusal (not the secretariat or the case owner, an unknown meeting, initiative or case, no case owner)
says why in the sender's language and changes nothing."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.server import create_app
from handlers.forms import FormSubmission, handle_form
from handlers.messages import Sender
from models.tables import AgendaItem, AuditEntry
from tests.bot.webchat_client import demo_settings, visitor
from tests.initiatives.conftest import valid_values
from tests.meetings.conftest import CASE_OWNER, OUTSIDER, SECRETARY, Planned

REFERENCE = "INI-2026-0001"


def _propose(planned: Planned) -> None:
    """An initiative from a clinician known by her Slack account only (so not a possible case owner)."""
    clinician = Sender(platform="slack", user_id="U123CLIN", display_name="Ola Klinikersen")
    submission = FormSubmission("initiative", valid_values(), clinician, "nb", "agenda-add-1")
    result = handle_form(submission, planned.ctx)
    assert result.ok, result.errors


def _cases(planned: Planned) -> list[tuple[str, str | None, bool]]:
    with planned.ctx.store.read() as session:
        rows = session.scalars(select(AgendaItem).order_by(AgendaItem.id))
        return [(i.number, i.initiative_ref, i.papers_delivered_at is not None) for i in rows]


def _audit_count(planned: Planned, action: str) -> int:
    with planned.ctx.store.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))


async def test_the_secretariat_adds_a_case_and_its_owner_delivers_in_chat(planned: Planned) -> None:
    _propose(planned)
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        secretary = await visitor(client, SECRETARY)
        added = await secretary.reply(
            f"legg {REFERENCE} på møtet 14.12.2026, saksansvarlig Hanne Kristoffersen"
        )
        assert added["intent"] == "agenda.added", added
        assert (
            f"{REFERENCE} «" in added["text"] and "står nå som sak 2-2026 på sakslisten til" in added["text"]
        )
        assert "Saksansvarlig: Hanne Kristoffersen" in added["text"]
        assert (
            "2-2026",
            REFERENCE,
            False,
        ) in _cases(planned)
        assert _audit_count(planned, "agenda.add") == 2  # the fixture's case and this one

        owner = await visitor(client, CASE_OWNER)
        delivered = await owner.reply("papers delivered for case 2-2026")
        assert delivered["intent"] == "agenda.delivered", delivered
        assert "The papers for case 2-2026" in delivered["text"]
        assert "recorded as delivered" in delivered["text"]
        assert ("2-2026", REFERENCE, True) in _cases(planned)
        again = await owner.say("saksgrunnlag levert for sak 2-2026")
        assert "var allerede registrert som levert" in again
        assert _audit_count(planned, "agenda.delivered") == 1  # delivered once, not twice

        english = await secretary.reply(
            f"add {REFERENCE} to meeting {planned.april}, owner hanne-kristoffersen"
        )
        assert english["intent"] == "agenda.added", english
        assert "Case owner: Hanne Kristoffersen" in english["text"]


async def test_refusals_say_why_and_change_nothing(planned: Planned) -> None:
    _propose(planned)
    before = _cases(planned)
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        outsider = await visitor(client, OUTSIDER)
        denied = await outsider.say(
            f"legg {REFERENCE} på møtet 14.12.2026, saksansvarlig Hanne Kristoffersen"
        )
        assert "bare sekretariatet og lederen eller eieren av Områdestyre Pasientbehandling" in denied
        not_theirs = await outsider.say("saksgrunnlag levert for sak 1-2026")
        assert "bare sekretariatet og lederen eller eieren av Områdestyre Pasientbehandling" in not_theirs

        secretary = await visitor(client, SECRETARY)
        unknown = await secretary.say("sett opp INI-2026-0999 på møte 3, saksansvarlig Hanne Kristoffersen")
        assert "Jeg finner ikke noe initiativ INI-2026-0999" in unknown
        no_meeting = await secretary.say(f"add {REFERENCE} to meeting 999, owner Hanne Kristoffersen")
        assert "Meeting 999 was not found" in no_meeting
        no_owner = await secretary.say(f"legg {REFERENCE} på møtet 14.12.2026")
        assert f"Hvem er saksansvarlig for {REFERENCE}?" in no_owner
        no_person = await secretary.say(f"add {REFERENCE} to meeting {planned.december}, owner Nobody Atall")
        assert "I know no person" in no_person
        no_case = await secretary.say("papers delivered for case 99")
        assert "I found no case 99" in no_case
    assert _cases(planned) == before
    assert _audit_count(planned, "agenda.delivered") == 0
