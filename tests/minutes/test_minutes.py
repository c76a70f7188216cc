"""Issue 14 item 3: minutes drafted from a held meeting's agenda and decisions, sent to the body's members
for comments (each told once, through the outbox), commented on in chat, approved by the next meeting's
«Godkjenning av referat» decision and then published: members read them in chat, the web chat offers the
.docx. Through the web chat's HTTP API as people use it, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from docx import Document
from sqlalchemy import select

from bot.server import create_app
from handlers.context import HandlerContext
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.deadlines import OSLO
from handlers.meetings.planning import add_meeting
from handlers.texts import t
from models.tables import AgendaItem, AuditEntry, Minutes, MinutesComment
from tests.bot.webchat_client import demo_settings, visitor
from tests.outbox import deliver
from tests.scheduler.conftest import Clock, actor

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling (hso-2026)
MEMBER = "hanne-kristoffersen"  # its domain owner
OUTSIDER = "knut-johnsen"
NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
SYNTHETIC_NUMBER = "01010750160"  # a published synthetic fødselsnummer


class Cycle:
    def __init__(self, ctx: HandlerContext, clock: Clock, held: int, next_meeting: int) -> None:
        self.ctx, self.clock, self.held, self.next_meeting = ctx, clock, held, next_meeting

    def number(self, title_start: str) -> str:
        with self.ctx.store.read() as session:
            return session.scalars(
                select(AgendaItem.number).where(AgendaItem.title.startswith(title_start))
            ).one()


@pytest.fixture
def cycle(store: Any) -> Cycle:
    clock = Clock(NOW)
    ctx = HandlerContext(store=store, clock=clock)
    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        args = (session, store.model, store.model_id)
        held = add_meeting(
            *args, actor(SECRETARY), board, datetime(2026, 11, 9, 9, tzinfo=OSLO), "Teams", NOW
        )
        later = add_meeting(*args, actor(SECRETARY), board, datetime(2026, 12, 14, 9, tzinfo=OSLO), None, NOW)
        for title, kind in (("Ny kurveløsning", "decision"), ("Status for DIPS Arena", "orientation")):
            add_item(
                *args, actor(SECRETARY), held.id, title=title, owner_key=MEMBER, kind=kind,
                initiative_ref=None, operating_cost=MnokRange(0.5, 0.5), now=NOW,
            )  # fmt: skip
        ids = held.id, later.id
    deliver(ctx)  # nothing about planning in the way
    clock.now = datetime(2026, 11, 10, 8, tzinfo=UTC)  # the first meeting has been held
    return Cycle(ctx, clock, *ids)


def _members_told(ctx: HandlerContext, kind: str) -> dict[str, str]:
    return {n.person_key: n.reply.text for n in deliver(ctx) if n.kind == kind}


async def test_draft_comment_approve_publish_through_the_web_chat(cycle: Cycle) -> None:
    ctx, held = cycle.ctx, cycle.held
    case = cycle.number("Ny kurveløsning")
    approval = cycle.number("Godkjenning av referat")
    async with TestClient(TestServer(create_app(ctx, demo_settings()))) as client:
        secretary = await visitor(client, SECRETARY)
        member = await visitor(client, MEMBER)
        outsider = await visitor(client, OUTSIDER)
        await secretary.say(
            f"vedtak sak {case} i Pasientbehandling: vedtatt. Styret godkjenner ny kurveløsning."
        )

        refused = await outsider.reply(f"lag referat fra møte {held}")
        assert refused["intent"] == "refused.minutes.denied"
        drafted = await secretary.reply(f"lag referat fra møte {held}")
        assert drafted["intent"] == "minutes.drafted"
        assert "Områdestyre Pasientbehandling 9. november 2026 kl. 09:00" in drafted["text"]
        shown = await secretary.say(f"vis referat {held}")
        assert "UTKAST – ikke godkjent." in shown
        assert (
            f"Sak {case.replace('-20', '/')} Ny kurveløsning – Vedtak (vedtatt): Styret godkjenner" in shown
        )
        assert "Status for DIPS Arena – Ingen vedtak er registrert i saken." in shown
        assert "Hanne Kristoffersen" in shown and re.search(r"Sted: +Teams", shown)
        assert (await member.reply(f"vis referat {held}"))["intent"] == "refused.minutes.not_approved"

        sent = await secretary.say(f"send referat {held} til kommentar innen 20.11.2026")
        assert "med frist 20. november 2026" in sent
        told = _members_told(ctx, "minutes.comments")
        assert MEMBER in told and SECRETARY not in told and OUTSIDER not in told
        assert (
            "Frist: 20. november 2026" in told[MEMBER] and f"kommentar til referat {held}: …" in told[MEMBER]
        )
        again = await secretary.reply(f"send referat {held} til kommentar innen 24.11.2026")
        assert "Ingen får beskjed to ganger" in again["text"] and "24. november 2026" in again["text"]
        assert _members_told(ctx, "minutes.comments") == {}  # a second send tells nobody twice

        noted = await member.reply(f"kommentar til referat {held}: Sak {case} bør nevne budsjettforbeholdet.")
        assert noted["intent"] == "minutes.commented"
        guarded = await member.say(f"kommentar til referat {held}: gjelder pasient {SYNTHETIC_NUMBER}")
        assert guarded == t("nb", "guard.identity_number")
        assert (await outsider.reply(f"kommentar til referat {held}: meg også"))["intent"] == (
            "refused.minutes.not_member"
        )
        english = await member.reply(f"comment on minutes {held}: The risk section is missing.")
        assert english["text"].startswith("Thank you, your comment")
        listed = await secretary.say(f"kommentarer til referat {held}")
        assert "Hanne Kristoffersen" in listed and "bør nevne budsjettforbeholdet" in listed
        assert "The risk section is missing." in listed and SYNTHETIC_NUMBER not in listed
        assert (await member.reply(f"kommentarer til referat {held}"))["intent"] == "refused.minutes.denied"

        cycle.clock.now = datetime(2026, 12, 14, 12, tzinfo=UTC)  # the next meeting has been held
        await secretary.say(f"vedtak sak {approval} i Pasientbehandling: vedtatt. Referatet godkjennes.")
        published = _members_told(ctx, "minutes.approved")
        assert MEMBER in published and "er godkjent" in published[MEMBER]

        latest = await member.reply("referat fra siste møte i Pasientbehandling")
        assert latest["intent"] == "minutes.latest"
        assert "Godkjent i møtet 14. desember 2026" in latest["text"] and "Ny kurveløsning" in latest["text"]
        english = await member.reply("minutes of the last meeting of Pasientbehandling")
        assert english["intent"] == "minutes.latest" and "Minutes of the meeting of" in english["text"]
        assert "Decision (approved): Styret godkjenner ny kurveløsning." in english["text"]

        member._wear()
        download = await client.get(f"/webchat/api/minutes/{held}.docx?lang=en")
        assert download.status == 200
        document = Document(io.BytesIO(await download.read()))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Title", "Heading"))]
        assert headings[0] == "Minutes of the meeting of Områdestyre Pasientbehandling"
        anonymous = await visitor(client)
        anonymous._wear()
        assert (await client.get(f"/webchat/api/minutes/{held}.docx")).status == 403

    with ctx.store.read() as session:
        minutes = session.scalars(select(Minutes)).one()
        assert minutes.state == "approved" and minutes.approved_meeting_id == cycle.next_meeting
        assert minutes.approved_decision_id is not None and minutes.approved_by.startswith(SECRETARY)
        assert len(session.scalars(select(MinutesComment)).all()) == 2
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity_type.in_(("minutes", "minutes_comment")))
            .order_by(AuditEntry.id)
        ).all()
    assert actions == [
        "minutes.draft", "minutes.send", "minutes.send", "minutes.comment", "minutes.comment", "minutes.approve",
    ]  # fmt: skip


async def test_approving_a_meeting_never_drafted_approves_minutes_built_from_the_register(
    cycle: Cycle,
) -> None:
    ctx = cycle.ctx
    cycle.clock.now = datetime(2026, 12, 14, 12, tzinfo=UTC)
    async with TestClient(TestServer(create_app(ctx, demo_settings()))) as client:
        secretary = await visitor(client, SECRETARY)
        approval = cycle.number("Godkjenning av referat")
        await secretary.say(f"vedtak sak {approval} i Pasientbehandling: vedtatt. Godkjent uten merknader.")
        again = await secretary.reply(f"lag referat fra møte {cycle.held}")
        assert again["intent"] == "refused.minutes.already_approved"
        member = await visitor(client, MEMBER)
        shown = await member.say(f"show minutes {cycle.held}")
        assert "Approved in the meeting of 14 December 2026" in shown
        assert "Case 2/26 Ny kurveløsning – No decision is recorded on this case." in shown


def test_a_case_withdrawn_before_the_meeting_is_not_in_its_minutes(store: Any) -> None:
    """A withdrawn case was not treated: the minutes record the agenda the meeting had, in its order."""
    from handlers.meetings.agenda_changes import withdraw_item
    from handlers.minutes.content import snapshot
    from models.tables import Meeting

    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        args = (session, store.model, store.model_id)
        held = add_meeting(*args, actor(SECRETARY), board, datetime(2026, 11, 9, 9, tzinfo=OSLO), None, NOW)
        items = []
        for title in ("Ny kurveløsning", "Trukket sak"):
            items.append(
                add_item(
                    *args,
                    actor(SECRETARY),
                    held.id,
                    title=title,
                    owner_key=MEMBER,
                    kind="decision",
                    initiative_ref=None,
                    operating_cost=MnokRange(0.5, 0.5),
                    now=NOW,
                )
            )
        withdraw_item(*args, actor(SECRETARY), items[1].id, "Utsatt til budsjettet er klart", NOW)
    with store.read() as session:
        content = snapshot(session, store.model_id, session.get_one(Meeting, held.id))
    titles = [case["title"] for case in content["cases"]]
    assert "Ny kurveløsning" in titles and "Trukket sak" not in titles
