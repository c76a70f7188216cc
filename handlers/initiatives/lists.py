"""Lists of initiatives people ask for: mine, waiting in a domain, bound for the portfolio board, search.

Lists show only reference, title, domain and state, which everyone may see.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.identity import Actor
from handlers.initiatives.delegation import escalation_reasons, rule_paragraphs
from handlers.initiatives.states import OPEN_STATES, WAITING_STATES, state_label
from handlers.messages import Language
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import Domain
from models.repositories import initiatives as repo
from models.tables import Initiative


def initiative_list(
    ctx: HandlerContext, session: Session, rows: list[Initiative], language: Language
) -> BulletList:
    """Reference, title, domain and state of each row: what every list of initiatives shows."""
    keys = repo.domain_keys(session, ctx.store.model_id)
    return BulletList(
        tuple(
            t(
                language,
                "initiative.list.item",
                reference=row.reference,
                title=row.title,
                domain=domain_label(ctx.model.domain(keys[row.domain_id]), language),
                state=state_label(ctx.model, row.state, language),
            )
            for row in rows
        )
    )


def _listing(
    ctx: HandlerContext,
    session: Session,
    rows: list[Initiative],
    heading: str,
    empty: str,
    language: Language,
    intent: str,
) -> Reply:
    if not rows:
        return Reply(language, (Paragraph(empty),), intent=intent)
    return Reply(language, (Heading(heading), initiative_list(ctx, session, rows, language)), intent=intent)


def answer_mine(ctx: HandlerContext, session: Session, actor: Actor, language: Language) -> Reply:
    rows = repo.submitted_by(
        session, ctx.store.model_id, actor.sender.platform, actor.sender.user_id, actor.person_key
    )
    heading = t(language, "initiative.mine.heading", count=len(rows))
    return _listing(
        ctx, session, rows, heading, t(language, "initiative.mine.none"), language, "initiative.mine"
    )


def answer_waiting(ctx: HandlerContext, session: Session, domain: Domain, language: Language) -> Reply:
    domain_id = repo.domain_ids(session, ctx.store.model_id)[domain.key]
    rows = repo.in_states(session, ctx.store.model_id, WAITING_STATES, domain_id)
    name = domain_label(domain, language)
    heading = t(language, "initiative.waiting.heading", domain=name, count=len(rows))
    empty = t(language, "initiative.waiting.none", domain=name)
    return _listing(ctx, session, rows, heading, empty, language, "initiative.waiting")


def answer_escalations(ctx: HandlerContext, session: Session, language: Language) -> Reply:
    rows = repo.escalated(session, ctx.store.model_id, OPEN_STATES)
    rules: list[Block] = list(rule_paragraphs(ctx.model, language))
    if not rows:
        return Reply(
            language, (Paragraph(t(language, "initiative.escalate.none")), *rules), "initiative.escalate"
        )
    blocks: list[Block] = [Heading(t(language, "initiative.escalate.heading", count=len(rows)))]
    keys = repo.domain_keys(session, ctx.store.model_id)
    items = []
    for row in rows:
        domain = domain_label(ctx.model.domain(keys[row.domain_id]), language)
        names = [ctx.model.domain(keys[d.domain_id]).name for d in row.domains]
        why = "; ".join(escalation_reasons(ctx.model, row.investment_max_mnok, names, language))
        items.append(f"{row.reference} {row.title} – {domain}: {why}")
    blocks += [BulletList(tuple(items)), *rules]
    return Reply(language, tuple(blocks), intent="initiative.escalate")


def answer_search(
    ctx: HandlerContext, session: Session, words: list[str], language: Language, *, shown: str | None = None
) -> Reply:
    """`shown` is what the user asked for, so «%» alone (too short to search) is named in the answer."""
    rows = repo.search(session, ctx.store.model_id, words)
    shown = " ".join(words) if shown is None else shown
    heading = t(language, "initiative.search.heading", words=shown, count=len(rows))
    empty = t(language, "initiative.search.none", words=shown)
    return _listing(ctx, session, rows, heading, empty, language, "initiative.search")
