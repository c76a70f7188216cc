"""`govbot initiatives submit` and `govbot initiatives move`: scripted intake and state changes.

Submit reads the same fields as the chat form from a JSON file (or `-` for stdin), so a batch of
proposals from a spreadsheet export goes through the same validation, numbering and notices as chat.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter, local_user

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """fields (JSON object): title, need, change, benefit, trusts (list of short names), systems (list,
optional), investment and operating_cost (MNOK, a number or "10-20", optional), contact, domain (optional key)

examples:
  govbot initiatives submit --file initiative.json
  cat initiative.json | govbot initiatives submit --file -
  govbot initiatives move INI-2026-0001 under_vurdering --as silje-kristiansen
  govbot initiatives move INI-2026-0001 avvist --reason "Dekkes av eksisterende løsning" --as silje-kristiansen
  govbot initiatives move INI-2026-0001 BP1 --meeting 2026-03-10 --as ingrid-johansen
  govbot initiatives budget-year INI-2026-0004 2027 --as hilde-karlsen

A decision point is recorded by the body the model gives it (BP1-BP3: the portfolio board) and names
the meeting that decided it (--meeting: its id or date; default: that body's meeting today).
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    group = subparsers.add_parser(
        "initiatives",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="submit initiatives and change their status",
        description="Propose initiatives from a file and move them through their lifecycle.",
        epilog=EXAMPLES,
    )
    commands = group.add_subparsers(dest="initiatives_command", metavar="ACTION", required=True)
    submit = commands.add_parser("submit", parents=[parent], help="submit an initiative from a JSON file")
    submit.add_argument(
        "--file", required=True, metavar="FILE", help="JSON file with the fields, or - for stdin"
    )
    submit.add_argument(
        "--as", dest="as_person", metavar="PERSON_KEY", help="submit as this person in the model"
    )
    submit.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of messages")
    submit.set_defaults(run=run_submit)
    move = commands.add_parser("move", parents=[parent], help="change the status of an initiative")
    move.add_argument("reference", metavar="REF", help="e.g. INI-2026-0001")
    move.add_argument("state", metavar="STATE", help="e.g. under_vurdering, prioritert, BP1, avvist")
    move.add_argument("--reason", help="why (required for avvist, parkert and avsluttet)")
    move.add_argument(
        "--meeting", metavar="ID_OR_DATE", help="meeting that decided a decision point (id or date)"
    )
    move.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who moves it")
    move.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of messages")
    move.set_defaults(run=run_move)
    year = commands.add_parser("budget-year", parents=[parent], formatter_class=HelpFormatter, epilog=EXAMPLES,
                               help="the year whose frame an initiative counts against")  # fmt: skip
    year.add_argument("reference", metavar="REF", help="e.g. INI-2026-0004")
    year.add_argument("year", metavar="YEAR", help="e.g. 2027, or 'none' for the reference year")
    year.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who sets it")
    year.add_argument("--json", action="store_true", help="print JSON")
    year.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")
    year.set_defaults(run=run_budget_year)


def run_submit(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.errors import EXIT_USAGE
    from bot.composition import build_context
    from handlers.initiatives.intake import process_intake
    from handlers.messages import Sender
    from handlers.replies import render_plain

    raw = sys.stdin.read() if args.file == "-" else _read(args.file)
    if raw is None:
        return EXIT_USAGE
    try:
        values = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"{args.file}: not valid JSON (line {exc.lineno}): {exc.msg}", file=sys.stderr)
        return EXIT_USAGE
    if not isinstance(values, dict):
        print(f"{args.file}: expected a JSON object with the initiative's fields", file=sys.stderr)
        return EXIT_USAGE
    sender = Sender(platform="cli", user_id=args.as_person or local_user())
    submission_id = "cli-" + hashlib.sha256(raw.encode()).hexdigest()[:32]
    context = build_context(settings, actor=f"terminal:{local_user()}")
    try:
        result = process_intake(
            context, values, sender=sender, language=args.lang, submission_id=submission_id
        )
    finally:
        context.store.close()
    if not result.ok:
        for field, message in result.errors.items():
            print(f"{field}: {message}", file=sys.stderr)
        return EXIT_USAGE
    assert result.reply is not None
    print(render_plain(result.reply))
    return 0


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        print(f"{path}: cannot read the file ({exc.strerror})", file=sys.stderr)
        return None


def run_move(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import build_context
    from handlers.initiatives.lifecycle import MoveRequest, move_initiative
    from handlers.messages import Sender
    from handlers.replies import render_plain

    context = build_context(settings, actor=f"terminal:{local_user()}")
    try:
        outcome = move_initiative(
            context,
            MoveRequest(args.reference, args.state, args.reason, args.meeting),
            sender=Sender(platform="cli", user_id=args.as_person),
            language=args.lang,
        )
    finally:
        context.store.close()
    print(render_plain(outcome.reply), file=sys.stdout if outcome.ok else sys.stderr)
    return 0 if outcome.ok else 1


def run_budget_year(args: argparse.Namespace, settings: Settings) -> int:
    """The secretariat's way to count an initiative against another year's frame (handlers/frames)."""
    from bot.cli.errors import EXIT_USAGE
    from bot.cli.meeting_runner import Output, cli_language, dump, run_action
    from handlers.frames.budget_year import budget_year_text, set_budget_year
    from handlers.texts import t

    language = cli_language(args)
    raw = args.year.strip().lower()
    if not (raw.isdigit() or raw in {"none", "ingen"}):
        print(t(language, "budget_year.not_a_year", year=args.year[:20]), file=sys.stderr)
        return EXIT_USAGE
    year = int(raw) if raw.isdigit() else None

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        done = set_budget_year(session, ctx.model, ctx.store.model_id, actor, args.reference, year)
        data = {
            "reference": done.reference,
            "from": done.before,
            "to": done.after,
            "frame_year": done.frame_year,
        }
        return Output(data, budget_year_text(language, done))

    return run_action(settings, args, action, lambda data, as_json: dump(data))
