"""`govbot meetings …` and `govbot agenda …` speak to people in their language (issue 15): bokmål by
default, English with `--lang en`; owners by name, states and dates in words, never a person key or an
ISO timestamp. `--json` stays the scripts' contract: keys and ISO times."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

SECRETARY = "hilde-karlsen"
CASE_OWNER = "hanne-kristoffersen"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T|\s\d)")


NO_LOCALE = {"LANG": "C.UTF-8"}
"""A terminal whose locale names no language (the suite's default is an English one): the CLI falls
back to the model's default language, bokmål."""


def _ok(cli: Any, url: str, *args: str) -> str:
    result = cli(*args, database_url=url, env=NO_LOCALE)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def planned(cli: Any, database_url: str) -> int:
    """A meeting with one case whose papers are delivered: every kind of value the output shows."""
    meeting = json.loads(
        _ok(
            cli,
            database_url,
            "meetings",
            "add",
            "--body",
            "Pasientbehandling",
            "--at",
            "2027-04-05T09:00",
            "--place",
            "Teams",
            "--confirm",
            "--as",
            SECRETARY,
            "--json",
        )
    )["id"]
    case = json.loads(
        _ok(
            cli,
            database_url,
            "agenda",
            "add",
            "--meeting",
            str(meeting),
            "--title",
            "Ny kurveløsning",
            "--owner",
            CASE_OWNER,
            "--operating-cost",
            "0",
            "--as",
            SECRETARY,
            "--json",
        )
    )["id"]
    _ok(cli, database_url, "agenda", "delivered", str(case), "--as", SECRETARY, "--json")
    return int(meeting)


def _no_keys_or_iso(text: str) -> None:
    assert CASE_OWNER not in text and SECRETARY not in text, text
    assert not ISO.search(text), text


def test_meetings_list_is_bokmal_by_default_and_english_on_request(cli, database_url, planned) -> None:
    norsk = _ok(cli, database_url, "meetings", "list")
    english = _ok(cli, database_url, "meetings", "list", "--lang", "en")

    assert f"Møte {planned}: Områdestyre Pasientbehandling 05.04.2027 kl. 09:00–11:00 (planlagt)" in norsk
    assert "sted:        Teams" in norsk and "frist for saksgrunnlag:" in norsk
    assert "Hanne Kristoffersen" in norsk and "saksgrunnlag levert" in norsk and " kl. " in norsk
    assert (
        f"Meeting {planned}: Områdestyre Pasientbehandling 5 April 2027 at 09:00–11:00 (planned)" in english
    )
    assert "planned" not in norsk and "delivered" not in norsk  # states are words of the language
    assert "papers due:" in english and "papers delivered" in english and "Hanne Kristoffersen" in english
    for text in (norsk, english):
        _no_keys_or_iso(text)


def test_agenda_list_names_the_owner_in_the_chosen_language(cli, database_url, planned) -> None:
    norsk = _ok(cli, database_url, "agenda", "list", "--meeting", str(planned))
    english = _ok(cli, database_url, "agenda", "list", "--meeting", str(planned), "--lang", "en")

    assert (
        norsk.startswith("1. sak ")
        and "Ny kurveløsning – Hanne Kristoffersen" in norsk
        and "saksgrunnlag levert" in norsk
    )
    assert (
        english.startswith("1. case ")
        and "Ny kurveløsning – Hanne Kristoffersen" in english
        and "papers delivered" in english
    )
    for text in (norsk, english):
        _no_keys_or_iso(text)


def test_a_shown_meeting_after_a_change_is_in_words_too(cli, database_url, planned) -> None:
    moved = _ok(cli, database_url, "meetings", "move", str(planned), "--at", "2027-04-12T09:00", "--confirm",
                "--as", SECRETARY, "--lang", "en")  # fmt: skip

    assert moved.startswith(f"Meeting {planned}: Områdestyre Pasientbehandling 12 April 2027 at 09:00")
    assert "(moved)" in moved
    _no_keys_or_iso(moved)


def test_json_keeps_keys_and_iso_times(cli, database_url, planned) -> None:
    listed = json.loads(_ok(cli, database_url, "meetings", "list", "--json", "--lang", "en"))
    agenda = json.loads(_ok(cli, database_url, "agenda", "list", "--meeting", str(planned), "--json"))

    (meeting,) = [m for m in listed if m["id"] == planned]
    assert meeting["status"] == "planned" and meeting["starts_at"].startswith("2027-04-05T07:00:00")
    assert meeting["agenda"][0]["owner"] == CASE_OWNER
    assert agenda["agenda"][0]["owner"] == CASE_OWNER and ISO.match(
        agenda["agenda"][0]["papers_delivered_at"]
    )
