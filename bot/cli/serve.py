"""`govbot serve`: the one HTTP server for Slack, Teams, the web chat and the calendar feeds.

aiohttp is imported only here and in `bot.server`, when this command runs, so the terminal commands stay
fast and free of web dependencies.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

logger = logging.getLogger(__name__)

EXAMPLES = """examples:
  govbot serve
  govbot serve --host 0.0.0.0 --port 8080
  govbot serve --demo                 # web chat with demo people, on 127.0.0.1 only
  govbot serve --teams-emulator       # Bot Framework Emulator / a local Connector, on 127.0.0.1 only
  HOST=0.0.0.0 PORT=3978 GOVBOT_DATABASE_URL=postgresql://govbot@db/govbot govbot serve
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "serve",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="run the HTTP server: web chat, Teams, Slack, calendar feeds",
        description="Run the bot's HTTP server: the web chat at /, Teams (Bot Framework) at\n"
        "/api/messages when MICROSOFT_APP_ID is set, Slack at /slack/events when SLACK_BOT_TOKEN and\n"
        "SLACK_SIGNING_SECRET are set\n"
        "(Socket Mode with SLACK_APP_TOKEN), GET /calendar/{body}.ics and GET /healthz. Slack mentions\n"
        "are answered by GOVBOT_ANSWER_WORKERS worker processes (default 1). The reminder sweep runs\n"
        "every minute. Stop it with Ctrl-C.\n\n"
        "--demo and --teams-emulator accept identities nobody proved; the server refuses to start\n"
        "with them on a non-loopback address or when platform credentials (Slack, Microsoft, OIDC)\n"
        "are set.\n\n"
        "Teams (and --teams-emulator) needs the 'teams' extra: pip install -e '.[teams]'; a\n"
        "postgresql:// database URL needs the 'postgres' extra.",
        epilog=EXAMPLES,
    )
    parser.add_argument("--host", help="address to listen on (default: HOST or 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default: PORT or 3978)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="web chat lets you pick a demo person (GOVBOT_DEMO); loopback only, no credentials",
    )
    parser.add_argument(
        "--teams-emulator",
        action="store_true",
        help="mount /api/messages without MICROSOFT_APP_ID for the Bot Framework Emulator "
        "(GOVBOT_TEAMS_EMULATOR): unsigned activities, loopback serviceUrl only; loopback only; "
        "needs the 'teams' extra",
    )
    parser.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import ConfigurationError
    from bot.exposure import refusal, startup_lines

    host = args.host or settings.host
    port = args.port or settings.port
    modes = {
        "demo": settings.demo or args.demo,
        "teams_emulator": settings.teams_emulator or args.teams_emulator,
    }
    settings = settings.model_copy(update=modes)
    reason = refusal(settings, host)
    if reason is not None:  # before the store is opened: nothing is started
        raise ConfigurationError(reason)
    if settings.teams_enabled:
        from bot.composition import require_extra

        require_extra("teams")  # before the store is opened too: the SDK is an optional extra

    from aiohttp import web

    from bot.composition import build_context
    from bot.server import create_app

    context = build_context(settings, actor="server")
    if settings.demo:  # frames and a few dozen initiatives, into an empty store only
        from handlers.frames.demo import seed_demo

        seed_demo(context)
    from handlers.understanding.understand import warm_up
    from scheduler.jobs import start_scheduler

    warm_up(context)  # the classifier is trained or loaded now, not on the first user's message

    scheduler = start_scheduler(context)  # triggers the reminder sweep every minute
    try:
        from bot.cli.meeting_runner import cli_language
        from handlers.texts import t

        language = cli_language(args)  # --lang when serve has it, else the terminal's locale, else bokmål
        print(
            t(language, "serve.started", region=context.model.region, host=host, port=port), file=sys.stderr
        )
        print("\n".join(startup_lines(settings, language)), file=sys.stderr, flush=True)
        web.run_app(create_app(context, settings), host=host, port=port, print=None, access_log=None)
    finally:
        scheduler.shutdown(wait=False)
        context.store.close()
    return 0
