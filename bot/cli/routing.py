"""`govbot suggest-domain`: which domain board an initiative text would be routed to, and why."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter, local_user

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot suggest-domain "Digital rekvirering av blodprøver til laboratoriet"
  govbot suggest-domain "New rostering tool for nurses" --json
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "suggest-domain",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="suggest the owning domain for an initiative text",
        description="Rank the domains an initiative text belongs to, from named systems and its words.",
        epilog=EXAMPLES,
    )
    parser.add_argument("text", metavar="TEXT", help="the initiative text, quoted")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of out-of-scope advice")
    parser.set_defaults(run=run_suggest)


def run_suggest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import build_context
    from handlers.initiatives.routing import suggest

    context = build_context(settings, actor=f"terminal:{local_user()}")
    try:
        with context.store.read() as session:
            suggestion = suggest(context, session, args.text)
    finally:
        context.store.close()
    scope = suggestion.out_of_scope.as_json(args.lang) if suggestion.out_of_scope else None
    if args.json:
        payload = {
            "domain": suggestion.domain,
            "candidates": [{"domain": c.domain, "score": c.score} for c in suggestion.candidates],
            "out_of_scope": scope,
        }
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    for candidate in suggestion.candidates:
        why = ", ".join((*candidate.systems, *candidate.words))
        print(f"{candidate.domain}\t{candidate.score:.3f}\t{why}")
    if scope:
        print(f"out of scope? {scope['name']}: {scope['belongs_to']}")
    return 0
