"""At-most-once work for platform deliveries that may arrive several times.

Slack retries events it thinks timed out, Teams may resend an activity, and several replicas may each
receive a copy. The unique (platform, event_id) row is the arbiter: whoever inserts it does the work,
everyone else answers 200 and does nothing. It is decided in the database, not in memory, so it holds
across replicas.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from models.store import Store
from models.tables import ProcessedEvent


def claim_event(store: Store, platform: str, event_id: str) -> bool:
    """True exactly once per (platform, event_id): the caller that gets True does the work."""
    try:
        with store.session() as session:
            session.add(ProcessedEvent(platform=platform, event_id=event_id[:200]))
    except IntegrityError:
        return False
    return True
