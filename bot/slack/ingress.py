"""What a POST to /slack/events must be before Bolt may parse it: signed by Slack, fresh, well formed.

Bolt verifies too, but only after decoding the body as text and with `int(timestamp)` unguarded, so a
non-UTF-8 body or a timestamp of `abc` or `1e99` became a 500 with an ERROR traceback. Here every such
request is answered 401 (not from Slack) or 400/415 (signed, but not a payload Slack sends) first, and
the body is parsed the way Bolt's `parse_body` will parse it, so Bolt never meets a body it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier

from bot.http_edges import Rejected, decode_json

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
NoneType = type(None)
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "type": (str,),
    "event": (dict,),
    "actions": (list,),
    "view": (dict,),
    "user": (dict, str),
    "team": (dict, str, NoneType),
    "channel": (dict, str),
    "container": (dict,),
    "message": (dict,),
    "authorizations": (list,),
    "enterprise": (dict, str, NoneType),
    "trigger_id": (str,),
    "response_url": (str,),
}
"""The top-level fields Bolt's matchers and our listeners read, and the JSON types Slack sends them as."""
COMMAND_FIELDS = ("command", "user_id", "team_id", "channel_id")
"""What every slash command post carries; Bolt and the listener read them without a default."""
_TIMESTAMP = re.compile(r"\d{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def checked_slack_body(
    verifier: SignatureVerifier, headers: Mapping[str, str], content_type: str, raw: bytes
) -> str:
    """The body as text when Slack signed it and Bolt can parse it; `Rejected` otherwise."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
        raise Rejected(401, "missing or malformed Slack signature headers")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Rejected(401, "the body is not UTF-8, so Slack did not sign it") from exc
    if not verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
        raise Rejected(401, "invalid Slack signature or stale timestamp")
    if content_type not in (JSON, FORM):
        raise Rejected(415, "expected JSON or a form post")
    _check_payload(text, content_type)
    return text


def _check_payload(text: str, content_type: str) -> None:
    """Mirrors slack_bolt.request.internals.parse_body: JSON, or a form whose `payload` is JSON."""
    if not text:
        return
    if content_type == JSON or text.startswith("{"):
        _check_fields(_json_object(text))
        return
    form = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in text:
        if "payload" in form:
            _check_fields(_json_object(form["payload"]))
    else:
        _check_fields(form)


def _json_object(text: str) -> dict[str, Any]:
    value = decode_json(text.encode("utf-8"))
    if not isinstance(value, dict):
        raise Rejected(400, "expected a JSON object")
    return value


def _check_fields(payload: dict[str, Any]) -> None:
    """Wrongly typed fields would raise inside Bolt (a 500 and an ERROR record) instead of a 400."""
    if "command" in payload and not all(isinstance(payload.get(name), str) for name in COMMAND_FIELDS):
        raise Rejected(400, "a slash command without its fields")
    for name, types in FIELD_TYPES.items():
        if name in payload and not isinstance(payload[name], types):
            raise Rejected(400, f"the field {name!r} has the wrong type")
    event = payload.get("event")
    if event is not None and not isinstance(event.get("type"), str):
        raise Rejected(400, "an event without a type")
    actions = payload.get("actions", [])
    if not all(isinstance(action, dict) and isinstance(action.get("action_id"), str) for action in actions):
        raise Rejected(400, "an action without an action_id")
