"""Who leads, chairs, sits in or is secretary of a body: the asked role first, placeholders flagged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from handlers.answers.bodies import answer_body_people
from handlers.context import HandlerContext
from handlers.replies import Facts
from handlers.understanding.roles import asked_role
from tests.understanding.asks import body_match, domain_match, make_ask, open_nord


@pytest.fixture
def nord(database_url: str) -> Iterator[HandlerContext]:
    yield from open_nord(database_url)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Hvem er områdeeier for Byggteknologi?", "owner"),
        ("Hvem er områdeleder i Prehospital?", "domain_leader"),
        ("Who chairs the portfolio board?", "chair"),
        ("Hvem leder porteføljestyret?", "chair"),
        ("Hvem er med i arbeidsutvalget?", "members"),
        ("Who is the secretary of the working committee?", "secretariat"),
        ("Hvem er assisterende områdeeier?", "deputy_owner"),
        ("Fortell om porteføljestyret", None),
    ],
)
def test_the_role_asked_for(text: str, role: str | None) -> None:
    assert asked_role(text) == role


def test_domain_owner_of_a_domain_comes_first(context: HandlerContext) -> None:
    """Seed 000 §2.3: «Områdeeier fra Helse Sør-Øst RHF, som også leder områdestyret»."""
    ask = make_ask(
        context,
        "body.people",
        "Hvem er områdeeier for Byggteknologi?",
        domain=domain_match(context, "Byggteknologi"),
    )
    reply = answer_body_people(ask)
    assert reply.intent == "body.people"
    assert reply.text.startswith("Områdestyre Byggteknologi")
    facts = next(b for b in reply.blocks if isinstance(b, Facts))
    label, value = facts.items[0]
    assert label == "Områdeeier" and "Helse Sør-Øst RHF" in value
    assert "Kilde: Sak 000 §2.3" in reply.text
    assert "plassholdere" in reply.text


def test_who_chairs_the_portfolio_board_in_english(context: HandlerContext) -> None:
    """Seed 002 §5: «Regionalt porteføljestyre ledes av administrerende direktør i Helse Sør-Øst RHF»."""
    ask = make_ask(
        context,
        "body.people",
        "Who chairs the portfolio board?",
        language="en",
        body=body_match(context, "portefoljestyret"),
    )
    reply = answer_body_people(ask)
    facts = next(b for b in reply.blocks if isinstance(b, Facts))
    label, value = facts.items[0]
    chair = context.model.person(
        next(m.person for m in context.model.body("portefoljestyret").members if m.role == "chair")
    )
    assert label == "Chair" and chair.name.removesuffix(" (plassholder)") + " (placeholder)" in value
    assert chair.title == "Administrerende direktør, Helse Sør-Øst RHF"
    assert "placeholders" in reply.text


def test_members_of_the_working_committee_include_the_union_representatives(context: HandlerContext) -> None:
    """Seed 002 §5: the working committee «består av representanter fra regionalt porteføljekontor og de
    konserntillitsvalgte»."""
    ask = make_ask(
        context, "body.people", "Hvem er med i arbeidsutvalget?", body=body_match(context, "arbeidsutvalget")
    )
    reply = answer_body_people(ask)
    assert "Medlemmer:" in reply.text
    assert reply.text.count("Tillitsvalgt:") == 4
    assert "Kilde: Mandat for regionalt porteføljestyre (sak 002) §5" in reply.text


def test_a_role_the_model_does_not_fill_is_said_missing(nord: HandlerContext) -> None:
    """Seed 003 §4.3: HN IKT leads the administrative board; no domain owner is named for it."""
    ask = make_ask(
        nord,
        "body.people",
        "Hvem er områdeeier for administrative tjenester?",
        body=body_match(nord, "omradestyre-administrative-tjenester"),
    )
    reply = answer_body_people(ask)
    assert "Modellen angir ingen områdeeier" in reply.text
    assert "Leder:" in reply.text and "Helse Nord IKT HF" in reply.text


def test_final_authority_is_shown_for_helse_nords_infrastructure_leader(nord: HandlerContext) -> None:
    """Seed 003 §4.4: «Helse Nord IKT, ved områdeleder, har … endelig beslutningsmyndighet»."""
    ask = make_ask(
        nord,
        "body.people",
        "Who is the domain leader?",
        language="en",
        body=body_match(nord, "omradestyre-infrastruktur-sikkerhet-og-beredskap"),
    )
    reply = answer_body_people(ask)
    facts = next(b for b in reply.blocks if isinstance(b, Facts))
    assert facts.items[0][0] == "Domain leader" and "final authority" in facts.items[0][1]


def test_no_body_asks_which_and_lists_them(context: HandlerContext) -> None:
    reply = answer_body_people(make_ask(context, "body.people", "Hvem leder?"))
    assert reply.intent == "body.people"
    assert "Hvilket organ" in reply.text and "Arbeidsutvalget for porteføljestyret" in reply.text
