"""The governance model's own rules, answered from the model file only, each with the source it carries.

Delegation limit, decision points, what is outside the portfolio, paper lead time, the secretariat,
the roll-out of the domain boards and how a case moves between bodies: every fact comes from
`ctx.model` (models/presets/*.model.yaml). Where the model marks a value as assumed (`*_assumption`,
`assumption`) or holds it without a source, the reply says so in one clause, so a placeholder (Helse
Nord's 50 MNOK) is never presented as the region's rule.
"""

from __future__ import annotations

from handlers.answers.domains import escalation_paragraph
from handlers.answers.ownership import body_label
from handlers.answers.provenance import cite, sourced
from handlers.initiatives.scope import out_of_scope
from handlers.initiatives.terms import tokens
from handlers.meetings.intent_answers import answer_meetings_in_period, answer_meetings_next
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.glossary_terms import find_terms
from models.governance.schema import BodyKind, GovernanceModel, OutOfScope, said

NAMED_BOARDS = 4
"""Up to this many domain boards are named in the process answer; more are counted (HSØ has nine)."""


def _en(language: Language, nb: str, en: str | None) -> str:
    return en if language == "en" and en else nb


def answer_delegation_limit(ask: Ask) -> Reply:
    model, language = ask.ctx.model, ask.language
    rules = model.rules
    blocks: list[Block] = [
        Heading(t(language, "model.delegation.heading", region=model.region)),
        Paragraph(t(language, "model.delegation.limit", limit=f"{rules.delegation_limit_mnok:g}")),
        *sourced(language, rules.delegation_source, rules.delegation_assumption),
    ]
    if rules.delegation_above:
        above = _en(language, rules.delegation_above, rules.delegation_above_en)
        blocks.append(Paragraph(t(language, "model.delegation.above", text=above)))
    else:
        blocks.append(Paragraph(t(language, "model.delegation.above_unknown")))
    if rules.frames:
        frames = _en(language, rules.frames, rules.frames_en)
        blocks.append(Paragraph(t(language, "model.delegation.frames", text=frames)))
        blocks.extend(sourced(language, rules.frames_source))
    return Reply(language, tuple(blocks), intent="model.delegation_limit")


def answer_decision_point(ask: Ask) -> Reply:
    model, language = ask.ctx.model, ask.language
    points = model.rules.decision_points
    if not points:
        return _reply(
            language, "model.decision_point", Paragraph(t(language, "model.bp.none", region=model.region))
        )
    wanted = (ask.slots.decision_point or "").upper()
    if wanted:
        point = next((p for p in points if p.key == wanted), None)
        if point is None:
            keys = ", ".join(p.key for p in points)
            text = t(language, "model.bp.unknown", point=wanted, region=model.region, keys=keys)
            return _reply(language, "model.decision_point", Paragraph(text))
        chosen = [point]
    else:
        chosen = list(points)
    blocks: list[Block] = [Heading(t(language, "model.bp.heading", region=model.region))]
    for point in chosen:
        decider = (
            t(language, "model.bp.decided_by", body=body_label(model, point.decided_by, language))
            if point.decided_by
            else t(language, "model.bp.decider_unknown")
        )
        name = _en(language, point.name, point.name_en)
        blocks.append(Paragraph(t(language, "model.bp.item", point=point.key, name=name, decider=decider)))
        subs = [
            _en(language, s.name, s.name_en)
            for s in model.rules.sub_portfolios
            if point.key in s.decision_points
        ]
        if subs:
            blocks.append(
                Paragraph(t(language, "model.bp.sub_portfolios", point=point.key, names=", ".join(subs)))
            )
        elif len(chosen) == 1:
            blocks.append(Paragraph(t(language, "model.bp.no_sub_portfolios", point=point.key)))
        if len(chosen) == 1 or point.assumption:
            blocks.extend(sourced(language, point.source, point.assumption))
    if len(chosen) > 1:
        sources = sorted({said(p.source, language) or "" for p in chosen if p.source and not p.assumption})
        blocks.append(
            Paragraph(t(language, "model.source", source="; ".join(sources)))
            if sources
            else _no_source(language)
        )
    return Reply(language, tuple(blocks), intent="model.decision_point")


