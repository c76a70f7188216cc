"""One exit-code scheme for every command (bot/cli/errors.py), seen through the real `govbot` entry point.

0 ok, 1 refused or not found, 2 usage or invalid input/configuration, 3 store unavailable; each failure
is a message on stderr, never a traceback.
"""

from __future__ import annotations

import pytest

UNREACHABLE = "postgresql+psycopg://127.0.0.1:1/x"
"""Nothing listens on port 1: the store cannot be reached."""

REFUSED_OR_NOT_FOUND = [
    ("meetings", "add", "--body", "Pasientbehandling", "--at", "2027-04-05T09:00", "--as", "ola-hansen"),
    ("meetings", "list", "--body", "Finnes-ikke"),
    ("agenda", "list", "--meeting", "999"),
    ("meetings", "cancel", "999", "--reason", "Ingen saker", "--as", "hilde-karlsen"),
    ("initiatives", "move", "INI-2099-0001", "prioritert", "--as", "hilde-karlsen"),
]


def _one_line_without_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


@pytest.mark.parametrize("command", REFUSED_OR_NOT_FOUND, ids=lambda c: " ".join(c[:2]))
def test_refused_or_not_found_exits_1(cli, database_url, command) -> None:
    result = cli(*command, database_url=database_url)

    assert result.returncode == 1, result.stdout + result.stderr
    _one_line_without_traceback(result.stderr)


@pytest.mark.parametrize(
    "command",
    [
        ("meetings", "add", "--body", "Pasientbehandling", "--at", "xx", "--as", "hilde-karlsen"),
        ("agenda", "list"),
        ("meetings", "frobnicate"),
    ],
    ids=["bad date", "missing option", "unknown command"],
)
def test_usage_and_invalid_input_exit_2(cli, database_url, command) -> None:
    result = cli(*command, database_url=database_url)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("govbot ")  # argparse's one error line


def test_an_invalid_database_url_exits_2(cli) -> None:
    result = cli("meetings", "list", database_url="nosuch://x")

    assert result.returncode == 2
    _one_line_without_traceback(result.stderr)


@pytest.mark.parametrize(
    "command", [("meetings", "list"), ("agenda", "list", "--meeting", "1"), ("ask", "hjelp")], ids=" ".join
)
def test_an_unreachable_store_exits_3(cli, command) -> None:
    result = cli(*command, database_url=UNREACHABLE)

    assert result.returncode == 3, result.stdout + result.stderr
    _one_line_without_traceback(result.stderr)
    assert "Cannot use the database" in result.stderr


def test_the_scheme_is_in_the_help(cli) -> None:
    result = cli("--help")

    assert result.returncode == 0
    assert "exit codes" in result.stdout and "3  store unavailable" in result.stdout
