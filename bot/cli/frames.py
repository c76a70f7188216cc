"""`govbot frames …`: budget frames per domain and year (set, move between domains, list, import).

Who may change them is the model's (`frames:` in the model file: in hso-2026 the portfolio board's
chair, the RHF's chief executive, decides after the board, and its portfolio manager or secretariat
records the decision); every change names its decision (`--decision`) and is audited.
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import Output, cli_language, dump, run_action
from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot frames set --domain Pasientbehandling --year 2027 --investment 120 --operating 30 --decision "PS-sak 12/27" --as ola-hansen
  govbot frames move --from Prehospital --to Pasientbehandling --year 2027 --investment 5 --decision "PS-sak 31/27" --as ola-hansen
  govbot frames list --year 2027 --json
  govbot frames import rammer-2027.xlsx --as ola-hansen

Amounts are MNOK (12,5 or 12.5). The import sheet has the columns domain, year, investment_mnok,
operating_mnok and decision (or område, år, investering, drift, vedtak); a sheet with one bad row
imports nothing (exit 1) and lists the rows and their problems.
"""


def _mnok(text: str) -> Decimal:
    from handlers.frames.amounts import parse_mnok

    value = parse_mnok(text)
    if value is None:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an amount in MNOK (0 or more, two decimals at most)"
        )
    return value


def _common(parser: argparse.ArgumentParser, *, acting: bool) -> None:
    if acting:
        parser.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who acts")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    frames = subparsers.add_parser(
        "frames", parents=[parent], formatter_class=HelpFormatter, epilog=EXAMPLES,
        help="budget frames per domain and year (set, move, list, import)",
        description="Set, move, list and import the investment and operating frames of each domain.",
    )  # fmt: skip
    commands = frames.add_subparsers(dest="frames_command", metavar="COMMAND", required=True)
    put = commands.add_parser("set", parents=[parent], help="set a domain's frame for a year",
                              epilog=EXAMPLES, formatter_class=HelpFormatter)  # fmt: skip
    put.add_argument("--domain", required=True, help="domain key or name")
    put.add_argument("--year", type=int, required=True)
    put.add_argument("--investment", type=_mnok, metavar="MNOK", help="investment frame")
    put.add_argument("--operating", type=_mnok, metavar="MNOK", help="operating frame")
    put.add_argument("--decision", required=True, metavar="REFERENCE", help="the decision it rests on")
    _common(put, acting=True)
    put.set_defaults(run=run_set)
    move = commands.add_parser("move", parents=[parent], help="move frame between domains in a year",
                               epilog=EXAMPLES, formatter_class=HelpFormatter)  # fmt: skip
    move.add_argument("--from", dest="giver", required=True, metavar="DOMAIN")
    move.add_argument("--to", dest="taker", required=True, metavar="DOMAIN")
    move.add_argument("--year", type=int, required=True)
    move.add_argument("--investment", type=_mnok, metavar="MNOK", help="investment to move")
    move.add_argument("--operating", type=_mnok, metavar="MNOK", help="operating frame to move")
    move.add_argument("--decision", required=True, metavar="REFERENCE", help="the decision it rests on")
    _common(move, acting=True)
    move.set_defaults(run=run_move)
    listing = commands.add_parser("list", parents=[parent], help="list frames", epilog=EXAMPLES,
                                  formatter_class=HelpFormatter)  # fmt: skip
    listing.add_argument("--year", type=int)
    listing.add_argument("--history", action="store_true", help="every change, oldest first")
    _common(listing, acting=False)
    listing.set_defaults(run=run_list)
    load = commands.add_parser("import", parents=[parent], help="import frames from an .xlsx sheet",
                               epilog=EXAMPLES, formatter_class=HelpFormatter)  # fmt: skip
    load.add_argument("file", type=Path, metavar="FILE.xlsx")
    _common(load, acting=True)
    load.set_defaults(run=run_import)


def _kinds(args: argparse.Namespace) -> list[tuple[str, Decimal]]:
    from handlers.meetings.access import MeetingError

    kinds = [
        (k, v) for k, v in (("investment", args.investment), ("operating", args.operating)) if v is not None
    ]
    if not kinds:
        raise MeetingError("frames.no_amount")
    return kinds


def _data(line: Any) -> dict[str, Any]:
    return {"domain": line.domain_key, "domain_name": line.domain_name, "year": line.year,
            "kind": line.kind, "amount_mnok": str(line.amount_mnok), "decision": line.decision_ref}  # fmt: skip


