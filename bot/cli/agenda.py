"""`govbot agenda …`: cases on a meeting's agenda and their delivered papers."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import dump, run_action
from bot.cli.minutes import register_agenda_export
from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot agenda add --meeting 3 --title "Ny kurveløsning" --owner hanne-kristoffersen --operating-cost 1,5 --as hilde-karlsen
  govbot agenda add --meeting 3 --title "Kurveløsning" --owner hanne-kristoffersen --initiative INI-2026-0007 --as hilde-karlsen
  govbot agenda add --meeting 3 --title "Status" --owner ola-hansen --kind orientation --as hilde-karlsen
  govbot agenda delivered 12 --as hilde-karlsen
  govbot agenda export 3 --output sakliste.docx --lang en

A case goes on the agenda only when its papers show what the model requires (hso-2026: the yearly
operating-cost consequences of a decision case, sak 000 §2.4), from --operating-cost or from the linked
initiative. Otherwise nothing is added, you are told what is missing, and the case owner is asked in chat.
"""
DELIVERED_EXAMPLES = """examples:
  govbot agenda delivered 12 --as hilde-karlsen          (the secretariat marks case id 12 delivered)
  govbot agenda delivered 12 --as hanne-kristoffersen --json   (the case owner may mark their own case)

ITEM_ID is the case's id (in brackets in `govbot meetings list`), not its number like 12-2026.
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    agenda = subparsers.add_parser(
        "agenda",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="cases on meeting agendas",
        description="Add cases to a meeting's agenda and mark their papers as delivered.",
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
    delivered.set_defaults(run=run_delivered)
    register_agenda_export(commands, parent)


def _show(data: dict[str, Any], as_json: bool) -> str:
    if as_json:
        return dump(data)
    state = (
        f"papers delivered {data['papers_delivered_at']}" if data["papers_delivered_at"] else "papers missing"
    )
    return f"Case {data['number']} [{data['id']}] {data['title']} – {data['owner']}, {state}"


def _data(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "meeting": item.meeting_id,
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
    from bot.cli.meeting_runner import Refused
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
            return Refused(item.message("en"))
        return _data(item)

    return run_action(settings, args, action, _show)


def run_delivered(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.meetings.agenda import mark_delivered

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        return _data(mark_delivered(session, ctx.model, ctx.store.model_id, actor, args.item, ctx.clock()))

    return run_action(settings, args, action, _show)
