"""Commands cache the validated governance model in the user's cache directory between processes, and an
edited model file is answered from at once: the cache never serves a stale model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml


@pytest.fixture
def cli(cli_process):  # type: ignore[no-untyped-def]
    """Separate processes: what this file tests is only visible across a process boundary."""
    return cli_process


def cached_entries(cli) -> list[Path]:
    directory = Path(cli.env["XDG_CACHE_HOME"]) / "govbot"
    return sorted(directory.glob("model-*.pickle")) if directory.is_dir() else []


def test_an_edited_model_file_is_answered_from_at_once(
    cli, test_model_file: Path, model_writer: Callable[[Path, dict[str, Any]], Path]
) -> None:
    first = cli("ask", "Hva dekker Pasientbehandling?", "--model", str(test_model_file))
    assert first.returncode == 0, first.stderr
    assert "Testtekst for en liten modell." in first.stdout
    (entry,) = cached_entries(cli)

    data = yaml.safe_load(test_model_file.read_text(encoding="utf-8"))
    data["domains"][0]["description"] = "Alt om pasientbehandling, etter nytt styrevedtak."
    model_writer(test_model_file, data)
    second = cli("ask", "Hva dekker Pasientbehandling?", "--model", str(test_model_file))

    assert second.returncode == 0, second.stderr
    assert "etter nytt styrevedtak" in second.stdout
    assert "Testtekst for en liten modell." not in second.stdout
    assert cached_entries(cli) == [entry]


def test_an_empty_cache_directory_setting_turns_the_cache_off(cli) -> None:
    result = cli("ask", "Hvem eier DIPS?", env={"GOVBOT_CACHE_DIR": ""})

    assert result.returncode == 0, result.stderr
    assert "Pasientbehandling" in result.stdout
    assert cached_entries(cli) == []


def test_the_cache_directory_can_be_chosen(cli, tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere"
    result = cli("ask", "Hvem eier DIPS?", env={"GOVBOT_CACHE_DIR": str(chosen)})

    assert result.returncode == 0, result.stderr
    assert len(list(chosen.glob("model-*.pickle"))) == 1
    assert cached_entries(cli) == []
