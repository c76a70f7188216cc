"""Who runs a body, as facts for a reply: the roles people ask for, in the order they ask."""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.messages import Language
from handlers.texts import t
from models.repositories.governance import RosterEntry, roster

CONTACT_ROLES = ("owner", "deputy_owner", "domain_leader", "chair", "portfolio_manager", "secretariat")


def contact_facts(
    session: Session, model_id: int, body_key: str, language: Language
) -> tuple[list[tuple[str, str]], bool]:
    """Facts for the contact roles, and whether any named person is a placeholder."""
    entries = roster(session, model_id, body_key)
    facts: list[tuple[str, str]] = []
    placeholder = False
    for role in CONTACT_ROLES:
        people = [e for e in entries if e.role == role]
        if not people:
            continue
        placeholder = placeholder or any(p.is_placeholder for p in people)
        facts.append((t(language, f"role.{role}"), "; ".join(_describe(p, language) for p in people)))
    return facts, placeholder


def _describe(person: RosterEntry, language: Language) -> str:
    text = f"{person.name}, {person.organisation}"
    if person.email:
        text += f" <{person.email}>"
    if person.final_authority:
        text += f" ({t(language, 'role.final_authority')})"
    return text
