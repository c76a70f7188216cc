"""`govbot decisions …`: record what a body decided on a case, correct it by superseding, list the register.

A decision is recorded once per case (its id in brackets in `govbot meetings list`) by the body's
secretariat, chair or owner, for a meeting that has been held; it moves a linked initiative through what
the body decides and tells the proposer and the case owner. It is never edited: `correct` adds a new
version with a reason, and `list --all` shows the versions it superseded. `list` and `export` filter the
register by body, domain, system, period and words (the database's full-text search); `export` writes
CSV with a header row or JSON, to a file or stdout.
"""

from __future__ import annotations

import argparse
import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import dump, run_action
from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot decisions record --case 12 --outcome approved --text "Styret godkjenner konseptfasen." --as ingrid-johansen
  govbot decisions record --case 14 --outcome referred --text "Sendes porteføljestyret." --as hilde-karlsen --json
  govbot decisions correct 3 --text "Styret godkjenner konseptfasen med forbehold." --reason "Feil i protokollen" --as hilde-karlsen
  govbot decisions list --body Pasientbehandling
  govbot decisions list --initiative INI-2026-0007 --all --json
  govbot decisions list --search kurveløsning --domain Prehospital --since 2026-01-01
  govbot decisions list --system DIPS --until 2026-06-30
  govbot decisions export --format csv --output vedtak.csv --body porteføljestyret

