"""What a domain covers and who runs it; which domains exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label, domain_label
from handlers.answers.people import contact_facts
from handlers.answers.provenance import cite, roster_notes
from handlers.context import HandlerContext
from handlers.messages import Language
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.provenance import board_escalation
from models.governance.schema import Body, BodyKind, Domain, GovernanceModel
from models.repositories.governance import domain_system_names

SYSTEMS_SHOWN = 8


def answer_domain_info(ctx: HandlerContext, session: Session, domain: Domain, language: Language) -> Reply:
    model = ctx.model
    description = domain.description_en if language == "en" else domain.description
    blocks: list[Block] = [
        Heading(t(language, "domain.heading", domain=domain_label(domain, language))),
        Paragraph(t(language, "domain.covers", description=description)),
    ]
    people, contacts = contact_facts(ctx, session, domain.board, language)
    blocks.append(Facts(((t(language, "owner.board"), body_label(model, domain.board, language)), *people)))
    names = domain_system_names(session, ctx.store.model_id, domain.key)
    if names:
        shown = ", ".join(names[:SYSTEMS_SHOWN])
        if len(names) > SYSTEMS_SHOWN:
            shown = t(language, "domain.systems_more", names=shown, more=len(names) - SYSTEMS_SHOWN)
        blocks.append(Paragraph(t(language, "domain.systems", count=len(names), names=shown)))
    else:
        blocks.append(Paragraph(t(language, "domain.no_systems")))
    escalation = escalation_paragraph(model, model.body(domain.board), language)
    if escalation is not None:
        blocks.append(escalation)
    blocks.extend(roster_notes(model, domain.board, contacts, language))
    return Reply(language, tuple(blocks), intent="domain_info")


def escalation_paragraph(model: GovernanceModel, board: Body, language: Language) -> Paragraph | None:
    """What the board takes further, in the model's words for this region and board, with its source or
    «antatt»; the model's silence is said as such rather than filled with another region's rule."""
    escalation = board_escalation(model, board)
    if escalation is None:
        return None
    if not escalation.text:
        body = body_label(model, escalation.to, language)
        return Paragraph(t(language, "domain.escalation_unknown", body=body))
    text = escalation.text_en if language == "en" and escalation.text_en else escalation.text
    text = text.rstrip(".")
    where = cite(language, escalation.provenance.source, escalation.provenance.assumption)
    return Paragraph(t(language, "domain.escalation", text=text, cite=where))


def answer_list_domains(ctx: HandlerContext, language: Language) -> Reply:
    model = ctx.model
    items = []
    for domain in model.domains:
        description = domain.description_en if language == "en" else domain.description
        items.append(f"{domain_label(domain, language)}: {_first_sentence(description)}")
    above = [
        body_label(model, b.key, language)
        for b in model.bodies
        if b.kind in (BodyKind.PORTFOLIO_BOARD, BodyKind.DIGITALISATION_BOARD)
    ]
    blocks: list[Block] = [
        Heading(t(language, "domains.heading", region=model.region, count=len(model.domains))),
        BulletList(tuple(items)),
    ]
    if above:
        blocks.append(Paragraph(t(language, "domains.above", bodies=", ".join(above))))
    blocks.append(Paragraph(t(language, "domains.hint")))
    return Reply(language, tuple(blocks), intent="list_domains")


def _first_sentence(text: str, limit: int = 160) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
