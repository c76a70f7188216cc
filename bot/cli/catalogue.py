"""`govbot import-systems`: loading a system catalogue from CSV or Excel.

Every row is validated before anything is written; a file with a bad row imports nothing unless the user
says `--skip-bad-rows`, so a half-imported catalogue never answers "who owns X" wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter, local_user

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
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import build_context
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
    _print_bad_rows(report)
    if not report.applied:
        good = report.total_rows - len(report.errors)
        print(
            f"{report.file}: {len(report.errors)} bad row(s); nothing was imported. Fix them, or run again "
            f"with --skip-bad-rows to import the {good} good row(s).",
            file=sys.stderr,
        )
        return 1
    print(
        f"{report.file}: imported into {store.model.key}: {report.created} created, "
        f"{report.updated} updated, {report.skipped} skipped."
    )
    return 0


def _print_bad_rows(report: ImportReport) -> None:
    for error in report.errors:
        print(f"{report.file}: row {error.row}: {error.reason}", file=sys.stderr)
