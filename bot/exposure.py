"""What a server may expose: demo people and Teams Emulator mode only on loopback, never with credentials.

Demo mode (pick any person in the web chat) and Emulator mode (unsigned Teams activities) both let a
caller say who they are without proof. That is fine on a developer's machine and nowhere else, so
`govbot serve` refuses them on any address but loopback, and whenever platform credentials are set: a
configured deployment must not have a door where identities are merely claimed.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from bot.settings import Settings
    from handlers.messages import Language

LOOPBACK_NAMES = frozenset({"localhost"})

CREDENTIALS = (
    ("SLACK_BOT_TOKEN", "slack_bot_token"),
    ("SLACK_SIGNING_SECRET", "slack_signing_secret"),
    ("SLACK_APP_TOKEN", "slack_app_token"),
    ("MICROSOFT_APP_ID", "microsoft_app_id"),
    ("MICROSOFT_APP_PASSWORD", "microsoft_app_password"),
    ("GOVBOT_OIDC_CLIENT_ID", "oidc_client_id"),
    ("GOVBOT_OIDC_CLIENT_SECRET", "oidc_client_secret"),
)
"""(variable, settings field)."""


def is_loopback_host(host: str | None) -> bool:
    """127.0.0.0/8, ::1 or `localhost`; an empty host means every interface, so it is not loopback."""
    if not host:
        return False
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str | None) -> bool:
    """An http(s) URL whose host is loopback; `localhost@attacker.example` names attacker.example."""
    try:
        parts = urlsplit(url or "")
        return parts.scheme in ("http", "https") and is_loopback_host(parts.hostname)
    except ValueError:
        return False


def credentials_set(settings: Settings) -> list[str]:
    """The names of the platform credentials present in the configuration.

    Slack credentials whose Web API is a loopback stand-in (`SLACK_API_URL` on 127.0.0.1, as the
    benchmarks and tests run it) reach no workspace, so they are not a deployment's credentials.
    """
    local_slack = is_loopback_url(settings.slack_api_url)
    return [
        name
        for name, field in CREDENTIALS
        if getattr(settings, field, None) and not (local_slack and name.startswith("SLACK_"))
    ]


def refusal(settings: Settings, host: str) -> str | None:
    """Why this server must not start as configured, in one paragraph; None when it may."""
    modes = [
        flag
        for flag, on in (
            ("--demo (GOVBOT_DEMO)", settings.demo),
            ("--teams-emulator", settings.teams_emulator),
        )
        if on
    ]
    if not modes:
        return None
    asked = " and ".join(modes)
    if not is_loopback_host(host):
        return (
            f"Refusing to start: {asked} lets anyone claim to be anyone, so it listens on loopback only "
            f"(127.0.0.1, ::1 or localhost), not on {host or 'every interface'}. Nothing was started; "
            "use --host 127.0.0.1, or leave the mode off for a real deployment."
        )
    found = credentials_set(settings)
    if found:
        return (
            f"Refusing to start: {asked} is for local testing without platform credentials, but "
            f"{', '.join(found)} {'is' if len(found) == 1 else 'are'} set; a configured deployment must "
            "not also accept unproven identities. Nothing was started; unset the credentials for a local "
            "test, or leave the mode off."
        )
    return None


def startup_lines(settings: Settings, language: Language = "nb") -> list[str]:
    """One line per channel saying whether it is on and, when off, how to turn it on."""
    from handlers.texts import t

    if settings.microsoft_app_id:
        teams = t(language, "serve.teams.on")
    elif settings.teams_emulator:
        teams = t(language, "serve.teams.emulator")
    else:
        teams = t(language, "serve.teams.off")
    if settings.slack_enabled:
        slack = t(language, "serve.slack.socket" if settings.slack_app_token else "serve.slack.events")
    else:
        slack = t(language, "serve.slack.off")
    if settings.demo:
        webchat = t(language, "serve.webchat.demo")
    elif settings.oidc_enabled:
        webchat = t(language, "serve.webchat.oidc")
    else:
        webchat = t(language, "serve.webchat.anonymous")
    return [teams, slack, webchat]
