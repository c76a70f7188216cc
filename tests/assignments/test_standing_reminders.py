"""Assignment deadlines, the mid-March traffic-light assessment and the yearly evaluation go through the
outbox: derived by the sweep job on every tick, created once, sent once (injected clock, no sleeping)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import select

from handlers.assignments.standing import derive_standing_reminders
from handlers.context import HandlerContext
from handlers.notify import RecordingNotifier
from models.tables import Reminder
from scheduler.jobs import sweep as _sweep
from scheduler.sweep import Sweeper
from tests.assignments.conftest import CLINICAL_LEADER, DIRECTOR, clock_of
from tests.scheduler.conftest import Clock


def _rows(ctx: HandlerContext) -> list[tuple[str, str, str, str]]:
    with ctx.store.read() as session:
        rows = session.scalars(select(Reminder).where(Reminder.source == "standing").order_by(Reminder.id))
        return [(r.kind, r.person_key, r.due_at.date().isoformat(), r.status) for r in rows]


def _sweeper(ctx: HandlerContext) -> Sweeper:
    return Sweeper(ctx.store, ctx.notifier, ctx.clock, "test-worker")


def test_helse_nord_reminders_are_created_once_and_sent_once(helse_nord) -> None:
    clock, notifier = clock_of(helse_nord), helse_nord.notifier
    assert isinstance(notifier, RecordingNotifier)
    first = derive_standing_reminders(helse_nord.store, clock())
    assert first.created == 12 and derive_standing_reminders(helse_nord.store, clock()).created == 0
    kinds = Counter((kind, day) for kind, _, day, _ in _rows(helse_nord))
    assert kinds == {
        ("assignment.assessment", "2026-03-13"): 4,  # 15 March 2026 is a Sunday: the Friday before
        ("assignment.assessment", "2027-03-15"): 4,
        ("assignment.due", "2026-03-25"): 2,  # oppdrag 14 and 16: 5 working days before 1 April
        ("assignment.due", "2026-03-31"): 2,
    }
    assessed = {person for kind, person, _, _ in _rows(helse_nord) if kind == "assignment.assessment"}
    assert assessed == {DIRECTOR, CLINICAL_LEADER, "martin-saether", "linn-christensen"}
    sweeper = _sweeper(helse_nord)
    _sweep(sweeper)
    assert notifier.sent == []  # nothing is due yet
    clock.now = datetime(2026, 3, 13, 8, 5, tzinfo=UTC)  # 09:05 in Oslo
    _sweep(sweeper)
    _sweep(sweeper)
    assert sorted(n.person_key for n in notifier.sent) == sorted(assessed)
    director = next(n for n in notifier.sent if n.person_key == DIRECTOR)
    assert (
        "Trafikklysvurderingen av oppdragene for 2026 skal være gjort innen 15.03.2026" in director.reply.text
    )
    assert "(1, 14, 15, 16)" in director.reply.text and "sett oppdrag 1 til gul" in director.reply.text
    clock.now = datetime(2026, 3, 25, 8, 5, tzinfo=UTC)
    _sweep(sweeper)
    due = [n for n in notifier.sent if n.kind == "assignment.due"]
    assert [n.person_key for n in due] == [DIRECTOR, DIRECTOR]
    assert "oppdrag 14 «Gjennomgå Riksrevisjonens rapport" in " ".join(n.reply.text for n in due)
    assert all("har frist 01.04.2026" in n.reply.text for n in due)
    assert len({n.key for n in notifier.sent}) == len(notifier.sent) == 6
    assert derive_standing_reminders(helse_nord.store, clock()).created == 0


def test_a_late_start_sends_what_is_due_today_and_skips_past_days(helse_nord) -> None:
    clock = clock_of(helse_nord)
    clock.now = datetime(2026, 3, 13, 15, 0, tzinfo=UTC)  # the bot was down this morning
    assert derive_standing_reminders(helse_nord.store, clock()).created == 12
    assert _sweeper(helse_nord).run_until_idle().sent == 4
    clock.now = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    late = derive_standing_reminders(helse_nord.store, clock())
    assert late.created == 0 and late.cancelled == 0
    assert Counter(status for *_, status in _rows(helse_nord)) == {"sent": 4, "pending": 8}


def test_the_portfolio_board_is_reminded_of_its_yearly_evaluation(store) -> None:
    clock = Clock(datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    ctx = HandlerContext(store=store, clock=clock, notifier=RecordingNotifier())
    assert derive_standing_reminders(store, clock()).created == 4
    rows = _rows(ctx)
    assert Counter(kind for kind, *_ in rows) == {"evaluation.yearly": 4}
    assert {(person, day) for _, person, day, _ in rows} == {
        ("ola-hansen", "2026-12-01"),  # portfolio manager
        ("ingrid-johansen", "2026-12-01"),  # secretariat
        ("ola-hansen", "2027-12-01"),
        ("ingrid-johansen", "2027-12-01"),
    }
    sweeper = _sweeper(ctx)
    clock.now = datetime(2026, 12, 1, 8, 1, tzinfo=UTC)
    _sweep(sweeper)
    _sweep(sweeper)
    assert derive_standing_reminders(store, clock()).created == 0
    assert sorted(n.person_key for n in ctx.notifier.sent) == ["ingrid-johansen", "ola-hansen"]
    text = ctx.notifier.sent[0].reply.text
    assert "Den årlige evalueringen av Porteføljestyret og porteføljestyringen for 2026" in text
    assert "innen 01.12.2026" in text
