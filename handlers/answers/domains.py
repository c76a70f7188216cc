"""What a domain covers and who runs it; which domains exist."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label, domain_label
from handlers.answers.people import contact_facts
from handlers.context import HandlerContext
from handlers.messages import Language
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import BodyKind, Domain
from models.repositories.governance import domain_system_names

SYSTEMS_SHOWN = 8


def answer_domain_info(ctx: HandlerContext, session: Session, domain: Domain, language: Language) -> Reply:
    model = ctx.model
    description = domain.description_en if language == "en" else domain.description
    blocks: list[Block] = [
        Heading(t(language, "domain.heading", domain=domain_label(domain, language))),
        Paragraph(t(language, "domain.covers", description=description)),
    ]
    people, placeholder = contact_facts(ctx, session, domain.board, language)
    blocks.append(Facts(((t(language, "owner.board"), body_label(model, domain.board, language)), *people)))
    names = domain_system_names(session, ctx.store.model_id, domain.key)
    if names:
        shown = ", ".join(names[:SYSTEMS_SHOWN])
        if len(names) > SYSTEMS_SHOWN:
            shown = t(language, "domain.systems_more", names=shown, more=len(names) - SYSTEMS_SHOWN)
        blocks.append(Paragraph(t(language, "domain.systems", count=len(names), names=shown)))
    else:
        blocks.append(Paragraph(t(language, "domain.no_systems")))
    escalates_to = model.body(domain.board).escalates_to
    if escalates_to:
        blocks.append(
            Paragraph(t(language, "domain.escalates", body=body_label(model, escalates_to, language)))
        )
    if placeholder:
        blocks.append(Paragraph(t(language, "people.placeholder_note")))
    return Reply(language, tuple(blocks), intent="domain_info")


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
