"""The receipt the submitter sees and the notice the domain's secretariat gets.

Both name the reference and the domain; the receipt also says what happens next and whom to contact
(the secretariat from the store's roster of the domain board), so nobody has to ask where it went.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label, domain_label
from handlers.context import HandlerContext
from handlers.initiatives.submit import Submitted
from handlers.messages import Language
from handlers.notify import Notification
from handlers.replies import Block, Facts, Heading, Paragraph, Reply
from handlers.secretariat.buttons import secretariat_buttons
from handlers.texts import t
from models.repositories.governance import RosterEntry, roster

log = logging.getLogger(__name__)


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
    if done.escalation:
        blocks.append(
            Paragraph(f"{t(language, 'initiative.label.escalation')}: {'; '.join(done.escalation)}")
        )
    blocks.append(
        Paragraph(t(language, "initiative.receipt.next", board=body_label(model, domain.board, language)))
    )
    people = secretariat(ctx, session, done.domain_key)
    if people:
        named = "; ".join(f"{p.name}{f' <{p.email}>' if p.email else ''}" for p in people)
        blocks.append(Paragraph(t(language, "initiative.receipt.contact", people=named)))
    else:
        blocks.append(
            Paragraph(
                t(language, "initiative.receipt.no_contact", organisation=model.secretariat.organisation)
            )
        )
    return Reply(language, tuple(blocks), intent="initiative.submitted")


def notify_secretariat(ctx: HandlerContext, session: Session, done: Submitted, title: str) -> None:
    """Secretariat notices are in bokmål, the working language of the boards.

    Best-effort: the initiative is already committed, so a platform failing for one recipient is logged
    (class and recipient, never the text) and neither stops the others nor reaches the submitter.
    """
    domain = ctx.model.domain(done.domain_key)
    text = t("nb", "initiative.notify.submitted", reference=done.reference, domain=domain.name, title=title)
    for person in secretariat(ctx, session, done.domain_key):
        try:
            _send_notice(ctx, done, person, text)
        except Exception as exc:  # any platform failure: the row is stored regardless
            log.warning(
                "initiative %s: notice to %s not delivered (%s)",
                done.reference,
                person.person_key,
                exc.__class__.__name__,
            )


def _send_notice(ctx: HandlerContext, done: Submitted, person: RosterEntry, text: str) -> None:
    ctx.notifier.send(
        Notification(
            person_key=person.person_key,
            reply=Reply(
                "nb",
                (Paragraph(text), secretariat_buttons(done.reference, "nb")),
                intent="initiative.submitted",
            ),
            kind="initiative.submitted",
            key=f"initiative.submitted:{done.reference}:{person.person_key}",
            email=person.email,
        )
    )
