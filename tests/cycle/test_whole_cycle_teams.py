"""Issue 14, must show: one meeting's whole cycle at the wire on Teams.

plan → cases → papers → meeting → decisions → proposer notified → draft minutes → comments → approved at
the next meeting → .docx published → follow-ups reminded. The server runs with Bot Framework credentials:
every step a person takes is a message activity carrying a channel token signed by the local token
authority, card forms come back as activities whose `value` is the card's data, and the Bot Connector
stand-in records the replies in each turn and the proactive messages the sweep sends through the stored
conversation references (the chat inbox takes the members who never wrote to the bot). Adding the case
(«sett opp INI-… på møtet …») and marking its papers delivered («saksgrunnlag levert for sak …») are
chat messages too.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.channels.fanout import FanOutNotifier
from bot.composition import build_context, load_settings
from bot.server import create_app
from bot.slack.conversation import INITIATIVE_PHRASE
from handlers.context import HandlerContext
from tests.bot.conftest import StandIn, authority, connector
from tests.bot.teams_auth import APP_ID, StubCredentialsFactory, TokenAuthority
from tests.cycle import steps
from tests.cycle.teams_wire import TeamsWire
from tests.initiatives.conftest import valid_values

__all__ = ["authority", "connector"]  # the token authority and Connector stand-in, shared with tests/bot
PROPOSER = "user-kari"  # a clinician the model does not know: known by her Teams account only
SECRETARY = "user-silje"
OWNER = "user-ragnhild"
DECISION = "Sendes porteføljestyret med anbefaling om konseptfase."


async def test_one_meetings_whole_cycle_on_teams(
    context: HandlerContext,
    database_url: str,
    connector: StandIn,
    authority: TokenAuthority,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "not-used")
    monkeypatch.setenv("GOVBOT_TEAMS_SERVICE_HOSTS", "127.0.0.1")
    settings = load_settings(database_url=database_url)
    ctx = build_context(settings, credentials_factory=StubCredentialsFactory())
    clock = steps.Clock()
    ctx.clock = clock
    assert isinstance(ctx.notifier, FanOutNotifier)  # Teams, then the chat inbox for the rest
    ctx.notifier.notifiers[0]._monotonic = clock.monotonic  # type: ignore[attr-defined]

    async def sweep() -> dict[str, int]:
        before = {member: len(wire.posts(member)) for member in (PROPOSER, SECRETARY, OWNER)}
        await asyncio.to_thread(steps.sweep, ctx, clock)
        return before

    app = create_app(ctx, settings, teams_credentials=StubCredentialsFactory())
    try:
        async with TestClient(TestServer(app)) as client:
            wire = TeamsWire(client, connector, authority)
            wire.person(PROPOSER, "kari@example.no")
            wire.person(SECRETARY, "silje.kristiansen@example.org")
            wire.person(OWNER, "ragnhild.lund@example.org")
            for member in (SECRETARY, OWNER):  # each has written once: their conversation is known
                assert "Dette kan jeg svare på" in await wire.text(member, "hjelp")

            # plan: two meetings from the meeting card
            for day in ("2026-12-07", "2027-01-11"):
                card = await wire.card(SECRETARY, "planlegg møte")
                planned = await wire.submit(
                    SECRETARY, card, {"body": steps.BOARD, "date": day, "time": "10:00", "place": "Teams"}
                )
                assert "Planlagt" in planned or "planlagt" in planned, planned
            first, following = steps.meetings(ctx)
            approval_case = steps.minutes_case(ctx, following)

            # a clinician proposes the initiative; the secretariat is told in Teams
            card = await wire.card(PROPOSER, INITIATIVE_PHRASE)
            proposal = {k: v for k, v in valid_values(domain="Prehospital").items() if v}
            assert "INI-2026-0001" in await wire.submit(PROPOSER, card, proposal)
            reference = "INI-2026-0001"
            since = await sweep()
            assert any(reference in text for text in wire.texts(SECRETARY, since[SECRETARY]))

            # cases and papers: the secretariat puts the initiative on the first meeting by its date, the
            # case owner delivers
            added = await wire.text(
                SECRETARY, f"sett opp {reference} på møtet {steps.FIRST} med saksansvarlig Ragnhild Lund"
            )
            assert "Saksansvarlig: Ragnhild Lund" in added, added
            case = added.split(" som sak ", 1)[1].split(" ", 1)[0]
            item = steps.case_of(ctx, reference)
            assert "registrert som levert" in await wire.text(OWNER, f"saksgrunnlag levert for sak {case}")
            assert steps.delivered(ctx, item)
            missing = await wire.text(
                SECRETARY, "hvilke saksdokumenter mangler til neste møte i Prehospital?"
            )
            assert "levert" in missing

            # the meeting is held; its decision from the decision card
            clock.set(steps.AFTER_FIRST)
            card = await wire.card(SECRETARY, f"registrer vedtak for møte {first}")
            decided = {f"outcome_{item}": "sendt videre", f"text_{item}": DECISION}
            receipt = await wire.submit(SECRETARY, card, decided)
            assert "1 vedtak registrert" in receipt
            assert steps.initiative_state(ctx, reference) == "prioritert"
            number = receipt.split("Vedtak i sak ", 1)[1].split(" ", 1)[0]

            # the proposer and the case owner are told, in Teams
            since = await sweep()
            [to_proposer] = wire.texts(PROPOSER, since[PROPOSER])
            assert f"sak {number}" in to_proposer and DECISION in to_proposer
            assert any(DECISION in text for text in wire.texts(OWNER, since[OWNER]))

            # a follow-up for the case owner
            said = await wire.text(
                SECRETARY,
                f"oppfølging av sak {number}: Ragnhild Lund innen {steps.FOLLOW_UP_DUE}: lag kostnadsoverslag",
            )
            assert "kostnadsoverslag" in said

            # draft minutes, sent for comments, a member comments
            assert "utkast" in (await wire.text(SECRETARY, f"lag referat fra møte {first}")).casefold()
            sent = await wire.text(SECRETARY, f"send referat {first} til kommentar innen 14.12.2026")
            assert "14. desember 2026" in sent
            since = await sweep()
            assert any("kommentar" in text.casefold() for text in wire.texts(OWNER, since[OWNER]))
            await wire.text(OWNER, f"kommentar til referat {first}: AMK Oslo deltar også i piloten.")
            assert "AMK Oslo deltar også i piloten." in await wire.text(
                SECRETARY, f"kommentarer til referat {first}"
            )

            # the next meeting approves the minutes on its «Godkjenning av referat» case
            clock.set(steps.AFTER_NEXT)
            card = await wire.card(SECRETARY, f"registrer vedtak for møte {following}")
            approval = {
                f"outcome_{approval_case}": "vedtatt",
                f"text_{approval_case}": "Referatet godkjennes.",
            }
            approved = await wire.submit(SECRETARY, card, approval)
            assert "1 vedtak registrert" in approved and "er godkjent og publisert" in approved
            assert steps.minutes_state(ctx, first) == ("approved", following)
            since = await sweep()
            assert any("godkjent" in text for text in wire.texts(OWNER, since[OWNER]))

            # published: shown in chat and written as .docx
            shown = await wire.text(OWNER, f"vis referat {first}")
            assert DECISION in shown and "godkjent" in shown.casefold()
            assert DECISION in steps.docx_text(ctx, first, steps.OWNER)

            # the follow-up's owner is reminded, once
            clock.set(steps.FOLLOW_UP_REMINDED)
            since = await sweep()
            assert any("kostnadsoverslag" in text for text in wire.texts(OWNER, since[OWNER]))
            again = await sweep()
            assert not [t for t in wire.texts(OWNER, again[OWNER]) if "kostnadsoverslag" in t]
    finally:
        ctx.store.close()
