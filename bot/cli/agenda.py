"""`govbot agenda …`: cases on a meeting's agenda, their order, moves and withdrawals, delivered papers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import dump, run_action
from bot.cli.minutes import register_agenda_export
from bot.cli.options import HelpFormatter, lang_option

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot agenda add --meeting 3 --title "Ny kurveløsning" --owner hanne-kristoffersen --operating-cost 1,5 --as hilde-karlsen
  govbot agenda add --meeting 3 --title "Kurveløsning" --owner hanne-kristoffersen --initiative INI-2026-0007 --as hilde-karlsen
  govbot agenda add --meeting 3 --title "Status" --owner ola-hansen --kind orientation --as hilde-karlsen
  govbot agenda delivered 12 --as hilde-karlsen
  govbot agenda export 3 --output sakliste.docx --lang en
  govbot agenda list --meeting 3
  govbot agenda reorder 12 --position 1 --as hilde-karlsen
  govbot agenda move 12 --to 4 --as hilde-karlsen
  govbot agenda withdraw 12 --reason "Utsatt til budsjettet er klart" --as hilde-karlsen

A case goes on the agenda only when its papers show what the model requires (hso-2026: the yearly
operating-cost consequences of a decision case, sak 000 §2.4), from --operating-cost or from the linked
initiative. Otherwise nothing is added, you are told what is missing, and the case owner is asked in chat.
"""
DELIVERED_EXAMPLES = """examples:
  govbot agenda delivered 12 --as hilde-karlsen          (the secretariat marks case id 12 delivered)
  govbot agenda delivered 12 --as hanne-kristoffersen --json   (the case owner may mark their own case)

ITEM_ID is the case's id (in brackets in `govbot meetings list`), not its number like 12-2026.
"""
CHANGE_EXAMPLES = """examples:
  govbot agenda reorder 12 --position 1 --as hilde-karlsen      (case id 12 first on its agenda)
  govbot agenda move 12 --to 4 --as hilde-karlsen               (to meeting 4 of the same body, last)
  govbot agenda withdraw 12 --reason "Utsatt" --as hilde-karlsen

ITEM_ID is the case's id (in brackets in `govbot agenda list`). Only the body's secretariat, chair or
owner may change its agenda, and only of a coming meeting. A moved case keeps its number; its owner's
paper reminders follow the new meeting's deadline. A withdrawn case stays on record with its reason and
gets no more reminders. The proposer of a linked initiative and the case owner are told.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    agenda = subparsers.add_parser(
        "agenda",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="cases on meeting agendas: add, list, reorder, move, withdraw, delivered",
        description="Add cases to a meeting's agenda, list, reorder, move and withdraw them, and mark their "
        "papers as delivered.",
        epilog=EXAMPLES,
    )
    commands = agenda.add_subparsers(dest="agenda_command", metavar="COMMAND", required=True)
    add = commands.add_parser(
        "add", parents=[parent], help="add a case", epilog=EXAMPLES, formatter_class=HelpFormatter
    )
    add.add_argument("--meeting", type=int, required=True, help="meeting id")
    add.add_argument("--title", required=True)
    add.add_argument("--owner", required=True, metavar="PERSON_KEY", help="case owner")
    add.add_argument("--kind", default="decision", help="decision (default), orientation or discussion")
    add.add_argument("--initiative", metavar="INI-…", help="linked initiative reference")
    add.add_argument(
        "--operating-cost",
        metavar="MNOK",
        help="yearly operating-cost consequences in MNOK (0 if none; a range like 1-2 is fine)",
    )
    add.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY")
    add.add_argument("--json", action="store_true")
    lang_option(add)
    add.set_defaults(run=run_add)
    delivered = commands.add_parser(
        "delivered",
        parents=[parent],
        help="mark a case's papers delivered",
        description="Mark a case's papers as delivered: its owner stops getting reminders at once.",
        epilog=DELIVERED_EXAMPLES,
        formatter_class=HelpFormatter,
    )
    delivered.add_argument("item", type=int, metavar="ITEM_ID")
    delivered.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY")
    delivered.add_argument("--json", action="store_true")
    lang_option(delivered)
    delivered.set_defaults(run=run_delivered)
    register_agenda_export(commands, parent)
    listing = commands.add_parser(
        "list",
        parents=[parent],
        help="a meeting's agenda in order",
        description="A meeting's agenda in order, then the cases withdrawn from it with their reasons.",
        formatter_class=HelpFormatter,
    )
    listing.add_argument("--meeting", type=int, required=True, help="meeting id")
    listing.add_argument("--json", action="store_true")
    lang_option(listing)
    listing.set_defaults(run=run_list)
    for name, help_text in (
        ("reorder", "put a case at another place on its agenda"),
        ("move", "move a case to another meeting of the same body"),
        ("withdraw", "withdraw a case from the agenda, with a reason"),
    ):
        change = commands.add_parser(
            name, parents=[parent], help=help_text, description=help_text.capitalize() + ".",
            epilog=CHANGE_EXAMPLES, formatter_class=HelpFormatter,
        )  # fmt: skip
        change.add_argument("item", type=int, metavar="ITEM_ID")
        if name == "reorder":
            change.add_argument("--position", type=int, required=True, help="1 is first")
        elif name == "move":
            change.add_argument("--to", dest="to_meeting", type=int, required=True, metavar="MEETING_ID")
        else:
            change.add_argument("--reason", required=True, help="why it leaves the agenda (kept on record)")
        change.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY")
        change.add_argument("--json", action="store_true")
        lang_option(change)
        change.set_defaults(run=run_change)


def _show(data: dict[str, Any], as_json: bool) -> str:
    return dump(data)  # every action returns an Output; this only serves run_action's signature


def _output(session: Any, ctx: Any, data: dict[str, Any], args: argparse.Namespace) -> Any:
    """One case as JSON and as a line in the person's language, its owner by name."""
    from bot.cli.meeting_output import item_text, owner_names
    from bot.cli.meeting_runner import Output, cli_language

    line = item_text(data, cli_language(args), owner_names(session, ctx.store.model_id, [data]))
    return Output(data, line[:1].upper() + line[1:])


