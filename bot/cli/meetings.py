"""`govbot meetings …`: plan, list, move and cancel meetings; printing their computed deadlines.

Deadlines come from the model file's rules (papers due `paper_lead_days` before, on a working day); every
change is audited and re-plans the meeting's reminders in the same transaction.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import clock_time, dump, iso_datetime, run_action
from bot.cli.options import HelpFormatter, lang_option

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot meetings add --body Pasientbehandling --at 2027-04-05T09:00 --place "Teams" --as hilde-karlsen
  govbot meetings add --body Pasientbehandling --at 2027-04-05T09:00 --ends 12:00 --as hilde-karlsen
  govbot meetings list --body Pasientbehandling --json
  govbot meetings move 3 --at 2027-04-12T09:00 --as hilde-karlsen
  govbot meetings cancel 3 --reason "Ingen saker" --as hilde-karlsen
  govbot meetings remind 3 --as hilde-karlsen          (preview; add --send to queue)
  govbot meetings notice --body Pasientbehandling --text "Sakspapirene er publisert" --as hilde-karlsen

times without an offset are Europe/Oslo; a meeting without --ends is assumed to last two hours; --as names the person (key in the model) who makes the change:
only the body's secretariat, chair or owner may change its meetings. A date in the past, on a Saturday,
Sunday or public holiday, or with the paper deadline already gone is refused (exit 2, nothing stored)
until it is given again with --confirm.
"""
LIST_EXAMPLES = """examples:
  govbot meetings list                                   (every meeting, with deadlines and agenda)
  govbot meetings list --body Pasientbehandling --json   (one body; a domain name finds its board)
"""
MOVE_EXAMPLES = """examples:
  govbot meetings move 3 --at 2027-04-12T09:00 --as hilde-karlsen
  govbot meetings move 3 --at 2027-04-12T13:00 --place "Møterom 2" --as hilde-karlsen --json

deadlines are recomputed; reminders for the old date are cancelled and new ones planned.
"""
CANCEL_EXAMPLES = """examples:
  govbot meetings cancel 3 --reason "Ingen saker" --as hilde-karlsen

pending reminders for a cancelled meeting are cancelled: none is sent.
"""


def _as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who acts")
    parser.add_argument("--json", action="store_true", help="print JSON")
    lang_option(parser)


def _confirm(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--confirm",
        action="store_true",
        help="plan it although the date gives a warning (past, weekend, holiday, paper deadline gone)",
    )


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    meetings = subparsers.add_parser(
        "meetings",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="plan and list meetings",
        description="Plan, list, move and cancel meetings of a body.",
        epilog=EXAMPLES,
    )
    commands = meetings.add_subparsers(dest="meetings_command", metavar="COMMAND", required=True)
    add = commands.add_parser(
        "add", parents=[parent], help="plan a meeting", epilog=EXAMPLES, formatter_class=HelpFormatter
    )
    add.add_argument("--body", required=True, help="body name or key, or a domain name")
    add.add_argument("--at", required=True, type=iso_datetime, help="start, e.g. 2027-04-05T09:00")
    add.add_argument("--place", help="room or meeting link")
    add.add_argument(
        "--ends", type=clock_time, metavar="HH:MM", help="end time (default: two hours after start)"
    )
    _as(add)
    _confirm(add)
    add.set_defaults(run=run_add)
    listing = commands.add_parser(
        "list", parents=[parent], help="list meetings", epilog=LIST_EXAMPLES, formatter_class=HelpFormatter
    )
    listing.add_argument("--body", help="only this body")
    listing.add_argument("--json", action="store_true", help="print JSON")
    lang_option(listing)
    listing.set_defaults(run=run_list)
    move = commands.add_parser(
        "move", parents=[parent], help="move a meeting", epilog=MOVE_EXAMPLES, formatter_class=HelpFormatter
    )
    move.add_argument("id", type=int)
    move.add_argument("--at", required=True, type=iso_datetime)
    move.add_argument("--place")
    move.add_argument("--ends", type=clock_time, metavar="HH:MM", help="new end time (default: same length)")
    _as(move)
    _confirm(move)
    move.set_defaults(run=run_move)
    cancel = commands.add_parser(
        "cancel",
        parents=[parent],
        help="cancel a meeting",
        epilog=CANCEL_EXAMPLES,
        formatter_class=HelpFormatter,
    )
    cancel.add_argument("id", type=int)
    cancel.add_argument("--reason", required=True)
    _as(cancel)
    cancel.set_defaults(run=run_cancel)
    from bot.cli import meeting_sends

    meeting_sends.register(commands, parent)


