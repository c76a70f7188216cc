"""Intent responders for initiatives: the asker's own, those above an amount, counts, waiting, search.

Each takes an `Ask` whose slots are already resolved and always answers. What the message leaves out
comes from the asker (their own initiatives, the boards they sit in); a short question only when that
gives nothing either. Lists show reference, title, domain, state and, where people ask "where is it",
the body that holds it; amounts and limits come from the store and the model file with their source.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label, domain_label
from handlers.context import HandlerContext
from handlers.identity import Actor, resolve_actor
from handlers.initiatives import lists
from handlers.initiatives.delegation import limit_source
from handlers.initiatives.matching import best_matches
from handlers.initiatives.states import FINAL, OPEN_STATES, state_label
from handlers.initiatives.status import answer_status
from handlers.meetings.asker_bodies import served_bodies
from handlers.meetings.deadlines import end_of_day, local_date, local_instant
from handlers.meetings.periods import period_label
from handlers.messages import Language
from handlers.replies import Block, BulletList, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.slots import Period
from handlers.understanding.words import function_words
from models.governance.schema import Body, BodyKind, Domain, GovernanceModel
from models.repositories import initiatives as repo
from models.tables import Initiative


def _say(language: Language, intent: str, key: str, **params: object) -> Reply:
    return Reply(language, (Paragraph(t(language, key, **params)),), intent=intent)


def _mnok(value: float | Decimal, language: Language) -> str:
    shown = f"{float(value):g}"
    return shown.replace(".", ",") if language == "nb" else shown


def _own(ctx: HandlerContext, session: Session, actor: Actor) -> list[Initiative]:
    sender = actor.sender
    return repo.submitted_by(session, ctx.store.model_id, sender.platform, sender.user_id, actor.person_key)


def holder(model: GovernanceModel, domain: Domain, row: Initiative, language: Language) -> str:
    """Who has the initiative now: its domain's board, marked when the estimate is above the delegation
    limit (what applies then is the model's rule, not a body it "goes to")."""
    if row.state in FINAL:
        return t(language, "initiative.holder.none")
    board = body_label(model, domain.board, language)
    if row.escalate:
        return f"{board} ({t(language, 'initiative.label.escalation').lower()})"
    return board


def _held_list(
    ctx: HandlerContext, session: Session, rows: list[Initiative], language: Language
) -> BulletList:
    keys = repo.domain_keys(session, ctx.store.model_id)
    lines = []
    for row in rows:
        domain = ctx.model.domain(keys[row.domain_id])
        lines.append(
            t(
                language,
                "initiative.held.item",
                reference=row.reference,
                title=row.title,
                state=state_label(ctx.model, row.state, language),
                holder=holder(ctx.model, domain, row, language),
            )
        )
    return BulletList(tuple(lines))


# --- the asker's own --------------------------------------------------------------------------------


def answer_initiative_mine(ask: Ask) -> Reply:
    """`initiative.mine`: the asker's own initiatives with reference and state."""
    with ask.ctx.store.read() as session:
        actor = resolve_actor(session, ask.ctx.store.model_id, ask.message.sender)
        return lists.answer_mine(ask.ctx, session, actor, ask.language)


def answer_initiative_status(ask: Ask) -> Reply:
    """`initiative.status`: the one named; without a reference, the asker's own («hvor står forslaget mitt»)."""
    ctx, language = ask.ctx, ask.language
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        if ask.slots.reference:
            return answer_status(ctx, session, ask.slots.reference, actor, language)
        own = _own(ctx, session, actor)
        if not own:
            return _say(language, "initiative.status", "initiative.status.which")
        if len(own) == 1:
            return answer_status(ctx, session, own[0].reference, actor, language)
        heading = Heading(t(language, "initiative.mine.heading", count=len(own)))
        return Reply(language, (heading, _held_list(ctx, session, own, language)), intent="initiative.status")


def answer_initiative_find_mine(ask: Ask) -> Reply:
    """`initiative.find_mine`: the asker's initiatives their words are about, with state and holder."""
    ctx, language = ask.ctx, ask.language
    words = ask.slots.words
    with ctx.store.read() as session:
        actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
        if ask.slots.reference:
            return answer_status(ctx, session, ask.slots.reference, actor, language)
        own = _own(ctx, session, actor)
        if not own:
            return _say(language, "initiative.find_mine", "initiative.mine.none")
        hits = best_matches(own, words) if words else own
        if len(hits) == 1:
            return answer_status(ctx, session, hits[0].reference, actor, language)
        shown = " ".join(words)
        if hits:
            heading = t(language, "initiative.find_mine.heading", words=shown, count=len(hits))
            blocks: tuple[Block, ...] = (Heading(heading), _held_list(ctx, session, hits, language))
            if not words:
                blocks = (Heading(t(language, "initiative.mine.heading", count=len(hits))), blocks[1])
            return Reply(language, blocks, intent="initiative.find_mine")
        blocks = (
            Paragraph(t(language, "initiative.find_mine.none", words=shown)),
            Heading(t(language, "initiative.mine.heading", count=len(own))),
            _held_list(ctx, session, own, language),
        )
        return Reply(language, blocks, intent="initiative.find_mine")


# --- lists for the boards ---------------------------------------------------------------------------


_SEARCH_WORDS = frozenset(
    """søk søke finn finne etter initiativ initiativer initiativene initiativet forslag forslagene tiltak
    saker search find look initiative initiatives proposal proposals about for om med with""".split()
)
"""The search command's own words, dropped before the terms are taken."""


def search_terms(ask: Ask) -> list[str]:
    """The words to search for, as typed: «100%», «kurve_2» and «C:\\kurve» are letters, not wildcards.

    Slot words drop punctuation (they are for understanding); a search must keep it, so the terms are
    the message's own whitespace-separated words, less function words and the search command's words."""
    stop = function_words() | _SEARCH_WORDS
    terms = [w.strip("?!.,;«»\"'") for w in ask.message.text.split()]
    return [w for w in terms if w and w.casefold() not in stop][:6]


def answer_initiative_search(ask: Ask) -> Reply:
    """`initiative.search`: initiatives holding every word; no words, a question what to look for."""
    terms = search_terms(ask)
    if not terms:
        return _say(ask.language, "initiative.search", "initiative.search.which")
    words = [w for w in terms if len(w) > 1]  # one character is too short to search for: it finds nothing
    with ask.ctx.store.read() as session:
        return lists.answer_search(ask.ctx, session, words, ask.language, shown=" ".join(terms))


def answer_initiative_escalations(ask: Ask) -> Reply:
    """`initiative.escalations`: open initiatives bound for the portfolio board, each with its reason."""
    with ask.ctx.store.read() as session:
        return lists.answer_escalations(ask.ctx, session, ask.language)


def answer_initiatives_above_amount(ask: Ask) -> Reply:
    """`initiatives.above_amount`: initiatives whose estimate may exceed the amount (the upper end counts).

    Estimates are ranges («60-80» is stored as 60 and 80). An initiative counts as above the amount when
    the upper end is: that is the rule the delegation limit uses (`delegation.py`), since a 40–60 MNOK
    estimate may well end above 50, and a board asking "what is above 50" wants to see it. The reply says
    so. Without an amount, the model's delegation limit, named with its source.
    """
    ctx, language, rules = ask.ctx, ask.language, ask.ctx.model.rules
    amount = (
        float(ask.slots.amount_mnok) if ask.slots.amount_mnok is not None else rules.delegation_limit_mnok
    )
    shown = _mnok(amount, language)
    notes: list[Block] = []
    if ask.slots.amount_mnok is None:
        notes.append(
            Paragraph(
                t(
                    language,
                    "initiatives.above.default",
                    limit=shown,
                    source=limit_source(ctx.model, language),
                )
            )
        )
    notes.append(Paragraph(t(language, "initiatives.above.rule")))
    with ctx.store.read() as session:
        rows = list(
            session.scalars(
                select(Initiative)
                .where(Initiative.model_id == ctx.store.model_id, Initiative.investment_max_mnok > amount)
                .order_by(Initiative.investment_max_mnok.desc(), Initiative.id)
            )
        )
        if not rows:
            blocks = (Paragraph(t(language, "initiatives.above.none", amount=shown)), *notes)
            return Reply(language, blocks, intent="initiatives.above_amount")
        keys = repo.domain_keys(session, ctx.store.model_id)
        lines = tuple(
            t(
                language,
                "initiatives.above.item",
                reference=row.reference,
                title=row.title,
                domain=domain_label(ctx.model.domain(keys[row.domain_id]), language),
                estimate=_estimate(row, language),
                state=state_label(ctx.model, row.state, language),
            )
            for row in rows
        )
    heading = Heading(t(language, "initiatives.above.heading", amount=shown, count=len(rows)))
    return Reply(language, (heading, BulletList(lines), *notes), intent="initiatives.above_amount")


def _estimate(row: Initiative, language: Language) -> str:
    low, high = row.investment_min_mnok, row.investment_max_mnok
    assert high is not None
    if low is None or low == high:
        return _mnok(high, language)
    return f"{_mnok(low, language)}–{_mnok(high, language)}"


def answer_initiatives_count(ask: Ask) -> Reply:
    """`initiatives.count`: initiatives submitted in the period (default this year), per domain or one."""
    ctx, language = ask.ctx, ask.language
    period = ask.slots.period or _this_year(ctx, language)
    label = period_label(language, period)
    with ctx.store.read() as session:
        counts = _counts_by_domain(session, ctx.store.model_id, period)
    domains = [ask.slots.domain.item] if ask.slots.domain is not None else ctx.model.domains
    if ask.slots.domain is not None:
        domain = domains[0]
        count = counts.get(domain.key, 0)
        name = domain_label(domain, language)
        return _say(
            language, "initiatives.count", "initiatives.count.one", domain=name, count=count, period=label
        )
    total = sum(counts.values())
    lines = tuple(
        t(language, "initiatives.count.item", domain=domain_label(d, language), count=counts.get(d.key, 0))
        for d in domains
    )
    heading = Heading(t(language, "initiatives.count.heading", period=label, count=total))
    return Reply(language, (heading, BulletList(lines)), intent="initiatives.count")


def _this_year(ctx: HandlerContext, language: Language) -> Period:
    year = local_date(ctx.clock()).year
    return Period(date(year, 1, 1), date(year, 12, 31), t(language, "initiatives.count.this_year"))


def _counts_by_domain(session: Session, model_id: int, period: Period) -> dict[str, int]:
    """Initiatives by owning domain whose submission falls on the period's Oslo days."""
    keys = repo.domain_keys(session, model_id)
    rows = session.execute(
        select(Initiative.domain_id, func.count())
        .where(
            Initiative.model_id == model_id,
            Initiative.created_at >= local_instant(period.start, 0),
            Initiative.created_at < end_of_day(period.end),
        )
        .group_by(Initiative.domain_id)
    )
    return {keys[domain_id]: count for domain_id, count in rows}


# --- what waits in a body ---------------------------------------------------------------------------


def answer_body_waiting(ask: Ask) -> Reply:
    """`body.waiting`: what waits for assessment in a domain, or for decision at the portfolio level.

    A domain or its board named: that domain. The portfolio board or the working committee (which
    prepares its cases): the open initiatives that must go there. Nothing named, or «hos oss»: the
    boards the asker sits in.
    """
    ctx, language = ask.ctx, ask.language
    model = ctx.model
    with ctx.store.read() as session:
        if ask.slots.domain is not None:
            return lists.answer_waiting(ctx, session, ask.slots.domain.item, language)
        if ask.slots.body is not None:
            bodies = [ask.slots.body.item]
        else:
            actor = resolve_actor(session, ctx.store.model_id, ask.message.sender)
            keys = {b.key for b in served_bodies(session, ctx.store.model_id, actor.person_key)}
            bodies = [b for b in model.bodies if b.key in keys]
        domains = [d for d in model.domains if d.board in {b.key for b in bodies}]
        if domains:
            replies = [lists.answer_waiting(ctx, session, d, language) for d in domains]
            blocks = tuple(block for reply in replies for block in reply.blocks)
            return Reply(language, blocks, intent="initiative.waiting")
        portfolio = [b for b in bodies if _decides_escalations(model, b)]
        if portfolio:
            return _escalated_waiting(ctx, session, portfolio[0], language)
        return _say(language, "initiative.waiting", "initiative.waiting.which")


def _decides_escalations(model: GovernanceModel, body: Body) -> bool:
    return body.key == model.rules.escalation_body or body.kind == BodyKind.WORKING_COMMITTEE


def _escalated_waiting(ctx: HandlerContext, session: Session, body: Body, language: Language) -> Reply:
    rows = repo.escalated(session, ctx.store.model_id, OPEN_STATES)
    name = body_label(ctx.model, body.key, language)
    if not rows:
        return _say(language, "initiative.waiting", "initiative.waiting.escalated_none", body=name)
    heading = Heading(t(language, "initiative.waiting.escalated_heading", body=name, count=len(rows)))
    return Reply(
        language, (heading, lists.initiative_list(ctx, session, rows, language)), "initiative.waiting"
    )
