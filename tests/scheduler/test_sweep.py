"""The sweep on both databases: retries with backoff, dead letters, missed reminders, the fence, dedup."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select, update

from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.planning import add_meeting
from handlers.meetings.sends import chase_missing_papers, send_notice
from handlers.notify import DeliveryError, Notification, RecordingNotifier
from models.tables import AuditEntry, PersonIdentity, Reminder
from scheduler.claims import claim, mark_sent
from scheduler.sweep import Sweeper
from tests.scheduler.conftest import CASE_OWNER, NOW, SECRETARY, seed_due
from tests.scheduler.test_meeting_planning import APRIL


@dataclass
class FlakyPlatform:
    """A platform that rate-limits the first `failures` sends (HTTP 429 with Retry-After)."""

    failures: int
    retry_after: float | None = None
    permanent: bool = False
    sent: list[Notification] = field(default_factory=list)

    def send(self, notification: Notification) -> str:
        if self.failures > 0:
            self.failures -= 1
            raise DeliveryError("429 rate limited", retry_after=self.retry_after, permanent=self.permanent)
        self.sent.append(notification)
        return f"ts-{len(self.sent)}"


def _row(store, key="seed:0"):
    with store.read() as session:
        row = session.scalars(select(Reminder).where(Reminder.dedup_key == key)).one()
        session.expunge(row)
        return row


def test_sent_rows_carry_the_platform_message_id(store, clock) -> None:
    seed_due(store, 3, due_at=NOW)
    notifier = RecordingNotifier()
    result = Sweeper(store, notifier, clock, "w").run_until_idle()
    assert result.sent == 3 and len(notifier.sent) == 3
    row = _row(store)
    assert row.status == "sent" and row.message_id.startswith("recorded-") and row.attempt == 1


def test_failure_retries_with_backoff_and_honours_retry_after(store, clock) -> None:
    seed_due(store, 1, due_at=NOW)
    platform = FlakyPlatform(failures=2, retry_after=600)
    sweeper = Sweeper(store, platform, clock, "w")
    assert sweeper.sweep_once().retried == 1
    assert _row(store).due_at == NOW + timedelta(seconds=600)  # Retry-After beats the 60 s base
    clock.advance(seconds=599)
    assert sweeper.sweep_once().claimed == 0
    clock.advance(seconds=1)
    assert sweeper.sweep_once().retried == 1
    platform.retry_after = None
    clock.advance(seconds=600)
    assert sweeper.sweep_once().sent == 1
    assert _row(store).attempt == 3 and len(platform.sent) == 1


def test_exponential_backoff_without_retry_after(store, clock) -> None:
    seed_due(store, 1, due_at=NOW)
    sweeper = Sweeper(store, FlakyPlatform(failures=3), clock, "w")
    delays = []
    for _ in range(3):
        before = clock.now
        sweeper.sweep_once()
        delays.append((_row(store).due_at - before).total_seconds())
        clock.now = _row(store).due_at
    assert delays == [60, 120, 240]


def test_last_attempt_dead_letters_and_tells_the_secretariat(store, clock) -> None:
    seed_due(store, 1, due_at=NOW)
    with store.session() as session:  # the seeded row is addressed to someone else than the secretariat
        session.execute(update(Reminder).values(person_key=CASE_OWNER))
    platform = FlakyPlatform(failures=1, permanent=True)
    result = Sweeper(store, platform, clock, "w").run_until_idle()
    assert result.dead == 1
    assert _row(store).status == "dead"
    with store.read() as session:
        notes = session.scalars(select(Reminder).where(Reminder.kind == "dead_letter")).all()
        assert [n.person_key for n in notes] == [SECRETARY] and notes[0].status == "sent"
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "reminder.dead")).one()
    assert "kunne ikke leveres" in platform.sent[0].reply.text


def test_reminder_past_its_deadline_is_recorded_as_missed_not_sent(store, clock) -> None:
    seed_due(store, 2, due_at=NOW)
    with store.session() as session:
        session.execute(
            update(Reminder)
            .where(Reminder.dedup_key == "seed:0")
            .values(deadline_at=NOW + timedelta(hours=1))
        )
    clock.advance(hours=2)  # the bot was down past the first reminder's deadline
    notifier = RecordingNotifier()
    result = Sweeper(store, notifier, clock, "w").run_until_idle()
    assert (result.sent, result.missed) == (1, 1)
    assert _row(store).status == "missed" and [n.key for n in notifier.sent] == ["seed:1"]


def test_a_stale_worker_cannot_complete_a_reclaimed_row(store, clock) -> None:
    seed_due(store, 1, due_at=NOW)
    lease = timedelta(minutes=5)
    stale = claim(store.engine, store.model_id, "A", clock(), 10, lease)
    clock.advance(minutes=6)  # A's lease runs out; B reclaims at attempt 2
    fresh = claim(store.engine, store.model_id, "B", clock(), 10, lease)
    assert [c.attempt for c in stale] == [1] and [c.attempt for c in fresh] == [2]
    with store.engine.begin() as conn:
        assert not mark_sent(conn, stale[0], "A", "late", clock())
        assert mark_sent(conn, fresh[0], "B", "ts-b", clock())
    row = _row(store)
    assert (row.status, row.message_id, row.claimed_by) == ("sent", "ts-b", "B")


def test_a_worker_whose_lease_lapsed_does_not_send(store, clock) -> None:
    seed_due(store, 1, due_at=NOW)
    notifier = RecordingNotifier()
    sweeper = Sweeper(store, notifier, clock, "A", lease=timedelta(seconds=0))
    result = sweeper.sweep_once()
    assert (result.claimed, result.fenced_out, notifier.sent) == (1, 1, [])


def test_on_demand_chase_and_notice_are_deduplicated_and_recorded(store, secretary, clock) -> None:
    with store.session() as session:
        body = resolve_body(session, store.model_id, "Pasientbehandling")
        meeting = add_meeting(session, store.model, store.model_id, secretary, body, APRIL, None, NOW)
        add_item(
            session,
            store.model,
            store.model_id,
            secretary,
            meeting.id,
            title="Sak",
            owner_key=CASE_OWNER,
            kind="decision",
            initiative_ref=None,
            operating_cost=MnokRange(0.5, 0.5),
            now=NOW,
        )
        meeting_id = meeting.id
    for expected in (1, 0):
        with store.session() as session:
            outcome = chase_missing_papers(session, store.model, store.model_id, secretary, meeting_id, NOW)
            assert [p.person_key for p in outcome.planned] == [CASE_OWNER] and outcome.queued == expected
    queued_per_send = []
    for _ in range(2):
        with store.session() as session:
            body = resolve_body(session, store.model_id, "Pasientbehandling")
            outcome = send_notice(
                session, store.model, store.model_id, secretary, body, "Papirene er ute", NOW
            )
            queued_per_send.append(outcome.queued)
    roster = len(outcome.planned)
    # Every trust has a representative on a HSØ domain board, so the roster is well above a handful.
    assert roster > 9 and queued_per_send == [roster, 0]
    notifier = RecordingNotifier()
    Sweeper(store, notifier, clock, "w").run_until_idle()
    kinds = sorted(n.kind for n in notifier.sent)
    assert kinds.count("papers.chase") == 1 and kinds.count("notice") == roster
    with store.read() as session:
        chased = session.scalars(select(Reminder).where(Reminder.kind == "papers.chase")).one()
        assert chased.requested_by.startswith(SECRETARY)
        actions = set(session.scalars(select(AuditEntry.action)))
        assert {"meeting.chase_papers", "body.notice"} <= actions


def test_reminders_speak_the_language_of_the_persons_last_chat_account_and_bokmal_otherwise(
    store, clock
) -> None:
    """Hilde last wrote from a Slack account set to English (an older Teams one says bokmål); the case
    owner was never seen on a platform."""
    seed_due(store, 1, due_at=NOW)
    with store.engine.begin() as conn:
        conn.execute(
            update(Reminder)
            .values(person_key=CASE_OWNER, dedup_key="owner")
            .where(Reminder.dedup_key == "seed:0")
        )
    seed_due(store, 1, due_at=NOW)
    with store.session() as session:
        session.add(
            PersonIdentity(
                platform="teams",
                platform_user_id="29:h",
                person_key=SECRETARY,
                locale="nb-NO",
                updated_at=NOW - timedelta(days=3),
            )
        )
        session.add(
            PersonIdentity(
                platform="slack",
                platform_user_id="U0H",
                person_key=SECRETARY,
                locale="en-US",
                updated_at=NOW - timedelta(days=1),
            )
        )
    notifier = RecordingNotifier()

    assert Sweeper(store, notifier, clock, "w").run_until_idle().sent == 2

    said = {n.person_key: (n.reply.language, n.reply.text) for n in notifier.sent}
    assert said[SECRETARY] == ("en", "Message from the secretariat of Test: nr 0")
    assert said[CASE_OWNER] == ("nb", "Melding fra sekretariatet for Test: nr 0")
