"""Neutral replies as JSON for the web chat page, which renders them with textContent (never HTML)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from handlers.replies import Actions, BulletList, Facts, Form, Heading, Paragraph, Reply


def reply_json(reply: Reply) -> dict[str, Any]:
    return {
        "language": reply.language,
        "intent": reply.intent,
        "text": reply.text,
        "blocks": [_block(block) for block in reply.blocks],
    }


def _block(block: object) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Facts):
        return {"type": "facts", "items": [list(item) for item in block.items]}
    if isinstance(block, BulletList):
        return {"type": "list", "items": list(block.items)}
    if isinstance(block, Actions):
        return {"type": "actions", "buttons": [asdict(b) for b in block.buttons]}
    if isinstance(block, Form):
        return {"type": "form", **asdict(block)}
    raise TypeError(f"no web chat rendering for {type(block).__name__}")
