"""`govbot decisions list` with the register's filters and `govbot decisions export`, run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling


def _decide(run: Any, at: str, title: str, text: str) -> None:
    meeting = run(
        "meetings", "add", "--body", "Pasientbehandling", "--at", at, "--confirm", "--json", "--as", SECRETARY
    )
    assert meeting.returncode == 0, meeting.stderr
    case = run(
        "agenda", "add", "--meeting", str(json.loads(meeting.stdout)["id"]), "--title", title, "--owner",
        "hanne-kristoffersen", "--operating-cost", "0,5", "--json", "--as", SECRETARY,
    )  # fmt: skip
    assert case.returncode == 0, case.stderr
    recorded = run(
        "decisions", "record", "--case", str(json.loads(case.stdout)["id"]), "--outcome", "vedtatt",
        "--text", text, "--as", SECRETARY,
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr


def test_list_filters_and_export(cli: Any, database_url: str, tmp_path) -> None:
    def run(*args: str) -> Any:
        return cli(*args, database_url=database_url)

    _decide(run, "2025-10-06T09:00", "Talegjenkjenning", "Styret godkjenner talegjenkjenning i DIPS.")
    _decide(run, "2026-02-23T09:00", "Ny kurveløsning", "Styret godkjenner ny kurveløsning for sengepostene.")

    def listed(*filters: str) -> list[str]:
        result = run("decisions", "list", "--json", *filters)
        assert result.returncode == 0, result.stderr
        return [d["title"] for d in json.loads(result.stdout)]

    assert listed() == ["Ny kurveløsning", "Talegjenkjenning"]  # newest meeting first
    assert listed("--search", "kurveløsningen") == ["Ny kurveløsning"]  # an inflected word
    assert listed("--search", "kurveløsning talegjenkjenning") == []  # every word must be there
    assert listed("--system", "DIPS") == ["Talegjenkjenning"]  # the decision's own words name it
    assert listed("--since", "2026-01-01") == ["Ny kurveløsning"]
    assert listed("--until", "2025-12-31", "--domain", "Pasientbehandling") == ["Talegjenkjenning"]
    assert listed("--body", "porteføljestyret") == []
    unknown = run("decisions", "list", "--domain", "Narnia", "--lang", "en")
    assert unknown.returncode == 1 and "I find no domain called «Narnia»." in unknown.stderr
    bad_day = run("decisions", "list", "--since", "1. mars")
    assert bad_day.returncode == 2 and "is not a date" in bad_day.stderr

    target = tmp_path / "vedtak.csv"
    written = run("decisions", "export", "--output", str(target), "--lang", "nb")
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == f"Skrev 2 vedtak til {target}."
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["number"][-3:], r["title"], r["outcome"]) for r in rows] == [
        ("/26", "Ny kurveløsning", "approved"),
        ("/25", "Talegjenkjenning", "approved"),
    ]
    assert target.read_text(encoding="utf-8").splitlines()[0].startswith("id,number,version,supersedes,body")
    exported = run("decisions", "export", "--format", "json", "--search", "sengepostene")
    assert exported.returncode == 0, exported.stderr
    [one] = json.loads(exported.stdout)
    assert one["text"] == "Styret godkjenner ny kurveløsning for sengepostene." and one["body"]
