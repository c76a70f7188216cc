"""The intake form as a neutral `Form`, so Slack, Teams and the web chat render the same fields.

Built from the schema's field order and limits, so a field added to `InitiativeForm` shows up in every
channel without touching platform code.
"""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.initiatives.form import FIELD_ORDER, LIMITS, OPTIONAL_FIELDS
from handlers.messages import Language
from handlers.replies import Choice, Form, FormField
from handlers.texts import t

FORM_ID = "initiative"
_KINDS = {"need": "textarea", "change": "textarea", "benefit": "textarea", "trusts": "multiselect"}


def intake_form(ctx: HandlerContext, language: Language, *, need: str | None = None) -> Form:
    """`need`: a proposal written as free text, carried into the form so the user does not retype it
    (validated with the rest at submit, like anything typed into the form)."""
    trusts = tuple(Choice(trust.key, trust.short_name) for trust in ctx.model.health_trusts)
    fields = []
    for name in FIELD_ORDER:
        hint = None
        if name in ("investment", "operating_cost"):
            hint = t(language, "initiative.hint.amount")
        elif name == "systems":
            hint = t(language, "initiative.hint.systems")
        elif name in ("need", "change", "benefit"):
            hint = t(language, "initiative.hint.privacy")
        fields.append(
            FormField(
                name=name,
                label=t(language, f"initiative.field.{name}"),
                kind=_KINDS.get(name, "text"),
                required=name not in OPTIONAL_FIELDS,
                options=trusts if name == "trusts" else (),
                hint=hint,
                max_length=LIMITS[name][1] if name in LIMITS else None,
                initial=need.strip()[: LIMITS["need"][1]] if name == "need" and need else None,
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
