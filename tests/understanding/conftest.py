"""A store seeded the way the issue's example questions need: initiatives of a clinician, meetings.

The clock is fixed on Monday 30 November 2026 (Oslo), so «i februar» is February 2027, «neste måned»
December, and the Pasientbehandling case's papers (due 4 December) fall in «denne uka».
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.forms import FormSubmission, handle_form
from handlers.identity import Actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.deadlines import OSLO
from handlers.meetings.planning import add_meeting
from handlers.messages import Sender
from models.tables import Initiative

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
CLINICIAN = "marte-solheim"
SECRETARY = "hilde-karlsen"  # secretariat of Pasientbehandling and Infrastruktur og teknologi
BOARD_MEMBER = "torbjorn-amundsen"  # sits on the Pasientbehandling board
INITIATIVES = (
    ("Ny kurveløsning på sengepostene", "Papirkurvene gir feil i legemiddelhåndteringen.", "10-20"),
    (
        "Regional plattform for hjemmeoppfølging",
        "Pasienter med kols følges opp hjemme uten felles løsning.",
        "60-80",
    ),
)
INTAKE: dict[str, Any] = {
    "change": "Ta i bruk en regional løsning som dekker behovet.",
    "benefit": "Mindre dobbeltarbeid og tryggere pasientbehandling.",
    "trusts": ["OUS", "Ahus"],
    "systems": [],
    "operating_cost": "1,5",
    "contact": "Marte Solheim, marte.solheim@example.org",
}
MEETINGS = (
    ("Pasientbehandling", datetime(2026, 12, 14, 9, tzinfo=OSLO), SECRETARY),
    ("HR-tjenester", datetime(2027, 2, 15, 9, tzinfo=OSLO), "silje-kristiansen"),
    ("porteføljestyret", datetime(2027, 3, 8, 10, tzinfo=OSLO), "ingrid-johansen"),
)


@dataclass(frozen=True)
class Seeded:
    ctx: HandlerContext
    references: tuple[str, ...]


@pytest.fixture
def seeded(store: Any) -> Seeded:
    ctx = HandlerContext(store=store, clock=lambda: NOW)
    for number, (title, need, investment) in enumerate(INITIATIVES, start=1):
        values = {**INTAKE, "title": title, "need": need, "investment": investment}
        submission = FormSubmission(
            "initiative", values, Sender("terminal", CLINICIAN), "nb", f"seed-{number}"
        )
        result = handle_form(submission, ctx)
        assert result.ok, result.errors
    with store.read() as session:
        references = list(session.scalars(select(Initiative.reference).order_by(Initiative.id)))
    with store.session() as session:
        args = (session, store.model, store.model_id)
        planned = [
            add_meeting(
                *args,
                Actor(who, who, Sender("test", who)),
                resolve_body(session, store.model_id, body),
                when,
                "Teams",
                NOW,
            )
            for body, when, who in MEETINGS
        ]
        add_item(
            *args,
            Actor(SECRETARY, SECRETARY, Sender("test", SECRETARY)),
            planned[0].id,
            title="Ny kurveløsning",
            owner_key="hanne-kristoffersen",
            kind="decision",
            initiative_ref=None,
            operating_cost=MnokRange(0.5, 0.5),
            now=NOW,
        )
    return Seeded(ctx, tuple(references))
