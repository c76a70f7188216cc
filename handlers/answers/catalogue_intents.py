"""The catalogue questions as intent responders: who owns a system, what a domain covers, help.

The understanding step has already found the systems, the domain or the body a message names, so these
never parse the text again; they reuse the wording and `Reply.intent` values of `ownership.py`,
`domains.py` and `help.py`. A question the step could not place gets a polite "that is outside what I
know", never a lookup of whatever words were left.
"""

from __future__ import annotations

from handlers.answers.domains import answer_domain_info as domain_info_reply
from handlers.answers.domains import answer_list_domains as list_domains_reply
from handlers.answers.help import answer_greeting as greeting_reply
from handlers.answers.help import answer_help as help_reply
from handlers.answers.ownership import domain_label, systems_reply
from handlers.lookup.names import Match
from handlers.replies import Block, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from models.governance.schema import BodyKind, Domain
from models.repositories.catalogue import SystemEntry


def answer_who_owns(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    systems = _distinct(ask.slots.systems)
    if systems:
        with ctx.store.read() as session:
            return systems_reply(ctx, session, systems, language)
    asked = " ".join(ask.slots.words)
    suggestions = _distinct(ask.slots.system_suggestions)
    if suggestions:
        names = ", ".join(
            f"{m.item.name} ({domain_label(ctx.model.domain(m.item.domain_key), language)})"
            for m in suggestions
        )
        blocks: list[Block] = []
        if asked:
            blocks.append(Paragraph(t(language, "owner.unknown", asked=asked)))
        blocks.append(Paragraph(t(language, "owner.did_you_mean", names=names)))
        return Reply(language, tuple(blocks), intent="who_owns.unknown")
    if not asked:
        return Reply(language, (Paragraph(t(language, "owner.ask_which")),), intent="who_owns.unknown")
    blocks = [
        Paragraph(t(language, "owner.unknown", asked=asked)),
        Paragraph(t(language, "owner.no_closest", secretariat=ctx.model.secretariat.organisation)),
        Paragraph(t(language, "owner.ask_which")),
    ]
    return Reply(language, tuple(blocks), intent="who_owns.unknown")


def _distinct(matches: tuple[Match[SystemEntry], ...]) -> list[Match[SystemEntry]]:
    """Each system once, in the order found: «DIPS og DIPS Arena» names two, «dips … DIPS» one."""
    seen: set[int] = set()
    kept = []
    for match in matches:
        if match.item.id not in seen:
            seen.add(match.item.id)
            kept.append(match)
    return kept


def answer_domain_info(ask: Ask) -> Reply:
    """From the domain slot, or a domain board named as a body («Områdestyre Prehospital»); a question
    naming a system instead ("which domain covers payroll", where the catalogue has a payroll system)
    is answered with that system's domain, not with the list of every domain."""
    ctx, language = ask.ctx, ask.language
    domain = _domain(ask)
    if domain is None and ask.slots.systems:
        return answer_who_owns(ask)
    if domain is None:
        return list_domains_reply(ctx, language)
    with ctx.store.read() as session:
        return domain_info_reply(ctx, session, domain, language)


def _domain(ask: Ask) -> Domain | None:
    if ask.slots.domain is not None:
        return ask.slots.domain.item
    body = ask.slots.body.item if ask.slots.body is not None else None
    if body is None or body.kind != BodyKind.DOMAIN_BOARD:
        return None
    return next((d for d in ask.ctx.model.domains if d.board == body.key), None)


def answer_list_domains(ask: Ask) -> Reply:
    return list_domains_reply(ask.ctx, ask.language)


def answer_help(ask: Ask) -> Reply:
    return help_reply(ask.language, ask.ctx.model)


def answer_greeting(ask: Ask) -> Reply:
    return greeting_reply(ask.ctx, ask.language)


def answer_out_of_scope(ask: Ask) -> Reply:
    language = ask.language
    blocks = (
        Paragraph(t(language, "unknown")),
        Paragraph(t(language, "out_of_scope.offer", region=ask.ctx.model.region)),
    )
    return Reply(language, blocks, intent="unknown")
