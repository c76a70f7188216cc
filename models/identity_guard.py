"""The store refuses to write an identity number, whichever code path tries.

The entry guards (`handlers/dispatch.py`, `handlers/forms.py`, the CLI) refuse numbers before any work
starts; this is the defence in depth behind them. Two hooks, because ORM units of work and Core
statements take different roads to the database:

- `before_flush` on the store's sessions: every new or changed string (or JSON) attribute of every
  mapped object is checked before SQL is emitted, so the refusal names the table and column and
  nothing of the unit of work is sent.
- `before_cursor_execute` on the engine: the bound parameters of every INSERT and UPDATE (Core inserts
  into the outbox, audit rows, bulk updates) are checked just before they reach the driver.

Either raises `IdentityNumberRefused`, which rolls the caller's transaction back, so nothing is
half-written; the entry points turn it into the polite sentence. Reads are never checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from models.identity_numbers import IdentityNumberRefused, contains_identity_number, holds_identity_number

_WRITES = ("insert", "update")


def guard_sessions(sessions: sessionmaker[Session]) -> None:
    """Every session the factory makes checks its flushes."""
    event.listen(sessions, "before_flush", _check_flush)


def guard_engine(engine: Engine) -> None:
    """Every INSERT and UPDATE the engine executes has its parameters checked."""
    event.listen(engine, "before_cursor_execute", _check_statement)


def _check_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        for attribute in state.mapper.column_attrs:
            # history without loading: only what this unit of work sets is new text
            if holds_identity_number(list(state.attrs[attribute.key].history.added)):
                raise IdentityNumberRefused(f"{state.mapper.local_table.name}.{attribute.key}")


def _check_statement(
    _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, executemany: bool
) -> None:
    if not statement.lstrip()[:6].lower().startswith(_WRITES):
        return
    rows = parameters if executemany else [parameters]
    for row in rows:
        values = row.values() if isinstance(row, dict) else row
        if any(_holds_number(value) for value in _as_iterable(values)):
            raise IdentityNumberRefused(statement.split("(", 1)[0].strip()[:60])


def _as_iterable(values: Any) -> Iterable[Any]:
    return values if isinstance(values, Iterable) and not isinstance(values, str | bytes) else (values,)


def _holds_number(value: Any) -> bool:
    """A JSON column arrives serialised (SQLite: a string, escapes and all) or wrapped (psycopg's `Json`,
    the value in `.obj`): either way its strings are checked once decoded."""
    if hasattr(value, "obj"):
        return holds_identity_number(value.obj)
    if not isinstance(value, str):
        return holds_identity_number(value)
    if value[:1] in ("{", "[", '"'):
        try:
            return holds_identity_number(json.loads(value))
        except ValueError:
            pass
    return contains_identity_number(value)
