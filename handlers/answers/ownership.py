""" "Which domain owns system X, and who do I talk to?" — the question asked every day in the transition
from about 40 system owners to nine domain boards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from handlers.answers.people import contact_facts
from handlers.answers.provenance import roster_notes
from handlers.context import HandlerContext
from handlers.lookup.names import Match
from handlers.messages import Language
from handlers.replies import Block, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from models.governance.schema import Domain, GovernanceModel
from models.repositories.catalogue import SystemEntry


def domain_label(domain: Domain, language: Language) -> str:
    """English replies keep the Norwegian name first: it is the name on every agenda and in every mail."""
    return f"{domain.name} ({domain.name_en})" if language == "en" else domain.name


def trust_names(model: GovernanceModel, keys: Iterable[str]) -> str:
    """The trusts by the short names people use («OUS, Ahus»); a key the model no longer holds stays as it
    was stored rather than vanish from an initiative's record."""
    short = {trust.key: trust.short_name for trust in model.health_trusts}
    return ", ".join(short.get(key, key) for key in keys)


def body_label(model: GovernanceModel, key: str, language: Language) -> str:
    body = model.body(key)
    return (body.name_en or body.name) if language == "en" else body.name


def systems_reply(
    ctx: HandlerContext, session: Session, systems: Sequence[Match[SystemEntry]], language: Language
) -> Reply:
    """Who owns each system named; several get one short section each, one gets its contacts too."""
    if len(systems) > 1:
        blocks: list[Block] = [Paragraph(t(language, "owner.multiple"))]
        for match in systems:
            blocks.extend(_system_blocks(ctx, session, match, language, with_people=False))
        return Reply(language, tuple(blocks), intent="who_owns")
    blocks = _system_blocks(ctx, session, systems[0], language, with_people=True)
    if any(m.item.is_demo for m in systems):
        blocks.append(Paragraph(t(language, "owner.demo")))
    return Reply(language, tuple(blocks), intent="who_owns")


def _system_blocks(
    ctx: HandlerContext, session: Session, match: Match[SystemEntry], language: Language, *, with_people: bool
) -> list[Block]:
    system = match.item
    model = ctx.model
    domain = model.domain(system.domain_key)
    blocks: list[Block] = [
        Heading(t(language, "owner.heading", system=system.name, domain=domain_label(domain, language)))
    ]
    if not match.exact:
        blocks.append(Paragraph(t(language, "owner.interpreted", asked=match.span, system=system.name)))
    blocks.append(Paragraph(system.description))
    if system.cross_domain_keys:
        others = ", ".join(domain_label(model.domain(k), language) for k in system.cross_domain_keys)
        if system.coordinating_domain_key:
            coordinating = domain_label(model.domain(system.coordinating_domain_key), language)
            blocks.append(Paragraph(t(language, "owner.cross", domains=others, coordinating=coordinating)))
        else:
            blocks.append(Paragraph(t(language, "owner.cross_no_coordinator", domains=others)))
    if with_people:
        facts = [(t(language, "owner.board"), body_label(model, domain.board, language))]
        people, shown = contact_facts(ctx, session, domain.board, language)
        blocks.append(Facts(tuple(facts + people)))
        blocks.extend(roster_notes(model, domain.board, shown, language))
    return blocks
