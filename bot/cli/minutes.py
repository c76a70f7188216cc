"""`govbot minutes …`: a meeting's minutes (referat), drafted, sent for comments, approved, exported.

The secretariat drafts the minutes from the meeting's agenda and its recorded decisions, sends them to the
body's members with a comment deadline (each member told once through the outbox), reads the comments and
approves them, or lets the next meeting approve them by recording «approved» on its «Godkjenning av
referat» case. Approved minutes may be shown and exported by anyone known; a draft only by the
secretariat. `govbot agenda export` writes the agenda (sakliste) the same way.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import cli_language, dump, run_action
from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot minutes draft 3 --as hilde-karlsen
  govbot minutes send 3 --by 2026-12-10 --as hilde-karlsen
  govbot minutes comments 3 --as hilde-karlsen
  govbot minutes approve 3 --as hilde-karlsen
  govbot minutes show 3 --as hanne-kristoffersen --lang en
  govbot minutes export 3 --output referat.docx --as hilde-karlsen
  govbot agenda export 4 --output sakliste.docx

MEETING is the meeting's id (`govbot meetings list`). Approval normally happens at the next meeting:
`govbot decisions record --case ITEM --outcome approved …` on its «Godkjenning av referat» case.
"""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use ISO format, e.g. 2026-12-10") from exc


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    minutes = subparsers.add_parser(
        "minutes",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="a meeting's minutes (referat): draft, send, comments, approve, show, export",
        description="Draft a meeting's minutes, send them for comments, approve, show and export as .docx.",
        epilog=EXAMPLES,
    )
    commands = minutes.add_subparsers(dest="minutes_command", metavar="COMMAND", required=True)
    helps = {
        "draft": ("draft (or redraft) the minutes from the agenda and decisions", run_draft),
        "send": ("send the minutes to the body's members for comments", run_send),
        "comments": ("the members' comments (secretariat)", run_comments),
        "approve": ("approve the minutes by hand (secretariat)", run_approve),
        "show": ("show the minutes (a draft only to the secretariat)", run_show),
        "export": ("write the minutes as a Word document (.docx)", run_export),
    }
    for name, (text, run) in helps.items():
        sub = commands.add_parser(
            name, parents=[parent], help=text, epilog=EXAMPLES, formatter_class=HelpFormatter
        )
        sub.add_argument("meeting", type=int, metavar="MEETING", help="the meeting's id")
        if name == "send":
            sub.add_argument("--by", required=True, type=_iso_date, metavar="DATE", help="comment deadline")
        if name == "export":
            sub.add_argument("--output", type=Path, help="file to write (default referat-MEETING.docx)")
        sub.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who acts")
        sub.add_argument("--json", action="store_true", help="print JSON")
        sub.add_argument("--lang", choices=("nb", "en"), help="language (default: from LANG; a document: nb)")
        sub.set_defaults(run=run)


def register_agenda_export(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    """`govbot agenda export MEETING`: the agenda (sakliste) as a Word document."""
    export = commands.add_parser(
        "export",
        parents=[parent],
        help="write a meeting's agenda (sakliste) as a Word document (.docx)",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    export.add_argument("meeting", type=int, metavar="MEETING", help="the meeting's id")
    export.add_argument("--output", type=Path, help="file to write (default sakliste-MEETING.docx)")
    export.add_argument("--lang", choices=("nb", "en"), help="language of the document (default nb)")
    export.add_argument("--json", action="store_true", help="print JSON")
    export.set_defaults(run=run_agenda_export)


def _answer(kept: Any, key: str, language: str) -> dict[str, Any]:
    from handlers.minutes.show import facts_of
    from handlers.texts import t

    minutes = kept.minutes
    return {
        "id": minutes.id,
        "meeting": kept.meeting.id,
        "body": kept.body.key,
        "state": minutes.state,
        "comments_due": minutes.comments_due.isoformat() if minutes.comments_due else None,
        "told": kept.told,
        "message": t(language, key, **facts_of(kept, language)),  # type: ignore[arg-type]
    }


def _show(data: Any, as_json: bool) -> str:
    return dump(data) if as_json else str(data["message"])


def run_draft(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.keeping import draft_minutes, minutes_of

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        again = minutes_of(session, args.meeting) is not None
        kept = draft_minutes(session, ctx.model, ctx.store.model_id, actor, args.meeting, ctx.clock())
        return _answer(kept, "minutes.redrafted" if again else "minutes.drafted", cli_language(args))

    return run_action(settings, args, action, _show)


def run_send(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.keeping import send_for_comments

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        kept = send_for_comments(
            session, ctx.model, ctx.store.model_id, actor, args.meeting, args.by, ctx.clock()
        )
        return _answer(kept, "minutes.sent" if kept.told else "minutes.sent_again", cli_language(args))

    return run_action(settings, args, action, _show)


def run_approve(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.keeping import approve_minutes

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        kept = approve_minutes(session, ctx.model, ctx.store.model_id, actor, args.meeting, ctx.clock())
        return _answer(kept, "minutes.approved", cli_language(args))

    return run_action(settings, args, action, _show)


def run_comments(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.chat import comments_reply
    from handlers.minutes.keeping import comments

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        language = cli_language(args)
        kept, rows = comments(session, ctx.store.model_id, actor, args.meeting)
        return {
            "meeting": kept.meeting.id,
            "comments": [{"person": c.person_key, "name": n, "text": c.text} for c, n in rows],
            "message": comments_reply(kept, rows, language).text,
        }

    return run_action(settings, args, action, _show)


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.keeping import readable
    from handlers.minutes.show import minutes_reply

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        kept = readable(session, ctx.store.model_id, actor, args.meeting)
        reply = minutes_reply(session, kept, cli_language(args))
        return {"meeting": kept.meeting.id, "state": kept.minutes.state, "message": reply.text}

    return run_action(settings, args, action, _show)


def _written(path: Path, data: bytes, language: str) -> dict[str, Any]:
    from handlers.texts import t

    path.write_bytes(data)
    return {"path": str(path), "bytes": len(data), "message": t(language, "minutes.exported", path=path)}  # type: ignore[arg-type]


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.exports import minutes_docx

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        language = args.lang or "nb"  # the document circulates in Norwegian unless asked otherwise
        data = minutes_docx(session, ctx.store.model_id, actor, args.meeting, language)
        return _written(args.output or Path(f"referat-{args.meeting}.docx"), data, language)

    return run_action(settings, args, action, _show)


def run_agenda_export(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.minutes.exports import agenda_docx

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        language = args.lang or "nb"
        data = agenda_docx(session, ctx.store.model_id, args.meeting, language)
        return _written(args.output or Path(f"sakliste-{args.meeting}.docx"), data, language)

    return run_action(settings, args, action, _show)
