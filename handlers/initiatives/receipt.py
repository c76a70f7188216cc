"""The receipt the submitter sees and the notice the domain's secretariat gets.

Both name the reference and the domain; the receipt also says what happens next and whom to contact
(the secretariat from the store's roster of the domain board), so nobody has to ask where it went, and
where it belongs instead when it looks like a kind the regional portfolio does not own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label, domain_label
from handlers.context import HandlerContext
from handlers.initiatives.delegation import cross_domain_note
from handlers.initiatives.scope import scope_kind, scope_notice
from handlers.messages import Language
from handlers.notices import queue_notice
from handlers.notify import Notification
from handlers.person_names import shown_name
from handlers.replies import Block, Facts, Heading, Paragraph, Reply
from handlers.secretariat.buttons import secretariat_buttons
from handlers.texts import t
from models.repositories.governance import RosterEntry, roster

if TYPE_CHECKING:
    from handlers.initiatives.submit import Submitted


def secretariat(ctx: HandlerContext, session: Session, domain_key: str) -> list[RosterEntry]:
    board = ctx.model.domain(domain_key).board
    return [e for e in roster(session, ctx.store.model_id, board) if e.role == "secretariat"]


def receipt_reply(
    ctx: HandlerContext, session: Session, done: Submitted, title: str, language: Language
) -> Reply:
    model = ctx.model
    domain = model.domain(done.domain_key)
    facts = [
        (t(language, "initiative.label.reference"), done.reference),
        (t(language, "initiative.label.title"), title),
        (t(language, "initiative.label.domain"), domain_label(domain, language)),
        (t(language, "initiative.label.state"), t(language, "initiative.state.innmeldt")),
    ]
    if len(done.domain_keys) > 1:
        names = ", ".join(domain_label(model.domain(k), language) for k in done.domain_keys)
        facts.append((t(language, "initiative.label.domains"), names))
    blocks: list[Block] = [Heading(t(language, "initiative.receipt.heading", reference=done.reference))]
    if done.duplicate:
        blocks.append(Paragraph(t(language, "initiative.receipt.duplicate")))
    blocks.append(Facts(tuple(facts)))
    kind = scope_kind(model, done.out_of_scope_key)
    if kind is not None:
        blocks.append(scope_notice(kind, language))
    if done.escalation:
        blocks.append(
            Paragraph(f"{t(language, 'initiative.label.escalation')}: {'; '.join(done.escalation)}")
        )
    domain_names = [model.domain(k).name for k in done.domain_keys]
    if (note := cross_domain_note(model, domain_names, language)) is not None:
        blocks.append(Paragraph(note))
    blocks.append(
        Paragraph(t(language, "initiative.receipt.next", board=body_label(model, domain.board, language)))
    )
    people = secretariat(ctx, session, done.domain_key)
    if people:
        named = "; ".join(
            f"{shown_name(p.name, language)}{f' <{p.email}>' if p.email else ''}" for p in people
        )
        blocks.append(Paragraph(t(language, "initiative.receipt.contact", people=named)))
    else:
        blocks.append(
            Paragraph(
                t(language, "initiative.receipt.no_contact", organisation=model.secretariat.organisation)
            )
        )
    return Reply(language, tuple(blocks), intent="initiative.submitted")


def queue_secretariat_notices(
    ctx: HandlerContext,
    session: Session,
    reference: str,
    domain_key: str,
    title: str,
    domain_keys: tuple[str, ...] = (),
) -> None:
    """Secretariat notices are in bokmål, the working language of the boards. An initiative in several
    domains carries the model's cross-domain note, since judging it is the domain board's.

    Queued in the submission's own transaction: the sweep delivers them, so a platform that is slow or
    down for one recipient neither holds the submitter's request nor reaches the submitter.
    """
    domain = ctx.model.domain(domain_key)
    text = t("nb", "initiative.notify.submitted", reference=reference, domain=domain.name, title=title)
    note = cross_domain_note(ctx.model, [ctx.model.domain(k).name for k in domain_keys], "nb")
    paragraphs = (Paragraph(text),) if note is None else (Paragraph(text), Paragraph(note))
    for person in secretariat(ctx, session, domain_key):
        reply = Reply(
            "nb", (*paragraphs, secretariat_buttons(reference, "nb")), intent="initiative.submitted"
        )
        notification = Notification(
            person_key=person.person_key,
            reply=reply,
            kind="initiative.submitted",
            key=f"initiative.submitted:{reference}:{person.person_key}",
            email=person.email,
        )
        queue_notice(ctx, session, notification)
