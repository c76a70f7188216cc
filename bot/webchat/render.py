"""Neutral replies as JSON for the web chat page, which renders them with textContent (never HTML).

A picture travels inline as a `data:image/png;base64,` URI (bot/pictures.py); the page's
Content-Security-Policy allows `data:` for images only (bot/http_edges.py).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.pictures import png_data_uri
from handlers.replies import Actions, BulletList, Facts, Form, Heading, Image, Paragraph, Reply


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
    if isinstance(block, Image):
        return {"type": "image", "src": png_data_uri(block.png), "alt": block.alt_text, "title": block.title}
    raise TypeError(f"no web chat rendering for {type(block).__name__}")
