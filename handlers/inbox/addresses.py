"""Whose inbox a chat sender reads: their person key, and the account itself for notices addressed to it.

Notices to someone who is not a person in the model are addressed "platform:account" (a submitter seen
only on one platform), so a sender reads both: what was sent to the person and what was sent to the
account they are speaking from.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handlers.identity import is_anonymous, resolve_actor
from handlers.messages import Sender


def inbox_addresses(session: Session, model_id: int, sender: Sender) -> list[str]:
    """Empty for the anonymous web visitor, who shares one identity with every other visitor."""
    if is_anonymous(sender):
        return []
    actor = resolve_actor(session, model_id, sender)
    account = f"{sender.platform}:{sender.user_id}"
    return [actor.person_key, account] if actor.person_key else [account]
