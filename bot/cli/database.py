"""`govbot db upgrade`: bringing a database to the current schema without starting the bot.

Every other command migrates on its own when needed; this one exists for operators who want the
migration as a separate, visible deployment step. It needs no model file.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter, lang_option

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot db upgrade
  govbot db upgrade --database-url postgresql://govbot@db.example.org/govbot
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    db = subparsers.add_parser(
        "db",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="database maintenance",
        description="Database maintenance commands.",
        epilog=EXAMPLES,
    )
    commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = commands.add_parser(
        "upgrade",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="migrate the database to the newest schema",
        description="Create or migrate the database schema to the newest revision and print the revision.",
        epilog=EXAMPLES,
    )
    lang_option(upgrade)
    upgrade.set_defaults(run=run_upgrade)


def run_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import cli_language
    from handlers.texts import t
    from models.database import create_engine_for
    from models.schema import current_revisions, ensure_schema

    engine = create_engine_for(settings.database_url)
    try:
        before = current_revisions(engine)
        ensure_schema(engine)
        after = current_revisions(engine)
    finally:
        engine.dispose()
    language = cli_language(args)
    if before == after:
        print(t(language, "cli.db.current", revision=_label(after, language)))
    else:
        print(
            t(language, "cli.db.upgraded", revision=_label(after, language), before=_label(before, language))
        )
    return 0


def _label(revisions: frozenset[str], language: str) -> str:
    """Features may branch the migration history, so a database can sit at several heads at once. The
    revision ids are what an operator compares with `alembic heads`, so they are shown as they are."""
    from handlers.texts import t

    return ", ".join(sorted(revisions)) or t(language, "cli.db.empty")  # type: ignore[arg-type]
