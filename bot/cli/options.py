"""Options every command shares, and the help layout that keeps examples readable."""

from __future__ import annotations

import argparse
import getpass


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and examples as written."""


def global_options(*, on_subcommand: bool) -> argparse.ArgumentParser:
    """`--database-url` and `--model`, accepted before or after the command name.

    On subcommands the defaults are suppressed so a value given before the command is not overwritten.
    """
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if on_subcommand else None
    group = parent.add_argument_group("global options")
    group.add_argument(
        "--database-url",
        metavar="URL",
        default=default,
        help="database to use (overrides GOVBOT_DATABASE_URL), e.g. postgresql://host/govbot",
    )
    group.add_argument(
        "--model",
        metavar="NAME|PATH",
        default=default,
        help="governance model: a preset name or a model file (overrides GOVBOT_MODEL)",
    )
    return parent


def local_user() -> str:
    """The login name for audit rows and the terminal sender; containers may have none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "terminal-user"


def lang_option(parser: argparse.ArgumentParser) -> None:
    """`--lang nb|en` on a command that prints for people; `--json` output does not depend on it."""
    parser.add_argument(
        "--lang",
        choices=("nb", "en"),
        help="language of the output and messages (default: from LANG if nb or en, else nb)",
    )
