"""«Hva ble vedtatt om den nye kurveløsningen?», "decisions about DIPS", «vedtak i Prehospital i 2026»,
«hva besluttet porteføljestyret sist?»: the decision register asked in chat.

Everything the question names is already a slot: topic words, a catalogue system, a domain, a body, a
period and «sist». Each becomes a filter of the register's one query (`register.search_decisions`), so
they combine. Words must all be found; when no decision holds all of them, the decisions holding some
are offered under a sentence saying so. A month named without a year means the last one that has begun
(a register looks back: «i mars» asked in December is last March). Decisions are the boards' public
records, so anyone signed in may read them, as with `initiative.decision`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from handlers.decisions.listing import body_name, decision_line
from handlers.decisions.register import Found, RegisterQuery, SystemFilter, search_decisions
from handlers.lookup.names import Match
from handlers.meetings.deadlines import local_date
from handlers.meetings.periods import spoken_day
from handlers.messages import Language
from handlers.replies import Block, BulletList, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.slots import Period, Slots
from models.governance.schema import Domain, GovernanceModel

INTENT = "decisions.search"
SHOWN = 10
REGISTER_WORDS = frozenset(
    {
        *("vedtak", "vedtaket", "vedtakene", "vedtakene", "vedtatt", "vedtatte", "vedtok", "vedta"),
        *("besluttet", "besluttede", "beslutte", "beslutning", "beslutningen", "beslutninger"),
        *("beslutningene", "bestemt", "bestemte", "bestemme", "avgjort", "fattet", "gjort", "tatt"),
        *("konkludert", "landet", "registeret", "vedtaksregisteret", "register", "liste", "vis"),
        *("decision", "decisions", "decide", "decided", "resolved", "made", "taken", "time", "list"),
        *("show", "register", "recorded", "about", "gang", "møte", "møtet", "meeting"),
    }
)
"""Words that ask for the register rather than name what a decision is about («hva ble vedtatt …»)."""


def answer_decision_search(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    today = local_date(ctx.clock())
    query = register_query(ctx.model, ask.slots, today)
    filters = described(ctx.model, language, query)
    with ctx.store.read() as session:
        found = search_decisions(session, ctx.store.model_id, query, limit=SHOWN)
        loose = False
        if not found.total and len(query.words) > 1:
            every = replace(query, every_word=False)
            found = search_decisions(session, ctx.store.model_id, every, limit=SHOWN)
            loose = found.total > 0
        if not found.total:
            text = t(language, "decisions.search.none", filters=filters)
            return Reply(language, (Paragraph(text),), intent=INTENT)
        blocks = _listing(ctx.model, language, query, found, filters, loose)  # reads the rows: in the session
    return Reply(language, blocks, intent=INTENT)


def register_query(model: GovernanceModel, slots: Slots, today: date) -> RegisterQuery:
    words = tuple(w for w in slots.words if w.casefold() not in REGISTER_WORDS)
    system = slots.systems[0] if slots.systems else None
    domain = slots.domain.item if slots.domain and _named(slots.domain) else None
    body = slots.body.item.key if slots.body else None
    if domain is not None and body == domain.board:
        body = None  # the domain filter covers its board, and the other bodies' decisions on its cases
    period = _looking_back(slots.period, today) if slots.period else None
    return RegisterQuery(
        body_key=body,
        domain_key=domain.key if domain else None,
        domain_board=domain.board if domain else None,
        since=period.start if period else None,
        until=period.end if period else None,
        words=words,
        system=SystemFilter(system.item.id, system.item.name, system.span) if system else None,
        latest=slots.latest,
    )


def _named(match: Match[Domain]) -> bool:
    """A domain named by its name or an alias is a filter; one reached through a subject word
    («legemiddelhåndtering», "register") is not: that word stays a search word."""
    domain = match.item
    names = {domain.name, domain.name_en, *domain.aliases}
    return match.label.casefold() in {n.casefold() for n in names if n}


def _looking_back(period: Period, today: date) -> Period:
    if period.start <= today or any(c.isdigit() for c in period.words):
        return period
    return Period(period.start.replace(year=period.start.year - 1), _year_back(period.end), period.words)


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def described(model: GovernanceModel, language: Language, query: RegisterQuery) -> str:
    """What was searched, as words of a sentence: « om «kurveløsning» i Områdestyre Prehospital …»."""
    parts: list[str] = []
    if query.words:
        parts.append(t(language, "decisions.search.f.words", words=" ".join(query.words)))
    if query.system is not None:
        parts.append(t(language, "decisions.search.f.system", system=query.system.name))
    if query.domain_key is not None:
        name = next(d.name for d in model.domains if d.key == query.domain_key)
        parts.append(t(language, "decisions.search.f.domain", domain=name))
    if query.body_key is not None:
        parts.append(t(language, "decisions.search.f.body", body=body_name(model, query.body_key)))
    if query.since is not None and query.until is not None:
        parts.append(
            t(
                language,
                "decisions.search.f.period",
                start=spoken_day(language, query.since),
                end=spoken_day(language, query.until),
            )
        )
    if query.latest:
        parts.append(t(language, "decisions.search.f.latest"))
    return "".join(parts)


def _listing(
    model: GovernanceModel, language: Language, query: RegisterQuery, found: Found, filters: str, loose: bool
) -> tuple[Block, ...]:
    if loose:
        lead = t(language, "decisions.search.some_words", words=" ".join(query.words), count=found.total)
    else:
        key = "decisions.search.found.one" if found.total == 1 else "decisions.search.found"
        lead = t(language, key, count=found.total, filters=filters)
    lines = tuple(decision_line(model, language, d, i, m) for d, i, m in found.rows)
    blocks: list[Block] = [Paragraph(lead), BulletList(lines)]
    if found.total > len(found.rows):
        blocks.append(Paragraph(t(language, "decisions.search.more", rest=found.total - len(found.rows))))
    return tuple(blocks)
