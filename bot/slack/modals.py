"""Forms as Slack modals, and view_submission state back into neutral form values.

Each field is one input block whose block_id and action_id are the field name, so Slack's inline errors
(`response_action: errors`, keyed by block_id) land on the right field. private_metadata carries the form
id and the form's context back with the submission.
"""

from __future__ import annotations

import json
from typing import Any

from bot.slack.blocks import plain
from handlers.messages import Language
from handlers.replies import Form, FormField
from handlers.texts import t

CALLBACK_ID = "govbot_form"


def modal_view(form: Form, language: Language, *, prefill: dict[str, str] | None = None) -> dict[str, Any]:
    prefill = prefill or {}
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": plain(form.title[:24]),
        "submit": plain(form.submit_label[:24]),
        "close": plain(t(language, "channel.cancel")),
        "private_metadata": json.dumps({"form_id": form.form_id, "context": form.context})[:3000],
        "blocks": [_input(field, prefill.get(field.name)) for field in form.fields],
    }


def _input(field: FormField, prefill: str | None) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": field.name,
        "label": plain(field.label[:2000]),
        "optional": not field.required,
        "element": _element(field, prefill if prefill is not None else field.initial),
    }
    if field.hint:
        block["hint"] = plain(field.hint)
    return block


def _element(field: FormField, initial: str | tuple[str, ...] | None) -> dict[str, Any]:
    options = [{"text": plain(c.label[:75]), "value": c.value} for c in field.options]
    element: dict[str, Any]
    if field.kind == "select":
        element = {"type": "static_select", "options": options}
        chosen = [o for o in options if o["value"] == initial]
        if chosen:
            element["initial_option"] = chosen[0]
    elif field.kind == "multiselect":
        element = {"type": "multi_static_select", "options": options}
        wanted = set(initial) if isinstance(initial, tuple) else set()
        if wanted:
            element["initial_options"] = [o for o in options if o["value"] in wanted]
    elif field.kind == "date":
        element = {"type": "datepicker"}
        if isinstance(initial, str) and initial:
            element["initial_date"] = initial
    elif field.kind == "number":
        element = {"type": "number_input", "is_decimal_allowed": True}
        if isinstance(initial, str) and initial:
            element["initial_value"] = initial
    else:
        element = {"type": "plain_text_input", "multiline": field.kind == "textarea"}
        if isinstance(initial, str) and initial:
            element["initial_value"] = initial[:3000]
        if field.max_length:
            element["max_length"] = field.max_length
    element["action_id"] = field.name
    return element


def submitted_values(view: dict[str, Any]) -> dict[str, str | list[str]]:
    """Slack's `view.state.values` as plain strings (lists for multi-selects); empty inputs dropped."""
    values: dict[str, str | list[str]] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        for state in actions.values():
            value = _value(state)
            if value not in (None, "", []):
                values[block_id] = value
    return values


def _value(state: dict[str, Any]) -> str | list[str] | None:
    kind = state.get("type")
    if kind == "static_select":
        return (state.get("selected_option") or {}).get("value")
    if kind == "multi_static_select":
        return [o["value"] for o in state.get("selected_options") or []]
    if kind == "datepicker":
        return state.get("selected_date")
    return state.get("value")


def metadata(view: dict[str, Any]) -> tuple[str, str]:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        data = {}
    return str(data.get("form_id", "")), str(data.get("context", ""))
