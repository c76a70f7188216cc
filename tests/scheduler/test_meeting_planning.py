"""Planning, moving and cancelling meetings: permissions, audit, minutes and re-planned reminders."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import MeetingError, resolve_body
from handlers.meetings.agenda import add_item, mark_delivered
from handlers.meetings.deadlines import OSLO
from handlers.meetings.planning import add_meeting, cancel_meeting, move_meeting
from handlers.notify import RecordingNotifier
from models.tables import AgendaItem, AuditEntry, Meeting, Reminder
from scheduler.sweep import Sweeper
from tests.scheduler.conftest import CASE_OWNER, NOW, actor

APRIL = datetime(2027, 4, 5, 9, 0, tzinfo=OSLO)


def _plan(store, who, at=APRIL, body="Pasientbehandling"):
    with store.session() as session:
        meeting = add_meeting(
            session,
            store.model,
            store.model_id,
            who,
            resolve_body(session, store.model_id, body),
            at,
            "Teams",
            NOW,
        )
        return meeting.id


def _with_case(store, who, meeting_id):
    with store.session() as session:
        return add_item(
            session,
            store.model,
            store.model_id,
            who,
            meeting_id,
            title="Ny kurveløsning",
            owner_key=CASE_OWNER,
            kind="decision",
            initiative_ref="INI-2026-0001",
            operating_cost=MnokRange(0.5, 0.5),
            now=NOW,
        ).id


def _pending(store, meeting_id):
    with store.read() as session:
        return set(
            session.scalars(
                select(Reminder.dedup_key).where(
                    Reminder.meeting_id == meeting_id, Reminder.status == "pending"
                )
            )
        )


def test_secretary_plans_a_meeting_with_deadline_and_audit(store, secretary) -> None:
    meeting_id = _plan(store, secretary)
    with store.read() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert meeting.papers_due == date(2027, 3, 24)
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.entity_ref == f"meeting:{meeting_id}")
        ).all()
        assert [a.action for a in audit] == ["meeting.add"]
        assert audit[0].actor.startswith("hilde-karlsen")
    assert any(k.startswith("members-before:") for k in _pending(store, meeting_id))


@pytest.mark.parametrize("who", [None, "ola-hansen", CASE_OWNER + "-x"])
def test_others_are_refused_and_nothing_is_written(store, who) -> None:
    with pytest.raises(MeetingError) as refused:
        _plan(store, actor(who))
    assert refused.value.key == "meetings.denied"
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 0
        assert session.scalar(select(func.count()).select_from(Reminder)) == 0


def test_chair_or_owner_may_plan(store) -> None:
    assert _plan(store, actor("hanne-kristoffersen"))  # owner of the domain board


def test_moving_replans_reminders_and_nothing_is_sent_for_the_old_date(store, secretary, clock) -> None:
    meeting_id = _plan(store, secretary)
    _with_case(store, secretary, meeting_id)
    old = _pending(store, meeting_id)
    with store.session() as session:
        move_meeting(
            session, store.model, store.model_id, secretary, meeting_id, APRIL + timedelta(days=14), NOW
        )
    new = _pending(store, meeting_id)
    assert old and new and not (old & new)
    with store.read() as session:
        moved = session.get_one(Meeting, meeting_id)
        assert moved.status == "moved" and moved.papers_due == date(2027, 4, 9)
        cancelled = session.scalars(
            select(Reminder.dedup_key).where(
                Reminder.meeting_id == meeting_id, Reminder.status == "cancelled"
            )
        )
        assert set(cancelled) == old
    notifier = RecordingNotifier()
    clock.now = datetime(2027, 4, 4, 12, tzinfo=OSLO)  # past every reminder for the old date
    Sweeper(store, notifier, clock, "w").run_until_idle()
    sent_keys = {n.key for n in notifier.sent}
    assert sent_keys and sent_keys <= new
    assert not any("2027-03-24" in key or "2027-04-05" in key for key in sent_keys)


def test_cancelling_means_no_reminder_is_sent(store, secretary, clock) -> None:
    meeting_id = _plan(store, secretary)
    _with_case(store, secretary, meeting_id)
    with store.session() as session:
        cancel_meeting(session, store.model, store.model_id, secretary, meeting_id, "Ingen saker", NOW)
    assert _pending(store, meeting_id) == set()
    notifier = RecordingNotifier()
    for day in range(0, 120, 1):
        clock.now = NOW + timedelta(days=day)
        Sweeper(store, notifier, clock, "w").run_until_idle()
    assert notifier.sent == []
    with pytest.raises(MeetingError), store.session() as session:
        cancel_meeting(session, store.model, store.model_id, actor("ola-hansen"), meeting_id, "x", NOW)


def test_minutes_of_the_previous_meeting_go_on_the_next_agenda(store, secretary) -> None:
    first = _plan(store, secretary, at=datetime(2027, 2, 1, 9, tzinfo=OSLO))
    second = _plan(store, secretary)
    with store.read() as session:
        items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == second)).all()
        assert [(i.minutes_of_meeting_id, i.kind, i.number) for i in items] == [(first, "decision", "1-2027")]


def test_delivered_papers_stop_the_owners_reminders(store, secretary) -> None:
    meeting_id = _plan(store, secretary)
    item_id = _with_case(store, secretary, meeting_id)
    assert any(k.startswith(f"owner:{item_id}:") for k in _pending(store, meeting_id))
    with store.session() as session:
        mark_delivered(session, store.model, store.model_id, actor(CASE_OWNER), item_id, NOW)
    pending = _pending(store, meeting_id)
    assert not any(k.startswith(("owner:", "secretariat-missing:")) for k in pending)


def test_portfolio_board_owner_reminders_follow_the_working_committee_deadline(store) -> None:
    ingrid = actor("ingrid-johansen")
    meeting_id = _plan(store, ingrid, at=datetime(2027, 3, 1, 10, tzinfo=OSLO), body="porteføljestyret")
    item_id = _with_case(store, ingrid, meeting_id)
    keys = [k for k in _pending(store, meeting_id) if k.startswith(f"owner:{item_id}:")]
    assert keys and all(k.endswith(":2027-02-08") for k in keys)


def _minutes(store):
    """{meeting id: [meeting ids whose minutes its agenda approves]} for Pasientbehandling, in order."""
    with store.read() as session:
        meetings = session.scalars(
            select(Meeting).where(Meeting.status != "cancelled").order_by(Meeting.starts_at)
        ).all()
        return [
            (m.id, [i.minutes_of_meeting_id for i in m.items if i.minutes_of_meeting_id is not None])
            for m in meetings
        ]


def test_every_next_meeting_approves_the_one_before_whatever_order_they_were_planned_in(
    store, secretary
) -> None:
    """The issue's case: four meetings planned out of order, of which only one got the item."""
    at = [
        datetime(2027, month, 1 + day, 9, tzinfo=OSLO) for month, day in ((9, 5), (10, 3), (11, 0), (12, 5))
    ]
    dec = _plan(store, secretary, at=at[3])
    sep = _plan(store, secretary, at=at[0])
    nov = _plan(store, secretary, at=at[2])
    oct_ = _plan(store, secretary, at=at[1])
    assert _minutes(store) == [(sep, []), (oct_, [sep]), (nov, [oct_]), (dec, [nov])]
    with store.read() as session:
        items = session.scalars(select(AgendaItem).where(AgendaItem.minutes_of_meeting_id.is_not(None)))
        titles = {i.meeting_id: i.title for i in items}
        assert titles[oct_] == "Godkjenning av referat fra møtet 06.09.2027"
        assert len(set(session.scalars(select(AgendaItem.number)))) == 3
        audited = set(
            session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "agenda_item"))
        )
        assert audited >= {"agenda.minutes_add", "agenda.minutes_repoint"}


