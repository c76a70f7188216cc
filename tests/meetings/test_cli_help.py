"""Every meetings/agenda subcommand shows its own examples in --help, as a user runs it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("command", "example"),
    [
        (("meetings", "list"), "govbot meetings list --body Pasientbehandling --json"),
        (("meetings", "move"), "govbot meetings move 3 --at 2027-04-12T09:00"),
        (("meetings", "cancel"), 'govbot meetings cancel 3 --reason "Ingen saker"'),
        (("meetings", "remind"), "govbot meetings remind 3 --send --as hilde-karlsen"),
        (("meetings", "notice"), "govbot meetings notice --body Pasientbehandling"),
        (("agenda", "delivered"), "govbot agenda delivered 12 --as hilde-karlsen"),
    ],
)
def test_subcommand_help_has_its_own_examples(cli, command, example) -> None:
    result = cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "examples:" in result.stdout and example in result.stdout
