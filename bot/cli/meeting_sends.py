"""`govbot meetings remind` and `govbot meetings notice`: the secretariat's own messages.

`remind` previews who would be reminded and queues only with `--send`, so the secretariat sees the
recipients before anything goes; both queue into the outbox that the sweep delivers.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import dump, run_action
from bot.cli.options import HelpFormatter, lang_option

if TYPE_CHECKING:
    from bot.settings import Settings
REMIND_EXAMPLES = """examples:
  govbot meetings remind 3 --as hilde-karlsen            (preview: who would be reminded; nothing is sent)
  govbot meetings remind 3 --send --as hilde-karlsen     (queue the reminders; the sweep delivers them)

pressing it twice on one day reminds nobody twice; in chat: "påminn de som mangler saksdokumenter til
møtet 3", then the button or "send påminnelser 3".
"""
NOTICE_EXAMPLES = """examples:
  govbot meetings notice --body Pasientbehandling --text "Sakspapirene er publisert" --as hilde-karlsen
  govbot meetings notice --body porteføljestyret --text "Møtet flyttes til 12. april" --as ingrid-johansen --json
"""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    remind = commands.add_parser(
        "remind",
        parents=[parent],
        help="remind owners whose papers are missing",
        epilog=REMIND_EXAMPLES,
        formatter_class=HelpFormatter,
    )
    remind.add_argument("id", type=int, help="meeting id")
    remind.add_argument("--send", action="store_true", help="queue the reminders (default: preview only)")
    remind.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY")
    remind.add_argument("--json", action="store_true")
    lang_option(remind)
    remind.set_defaults(run=run_remind)
    notice = commands.add_parser(
        "notice",
        parents=[parent],
        help="send a notice to a body's members",
        epilog=NOTICE_EXAMPLES,
        formatter_class=HelpFormatter,
    )
    notice.add_argument("--body", required=True)
    notice.add_argument("--text", required=True)
    notice.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY")
    notice.add_argument("--json", action="store_true")
    lang_option(notice)
    notice.set_defaults(run=run_notice)


def _show(data: dict[str, Any], as_json: bool) -> str:
    return dump(data)  # every action returns an Output; this only serves run_action's signature


def _output(session: Any, ctx: Any, data: dict[str, Any], lines: list[tuple[str, str]], args: Any) -> Any:
    """JSON keeps the person keys for scripts; people read names, in their language."""
    from bot.cli.meeting_runner import Output, cli_language
    from handlers.meetings.queries import person_names
    from handlers.person_names import shown_name
    from handlers.texts import t

    language = cli_language(args)
    names = person_names(session, ctx.store.model_id, {person for person, _ in lines})
    key = "cli.sends.queued" if data["sent"] else "cli.sends.preview"
    text = [t(language, key, count=len(data["recipients"]), new=data["new"])]
    for person, cases in lines:
        name = shown_name(names.get(person, person), language)
        text.append(f"  {name}: {cases}" if cases else f"  {name}")
    return Output(data, "\n".join(text))


def run_remind(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.meetings.access import check_may_manage, get_meeting
    from handlers.meetings.permissions import may_manage_meetings
    from handlers.meetings.sends import case_lines, chase_missing_papers, count_new, preview_chase
    from models.tables import Body

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        now, model_id = ctx.clock(), ctx.store.model_id
        if args.send:
            outcome = chase_missing_papers(session, ctx.model, model_id, actor, args.id, now)
            planned, queued, new = outcome.planned, outcome.queued, outcome.queued
        else:
            meeting = get_meeting(session, model_id, args.id)
            body = session.get_one(Body, meeting.body_id)
            if not may_manage_meetings(session, body.id, actor.person_key):
                check_may_manage(session, body, actor)
            planned, queued = preview_chase(session, model_id, args.id, now), 0
            new = count_new(session, planned)
        cases = [
            (p.person_key, "; ".join(f"{n} {title}" for n, title in case_lines(p.payload))) for p in planned
        ]
        people = [f"{person}: {lines}" for person, lines in cases]
        data = {"sent": args.send, "recipients": people, "queued": queued, "new": new}
        return _output(session, ctx, data, cases, args)

    return run_action(settings, args, action, _show)


def run_notice(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.meetings.access import resolve_body
    from handlers.meetings.sends import send_notice

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        body = resolve_body(session, ctx.store.model_id, args.body)
        outcome = send_notice(session, ctx.model, ctx.store.model_id, actor, body, args.text, ctx.clock())
        recipients = [p.person_key for p in outcome.planned]
        data = {"sent": True, "recipients": recipients, "queued": outcome.queued, "new": outcome.queued}
        return _output(session, ctx, data, [(person, "") for person in recipients], args)

    return run_action(settings, args, action, _show)
