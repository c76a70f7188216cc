"""Item 6: questions about meetings through handle_message, nb and en, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from handlers.meetings.dates import find_date
from tests.meetings.conftest import CASE_OWNER, SECRETARY, ask


def test_next_meeting_gives_time_place_deadline_and_agenda(planned) -> None:
    reply = ask(planned.ctx, "Når er neste møte i Pasientbehandling?")
    assert reply.intent == "meetings.next"
    text = reply.text
    assert "14.12.2026 kl. 09:00" in text and "Teams" in text
    assert "Frist for saksgrunnlag: 04.12.2026" in text
    assert "Ny kurveløsning" in text and "Hanne Kristoffersen" in text and "ikke levert" in text

    english = ask(planned.ctx, "next meeting of the portfolio board").text
    assert "Next meeting of Porteføljestyret: 8 February 2027 at 10:00" in english
    assert "Papers due" in english and "Due to the working committee" in english
    assert "No cases on the agenda yet." in english


def test_next_meeting_follows_the_clock_and_skips_cancelled(planned) -> None:
    planned.clock.now = planned.clock.now.replace(year=2027, month=1)
    assert "05.04.2027 kl. 09:00" in ask(planned.ctx, "neste møte i Pasientbehandling").text


def test_unknown_body_is_answered_politely_with_the_closest(planned) -> None:
    reply = ask(planned.ctx, "neste møte i Kvantefysikk")
    assert reply.intent == "refused.meetings.no_body"
    assert "Jeg finner ikke noe styre" in reply.text and "Nærmeste styrer:" in reply.text
    english = ask(planned.ctx, "next meeting of the Narnia council")
    assert "I cannot find a board" in english.text and "Closest boards:" in english.text
    assert "Which board" in ask(planned.ctx, "when is the next meeting?", "nobody-at-all").text
    # a member is answered from their own boards instead of being asked (issue 12 §3)
    assert "Områdestyre Pasientbehandling" in ask(planned.ctx, "when is the next meeting?").text


def test_my_deadlines_for_a_case_owner_and_a_secretary(planned) -> None:
    mine = ask(planned.ctx, "mine frister", CASE_OWNER)
    assert mine.intent == "meetings.mine"
    assert "04.12.2026: sak 1-2026 Ny kurveløsning til Områdestyre Pasientbehandling" in mine.text
    secretary = ask(planned.ctx, "my deadlines", SECRETARY).text
    assert "As secretariat" in secretary
    assert (
        "4 December 2026: papers for Områdestyre Pasientbehandling" in secretary
        and "1 case(s) missing" in secretary
    )
    assert "24 March 2027" in secretary
    assert "I do not know who you are" in ask(planned.ctx, "my deadlines", "nobody-at-all").text


def test_missing_papers_until_delivered(planned, store) -> None:
    from handlers.meetings.agenda import mark_delivered
    from tests.scheduler.conftest import actor

    question = "hvilke saksdokumenter mangler til neste møte i Pasientbehandling?"
    reply = ask(planned.ctx, question)
    assert reply.intent == "meetings.missing" and "1-2026 Ny kurveløsning" in reply.text
    with store.session() as session:
        mark_delivered(session, store.model, store.model_id, actor(CASE_OWNER), planned.item, planned.clock())
    assert "er levert" in ask(planned.ctx, question).text
    english = ask(planned.ctx, "which papers are missing for the next meeting of Pasientbehandling").text
    assert "have been delivered" in english
    assert "no cases waiting" in ask(planned.ctx, "my deadlines", CASE_OWNER).text


@pytest.mark.parametrize(
    "question",
    [
        "når er fristen for møtet 14. desember?",
        "når er fristen for møtet 14.12?",
        "Hva er fristen for møtet 14.12.2026 i Pasientbehandling?",
        "frist for møtet 2026-12-14",
    ],
)
def test_deadline_for_the_meeting_on_a_date_nb(planned, question) -> None:
    reply = ask(planned.ctx, question)
    assert reply.intent == "meetings.on_date"
    assert "Områdestyre Pasientbehandling 14.12.2026 kl. 09:00: saksgrunnlag innen 04.12.2026" in reply.text


def test_deadline_for_a_date_in_english_and_bad_dates(planned) -> None:
    english = ask(planned.ctx, "when are papers due for the meeting on 2026-12-14").text
    assert "papers due 4 December 2026" in english
    portfolio = ask(planned.ctx, "when are papers due for the meeting on 8 February").text
    assert "papers due 29 January 2027" in portfolio and "Due to the working committee" in portfolio
    assert (
        "I find no planned meeting on 15 December 2026"
        in ask(planned.ctx, "deadline for the meeting 2026-12-15").text
    )
    assert "forstår ikke datoen" in ask(planned.ctx, "når er fristen for møtet 31.02?").text


def test_dates_as_norwegians_write_them() -> None:
    from datetime import date

    today = date(2026, 11, 2)
    for written in ("14. desember", "14.12", "14.12.2026", "2026-12-14", "December 14", "14 Dec 2026"):
        assert find_date(written, today) == date(2026, 12, 14), written
    assert find_date("5. mai", today) == date(2027, 5, 5)
    assert find_date("31.02", today) is None and find_date("møtet 5", today) is None


def test_other_questions_pass_through_to_the_catalogue(planned) -> None:
    assert ask(planned.ctx, "Hvem eier DIPS?").intent == "who_owns"
    assert ask(planned.ctx, "Who owns DIPS?").intent == "who_owns"
    assert not ask(planned.ctx, "hjelp").intent.startswith("meetings")
