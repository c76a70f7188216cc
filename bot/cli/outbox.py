"""`govbot outbox send`: deliver the notices and reminders that are due now, once, as the serve loop does.

Without `govbot serve` running nothing leaves the outbox; a secretariat working from the terminal (or the
README's cycle script) sends what is due with this command: through Slack or Teams when configured, else
into the chat inbox, where `govbot ask "varsler" --as PERSON` shows it. The sweep is the same one the
server runs (scheduler/sweep.py), so a row is claimed, sent and settled once, whoever sweeps.
"""

from __future__ import annotations

import argparse
import threading
from typing import TYPE_CHECKING

from bot.cli.meeting_runner import cli_language
from bot.cli.options import HelpFormatter, lang_option

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  govbot outbox send
  govbot outbox send --lang en
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    outbox = subparsers.add_parser(
        "outbox",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="send the notices and reminders that are due now",
        description="Deliver what is due in the outbox once, as `govbot serve` does every minute.",
        epilog=EXAMPLES,
    )
    commands = outbox.add_subparsers(dest="outbox_command", metavar="COMMAND", required=True)
    send = commands.add_parser(
        "send",
        parents=[parent],
        help="deliver what is due now",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    lang_option(send)
    send.set_defaults(run=run_send)


def run_send(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.fanout import bind_loop
    from bot.composition import build_context
    from handlers.texts import t
    from scheduler.sweep import Sweeper

    context = build_context(settings, actor="cli:outbox")
    import asyncio  # here, not at the top: every `govbot` command imports this module (~20 ms)

    loop = asyncio.new_event_loop()  # Teams sends on a loop of its own, as under serve
    thread = threading.Thread(target=loop.run_forever, name="outbox-loop", daemon=True)
    thread.start()
    try:
        bind_loop(context.notifier, loop)
        result = Sweeper(context.store, context.notifier, context.clock, "cli-outbox").run_until_idle()
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
        context.store.close()
    language = cli_language(args)
    print(
        t(language, "outbox.sent", sent=result.sent, later=result.retried + result.deferred, dead=result.dead)
    )
    return 0
