"""The two secretariat actions the initiatives lifecycle does not cover: moving an initiative to another
domain, and asking its submitter a question.

Each re-checks access inside a write transaction that locks the initiative row and writes its audit row
and the notices for the people concerned (in the outbox, delivered by the sweep) in that same
transaction, like lifecycle.move_initiative.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.initiatives.receipt import secretariat
from handlers.messages import Language, Sender
from handlers.notices import queue_notice
from handlers.notify import Notification
from handlers.replies import Paragraph, Reply
from handlers.secretariat.access import Granted, check_access, submitter_of
from handlers.secretariat.buttons import secretariat_buttons
from handlers.texts import t
from models.audit import record
from models.repositories.initiatives import domain_ids
from models.tables import Initiative, InitiativeDomain


def _locked(ctx: HandlerContext, session: object, reference: str) -> Initiative:
    return session.scalar(  # type: ignore[attr-defined]
        select(Initiative)
        .where(Initiative.model_id == ctx.store.model_id, Initiative.reference == reference)
        .with_for_update()
    )


def reassign_domain(
    ctx: HandlerContext, reference: str, domain_key: str, sender: Sender, language: Language
) -> Reply:
    model = ctx.model
    with ctx.store.session() as session:
        granted = check_access(ctx, session, reference, sender, language)
        if not isinstance(granted, Granted):
            return granted
        row = _locked(ctx, session, granted.reference)
        old, new = model.domain(granted.domain_key), model.domain(domain_key)
        if old.key == new.key:
            text = t(
                language,
                "secretariat.reassign.same",
                reference=row.reference,
                domain=domain_label(new, language),
            )
            return Reply(language, (Paragraph(text),), intent="secretariat.refused")
        ids = domain_ids(session, ctx.store.model_id)
        row.domains = [d for d in row.domains if d.domain_id not in (ids[old.key], ids[new.key])] + [
            InitiativeDomain(domain_id=ids[new.key])
        ]
        row.domain_id, row.updated_at = ids[new.key], ctx.clock()
        entry = record(
            session,
            actor=granted.audit_name,
            action="initiative.reassigned",
            entity_type="initiative_action",
            entity_ref=row.reference,
            model_key=model.key,
            before={"domain": old.key},
            after={"domain": new.key},
        )
        session.flush()
        change, title = entry.id, row.title
        submitter, submitter_language = submitter_of(row)
        receivers = [p.person_key for p in secretariat(ctx, session, new.key)]
        told = t(
            submitter_language,
            "secretariat.notify.reassigned",
            reference=reference,
            title=title,
            domain=domain_label(new, submitter_language),
        )
        told_reply = Reply(submitter_language, (Paragraph(told),))
        _tell(ctx, session, submitter, told_reply, "initiative.reassigned", change)
        arrived = Reply(
            "nb",
            (
                Paragraph(
                    t(
                        "nb",
                        "secretariat.notify.arrived",
                        reference=granted.reference,
                        domain=new.name,
                        title=title,
                    )
                ),
                secretariat_buttons(granted.reference, "nb"),
            ),
        )
        for person in receivers:
            _tell(ctx, session, person, arrived, "initiative.submitted", change)
    ctx.outbox_bell.ring()
    done = t(
        language,
        "secretariat.reassign.done",
        reference=granted.reference,
        from_domain=domain_label(old, language),
        to_domain=domain_label(new, language),
    )
    return Reply(language, (Paragraph(done),), intent="initiative.reassigned")


def ask_submitter(
    ctx: HandlerContext, reference: str, question: str, sender: Sender, language: Language
) -> Reply:
    with ctx.store.session() as session:
        granted = check_access(ctx, session, reference, sender, language)
        if not isinstance(granted, Granted):
            return granted
        row = _locked(ctx, session, granted.reference)
        entry = record(
            session,
            actor=granted.audit_name,
            action="initiative.info_requested",
            entity_type="initiative_action",
            entity_ref=row.reference,
            model_key=ctx.model.key,
            reason=question,
        )
        session.flush()
        change, title = entry.id, row.title
        submitter, submitter_language = submitter_of(row)
        text = t(
            submitter_language,
            "secretariat.notify.question",
            reference=granted.reference,
            title=title,
            question=question,
        )
        asked = Reply(submitter_language, (Paragraph(text),))
        _tell(ctx, session, submitter, asked, "initiative.info_requested", change)
    ctx.outbox_bell.ring()
    done = t(language, "secretariat.ask.done", reference=granted.reference)
    return Reply(language, (Paragraph(done),), intent="initiative.info_requested")


def _tell(
    ctx: HandlerContext, session: Session, person_key: str, reply: Reply, kind: str, change: int
) -> None:
    queue_notice(ctx, session, Notification(person_key, reply, kind, f"{kind}:{change}:{person_key}"))
