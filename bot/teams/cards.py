"""Neutral replies as Adaptive Cards 1.5 (what Teams renders on desktop, web and mobile).

Forms become card inputs with an Action.Submit whose data carries {"form_id", "form_context"}: Teams
posts it back as a plain message activity with `value`, which avoids invoke activities altogether (the
4.17.1 CloudAdapter answers invokes that return a body with HTTP 500). Text goes in RichTextBlock/TextRun,
never TextBlock or FactSet: Teams parses Markdown in those (a typed `[klikk](http://evil)` would become a
link), while a TextRun is shown exactly as written. Neutral blocks cannot say which text came from a user,
so all of it is literal.

A picture is an Image element with its altText and the PNG inline as a `data:` URI (Adaptive Cards 1.2+).
Teams refuses a message over about 28 KB (text, card and all), so a card that would pass MESSAGE_BUDGET
with its pictures goes without them: the reply's text holds the same numbers.
"""

from __future__ import annotations

import json
from typing import Any

from bot.pictures import png_data_uri
from handlers.replies import Actions, BulletList, Facts, Form, FormField, Heading, Image, Paragraph, Reply

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
FORM_ID_KEY = "form_id"
FORM_CONTEXT_KEY = "form_context"
FORM_MULTI_KEY = "form_multi"
BUTTON_KEY = "govbot_action"
ROUTING_KEYS = (FORM_ID_KEY, FORM_CONTEXT_KEY, FORM_MULTI_KEY, BUTTON_KEY)
MESSAGE_BUDGET = 26 * 1024
"""Bytes of card JSON and message text together: under Teams' ~28 KB, leaving room for the envelope."""


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "RichTextBlock", "inlines": [_run(text, **style)]}


def _run(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextRun", "text": text, **style}


def _fact(label: str, value: str) -> dict[str, Any]:
    """A FactSet would parse Markdown in the value; a bold label run and a plain value run do not."""
    return {"type": "RichTextBlock", "inlines": [_run(f"{label}: ", weight="Bolder"), _run(value)]}


def adaptive_card(reply: Reply) -> dict[str, Any]:
    card = _card(reply, pictures=True)
    if any(isinstance(block, Image) for block in reply.blocks) and _size(card, reply) > MESSAGE_BUDGET:
        card = _card(reply, pictures=False)
    return card


def _size(card: dict[str, Any], reply: Reply) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode()) + len(reply.text.encode())


def _card(reply: Reply, *, pictures: bool) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    for block in reply.blocks:
        if isinstance(block, Heading):
            body.append(_text(block.text, size="Medium", weight="Bolder"))
        elif isinstance(block, Paragraph):
            body.append(_text(block.text))
        elif isinstance(block, Facts):
            body.extend(_fact(k, v) for k, v in block.items)
        elif isinstance(block, BulletList):
            body.append(_text("\n".join(f"• {item}" for item in block.items)))
        elif isinstance(block, Actions):
            actions.extend(
                {"type": "Action.Submit", "title": b.label, "data": {BUTTON_KEY: b.action, "value": b.value}}
                for b in block.buttons
            )
        elif isinstance(block, Form):
            body.append(_text(block.title, size="Medium", weight="Bolder"))
            for field in block.fields:
                body.append(_input(field))
                if field.error:  # under its input, as Teams shows its own validation messages
                    body.append({**_text(field.error, color="Attention"), "id": f"{field.name}-error"})
            multi = ",".join(f.name for f in block.fields if f.kind == "multiselect")
            data = {FORM_ID_KEY: block.form_id, FORM_CONTEXT_KEY: block.context, FORM_MULTI_KEY: multi}
            actions.append({"type": "Action.Submit", "title": block.submit_label, "data": data})
        elif isinstance(block, Image) and pictures:
            body.append(
                {
                    "type": "Image",
                    "url": png_data_uri(block.png),
                    "altText": block.alt_text,
                    "size": "Stretch",
                }
            )
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": "1.5",
        "body": body,
    }
    if actions:
        card["actions"] = actions
    return card


def _input(field: FormField) -> dict[str, Any]:
    common: dict[str, Any] = {"id": field.name, "label": field.label, "isRequired": field.required}
    initial = field.initial
    if field.kind in ("select", "multiselect"):
        choices = [{"title": c.label, "value": c.value} for c in field.options]
        element = {
            "type": "Input.ChoiceSet",
            "choices": choices,
            "isMultiSelect": field.kind == "multiselect",
        }
        if initial:
            element["value"] = ",".join(initial) if isinstance(initial, tuple) else initial
    elif field.kind == "date":
        element = {"type": "Input.Date", **({"value": initial} if isinstance(initial, str) else {})}
    elif field.kind == "number":
        element = {"type": "Input.Number", **({"value": initial} if isinstance(initial, str) else {})}
    else:
        element = {"type": "Input.Text", "isMultiline": field.kind == "textarea"}
        if isinstance(initial, str):
            element["value"] = initial
        if field.max_length:
            element["maxLength"] = field.max_length
    if field.hint:
        element["placeholder"] = field.hint
    return {**element, **common}


def form_values(value: dict[str, Any]) -> dict[str, str | list[str]]:
    """The submitted inputs without our routing keys; empty inputs dropped.

    A multi-select ChoiceSet submits "a,b"; the card names those fields so they come back as lists.
    """
    multi = set(str(value.get(FORM_MULTI_KEY) or "").split(","))
    values: dict[str, str | list[str]] = {}
    for name, raw in value.items():
        if name in ROUTING_KEYS or raw in (None, ""):
            continue
        if name in multi:
            values[name] = [part for part in str(raw).split(",") if part]
        else:
            values[name] = [str(v) for v in raw] if isinstance(raw, list) else str(raw)
    return values
