"""`--help` works for every command, describes it and shows examples, without touching a database.

The commands are read from the parser itself, so a command added later is covered without editing this.
"""

from __future__ import annotations

import argparse

import pytest

from bot.cli.main import build_parser


def command_paths(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths.extend(command_paths(sub, (*prefix, name)))
    return paths


COMMANDS = command_paths(build_parser())


def test_the_first_commands_are_there() -> None:
    for command in [("chat",), ("ask",), ("import-systems",), ("db", "upgrade"), ("serve",)]:
        assert command in COMMANDS


def has_examples(command: tuple[str, ...]) -> bool:
    """Examples on the command itself or, for a subcommand, on its group (`govbot meetings --help`)."""
    parser = build_parser()
    for name in command:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
        if "examples:" in (parser.epilog or ""):
            return True
    return "examples:" in (parser.epilog or "")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "govbot")
def test_help(cli, tmp_path, command: tuple[str, ...]) -> None:
    result = cli(*command, "--help")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: govbot {' '.join(command)}".rstrip())
    assert has_examples(command)
    assert "--database-url" in result.stdout
    assert result.stderr == ""
    assert not list(tmp_path.glob("*.db")), "--help must not open a database"


def test_no_command_shows_usage(cli) -> None:
    result = cli()

    assert result.returncode == 2
    assert "usage: govbot" in result.stderr


def test_unknown_language_is_refused(cli) -> None:
    result = cli("ask", "hei", "--lang", "sv")

    assert result.returncode == 2
    assert "invalid choice" in result.stderr
