"""Help, greeting and the polite "I did not understand"."""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.messages import Language
from handlers.replies import BulletList, Heading, Paragraph, Reply
from handlers.texts import t


def answer_help(language: Language) -> Reply:
    return Reply(
        language,
        (
            Heading(t(language, "help.heading")),
            BulletList(tuple(t(language, "help.items").split("\n"))),
            Paragraph(t(language, "help.privacy")),
        ),
        intent="help",
    )


def answer_greeting(ctx: HandlerContext, language: Language) -> Reply:
    return Reply(language, (Paragraph(t(language, "greeting", region=ctx.model.region)),), intent="greeting")


def answer_unmapped(language: Language) -> Reply:
    """The second stage of the fallback: plainly not something the bot knows, and what it does know."""
    return Reply(
        language,
        (
            Paragraph(t(language, "unmapped")),
            Heading(t(language, "help.heading")),
            BulletList(tuple(t(language, "help.items").split("\n"))),
            Paragraph(t(language, "unknown.hint")),
        ),
        intent="unknown",
    )
