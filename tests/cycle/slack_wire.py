"""Talking to the served app as Slack does: signed slash commands, shortcuts and view submissions, and
what the Web API stand-in recorded in return (modals opened, ephemeral answers, DMs)."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from itertools import count
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient

from tests.bot.conftest import StandIn, signed_headers

FORM = "application/x-www-form-urlencoded"


@dataclass
class SlackWire:
    client: TestClient
    api: StandIn
    _tags = count(1)

    async def _post(self, body: str) -> Any:
        response = await self.client.post("/slack/events", data=body, headers=signed_headers(body, FORM))
        assert response.status == 200, await response.text()
        return response

    async def command(self, user: str, text: str) -> str:
        """`/govbot TEXT`; the ephemeral answer's text (posted to the command's response_url)."""
        tag = f"r{next(self._tags)}"
        await self._post(self._command_body(user, text, tag))
        [answer] = await self.api.wait_for(f"respond/{tag}")
        return str(answer.body["text"])

    async def modal(self, user: str, text: str) -> dict[str, Any]:
        """`/govbot TEXT` that opens a form: the modal's view."""
        opened = len(self.api.paths("views.open"))
        await self._post(self._command_body(user, text, f"r{next(self._tags)}"))
        return (await self.api.wait_for("views.open", opened + 1))[-1].body["view"]

    async def shortcut(self, user: str, callback_id: str) -> dict[str, Any]:
        opened = len(self.api.paths("views.open"))
        payload = {
            "type": "shortcut", "token": "legacy", "action_ts": "1700000000.1",
            "team": {"id": "T0000TEST", "domain": "test"}, "user": {"id": user, "team_id": "T0000TEST"},
            "callback_id": callback_id, "trigger_id": f"trigger-{next(self._tags)}",
        }  # fmt: skip
        await self._post(urlencode({"payload": json.dumps(payload)}))
        return (await self.api.wait_for("views.open", opened + 1))[-1].body["view"]

    async def submit(self, user: str, view: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any] | None:
        """A view_submission filling each input as a person would; the ack's errors, None when taken.

        Selects are chosen by an option's value or the start of its label (what the person sees)."""
        state: dict[str, Any] = {}
        for block in view["blocks"]:
            name = block.get("block_id")
            if name not in wanted:
                continue
            element = block["element"]
            state[name] = {name: _state(element, wanted[name])}
        submitted = {**view, "id": f"V{next(self._tags):08d}", "hash": "h", "state": {"values": state}}
        payload = {
            "type": "view_submission",
            "team": {"id": "T0000TEST"},
            "user": {"id": user},
            "view": submitted,
        }
        response = await self._post(urlencode({"payload": json.dumps(payload)}))
        text = await response.text()
        return json.loads(text)["errors"] if text else None

    async def dms(self, user: str, since: int = 0) -> list[str]:
        """Texts the bot posted to a person's DM (chat.postMessage with channel = their user id)."""
        return [
            c.body["text"]
            for c in self.api.paths("chat.postMessage")[since:]
            if c.body.get("channel") == user
        ]

    async def dm_with(self, user: str, words: str, timeout: float = 30.0) -> str:
        """The first DM to `user` holding `words`, polled for (a receipt follows the modal's ack)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [text for text in await self.dms(user) if words in text]
            if found:
                return found[0]
            await asyncio.sleep(0.01)
        raise AssertionError(f"no DM to {user} with {words!r}: {await self.dms(user)}")

    def _command_body(self, user: str, text: str, tag: str) -> str:
        return urlencode(
            {
                "team_id": "T0000TEST", "channel_id": "C0000GOV", "user_id": user, "command": "/govbot",
                "text": text, "trigger_id": f"trigger-{tag}", "response_url": self.api.url + f"respond/{tag}",
            }
        )  # fmt: skip


def _state(element: dict[str, Any], wanted: Any) -> dict[str, Any]:
    kind = element["type"]
    if kind in ("static_select", "multi_static_select"):
        asked = wanted if isinstance(wanted, list) else [wanted]
        chosen = [_option(element["options"], one) for one in asked]
        if kind == "static_select":
            return {"type": kind, "selected_option": chosen[0]}
        return {"type": kind, "selected_options": chosen}
    if kind == "datepicker":
        return {"type": kind, "selected_date": wanted}
    return {"type": kind, "value": wanted}


def _option(options: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    for option in options:
        if option["value"] == wanted or option["text"]["text"].casefold().startswith(wanted.casefold()):
            return option
    raise AssertionError(f"no option {wanted!r} in {[o['text']['text'] for o in options]}")
