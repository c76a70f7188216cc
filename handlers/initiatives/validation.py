"""Validating intake values against the schema, the model's health trusts and the catalogue.

The same function serves every channel, whole forms and single dialog steps, and always answers in
the user's language with one message per field; it never repeats what the user typed when that text
holds an identity number.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.initiatives.form import InitiativeForm
from handlers.initiatives.trust_matching import trust_index
from handlers.lookup.catalogue import catalogue_view
from handlers.lookup.names import FUZZY_ACCEPT
from handlers.messages import Language
from handlers.texts import t


def validation_context(ctx: HandlerContext, session: Session) -> dict[str, Any]:
    trusts = trust_index(ctx.model)
    view = catalogue_view(ctx, session)

    def resolve_system(name: str) -> str | None:
        exact = [m for m in view.systems.find_exact(name) if len(m.span) >= len(name.strip()) * 0.8]
        if exact:
            return exact[0].item.name
        fuzzy = view.systems.find_fuzzy(name, limit=1, cutoff=FUZZY_ACCEPT)
        return fuzzy[0].item.name if fuzzy else None

    return {"trusts": trusts, "resolve_system": resolve_system}


def error_messages(error: ValidationError, language: Language) -> dict[str, str]:
    """Field name → sentence; the first problem per field, which is the one to fix first."""
    messages: dict[str, str] = {}
    for item in error.errors(include_input=False, include_url=False):
        field = str(item["loc"][0]) if item["loc"] else "_form"
        if field in messages:
            continue
        messages[field] = message_for(item["type"], item.get("ctx") or {}, language)
    return messages


def message_for(code: str, values: dict[str, Any], language: Language) -> str:
    key = f"initiative.error.{code}"
    from handlers.texts import TEXTS

    if key not in TEXTS[language]:
        key = "initiative.error.invalid"
    return t(language, key, **{k: v for k, v in values.items() if k in ("min", "max", "value")})


def validate_form(
    values: dict[str, Any], context: dict[str, Any], language: Language
) -> tuple[InitiativeForm | None, dict[str, str]]:
    try:
        return InitiativeForm.model_validate(values, context=context), {}
    except ValidationError as exc:
        return None, error_messages(exc, language)


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    return TypeAdapter(InitiativeForm.model_fields[name].rebuild_annotation())


def validate_field(
    name: str, raw: Any, context: dict[str, Any], language: Language
) -> tuple[Any, str | None]:
    """One dialog answer: the cleaned value, or the message explaining what to fix."""
    try:
        return _field_adapter(name).validate_python(raw, context=context), None
    except ValidationError as exc:
        return None, next(iter(error_messages(exc, language).values()))
