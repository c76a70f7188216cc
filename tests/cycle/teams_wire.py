"""Talking to the served app as Teams does: Bot Framework message activities with a signed channel token,
card submissions as activities whose `value` holds the card's data, and what the Bot Connector stand-in
recorded (replies in the turn, proactive messages from the sweep), per person's own conversation."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from typing import Any

from aiohttp.test_utils import TestClient

from tests.bot.conftest import StandIn
from tests.bot.teams_auth import TokenAuthority
from tests.bot.test_teams import activity


@dataclass
class TeamsWire:
    client: TestClient
    connector: StandIn
    authority: TokenAuthority
    _ids = count(1)

    def person(self, member: str, email: str) -> None:
        """A Teams member the Connector reports with this e-mail (the model's, or none it knows)."""
        self.connector.emails[f"29:{member}"] = email

    async def say(self, member: str, text: str | None = None, **extra: Any) -> list[dict[str, Any]]:
        """One activity from `member` in their own chat; the bot's answers in that turn."""
        before = len(self.posts(member))
        body = activity(self.connector, text, activity_id=f"act-{next(self._ids)}", locale="nb-NO", **extra)
        body["from"] = {"id": f"29:{member}", "name": member, "aadObjectId": f"aad-{member}"}
        body["conversation"] = {"id": f"a:{member}", "conversationType": "personal", "tenantId": "tenant-1"}
        headers = self.authority.header(self.connector.url)
        response = await self.client.post("/api/messages", json=body, headers=headers)
        assert response.status in (200, 201), await response.text()
        return self.posts(member)[before:]

    async def text(self, member: str, text: str) -> str:
        return "\n".join(reply.get("text", "") for reply in await self.say(member, text))

    async def card(self, member: str, text: str) -> dict[str, Any]:
        """The Adaptive Card the bot answered with (a form)."""
        for reply in await self.say(member, text):
            for attachment in reply.get("attachments", []):
                return attachment["content"]
        raise AssertionError(f"no card for {text!r}")

    async def submit(self, member: str, card: dict[str, Any], wanted: dict[str, Any]) -> str:
        """The card's Action.Submit with its inputs filled as a person would; the reply's text.

        Choices are picked by value or by the start of their title, several joined by commas."""
        inputs = {element["id"]: element for element in card["body"] if element["type"].startswith("Input.")}
        value: dict[str, Any] = dict(card["actions"][-1]["data"])
        for name, wish in wanted.items():
            element = inputs[name]
            if element["type"] == "Input.ChoiceSet":
                wishes = wish if isinstance(wish, list) else [wish]
                value[name] = ",".join(_choice(element["choices"], one) for one in wishes)
            else:
                value[name] = wish
        return "\n".join(reply.get("text", "") for reply in await self.say(member, None, value=value))

    def posts(self, member: str) -> list[dict[str, Any]]:
        path = f"/v3/conversations/a:{member}/activities"
        return [c.body for c in self.connector.calls if c.method == "POST" and c.path.startswith(path)]

    def texts(self, member: str, since: int = 0) -> list[str]:
        return [post.get("text", "") for post in self.posts(member)[since:]]


def _choice(choices: list[dict[str, Any]], wanted: str) -> str:
    for choice in choices:
        if choice["value"] == wanted or choice["title"].casefold().startswith(wanted.casefold()):
            return str(choice["value"])
    raise AssertionError(f"no choice {wanted!r} in {[c['title'] for c in choices]}")
