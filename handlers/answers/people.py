"""Who runs a body, as facts for a reply: the roles people ask for, in the order they ask."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.messages import Language
from handlers.person_names import shown_name
from handlers.texts import t
from models.repositories.governance import RosterEntry, roster

CONTACT_ROLES = ("owner", "deputy_owner", "domain_leader", "chair", "portfolio_manager", "secretariat")


def contact_facts(
    ctx: HandlerContext, session: Session, body_key: str, language: Language
) -> tuple[list[tuple[str, str]], list[RosterEntry]]:
    """Facts for the contact roles, and the roster entries they show (for `roster_notes`)."""
    entries = contact_roster(ctx, session, body_key)
    facts: list[tuple[str, str]] = []
    shown: list[RosterEntry] = []
    for role in CONTACT_ROLES:
        people = [e for e in entries if e.role == role]
        if not people:
            continue
        shown.extend(people)
        facts.append((t(language, f"role.{role}"), "; ".join(describe_person(p, language) for p in people)))
    return facts, shown


def contact_roster(ctx: HandlerContext, session: Session, body_key: str) -> list[RosterEntry]:
    """A body's roster for answers, read once per process: memberships change only when a model file is
    synced at start-up, and this process answers from the model it loaded then anyway. Permission checks
    do not use this; they read the roster in their own transaction."""
    key = f"roster:{ctx.store.model_id}:{body_key}"
    cached = ctx.caches.get(key)
    if not isinstance(cached, list):
        cached = ctx.caches[key] = roster(session, ctx.store.model_id, body_key)
    return cached


def describe_person(person: RosterEntry, language: Language) -> str:
    text = f"{shown_name(person.name, language)}, {person.organisation}"
    if person.email:
        text += f" <{person.email}>"
    if person.final_authority:
        text += f" ({t(language, 'role.final_authority')})"
    return text
