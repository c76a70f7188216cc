"""The composition root: the one place that turns settings into a running context.

Every entry point (the CLI today, the Slack and Teams adapters later) calls `build_context` once per
process. Nothing is built at import time, so importing this module costs nothing and tests can build as
many independent contexts as they like.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings
    from handlers.context import HandlerContext
    from handlers.notify import Notifier


SUPPORTED_DATABASES = ("sqlite", "postgresql")


class ConfigurationError(Exception):
    """A setting that cannot work; `str()` is the whole explanation for the user, in English.

    With `key` (a text in handlers/texts.py) and its values the CLI says it in the person's language
    (`--lang`); without one `str()` is said as it is."""

    def __init__(self, message: str, key: str | None = None, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def in_language(self, language: str) -> str:
        from handlers.texts import t

        return t(language, self.key, **self.values) if self.key else str(self)  # type: ignore[arg-type]


def require_extra(extra: str) -> None:
    """Refuse, with the install command, a setting whose optional part is not installed.

    The run install (`pip install -e .`) leaves out what only some deployments need: PostgreSQL's
    driver (`postgres`) and the Bot Framework SDK for Teams (`teams`); see pyproject.toml."""
    module = {"postgres": "psycopg", "teams": "botbuilder.core"}[extra]
    try:
        __import__(module)
    except ImportError:
        what = {"postgres": "PostgreSQL", "teams": "Microsoft Teams"}[extra]
        raise ConfigurationError(
            f"{what} needs govbot's '{extra}' extra, which is not installed: "
            f"pip install -e '.[{extra}]' (or pip install 'govbot[{extra}]').",
            "cli.error.extra",
            what=what,
            extra=extra,
        ) from None


def load_settings(*, database_url: str | None = None, model: str | None = None) -> Settings:
    """Settings from the environment, with command-line values taking precedence when given."""
    from bot.settings import Settings

    overrides = {key: value for key, value in (("database_url", database_url), ("model", model)) if value}
    settings = Settings(**overrides)
    check_database_url(settings.database_url)
    return settings


def check_database_url(url: str) -> None:
    """Refuse other databases up front rather than failing later on a missing driver."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise ConfigurationError(
            "The database URL is not valid. Use e.g. sqlite:///path/to/govbot.db or "
            "postgresql://user@host:5432/govbot.",
            "cli.error.database_url",
        ) from exc
    if backend not in SUPPORTED_DATABASES:
        raise ConfigurationError(
            f"The database URL uses '{backend}', which govbot does not support; "
            f"use {' or '.join(SUPPORTED_DATABASES)}.",
            "cli.error.database_kind",
            backend=backend,
        )
    if backend == "postgresql":
        require_extra("postgres")


def build_context(
    settings: Settings, *, actor: str = "system", credentials_factory: object | None = None
) -> HandlerContext:
    """Open the store (migrating and loading the model on first use) and wrap it for handlers.

    The notifier follows the configured platforms: Slack, Teams (proactive, when MICROSOFT_APP_ID is
    set), then the chat inbox, which takes what neither reaches (everything, with neither configured). `credentials_factory` replaces MSAL for Teams' outbound calls (tests).

    The caller owns the result and closes it with `context.store.close()`.
    """
    from bot.logs import install_redaction
    from handlers.context import HandlerContext
    from handlers.language import keep_learnt_in
    from models.store import open_store

    keep_learnt_in(settings.cache_dir)
    install_redaction()  # every process that holds a store redacts identity numbers in its log records
    store = open_store(settings.database_url, settings.model, actor=actor, model_cache_dir=settings.cache_dir)
    notifiers: list[Notifier] = []
    if settings.slack_enabled and settings.slack_bot_token is not None:
        from bot.slack.notifier import slack_notifier  # only when configured: the terminal never loads Slack

        token = settings.slack_bot_token.get_secret_value()
        notifiers.append(slack_notifier(store, token, settings.slack_api_url))
    if settings.microsoft_app_id:
        require_extra("teams")
        from bot.teams.notifier import teams_notifier
        from bot.teams.routes import build_adapter
        from bot.teams.service_urls import ServiceUrlPolicy

        adapter = build_adapter(settings, credentials_factory)
        policy = ServiceUrlPolicy.from_settings(settings)
        notifiers.append(teams_notifier(store, settings.microsoft_app_id, adapter, policy))
    from bot.channels.fanout import FanOutNotifier
    from bot.channels.inbox import InboxNotifier

    notifiers.append(InboxNotifier(store))  # last: whoever no platform reaches sees it under «varsler»
    notifier = notifiers[0] if len(notifiers) == 1 else FanOutNotifier(notifiers)
    return HandlerContext(store=store, notifier=notifier, classifier_cache_dir=settings.cache_dir)
