"""Neutral replies as Slack Block Kit.

Every string that came from a person or the store is escaped (&, <, >) before it goes into mrkdwn, so a
system called "<!channel>" cannot ping a channel; plain_text is used wherever no formatting is needed,
which Slack never interprets. A Form in a message becomes a button that opens it as a modal.
"""

from __future__ import annotations

import json
from typing import Any

from handlers.replies import Actions, BulletList, Facts, Form, Heading, Paragraph, Reply

OPEN_FORM_ACTION = "govbot_open_form"
BUTTON_ACTION_PREFIX = "govbot_button:"
MAX_TEXT = 2900


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:MAX_TEXT] or " ", "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text[:MAX_TEXT] or " "}


def message_blocks(reply: Reply) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for block in reply.blocks:
        if isinstance(block, Heading):
            blocks.append({"type": "header", "text": plain(block.text[:150])})
        elif isinstance(block, Paragraph):
            blocks.append({"type": "section", "text": mrkdwn(escape(block.text))})
        elif isinstance(block, Facts):
            lines = [f"*{escape(label)}:* {escape(value)}" for label, value in block.items]
            blocks.append({"type": "section", "text": mrkdwn("\n".join(lines))})
        elif isinstance(block, BulletList):
            blocks.append(
                {"type": "section", "text": mrkdwn("\n".join(f"• {escape(i)}" for i in block.items))}
            )
        elif isinstance(block, Actions):
            elements = [
                {
                    "type": "button",
                    "text": plain(button.label[:75]),
                    "action_id": f"{BUTTON_ACTION_PREFIX}{button.action}:{index}",
                    "value": button.value[:2000],
                }
                for index, button in enumerate(block.buttons)
            ]
            blocks.append({"type": "actions", "elements": elements})
        elif isinstance(block, Form):
            value = json.dumps({"form_id": block.form_id, "context": block.context})
            button = {
                "type": "button",
                "text": plain(block.title[:75]),
                "action_id": OPEN_FORM_ACTION,
                "value": value[:2000],
                "style": "primary",
            }
            blocks.append({"type": "actions", "elements": [button]})
    return blocks[:50]


def fallback_text(reply: Reply) -> str:
    """The notification text: plain, escaped, short."""
    return escape(reply.text)[:MAX_TEXT]


def find_form(reply: Reply) -> Form | None:
    return next((block for block in reply.blocks if isinstance(block, Form)), None)
