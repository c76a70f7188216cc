"""Who leads, chairs, sits in or is secretary of a body, from the model and the store's roster.

The role asked for comes first (`handlers/understanding/roles.py`), then the rest of the roster, so
«Hvem er områdeeier for Byggteknologi?» starts with the owner and still shows who else to talk to. A
role the model does not fill is said to be missing rather than guessed; placeholder names are flagged
the way the domain answers flag them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.answers.ownership import body_label
from handlers.answers.people import CONTACT_ROLES, contact_roster, describe_person
from handlers.answers.provenance import roster_notes
from handlers.context import HandlerContext
from handlers.messages import Language
from handlers.replies import Block, BulletList, Facts, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.roles import MODEL_ROLES, asked_role
from models.governance.schema import Body, said
from models.repositories.governance import RosterEntry

INTENT = "body.people"
ROLE_ORDER = (*CONTACT_ROLES, "trust_representative", "union_representative", "member")


def answer_body_people(ask: Ask) -> Reply:
    ctx, language = ask.ctx, ask.language
    body = _body(ask)
    if body is None:
        names = ", ".join(body_label(ctx.model, b.key, language) for b in ctx.model.bodies)
        text = t(language, "bodies.ask_which", region=ctx.model.region, bodies=names)
        return Reply(language, (Paragraph(text),), intent=INTENT)
    with ctx.store.read() as session:
        return _people_reply(ctx, session, body, asked_role(ask.message.text), language)


def _body(ask: Ask) -> Body | None:
    if ask.slots.body is not None:
        return ask.slots.body.item
    if ask.slots.domain is not None:
        return ask.ctx.model.body(ask.slots.domain.item.board)
    return None


def _people_reply(
    ctx: HandlerContext, session: Session, body: Body, asked: str | None, language: Language
) -> Reply:
    name = body_label(ctx.model, body.key, language)
    entries = contact_roster(ctx, session, body.key)
    blocks: list[Block] = [Heading(name)]
    shown = entries
    if not entries:
        blocks.append(Paragraph(t(language, "bodies.no_members", body=name)))
    elif asked == "members":
        blocks.append(Paragraph(f"{t(language, 'bodies.members')}:"))
        blocks.append(BulletList(tuple(_member_line(e, language) for e in _ordered(entries, ROLE_ORDER))))
    else:
        wanted = MODEL_ROLES.get(asked or "", ())
        first = next((role for role in wanted if any(e.role == role for e in entries)), None)
        if wanted and first is None:
            role = t(language, f"role.{asked}").lower()
            blocks.append(Paragraph(t(language, "bodies.missing_role", role=role, body=name)))
        order = ((first,) if first else ()) + tuple(r for r in CONTACT_ROLES if r != first)
        blocks.append(Facts(tuple(_role_facts(entries, order, language))))
        shown = [e for e in entries if e.role in order]
    blocks.append(Paragraph(t(language, "model.source", source=said(body.source, language))))
    blocks.extend(roster_notes(ctx.model, body.key, shown, language))
    return Reply(language, tuple(blocks), intent=INTENT)


def _ordered(entries: list[RosterEntry], order: tuple[str, ...]) -> list[RosterEntry]:
    rank = {role: i for i, role in enumerate(order)}
    return sorted(entries, key=lambda e: rank.get(e.role, len(order)))


def _role_facts(
    entries: list[RosterEntry], order: tuple[str, ...], language: Language
) -> list[tuple[str, str]]:
    facts = []
    for role in order:
        people = [e for e in entries if e.role == role]
        if people:
            facts.append(
                (t(language, f"role.{role}"), "; ".join(describe_person(p, language) for p in people))
            )
    return facts


def _member_line(person: RosterEntry, language: Language) -> str:
    role = t(language, f"role.{person.role}")
    represents = (
        f", {person.represents}" if person.represents and person.represents not in person.organisation else ""
    )
    return f"{role}: {describe_person(person, language)}{represents}"