def _data(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "meeting": item.meeting_id,
        "position": item.position,
        "status": item.status,
        "withdrawn_reason": item.withdrawn_reason,
        "withdrawn_by": item.withdrawn_by,
        "number": item.number,
        "title": item.title,
        "owner": item.owner_key,
        "kind": item.kind,
        "initiative": item.initiative_ref,
        "operating_cost": _mnok(item.operating_min_mnok, item.operating_max_mnok),
        "papers_delivered_at": item.papers_delivered_at and item.papers_delivered_at.isoformat(),
    }


def _mnok(low: float | None, high: float | None) -> str | None:
    if low is None or high is None:
        return None
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def run_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import Refused, cli_language
    from handlers.initiatives.amounts import AmountError, parse_mnok
    from handlers.meetings.access import MeetingError
    from handlers.meetings.agenda import add_item
    from handlers.meetings.readiness import NotReady

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        try:
            cost = parse_mnok(args.operating_cost)
        except AmountError:
            raise MeetingError("agenda.bad_amount", value=args.operating_cost) from None
        item = add_item(
            session,
            ctx.model,
            ctx.store.model_id,
            actor,
            args.meeting,
            title=args.title,
            owner_key=args.owner,
            kind=args.kind,
            initiative_ref=args.initiative,
            now=ctx.clock(),
            operating_cost=cost,
        )
        if isinstance(item, NotReady):
            return Refused(item.message(cli_language(args)))
        return _output(session, ctx, _data(item), args)

    return run_action(settings, args, action, _show)


def run_delivered(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.meetings.agenda import mark_delivered

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        item = mark_delivered(session, ctx.model, ctx.store.model_id, actor, args.item, ctx.clock())
        return _output(session, ctx, _data(item), args)

    return run_action(settings, args, action, _show)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_output import item_text, owner_names
    from bot.cli.meeting_runner import Output, cli_language
    from handlers.meetings.access import get_meeting
    from handlers.texts import t

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        meeting = get_meeting(session, ctx.store.model_id, args.meeting)
        session.refresh(meeting, ["items", "withdrawn_items"])
        data = {
            "meeting": meeting.id,
            "agenda": [_data(item) for item in meeting.items],
            "withdrawn": [_data(item) for item in meeting.withdrawn_items],
        }
        language = cli_language(args)
        names = owner_names(session, ctx.store.model_id, data["agenda"])
        lines = [f"{i['position']}. {item_text(i, language, names)}" for i in data["agenda"]]
        lines = lines or [t(language, "cli.agenda.empty")]
        lines += [t(language, "cli.agenda.withdrawn_line", number=i["number"], id=i["id"], title=i["title"],
                    reason=i["withdrawn_reason"]) for i in data["withdrawn"]]  # fmt: skip
        return Output(data, "\n".join(lines))

    return run_action(settings, args, action, _show)


def run_change(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import Output, cli_language
    from handlers.meetings import agenda_changes
    from handlers.texts import t

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        common = (session, ctx.model, ctx.store.model_id, actor, args.item)
        if args.agenda_command == "reorder":
            item = agenda_changes.reorder_item(*common, args.position, ctx.clock())
        elif args.agenda_command == "move":
            item = agenda_changes.move_item(*common, args.to_meeting, ctx.clock())
        else:
            item = agenda_changes.withdraw_item(*common, args.reason, ctx.clock())
        data = _data(item)
        language = cli_language(args)
        if data["status"] == "withdrawn":
            text = t(language, "cli.agenda.withdrawn", number=data["number"], id=data["id"],
                     title=data["title"], reason=data["withdrawn_reason"])  # fmt: skip
            return Output(data, text)
        line = _output(session, ctx, data, args).text
        text = t(language, "cli.agenda.placed", item=line, position=data["position"], meeting=data["meeting"])
        return Output(data, text)

    return run_action(settings, args, action, _show)
