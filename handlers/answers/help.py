"""Help, greeting and the polite "I did not understand".

The example questions name the loaded model's own domains and bodies: a help text that suggests
«Hva dekker Prehospital?» in Helse Nord, which has no such domain, teaches a question that fails.
"""

from __future__ import annotations

from handlers.answers.ownership import body_label
from handlers.context import HandlerContext
from handlers.messages import Language
from handlers.replies import BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import GovernanceModel


def help_items(model: GovernanceModel, language: Language) -> tuple[str, ...]:
    """The help lines, their examples filled from the model.

    Two different domains where the model has them (the first and the third: HSØ's Prehospital and
    Pasientbehandling, Helse Nord's clinical and infrastructure domains); the body cases above the
    delegation limit are asked about; minutes, decisions and follow-ups; the agenda commands; assignments only where the model has any."""
    domains = model.domains
    covers = domains[0].name if domains else "<område>"
    meets = domains[min(2, len(domains) - 1)].name if domains else "<område>"
    top = body_label(model, model.rules.escalation_body, language)
    escalation = top[:1].lower() + top[1:]
    text = t(language, "help.items", covers=covers, meets=meets, escalation=escalation)
    lines = text.split("\n")
    lines.insert(-1, t(language, "help.minutes", meets=meets))
    lines.insert(-1, t(language, "help.decisions"))
    lines.insert(-1, t(language, "help.agenda"))
    if model.assignments:
        lines.insert(-1, t(language, "help.assignments"))
    return tuple(lines)


def answer_help(language: Language, model: GovernanceModel) -> Reply:
    return Reply(
        language,
        (
            Heading(t(language, "help.heading")),
            BulletList(help_items(model, language)),
            Paragraph(t(language, "help.privacy")),
        ),
        intent="help",
    )


def answer_greeting(ctx: HandlerContext, language: Language) -> Reply:
    return Reply(language, (Paragraph(t(language, "greeting", region=ctx.model.region)),), intent="greeting")


def answer_unmapped(language: Language, model: GovernanceModel) -> Reply:
    """The second stage of the fallback: plainly not something the bot knows, and what it does know."""
    return Reply(
        language,
        (
            Paragraph(t(language, "unmapped")),
            Heading(t(language, "help.heading")),
            BulletList(help_items(model, language)),
            Paragraph(t(language, "unknown.hint")),
        ),
        intent="unknown",
    )
