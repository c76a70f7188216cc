"""Shared by the reliability suite: the wire-level stand-ins of tests/bot, and counters of effects.

The stand-ins (Slack Web API, Bot Connector) and the served app come from tests/bot/conftest.py, so
every reliability test drives the same real frameworks over HTTP as the channel tests do. "Effects" are
what a request can leave behind: rows in the tables a handler writes and calls at a platform stand-in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from handlers.context import HandlerContext
from handlers.initiatives.form_spec import intake_form
from models.tables import AuditEntry, Initiative, ProcessedEvent
from tests.bot.conftest import StandIn, connector, signed_headers, slack_api, slack_client

__all__ = ["connector", "slack_api", "slack_client"]  # fixtures re-exported for this directory

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Effects:
    """Counts of everything a Slack request could have caused; equal before and after = no effect."""

    processed_events: int
    initiatives: int
    audit_rows: int
    platform_calls: int


def count(ctx: HandlerContext, table: Any) -> int:
    with ctx.store.read() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def audit_count(ctx: HandlerContext, action: str) -> int:
    with ctx.store.read() as session:
        query = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)
        return int(session.scalar(query) or 0)


def effects(ctx: HandlerContext, standin: StandIn) -> Effects:
    calls = [c for c in standin.calls if not c.path.endswith("auth.test")]
    return Effects(count(ctx, ProcessedEvent), count(ctx, Initiative), count(ctx, AuditEntry), len(calls))


def intake_view(ctx: HandlerContext) -> dict[str, Any]:
    """The intake modal exactly as the bot sends it to views.open."""
    from bot.slack.modals import modal_view

    return modal_view(intake_form(ctx, "nb"), "nb")


def slack_state(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """What Slack sends for each input block, by the element type the modal declared."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        name, element = block.get("block_id"), block.get("element", {})
        value = values.get(name)
        if value is None:
            continue
        kind = element["type"]
        if kind == "multi_static_select":
            wanted = value if isinstance(value, list) else [value]
            known = {o["value"]: o for o in element["options"]}
            # a value the modal never offered is sent as a forged option, as a tampering client could
            chosen = [known.get(v, {"text": {"type": "plain_text", "text": v}, "value": v}) for v in wanted]
            state[name] = {name: {"type": kind, "selected_options": chosen}}
        else:
            state[name] = {name: {"type": kind, "value": value}}
    return state


def view_submission(
    view: dict[str, Any],
    values: dict[str, Any],
    *,
    view_id: str = "V0000REL",
    view_hash: str = "h1",
    user: str = "U0000KARI",
) -> dict[str, Any]:
    submitted = {**view, "id": view_id, "hash": view_hash, "state": {"values": slack_state(view, values)}}
    return {"type": "view_submission", "team": {"id": "T0000TEST"}, "user": {"id": user}, "view": submitted}


def form_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


async def post_payload(client: TestClient, payload: dict[str, Any]) -> Any:
    body = form_body(payload)
    return await client.post("/slack/events", data=body, headers=signed_headers(body, FORM))
