"""Lists of initiatives people ask for: mine, waiting in a domain, bound for the portfolio board, search.

Lists show only reference, title, domain and state, which everyone may see.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.identity import Actor
from handlers.initiatives.delegation import cross_domain_rule, escalation_reasons, rule_paragraphs
from handlers.initiatives.portfolio_decisions import portfolio_board_blocks
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
    """Open initiatives above the delegation limit, each with its reason, and the rule with what applies
    above it; then those whose next decision point is the portfolio board's; then those spanning several domains, as a note for the domain boards to judge (they are
    not escalated by that alone, seed 000 §2.3)."""
    model = ctx.model
    limit = f"{model.rules.delegation_limit_mnok:g}"
    keys = repo.domain_keys(session, ctx.store.model_id)
    items = []
    for row in repo.escalated(session, ctx.store.model_id, OPEN_STATES):
        why = "; ".join(escalation_reasons(model, row.investment_max_mnok, language))
        if why:  # stored under an older rule (or model) that no longer flags it
            domain = domain_label(model.domain(keys[row.domain_id]), language)
            items.append(f"{row.reference} {row.title} – {domain}: {why}")
    blocks: list[Block] = []
    if items:
        blocks += [Heading(t(language, "initiative.escalate.heading", limit=limit, count=len(items)))]
        blocks.append(BulletList(tuple(items)))
    else:
        blocks.append(Paragraph(t(language, "initiative.escalate.none", limit=limit)))
    blocks += rule_paragraphs(model, language)
    blocks += portfolio_board_blocks(ctx, session, language)
    spanning = repo.spanning_domains(session, ctx.store.model_id, OPEN_STATES)
    rule = cross_domain_rule(model, language)
    if spanning and rule is not None:
        blocks.append(Heading(t(language, "initiative.escalate.cross_heading", count=len(spanning))))
        blocks.append(initiative_list(ctx, session, spanning, language))
        blocks.append(rule)
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
