"""What a body decided about an initiative: its recorded decisions (vedtak), or failing those the last
recorded move to a decided state, or that none is.

The decision register (`handlers/decisions/register.py`) is read first: every current decision on a case
about the initiative, newest first. An initiative moved without a recorded decision (by «sett INI-… til
…») still has its answer from the audit log: a decision is then what the lifecycle records (`handlers/initiatives/lifecycle.py`): an audit row
`initiative.moved` into prioritised, a decision point, parked, rejected or closed. The initiative is
found by its reference or by words of its title («kurveløsningen» finds «Ny kurveløsning for
intensiv»: case-blind, each word the start of a title word once its ending is stripped). Who may read
the reason follows the status answer: the submitter and the domain's board see it, others the state.
"""

from __future__ import annotations

from datetime import date as date_type

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.decisions.listing import decision_line
from handlers.decisions.register import RegisterQuery, search_decisions
from handlers.identity import resolve_actor
from handlers.initiatives.states import CHAIN, SIDE, state_label
from handlers.initiatives.status import may_see_all
from handlers.initiatives.terms import stem
from handlers.meetings.deadlines import local_date
from handlers.meetings.formatting import day
from handlers.messages import Language
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from models.catalogue.names import normalise_name
from models.repositories.initiatives import by_reference
from models.tables import AuditEntry, Initiative

INTENT = "initiative.decision"
DECIDED_STATES = frozenset({*CHAIN[CHAIN.index("prioritert") :], *SIDE})
"""States only a body's decision moves an initiative into; «under vurdering» is not a decision."""
SHOWN = 8
MIN_WORD = 3


def answer_initiative_decision(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    with ctx.store.read() as session:
        if ask.slots.reference:
            row = by_reference(session, ctx.store.model_id, ask.slots.reference)
            if row is None:
                text = t(language, "initiative.not_found", reference=ask.slots.reference)
                return Reply(language, (Paragraph(text),), intent=INTENT)
            return _decision_reply(ctx, session, ask, row)
        words = [w for w in ask.slots.words if len(w) >= MIN_WORD]
        if not words:
            return Reply(language, (Paragraph(t(language, "decision.ask")),), intent=INTENT)
        found, complete = title_matches(session, ctx.store.model_id, words)
        if not found:
            text = t(language, "decision.not_found_words", words=" ".join(words))
            return Reply(language, (Paragraph(text),), intent=INTENT)
        if len(found) > 1 or not complete:
            items = tuple(
                t(
                    language,
                    "decision.candidate",
                    reference=r.reference,
                    title=r.title,
                    state=state_label(ctx.model, r.state, language),
                )
                for r in found[:SHOWN]
            )
            lead = "decision.several" if complete else "decision.closest"
            blocks = (Paragraph(t(language, lead, words=" ".join(words))), BulletList(items))
            return Reply(language, blocks, intent=INTENT)
        return _decision_reply(ctx, session, ask, found[0])


def title_matches(session: Session, model_id: int, words: list[str]) -> tuple[list[Initiative], bool]:
    """Initiatives whose title has, for every word, a title word starting with the word's stem, newest
    first, and True; failing that, those matching the most words, and False (offered, never assumed)."""
    stems = [stem(w) for w in normalise_name(" ".join(words)).split()]
    rows = session.scalars(
        select(Initiative).where(Initiative.model_id == model_id).order_by(Initiative.id.desc())
    )
    scored: list[tuple[int, Initiative]] = []
    for row in rows:
        title_words = normalise_name(row.title).split()
        score = sum(any(tw.startswith(s) for tw in title_words) for s in stems)
        if score:
            scored.append((score, row))
    best = max((score for score, _ in scored), default=0)
    return [row for score, row in scored if score == best], best == len(stems)


def _decision_reply(ctx: HandlerContext, session: Session, ask: Ask, row: Initiative) -> Reply:
    language: Language = ask.language
    model = ctx.model
    blocks: list[Block] = [Heading(f"{row.reference}: {row.title}")]
    current = state_label(model, row.state, language)
    recorded = search_decisions(session, ctx.store.model_id, RegisterQuery(initiative_ref=row.reference))
    if recorded.rows:
        lines = tuple(decision_line(model, language, d, i, m) for d, i, m in recorded.rows)
        blocks += [BulletList(lines), Paragraph(t(language, "decision.now", state=current))]
        return Reply(language, tuple(blocks), intent=INTENT)
    decision = _last_decision(session, row.reference)
    if decision is None:
        blocks.append(Paragraph(t(language, "decision.none", reference=row.reference, state=current)))
        return Reply(language, tuple(blocks), intent=INTENT)
    decided = str((decision.after or {}).get("state"))
    date = day(language, local_date(decision.at))
    shown = state_label(model, decided, language)
    if (decision.after or {}).get("meeting_date"):  # a decision point names the meeting that decided it
        meeting_day = day(language, date_type.fromisoformat(decision.after["meeting_date"]))
        shown += t(language, "initiative.move.in_meeting", date=meeting_day)
    blocks.append(Paragraph(t(language, "decision.recorded", state=shown, date=date)))
    actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
    if decision.reason and may_see_all(ctx, session, row, actor):
        blocks.append(Paragraph(t(language, "decision.reason", reason=decision.reason)))
    if decided != row.state:
        blocks.append(Paragraph(t(language, "decision.now", state=current)))
    return Reply(language, tuple(blocks), intent=INTENT)


def _last_decision(session: Session, reference: str) -> AuditEntry | None:
    rows = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.action == "initiative.moved",
            AuditEntry.entity_type == "initiative",
            AuditEntry.entity_ref == reference,
        )
        .order_by(AuditEntry.id.desc())
    )
    return next((r for r in rows if (r.after or {}).get("state") in DECIDED_STATES), None)
