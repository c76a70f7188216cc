"""The Helse Sør-Øst preset against the seed documents: each test quotes the section it checks and asserts
the seed's own value, not the preset compared with itself (issue 13 item 6)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers.initiatives.delegation import escalation_reasons
from handlers.meetings.deadlines import meeting_deadlines
from models.governance.files import load_model
from models.governance.schema import BodyKind, GovernanceModel, Role

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(scope="module")
def hso() -> GovernanceModel:
    return load_model("hso-2026").model


def test_a_domain_owner_may_decide_up_to_50_mnok_and_above_that_the_finance_strategy_applies(
    hso: GovernanceModel,
) -> None:
    """Sak 000 §2.4: «områdeeier får en delegert fullmakt … iverksettelse av tiltak inntil 50 millioner
    kroner. Tiltak over 50 millioner kroner følger fullmaktene i henhold til Finansstrategi …»"""
    assert hso.rules.delegation_limit_mnok == 50
    assert escalation_reasons(hso, 50, "nb") == []  # «inntil 50»: 50 itself is within the authority
    [above] = escalation_reasons(hso, 50.01, "nb")
    assert "Sak 000 §2.4" in above
    assert "Finansstrategi" in (hso.rules.delegation_above or "")
    assert "porteføljestyret" not in above.lower()  # not "goes to the portfolio board"


def test_papers_go_out_at_least_10_days_before_a_portfolio_board_meeting(hso: GovernanceModel) -> None:
    """Sak 002 §7: «Saksgrunnlaget skal sendes ut minst 10 dager i forkant»."""
    assert hso.rules.paper_lead_days == 10
    wednesday = datetime(2027, 3, 17, 9, 0, tzinfo=OSLO)  # ten days before is Sunday 7 March
    due = meeting_deadlines(wednesday, BodyKind.PORTFOLIO_BOARD, hso.rules).papers_due
    assert due == date(2027, 3, 5)  # «minst»: the working day before, never after


HSO_TRUSTS = {
    "ahus", "ous", "sykehuset-innlandet", "sykehuset-ostfold", "sykehuset-i-vestfold", "sykehuset-telemark",
    "sorlandet-sykehus", "vestre-viken", "sunnaas", "sykehusapotekene", "lovisenberg", "diakonhjemmet",
}  # fmt: skip
"""The health trusts whose core business the domain boards serve (Sykehuspartner HF sits as domain leader)."""


def test_every_domain_board_has_a_representative_from_every_health_trust(hso: GovernanceModel) -> None:
    """Sak 000 §2.3, Representasjon: «Representanter fra alle helseforetak med nødvendig linje- og
    fagansvar», «Områdeeier fra Helse Sør-Øst RHF, som også leder områdestyret», «Områdeleder fra
    Sykehuspartner HF»."""
    boards = [body for body in hso.bodies if body.kind == BodyKind.DOMAIN_BOARD]
    assert len(boards) == 9
    for board in boards:
        represented = {m.represents for m in board.members if m.role == Role.TRUST_REPRESENTATIVE}
        assert represented == HSO_TRUSTS, board.key
        roles = {m.role for m in board.members}
        assert {Role.OWNER, Role.DOMAIN_LEADER} <= roles, board.key


def test_bp1_to_bp3_are_the_portfolio_boards_decisions(hso: GovernanceModel) -> None:
    """Sak 002 §4: the portfolio board shall «Beslutte oppstart av nye konsepter (BP1), overgang til
    planleggingsfasen (BP2) og gjennomføring av prosjekter (BP3)»."""
    portfolio_board = next(body.key for body in hso.bodies if body.kind == BodyKind.PORTFOLIO_BOARD)
    deciders = {point.key: point.decided_by for point in hso.rules.decision_points}
    assert {key: deciders[key] for key in ("BP1", "BP2", "BP3")} == dict.fromkeys(
        ("BP1", "BP2", "BP3"), portfolio_board
    )