def answer_scope(ask: Ask) -> Reply:
    model, language = ask.ctx.model, ask.language
    kinds = model.rules.out_of_scope
    if not kinds:
        return _reply(
            language, "model.scope", Paragraph(t(language, "model.scope.none", region=model.region))
        )
    words = " ".join(ask.slots.words)
    kind = _scope_kind(model, words) or _scope_kind(model, ask.message.text)
    if kind is not None:
        blocks: list[Block] = [
            Paragraph(t(language, "model.scope.out", name=_en(language, kind.name, kind.name_en))),
            Paragraph(
                t(
                    language,
                    "model.scope.belongs",
                    belongs_to=_en(language, kind.belongs_to, kind.belongs_to_en),
                )
            ),
            *sourced(language, model.rules.out_of_scope_source),
        ]
        return Reply(language, tuple(blocks), intent="model.scope")
    blocks = []
    if words:
        blocks.append(_no_match(model, ask, language))
    blocks += [
        Heading(t(language, "model.scope.heading", region=model.region)),
        BulletList(tuple(_en(language, k.name, k.name_en) for k in kinds)),
        *sourced(language, model.rules.out_of_scope_source),
    ]
    return Reply(language, tuple(blocks), intent="model.scope")


def _no_match(model: GovernanceModel, ask: Ask, language: Language) -> Paragraph:
    """Names what was asked about by a glossary term it holds («MTU (medisinsk-teknisk utstyr)»), else by
    the slot's words only where the user wrote them as one phrase: the words are what remains after the
    question words are dropped («mtu prosjekter hjemme porteføljen»), which is no phrase to quote back."""
    terms = find_terms(model, ask.message.text)
    if not terms:
        words = " ".join(ask.slots.words)
        if words and words.casefold() in ask.message.text.casefold():
            return Paragraph(t(language, "model.scope.no_match_words", region=model.region, words=words))
        return Paragraph(t(language, "model.scope.no_match", region=model.region))
    term = terms[0]
    name = (term.term_en or term.term) if language == "en" else term.term
    expansion = (term.expansion_en or term.expansion) if language == "en" else term.expansion
    if expansion and expansion.casefold() != name.casefold():
        name += f" ({expansion})"
    return Paragraph(t(language, "model.scope.no_match_term", region=model.region, term=name))


def _scope_kind(model: GovernanceModel, text: str) -> OutOfScope | None:
    """By the kind's keywords (the routing's own matcher), then by its name («innovasjonsprosjekter»):
    every word of the name before any parenthesis, in any order."""
    if not text.strip():
        return None
    match = out_of_scope(model, text)
    if match is not None:
        return match.kind
    words = set(tokens(text))
    for kind in model.rules.out_of_scope:
        for name in (kind.name, kind.name_en):
            wanted = set(tokens(name.split("(")[0]))
            if wanted and wanted <= words:
                return kind
    return None


def answer_paper_lead(ask: Ask) -> Reply:
    """The rule; for a question that names a meeting by its body or its month («papirene til
    porteføljestyremøtet i mars»), that meeting's own deadline first, then the rule it follows."""
    rule = _paper_lead_rule(ask)
    concrete = _named_meetings(ask)
    if concrete is None:
        return rule
    return Reply(ask.language, concrete.blocks + rule.blocks, intent=concrete.intent)


def _named_meetings(ask: Ask) -> Reply | None:
    if ask.slots.period is not None or ask.slots.day is not None:
        return answer_meetings_in_period(ask)
    if ask.slots.body is not None:
        return answer_meetings_next(ask)
    return None


def _paper_lead_rule(ask: Ask) -> Reply:
    model, language = ask.ctx.model, ask.language
    rules = model.rules
    blocks: list[Block] = [
        Heading(t(language, "model.paper_lead.heading", region=model.region)),
        Paragraph(t(language, "model.paper_lead", days=rules.paper_lead_days)),
        *sourced(language, rules.paper_lead_source, rules.paper_lead_assumption),
    ]
    if rules.minutes_approved_at_next_meeting:
        blocks.append(Paragraph(t(language, "model.minutes")))
        blocks.extend(sourced(language, rules.minutes_source, rules.minutes_assumption))
    else:
        blocks.append(Paragraph(t(language, "model.minutes.none")))
    return Reply(language, tuple(blocks), intent="model.paper_lead")


