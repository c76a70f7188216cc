"""`govbot chat` and `govbot ask`: the terminal as one more channel.

Both turn what the user typed into the same neutral `IncomingMessage` the Slack and Teams adapters will
build, pass it to the handlers and print the plain-text rendering of the reply.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import uuid
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter, local_user

if TYPE_CHECKING:
    from bot.settings import Settings
    from handlers.context import HandlerContext
    from handlers.messages import Language
    from handlers.replies import Reply
    from models.governance.schema import GovernanceModel

logger = logging.getLogger(__name__)

QUIT_WORDS = frozenset({"avslutt", "quit", "exit"})
GOODBYE = "Ha det! / Goodbye!"
SORRY = "Beklager, noe gikk galt med det svaret. / Sorry, something went wrong with that answer."

CHAT_EXAMPLES = """examples:
  govbot chat
  govbot chat --lang en
  govbot chat --demo                         (demo frames and initiatives: «hvor mye av rammen er brukt i Pasientbehandling?»)
  govbot chat --as hanne-kristoffersen      (then «varsler»: your notices, if you use neither Slack nor Teams)
  GOVBOT_MODEL=helse-nord-2026 govbot chat
"""

ASK_EXAMPLES = """examples:
  govbot ask "Hvem eier DIPS?"
  govbot ask "Which domain owns Helsenorge?" --lang en
  GOVBOT_MODEL=helse-nord-2026 govbot ask "hvilke områdestyrer finnes?"
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    chat = subparsers.add_parser(
        "chat",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="talk to the bot in the terminal",
        description="Start an interactive conversation in the terminal (Norwegian or English).\n"
        "Quit with 'avslutt', 'quit' or Ctrl-D.",
        epilog=CHAT_EXAMPLES,
    )
    chat.add_argument("--lang", choices=("nb", "en"), help="answer in this language instead of detecting it")
    chat.add_argument(
        "--as",
        dest="as_person",
        metavar="PERSON_KEY",
        help="act as this person from the model (roles, my initiatives)",
    )
    chat.add_argument(
        "--demo",
        action="store_true",
        help="load the model's demo portfolio (frames and initiatives) into an empty store first",
    )
    chat.set_defaults(run=run_chat)

    ask = subparsers.add_parser(
        "ask",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="ask one question and print the answer",
        description="Send one message to the bot and print the reply as plain text.",
        epilog=ASK_EXAMPLES,
    )
    ask.add_argument("text", metavar="TEXT", help="the question, quoted")
    ask.add_argument("--lang", choices=("nb", "en"), help="answer in this language instead of detecting it")
    ask.add_argument(
        "--as",
        dest="as_person",
        metavar="PERSON_KEY",
        help="act as this person from the model (roles, my initiatives)",
    )
    ask.set_defaults(run=run_ask, one_shot=True)  # see bot/cli/collector.py


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import build_context
    from handlers.replies import render_plain

    context = build_context(settings, actor=f"terminal:{local_user()}")
    try:
        reply = answer(
            context,
            args.text,
            language=args.lang,
            conversation_id=f"ask-{uuid.uuid4().hex[:12]}",
            user_id=args.as_person,
        )
        print(render_plain(reply))  # one shot: buttons as [labels], nothing to answer them
    finally:
        context.store.close()
    return 0


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.composition import build_context

    context = build_context(settings, actor=f"terminal:{local_user()}")
    if getattr(args, "demo", False):
        from handlers.frames.demo import seed_demo

        seed_demo(context)
    try:
        return converse(context, language=args.lang, user_id=args.as_person)
    finally:
        context.store.close()


def answer(
    context: HandlerContext,
    text: str,
    *,
    language: Language | None,
    conversation_id: str,
    user_id: str | None = None,
    data: dict[str, str] | None = None,
) -> Reply:
    """One message through the handlers, exactly as a platform adapter will pass it."""
    from handlers.dispatch import handle_message
    from handlers.initiatives.identity_numbers import redact
    from handlers.messages import IncomingMessage, Sender

    message = IncomingMessage(
        text=text,
        sender=Sender(platform="terminal", user_id=user_id or local_user()),
        channel="terminal",
        conversation_id=conversation_id,
        message_id=uuid.uuid4().hex,
        language=language,
        data=data or {},
    )
    logger.debug("message text: %r", redact(text))  # identity numbers never reach the logs
    reply = handle_message(message, context)
    logger.info("answered: intent=%s language=%s chars_in=%d", reply.intent, reply.language, len(text))
    return reply


def converse(context: HandlerContext, *, language: Language | None, user_id: str | None = None) -> int:
    """Read lines until the user quits; a failing answer is logged and the conversation goes on."""
    from bot.cli.choices import picked, render_terminal

    interactive = sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - line editing and history for input()
    conversation_id = f"terminal-{uuid.uuid4().hex[:12]}"
    print(greeting(context.model), end="\n\n")
    unread = _unread_hint(context, language, user_id, shown=0)
    offered: tuple = ()
    while True:
        try:
            line = input("> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            print(f"\n{GOODBYE}")
            return 0
        text = line.strip()
        if not text:
            continue
        if text.casefold() in QUIT_WORDS:
            print(GOODBYE)
            return 0
        button = picked(text, offered)
        data = {"action": button.action, "value": button.value} if button else None
        try:
            reply = answer(
                context,
                button.label if button else text,
                language=language,
                conversation_id=conversation_id,
                user_id=user_id,
                data=data,
            )
        except Exception:
            logger.exception("could not answer a terminal message")
            print(SORRY, end="\n\n")
            continue
        shown = render_terminal(reply)
        offered = shown.buttons
        print(shown.text, end="\n\n", flush=True)
        unread = _unread_hint(context, language or reply.language, user_id, shown=unread)


def _unread_hint(context: HandlerContext, language: Language | None, user_id: str | None, shown: int) -> int:
    """Say how many notices («varsler») wait unread when that number has grown; returns the count.

    The terminal is a channel of its own: whoever uses neither Slack nor Teams reads their reminders
    here, so they are told when some arrive rather than having to guess to ask.
    """
    from handlers.inbox.responder import unread_for, unread_hint
    from handlers.messages import Sender

    try:
        count = unread_for(context, Sender(platform="terminal", user_id=user_id or local_user()))
    except Exception:
        logger.exception("could not count unread notices")
        return shown
    if count > shown:
        print(unread_hint(language or "nb", count), end="\n\n", flush=True)
    return count


def greeting(model: GovernanceModel) -> str:
    return (
        f"Hei! Jeg er govbot for {model.region}. Spør meg hvem som eier et system, hva et område dekker "
        "eller hvem som leder det, meld inn et initiativ («nytt initiativ») eller spør om møter og frister. "
        "Skriv «hjelp» for eksempler.\n"
        "You can ask in English too.\n"
        "Avslutt med «avslutt», «quit» eller Ctrl-D."
    )
