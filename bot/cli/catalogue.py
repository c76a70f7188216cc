"""`govbot import-systems`: loading a system catalogue from CSV or Excel.

Every row is validated before anything is written; a file with a bad row imports nothing unless the user
says `--skip-bad-rows`, so a half-imported catalogue never answers "who owns X" wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter, lang_option, local_user

if TYPE_CHECKING:
    from bot.settings import Settings
    from models.catalogue.importer import ImportReport

EXAMPLES = """columns (header row): name, aliases, domain, cross_domains, coordinating_domain, description
  lists (aliases, cross_domains) are separated by ';'; a domain is given by its key or its name

examples:
  govbot import-systems systems.csv
  govbot import-systems systems.xlsx --skip-bad-rows
  govbot import-systems nord-systems.csv --model helse-nord-2026
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "import-systems",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="import a system catalogue (CSV or XLSX)",
        description="Import or update systems from a CSV or Excel (.xlsx) file into the selected model.\n"
        "Systems are matched by name: a re-import updates them instead of adding duplicates.",
        epilog=EXAMPLES,
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the catalogue file (.csv or .xlsx)")
    parser.add_argument(
        "--skip-bad-rows", action="store_true", help="import the good rows even when some rows are bad"
    )
    lang_option(parser)
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import cli_language
    from bot.composition import build_context
    from handlers.texts import t
    from models.catalogue.importer import import_catalogue
    from models.tables import GovernanceModelRow

    actor = f"terminal:{local_user()}"
    context = build_context(settings, actor=actor)
    store = context.store
    try:
        with store.session() as session:
            model_row = session.get_one(GovernanceModelRow, store.model_id)
            report = import_catalogue(
                session, model_row, args.file, actor=actor, skip_bad_rows=args.skip_bad_rows
            )
    finally:
        store.close()
    language = cli_language(args)
    _print_bad_rows(report, language)
    if not report.applied:
        good = report.total_rows - len(report.errors)
        refused = t(language, "cli.import.refused", file=report.file, count=len(report.errors), good=good)
        print(refused, file=sys.stderr)
        return 1
    done = t(
        language,
        "cli.import.done",
        file=report.file,
        region=store.model.region,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
    )
    print(done)
    return 0


def _print_bad_rows(report: ImportReport, language: str) -> None:
    """Each bad row with its reasons in the reader's language (models/catalogue/reasons.py); the column
    names stay as the file's header row spells them."""
    from handlers.texts import t

    for error in report.errors:
        reason = error.text(language)  # type: ignore[arg-type]
        line = t(language, "cli.import.bad_row", file=report.file, row=error.row, reason=reason)  # type: ignore[arg-type]
        print(line, file=sys.stderr)
