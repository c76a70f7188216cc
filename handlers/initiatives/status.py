"""The status of one initiative, in full for those entitled and briefly for everyone else.

Submitters and members of the domain's board see everything (texts, costs, contact, history); others
see title, domain and state, since initiatives may describe unfinished plans of named departments.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label, trust_names
from handlers.context import HandlerContext
from handlers.identity import Actor
from handlers.initiatives.permissions import VIEW_FULL, allowed, board_roles
from handlers.initiatives.states import FINAL, next_point, state_label
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import day, when
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import GovernanceModel
from models.repositories.initiatives import StatusRow, domain_keys, status_row
from models.tables import AuditEntry, Initiative


def submitted(row: Initiative, actor: Actor) -> bool:
    """Whether the asker submitted the initiative, from this platform account or as the same person."""
    sender = actor.sender
    if (row.submitter_platform, row.submitter_user_id) == (sender.platform, sender.user_id):
        return True
    return actor.known and row.submitter_person_key == actor.person_key


def may_see_all(ctx: HandlerContext, session: Session, row: Initiative, actor: Actor) -> bool:
    if submitted(row, actor):
        return True
    domain = ctx.model.domain(domain_keys(session, ctx.store.model_id)[row.domain_id])
    return allowed(board_roles(session, ctx.store.model_id, domain.board, actor), VIEW_FULL)


def _may_see_all(found: StatusRow, actor: Actor) -> bool:
    """`may_see_all` from what `status_row` read along with the initiative (no further statement)."""
    return submitted(found.initiative, actor) or allowed(set(found.board_roles), VIEW_FULL)


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
    """The status answer in three statements at most: the asker (read by the caller), the initiative with
    everything shown beside it (`status_row`), and its history when the asker may see it."""
    found = status_row(session, ctx.store.model_id, reference, actor.person_key if actor.known else None)
    if found is None:
        return Reply(
            language,
            (Paragraph(t(language, "initiative.not_found", reference=reference)),),
            "initiative.status",
        )
    row = found.initiative
    model = ctx.model
    domain = model.domain(found.domain_key)
    facts = [
        (t(language, "initiative.label.domain"), domain_label(domain, language)),
        (t(language, "initiative.label.state"), state_label(model, row.state, language)),
    ]
    blocks: list[Block] = [Heading(f"{row.reference}: {row.title}")]
    if not _may_see_all(found, actor):
        blocks += [Facts(tuple(facts)), Paragraph(t(language, "initiative.status.limited"))]
        return Reply(language, tuple(blocks), intent="initiative.status")
    if len(found.domain_keys) > 1:
        names = ", ".join(domain_label(model.domain(key), language) for key in found.domain_keys)
        facts.append((t(language, "initiative.label.domains"), names))
    facts.append((t(language, "initiative.label.submitted"), day(language, local_date(row.created_at))))
    facts.append((t(language, "initiative.label.trusts"), trust_names(model, found.trust_keys)))
    if found.system_names:
        facts.append((t(language, "initiative.label.systems"), ", ".join(found.system_names)))
    for label, low, high in (
        ("investment", row.investment_min_mnok, row.investment_max_mnok),
        ("operating_cost", row.operating_min_mnok, row.operating_max_mnok),
    ):
        if low is not None and high is not None:
            facts.append(
                (t(language, f"initiative.label.{label}"), f"{low:g}" if low == high else f"{low:g}–{high:g}")
            )
    if row.budget_year is not None:  # set by the secretariat (handlers/frames/budget_year.py)
        facts.append((t(language, "initiative.label.budget_year"), str(row.budget_year)))
    facts.append((t(language, "initiative.label.contact"), row.contact))
    facts.append((t(language, "initiative.label.next"), next_step(ctx, row.state, language)))
    blocks += [Facts(tuple(facts)), Paragraph(row.need), Paragraph(row.change)]
    if row.escalate and row.escalation_reason:
        blocks.append(Paragraph(f"{t(language, 'initiative.label.escalation')}: {row.escalation_reason}"))
    history = _history(ctx, session, row.reference, language)
    if history:
        blocks += [Heading(t(language, "initiative.label.history")), BulletList(tuple(history))]
    return Reply(language, tuple(blocks), intent="initiative.status")


def actor_name(model: GovernanceModel, audit_actor: str, language: Language) -> str:
    """The audit log keeps the person's key and the platform identity («marte-solheim (slack:U1)») for the
    auditor; a reader sees the person's name, or that the model does not know who it was."""
    key = audit_actor.split(" (")[0]
    person = next((p for p in model.people if p.key == key), None)
    if person is not None:
        return shown_name(person.name, language)
    return t(language, "people.unknown_actor")


def _history(ctx: HandlerContext, session: Session, reference: str, language: Language) -> list[str]:
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "initiative", AuditEntry.entity_ref == reference)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    items = []
    for entry in entries:
        if entry.action == "initiative.budget_year":  # not a state change: the frame year it counts in
            year = (entry.after or {}).get("budget_year") or int(reference[4:8])
            who = actor_name(ctx.model, entry.actor, language)
            items.append(
                t(language, "initiative.history.budget_year", at=when(language, entry.at), year=year, who=who)
            )
            continue
        before = (entry.before or {}).get("state")
        after = (entry.after or {}).get("state", "")
        to_state = state_label(ctx.model, after, language)
        if (entry.after or {}).get("meeting_date"):
            meeting_day = day(language, date.fromisoformat(entry.after["meeting_date"]))
            to_state += t(language, "initiative.move.in_meeting", date=meeting_day)
        items.append(
            t(
                language,
                "initiative.history.item",
                at=when(language, entry.at),
                from_state=state_label(ctx.model, before, language) if before else "–",
                to_state=to_state,
                who=actor_name(ctx.model, entry.actor, language),
                reason=f": {entry.reason}" if entry.reason else "",
            )
        )
    return items
