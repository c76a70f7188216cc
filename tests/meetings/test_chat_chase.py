"""Item 7 from chat: preview who will be reminded, then send through the outbox; and `govbot ask`."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from handlers.replies import Actions
from models.tables import AuditEntry, Reminder
from tests.meetings.conftest import CASE_OWNER, OUTSIDER, SECRETARY, ask

DOMAIN_LEADER = "ida-lie"  # a member of the board, but neither secretariat, chair nor owner


def _on_demand(store) -> list[tuple[str, str, int | None, str | None]]:
    with store.read() as session:
        rows = session.scalars(select(Reminder).where(Reminder.source == "on_demand"))
        return [(r.person_key, r.kind, r.meeting_id, r.requested_by) for r in rows]


def test_preview_shows_recipients_and_a_button_and_writes_nothing(planned, store) -> None:
    reply = ask(
        planned.ctx, "påminn de som mangler saksdokumenter til møtet 14.12 i Pasientbehandling", SECRETARY
    )
    assert reply.intent == "meetings.chase.preview"
    assert "Hanne Kristoffersen (plassholder): sak 1-2026 Ny kurveløsning" in reply.text
    buttons = [b for block in reply.blocks if isinstance(block, Actions) for b in block.buttons]
    assert [(b.label, b.action, b.value) for b in buttons] == [
        ("Send påminnelser", "meetings.chase.send", str(planned.december))
    ]
    english = ask(planned.ctx, f"remind those missing papers for meeting {planned.december}", SECRETARY)
    assert "These people will be reminded" in english.text and "[Send reminders]" in english.text
    assert _on_demand(store) == []


def test_button_sends_once_and_records_the_sender(planned, store) -> None:
    sent = ask(
        planned.ctx,
        str(planned.december),
        SECRETARY,
        action="meetings.chase.send",
        value=str(planned.december),
    )
    assert sent.intent == "meetings.chase.sent" and "1 mottaker(e), 1 nye" in sent.text
    again = ask(planned.ctx, f"send påminnelser {planned.december}", SECRETARY)
    assert "1 mottaker(e), 0 nye" in again.text
    rows = _on_demand(store)
    assert [row[:3] for row in rows] == [(CASE_OWNER, "papers.chase", planned.december)]
    assert rows[0][3].startswith(SECRETARY)
    with store.read() as session:
        actors = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "meeting.chase_papers")
        ).all()
    assert len(actors) == 2 and all(a.startswith(SECRETARY) for a in actors)


def test_others_are_refused_politely_and_nothing_is_queued(planned, store) -> None:
    for user in (OUTSIDER, DOMAIN_LEADER, "nobody-at-all"):
        preview = ask(planned.ctx, f"påminn de som mangler saksdokumenter til møtet {planned.december}", user)
        assert "Beklager" in preview.text and "bare sekretariatet" in preview.text
        sent = ask(
            planned.ctx, "send reminders", user, action="meetings.chase.send", value=str(planned.december)
        )
        assert "Sorry" in sent.text
    assert _on_demand(store) == []
    with store.read() as session:
        assert session.scalar(select(func.count()).where(AuditEntry.action == "meeting.chase_papers")) == 0


def test_unknown_meetings_and_dates_get_a_clear_answer(planned) -> None:
    assert "Fant ikke møte 999" in ask(planned.ctx, "send påminnelser 999", SECRETARY).text
    assert (
        "Hvilket møte?" in ask(planned.ctx, "påminn de som mangler saksdokumenter til møtet", SECRETARY).text
    )
    none = ask(
        planned.ctx, "påminn de som mangler saksdokumenter til møtet 15.12 i Pasientbehandling", SECRETARY
    )
    assert "finner ikke noe planlagt møte 15.12.2026" in none.text


def test_govbot_ask_answers_meeting_questions(cli, database_url) -> None:
    added = cli(
        "meetings", "add", "--body", "Pasientbehandling", "--at", "2030-12-16T09:00", "--json",
        "--as", SECRETARY, database_url=database_url,
    )  # fmt: skip
    meeting = json.loads(added.stdout)
    item = cli(
        "agenda", "add", "--meeting", str(meeting["id"]), "--title", "Ny kurve", "--owner", CASE_OWNER,
        "--operating-cost", "0,5", "--as", SECRETARY, database_url=database_url,
    )  # fmt: skip
    assert item.returncode == 0, item.stderr
    nxt = cli("ask", "neste møte i Pasientbehandling", database_url=database_url)
    assert "16.12.2030 kl. 09:00" in nxt.stdout and "06.12.2030" in nxt.stdout and "Ny kurve" in nxt.stdout
    due = cli("ask", "when are papers due for the meeting on 2030-12-16", database_url=database_url)
    assert "papers due 6 December 2030" in due.stdout
    mine = cli("ask", "mine frister", "--as", CASE_OWNER, database_url=database_url)
    assert "06.12.2030: sak 1-2030 Ny kurve" in mine.stdout
    preview = cli(
        "ask", f"påminn de som mangler saksdokumenter til møtet {meeting['id']}", "--as", SECRETARY,
        database_url=database_url,
    )  # fmt: skip
    assert (
        "Hanne Kristoffersen (plassholder): sak 1-2030 Ny kurve" in preview.stdout
        and "[Send påminnelser]" in preview.stdout
    )
    sent = cli("ask", f"send påminnelser {meeting['id']}", "--as", SECRETARY, database_url=database_url)
    assert "1 mottaker(e), 1 nye" in sent.stdout, sent.stderr


def test_preview_and_send_in_chat_count_the_same_people(planned, store) -> None:
    """Three more cases, one of them the same owner's: three people, each reminded once of all theirs."""
    from handlers.initiatives.amounts import MnokRange
    from handlers.meetings.agenda import add_item
    from tests.scheduler.conftest import NOW, actor

    with store.session() as session:
        for title, owner in (("Ny PACS", "ola-hansen"), ("Tale", OUTSIDER), ("Kurve 2", CASE_OWNER)):
            add_item(
                session, store.model, store.model_id, actor(SECRETARY), planned.december, title=title,
                owner_key=owner, kind="decision", initiative_ref=None, operating_cost=MnokRange(0, 0), now=NOW,
            )  # fmt: skip
    preview = ask(
        planned.ctx, f"påminn de som mangler saksdokumenter til møtet {planned.december}", SECRETARY
    )
    assert "3 mottaker(e), 3 nye påminnelser" in preview.text
    assert "sak 1-2026 Ny kurveløsning; sak 4-2026 Kurve 2" in preview.text
    sent = ask(planned.ctx, f"send påminnelser {planned.december}", SECRETARY)
    assert "3 mottaker(e), 3 nye" in sent.text
    again = ask(planned.ctx, f"remind those missing papers for meeting {planned.december}", SECRETARY)
    assert "3 recipient(s), 0 new reminder(s)" in again.text
    from handlers.meetings.reminder_texts import render_reminder

    with store.read() as session:
        rows = session.scalars(select(Reminder).where(Reminder.source == "on_demand")).all()
        people = sorted(r.person_key for r in rows)
        mine = next(r for r in rows if r.person_key == CASE_OWNER)
        told = render_reminder(mine.kind, mine.payload, "nb").text
    assert people == sorted([CASE_OWNER, "ola-hansen", OUTSIDER])
    assert "2 saker" in told and "Sak 1-2026 «Ny kurveløsning»" in told and "Sak 4-2026 «Kurve 2»" in told
