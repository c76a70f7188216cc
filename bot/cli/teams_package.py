"""`govbot teams-package`: write the Teams app package (manifest.json + icons, zipped) for sideloading."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.options import HelpFormatter

if TYPE_CHECKING:
    from bot.settings import Settings

EXAMPLES = """examples:
  MICROSOFT_APP_ID=<bot app id> govbot teams-package --output govbot-teams.zip --domain govbot.example.no
"""


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "teams-package",
        parents=[parent],
        formatter_class=HelpFormatter,
        help="write the Teams app package (zip) for sideloading",
        description="Write manifest.json and the two icons as a zip to upload in Teams (Apps → Manage your\n"
        "apps → Upload an app). The bot id is MICROSOFT_APP_ID, or a placeholder to replace.",
        epilog=EXAMPLES,
    )
    parser.add_argument(
        "--output", default="govbot-teams.zip", help="zip file to write (default: govbot-teams.zip)"
    )
    parser.add_argument("--domain", default="localhost", help="the domain the bot is served from")
    parser.set_defaults(run=run_package)


def run_package(args: argparse.Namespace, settings: Settings) -> int:
    from bot.teams.package import PLACEHOLDER_APP_ID, write_package

    path = write_package(Path(args.output), settings.microsoft_app_id, domain=args.domain)
    print(f"wrote {path}", file=sys.stdout)
    if not settings.microsoft_app_id:
        print(
            f"MICROSOFT_APP_ID is not set: the bot id is the placeholder {PLACEHOLDER_APP_ID}.",
            file=sys.stderr,
        )
    return 0
