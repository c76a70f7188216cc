"""Notices to people outside the conversation, queued in the reminder outbox with the change itself.

A notice (a new initiative for the secretariat, a state change or a question for the submitter) is
written in the same transaction as the change and its audit row, so it exists exactly when the change
does; the sweep delivers it with the outbox's retries, pacing and dead letters, never the request. The
rendered reply is stored in the row's payload because the text was decided when the change happened
(the recipient's language, the reason given), not when it is delivered.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.meetings.outbox import Planned, enqueue
from handlers.notify import Notification
from handlers.replies import Actions, Block, BulletList, Button, Facts, Heading, Paragraph, Reply

NOTICE_VALID_FOR = timedelta(days=7)
"""After a week a notice about a change is stale; the sweep records it as missed instead of sending."""
SOURCE = "notice"

_BLOCKS: dict[str, type] = {cls.__name__: cls for cls in (Heading, Paragraph, Facts, BulletList, Actions)}


def queue_notice(ctx: HandlerContext, session: Session, notification: Notification) -> None:
    """Queue in the caller's transaction; a key already queued (the same change told twice) is skipped.

    The caller rings `ctx.outbox_bell` after its commit.
    """
    queue_notice_at(session, ctx.store.model_id, ctx.clock(), notification)


def queue_notice_at(session: Session, model_id: int, now: datetime, notification: Notification) -> None:
    """`queue_notice` for code that holds a session and a clock reading but no handler context (the
    meeting and agenda functions the CLI runs in one transaction)."""
    payload: dict[str, Any] = {"reply": reply_to_payload(notification.reply)}
    if notification.email:
        payload["email"] = notification.email
    item = Planned(
        notification.key, notification.kind, notification.person_key, now, now + NOTICE_VALID_FOR, payload
    )
    enqueue(session, model_id, [item], source=SOURCE)


def is_notice(payload: dict[str, Any]) -> bool:
    return isinstance(payload.get("reply"), dict)


def reply_to_payload(reply: Reply) -> dict[str, Any]:
    return {
        "language": reply.language,
        "intent": reply.intent,
        "blocks": [_block_to_payload(block) for block in reply.blocks],
    }


def reply_from_payload(data: dict[str, Any]) -> Reply:
    blocks = tuple(_block_from_payload(b) for b in data.get("blocks", ()))
    return Reply(data.get("language", "nb"), blocks, intent=data.get("intent", "unknown"))


def _block_to_payload(block: Block) -> dict[str, Any]:
    if isinstance(block, Actions):
        return {"type": "Actions", "buttons": [[b.label, b.action, b.value] for b in block.buttons]}
    if type(block).__name__ not in _BLOCKS:
        raise ValueError(f"a notice cannot carry a {type(block).__name__} block")
    return {"type": type(block).__name__, **{f.name: getattr(block, f.name) for f in fields(block)}}


def _block_from_payload(data: dict[str, Any]) -> Block:
    kind = data["type"]
    if kind == "Actions":
        return Actions(tuple(Button(*b) for b in data["buttons"]))
    if kind == "Facts":
        return Facts(tuple((str(label), str(value)) for label, value in data["items"]))
    if kind == "BulletList":
        return BulletList(tuple(data["items"]))
    return _BLOCKS[kind](data["text"])
