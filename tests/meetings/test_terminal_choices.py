"""Buttons at the terminal: `govbot chat` numbers them, and typing the number clicks the button."""

from __future__ import annotations

import io

import pytest

from bot.cli.choices import picked
from bot.cli.conversation import converse
from handlers.replies import Button
from tests.meetings.conftest import SECRETARY


def test_typing_the_number_of_the_chase_button_sends_the_reminders(
    planned, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chase = "påminn de som mangler saksdokumenter til møtet 14.12 i Pasientbehandling"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{chase}\n1\navslutt\n"))
    assert converse(planned.ctx, language=None, user_id=SECRETARY) == 0
    shown = capsys.readouterr().out
    preview, _, sent = shown.partition("(Svar med et tall.)")
    assert "  1) Send påminnelser" in preview and "[Send påminnelser]" not in preview
    assert "1 mottaker(e), 1 nye" in sent


def test_only_a_number_of_an_offered_button_picks_it() -> None:
    offered = (Button("Ja", "a", "1"), Button("Nei", "b", "2"))
    assert picked("2", offered) == offered[1]
    assert picked(" 1. ", offered) == offered[0]
    assert picked("3", offered) is None and picked("0", offered) is None
    assert picked("1", ()) is None and picked("én", offered) is None