outcomes: approved (vedtatt), rejected (avvist), postponed (utsatt), referred (sendt videre til
porteføljestyret), noted (tatt til orientering). --case is the case's id (in brackets in `govbot meetings
list`), not its number like 12-2027; the decision is numbered after the case, «Sak 12/27».
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    decisions = subparsers.add_parser(
        "decisions",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="record, correct, search and export decisions (vedtak)",
        description="Record what a body decided on its meetings' cases, correct by superseding, search and export the register.",
        epilog=EXAMPLES,
    )
    commands = decisions.add_subparsers(dest="decisions_command", metavar="COMMAND", required=True)
    rec = commands.add_parser(
        "record",
        parents=[parent],
        help="record a case's decision",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    rec.add_argument("--case", type=int, required=True, metavar="ITEM_ID", help="the case's id")
    rec.add_argument("--outcome", required=True, help="approved, rejected, postponed, referred or noted")
    rec.add_argument("--text", required=True, help="the decision text (vedtakstekst)")
    _as(rec)
    rec.set_defaults(run=run_record)
    correct = commands.add_parser(
        "correct",
        parents=[parent],
        help="correct a decision by a new version",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    correct.add_argument("id", type=int, metavar="DECISION_ID")
    correct.add_argument("--outcome", help="the corrected outcome (default: unchanged)")
    correct.add_argument("--text", help="the corrected text (default: unchanged)")
    correct.add_argument("--reason", required=True, help="why it is corrected")
    _as(correct)
    correct.set_defaults(run=run_correct)
    listing = commands.add_parser(
        "list", parents=[parent], help="the decision register", epilog=EXAMPLES, formatter_class=HelpFormatter
    )
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)
    export = commands.add_parser(
        "export",
        parents=[parent],
        help="export the register as CSV or JSON",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    _filters(export)
    export.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(run=run_export)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--body", help="only this body (a domain name finds its board)")
    parser.add_argument("--domain", help="its board's decisions and any body's on the domain's initiatives")
    parser.add_argument(
        "--system", help="decisions on initiatives naming this system, or naming it themselves"
    )
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="meetings on or after this day")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="meetings on or before this day")
    parser.add_argument(
        "--search",
        metavar="WORDS",
        help="current decisions holding every word (text, case and initiative title)",
    )
    parser.add_argument("--meeting", type=int, help="only this meeting")
    parser.add_argument("--initiative", metavar="INI-…", help="only decisions on this initiative")
    parser.add_argument("--all", action="store_true", help="also the versions later corrections superseded")
    parser.add_argument("--lang", choices=("nb", "en"), help="language of the messages (default: from LANG)")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-03-01") from exc


def _as(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who records")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")


def _data(decision: Any, item: Any, meeting: Any) -> dict[str, Any]:
    from handlers.meetings.deadlines import OSLO

    return {
        "id": decision.id,
        "number": decision.number,
        "label": f"Sak {decision.number}",
        "version": decision.version,
        "supersedes": decision.supersedes_id,
        "body": decision.body_key,
        "meeting": meeting.id,
        "meeting_at_local": meeting.starts_at.astimezone(OSLO).isoformat(),
        "case": item.id,
        "case_number": item.number,
        "title": item.title,
        "outcome": decision.outcome,
        "text": decision.text,
        "initiative": decision.initiative_ref,
        "initiative_state": decision.initiative_state,
        "correction_reason": decision.correction_reason,
        "recorded_by": decision.recorded_by,
    }


def _answer(recorded: Any, language: str, model: Any) -> dict[str, Any]:
    from handlers.decisions.texts import recorded_lines

    return {
        **_data(recorded.decision, recorded.item, recorded.meeting),
        "initiative_state_now": recorded.initiative_state_now,
        "told": recorded.told,
        "message": recorded_lines(recorded, language, model),
    }


def _show(data: dict[str, Any], as_json: bool) -> str:
    return dump(data) if as_json else "\n".join(data["message"])


def run_record(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import cli_language
    from handlers.decisions.record import record_decision

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        recorded = record_decision(
            session, ctx.model, ctx.store.model_id, actor,
            item_id=args.case, outcome=args.outcome, text=args.text, now=ctx.clock(),
        )  # fmt: skip
        return _answer(recorded, cli_language(args), ctx.model)

    return run_action(settings, args, action, _show)


def run_correct(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import cli_language
    from handlers.decisions.record import correct_decision

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        recorded = correct_decision(
            session, ctx.model, ctx.store.model_id, actor, decision_id=args.id,
            outcome=args.outcome, text=args.text, reason=args.reason, now=ctx.clock(),
        )  # fmt: skip
        return _answer(recorded, cli_language(args), ctx.model)

    return run_action(settings, args, action, _show)


def _rows(args: argparse.Namespace) -> Any:
    """The action listing the register with the command's filters, as machine-readable rows."""
    from handlers.decisions.filters import register_filters
    from handlers.decisions.register import search_decisions

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        query = register_filters(
            session, ctx.model, ctx.store.model_id, body=args.body, domain=args.domain, system=args.system,
            since=args.since, until=args.until, search=args.search, initiative=args.initiative,
            meeting=args.meeting, include_superseded=args.all,
        )  # fmt: skip
        return [_data(d, i, m) for d, i, m in search_decisions(session, ctx.store.model_id, query).rows]

    return action


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    def show(data: list[dict[str, Any]], as_json: bool) -> str:
        if as_json:
            return dump(data)
        lines = [
            f"{d['label']} [{d['id']}] {d['meeting_at_local'][:10]} {d['title']}: {d['outcome']} – {d['text']}"
            + (f" (v{d['version']}, corrected: {d['correction_reason']})" if d["supersedes"] else "")
            for d in data
        ]
        return "\n".join(lines) or "No decisions recorded."

    return run_action(settings, args, _rows(args), show)


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.meeting_runner import cli_language
    from handlers.texts import t

    def show(data: list[dict[str, Any]], _as_json: bool) -> str:
        written = dump(data) if args.format == "json" else _csv(data)
        if not args.output:
            return written.rstrip("\n")
        Path(args.output).write_text(written, encoding="utf-8")
        return t(cli_language(args), "decisions.exported", count=len(data), file=args.output)

    return run_action(settings, args, _rows(args), show)


def _csv(data: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    return out.getvalue()


CSV_COLUMNS = (
    "id", "number", "version", "supersedes", "body", "meeting", "meeting_at_local", "case", "case_number",
    "title", "outcome", "text", "initiative", "initiative_state", "correction_reason", "recorded_by",
)  # fmt: skip
