"""Who is asking: a platform identity resolved to a person in the governance model, or nobody.

Roles come from the model file through the person, so resolution decides what someone may do. Unknown
people may ask and submit, nothing more. Local channels (terminal, CLI, the web chat's demo persons on
platform "webdemo") name the person key directly because they have no directory behind them; platforms
resolve by e-mail. "web" is not local: its user id is an OpenID Connect subject, never a person key.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handlers.messages import Sender
from models.audit import record
from models.repositories.channels import identity_row
from models.store import Store
from models.tables import PersonRow
from models.tables.base import utcnow

LOCAL_PLATFORMS = frozenset({"terminal", "cli", "webdemo", "test"})
ANONYMOUS_SENDER = Sender("web", "anonymous", None)
"""The web visitor nobody has signed in: one shared identity, so it may only ask read-only questions."""


def is_anonymous(sender: Sender) -> bool:
    return sender.platform == ANONYMOUS_SENDER.platform and sender.user_id == ANONYMOUS_SENDER.user_id


@dataclass(frozen=True)
class Actor:
    person_key: str | None
    display_name: str
    sender: Sender

    @property
    def known(self) -> bool:
        return self.person_key is not None

    @property
    def audit_name(self) -> str:
        """How the audit log names the actor: the person when known, else the platform identity."""
        who = self.person_key or "unknown"
        return f"{who} ({self.sender.platform}:{self.sender.user_id})"


def resolve_actor(session: Session, model_id: int, sender: Sender) -> Actor:
    person = None
    if sender.platform in LOCAL_PLATFORMS:
        person = session.scalar(
            select(PersonRow).where(
                PersonRow.model_id == model_id, PersonRow.key == sender.user_id, PersonRow.active
            )
        )
    if person is None and sender.email:
        person = session.scalar(
            select(PersonRow).where(
                PersonRow.model_id == model_id,
                func.lower(PersonRow.email) == sender.email.lower(),
                PersonRow.active,
            )
        )
    if person is None:
        return Actor(None, sender.display_name or sender.user_id, sender)
    return Actor(person.key, person.name, sender)


def remember_identity(store: Store, sender: Sender) -> str | None:
    """Store (or refresh) a platform account, audit a changed link, and return its person key, if any."""
    with store.session() as session:
        return link_identity(session, store, sender)


def link_identity(session: Session, store: Store, sender: Sender) -> str | None:
    """`remember_identity` inside the caller's transaction (Teams stores the conversation in the same one)."""
    actor = resolve_actor(session, store.model_id, sender)
    row = identity_row(session, sender.platform, sender.user_id)
    before = (
        None
        if row.person_key is None and row.email is None
        else {
            "person_key": row.person_key,
            "email": row.email,
        }
    )
    row.person_key, row.email = actor.person_key, sender.email
    row.locale, row.display_name = sender.locale, sender.display_name
    row.updated_at = utcnow()  # looked up just now: fresh again even when nothing about it changed
    after = {"person_key": actor.person_key, "email": sender.email}
    if before != after:
        record(
            session,
            actor=actor.audit_name,
            action="identity.linked",
            entity_type="person_identity",
            entity_ref=f"{sender.platform}:{sender.user_id}"[:120],
            model_key=store.model.key,
            before=before,
            after=after,
        )
    return actor.person_key
