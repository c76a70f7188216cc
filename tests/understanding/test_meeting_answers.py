"""Meeting intents answered from slots and the asker's bodies: next, on a day, in a period, missing papers.

Seeded: two meetings of Pasientbehandling (December with two cases, one delivered; March), one of
Infrastruktur og teknologi in December (both boards have Hilde Karlsen as secretariat) and one of the
portfolio board in February, which is not hers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest

from handlers.initiatives.amounts import MnokRange
from handlers.meetings.deadlines import OSLO
from handlers.meetings.formatting import day, when
from handlers.meetings.intent_answers import (
    answer_meetings_in_period,
    answer_meetings_mine,
    answer_meetings_missing,
    answer_meetings_next,
    answer_meetings_on_date,
)
from handlers.texts import t
from handlers.understanding.slots import Period
from models.tables import Meeting
from tests.scheduler.conftest import actor
from tests.understanding.context_asks import NOBODY, NOW, ask, body_slot, domain_slot

SECRETARY = "hilde-karlsen"  # secretariat of Pasientbehandling, Infrastruktur og teknologi, Økonomi
PORTFOLIO_SECRETARY = "ingrid-johansen"
CASE_OWNER = "hanne-kristoffersen"  # owner of Pasientbehandling, in no other body
DELIVERER = "vegard-mathisen"
PB = "omradestyre-pasientbehandling"
INFRA = "omradestyre-infrastruktur-og-teknologi"


@dataclass(frozen=True)
class Seen:
    """What the seeded meetings are, read back from the store: start and papers deadline."""

    starts_at: datetime
    papers_due: date


@dataclass
class Seeded:
    ctx: Any
    december: Seen
    march: Seen
    infra: Seen
    portfolio: Seen


def _seen(meeting: Meeting) -> Seen:
    return Seen(meeting.starts_at, meeting.papers_due)


@pytest.fixture
def seeded(context: Any) -> Seeded:
    from handlers.meetings.access import resolve_body
    from handlers.meetings.agenda import add_item, mark_delivered
    from handlers.meetings.planning import add_meeting

    context.clock = lambda: NOW
    store = context.store
    with store.session() as session:
        args = (session, store.model, store.model_id)
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        infra_board = resolve_body(session, store.model_id, "Infrastruktur og teknologi")
        portfolio_board = resolve_body(session, store.model_id, "porteføljestyret")
        secretary = actor(SECRETARY)
        december = add_meeting(*args, secretary, board, datetime(2026, 12, 14, 9, tzinfo=OSLO), "Teams", NOW)
        march = add_meeting(*args, secretary, board, datetime(2027, 3, 8, 9, tzinfo=OSLO), None, NOW)
        infra = add_meeting(*args, secretary, infra_board, datetime(2026, 12, 10, 10, tzinfo=OSLO), None, NOW)
        portfolio = add_meeting(
            *args,
            actor(PORTFOLIO_SECRETARY),
            portfolio_board,
            datetime(2027, 2, 8, 10, tzinfo=OSLO),
            "Oslo",
            NOW,
        )

        def item(meeting: Meeting, title: str, owner: str) -> int:
            added = add_item(
                *args,
                secretary,
                meeting.id,
                title=title,
                owner_key=owner,
                kind="decision",
                initiative_ref=None,
                operating_cost=MnokRange(0.5, 0.5),
                now=NOW,
            )
            return added.id

        item(december, "Ny kurveløsning", CASE_OWNER)
        delivered = item(december, "Felles legemiddelliste", DELIVERER)
        mark_delivered(*args, secretary, delivered, NOW)
        item(infra, "Nytt trådløst nett", CASE_OWNER)
        seen = Seeded(context, _seen(december), _seen(march), _seen(infra), _seen(portfolio))
    return seen


def _board(ctx: Any, key: str) -> str:
    return ctx.model.body(key).name


# --- meetings.next ----------------------------------------------------------------------------------


def test_next_of_a_named_body_has_agenda_and_papers_deadline(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(answer_meetings_next, ctx, "meetings.next", CASE_OWNER, body=body_slot(ctx, PB))

    assert reply.intent == "meetings.next"
    assert f"Neste møte i {_board(ctx, PB)}: {when('nb', seeded.december.starts_at)}" in reply.text
    assert day("nb", seeded.december.papers_due) in reply.text
    assert "Ny kurveløsning" in reply.text and "Felles legemiddelliste" in reply.text


def test_a_domain_named_means_its_board(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(
        answer_meetings_next, ctx, "meetings.next", NOBODY, domain=domain_slot(ctx, "pasientbehandling")
    )
    assert when("nb", seeded.december.starts_at) in reply.text and "Ny kurveløsning" in reply.text


def test_next_with_a_period_is_the_bodys_meeting_in_it(seeded: Seeded) -> None:
    ctx = seeded.ctx
    march = Period(date(2027, 3, 1), date(2027, 3, 31), "i mars")
    reply = ask(answer_meetings_next, ctx, "meetings.next", SECRETARY, body=body_slot(ctx, PB), period=march)

    assert f"Møte i {_board(ctx, PB)}: {when('nb', seeded.march.starts_at)}" in reply.text
    assert day("nb", seeded.march.papers_due) in reply.text
    assert "Ny kurveløsning" not in reply.text  # that case is on December's agenda

    january = Period(date(2027, 1, 1), date(2027, 1, 31), "in January")
    empty = ask(
        answer_meetings_next,
        ctx,
        "meetings.next",
        SECRETARY,
        language="en",
        body=body_slot(ctx, PB),
        period=january,
    )
    assert (
        f"{_board(ctx, PB)} has no planned meetings in January (1 January 2027–31 January 2027)."
        == empty.text
    )


def test_no_body_named_and_one_body_served_gives_that_bodys_next_meeting(seeded: Seeded) -> None:
    reply = ask(answer_meetings_next, seeded.ctx, "meetings.next", CASE_OWNER)
    assert f"Neste møte i {_board(seeded.ctx, PB)}" in reply.text and "Ny kurveløsning" in reply.text


def test_no_body_named_lists_the_next_meeting_of_each_body_served_soonest_first(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(answer_meetings_next, ctx, "meetings.next", SECRETARY, language="en")

    text = reply.text
    infra_line = f"{_board(ctx, INFRA)} {when('en', seeded.infra.starts_at)}: papers due {day('en', seeded.infra.papers_due)}"
    pb_line = f"{_board(ctx, PB)} {when('en', seeded.december.starts_at)}"
    assert infra_line in text and pb_line in text
    assert text.index(infra_line) < text.index(pb_line)
    assert when("en", seeded.march.starts_at) not in text  # only the next one of each
    assert "Porteføljestyret" not in text  # not her body


def test_next_with_nothing_known_asks_which_body(seeded: Seeded) -> None:
    for language in ("nb", "en"):
        reply = ask(answer_meetings_next, seeded.ctx, "meetings.next", NOBODY, language=language)
        assert (reply.intent, reply.text) == ("meetings.ask_body", t(language, "meetings.ask_body"))


# --- meetings.on_date and meetings.mine -------------------------------------------------------------


def test_on_date_lists_that_days_meetings_or_asks_for_the_date(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(answer_meetings_on_date, ctx, "meetings.on_date", SECRETARY, day=date(2026, 12, 14))
    assert _board(ctx, PB) in reply.text and day("nb", seeded.december.papers_due) in reply.text
    assert _board(ctx, INFRA) not in reply.text

    none = ask(
        answer_meetings_on_date, ctx, "meetings.on_date", SECRETARY, language="en", day=date(2026, 12, 15)
    )
    assert none.text == t("en", "meetings.on_date.none", date="15 December 2026")
    unclear = ask(answer_meetings_on_date, ctx, "meetings.on_date", SECRETARY)
    assert unclear.text == t("nb", "meetings.date_unclear")


def test_mine_lists_the_askers_own_open_cases(seeded: Seeded) -> None:
    reply = ask(answer_meetings_mine, seeded.ctx, "meetings.mine", CASE_OWNER)
    assert "Ny kurveløsning" in reply.text and "Nytt trådløst nett" in reply.text
    unknown = ask(answer_meetings_mine, seeded.ctx, "meetings.mine", NOBODY, language="en")
    assert unknown.text == t("en", "meetings.mine.unknown")


# --- meetings.missing -------------------------------------------------------------------------------


def test_missing_for_a_named_body(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(answer_meetings_missing, ctx, "meetings.missing", SECRETARY, body=body_slot(ctx, PB))
    assert reply.intent == "meetings.missing"
    assert "Ny kurveløsning" in reply.text and "Felles legemiddelliste" not in reply.text


def test_missing_without_a_body_covers_every_body_the_asker_serves(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(answer_meetings_missing, ctx, "meetings.missing", SECRETARY)

    text = reply.text
    assert (
        f"{_board(ctx, INFRA)} {when('nb', seeded.infra.starts_at)} (frist {day('nb', seeded.infra.papers_due)})"
        in text
    )
    assert (
        "Nytt trådløst nett – Hanne Kristoffersen" in text and "Ny kurveløsning – Hanne Kristoffersen" in text
    )
    assert "Felles legemiddelliste" not in text  # delivered
    assert text.index("Nytt trådløst nett") < text.index("Ny kurveløsning")  # the sooner meeting first


def test_missing_without_a_body_when_nothing_is_missing_or_nothing_is_known(seeded: Seeded) -> None:
    ctx = seeded.ctx
    # Silje Kristiansen's boards (Prehospital, Helsesamhandling, HR-tjenester) have no meetings at all
    calm = ask(answer_meetings_missing, ctx, "meetings.missing", "silje-kristiansen", language="en")
    assert calm.intent == "meetings.missing"
    assert calm.text.startswith("No case is missing papers for the coming meetings of ")
    assert ctx.model.body("omradestyre-prehospital").name in calm.text

    unknown = ask(answer_meetings_missing, ctx, "meetings.missing", NOBODY)
    assert (unknown.intent, unknown.text) == ("meetings.ask_body", t("nb", "meetings.ask_body"))


# --- meetings.in_period -----------------------------------------------------------------------------


def test_in_period_across_the_askers_bodies_with_papers_deadlines(seeded: Seeded) -> None:
    ctx = seeded.ctx
    december = Period(date(2026, 12, 1), date(2026, 12, 31), "i desember")
    reply = ask(answer_meetings_in_period, ctx, "meetings.in_period", SECRETARY, period=december)

    assert reply.intent == "meetings.in_period"
    assert "Møter i organene dine i desember (01.12.2026–31.12.2026): 2" in reply.text
    assert f"saksgrunnlag innen {day('nb', seeded.infra.papers_due)}" in reply.text
    assert f"saksgrunnlag innen {day('nb', seeded.december.papers_due)}" in reply.text


def test_in_period_for_someone_in_no_body_covers_all_bodies(seeded: Seeded) -> None:
    ctx = seeded.ctx
    winter = Period(date(2026, 12, 1), date(2027, 2, 28), "this winter")
    reply = ask(answer_meetings_in_period, ctx, "meetings.in_period", NOBODY, language="en", period=winter)

    assert "Meetings this winter (1 December 2026–28 February 2027): 3" in reply.text
    assert "Porteføljestyret" in reply.text
    committee_due = day("en", seeded.portfolio.papers_due)
    assert f"papers due {committee_due}" in reply.text and "Due to the working committee" in reply.text


def test_in_period_of_a_named_body_and_the_questions(seeded: Seeded) -> None:
    ctx = seeded.ctx
    spring = Period(date(2027, 1, 1), date(2027, 6, 30), "")
    reply = ask(
        answer_meetings_in_period, ctx, "meetings.in_period", NOBODY, body=body_slot(ctx, PB), period=spring
    )
    assert (
        when("nb", seeded.march.starts_at) in reply.text
        and when("nb", seeded.december.starts_at) not in reply.text
    )

    none = ask(
        answer_meetings_in_period,
        ctx,
        "meetings.in_period",
        SECRETARY,
        period=Period(date(2027, 5, 1), date(2027, 5, 31), "i mai"),
    )
    assert none.text.splitlines() == [  # none of theirs: the region's, which here are none either
        "Organene dine har ingen planlagte møter i mai (01.05.2027–31.05.2027).",
        "Ingen planlagte møter i mai (01.05.2027–31.05.2027).",
    ]
    which = ask(answer_meetings_in_period, ctx, "meetings.in_period", SECRETARY, language="en")
    assert which.text == t("en", "meetings.period.which")


def test_the_papers_deadline_of_a_meeting_named_by_body_and_month_comes_before_the_rule(
    seeded: Seeded,
) -> None:
    """«Når må papirene til porteføljestyremøtet i februar være ute?» asks about one meeting, not the rule:
    its own deadline first (the working committee's assumed 21 days said as assumed), then the rule."""
    from handlers.answers.model_rules import answer_paper_lead

    ctx = seeded.ctx
    february = Period(date(2027, 2, 1), date(2027, 2, 28), "i februar")
    text = "Når må papirene til porteføljestyremøtet i februar være ute?"
    reply = ask(
        answer_paper_lead, ctx, "model.paper_lead", NOBODY, text=text, body=body_slot(ctx, "portefoljestyret"),
        period=february,
    )  # fmt: skip
    assert reply.intent == "meetings.in_period"
    assert "Porteføljestyret 08.02.2027 kl. 10:00: saksgrunnlag innen " in reply.text
    assert "Frist til arbeidsutvalget, antatt:" in reply.text
    rule = reply.text.index(t("nb", "model.paper_lead", days=ctx.model.rules.paper_lead_days))
    assert reply.text.index("08.02.2027") < rule
    plain = ask(
        answer_paper_lead, ctx, "model.paper_lead", NOBODY, text="hvor lenge før møtet må papirene ut?"
    )
    assert plain.intent == "model.paper_lead" and "08.02.2027" not in plain.text
