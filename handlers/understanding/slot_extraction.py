"""Finding every slot of a message in one pass, before its intent is classified (issue 12 §2).

The extractors run in a fixed order and each claims the characters it used, so no word is two slots:
reference, decision point, single day, period, amount (regular expressions on the text, with what earlier
ones took blanked out), then catalogue systems by exact name, bodies, domains by name, domains by subject
word, «mine», a bare number, and last, only when no system was named exactly, the fuzzy system pass on
the words still free, inflected subject words, and, when no domain was named exactly, a misspelt
one-word domain name («Prehosptial»); then the glossary's own terms among the words nothing else named («FTL»). What is
left (minus function words) is `words`, the topic for search.

The indexes (systems, bodies, domains, terms) are built once per catalogue version and model, in `ctx.caches`,
like `handlers.lookup.catalogue`; a message then costs dictionary probes plus, at most, one rapidfuzz
scan per leftover word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.lookup.catalogue import CatalogueView, catalogue_view
from handlers.lookup.names import Match
from handlers.understanding.amounts import find_amount
from handlers.understanding.bodies import BodyIndex, build_body_index, find_bodies
from handlers.understanding.domains import (
    DomainIndex,
    build_domain_index,
    find_domain_names,
    find_inflected_subjects,
    find_misspelt_domains,
    find_subject_domains,
)
from handlers.understanding.glossary_terms import TermIndex, build_term_index, find_term_spans
from handlers.understanding.ownership_words import LATEST_WORDS, find_mine
from handlers.understanding.periods import find_day, find_period
from handlers.understanding.references import find_decision_point, find_reference
from handlers.understanding.slots import Period, Slots, Span
from handlers.understanding.systems import FuzzyNames, find_exact_systems, find_fuzzy_systems, fuzzy_names
from handlers.understanding.tokens import Token, tokenize
from handlers.understanding.words import function_words, governance_words
from models.governance.schema import Body, Domain, GovernanceModel

_CACHE_KEY = "slot-index"
_NUMBER = re.compile(r"^\d{1,3}$")
_BOARD_WORDS = re.compile(r"^(?:områdestyr\w*|omradestyr\w*|styret|styre|board|boards)$")


@dataclass(frozen=True)
class SlotIndex:
    view: CatalogueView
    model: GovernanceModel
    fuzzy: FuzzyNames
    bodies: BodyIndex
    domains: DomainIndex
    terms: TermIndex


def slot_index(ctx: HandlerContext, session: Session) -> SlotIndex:
    view = catalogue_view(ctx, session)
    cached = ctx.caches.get(_CACHE_KEY)
    if isinstance(cached, SlotIndex) and cached.view is view and cached.model is ctx.model:
        return cached
    index = SlotIndex(
        view,
        ctx.model,
        fuzzy_names(view.systems),
        build_body_index(ctx.model),
        build_domain_index(ctx.model),
        build_term_index(ctx.model),
    )
    ctx.caches[_CACHE_KEY] = index
    return index


class _Claims:
    """The text with claimed characters blanked out, and the spans found so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.free = text
        self.spans: list[Span] = []

    def claim(self, slot: str, start: int, end: int) -> None:
        self.free = self.free[:start] + " " * (end - start) + self.free[end:]
        self.spans.append(Span(slot, start, end))

    def claim_tokens(self, slot: str, tokens: list[Token], start: int, end: int) -> None:
        self.spans.append(Span(slot, tokens[start].start, tokens[end - 1].end))


