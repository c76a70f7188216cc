"""Issue 14 leftover: a one-off chase queued for a case's meeting follows the case. A case moved to
another meeting or withdrawn before the chase goes out is taken out of it, and a chase left with no case
is cancelled: nobody is chased for papers to a meeting their case has left."""

from __future__ import annotations

from sqlalchemy import select

from handlers.initiatives.amounts import MnokRange
from handlers.meetings.agenda import add_item
from handlers.meetings.agenda_changes import move_item, withdraw_item
from handlers.meetings.sends import chase_missing_papers
from models.tables import Reminder
from tests.meetings.conftest import CASE_OWNER, NOW, OUTSIDER, SECRETARY, Planned
from tests.outbox import deliver
from tests.scheduler.conftest import actor


def _case(planned: Planned, title: str, owner: str) -> int:
    store = planned.ctx.store
    with store.session() as session:
        item = add_item(
            session, store.model, store.model_id, actor(SECRETARY), planned.december,
            title=title, owner_key=owner, kind="decision", initiative_ref=None,
            operating_cost=MnokRange(0.5, 0.5), now=NOW,
        )  # fmt: skip
        return item.id  # type: ignore[union-attr]


def _chases(planned: Planned) -> dict[str, tuple[str, list[str]]]:
    with planned.ctx.store.read() as session:
        rows = session.scalars(select(Reminder).where(Reminder.kind == "papers.chase"))
        return {r.person_key: (r.status, [title for _, title in r.payload["cases"]]) for r in rows}


def test_a_chase_drops_the_cases_moved_or_withdrawn_before_it_goes(planned: Planned) -> None:
    store = planned.ctx.store
    other = _case(planned, "Talegjenkjenning", OUTSIDER)
    _case(planned, "Digital innsjekk", CASE_OWNER)
    with store.session() as session:
        queued = chase_missing_papers(
            session, store.model, store.model_id, actor(SECRETARY), planned.december, NOW
        )
    assert queued.queued == 2
    assert _chases(planned) == {
        CASE_OWNER: ("pending", ["Ny kurveløsning", "Digital innsjekk"]),
        OUTSIDER: ("pending", ["Talegjenkjenning"]),
    }
    with store.session() as session:
        args = (session, store.model, store.model_id, actor(SECRETARY))
        move_item(*args, planned.item, planned.april, NOW)
        withdraw_item(*args, other, "Trukket av forslagsstiller", NOW)
    assert _chases(planned) == {
        CASE_OWNER: ("pending", ["Digital innsjekk"]),
        OUTSIDER: ("cancelled", ["Talegjenkjenning"]),
    }
    chased = [n for n in deliver(planned.ctx) if n.kind == "papers.chase"]
    assert [n.person_key for n in chased] == [CASE_OWNER]
    assert "Digital innsjekk" in chased[0].reply.text and "Ny kurveløsning" not in chased[0].reply.text
