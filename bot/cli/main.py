"""Entry point of the `govbot` console script: parse arguments, load settings, run one command.

Only argparse and the small command modules are imported up front; each command pulls in the store,
handlers or server when it runs. Errors a user can fix print one paragraph, not a traceback, and exit
with the code of bot/cli/errors.py's one scheme (shown in `govbot --help`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bot.cli import (
    agenda,
    calendar_export,
    catalogue,
    conversation,
    database,
    decisions,
    followups,
    frames,
    initiatives,
    meetings,
    minutes,
    outbox,
    priorities,
    routing,
    serve,
    teams_package,
)
from bot.cli.argument_guard import refused_arguments
from bot.cli.collector import paused_for_one_shot
from bot.cli.errors import SCHEME
from bot.cli.options import HelpFormatter, global_options

DESCRIPTION = """govbot answers questions about digitalisation governance in Norwegian hospital regions:
which domain owns a system, what a domain covers and who runs it."""

EXAMPLES = """examples:
  govbot chat
  govbot ask "Hvem eier DIPS?"
  govbot ask "Which domain owns Helsenorge?"
  govbot import-systems systems.csv --skip-bad-rows
  govbot db upgrade
  govbot serve --port 8080

configuration: GOVBOT_DATABASE_URL, GOVBOT_MODEL, GOVBOT_LOG_LEVEL, HOST, PORT
(see `govbot COMMAND --help` for each command)
"""


COMMAND_GROUPS = (
    conversation,
    catalogue,
    database,
    serve,
    meetings,
    agenda,
    decisions,
    followups,
    frames,
    priorities,
    minutes,
    outbox,
    calendar_export,
    initiatives,
    routing,
    teams_package,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govbot",
        description=DESCRIPTION,
        epilog=f"{EXAMPLES}\n{SCHEME}\n",
        formatter_class=HelpFormatter,
        parents=[global_options(on_subcommand=False)],
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    shared = global_options(on_subcommand=True)
    for group in COMMAND_GROUPS:
        group.register(subparsers, shared)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    refused = refused_arguments(arguments)
    if refused is not None:
        return refused
    args = build_parser().parse_args(arguments)
    with paused_for_one_shot(getattr(args, "one_shot", False)):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from bot.cli.errors import exit_code, explain

    try:
        from bot.composition import load_settings
        from bot.logs import configure_logging

        settings = load_settings(database_url=args.database_url, model=args.model)
        configure_logging(settings.log_level)
        code = int(args.run(args, settings))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below, not at interpreter exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `govbot ask … | head`: the reader left; the answer was not wanted, and a traceback is no news.
        # stdout is pointed at devnull so the interpreter's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        from bot.cli.meeting_runner import cli_language

        message = explain(exc, cli_language(args))  # --lang, else the locale, else bokmål
        if message is None:
            raise
        print(message, file=sys.stderr)
        return exit_code(exc)


if __name__ == "__main__":
    sys.exit(main())
