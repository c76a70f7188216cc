"""`govbot followups …`: follow-ups (oppfølgingspunkter) from decisions, with owner and due date.

The body's secretariat, chair or owner adds one to a decision (its id in brackets in `govbot decisions
list`); its owner or the secretariat marks it done or gives it a new due date. The owner is reminded
through the outbox before it is due and once when it is overdue (handlers/followups/reminders.py).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import dump, run_action
from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot followups add --decision 3 --owner hanne-kristoffersen --due 2027-01-15 --text "Lag kostnadsoverslag" --as hilde-karlsen
  govbot followups add --decision 3 --owner "Hanne Kristoffersen" --due 15.01.2027 --text "Lag kostnadsoverslag" --as hilde-karlsen
  govbot followups list --mine --as hanne-kristoffersen
  govbot followups list --json
  govbot followups done 4 --as hanne-kristoffersen
  govbot followups due 4 --date 2027-02-01 --as hilde-karlsen

--owner is a person key or a full name; dates are YYYY-MM-DD, DD.MM.YYYY or +N (N working days from
today). The owner is reminded before the due date (the model's assignment lead times) and once when it is overdue, until it is done.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    followups = subparsers.add_parser(
        "followups",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="follow-ups (oppfølgingspunkter) from decisions, with owner and due date",
        description="Add follow-ups to decisions, list them, mark them done or give them a new due date.",
        epilog=EXAMPLES,
    )
    commands = followups.add_subparsers(dest="followups_command", metavar="COMMAND", required=True)
    add = commands.add_parser(
        "add", parents=[parent], help="add a follow-up to a decision", epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )  # fmt: skip
    add.add_argument("--decision", type=int, required=True, metavar="DECISION_ID", help="the decision's id")
    add.add_argument("--owner", required=True, metavar="PERSON", help="person key or full name")
    add.add_argument("--due", type=_day, required=True, metavar="DATE", help="due date")
    add.add_argument("--text", required=True, help="what is to be done")
    _as(add, required=True)
    add.set_defaults(run=run_add)
    listing = commands.add_parser(
        "list", parents=[parent], help="list follow-ups", epilog=EXAMPLES, formatter_class=HelpFormatter
    )
    listing.add_argument("--mine", action="store_true", help="only the open ones of --as")
    _as(listing, required=False)
    listing.set_defaults(run=run_list)
    done = commands.add_parser(
        "done", parents=[parent], help="mark a follow-up done", epilog=EXAMPLES, formatter_class=HelpFormatter
    )
    done.add_argument("id", type=int, metavar="FOLLOW_UP_ID")
    _as(done, required=True)
    done.set_defaults(run=run_done)
    due = commands.add_parser(
        "due", parents=[parent], help="give a follow-up a new due date", epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )  # fmt: skip
    due.add_argument("id", type=int, metavar="FOLLOW_UP_ID")
    due.add_argument("--date", type=_day, required=True, metavar="DATE", help="the new due date")
    _as(due, required=True)
    due.set_defaults(run=run_due)


def _day(text: str) -> date:
    from handlers.context import system_clock
    from handlers.followups.dates import parse_due
    from handlers.meetings.deadlines import local_date

    value = parse_due(text, local_date(system_clock()))
    if value is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date; use YYYY-MM-DD, DD.MM.YYYY or +N (N working days from today)"
        )
    return value


def _as(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--as", dest="as_person", required=required, metavar="PERSON_KEY", help="who acts (or whose)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")


def _data(listed: Any) -> dict[str, Any]:
    f = listed.follow_up
    return {
        "id": f.id,
        "decision": f.decision_id,
        "number": listed.number,
        "text": f.text,
        "owner": f.owner_key,
        "owner_name": listed.owner_name,
        "due": f.due.isoformat(),
        "status": f.status,
        "done_by": f.done_by,
    }


def _one(session: Any, ctx: Any, follow_up_id: int) -> dict[str, Any]:
    from handlers.followups.manage import list_follow_ups

    return next(
        _data(x) for x in list_follow_ups(session, ctx.store.model_id) if x.follow_up.id == follow_up_id
    )


def _show(key: str, args: argparse.Namespace) -> Any:
    from bot.cli.meeting_runner import cli_language
    from handlers.minutes.content import date_words
    from handlers.person_names import shown_name
    from handlers.texts import t

    def show(data: dict[str, Any], as_json: bool) -> str:
        if as_json:
            return dump(data)
        language = cli_language(args)
        due = date_words(language, date.fromisoformat(data["due"]))
        return t(language, key, id=data["id"], number=data["number"], owner=shown_name(data["owner_name"], language), due=due,
                 text=data["text"])  # fmt: skip

    return show


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.followups.manage import add_follow_up

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        added = add_follow_up(
            session, ctx.model, ctx.store.model_id, actor, decision_id=args.decision, owner=args.owner,
            due=args.due, text=args.text, now=ctx.clock(),
        )  # fmt: skip
        return _one(session, ctx, added.id)

    return run_action(settings, args, action, _show("followups.added", args))


def run_done(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.followups.manage import mark_done

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        mark_done(session, ctx.model, ctx.store.model_id, actor, args.id, ctx.clock())
        return _one(session, ctx, args.id)

    return run_action(settings, args, action, _show("followups.done", args))


def run_due(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.followups.manage import set_due

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        set_due(session, ctx.model, ctx.store.model_id, actor, args.id, args.date, ctx.clock())
        return _one(session, ctx, args.id)

    return run_action(settings, args, action, _show("followups.moved", args))


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import cli_language
    from handlers.followups.manage import list_follow_ups
    from handlers.meetings.access import MeetingError

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        if args.mine and actor is None:
            raise MeetingError("followups.mine_unknown")
        owner = actor.person_key if args.mine else None
        rows = list_follow_ups(session, ctx.store.model_id, owner_key=owner, open_only=args.mine)
        return [_data(x) for x in rows]

    def show(data: list[dict[str, Any]], as_json: bool) -> str:
        from handlers.minutes.content import date_words
        from handlers.person_names import shown_name

        if as_json:
            return dump(data)
        language = cli_language(args)
        lines = [
            f"[{d['id']}] {'Sak' if language == 'nb' else 'Case'} {d['number']}: {d['text']} – {shown_name(d['owner_name'], language)}, "
            f"{date_words(language, date.fromisoformat(d['due']))}" + (" ✓" if d["status"] == "done" else "")
            for d in data
        ]
        return "\n".join(lines) or t_none(language)

    return run_action(settings, args, action, show)


def t_none(language: str) -> str:
    from handlers.texts import t

    return t(language, "followups.mine_none")  # type: ignore[arg-type]
