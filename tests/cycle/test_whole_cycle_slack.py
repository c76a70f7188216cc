"""Issue 14, must show: one meeting's whole cycle at the wire on Slack.

plan → cases → papers → meeting → decisions → proposer notified → draft minutes → comments → approved at
the next meeting → .docx published → follow-ups reminded. Every step a person takes in Slack is a signed
request into the real Bolt app (slash commands, the initiative shortcut, modal view_submissions); what the
bot sends comes back from the Web API stand-in (modals opened, ephemeral answers, DMs). Notices travel
through the outbox and the sweep exactly as under `govbot serve`: Slack for the people on Slack, the chat
inbox («varsler») for the rest. Adding the case («legg INI-… på møte …») and marking its papers delivered
(«saksgrunnlag levert for sak …») are chat commands too, sent as slash commands.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.channels.fanout import FanOutNotifier
from bot.channels.inbox import InboxNotifier
from bot.server import create_app
from bot.slack.notifier import slack_notifier
from handlers.context import HandlerContext
from tests.bot.conftest import PEOPLE, StandIn, slack_api, slack_settings
from tests.cycle import steps
from tests.cycle.slack_wire import SlackWire
from tests.initiatives.conftest import valid_values

__all__ = ["slack_api"]  # the Web API stand-in fixture, shared with tests/bot
PROPOSER = "U0000KARI"  # a clinician, not in the model: known to govbot by her Slack account only
SECRETARY = "U0000SILJE"
OWNER = "U0000RAGNHILD"
DECISION = "Sendes porteføljestyret med anbefaling om konseptfase."


@pytest.fixture
def people(monkeypatch: pytest.MonkeyPatch) -> None:
    """The secretary and the board's owner in the stand-in's directory, by the e-mails the model has."""
    monkeypatch.setitem(PEOPLE, SECRETARY, ("silje.kristiansen@example.org", "Silje", "nb-NO"))
    monkeypatch.setitem(PEOPLE, OWNER, ("ragnhild.lund@example.org", "Ragnhild", "nb-NO"))


async def test_one_meetings_whole_cycle_on_slack(
    context: HandlerContext, slack_api: StandIn, people: None
) -> None:
    clock = steps.Clock()
    slack = slack_notifier(context.store, "xoxb-fake", slack_api.url + "api/")
    slack._monotonic = clock.monotonic
    ctx = HandlerContext(
        store=context.store, clock=clock, notifier=FanOutNotifier([slack, InboxNotifier(context.store)])
    )

    async def sweep() -> int:
        before = len(slack_api.paths("chat.postMessage"))
        await asyncio.to_thread(steps.sweep, ctx, clock)
        return before

    async with TestClient(TestServer(create_app(ctx, slack_settings(slack_api)))) as client:
        wire = SlackWire(client, slack_api)
        for user in (SECRETARY, OWNER):  # each has written to the bot once, so Slack can reach them
            assert "Dette kan jeg svare på" in await wire.command(user, "hjelp")

        # plan: two meetings from the meeting modal; the second gets the first one's minutes to approve
        for day in ("2026-12-07", "2027-01-11"):
            view = await wire.modal(SECRETARY, "planlegg møte")
            values = {"body": steps.BOARD, "date": day, "time": "10:00", "place": "Teams"}
            assert await wire.submit(SECRETARY, view, values) is None
        first, following = steps.meetings(ctx)
        approval_case = steps.minutes_case(ctx, following)

        # a clinician proposes the initiative the case is about; the secretariat is told in Slack
        view = await wire.shortcut(PROPOSER, "submit_initiative")
        proposal = {k: v for k, v in valid_values(domain="Prehospital").items() if v}
        assert await wire.submit(PROPOSER, view, proposal) is None
        reference = "INI-2026-0001"
        since = await sweep()
        assert any(reference in text for text in await wire.dms(SECRETARY, since))

        # cases and papers: the secretariat puts the initiative on the first meeting, the case owner delivers
        added = await wire.command(
            SECRETARY, f"legg {reference} på møte {first}, saksansvarlig Ragnhild Lund"
        )
        assert "Saksansvarlig: Ragnhild Lund" in added, added
        case = added.split(" som sak ", 1)[1].split(" ", 1)[0]
        item = steps.case_of(ctx, reference)
        assert "registrert som levert" in await wire.command(OWNER, f"saksgrunnlag levert for sak {case}")
        assert steps.delivered(ctx, item)
        assert "levert" in (
            await wire.command(SECRETARY, "hvilke saksdokumenter mangler til neste møte i Prehospital?")
        )

        # the meeting is held; its decision from the decision modal
        clock.set(steps.AFTER_FIRST)
        view = await wire.modal(SECRETARY, f"registrer vedtak for møte {first}")
        assert [b["block_id"] for b in view["blocks"]] == [f"outcome_{item}", f"text_{item}"]
        decided = {f"outcome_{item}": "sendt videre", f"text_{item}": DECISION}
        assert await wire.submit(SECRETARY, view, decided) is None
        assert steps.initiative_state(ctx, reference) == "prioritert"
        receipt = await wire.dm_with(SECRETARY, "vedtak registrert")
        number = receipt.split("Vedtak i sak ", 1)[1].split(" ", 1)[0]

        # the proposer and the case owner are told, in Slack
        since = await sweep()
        [to_proposer] = await wire.dms(PROPOSER, since)
        assert f"sak {number}" in to_proposer and DECISION in to_proposer
        assert any(DECISION in text for text in await wire.dms(OWNER, since))

        # a follow-up for the case owner
        said = await wire.command(
            SECRETARY,
            f"oppfølging av sak {number}: Ragnhild Lund innen {steps.FOLLOW_UP_DUE}: lag kostnadsoverslag",
        )
        assert "kostnadsoverslag" in said

        # draft minutes, sent to the members for comments, a member comments
        assert "utkast" in (await wire.command(SECRETARY, f"lag referat fra møte {first}")).casefold()
        sent = await wire.command(SECRETARY, f"send referat {first} til kommentar innen 14.12.2026")
        assert "14. desember 2026" in sent
        since = await sweep()
        assert any("kommentar" in text.casefold() for text in await wire.dms(OWNER, since))
        await wire.command(OWNER, f"kommentar til referat {first}: AMK Oslo deltar også i piloten.")
        comments = await wire.command(SECRETARY, f"kommentarer til referat {first}")
        assert "AMK Oslo deltar også i piloten." in comments

        # the next meeting approves the minutes on its «Godkjenning av referat» case, from the form
        clock.set(steps.AFTER_NEXT)
        view = await wire.modal(SECRETARY, f"registrer vedtak for møte {following}")
        approval = {f"outcome_{approval_case}": "vedtatt", f"text_{approval_case}": "Referatet godkjennes."}
        assert await wire.submit(SECRETARY, view, approval) is None
        assert steps.minutes_state(ctx, first) == ("approved", following)
        assert "er godkjent og publisert" in await wire.dm_with(SECRETARY, "Godkjenning av referat")
        since = await sweep()
        assert any("godkjent" in text for text in await wire.dms(OWNER, since))

        # published: shown in chat and written as the .docx members circulate
        shown = await wire.command(OWNER, f"vis referat {first}")
        assert DECISION in shown and "godkjent" in shown.casefold()
        assert DECISION in steps.docx_text(ctx, first, steps.OWNER)

        # the follow-up's owner is reminded before it is due, once
        clock.set(steps.FOLLOW_UP_REMINDED)
        since = await sweep()
        assert any("kostnadsoverslag" in text for text in await wire.dms(OWNER, since))
        again = await sweep()
        assert not [t for t in await wire.dms(OWNER, again) if "kostnadsoverslag" in t]  # once, not twice
