"""Runtime configuration from the environment.

Every knob lives here so that the composition root is the only place that reads the environment;
handlers and models receive plain values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "hso-2026"


def default_database_url() -> str:
    """An SQLite file in the user's data directory: the embedded default needs no server."""
    from platformdirs import user_data_dir  # only when no database URL is configured

    data_dir = Path(user_data_dir("govbot", appauthor=False))
    return f"sqlite:///{data_dir / 'govbot.db'}"


def default_cache_dir() -> Path:
    """The user's cache directory: what is kept there (the validated model) is rebuilt when missing."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("govbot", appauthor=False))


class Settings(BaseSettings):
    """Configuration read from `GOVBOT_*` and the platforms' conventional variable names."""

    model_config = SettingsConfigDict(env_prefix="GOVBOT_", extra="ignore")

    database_url: str = Field(default_factory=default_database_url)
    model: str = DEFAULT_MODEL
    log_level: str = "WARNING"
    cache_dir: Path | None = Field(default_factory=default_cache_dir)
    """Where the validated governance model is kept between commands; empty (or None): no cache."""

    host: str = Field(default="127.0.0.1", validation_alias="HOST")
    port: int = Field(default=3978, validation_alias="PORT")
    answer_workers: int = Field(default=1, ge=0, le=32)
    """Processes that answer Slack mentions and DMs, so the server's acks never wait behind answers;
    0 answers in the server process itself. One is enough for ~200 answers/s on two cores (an answer
    costs ~3 ms of CPU), and each further worker costs ~60-90 MB."""
    answer_worker_niceness: int = Field(default=19, ge=0, le=19)
    """How far below the acking server the answer workers run (`os.nice`): at 19 they get only the CPU the
    acks leave over, so an ack never waits behind an answer. A deployment whose workers share cores with
    other busy processes may lower it; at 19 such neighbours starve the answers (about 1.5 % of a core)."""
    http_header_timeout: float = Field(default=10.0, gt=0)
    """Seconds a client has to send a request's headers (and an idle keep-alive connection lives)."""
    http_body_timeout: float = Field(default=10.0, gt=0)
    """Seconds a client has to send a request's body once its headers are in."""

    # Channels (issue 6): Slack when both token and signing secret are set; Teams with an app id, or in
    # Emulator mode when asked for (loopback only, bot.exposure). Secrets are SecretStr so they never appear in reprs or logs.
    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str | None = Field(default=None, validation_alias="SLACK_API_URL")
    microsoft_app_id: str | None = Field(default=None, validation_alias="MICROSOFT_APP_ID")
    microsoft_app_password: SecretStr | None = Field(default=None, validation_alias="MICROSOFT_APP_PASSWORD")
    microsoft_app_tenant_id: str | None = Field(default=None, validation_alias="MICROSOFT_APP_TENANT_ID")

    # Web chat sign-in (issue 11): OpenID Connect authorisation code + PKCE when issuer and client id are set.
    oidc_issuer: str | None = Field(default=None, validation_alias="GOVBOT_OIDC_ISSUER")
    oidc_client_id: str | None = Field(default=None, validation_alias="GOVBOT_OIDC_CLIENT_ID")
    oidc_client_secret: SecretStr | None = Field(default=None, validation_alias="GOVBOT_OIDC_CLIENT_SECRET")
    oidc_tenant_id: str | None = Field(default=None, validation_alias="GOVBOT_OIDC_TENANT_ID")

    teams_service_hosts: str = Field(default="", validation_alias="GOVBOT_TEAMS_SERVICE_HOSTS")
    """Comma-separated hosts (or `*.suffix`) added to the Bot Framework hosts a serviceUrl may name."""

    # Modes that expose unproven identities (issue 11): refused by `govbot serve` off loopback.
    demo: bool = Field(default=False, validation_alias="GOVBOT_DEMO")
    teams_emulator: bool = Field(default=False, validation_alias="GOVBOT_TEAMS_EMULATOR")
    public_url: str | None = Field(default=None, validation_alias="GOVBOT_PUBLIC_URL")
    """The externally visible base URL (https://govbot.example.no): OIDC redirect URI and Origin check."""

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def teams_enabled(self) -> bool:
        """Teams is mounted with an app id (signed activities) or in the Emulator mode asked for."""
        return bool(self.microsoft_app_id or self.teams_emulator)
