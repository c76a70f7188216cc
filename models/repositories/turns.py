"""A chat turn's start in one round trip: claim the delivery, and learn what every answer asks next.

Each answer used to begin with three sessions: the `processed_events` insert and its commit, a read
for an open intake dialog, and a read of the catalogue version (the name index is cached per version).
Profiled on PostgreSQL they were 94 % of an answer's CPU, most of it connection checkouts and round
trips. `start_turn` does all three in one transaction (on PostgreSQL one statement, in autocommit), and
`turn_known` makes the answers it found visible to the code that would otherwise ask the store again
(`models.repositories.catalogue.catalogue_version`, the intake dialog check), for this turn only.

Reading the version at the turn's start is as fresh as reading it a few milliseconds later: a catalogue
change committed by another process or replica before the claim is seen; an import inside the turn
forgets the known version (`forget_catalogue_version`), so the turn reads the new one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import exists, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from models.database import is_postgresql
from models.store import Store
from models.tables import GovernanceModelRow, InitiativeDialog, ProcessedEvent

EVENT_ID_LENGTH = 200


@dataclass(frozen=True)
class TurnStart:
    """What the store said when the delivery was claimed; `claimed` False means a repeat: do nothing."""

    claimed: bool
    model_id: int
    catalogue_version: int | None
    """None once forgotten (the turn changed the catalogue): ask the store."""
    dialog_key: tuple[str, str, str]
    """(channel, conversation, user) the dialog check was made for."""
    dialog_open: bool


_CURRENT: ContextVar[TurnStart | None] = ContextVar("govbot_turn", default=None)


def start_turn(
    store: Store, platform: str, event_id: str, *, channel: str, conversation_id: str, user_id: str
) -> TurnStart:
    """Claim (platform, event_id) exactly once, and read the catalogue version and whether this person
    has an intake dialog open in this conversation, in the same short transaction."""
    key = (channel, conversation_id, user_id)
    dialog = exists().where(
        InitiativeDialog.channel == channel,
        InitiativeDialog.conversation_id == conversation_id,
        InitiativeDialog.user_id == user_id,
    )
    version = (
        select(GovernanceModelRow.catalogue_version)
        .where(GovernanceModelRow.id == store.model_id)
        .scalar_subquery()
    )
    values = {"platform": platform, "event_id": event_id[:EVENT_ID_LENGTH], "processed_at": datetime.now(UTC)}
    if is_postgresql(store.engine):
        claimed_cte = (
            postgresql.insert(ProcessedEvent)
            .values(values)
            .on_conflict_do_nothing()
            .returning(literal(1))
            .cte("claimed")
        )
        query = select(exists(select(claimed_cte)), version, dialog)
        # one statement is its own transaction: no BEGIN and COMMIT round trips
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            claimed, catalogue, dialog_open = conn.execute(query).one()
    else:
        with store.engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE, then two local statements
            inserted = conn.execute(sqlite.insert(ProcessedEvent).values(values).on_conflict_do_nothing())
            claimed = inserted.rowcount == 1
            catalogue, dialog_open = conn.execute(select(version, dialog)).one()
    return TurnStart(bool(claimed), store.model_id, catalogue or 0, key, bool(dialog_open))


@contextmanager
def turn_known(turn: TurnStart) -> Iterator[None]:
    """Within this block (this thread, this task) the turn's answers stand in for the store's."""
    token = _CURRENT.set(turn)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def known_catalogue_version(model_id: int) -> int | None:
    """The version read at the turn's start, when there is one for this model."""
    turn = _CURRENT.get()
    if turn is None or turn.model_id != model_id:
        return None
    return turn.catalogue_version


def known_dialog_open(channel: str, conversation_id: str, user_id: str) -> bool | None:
    """Whether an intake dialog was open at the turn's start, when the check was for this key."""
    turn = _CURRENT.get()
    if turn is None or turn.dialog_key != (channel, conversation_id, user_id):
        return None
    return turn.dialog_open


def forget_catalogue_version() -> None:
    """The turn changed the catalogue: from now on it reads the version from the store."""
    turn = _CURRENT.get()
    if turn is not None:
        _CURRENT.set(replace(turn, catalogue_version=None))