def _show_meeting(data: Any, as_json: bool) -> str:
    return dump(data)  # every action returns an Output; this only serves run_action's signature


def _output(session: Any, ctx: Any, data: dict[str, Any], args: argparse.Namespace) -> Any:
    """The meeting as JSON and as words in the person's language, owners by name."""
    from bot.cli.meeting_output import meeting_text, owner_names
    from bot.cli.meeting_runner import Output, cli_language

    names = owner_names(session, ctx.store.model_id, data["agenda"])
    return Output(data, meeting_text(data, cli_language(args), names))


def _checked(session: Any, ctx: Any, actor: Any, body: Any, args: argparse.Namespace) -> list[str]:
    """Permission first (an outsider hears no warnings), then the date's warnings, refused unconfirmed."""
    from bot.cli.meeting_runner import cli_language
    from handlers.meetings.access import check_may_manage
    from handlers.meetings.plan_checks import check_date

    check_may_manage(session, body, actor)
    warnings = check_date(ctx.model, body, args.at, ctx.clock(), confirmed=args.confirm)
    return [w.text(cli_language(args)) for w in warnings]


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_output import meeting_data
    from handlers.meetings.access import resolve_body
    from handlers.meetings.planning import add_meeting

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        body = resolve_body(session, ctx.store.model_id, args.body)
        warnings = _checked(session, ctx, actor, body, args)
        meeting = add_meeting(
            session, ctx.model, ctx.store.model_id, actor, body, args.at, args.place, ctx.clock(), args.ends
        )
        return _output(session, ctx, {**meeting_data(session, meeting), "warnings": warnings}, args)

    return run_action(settings, args, action, _show_meeting)


def run_move(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_output import meeting_data
    from handlers.meetings.access import get_meeting
    from handlers.meetings.planning import move_meeting
    from models.tables import Body

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        body = session.get_one(Body, get_meeting(session, ctx.store.model_id, args.id).body_id)
        warnings = _checked(session, ctx, actor, body, args)
        meeting = move_meeting(
            session,
            ctx.model,
            ctx.store.model_id,
            actor,
            args.id,
            args.at,
            ctx.clock(),
            args.place,
            args.ends,
        )
        return _output(session, ctx, {**meeting_data(session, meeting), "warnings": warnings}, args)

    return run_action(settings, args, action, _show_meeting)


def run_cancel(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_output import meeting_data
    from handlers.meetings.planning import cancel_meeting

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        meeting = cancel_meeting(
            session, ctx.model, ctx.store.model_id, actor, args.id, args.reason, ctx.clock()
        )
        return _output(session, ctx, meeting_data(session, meeting), args)

    return run_action(settings, args, action, _show_meeting)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_output import meeting_data, meeting_text, owner_names
    from bot.cli.meeting_runner import Output, cli_language
    from handlers.meetings.access import resolve_body
    from handlers.texts import t
    from models.repositories.meetings import meetings_of

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        body_id = resolve_body(session, ctx.store.model_id, args.body).id if args.body else None
        data = [meeting_data(session, m) for m in meetings_of(session, ctx.store.model_id, body_id)]
        language = cli_language(args)
        names = owner_names(session, ctx.store.model_id, [i for d in data for i in d["agenda"]])
        text = "\n".join(meeting_text(d, language, names) for d in data) or t(language, "cli.meeting.none")
        return Output(data, text)

    return run_action(settings, args, action, _show_meeting)