def _text(language: str, line: Any, key: str = "frames.line") -> str:
    from handlers.frames.amounts import mnok
    from handlers.texts import t

    name = line.domain_name if language == "nb" else line.domain_name_en
    return t(language, key, domain=name, year=line.year,  # type: ignore[arg-type]
             kind=t(language, f"frames.kind.{line.kind}"), amount=mnok(language, line.amount_mnok),  # type: ignore[arg-type]
             reference=line.decision_ref)  # fmt: skip


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.frames.keeping import set_frame

    language = cli_language(args)

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        lines = [
            set_frame(
                session,
                ctx.model,
                ctx.store.model_id,
                actor,
                domain=args.domain,
                year=args.year,
                kind=kind,
                amount=amount,
                reference=args.decision,
                now=ctx.clock(),
            )
            for kind, amount in _kinds(args)
        ]
        return Output([_data(x) for x in lines], "\n".join(_text(language, x, "frames.set") for x in lines))

    return run_action(settings, args, action, lambda data, as_json: dump(data))


def run_move(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.frames.amounts import mnok
    from handlers.frames.keeping import move_frame
    from handlers.texts import t

    language = cli_language(args)

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        data, texts = [], []
        for kind, amount in _kinds(args):
            out, into = move_frame(session, ctx.model, ctx.store.model_id, actor, from_domain=args.giver,
                                   to_domain=args.taker, year=args.year, kind=kind, amount=amount,
                                   reference=args.decision, now=ctx.clock())  # fmt: skip
            data.append({"kind": kind, "amount_mnok": str(amount), "from": _data(out), "to": _data(into)})

            def name(line: Any) -> str:
                return line.domain_name if language == "nb" else line.domain_name_en

            texts.append(t(language, "frames.moved", amount=mnok(language, amount), year=args.year,
                           kind=t(language, f"frames.kind.{kind}"), giver=name(out), taker=name(into),
                           giver_now=mnok(language, out.amount_mnok), taker_now=mnok(language, into.amount_mnok),
                           reference=out.decision_ref))  # fmt: skip
        return Output(data, "\n".join(texts))

    return run_action(settings, args, action, lambda data, as_json: dump(data))


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.frames.amounts import mnok
    from handlers.frames.keeping import frame_history, list_frames
    from handlers.texts import t

    language = cli_language(args)

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        if args.history:
            from models.tables import Domain

            names = {d.id: d for d in session.query(Domain).filter(Domain.model_id == ctx.store.model_id)}
            rows = frame_history(session, ctx.store.model_id, args.year)
            data = [{"id": r.id, "domain": names[r.domain_id].key, "year": r.year, "kind": r.kind,
                     "change": r.change, "before_mnok": None if r.before_mnok is None else str(r.before_mnok),
                     "after_mnok": str(r.after_mnok), "move_id": r.move_id, "decision": r.decision_ref,
                     "actor": r.actor} for r in rows]  # fmt: skip
            text = "\n".join(
                f"{names[r.domain_id].name if language == 'nb' else names[r.domain_id].name_en} {r.year}, "
                f"{t(language, f'frames.kind.{r.kind}')}: {mnok(language, Decimal(r.after_mnok))} ({r.decision_ref})"
                for r in rows
            )
            return Output(data, text or t(language, "frames.none"))
        lines = list_frames(session, ctx.store.model_id, args.year)
        text = "\n".join(_text(language, x) for x in lines) or t(language, "frames.none")
        return Output([_data(x) for x in lines], text)

    return run_action(settings, args, action, lambda data, as_json: dump(data))


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    from handlers.frames.importing import FrameImportError, import_frames
    from handlers.texts import t

    language = cli_language(args)

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        lines = import_frames(session, ctx.model, ctx.store.model_id, actor, args.file, ctx.clock())
        text = "\n".join(
            [t(language, "frames.imported", count=len(lines)), *(_text(language, x) for x in lines)]
        )
        return Output([_data(x) for x in lines], text)

    if not args.file.is_file():
        print(f"Cannot read {args.file}: no such file. Nothing was imported.", file=sys.stderr)
        return 2
    try:
        return run_action(settings, args, action, lambda data, as_json: dump(data))
    except FrameImportError as bad:
        print(f"{args.file}: nothing was imported.", file=sys.stderr)
        for problem in bad.problems:
            print(f"  row {problem.row}: {problem.reason}", file=sys.stderr)
        return 1
