"""`govbot priorities list|move`: a domain board's ordered list of its initiatives.

Who may reorder is the model's (`frames.priority_roles`: in hso-2026 the board's secretariat, owner and
deputy, an assumption); every move is audited. The chat has the same: «prioriter INI-2026-0004 som nr. 1»,
and `set` is the reorder form's (handlers/frames/reorder_form.py) whole new order at once.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from bot.cli.meeting_runner import Output, cli_language, dump, run_action
from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot priorities list --domain Pasientbehandling
  govbot priorities list --domain prehospital --json
  govbot priorities move INI-2026-0004 --position 1 --as hilde-karlsen
  govbot priorities set --domain Pasientbehandling --order INI-2026-0006,INI-2026-0004,INI-2026-0005 \
      --decision "Sak 12/26" --as hilde-karlsen
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    priorities = subparsers.add_parser(
        "priorities", parents=[parent], formatter_class=HelpFormatter, epilog=EXAMPLES,
        help="each domain board's priority list of initiatives (list, move)",
        description="List a domain's priority list, or put an initiative at a place in it.",
    )  # fmt: skip
    commands = priorities.add_subparsers(dest="priorities_command", metavar="COMMAND", required=True)
    listing = commands.add_parser("list", parents=[parent], help="a domain's priority list", epilog=EXAMPLES,
                                  formatter_class=HelpFormatter)  # fmt: skip
    listing.add_argument("--domain", required=True, help="domain key or name")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")
    listing.set_defaults(run=run_list)
    move = commands.add_parser("move", parents=[parent], help="put an initiative at a place in its list",
                               epilog=EXAMPLES, formatter_class=HelpFormatter)  # fmt: skip
    move.add_argument("reference", metavar="INI-YYYY-NNNN")
    move.add_argument("--position", type=int, required=True, help="1 is first; past the end: last")
    move.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who acts")
    move.add_argument("--json", action="store_true", help="print JSON")
    move.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")
    move.set_defaults(run=run_move)
    order = commands.add_parser("set", parents=[parent], help="set the whole list after a board's decision",
                                epilog=EXAMPLES, formatter_class=HelpFormatter)  # fmt: skip
    order.add_argument("--domain", required=True, help="domain key or name")
    order.add_argument("--order", required=True, metavar="REF,REF,...",
                       help="every initiative on the list (and any to add), first first")  # fmt: skip
    order.add_argument("--decision", required=True, help="the decision the order follows, e.g. 'Sak 12/26'")
    order.add_argument("--as", dest="as_person", required=True, metavar="PERSON_KEY", help="who acts")
    order.add_argument("--json", action="store_true", help="print JSON")
    order.add_argument("--lang", choices=("nb", "en"), help="language of the answer (default: from LANG)")
    order.set_defaults(run=run_set)


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.frames.amounts import mnok
    from handlers.frames.priorities import list_priorities
    from handlers.initiatives.states import state_label
    from handlers.texts import t

    language = cli_language(args)

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        domain, ranked = list_priorities(session, ctx.model, ctx.store.model_id, args.domain)
        name = domain.name if language == "nb" else domain.name_en
        data = [{"position": r.position, "reference": r.reference, "title": r.title, "state": r.state,
                 "investment_mnok": str(r.investment), "operating_mnok": str(r.operating)} for r in ranked]  # fmt: skip
        lines = [
            t(
                language,
                "priorities.line",
                position=r.position,
                reference=r.reference,
                title=r.title,
                state=state_label(ctx.model, r.state, language),
                investment=mnok(language, r.investment),
                operating=mnok(language, r.operating),
            )
            for r in ranked
        ]
        text = (
            "\n".join([t(language, "priorities.heading", domain=name), *lines])
            if lines
            else t(language, "priorities.none", domain=name)
        )
        return Output(data, text)

    return run_action(settings, args, action, lambda data, as_json: dump(data))


def run_move(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.frames.priorities import move_priority
    from handlers.texts import t

    language = cli_language(args)

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        domain, before, after = move_priority(session, ctx.model, ctx.store.model_id, actor, args.reference,
                                              args.position, ctx.clock())  # fmt: skip
        data: dict[str, Any] = {
            "reference": args.reference.upper(),
            "domain": domain.key,
            "from": before,
            "to": after,
        }
        name = domain.name if language == "nb" else domain.name_en
        return Output(
            data,
            t(language, "priorities.moved", reference=args.reference.upper(), position=after, domain=name),
        )

    return run_action(settings, args, action, lambda data, as_json: dump(data))


def run_set(args: argparse.Namespace, settings: Settings) -> int:
    from handlers.frames.reordering import set_priority_order
    from handlers.texts import t

    language = cli_language(args)
    references = [part.strip() for part in args.order.split(",") if part.strip()]

    def action(session, ctx, actor):  # type: ignore[no-untyped-def]
        done = set_priority_order(session, ctx.model, ctx.store.model_id, actor, args.domain, references,
                                  args.decision, ctx.clock())  # fmt: skip
        name = done.domain.name if language == "nb" else done.domain.name_en
        data = {"domain": done.domain.key, "order": list(done.order),
                "moved": [{"reference": r, "from": b, "to": a} for r, b, a in done.changed]}  # fmt: skip
        if not done.changed:
            return Output(data, t(language, "priorities.form.unchanged", domain=name))
        heading = t(language, "priorities.form.done", domain=name, decision=" ".join(args.decision.split()))
        lines = [f"{n}. {reference}" for n, reference in enumerate(done.order, start=1)]
        return Output(data, "\n".join([heading, *lines]))

    return run_action(settings, args, action, lambda data, as_json: dump(data))
