"""The intake form as a neutral `Form`, so Slack, Teams and the web chat render the same fields.

Built from the schema's field order and limits, so a field added to `InitiativeForm` shows up in every
channel without touching platform code.
"""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.initiatives.form import FIELD_ORDER, LIMITS, OPTIONAL_FIELDS
from handlers.messages import Language, Sender
from handlers.person_names import MODEL_MARK
from handlers.replies import Choice, Form, FormField
from handlers.texts import t

FORM_ID = "initiative"
_KINDS = {"need": "textarea", "change": "textarea", "benefit": "textarea", "trusts": "multiselect"}


def intake_form(
    ctx: HandlerContext, language: Language, *, need: str | None = None, sender: Sender | None = None
) -> Form:
    """`need`: a proposal written as free text, carried into the form so the user does not retype it
    (validated with the rest at submit, like anything typed into the form). `sender`: the person asking,
    whose name and e-mail fill the contact field when the model knows them (they can still change it)."""
    trusts = tuple(
        Choice(
            trust.key, f"{trust.short_name} – {trust.name}" if trust.short_name != trust.name else trust.name
        )
        for trust in ctx.model.health_trusts
    )
    contact = _known_contact(ctx, sender)
    fields = []
    for name in FIELD_ORDER:
        hint = None
        if name in ("investment", "operating_cost"):
            hint = t(language, "initiative.hint.amount")
        elif name == "systems":
            hint = t(language, "initiative.hint.systems")
        elif name in ("need", "change", "benefit"):
            hint = t(language, "initiative.hint.privacy")
        elif name == "trusts":
            hint = t(language, "initiative.hint.trusts")
        fields.append(
            FormField(
                name=name,
                label=t(language, f"initiative.field.{name}"),
                kind=_KINDS.get(name, "text"),
                required=name not in OPTIONAL_FIELDS,
                options=trusts if name == "trusts" else (),
                hint=hint,
                max_length=LIMITS[name][1] if name in LIMITS else None,
                initial=_initial(name, need, contact),
            )
        )
    fields.append(
        FormField(
            name="domain",
            label=t(language, "initiative.field.domain"),
            kind="select",
            options=tuple(
                Choice(d.key, f"{d.name} ({d.name_en})" if language == "en" else d.name)
                for d in ctx.model.domains
            ),
            hint=t(language, "initiative.hint.domain"),
        )
    )
    return Form(
        form_id=FORM_ID,
        title=t(language, "initiative.form.title"),
        fields=tuple(fields),
        submit_label=t(language, "initiative.form.submit"),
    )


def _initial(name: str, need: str | None, contact: str | None) -> str | None:
    if name == "need" and need:
        return need.strip()[: LIMITS["need"][1]]
    if name == "contact":
        return contact
    return None


def _known_contact(ctx: HandlerContext, sender: Sender | None) -> str | None:
    if sender is None:
        return None
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, sender)
    if not actor.known or actor.person_key is None:
        return None
    person = ctx.model.person(actor.person_key)
    name = person.name.removesuffix(MODEL_MARK).strip()
    contact = f"{name}, {person.email}" if person.email else name
    return contact[: LIMITS["contact"][1]] if "contact" in LIMITS else contact