def extract_slots(
    text: str, ctx: HandlerContext, session: Session, today: date, index: SlotIndex | None = None
) -> Slots:
    """Every slot `text` names, resolved against the model and the catalogue; `today` is in Oslo.
    `index` is the caller's `slot_index` when it has just checked the catalogue version."""
    index = index or slot_index(ctx, session)
    claims = _Claims(text)

    reference = decision_point = None
    day: date | None = None
    period: Period | None = None
    amount: Decimal | None = None
    comparison: str | None = None
    if found := find_reference(claims.free):
        reference = found[0]
        claims.claim("reference", found[1], found[2])
    if found := find_decision_point(claims.free):
        decision_point = found[0]
        claims.claim("decision_point", found[1], found[2])
    if found_day := find_day(claims.free, today):
        day = found_day[0]
        claims.claim("date", found_day[1], found_day[2])
    if found_period := find_period(claims.free, today):
        period = found_period[0]
        claims.claim("period", found_period[1], found_period[2])
    if found_amount := find_amount(claims.free):
        amount, comparison = found_amount[0], found_amount[1]
        claims.claim("amount", found_amount[2], found_amount[3])

    tokens = tokenize(text)
    taken = {i for i, t in enumerate(tokens) if claims.free[t.start : t.end].strip() != _original(text, t)}

    systems = find_exact_systems(tokens, taken, index.view.systems)
    bodies = find_bodies(text, tokens, taken, index.bodies)
    domains = find_domain_names(tokens, taken, index.domains)
    subjects = find_subject_domains(tokens, taken, index.domains)
    mine = find_mine(tokens, taken)
    taken.update(mine)
    number: int | None = None
    for i, token in enumerate(tokens):
        if i not in taken and _NUMBER.match(token.text):
            number = int(token.text)
            taken.add(i)
            claims.claim_tokens("number", tokens, i, i + 1)
            break
    suggestions: list[Match] = []
    if not systems:
        fuzzy, suggestions = find_fuzzy_systems(tokens, taken, index.view.systems, index.fuzzy)
        systems = fuzzy
    subjects += find_inflected_subjects(tokens, taken, index.domains)
    if not domains:
        domains = find_misspelt_domains(tokens, taken, index.domains)
    subjects.sort(key=lambda f: f[0])
    named = taken | {
        i for start, end, _ in [*systems, *bodies, *domains, *subjects] for i in range(start, end)
    }
    terms = find_term_spans(text, tokens, named, index.terms, masked_only=True)

    for start, end, _ in systems:
        claims.claim_tokens("system", tokens, start, end)
    for start, end, _ in bodies:
        claims.claim_tokens("body", tokens, start, end)
    for start, end, _ in [*domains, *subjects]:
        claims.claim_tokens("domain", tokens, start, end)
    for start, end, _ in terms:
        claims.claim_tokens("term", tokens, start, end)
    for i in mine:
        if i - 1 not in mine:  # «hos oss» is one span
            claims.claim_tokens("mine", tokens, i, i + 2 if i + 1 in mine else i + 1)

    domain = (domains or subjects or [None])[0]
    domain_match = domain[2] if domain else None
    body_match = bodies[0][2] if bodies else None
    if body_match is None and domain_match is not None:
        board_word = any(_BOARD_WORDS.match(t.text) for t in tokens)
        if domains or board_word:  # «HR-tjenester», «områdestyret for lønn»: the domain's board
            body_match = _board_of(index.model, domain_match)

    # a subject word stays a topic word: «søk etter initiativer om legemidler» searches for «legemidler»;
    # so does a glossary term («initiativer om KI»): it is masked for the classifier, never taken
    topic = taken - {i for start, end, _ in subjects for i in range(start, end)}
    words = tuple(
        t.text
        for i, t in enumerate(tokens)
        if i not in topic
        and len(t.text) > 1
        and t.text not in function_words()
        and t.text not in governance_words()
    )
    return Slots(
        systems=tuple(m for _, _, m in systems),
        system_suggestions=tuple(suggestions),
        domain=domain_match,
        body=body_match,
        period=period,
        day=day,
        amount_mnok=amount,
        amount_comparison=comparison,
        reference=reference,
        number=number,
        decision_point=decision_point,
        terms=tuple({term.key: term for _, _, term in terms}.values()),
        mine=bool(mine),
        latest=any(t.text in LATEST_WORDS for t in tokens),
        words=words,
        spans=tuple(sorted(claims.spans, key=lambda s: s.start)),
    )


def _original(text: str, token: Token) -> str:
    return text[token.start : token.end]


def _board_of(model: GovernanceModel, domain: Match[Domain]) -> Match[Body]:
    body = model.body(domain.item.board)
    return Match(body, body.name, domain.score, domain.exact, domain.span)
