"""The run install leaves out PostgreSQL's driver and the Teams SDK (pyproject's `postgres` and `teams`
extras). Without them the SQLite default still answers, and asking for PostgreSQL or Teams is refused
with the install command, in the person's language, before anything starts (exit 2).

The real entry point runs in a fresh interpreter whose `import psycopg` / `import botbuilder` fail, as
on a machine where only `pip install -e .` ran."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, clean_env

WITHOUT_EXTRAS = (
    "import sys\n"
    "sys.modules['psycopg'] = None\n"  # an import of a module set to None fails, as when not installed
    "sys.modules['botbuilder'] = None\n"
    "from bot.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def govbot_without_extras(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**clean_env(tmp_path), **env}
    for name, value in env.items():
        if value == "":
            environment.pop(name)
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRAS, *args],
        env=environment,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_sqlite_default_answers_without_the_extras(tmp_path: Path) -> None:
    result = govbot_without_extras(tmp_path, "ask", "Hvem eier DIPS?")
    assert result.returncode == 0, result.stderr
    assert "Pasientbehandling" in result.stdout


def test_postgresql_without_its_driver_says_which_extra_to_install(tmp_path: Path) -> None:
    url = "postgresql://127.0.0.1:1/x"
    english = govbot_without_extras(tmp_path, "ask", "hei", GOVBOT_DATABASE_URL=url)
    assert english.returncode == 2, english.stderr
    assert "Traceback" not in english.stderr
    assert "PostgreSQL needs govbot's 'postgres' extra" in english.stderr
    assert "pip install -e '.[postgres]'" in english.stderr
    bokmal = govbot_without_extras(tmp_path, "ask", "hei", GOVBOT_DATABASE_URL=url, LANG="")
    assert bokmal.returncode == 2
    assert "krever govbots tillegg «postgres»" in bokmal.stderr


def test_teams_without_the_sdk_is_refused_before_anything_starts(tmp_path: Path) -> None:
    result = govbot_without_extras(tmp_path, "serve", "--teams-emulator", "--port", "1")
    assert result.returncode == 2, result.stderr
    assert "Microsoft Teams needs govbot's 'teams' extra" in result.stderr
    assert "pip install -e '.[teams]'" in result.stderr
    assert not (tmp_path / "cli-default.db").exists()  # the store was never opened
