"""Reliability 1: only Slack's signed, fresh, byte-exact requests have an effect, and each has one.

Every forged request is a payload that WOULD act if accepted (an app_mention that posts an answer, a
valid initiative submission that stores a row): a 401 with zero processed events, zero initiatives, zero
audit rows and zero Web API calls then proves the signature check, not a dull payload, stopped it.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable

import pytest
from aiohttp.test_utils import TestClient

from handlers.context import HandlerContext
from tests.bot.conftest import SIGNING_SECRET, StandIn, signed_headers
from tests.bot.initiative_input import GOOD
from tests.bot.test_slack_events import event_body
from tests.reliability.conftest import FORM, audit_count, effects, form_body, intake_view, view_submission

WINDOW_S = 300


def _flip_bit(signature: str) -> str:
    last = signature[-1]
    return signature[:-1] + format(int(last, 16) ^ 1, "x")


def _reserialised(body: str, content_type: str) -> str:
    """Same content, other bytes: JSON keys reordered and spaced; a form payload re-encoded likewise."""
    if content_type == "application/json":
        return json.dumps(json.loads(body), sort_keys=True, indent=1)
    from urllib.parse import parse_qsl, urlencode

    payload = json.loads(dict(parse_qsl(body))["payload"])
    return urlencode({"payload": json.dumps(payload, sort_keys=True, indent=1)})


Forgery = Callable[[str, str], tuple[str, dict[str, str]]]

FORGERIES: dict[str, Forgery] = {
    "signature_one_bit_flipped": lambda b, ct: (
        b,
        (h := signed_headers(b, ct)) | {"X-Slack-Signature": _flip_bit(h["X-Slack-Signature"])},
    ),
    "signed_with_another_secret": lambda b, ct: (b, signed_headers(b, ct, secret="not-" + SIGNING_SECRET)),
    "timestamp_301s_old": lambda b, ct: (b, signed_headers(b, ct, timestamp=int(time.time()) - 301)),
    # ceil, not int: int() would make it up to a second less than 301 s ahead, inside the window
    "timestamp_301s_ahead": lambda b, ct: (b, signed_headers(b, ct, timestamp=math.ceil(time.time()) + 301)),
    "signature_header_missing": lambda b, ct: (
        b,
        {k: v for k, v in signed_headers(b, ct).items() if k != "X-Slack-Signature"},
    ),
    "timestamp_header_missing": lambda b, ct: (
        b,
        {k: v for k, v in signed_headers(b, ct).items() if k != "X-Slack-Request-Timestamp"},
    ),
    "both_headers_missing": lambda b, ct: (b, {"Content-Type": ct}),
    "body_reserialised_after_signing": lambda b, ct: (_reserialised(b, ct), signed_headers(b, ct)),
}


def _mention() -> tuple[str, str]:
    return event_body("<@UBOT000001> hvem eier DIPS?", event_id="Ev0000FORGE"), "application/json"


def _submission(ctx: HandlerContext) -> tuple[str, str]:
    return form_body(view_submission(intake_view(ctx), GOOD)), FORM


def _request(kind: str, ctx: HandlerContext) -> tuple[str, str]:
    return _mention() if kind == "app_mention" else _submission(ctx)


@pytest.mark.parametrize("kind", ["app_mention", "view_submission"])
async def test_every_forgery_is_401_with_zero_rows_and_zero_web_api_calls(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext, kind: str
) -> None:
    body, content_type = _request(kind, context)
    before = effects(context, slack_api)
    statuses: dict[str, int] = {}
    for name, forge in FORGERIES.items():
        sent_body, headers = forge(body, content_type)
        assert sent_body != body or headers != signed_headers(body, content_type)
        response = await slack_client.post("/slack/events", data=sent_body, headers=headers)
        statuses[name] = response.status
    assert statuses == dict.fromkeys(FORGERIES, 401)
    assert effects(context, slack_api) == before
    assert before.initiatives == before.processed_events == 0


@pytest.mark.parametrize("kind", ["app_mention", "view_submission"])
async def test_a_timestamp_299s_old_is_accepted_and_acts_once(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext, kind: str
) -> None:
    body, content_type = _request(kind, context)
    before = effects(context, slack_api)
    # int() drops up to a second, so this is 298-299 s old when signed: inside the 300 s window with
    # a second to spare for the request to reach the verifier on a busy machine
    headers = signed_headers(body, content_type, timestamp=int(time.time()) - (WINDOW_S - 2))
    response = await slack_client.post("/slack/events", data=body, headers=headers)
    assert response.status == 200
    await slack_api.wait_for("chat.postMessage")
    after = effects(context, slack_api)
    if kind == "app_mention":
        assert after.processed_events - before.processed_events == 1
    else:
        assert after.initiatives - before.initiatives == 1
        assert audit_count(context, "initiative.submitted") == 1


REPLAYS = 5


@pytest.mark.parametrize("kind", ["app_mention", "view_submission"])
async def test_a_valid_request_replayed_5_times_has_one_effect(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext, kind: str
) -> None:
    """The captured bytes and headers sent 5× within the window: every copy 200, one answer, one row."""
    body, content_type = _request(kind, context)
    before = effects(context, slack_api)
    headers = signed_headers(body, content_type)
    for _ in range(REPLAYS):
        response = await slack_client.post("/slack/events", data=body, headers=headers)
        assert response.status == 200
    await slack_api.wait_for("chat.postMessage")
    # a later, different request is answered: proof the replies had time to arrive and none were extra
    probe = event_body("<@UBOT000001> hvem eier Helsenorge?", event_id="Ev0000PROBE")
    await slack_client.post("/slack/events", data=probe, headers=signed_headers(probe, "application/json"))
    posted = await slack_api.wait_for("chat.postMessage", count=2)
    assert "Helsenorge" in posted[-1].body["text"]
    assert len(posted) == 2, [p.body.get("text", "")[:60] for p in posted]
    after = effects(context, slack_api)
    if kind == "app_mention":
        assert after.processed_events - before.processed_events == 2 and after.initiatives == 0
    else:
        assert after.initiatives - before.initiatives == 1
        assert audit_count(context, "initiative.submitted") == 1
