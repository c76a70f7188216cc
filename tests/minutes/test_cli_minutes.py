"""`govbot minutes …` and `govbot agenda export` end to end: the cycle a secretariat scripts, and Word
documents opened with python-docx, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docx import Document

SECRETARY = "hilde-karlsen"
MEMBER = "hanne-kristoffersen"


def _headings(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.style.name.startswith(("Title", "Heading"))]


def _text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_draft_send_approve_and_export_minutes_and_agenda(
    cli: Any, database_url: str, tmp_path: Path
) -> None:
    def run(*args: str) -> Any:
        return cli(*args, database_url=database_url)

    def ok(*args: str) -> Any:
        done = run(*args)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if "--json" in args else done.stdout

    held = ok("meetings", "add", "--body", "Pasientbehandling", "--at", "2026-10-05T09:00", "--place",
              "Teams", "--confirm", "--json", "--as", SECRETARY)["id"]  # fmt: skip
    nxt = ok("meetings", "add", "--body", "Pasientbehandling", "--at", "2026-11-02T09:00", "--confirm",
             "--json", "--as", SECRETARY)["id"]  # fmt: skip
    case = ok("agenda", "add", "--meeting", str(held), "--title", "Ny kurveløsning", "--owner", MEMBER,
              "--operating-cost", "0,5", "--json", "--as", SECRETARY)  # fmt: skip
    ok("decisions", "record", "--case", str(case["id"]), "--outcome", "vedtatt", "--text",
       "Styret godkjenner ny kurveløsning.", "--as", SECRETARY)  # fmt: skip

    refused = run("minutes", "draft", str(held), "--as", MEMBER, "--lang", "en")
    assert refused.returncode == 1 and "only the secretariat drafts" in refused.stderr
    drafted = ok("minutes", "draft", str(held), "--as", SECRETARY, "--lang", "nb")
    assert "Referatutkastet fra møtet i Områdestyre Pasientbehandling 5. oktober 2026 kl. 09:00" in drafted
    sent = ok("minutes", "send", str(held), "--by", "2099-01-15", "--json", "--as", SECRETARY)
    assert sent["state"] == "comments" and sent["told"] > 0 and "15 January 2099" in sent["message"]
    again = ok("minutes", "send", str(held), "--by", "2099-01-15", "--json", "--as", SECRETARY)
    assert again["told"] == 0
    draft_doc = tmp_path / "utkast.docx"
    ok("minutes", "export", str(held), "--output", str(draft_doc), "--as", SECRETARY)
    assert "UTKAST – sendt til kommentar, frist 15. januar 2099." in _text(draft_doc)
    hidden = run("minutes", "export", str(held), "--output", str(tmp_path / "x.docx"), "--as", MEMBER)
    assert hidden.returncode == 1 and not (tmp_path / "x.docx").exists()

    listed = ok("meetings", "list", "--body", "Pasientbehandling", "--json")
    approval = next(i for m in listed if m["id"] == nxt for i in m["agenda"] if i["minutes_of"] == held)
    ok("decisions", "record", "--case", str(approval["id"]), "--outcome", "approved", "--text",
       "Referatet godkjennes.", "--as", SECRETARY)  # fmt: skip
    shown = ok("minutes", "show", str(held), "--json", "--as", MEMBER, "--lang", "en")
    assert shown["state"] == "approved" and "Approved in the meeting of 2 November 2026" in shown["message"]

    referat = tmp_path / "referat.docx"
    ok("minutes", "export", str(held), "--output", str(referat), "--as", MEMBER)
    assert _headings(referat) == [
        "Referat fra møte i Områdestyre Pasientbehandling",
        "Sak 2/26 Ny kurveløsning",
    ]
    body = _text(referat)
    assert "5. oktober 2026 kl. 09:00" in body and "Teams" in body and "Hanne Kristoffersen" in body
    assert "Vedtak (vedtatt): Styret godkjenner ny kurveløsning." in body
    assert "Godkjent i møtet 2. november 2026" in body and "2026-10-05" not in body

    sakliste = tmp_path / "sakliste.docx"
    ok("agenda", "export", str(nxt), "--output", str(sakliste), "--lang", "en")
    assert _headings(sakliste)[0] == "Agenda for the meeting of Områdestyre Pasientbehandling"
    assert "Case 1/26 Godkjenning av referat" in _headings(sakliste)[1]
    assert "Decision (approved): Referatet godkjennes." in _text(sakliste)
    twice = run("minutes", "approve", str(held), "--as", SECRETARY, "--lang", "en")
    assert twice.returncode == 1 and "already approved" in twice.stderr


def test_minutes_help_names_every_step(cli: Any) -> None:
    shown = cli("minutes", "--help")
    assert shown.returncode == 0
    for word in ("draft", "send", "comments", "approve", "show", "export", "Godkjenning av referat"):
        assert word in shown.stdout
    assert "export" in cli("agenda", "--help").stdout
