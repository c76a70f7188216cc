"""Running one meetings/agenda command: open the context, act as a named person, print the outcome.

Changes need `--as PERSON_KEY` (required by the parsers): the CLI has no directory behind it, so the
person is named, resolved against the roster like any chat user and refused unless they hold a
secretariat, chair or owner role in the body. There is deliberately no admin override.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.settings import Settings
    from handlers.context import HandlerContext
    from handlers.identity import Actor

OSLO = ZoneInfo("Europe/Oslo")


def iso_datetime(text: str) -> datetime:
    """argparse type: ISO date-time; without an offset it is Oslo wall-clock time."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time; use ISO format, e.g. 2027-04-05T09:00"
        ) from exc
    return value.replace(tzinfo=OSLO) if value.tzinfo is None else value


Action = Callable[["Session", "HandlerContext", "Actor | None"], Any]


BUSY_ATTEMPTS = 4
"""Tries of a command whose transaction found the store busy, before it says "busy, try again"."""


def run_action(
    settings: Settings, args: argparse.Namespace, action: Action, show: Callable[[Any, bool], str]
) -> int:
    """Run `action` in one transaction, again after a short pause while the store is busy.

    A busy store (another writer holding the lock past SQLite's busy timeout or PostgreSQL's
    `lock_timeout`) rolled the transaction back, so trying again is safe; after the last try the user
    reads the polite "busy, try again" and the exit code is 2, as for other database trouble.
    """
    from handlers.texts import t
    from models.busy import is_busy

    for attempt in range(1, BUSY_ATTEMPTS + 1):
        try:
            return _run_once(settings, args, action, show)
        except Exception as exc:
            if not is_busy(exc):
                raise
            if attempt == BUSY_ATTEMPTS:
                print(t("en", "error.busy") + " Nothing was written.", file=sys.stderr)
                return 2
            time.sleep(random.uniform(0.05, 0.25) * attempt)  # spread the retries of parallel callers
    raise AssertionError("unreachable")


def _run_once(
    settings: Settings, args: argparse.Namespace, action: Action, show: Callable[[Any, bool], str]
) -> int:
    """One try: a refusal prints a sentence and exits 1 with nothing written."""
    from bot.composition import build_context
    from handlers.identity import resolve_actor
    from handlers.meetings.access import MeetingError
    from handlers.messages import Sender
    from handlers.texts import t

    person = getattr(args, "as_person", None)
    context = build_context(settings, actor=f"cli:{person or 'anonymous'}")
    store = context.store
    try:
        with store.session() as session:
            actor = resolve_actor(session, store.model_id, Sender("cli", person)) if person else None
            if person and actor is not None and not actor.known:
                raise MeetingError("agenda.no_person", person=person)
            result = action(session, context, actor)
            output = show(result, bool(getattr(args, "json", False)))
    except MeetingError as refusal:
        print(t("en", refusal.key, **refusal.params), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(output)
    return 0


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
