"""Moving an initiative through its lifecycle, by the people allowed to, with an audit trail.

The initiative row is locked for the change; the audit row and the submitter's notice (in the outbox,
delivered by the sweep) are written in the same transaction. Refusals change nothing and say politely who may do it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.initiatives.permissions import MOVE, allowed, board_roles
from handlers.initiatives.states import ALL_STATES, NEEDS_REASON, can_move, parse_state, state_label
from handlers.messages import Language, Sender
from handlers.notices import queue_notice
from handlers.notify import Notification
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.audit import record
from models.repositories.initiatives import domain_keys
from models.tables import Initiative


@dataclass(frozen=True)
class MoveRequest:
    reference: str
    state: str
    reason: str | None = None


@dataclass(frozen=True)
class MoveOutcome:
    ok: bool
    reply: Reply


def move_initiative(
    ctx: HandlerContext, request: MoveRequest, *, sender: Sender, language: Language
) -> MoveOutcome:
    model = ctx.model
    reference = request.reference.upper()
    target = parse_state(request.state)
    reason = (request.reason or "").strip()[:2000] or None

    def refuse(key: str, **values: object) -> MoveOutcome:
        return MoveOutcome(
            False, Reply(language, (Paragraph(t(language, key, **values)),), intent="initiative.move.refused")
        )

    if target is None:
        states = ", ".join(state_label(model, s, language) for s in ALL_STATES)
        return refuse("initiative.move.unknown_state", value=request.state[:60], states=states)
    with ctx.store.session() as session:
        row = session.scalar(
            select(Initiative)
            .where(Initiative.model_id == ctx.store.model_id, Initiative.reference == reference)
            .with_for_update()
        )
        if row is None:
            return refuse("initiative.not_found", reference=reference[:40])
        domain = model.domain(domain_keys(session, ctx.store.model_id)[row.domain_id])
        actor = resolve_actor(session, ctx.store.model_id, sender)
        if not allowed(board_roles(session, ctx.store.model_id, domain.board, actor), MOVE):
            return refuse(
                "initiative.move.denied", domain=domain_label(domain, language), reference=reference
            )
        current = row.state
        labels = {
            "from_state": state_label(model, current, language),
            "to_state": state_label(model, target, language),
        }
        if current == target:
            return refuse("initiative.move.same", reference=reference, state=labels["to_state"])
        if not can_move(current, target):
            return refuse("initiative.move.not_allowed", reference=reference, **labels)
        if target in NEEDS_REASON and not reason:
            return refuse("initiative.move.reason_required", reference=reference, to_state=labels["to_state"])
        row.state, row.state_reason, row.updated_at = target, reason, ctx.clock()
        entry = record(
            session,
            actor=actor.audit_name,
            action="initiative.moved",
            entity_type="initiative",
            entity_ref=reference,
            model_key=model.key,
            before={"state": current},
            after={"state": target},
            reason=reason,
        )
        session.flush()
        submitter = row.submitter_person_key or f"{row.submitter_platform}:{row.submitter_user_id}"
        submitter_language: Language = "en" if row.language == "en" else "nb"
        notice = _submitter_notice(
            ctx, submitter, reference, row.title, entry.id, target, reason, submitter_language
        )
        queue_notice(ctx, session, notice)
    ctx.outbox_bell.ring()
    reply = Reply(
        language,
        (Paragraph(t(language, "initiative.move.done", reference=reference, **labels)),),
        intent="initiative.moved",
    )
    return MoveOutcome(True, reply)


def _submitter_notice(
    ctx: HandlerContext,
    submitter: str,
    reference: str,
    title: str,
    change_id: int,
    target: str,
    reason: str | None,
    language: Language,
) -> Notification:
    """`person_key` is the model person when known, else `platform:user_id` for the channel to resolve."""
    to_state = state_label(ctx.model, target, language)
    blocks = [
        Paragraph(t(language, "initiative.notify.moved", reference=reference, title=title, to_state=to_state))
    ]
    if reason:
        blocks.append(Paragraph(t(language, "initiative.notify.reason", reason=reason)))
    return Notification(
        person_key=submitter,
        reply=Reply(language, tuple(blocks), intent="initiative.moved"),
        kind="initiative.moved",
        key=f"initiative.moved:{reference}:{change_id}",
    )
