"""Running one meetings/agenda command: open the context, act as a named person, print the outcome.

Changes need `--as PERSON_KEY` (required by the parsers): the CLI has no directory behind it, so the
person is named, resolved against the roster like any chat user and refused unless they hold a
secretariat, chair or owner role in the body. There is deliberately no admin override.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from datetime import time as dt_time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.settings import Settings
    from handlers.context import HandlerContext
    from handlers.identity import Actor
    from handlers.messages import Language

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


def clock_time(text: str) -> dt_time:
    """argparse type: a time of day, HH:MM (Oslo wall clock)."""
    try:
        return dt_time.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time of day; use HH:MM, e.g. 11:00") from exc


Action = Callable[["Session", "HandlerContext", "Actor | None"], Any]


@dataclass(frozen=True)
class Refused:
    """An action's refusal that still commits what it wrote (the question a not-ready case's owner gets,
    and its audit row): printed on stderr, exit 1, unlike a MeetingError, which writes nothing."""

    text: str


@dataclass(frozen=True)
class Output:
    """What an action shows: `data` as JSON for scripts (`--json`), `text` for people, in their language,
    built inside the transaction because names and words need the store."""

    data: Any
    text: str


def cli_language(args: argparse.Namespace) -> Language:
    """`--lang` when given, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG) when it names bokmål
    or English, else the model's default language, bokmål (as the identity-number guard speaks)."""
    from handlers.language import from_locale

    chosen = getattr(args, "lang", None)
    if chosen:
        return chosen  # type: ignore[no-any-return]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return from_locale(value) or "nb"
    return "nb"


BUSY_BUDGET_S = 30.0
"""How long a command waits for a busy store before it says "busy, try again"."""


def run_action(
    settings: Settings, args: argparse.Namespace, action: Action, show: Callable[[Any, bool], str]
) -> int:
    """Run `action` in one transaction; a refusal prints a sentence and exits 1 with nothing written.

    A meeting date that gives warnings (`handlers.meetings.plan_checks`) without `--confirm` prints
    them in the user's language (`cli_language`) and exits 2, nothing written either.

    A script may start many commands at once (60 `agenda add` on one meeting) and they queue on one
    row. A command is no chat request, so on PostgreSQL it waits in that queue for up to BUSY_BUDGET_S
    instead of the connections' 2 s `lock_timeout`; on SQLite, whose busy timeout is per attempt and
    whose waiters are not queued in order, it tries again after a short pause until the budget is
    spent (opening the store included). A busy store rolled the transaction back, so trying again is
    safe; at the end the user reads the polite "busy, try again" and the exit code is 3 (store
    unavailable, bot/cli/errors.py).
    """
    from bot.cli.errors import EXIT_STORE
    from bot.composition import build_context
    from handlers.meetings.access import MeetingError
    from handlers.meetings.plan_checks import NeedsConfirmation
    from handlers.texts import t
    from models.busy import is_busy

    person = getattr(args, "as_person", None)
    context: HandlerContext | None = None
    deadline = time.monotonic() + BUSY_BUDGET_S
    try:
        while True:
            try:
                if context is None:  # opening the store may find SQLite busy too (its start-up check)
                    context = build_context(settings, actor=f"cli:{person or 'anonymous'}")
                output = _transaction(context, person, args, action, show)
                if isinstance(output, Refused):
                    print(output.text, file=sys.stderr)
                    return 1
                break
            except NeedsConfirmation as warned:  # the date gives warnings: said, nothing stored
                language = cli_language(args)
                print(warned.text(language), t(language, "meetings.warn.cli_confirm"), file=sys.stderr)
                return 2
            except MeetingError as refusal:
                print(t(cli_language(args), refusal.key, **refusal.params), file=sys.stderr)
                return 1
            except Exception as exc:
                if not is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    language = cli_language(args)
                    print(t(language, "error.busy"), t(language, "cli.nothing_written"), file=sys.stderr)
                    return EXIT_STORE
                time.sleep(random.uniform(0.05, 0.3))  # spread the retries of commands started together
    finally:
        if context is not None:
            context.store.close()
    print(output)
    return 0


def _transaction(
    context: HandlerContext,
    person: str | None,
    args: argparse.Namespace,
    action: Action,
    show: Callable[[Any, bool], str],
) -> str | Refused:
    from sqlalchemy import text

    from handlers.identity import resolve_actor
    from handlers.meetings.access import MeetingError
    from handlers.messages import Sender

    store = context.store
    with store.session() as session:
        if store.engine.dialect.name == "postgresql":
            session.execute(text(f"SET LOCAL lock_timeout = '{int(BUSY_BUDGET_S * 1000)}ms'"))
        actor = resolve_actor(session, store.model_id, Sender("cli", person)) if person else None
        if person and actor is not None and not actor.known:
            raise MeetingError("agenda.no_person", person=person)
        result = action(session, context, actor)
        if isinstance(result, Refused):
            return result
        if isinstance(result, Output):
            return dump(result.data) if getattr(args, "json", False) else result.text
        return show(result, bool(getattr(args, "json", False)))


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
