"""`deadlines.this_week` and the assignment intents: what is due for the asker, and the oppdrag.

Paper deadlines come from meetings the test plans (hso-2026); assignment deadlines from the Helse Nord
preset, the one with numbered assignments, on a clock a few days before two of them fall due.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from handlers.assignments.intent_answers import answer_assignments_list, answer_assignments_status
from handlers.context import HandlerContext
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.deadlines import OSLO
from handlers.meetings.due_soon import answer_deadlines_this_week
from handlers.meetings.formatting import day
from handlers.texts import t
from handlers.understanding.slots import Period
from tests.scheduler.conftest import actor
from tests.understanding.context_asks import NOBODY, NOW, ask

SECRETARY = "hilde-karlsen"  # secretariat of Pasientbehandling
CASE_OWNER = "hanne-kristoffersen"
PORTFOLIO_SECRETARY = "ingrid-johansen"


@pytest.fixture
def planned(context: Any) -> dict[str, date]:
    """A Pasientbehandling meeting whose papers fall due this week, one in January, one portfolio case."""
    from handlers.meetings.access import resolve_body
    from handlers.meetings.agenda import add_item
    from handlers.meetings.planning import add_meeting

    context.clock = lambda: NOW
    store = context.store
    with store.session() as session:
        args = (session, store.model, store.model_id)
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        portfolio = resolve_body(session, store.model_id, "porteføljestyret")
        soon = add_meeting(*args, actor(SECRETARY), board, datetime(2026, 12, 14, 9, tzinfo=OSLO), None, NOW)
        later = add_meeting(*args, actor(SECRETARY), board, datetime(2027, 1, 25, 9, tzinfo=OSLO), None, NOW)
        big = add_meeting(
            *args, actor(PORTFOLIO_SECRETARY), portfolio, datetime(2026, 12, 28, 10, tzinfo=OSLO), None, NOW
        )
        for meeting, title, by in (
            (soon, "Ny kurveløsning", SECRETARY),
            (big, "Felles arkiv", PORTFOLIO_SECRETARY),
        ):
            add_item(
                *args,
                actor(by),
                meeting.id,
                title=title,
                owner_key=CASE_OWNER,
                kind="decision",
                initiative_ref=None,
                operating_cost=MnokRange(0.5, 0.5),
                now=NOW,
            )
        due = {"soon": soon.papers_due, "later": later.papers_due, "committee": big.working_committee_due}
    return due


def test_the_secretariat_sees_this_weeks_send_out_days(context: Any, planned: dict[str, date]) -> None:
    reply = ask(answer_deadlines_this_week, context, "deadlines.this_week", SECRETARY)

    assert reply.intent == "deadlines.this_week"
    assert "Dine frister de neste 7 dagene (30.11.2026–06.12.2026): 1" in reply.text
    assert f"{day('nb', planned['soon'])}: saksgrunnlaget til Områdestyre Pasientbehandling" in reply.text
    assert "1 sak(er) mangler" in reply.text
    assert day("nb", planned["later"]) not in reply.text  # January is not this week


def test_a_case_owner_sees_their_papers_including_the_working_committee_deadline(
    context: Any, planned: dict[str, date]
) -> None:
    reply = ask(answer_deadlines_this_week, context, "deadlines.this_week", CASE_OWNER, language="en")
    assert "Your deadlines in the next 7 days (30 November 2026–6 December 2026)" in reply.text
    assert f"{day('en', planned['soon'])}: papers for case" in reply.text and "Ny kurveløsning" in reply.text
    # the portfolio case is due to the working committee on a day after this week
    assert planned["committee"] > date(2026, 12, 6) and "Felles arkiv" not in reply.text

    december = Period(date(2026, 12, 1), date(2026, 12, 31), "in December")
    wider = ask(
        answer_deadlines_this_week, context, "deadlines.this_week", CASE_OWNER, language="en", period=december
    )
    assert (
        f"{day('en', planned['committee'])}: papers for case" in wider.text and "Felles arkiv" in wider.text
    )
    assert wider.text.index("Ny kurveløsning") < wider.text.index("Felles arkiv")  # by date


def test_one_day_named_is_that_day_only(context: Any, planned: dict[str, date]) -> None:
    that_day = ask(answer_deadlines_this_week, context, "deadlines.this_week", SECRETARY, day=planned["soon"])
    assert that_day.text.startswith(f"Dine frister {day('nb', planned['soon'])}: 1")
    other_day = date(2026, 12, 1) if planned["soon"] != date(2026, 12, 1) else date(2026, 12, 2)
    quiet = ask(answer_deadlines_this_week, context, "deadlines.this_week", SECRETARY, day=other_day)
    assert quiet.text == f"Du har ingen frister {day('nb', other_day)}."


def test_nothing_due_and_nobody_known(context: Any, planned: dict[str, date]) -> None:
    quiet = ask(answer_deadlines_this_week, context, "deadlines.this_week", "silje-kristiansen")
    assert quiet.text == "Du har ingen frister de neste 7 dagene (30.11.2026–06.12.2026)."
    unknown = ask(answer_deadlines_this_week, context, "deadlines.this_week", NOBODY, language="en")
    assert unknown.text == t("en", "meetings.mine.unknown")


# --- the Helse Nord assignments ---------------------------------------------------------------------

DIRECTOR = "solveig-rasmussen"  # owns oppdrag 1, 14, 15 and 16; 14 and 16 are due 01.04.2026
CLINICAL_LEADER = "henrik-kristensen"  # owns oppdrag 2–8, none with a deadline
TRUST_REP = "eirik-lunde"  # owns none


@pytest.fixture
def helse_nord(database_url: str) -> Iterator[HandlerContext]:
    from models.store import open_store

    store = open_store(database_url, "helse-nord-2026")
    try:
        yield HandlerContext(store=store, clock=lambda: datetime(2026, 3, 27, 9, tzinfo=UTC))
    finally:
        store.close()


def test_assignment_deadlines_are_the_owners(helse_nord: HandlerContext) -> None:
    due = [a for a in helse_nord.model.assignments if a.owner == DIRECTOR and a.deadline is not None]
    assert due, "the preset gives the director assignments with deadlines"
    reply = ask(answer_deadlines_this_week, helse_nord, "deadlines.this_week", DIRECTOR)
    for assignment in due:
        assert (
            f"{day('nb', assignment.deadline)}: oppdrag {assignment.number} {assignment.title}" in reply.text
        )
    other = ask(answer_deadlines_this_week, helse_nord, "deadlines.this_week", CLINICAL_LEADER)
    assert other.text.startswith("Du har ingen frister")


def test_assignments_list_and_status(helse_nord: HandlerContext) -> None:
    listing = ask(answer_assignments_list, helse_nord, "assignments.list", TRUST_REP, language="en")
    assert listing.intent == "assignments.list"
    assert f"Assignments ({len(helse_nord.model.assignments)})" in listing.text

    one = ask(answer_assignments_status, helse_nord, "assignments.status", TRUST_REP, number=14)
    assert one.intent == "assignments.status" and "Oppdrag 14:" in one.text
    unknown = ask(answer_assignments_status, helse_nord, "assignments.status", TRUST_REP, number=99)
    assert unknown.intent == "refused.assignments.unknown"


def test_assignment_status_without_a_number_is_the_askers_own(helse_nord: HandlerContext) -> None:
    owned = [a for a in helse_nord.model.assignments if a.owner == CLINICAL_LEADER]
    reply = ask(answer_assignments_status, helse_nord, "assignments.status", CLINICAL_LEADER)
    assert reply.intent == "assignments.status"
    assert f"Oppdrag ({len(owned)})" in reply.text
    assert all(f"{a.number}. {a.title}" in reply.text for a in owned)
    assert not any(
        f"{a.number}. {a.title}" in reply.text for a in helse_nord.model.assignments if a not in owned
    )

    which = ask(answer_assignments_status, helse_nord, "assignments.status", TRUST_REP, language="en")
    assert which.text == t("en", "assignments.which")


def test_a_model_without_assignments_says_so(context: Any) -> None:
    for responder, intent in (
        (answer_assignments_list, "assignments.list"),
        (answer_assignments_status, "assignments.status"),
    ):
        reply = ask(responder, context, intent, SECRETARY, number=1)
        assert (reply.intent, reply.text) == ("refused.assignments.none", t("nb", "assignments.none"))
