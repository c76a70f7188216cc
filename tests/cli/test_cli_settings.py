"""Settings come from `GOVBOT_*` and the platforms' own variable names; arguments win over both."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import Settings

READ = ("GOVBOT_", "HOST", "PORT", "SLACK_", "MICROSOFT_")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Nothing from the developer's environment: only what each test sets."""
    for name in list(os.environ):
        if name.upper().startswith(READ):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def test_defaults_without_environment(tmp_path: Path) -> None:
    settings = Settings()

    assert settings.model == "hso-2026"
    assert settings.port == 3978
    assert settings.database_url == f"sqlite:///{tmp_path / 'xdg-data' / 'govbot' / 'govbot.db'}"
    assert settings.cache_dir == tmp_path / "xdg-cache" / "govbot"
    assert settings.slack_bot_token is None


def test_prefixed_and_platform_names_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVBOT_MODEL", "helse-nord-2026")
    monkeypatch.setenv("GOVBOT_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")

    settings = Settings()

    assert (settings.model, settings.log_level, settings.port) == ("helse-nord-2026", "DEBUG", 8080)
    assert settings.slack_bot_token is not None
    assert settings.slack_bot_token.get_secret_value() == "xoxb-test"
    assert "xoxb-test" not in repr(settings)


def test_names_match_case_insensitively(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("govbot_model", "helse-nord-2026")
    monkeypatch.setenv("host", "0.0.0.0")

    settings = Settings()

    assert (settings.model, settings.host) == ("helse-nord-2026", "0.0.0.0")


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVBOT_MODEL", "helse-nord-2026")
    monkeypatch.setenv("HOST", "10.0.0.1")
    monkeypatch.setenv("PORT", "8080")

    settings = Settings(model="hso-2026", host="127.0.0.2", PORT=9000)

    assert (settings.model, settings.host, settings.port) == ("hso-2026", "127.0.0.2", 9000)


def test_a_bad_value_is_a_validation_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "not-a-port")

    with pytest.raises(ValidationError, match="PORT"):
        Settings()


def test_an_empty_cache_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GOVBOT_CACHE_DIR", "")
    assert Settings().cache_dir is None

    monkeypatch.setenv("GOVBOT_CACHE_DIR", str(tmp_path / "c"))
    assert Settings().cache_dir == tmp_path / "c"
