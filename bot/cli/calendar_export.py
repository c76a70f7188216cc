"""`govbot export calendar --body B`: the body's meetings (with their agendas) and paper deadlines as an
.ics file, the same one the server's feed serves."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot export calendar --body Pasientbehandling > pasientbehandling.ics
  govbot export calendar --body porteføljestyret --output portefolje.ics --lang en
  govbot export portfolio --year 2027 --xlsx portefolje-2027.xlsx

each meeting ends at its end time (two hours after the start when none was given) and carries its agenda
(numbered case titles) and paper deadline in its description; each deadline is also an all-day event.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    export = subparsers.add_parser(
        "export",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="export data (calendar, portfolio)",
        description="Export data for other tools.",
        epilog=EXAMPLES,
    )
    commands = export.add_subparsers(dest="export_command", metavar="COMMAND", required=True)
    calendar = commands.add_parser(
        "calendar",
        parents=[parent],
        help="iCalendar feed of a body's meetings",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    calendar.add_argument("--body", required=True, help="body name or key, or a domain name")
    calendar.add_argument("--output", type=Path, help="write to this file (default: standard output)")
    calendar.add_argument("--lang", choices=("nb", "en"), default="nb", help="wording (default: nb)")
    calendar.set_defaults(run=run_calendar)
    portfolio = commands.add_parser(
        "portfolio",
        parents=[parent],
        help="the portfolio's frames and initiatives as an Excel workbook for board papers",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    portfolio.add_argument("--year", type=int, required=True, help="the budget year")
    portfolio.add_argument("--xlsx", type=Path, required=True, metavar="FILE", help="the workbook to write")
    portfolio.add_argument("--lang", choices=("nb", "en"), help="wording (default: from LANG)")
    portfolio.set_defaults(run=run_portfolio)


def run_calendar(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import build_context
    from handlers.meetings.access import MeetingError, resolve_body
    from handlers.meetings.calendar import body_calendar
    from handlers.texts import t

    context = build_context(settings, actor="cli:export")
    store = context.store
    try:
        with store.read() as session:
            body = resolve_body(session, store.model_id, args.body)
            data = body_calendar(session, store.model.key, body, context.clock(), args.lang)
    except MeetingError as refusal:
        print(t(args.lang, refusal.key, **refusal.params), file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def run_portfolio(args: argparse.Namespace, settings: Settings) -> int:
    """`govbot export portfolio --year 2027 --xlsx FILE`: a summary sheet and one sheet per domain."""
    from bot.cli.meeting_runner import cli_language
    from bot.composition import build_context
    from handlers.frames.excel import portfolio_workbook
    from handlers.texts import t

    language = cli_language(args)
    context = build_context(settings, actor="cli:export")
    store = context.store
    try:
        if store.model.frames is None:
            print(t(language, "frames.no_policy"), file=sys.stderr)
            return 1
        with store.read() as session:
            data = portfolio_workbook(session, store.model, store.model_id, args.year, language)
    finally:
        store.close()
    args.xlsx.write_bytes(data)
    print(t(language, "frames.xlsx.written", year=args.year, file=args.xlsx))
    return 0