def test_moving_or_cancelling_a_meeting_keeps_each_approval_on_the_next_meeting(store, secretary) -> None:
    feb = _plan(store, secretary, at=datetime(2027, 2, 1, 9, tzinfo=OSLO))
    mar = _plan(store, secretary, at=datetime(2027, 3, 1, 9, tzinfo=OSLO))
    apr = _plan(store, secretary, at=APRIL)
    with store.session() as session:  # February's meeting moves after April's
        move_meeting(
            session, store.model, store.model_id, secretary, feb, datetime(2027, 5, 3, 9, tzinfo=OSLO), NOW
        )
    assert _minutes(store) == [(mar, []), (apr, [mar]), (feb, [apr])]
    with store.session() as session:
        cancel_meeting(session, store.model, store.model_id, secretary, apr, "Ingen saker", NOW)
    assert _minutes(store) == [(mar, []), (feb, [mar])]
    with store.read() as session:
        approval = session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == feb, AgendaItem.minutes_of_meeting_id == mar)
        ).one()
        assert approval.title == "Godkjenning av referat fra møtet 01.03.2027"
        owner_rows = session.scalars(
            select(Reminder.dedup_key).where(
                Reminder.meeting_id == feb, Reminder.status == "pending", Reminder.kind == "papers.owner_due"
            )
        ).all()
        assert all(key.startswith(f"owner:{approval.id}:") for key in owner_rows)


def test_a_meeting_already_held_keeps_its_agenda(store, secretary, clock) -> None:
    later = _plan(store, secretary, at=datetime(2027, 1, 4, 9, tzinfo=OSLO))  # before NOW: already held
    with store.session() as session:
        add_meeting(
            session,
            store.model,
            store.model_id,
            secretary,
            resolve_body(session, store.model_id, "Pasientbehandling"),
            datetime(2026, 12, 7, 9, tzinfo=OSLO),
            None,
            NOW,
        )
    assert [minutes for _, minutes in _minutes(store)] == [[], []]
    assert later
