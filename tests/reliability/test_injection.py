"""Reliability 3: mention, link, mrkdwn and card markup typed into an initiative is repeated as text.

One initiative carries every payload in every free-text field and goes in through Slack, Teams and the
web chat. Everything the bot then says about it is inspected as sent: the Slack receipt and the
secretariat's DM (real SlackNotifier) at the Web API stand-in, the Teams card at the connector stand-in,
the web chat's JSON. A loopback server whose URL is in the text proves the server never fetches it.
Teams parses Markdown in TextBlock, FactSet and message text, so user text must reach it only in TextRuns
and in `textFormat: plain` text: a `[klikk](url)` there stays literal, not a link.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from slack_sdk import WebClient

from bot.channels.identities import remember_identity
from bot.server import create_app
from bot.slack.notifier import SlackNotifier
from bot.teams.cards import adaptive_card
from handlers.context import HandlerContext
from handlers.initiatives.form_spec import intake_form
from handlers.messages import Sender
from handlers.replies import Reply
from tests.bot.conftest import StandIn, slack_settings
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.bot.test_teams import activity
from tests.bot.webchat_client import visitor
from tests.outbox import deliver
from tests.reliability.conftest import intake_view, post_payload, view_submission

CARD_MARKUP = '{"type":"Action.OpenUrl","url":"URL"} [klikk](URL) <at>Sjef</at>'
PAYLOADS = (
    "<!channel>",
    "<!here>",
    "<@U0BOSS>",
    "<URL|click>",
    "&lt;!channel&gt;",
    "*x*",
    ">quote",
    "```kode```",
    CARD_MARKUP,
)
TEXT_FIELDS = ("title", "need", "change", "benefit", "contact")
UNSAFE = ("<!", "<@", "<http")


def injected(url: str) -> dict[str, Any]:
    payload = " ".join(p.replace("URL", url) for p in PAYLOADS)
    values = dict(GOOD)
    for field in TEXT_FIELDS:
        values[field] = f"{GOOD[field]} {payload}"[: 140 if field in ("title", "contact") else 2000]
    values["contact"] = f"Kari <@U0BOSS> <!here> <{url}|x>"
    values["title"] = f"Innsjekk <!channel> <@U0BOSS> <{url}|klikk> [lenke]({url}) *x*"
    return values


async def _fetch_target() -> tuple[TestServer, list[str]]:
    hits: list[str] = []

    async def record(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.Response(text="<html>evil</html>")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server, hits


def _slack_unsafe(body: dict[str, Any]) -> list[str]:
    shown = body.get("text", "") + json.dumps(body.get("blocks", []), ensure_ascii=False)
    return [marker for marker in UNSAFE if marker in shown]


def _markdown_parsed(element: Any) -> list[str]:
    """Text Teams would render as Markdown (TextBlock text, FactSet facts) that holds link syntax."""
    found: list[str] = []
    if isinstance(element, dict):
        if element.get("type") in ("TextBlock", "FactSet"):
            shown = json.dumps(element, ensure_ascii=False)
            found += [shown] if "](" in shown or "<at>" in shown else []
        found += [f for v in element.values() for f in _markdown_parsed(v)]
    elif isinstance(element, list):
        found += [f for v in element for f in _markdown_parsed(v)]
    return found


async def test_markup_in_every_field_is_text_on_slack_teams_and_web_and_0_urls_fetched(
    context: HandlerContext, slack_api: StandIn, connector: StandIn
) -> None:
    target, hits = await _fetch_target()
    url = str(target.make_url("/steal"))
    values = injected(url)
    # the secretariat gets DMs through the real Slack notifier, so their payloads are inspected too
    for i, person in enumerate(p for p in context.model.people if p.email):
        sender = Sender("slack", f"U{i:08d}", person.name, person.email)
        await asyncio.to_thread(remember_identity, context.store, sender)
    client = WebClient(token="xoxb-fake", base_url=slack_api.url + "api/")
    context.notifier = SlackNotifier(context.store, client)
    card_data = adaptive_card(Reply("nb", (intake_form(context, "nb"),)))["actions"][0]["data"]
    try:
        async with TestClient(
            TestServer(
                create_app(context, slack_settings(slack_api, GOVBOT_DEMO=True, GOVBOT_TEAMS_EMULATOR=True))
            )
        ) as app:
            slack = await post_payload(app, view_submission(intake_view(context), values, view_id="VINJ"))
            assert slack.status == 200 and await slack.text() == ""
            teams = activity(connector, None, activity_id="inj-1", value={**card_data, **values})
            assert (await app.post("/api/messages", json=teams)).status == 201
            web = await visitor(app, "kari-nordmann")
            web_reply = await web.submit(form_id="initiative", submission_id="inj-1", values=values)
            await asyncio.to_thread(deliver, context)  # the secretariat's notices, as the sweep sends them
            await slack_api.wait_for("chat.postMessage", count=2)
    finally:
        await target.close()

    posts = slack_api.paths("chat.postMessage")
    receipts = [p for p in posts if p.body["channel"] == "U0000KARI"]
    assert receipts and REFERENCE.search(receipts[0].body["text"])
    assert len(posts) > len(receipts), "the secretariat was notified"
    assert "Innsjekk &lt;!channel&gt; &lt;@U0BOSS&gt;" in json.dumps([p.body for p in posts])
    for post in posts:
        assert _slack_unsafe(post.body) == [], post.body
        assert post.body.get("unfurl_links") is False and post.body.get("unfurl_media") is False
        assert "link_names" not in post.body and post.body.get("parse") != "full"

    [teams_reply] = [c.body for c in connector.calls if c.method == "POST"]
    assert REFERENCE.search(teams_reply["text"])
    assert not teams_reply.get("entities"), "no mention entities from user text"
    card = teams_reply["attachments"][0]["content"]
    assert all(a["type"] == "Action.Submit" for a in card.get("actions", [])), card.get("actions")
    assert url not in json.dumps(card.get("actions", []))
    shown = [b for b in card["body"] if "<@U0BOSS>" in json.dumps(b)]
    assert shown and all(b["type"] == "RichTextBlock" for b in shown)
    assert f"[lenke]({url})" in json.dumps(card), "the Markdown link is in the card, as literal text"
    assert _markdown_parsed(card) == [], "user text in an element Teams parses as Markdown"
    assert teams_reply.get("textFormat") == "plain", "Teams parses message text as Markdown by default"

    assert web_reply["ok"] and REFERENCE.search(web_reply["reply"]["text"])
    assert "<!channel>" in json.dumps(web_reply, ensure_ascii=False)  # data, rendered with textContent
    assert hits == [], f"the server fetched a URL from user text: {hits}"
