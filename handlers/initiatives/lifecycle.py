"""Moving an initiative through its lifecycle, by the people allowed to, with an audit trail.

A decision point is recorded only by the body the model says decides it (`decided_by`; BP1–BP3 are the
portfolio board's in Helse Sør-Øst, seed 002 §4), by those of its roles the permission table lets record
decisions, and names the meeting it was decided in. The other states (and a decision point the model
gives no body) are the domain board's. The initiative row is locked for the change; the audit row and the
submitter's notice (in the outbox, delivered by the sweep) are written in the same transaction. Refusals
change nothing and say politely who may do it, or what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from handlers.answers.ownership import body_label, domain_label
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.initiatives.decision_meeting import MeetingProblem, decision_meeting, meeting_date
from handlers.initiatives.permissions import MOVE, RECORD_DECISION, allowed, board_roles
from handlers.initiatives.states import (
    NEEDS_REASON,
    can_move,
    decision_point,
    model_states,
    parse_state,
    state_label,
)
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import day
from handlers.messages import Language, Sender
from handlers.notices import queue_notice
from handlers.notify import Notification
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.audit import record
from models.governance.schema import said
from models.repositories.initiatives import domain_keys
from models.tables import Initiative


@dataclass(frozen=True)
class MoveRequest:
    reference: str
    state: str
    reason: str | None = None
    meeting: str | None = None
    """The meeting a decision point was decided in: its id or date, as written («12», «10. mars»)."""


@dataclass(frozen=True)
class MoveOutcome:
    ok: bool
    reply: Reply


def move_initiative(
    ctx: HandlerContext, request: MoveRequest, *, sender: Sender, language: Language
) -> MoveOutcome:
    model = ctx.model
    reference = request.reference.upper()
    target = parse_state(request.state, model)
    reason = (request.reason or "").strip()[:2000] or None

    def refuse(key: str, **values: object) -> MoveOutcome:
        return MoveOutcome(
            False, Reply(language, (Paragraph(t(language, key, **values)),), intent="initiative.move.refused")
        )

    if target is None:
        states = ", ".join(state_label(model, s, language) for s in model_states(model))
        if re.fullmatch(r"\s*bp\s*\d\s*", request.state, re.IGNORECASE):
            point = request.state.strip().upper().replace(" ", "")
            return refuse("initiative.move.no_such_point", value=point, region=model.region, states=states)
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
        point = decision_point(model, target)
        decider = point.decided_by if point is not None and point.decided_by else None
        if decider is not None:
            if not allowed(board_roles(session, ctx.store.model_id, decider, actor), RECORD_DECISION):
                return refuse(
                    "initiative.move.denied_decision",
                    point=target,
                    body=body_label(model, decider, language),
                    reference=reference,
                    source=said(point.source, language) or model.name,
                )
        elif not allowed(board_roles(session, ctx.store.model_id, domain.board, actor), MOVE):
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
        if not can_move(model, current, target):
            return refuse("initiative.move.not_allowed", reference=reference, **labels)
        if target in NEEDS_REASON and not reason:
            return refuse("initiative.move.reason_required", reference=reference, to_state=labels["to_state"])
        after: dict[str, object] = {"state": target}
        if decider is not None:
            meeting = decision_meeting(session, ctx.store.model_id, decider, request.meeting, ctx.clock())
            if isinstance(meeting, MeetingProblem):
                return refuse(
                    meeting.key,
                    reference=reference,
                    point=target,
                    body=body_label(model, decider, language),
                    **meeting.params,
                )
            after.update(decided_by=decider, meeting=meeting.id, meeting_date=meeting_date(meeting))
            labels["to_state"] += t(
                language, "initiative.move.in_meeting", date=day(language, local_date(meeting.starts_at))
            )
        row.state, row.state_reason, row.updated_at = target, reason, ctx.clock()
        entry = record(
            session,
            actor=actor.audit_name,
            action="initiative.moved",
            entity_type="initiative",
            entity_ref=reference,
            model_key=model.key,
            before={"state": current},
            after=after,
            reason=reason,
        )
        session.flush()
        submitter = row.submitter_person_key or f"{row.submitter_platform}:{row.submitter_user_id}"
        submitter_language: Language = "en" if row.language == "en" else "nb"
        notice = _submitter_notice(
            ctx,
            submitter,
            reference,
            row.title,
            entry.id,
            target,
            reason,
            submitter_language,
            after.get("meeting_date"),
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
    decided_on: object = None,
) -> Notification:
    """`person_key` is the model person when known, else `platform:user_id` for the channel to resolve."""
    to_state = state_label(ctx.model, target, language)
    if decided_on:
        meeting_day = day(language, date.fromisoformat(str(decided_on)))
        to_state += t(language, "initiative.move.in_meeting", date=meeting_day)
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
