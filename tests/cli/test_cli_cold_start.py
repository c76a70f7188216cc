"""`govbot ask` starts fast: argument parsing imports nothing heavy, and no command but `serve` loads
aiohttp or a platform SDK."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FORBIDDEN = ("slack_bolt", "slack_sdk", "botbuilder", "aiohttp")

PROBE = """
import json, sys
from bot.cli.main import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def run_probe(cli, tmp_path: Path, *args: str) -> dict[str, object]:
    report = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), *args],
        cwd=cli.cwd,
        env=cli.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def top_level(modules: object) -> set[str]:
    assert isinstance(modules, list)
    return {name.split(".")[0] for name in modules}


def test_ask_imports_no_server_or_platform_code(cli, tmp_path: Path) -> None:
    report = run_probe(cli, tmp_path, "ask", "hjelp")

    assert report["code"] == 0
    assert top_level(report["modules"]).isdisjoint(FORBIDDEN)


def test_second_ask_loads_only_what_answering_needs(cli, tmp_path: Path) -> None:
    """With the model and the trained classifier cached by the first start, a question matched exactly
    needs no holiday calendar, no fuzzy matcher, no migration tool and no scikit-learn. (The examples
    and the intent inventory are read with libyaml on each start: about 20 ms.)"""
    run_probe(cli, tmp_path, "ask", "Hvem eier DIPS?")
    report = run_probe(cli, tmp_path, "ask", "Hvem eier DIPS?")

    assert report["code"] == 0
    assert top_level(report["modules"]).isdisjoint(
        {"holidays", "rapidfuzz", "alembic", "sklearn", *FORBIDDEN}
    )


def test_parsing_arguments_imports_nothing_heavy(cli, tmp_path: Path) -> None:
    """`govbot --help` and argument errors must be instant: commands import their dependencies lazily."""
    probe = "import sys, bot.cli.main; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=cli.cwd, env=cli.env, capture_output=True, text=True, check=True
    )
    loaded = {name.split(".")[0] for name in result.stdout.split()}
    assert loaded.isdisjoint({"sqlalchemy", "pydantic", "pydantic_settings", "alembic", "yaml", *FORBIDDEN})
