"""The status of one initiative, in full for those entitled and briefly for everyone else.

Submitters and members of the domain's board see everything (texts, costs, contact, history); others
see title, domain and state, since initiatives may describe unfinished plans of named departments.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.identity import Actor
from handlers.initiatives.permissions import VIEW_FULL, allowed, board_roles
from handlers.initiatives.states import FINAL, next_point, state_label
from handlers.messages import Language
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.repositories.initiatives import by_reference, domain_keys
from models.tables import AuditEntry, Initiative


def may_see_all(ctx: HandlerContext, session: Session, row: Initiative, actor: Actor) -> bool:
    sender = actor.sender
    if (row.submitter_platform, row.submitter_user_id) == (sender.platform, sender.user_id):
        return True
    if actor.known and row.submitter_person_key == actor.person_key:
        return True
    domain = ctx.model.domain(domain_keys(session, ctx.store.model_id)[row.domain_id])
    return allowed(board_roles(session, ctx.store.model_id, domain.board, actor), VIEW_FULL)


def next_step(ctx: HandlerContext, state: str, language: Language) -> str:
    """What comes next, in this region's own order of decision points; none left is said as such, never
    as a decision point called «avsluttet»."""
    if state in FINAL:
        return t(language, "initiative.next.final")
    if state in ("innmeldt", "under_vurdering", "parkert"):
        return t(language, f"initiative.next.{state}")
    upcoming = next_point(ctx.model, state)
    if upcoming is None:
        return t(language, "initiative.next.close")
    return t(language, "initiative.next.decision", point=state_label(ctx.model, upcoming.key, language))


def answer_status(
    ctx: HandlerContext, session: Session, reference: str, actor: Actor, language: Language
) -> Reply:
    row = by_reference(session, ctx.store.model_id, reference)
    if row is None:
        return Reply(
            language,
            (Paragraph(t(language, "initiative.not_found", reference=reference)),),
            "initiative.status",
        )
    model = ctx.model
    keys = domain_keys(session, ctx.store.model_id)
    domain = model.domain(keys[row.domain_id])
    facts = [
        (t(language, "initiative.label.domain"), domain_label(domain, language)),
        (t(language, "initiative.label.state"), state_label(model, row.state, language)),
    ]
    blocks: list[Block] = [Heading(f"{row.reference}: {row.title}")]
    if not may_see_all(ctx, session, row, actor):
        blocks += [Facts(tuple(facts)), Paragraph(t(language, "initiative.status.limited"))]
        return Reply(language, tuple(blocks), intent="initiative.status")
    if len(row.domains) > 1:
        names = ", ".join(domain_label(model.domain(keys[d.domain_id]), language) for d in row.domains)
        facts.append((t(language, "initiative.label.domains"), names))
    facts.append((t(language, "initiative.label.submitted"), row.created_at.date().isoformat()))
    facts.append((t(language, "initiative.label.trusts"), ", ".join(tr.trust_key for tr in row.trusts)))
    if row.systems:
        facts.append((t(language, "initiative.label.systems"), ", ".join(s.name for s in row.systems)))
    for label, low, high in (
        ("investment", row.investment_min_mnok, row.investment_max_mnok),
        ("operating_cost", row.operating_min_mnok, row.operating_max_mnok),
    ):
        if low is not None and high is not None:
            facts.append(
                (t(language, f"initiative.label.{label}"), f"{low:g}" if low == high else f"{low:g}–{high:g}")
            )
    facts.append((t(language, "initiative.label.contact"), row.contact))
    facts.append((t(language, "initiative.label.next"), next_step(ctx, row.state, language)))
    blocks += [Facts(tuple(facts)), Paragraph(row.need), Paragraph(row.change)]
    if row.escalate and row.escalation_reason:
        blocks.append(Paragraph(f"{t(language, 'initiative.label.escalation')}: {row.escalation_reason}"))
    history = _history(ctx, session, row.reference, language)
    if history:
        blocks += [Heading(t(language, "initiative.label.history")), BulletList(tuple(history))]
    return Reply(language, tuple(blocks), intent="initiative.status")


def _history(ctx: HandlerContext, session: Session, reference: str, language: Language) -> list[str]:
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "initiative", AuditEntry.entity_ref == reference)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    items = []
    for entry in entries:
        before = (entry.before or {}).get("state")
        after = (entry.after or {}).get("state", "")
        to_state = state_label(ctx.model, after, language)
        if (entry.after or {}).get("meeting_date"):
            to_state += t(language, "initiative.move.in_meeting", date=entry.after["meeting_date"])
        items.append(
            t(
                language,
                "initiative.history.item",
                at=entry.at.strftime("%Y-%m-%d %H:%M"),
                from_state=state_label(ctx.model, before, language) if before else "–",
                to_state=to_state,
                who=entry.actor.split(" (")[0],
                reason=f": {entry.reason}" if entry.reason else "",
            )
        )
    return items
