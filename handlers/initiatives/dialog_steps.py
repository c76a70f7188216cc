"""The end of the intake dialog: the routing suggestion, the out-of-scope warning, and the choice.

Submitting happens in its own transaction through the shared intake path, with a submission id fixed
when the dialog started, so answering "ja" twice (or a retried message) stores one initiative.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.initiatives.intake import process_intake
from handlers.initiatives.routing import Candidate, suggest
from handlers.initiatives.scope import scope_notice
from handlers.lookup.catalogue import catalogue_view
from handlers.lookup.names import FUZZY_ACCEPT
from handlers.messages import IncomingMessage, Language
from handlers.replies import Block, BulletList, Paragraph, Reply
from handlers.texts import t
from models.tables import InitiativeDialog

YES = frozenset({"ja", "j", "yes", "y", "ok", "send", "send inn", "submit", "bekreft", "confirm"})


def ask(ctx: HandlerContext, step: str, language: Language) -> Paragraph:
    examples = ", ".join(trust.short_name for trust in ctx.model.health_trusts[:4])
    return Paragraph(
        t(language, f"initiative.dialog.ask.{step}", **({"examples": examples} if step == "trusts" else {}))
    )


def _reason(candidate: Candidate, language: Language) -> str:
    if candidate.systems:
        return t(language, "initiative.reason.systems", systems=", ".join(candidate.systems))
    if candidate.words:
        return t(language, "initiative.reason.words", words=", ".join(candidate.words[:3]))
    return t(language, "initiative.reason.none")


def _text_of(answers: dict[str, Any]) -> str:
    parts = [str(answers.get(k, "")) for k in ("title", "need", "change", "benefit")]
    return " ".join([*parts, *answers.get("systems", [])])


def routing_prompt(ctx: HandlerContext, session: Session, row: InitiativeDialog, language: Language) -> Reply:
    suggestion = suggest(ctx, session, _text_of(row.answers))
    answers = dict(row.answers)
    candidates = list(suggestion.candidates) or [Candidate(ctx.model.domains[0].key, 0.0, (), ())]
    answers["_candidates"] = [c.domain for c in candidates]
    answers["_reasons"] = [_reason(c, language) for c in candidates]
    row.answers = answers
    if suggestion.out_of_scope is not None:
        kind = suggestion.out_of_scope.kind
        answers["_scope"] = kind.key
        row.answers, row.step = answers, "scope"
        return Reply(
            language,
            (scope_notice(kind, language), Paragraph(t(language, "initiative.dialog.submit_anyway"))),
            "initiative.dialog.scope",
        )
    row.step = "domain"
    return Reply(language, _domain_blocks(ctx, answers, language), "initiative.dialog.domain")


def _domain_blocks(ctx: HandlerContext, answers: dict[str, Any], language: Language) -> tuple[Block, ...]:
    keys: list[str] = answers["_candidates"]
    top = domain_label(ctx.model.domain(keys[0]), language)
    items = tuple(
        t(
            language,
            "initiative.dialog.candidate",
            number=i + 1,
            domain=domain_label(ctx.model.domain(k), language),
            reason=r,
        )
        for i, (k, r) in enumerate(zip(keys, answers["_reasons"], strict=True))
    )
    return (
        Paragraph(t(language, "initiative.dialog.suggest", domain=top)),
        Paragraph(t(language, "initiative.dialog.candidates")),
        BulletList(items),
        Paragraph(t(language, "initiative.dialog.confirm", domain=top)),
    )


def _choice(ctx: HandlerContext, session: Session, answers: dict[str, Any], text: str) -> str | None:
    keys: list[str] = answers["_candidates"]
    word = text.casefold().strip(" .!")
    if word in YES:
        return keys[0]
    if word.isdigit() and 1 <= int(word) <= len(keys):
        return keys[int(word) - 1]
    view = catalogue_view(ctx, session)
    exact = view.domains.find_exact(text)
    if exact:
        return exact[0].item.key
    fuzzy = view.domains.find_fuzzy(text, limit=1, cutoff=FUZZY_ACCEPT)
    return fuzzy[0].item.key if fuzzy else None


def confirm_domain(
    ctx: HandlerContext, message: IncomingMessage, row_id: int, text: str, language: Language
) -> Reply:
    with ctx.store.session() as session:
        row = session.scalar(select(InitiativeDialog).where(InitiativeDialog.id == row_id))
        assert row is not None
        answers = dict(row.answers)
        if row.step == "scope":
            if text.casefold().strip(" .!") not in YES:
                return Reply(
                    language,
                    (Paragraph(t(language, "initiative.dialog.submit_anyway")),),
                    "initiative.dialog.scope",
                )
            row.step = "domain"
            return Reply(language, _domain_blocks(ctx, answers, language), "initiative.dialog.domain")
        chosen = _choice(ctx, session, answers, text)
        if chosen is None:
            return Reply(
                language,
                (Paragraph(t(language, "initiative.dialog.pick_unknown")),),
                "initiative.dialog.domain",
            )
    values = {k: v for k, v in answers.items() if not k.startswith("_")}
    result = process_intake(
        ctx,
        values,
        sender=message.sender,
        language=language,
        submission_id=f"dialog-{answers['_sid']}",
        domain_key=chosen,
    )
    if not result.ok or result.reply is None:
        problems = tuple(f"{t(language, f'initiative.field.{k}')}: {v}" for k, v in result.errors.items())
        return Reply(
            language,
            (Paragraph(t(language, "initiative.errors.heading")), BulletList(problems)),
            "initiative.dialog.invalid",
        )
    with ctx.store.session() as session:
        session.execute(delete(InitiativeDialog).where(InitiativeDialog.id == row_id))
    return result.reply