def answer_secretariat(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    secretariat = ctx.model.secretariat
    blocks: list[Block] = [
        Heading(
            t(
                language,
                "model.secretariat.heading",
                region=ctx.model.region,
                organisation=secretariat.organisation,
            )
        ),
        Paragraph(_en(language, secretariat.description, secretariat.description_en)),
    ]
    if secretariat.contact:
        person = ctx.model.person(secretariat.contact)
        contact = f"{shown_name(person.name, language)}, {person.title}" + (
            f" <{person.email}>" if person.email else ""
        )
        blocks.append(Facts(((t(language, "model.secretariat.contact"), contact),)))
    blocks.extend(sourced(language, secretariat.source))
    if secretariat.contact and ctx.model.person(secretariat.contact).placeholder:
        blocks.append(Paragraph(t(language, "people.placeholder_note")))
    return Reply(language, tuple(blocks), intent="model.secretariat")


def answer_rollout(ask: Ask) -> Reply:
    model, language = ask.ctx.model, ask.language
    rollout = model.rollout
    if rollout is None:
        return _reply(
            language, "model.rollout", Paragraph(t(language, "model.rollout.none", region=model.region))
        )
    blocks: list[Block] = [Heading(t(language, "model.rollout.heading", region=model.region))]
    if rollout.domain_boards_by:
        when = _en(language, rollout.domain_boards_by, rollout.domain_boards_by_en)
        blocks.append(Paragraph(t(language, "model.rollout.by", when=when)))
    else:
        blocks.append(Paragraph(t(language, "model.rollout.no_date")))
    blocks.append(Paragraph(_en(language, rollout.details, rollout.details_en)))
    blocks.extend(sourced(language, rollout.source, rollout.assumption))
    return Reply(language, tuple(blocks), intent="model.rollout")


def answer_process(ask: Ask) -> Reply:
    """Domain boards → the body above them, and what each takes there in its own region's words (a
    shared rule once, a board's own rule per board), each with its source or «antatt»; working
    committees → the body they report to, with their mandate; the papers rule."""
    model, language = ask.ctx.model, ask.language
    rules = model.rules
    blocks: list[Block] = [Heading(t(language, "model.process.heading", region=model.region))]
    boards = [b for b in model.bodies if b.kind == BodyKind.DOMAIN_BOARD and b.escalates_to]
    targets: dict[str, list[str]] = {}
    for body in boards:
        targets.setdefault(body.escalates_to or "", []).append(body_label(model, body.key, language))
    for target, names in targets.items():
        text = t(
            language,
            "model.process.domain_boards",
            boards=", ".join(names) if len(names) <= NAMED_BOARDS else str(len(names)),
            body=body_label(model, target, language),
        )
        blocks.append(Paragraph(text))
    shared = [b for b in boards if not (b.escalation or b.escalation_source or b.escalation_assumption)]
    if shared and rules.escalation_rule:
        text = _en(language, rules.escalation_rule, rules.escalation_rule_en).rstrip(".")
        where = cite(language, rules.escalation_source, rules.escalation_assumption)
        blocks.append(Paragraph(t(language, "model.process.escalation", text=text, cite=where)))
    for body in boards:
        if body in shared and rules.escalation_rule:
            continue
        paragraph = escalation_paragraph(model, body, language)
        if paragraph is not None:
            label = body_label(model, body.key, language)
            blocks.append(Paragraph(f"{label}: {paragraph.text}"))
    for body in model.bodies:
        if body.kind == BodyKind.WORKING_COMMITTEE and body.reports_to:
            label = body_label(model, body.reports_to, language)
            blocks.append(
                Paragraph(
                    t(
                        language,
                        "model.process.committee",
                        body=label,
                        committee=body_label(model, body.key, language),
                    )
                )
            )
            blocks.append(Paragraph(_en(language, body.mandate, body.mandate_en)))
            blocks.append(Paragraph(t(language, "model.source", source=said(body.source, language))))
    above = {b.escalates_to for b in model.bodies} | {b.reports_to for b in model.bodies}
    for body in model.bodies:
        if body.key in above and not body.escalates_to and not body.reports_to:
            blocks.append(
                Paragraph(t(language, "model.process.top", body=body_label(model, body.key, language)))
            )
    where = cite(language, rules.paper_lead_source, rules.paper_lead_assumption)
    blocks.append(Paragraph(t(language, "model.process.papers", days=rules.paper_lead_days, cite=where)))
    return Reply(language, tuple(blocks), intent="model.process")


def _reply(language: Language, intent: str, *blocks: Block) -> Reply:
    return Reply(language, blocks, intent=intent)


def _no_source(language: Language) -> Paragraph:
    return Paragraph(t(language, "model.no_source"))
