"""«Hva må til porteføljestyret?» names the initiatives whose next decision point is the portfolio board's.

Seed 002 §4: the regional portfolio board shall «Beslutte oppstart av nye konsepter (BP1), overgang til
planleggingsfasen (BP2) og gjennomføring av prosjekter (BP3)». So once a domain board has prioritised an
initiative, its next decision (BP1) is the portfolio board's, and so on to BP3; the delegation limit is a
separate rule (above 50 MNOK the finance strategy applies, seed 000 §2.4). Through `handle_message`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from models.tables import Initiative
from tests.understanding.test_initiative_answers import OTHER, _submit


def _set_state(context: Any, reference: str, state: str) -> None:
    with context.store.session() as session:
        session.execute(update(Initiative).where(Initiative.reference == reference).values(state=state))


def _ask(context: Any, text: str) -> str:
    return handle_message(IncomingMessage(text, Sender("test", OTHER)), context).text


def test_prioritised_and_bp1_bp2_initiatives_wait_for_the_portfolio_board(context: Any) -> None:
    refs = {
        state: _submit(context, OTHER, f"s-{state}", title=f"Tiltak i tilstand {state}", investment="5")
        for state in ("innmeldt", "prioritert", "BP1", "BP2", "BP3")
    }
    for state, reference in refs.items():
        _set_state(context, reference, state)

    reply = _ask(context, "Hva må til porteføljestyret?")
    assert "Prioritert, neste beslutning i Porteføljestyret (3)" in reply
    assert f"{refs['prioritert']} Tiltak i tilstand prioritert: BP1 (" in reply
    assert f"{refs['BP1']} Tiltak i tilstand BP1: BP2 (" in reply
    assert f"{refs['BP2']} Tiltak i tilstand BP2: BP3 (" in reply
    assert refs["innmeldt"] not in reply and refs["BP3"] not in reply  # not prioritised yet; BP4 is not its
    assert "Regel: Porteføljestyret beslutter BP1, BP2, BP3 (" in reply and "§4" in reply

    english = _ask(context, "Which initiatives must go to the portfolio board?")
    assert "Prioritised, next decision at the Portfolio board (3)" in english
    assert "Rule: the Portfolio board decides BP1, BP2, BP3 (" in english
