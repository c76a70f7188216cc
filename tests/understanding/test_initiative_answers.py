"""Initiative intents answered from slots and the asker's own: mine, status, find_mine, search, lists.

Seeded through the real intake form: two initiatives of SUBMITTER this year (a 60–80 MNOK one in
Pasientbehandling, a 10–20 MNOK one in Prehospital), one of OTHER this year (40–60 MNOK,
Pasientbehandling) and one of OTHER in 2025 (5 MNOK, Prehospital).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from handlers.forms import FormSubmission, handle_form
from handlers.home_intent import answer_home
from handlers.initiatives.intent_answers import (
    answer_body_waiting,
    answer_initiative_escalations,
    answer_initiative_find_mine,
    answer_initiative_mine,
    answer_initiative_search,
    answer_initiative_status,
    answer_initiatives_above_amount,
    answer_initiatives_count,
)
from handlers.initiatives.matching import best_matches, word_matches
from handlers.messages import Sender
from handlers.texts import t
from handlers.understanding.slots import Period
from tests.initiatives.conftest import valid_values
from tests.scheduler.conftest import Clock
from tests.understanding.context_asks import NOBODY, NOW, ask, body_slot, domain_slot

SUBMITTER = "marte-solheim"  # a trust representative in Områdestyre Pasientbehandling
OTHER = "knut-johnsen"  # a chief executive in the portfolio board only
PREHOSPITAL_SECRETARY = "silje-kristiansen"  # secretariat of Prehospital, Helsesamhandling, HR-tjenester


@dataclass
class Seeded:
    ctx: Any
    kurve: str
    amk: str
    forlop: str
    old: str


def _submit(ctx: Any, user: str, sid: str, **values: Any) -> str:
    result = handle_form(
        FormSubmission("initiative", valid_values(**values), Sender("test", user), "nb", sid), ctx
    )
    assert result.ok, result.errors
    assert result.reply is not None
    return next(word for word in result.reply.text.split() if word.startswith("INI-")).rstrip(".,:")


@pytest.fixture
def seeded(context: Any) -> Seeded:
    clock = Clock(datetime(2025, 6, 2, 9, tzinfo=UTC))
    context.clock = clock
    old = _submit(
        context, OTHER, "s-old", title="Gammel sak om ambulanser", investment="5", domain="prehospital"
    )
    clock.now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    forlop = _submit(
        context,
        OTHER,
        "s-forlop",
        title="Felles pasientforløp",
        need="Pasientforløpene er ulike mellom sykehusene.",
        investment="40-60",
        domain="pasientbehandling",
    )
    clock.now = NOW
    kurve = _submit(
        context,
        SUBMITTER,
        "s-kurve",
        title="Ny kurveløsning for intensiv",
        need="Intensivavdelingene mangler en felles kurve for pasientene.",
        investment="60-80",
        domain="pasientbehandling",
    )
    amk = _submit(
        context, SUBMITTER, "s-amk", domain="prehospital"
    )  # «Kartvisning av ledige ambulanser i AMK», 10-20
    return Seeded(context, kurve, amk, forlop, old)


# --- matching ---------------------------------------------------------------------------------------


def test_word_matching_tolerates_endings_but_not_short_prefixes() -> None:
    words = {"kurveløsning", "for", "intensiv"}
    assert word_matches("kurveløsningen", words) and word_matches("intensivavdelingen", words)
    assert word_matches("ambulansene", {"ambulanser"}) and word_matches("pasient", {"pasientforløp"})
    assert not word_matches("kur", words) and not word_matches("ambulanse", words)
    assert not word_matches("kurs", {"kurve"})


# --- the asker's own --------------------------------------------------------------------------------


def test_mine_lists_own_initiatives_only(seeded: Seeded) -> None:
    reply = ask(answer_initiative_mine, seeded.ctx, "initiative.mine", SUBMITTER)
    assert "Dine initiativer (2)" in reply.text
    assert seeded.kurve in reply.text and seeded.amk in reply.text and seeded.forlop not in reply.text
    none = ask(answer_initiative_mine, seeded.ctx, "initiative.mine", NOBODY, language="en")
    assert none.text == t("en", "initiative.mine.none")


def test_status_by_reference_or_the_askers_own(seeded: Seeded) -> None:
    ctx = seeded.ctx
    named = ask(answer_initiative_status, ctx, "initiative.status", OTHER, reference=seeded.kurve)
    assert named.text.startswith(f"{seeded.kurve}: Ny kurveløsning for intensiv")

    own_two = ask(answer_initiative_status, ctx, "initiative.status", SUBMITTER)
    assert own_two.intent == "initiative.status"
    assert (
        f"{seeded.kurve} Ny kurveløsning for intensiv – innmeldt, hos Områdestyre Pasientbehandling (over fullmaktsgrensen)"
        in own_two.text
    )
    assert (
        f"{seeded.amk} Kartvisning av ledige ambulanser i AMK – innmeldt, hos Områdestyre Prehospital"
        in own_two.text
    )

    which = ask(answer_initiative_status, ctx, "initiative.status", NOBODY, language="en")
    assert which.text == t("en", "initiative.status.which")


def test_find_mine_by_a_word_gives_that_one_initiatives_status(seeded: Seeded) -> None:
    reply = ask(
        answer_initiative_find_mine, seeded.ctx, "initiative.find_mine", SUBMITTER, words=("kurveløsningen",)
    )
    assert reply.intent == "initiative.status"
    assert reply.text.startswith(f"{seeded.kurve}: Ny kurveløsning for intensiv")
    assert "60–80" in reply.text  # the submitter sees it all


def test_find_mine_without_a_match_says_so_and_lists_theirs(seeded: Seeded) -> None:
    ctx = seeded.ctx
    # «pasientforløp» is someone else's initiative: it is not theirs to find
    reply = ask(
        answer_initiative_find_mine,
        ctx,
        "initiative.find_mine",
        SUBMITTER,
        language="en",
        words=("pasientforløp",),
    )
    assert reply.intent == "initiative.find_mine"
    assert reply.text.startswith("None of your initiatives matches «pasientforløp».")
    assert seeded.kurve in reply.text and seeded.amk in reply.text and seeded.forlop not in reply.text
    assert f"held by {ctx.model.body('omradestyre-prehospital').name_en}" in reply.text

    nobody = ask(answer_initiative_find_mine, ctx, "initiative.find_mine", NOBODY, words=("kurve",))
    assert nobody.text == t("nb", "initiative.mine.none")


def test_best_matches_keep_the_rows_matching_most_words(seeded: Seeded) -> None:
    from models.repositories.initiatives import submitted_by

    with seeded.ctx.store.read() as session:
        rows = submitted_by(session, seeded.ctx.store.model_id, "test", SUBMITTER, SUBMITTER)
        assert [r.reference for r in best_matches(rows, ["ambulansene", "kurve"])] == [
            seeded.kurve,
            seeded.amk,
        ]
        assert [r.reference for r in best_matches(rows, ["ledige", "ambulanser"])] == [seeded.amk]
        assert best_matches(rows, []) == []


def test_search_by_words_or_the_question(seeded: Seeded) -> None:
    reply = ask(
        answer_initiative_search,
        seeded.ctx,
        "initiative.search",
        OTHER,
        text="søk etter kurve",
        words=("kurve",),
    )
    assert reply.intent == "initiative.search" and seeded.kurve in reply.text and seeded.amk not in reply.text
    which = ask(
        answer_initiative_search, seeded.ctx, "initiative.search", OTHER, language="en", text="search"
    )
    assert which.text == t("en", "initiative.search.which")


# --- amounts and counts -----------------------------------------------------------------------------


def test_above_the_delegation_limit_by_default_counting_the_upper_end(seeded: Seeded) -> None:
    ctx = seeded.ctx
    rules = ctx.model.rules
    reply = ask(answer_initiatives_above_amount, ctx, "initiatives.above_amount", OTHER)

    limit = f"{rules.delegation_limit_mnok:g}"
    assert f"Initiativer med investeringsanslag over {limit} MNOK (2)" in reply.text
    assert (
        f"{seeded.kurve} Ny kurveløsning for intensiv – Pasientbehandling: 60–80 MNOK, innmeldt" in reply.text
    )
    assert f"{seeded.forlop} Felles pasientforløp – Pasientbehandling: 40–60 MNOK" in reply.text  # 60 > 50
    assert seeded.amk not in reply.text and seeded.old not in reply.text
    assert rules.delegation_source in reply.text and "øvre anslaget" in reply.text
    assert reply.text.index(seeded.kurve) < reply.text.index(seeded.forlop)  # largest first


def test_above_an_amount_named(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(
        answer_initiatives_above_amount,
        ctx,
        "initiatives.above_amount",
        OTHER,
        language="en",
        amount_mnok=Decimal("60"),
    )
    assert (
        "above 60 MNOK (1)" in reply.text and seeded.kurve in reply.text and seeded.forlop not in reply.text
    )
    assert ctx.model.rules.delegation_source not in reply.text  # the limit was not used, so not cited
    none = ask(
        answer_initiatives_above_amount, ctx, "initiatives.above_amount", OTHER, amount_mnok=Decimal("80")
    )
    assert none.text.startswith("Ingen initiativer har investeringsanslag over 80 MNOK.")
    half = ask(
        answer_initiatives_above_amount, ctx, "initiatives.above_amount", OTHER, amount_mnok=Decimal("79.5")
    )
    assert "over 79,5 MNOK (1)" in half.text


def test_count_this_year_per_domain_by_default(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(answer_initiatives_count, ctx, "initiatives.count", OTHER)
    assert "Innmeldte initiativer i år (01.01.2026–31.12.2026): 3" in reply.text
    assert (
        "Pasientbehandling: 2" in reply.text
        and "Prehospital: 1" in reply.text
        and "HR-tjenester: 0" in reply.text
    )

    last_year = Period(date(2025, 1, 1), date(2025, 12, 31), "in 2025")
    one = ask(
        answer_initiatives_count, ctx, "initiatives.count", OTHER, language="en",
        domain=domain_slot(ctx, "prehospital"), period=last_year,
    )  # fmt: skip
    assert (
        one.text
        == "Prehospital (Prehospital services) has had 1 initiative(s) in 2025 (1 January 2025–31 December 2025)."
    )


# --- waiting and escalations ------------------------------------------------------------------------


def test_waiting_in_a_named_domain_or_its_board(seeded: Seeded) -> None:
    ctx = seeded.ctx
    by_domain = ask(
        answer_body_waiting, ctx, "body.waiting", OTHER, domain=domain_slot(ctx, "pasientbehandling")
    )
    assert "Venter på vurdering i Pasientbehandling (2)" in by_domain.text
    by_board = ask(
        answer_body_waiting, ctx, "body.waiting", OTHER, body=body_slot(ctx, "omradestyre-pasientbehandling")
    )
    assert by_board.text == by_domain.text


def test_waiting_at_the_portfolio_board_is_what_must_go_there(seeded: Seeded) -> None:
    ctx = seeded.ctx
    reply = ask(
        answer_body_waiting,
        ctx,
        "body.waiting",
        SUBMITTER,
        language="en",
        body=body_slot(ctx, "portefoljestyret"),
    )
    assert reply.intent == "initiative.waiting"
    assert "Waiting for Portfolio board (2)" in reply.text
    assert seeded.kurve in reply.text and seeded.forlop in reply.text and seeded.amk not in reply.text


def test_waiting_without_a_body_is_the_askers_boards(seeded: Seeded) -> None:
    ctx = seeded.ctx
    mine = ask(answer_body_waiting, ctx, "body.waiting", PREHOSPITAL_SECRETARY, mine=True)
    assert "Venter på vurdering i Prehospital (2)" in mine.text  # this year's and 2025's
    assert "Ingenting venter på vurdering i Helsesamhandling." in mine.text
    assert "Pasientbehandling" not in mine.text

    board_member = ask(answer_body_waiting, ctx, "body.waiting", OTHER)  # sits in the portfolio board only
    assert "Venter på behandling i Porteføljestyret (2)" in board_member.text

    nobody = ask(answer_body_waiting, ctx, "body.waiting", NOBODY, language="en")
    assert nobody.text == t("en", "initiative.waiting.which")


def test_escalations_name_their_reason(seeded: Seeded) -> None:
    reply = ask(answer_initiative_escalations, seeded.ctx, "initiative.escalations", OTHER)
    assert reply.intent == "initiative.escalate"
    assert seeded.kurve in reply.text and seeded.forlop in reply.text and seeded.amk not in reply.text


# --- home -------------------------------------------------------------------------------------------


def test_home_is_the_askers_overview_or_explains_why_not(seeded: Seeded) -> None:
    home = ask(answer_home, seeded.ctx, "home", SUBMITTER)
    assert t("nb", "home.initiatives") in home.text and seeded.kurve in home.text
    stranger = ask(answer_home, seeded.ctx, "home", NOBODY, language="en")
    assert stranger.text.startswith(t("en", "home.unknown"))
