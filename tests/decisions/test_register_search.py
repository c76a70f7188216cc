"""Issue 14 item 2: the decision register asked through the web chat's HTTP API, on SQLite and PostgreSQL.

Decisions are recorded the way the secretariat records them (`record_decision`, `correct_decision`);
the questions go in as a signed-in web chat visitor types them and the answers are read from the JSON the
page gets. The clock stands on Thursday 3 December 2026 (Oslo).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.server import create_app
from handlers.context import HandlerContext
from handlers.decisions.record import correct_decision, record_decision
from handlers.forms import FormSubmission, handle_form
from handlers.identity import resolve_actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.access import resolve_body
from handlers.meetings.agenda import add_item
from handlers.meetings.planning import add_meeting
from handlers.messages import Sender
from models.tables import Initiative
from tests.bot.webchat_client import demo_settings, visitor
from tests.initiatives.conftest import valid_values

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 12, 3, 10, tzinfo=OSLO)
SECRETARIES = {
    "Pasientbehandling": "hilde-karlsen",
    "Prehospital": "silje-kristiansen",
    "porteføljestyret": "ingrid-johansen",
}
READER = "torbjorn-amundsen"


class Register:
    def __init__(self, ctx: HandlerContext) -> None:
        self.ctx = ctx
        self.meetings: dict[tuple[str, datetime], int] = {}

    def initiative(self, sid: str, **values: Any) -> str:
        submitter = Sender("slack", "U123CLIN", "Ola Klinikersen")
        result = handle_form(
            FormSubmission("initiative", valid_values(**values), submitter, "nb", sid), self.ctx
        )
        assert result.ok, result.errors
        with self.ctx.store.read() as session:
            return session.scalars(select(Initiative.reference).order_by(Initiative.id.desc())).first() or ""

    def decide(
        self, body: str, when: datetime, title: str, outcome: str, text: str, initiative: str | None = None
    ) -> int:
        ctx, who = self.ctx, SECRETARIES[body]
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, Sender("cli", who))
            meeting_id = self.meetings.get((body, when))
            if meeting_id is None:
                found = resolve_body(session, ctx.store.model_id, body)
                meeting = add_meeting(session, ctx.model, ctx.store.model_id, actor, found, when, None, NOW)
                meeting_id = self.meetings[(body, when)] = meeting.id
            item = add_item(
                session, ctx.model, ctx.store.model_id, actor, meeting_id, title=title,
                owner_key="ragnhild-lund", kind="decision", initiative_ref=initiative,
                operating_cost=MnokRange(1.0, 1.0), now=NOW,
            )  # fmt: skip
            recorded = record_decision(
                session, ctx.model, ctx.store.model_id, actor,
                item_id=item.id, outcome=outcome, text=text, now=NOW,
            )  # fmt: skip
            return recorded.decision.id

    def correct(self, body: str, decision_id: int, text: str) -> None:
        ctx = self.ctx
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, Sender("cli", SECRETARIES[body]))
            correct_decision(
                session, ctx.model, ctx.store.model_id, actor, decision_id=decision_id,
                outcome=None, text=text, reason="Feil i protokollen", now=NOW,
            )  # fmt: skip


@pytest.fixture
def register(context: HandlerContext) -> Register:
    context.clock = lambda: NOW
    filled = Register(context)
    kurve = filled.initiative(
        "reg-1", title="Ny kurveløsning for intensiv", need="Papirkurvene på intensiv gir feil i legemiddelhåndteringen.",
        change="Ta i bruk elektronisk kurve på intensiv.", benefit="Tryggere legemiddelhåndtering for pasientene.",
    )  # fmt: skip
    dips = filled.initiative(
        "reg-2", title="Felles innkomstjournal", systems=["DIPS"], need="Innkomstjournalen skrives ulikt.",
        change="Lag en felles mal for innkomstjournal i journalen.", benefit="Mindre dobbeltarbeid for legene.",
    )  # fmt: skip
    filled.decide(
        "Pasientbehandling", datetime(2026, 3, 9, 9, tzinfo=OSLO), "Kurveløsning på intensiv",
        "approved", "Området prioriterer kurveløsning for intensivavdelingene.", kurve,
    )  # fmt: skip
    filled.decide(
        "Pasientbehandling", datetime(2026, 11, 16, 9, tzinfo=OSLO), "Innkomstjournal",
        "approved", "Styret slutter seg til forslaget om felles mal.", dips,
    )  # fmt: skip
    old = filled.decide(
        "Prehospital", datetime(2026, 2, 23, 10, tzinfo=OSLO), "Kartvisning i AMK",
        "noted", "Styret tar leverandøren Acmesoft sitt tilbud til orientering.",
    )  # fmt: skip
    filled.correct("Prehospital", old, "Styret ber om en ny sak om kartvisning i AMK.")
    filled.decide(
        "Prehospital", datetime(2025, 11, 10, 10, tzinfo=OSLO), "AMK-rutiner",
        "approved", "Styret vedtar nye rutiner for ambulanseflåten.",
    )  # fmt: skip
    filled.decide(
        "porteføljestyret", datetime(2026, 6, 1, 10, tzinfo=OSLO), "Skyplattform",
        "postponed", "Saken om regional skyplattform utsettes.",
    )  # fmt: skip
    filled.decide(
        "porteføljestyret", datetime(2026, 10, 5, 10, tzinfo=OSLO), "Talegjenkjenning",
        "approved", "Porteføljestyret godkjenner BP1 for talegjenkjenning.",
    )  # fmt: skip
    filled.decide(
        "porteføljestyret", datetime(2026, 10, 5, 10, tzinfo=OSLO), "Ambulansekart",
        "rejected", "Porteføljestyret avviser ambulansekartet i denne omgang.",
    )  # fmt: skip
    return filled


async def _ask(ctx: HandlerContext, *questions: str) -> list[dict[str, Any]]:
    async with TestClient(TestServer(create_app(ctx, demo_settings()))) as client:
        chat = await visitor(client, READER)
        return [await chat.reply(question) for question in questions]


async def test_an_inflected_word_finds_the_decision_with_its_number_body_and_day(register: Register) -> None:
    [reply] = await _ask(register.ctx, "hva ble vedtatt om den nye kurveløsningen?")
    assert reply["intent"] == "decisions.search", reply["text"]
    assert "Ett vedtak om «kurveløsningen»:" in reply["text"]
    [line] = next(b for b in reply["blocks"] if b["type"] == "list")["items"]
    assert line == (
        "Sak 1/26 «Kurveløsning på intensiv», Områdestyre Pasientbehandling, 9. mars 2026: vedtatt. "
        "Vedtak: Området prioriterer kurveløsning for intensivavdelingene. (INI-2026-0001)"
    )


async def test_a_system_finds_decisions_on_initiatives_naming_it_in_english(register: Register) -> None:
    [reply] = await _ask(register.ctx, "decisions about DIPS")
    assert reply["intent"] == "decisions.search" and reply["language"] == "en", reply["text"]
    assert "One decision about DIPS:" in reply["text"]
    assert "«Innkomstjournal», Områdestyre Pasientbehandling, 16 November 2026: approved." in reply["text"]
    assert "(INI-2026-0002)" in reply["text"]


async def test_a_superseded_decision_is_not_found_by_its_old_words(register: Register) -> None:
    old, new = await _ask(register.ctx, "hva ble vedtatt om Acmesoft?", "vedtak om kartvisning")
    assert old["intent"] == "decisions.search"
    assert old["text"] == "Jeg finner ingen registrerte vedtak om «acmesoft»."
    assert "Styret ber om en ny sak om kartvisning i AMK. (rettet)" in new["text"]
    assert "Acmesoft" not in new["text"]


async def test_a_domain_and_a_year_leave_out_other_years(register: Register) -> None:
    [reply] = await _ask(register.ctx, "vedtak i Prehospital i 2026")
    assert reply["intent"] == "decisions.search", reply["text"]
    assert "Ett vedtak i området Prehospital fra 1. januar 2026 til 31. desember 2026:" in reply["text"]
    assert "kartvisning" in reply["text"] and "ambulanseflåten" not in reply["text"]


async def test_sist_is_the_bodys_latest_meeting_with_decisions(register: Register) -> None:
    nb, en = await _ask(
        register.ctx, "hva besluttet porteføljestyret sist?", "what did the portfolio board decide last time?"
    )
    assert nb["intent"] == "decisions.search", nb["text"]
    assert "2 vedtak i Porteføljestyret på siste møte med vedtak, nyeste først:" in nb["text"]
    assert "5. oktober 2026" in nb["text"] and "skyplattform" not in nb["text"]
    assert "godkjenner BP1" in nb["text"] and "avvist" in nb["text"]
    assert "2 decisions in Porteføljestyret at the latest meeting with decisions" in en["text"]
    assert "5 October 2026: rejected." in en["text"]


async def test_a_month_without_a_year_looks_back_and_no_hit_says_what_was_searched(
    register: Register,
) -> None:
    march, nothing = await _ask(
        register.ctx, "vedtak i mars", "hva ble vedtatt om sykkelparkering i Prehospital?"
    )
    assert "fra 1. mars 2026 til 31. mars 2026" in march["text"] and "Sak 1/26" in march["text"]
    assert nothing["intent"] == "decisions.search"
    assert (
        nothing["text"] == "Jeg finner ingen registrerte vedtak om «sykkelparkering» i området Prehospital."
    )


async def test_a_reference_gets_the_recorded_decisions_of_that_initiative(register: Register) -> None:
    [reply] = await _ask(register.ctx, "hva ble vedtatt om INI-2026-0001?")
    assert reply["intent"] == "initiative.decision", reply["text"]
    assert "INI-2026-0001: Ny kurveløsning for intensiv" in reply["text"]
    assert (
        "Sak 1/26 «Kurveløsning på intensiv», Områdestyre Pasientbehandling, 9. mars 2026: vedtatt."
        in (reply["text"])
    )


async def test_at_most_ten_are_listed_with_a_count_of_the_rest(register: Register) -> None:
    for n in range(1, 12):
        register.decide(
            "Pasientbehandling", datetime(2026, 9, 7, 9, tzinfo=OSLO), f"Nettbrett til post {n}",
            "approved", f"Styret godkjenner nettbrett til post {n}.",
        )  # fmt: skip
    [reply] = await _ask(register.ctx, "vedtak om nettbrett")
    assert "11 vedtak om «nettbrett», nyeste først:" in reply["text"]
    [listed] = [b["items"] for b in reply["blocks"] if b["type"] == "list"]
    assert len(listed) == 10 and "7. september 2026" in listed[0] and "post 1." in listed[0]  # case order
    assert "… og 1 til." in reply["text"]
