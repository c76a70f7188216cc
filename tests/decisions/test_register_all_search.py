"""Issue 14 leftover: `govbot decisions list --all --search X` gives the same result on SQLite and on
PostgreSQL. Both index every version of a decision; the register leaves superseded versions out unless
`--all` asks for them, so a corrected decision's old words find it only with `--all`, on both."""

from __future__ import annotations

import json

SECRETARY = "silje-kristiansen"  # secretariat of Områdestyre Prehospital


def _ok(cli, database_url: str, *args: str) -> str:
    result = cli(*args, database_url=database_url)
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    return result.stdout


def _found(cli, database_url: str, *args: str) -> list[tuple[int, int]]:
    rows = json.loads(_ok(cli, database_url, "decisions", "list", "--json", *args))
    return sorted((row["id"], row["version"]) for row in rows)


def test_all_with_search_finds_the_same_versions_on_both_databases(cli, database_url: str) -> None:
    as_secretary = ("--as", SECRETARY)
    _ok(
        cli,
        database_url,
        "meetings",
        "add",
        "--body",
        "Prehospital",
        "--at",
        "2026-11-02T10:00",
        "--confirm",
        *as_secretary,
    )
    _ok(
        cli,
        database_url,
        "agenda",
        "add",
        "--meeting",
        "1",
        "--title",
        "Kartvisning i AMK",
        "--owner",
        "ragnhild-lund",
        "--operating-cost",
        "1.5",
        *as_secretary,
    )
    _ok(
        cli,
        database_url,
        "decisions",
        "record",
        "--case",
        "1",
        "--outcome",
        "approved",
        "--text",
        "Styret godkjenner helikopterkart.",
        *as_secretary,
    )
    _ok(
        cli,
        database_url,
        "decisions",
        "correct",
        "1",
        "--text",
        "Styret godkjenner ambulansekart.",
        "--reason",
        "Feil i protokollen",
        *as_secretary,
    )

    assert _found(cli, database_url, "--search", "helikopterkart") == []  # the current words only
    assert _found(cli, database_url, "--search", "ambulansekart") == [(2, 2)]
    assert _found(cli, database_url, "--all", "--search", "helikopterkart") == [(1, 1)]
    assert _found(cli, database_url, "--all", "--search", "ambulansekart") == [(2, 2)]
    assert _found(cli, database_url, "--all", "--search", "kartvisning") == [(1, 1), (2, 2)]  # the case title
    assert _found(cli, database_url, "--all") == [(1, 1), (2, 2)]
