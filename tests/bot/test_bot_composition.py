"""The composition root: settings in, a ready context out; command-line values beat the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.composition import ConfigurationError, build_context, load_settings


def test_command_line_overrides_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVBOT_DATABASE_URL", "sqlite:///from-env.db")
    monkeypatch.setenv("GOVBOT_MODEL", "helse-nord-2026")

    assert load_settings().model == "helse-nord-2026"
    settings = load_settings(database_url="sqlite:///from-cli.db", model="hso-2026")
    assert (settings.database_url, settings.model) == ("sqlite:///from-cli.db", "hso-2026")


@pytest.mark.parametrize("url", ["mysql://db/govbot", "not a url"])
def test_unsupported_database_is_refused_early(url: str) -> None:
    with pytest.raises(ConfigurationError):
        load_settings(database_url=url)


def test_build_context_opens_the_selected_model(database_url: str, test_model_file: Path) -> None:
    context = build_context(load_settings(database_url=database_url, model=str(test_model_file)))
    try:
        assert context.model.key == "test-region"
        assert context.store.engine.dialect.name in ("sqlite", "postgresql")
    finally:
        context.store.close()
