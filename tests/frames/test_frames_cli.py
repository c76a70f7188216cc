"""Issue 16 §1: `govbot frames set|move|list|import`, run as a user runs them, on SQLite and PostgreSQL.

The portfolio board's portfolio manager records the chief executive's frame decision (hso-2026,
seed 000 §2.4); anyone else is refused; a move between domains keeps the sum; every change is a
history row with its decision reference and an audit row; an import with one bad row writes nothing.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from models.tables import AuditEntry, Frame, FrameChange

RECORDER = "ola-hansen"  # portfolio manager of the portfolio board
CEO = "kari-nordmann"  # its chair, the RHF's chief executive
OUTSIDER = "hilde-karlsen"  # a domain board's secretariat: not the frame's


def _rows(database_url: str) -> tuple[list[tuple[str, int, str, Decimal]], list[str], list[str]]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            frames = [
                (f.kind, f.year, f.decision_ref, f.amount_mnok)
                for f in session.scalars(select(Frame).order_by(Frame.id))
            ]
            changes = [c.change for c in session.scalars(select(FrameChange).order_by(FrameChange.id))]
            audit = list(
                session.scalars(
                    select(AuditEntry.action).where(AuditEntry.entity_type == "frame").order_by(AuditEntry.id)
                )
            )
            return frames, changes, audit
    finally:
        engine.dispose()


def test_set_move_and_list_frames(cli: Any, database_url: str) -> None:
    def run(*args: str) -> Any:
        return cli(*args, database_url=database_url)

    put = run("frames", "set", "--domain", "Pasientbehandling", "--year", "2027", "--investment", "120,5",
              "--operating", "30", "--decision", "PS-sak 12/27", "--as", RECORDER, "--lang", "nb")  # fmt: skip
    assert put.returncode == 0, put.stderr
    assert "Rammen for investering i Pasientbehandling for 2027 er nå 120,5 MNOK" in put.stdout
    ceo = run("frames", "set", "--domain", "prehospital", "--year", "2027", "--investment", "40",
              "--decision", "PS-sak 12/27", "--as", CEO)  # fmt: skip
    assert ceo.returncode == 0, ceo.stderr
    refused = run("frames", "set", "--domain", "Prehospital", "--year", "2027", "--investment", "99",
                  "--decision", "x", "--as", OUTSIDER, "--lang", "en")  # fmt: skip
    assert refused.returncode == 1 and "may not set or move frames" in refused.stderr

    moved = run("frames", "move", "--from", "Prehospital", "--to", "Pasientbehandling", "--year", "2027",
                "--investment", "5", "--decision", "PS-sak 31/27", "--as", RECORDER, "--lang", "en")  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert (
        "Moved 5 MNOK of investment for 2027 from Prehospital services (now 35 MNOK) to Patient treatment (now 125.5 MNOK)"
        in moved.stdout
    )
    too_much = run("frames", "move", "--from", "Prehospital", "--to", "Pasientbehandling", "--year", "2027",
                   "--investment", "500", "--decision", "PS-sak 32/27", "--as", RECORDER)  # fmt: skip
    assert too_much.returncode == 1

    listed = json.loads(run("frames", "list", "--year", "2027", "--json").stdout)
    amounts = {(x["domain"], x["kind"]): x["amount_mnok"] for x in listed}
    assert amounts == {
        ("pasientbehandling", "investment"): "125.50",
        ("pasientbehandling", "operating"): "30.00",
        ("prehospital", "investment"): "35.00",
    }
    history = json.loads(run("frames", "list", "--history", "--json").stdout)
    moves = [h for h in history if h["move_id"] is not None]
    assert len(moves) == 2 and moves[0]["move_id"] == moves[1]["move_id"]
    frames, changes, audit = _rows(database_url)
    assert sum(a for k, _, _, a in frames if k == "investment") == Decimal("160.50")  # a move keeps the sum
    assert changes == ["set", "set", "set", "move_out", "move_in"]
    assert audit == ["frame.set", "frame.set", "frame.set", "frame.move_out", "frame.move_in"]


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["område", "år", "investering", "drift", "vedtak"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_import_frames_all_or_nothing(cli: Any, database_url: str, tmp_path: Path) -> None:
    def run(*args: str) -> Any:
        return cli(*args, database_url=database_url)

    bad = _sheet(tmp_path / "bad.xlsx", [
        ["Pasientbehandling", 2027, 120, 30, "PS-sak 12/27"],
        ["Atlantis", 2027, 10, 1, "PS-sak 12/27"],
        ["Prehospital", 2027, "mange", 1, "PS-sak 12/27"],
        ["Prehospital", 2027, 10, 1, ""],
    ])  # fmt: skip
    refused = run("frames", "import", str(bad), "--as", RECORDER)
    assert refused.returncode == 1
    assert "nothing was imported" in refused.stderr
    for row in ("row 3:", "row 4:", "row 5:"):
        assert row in refused.stderr
    assert "row 2:" not in refused.stderr
    assert _rows(database_url) == ([], [], [])

    good = _sheet(tmp_path / "good.xlsx", [
        ["Pasientbehandling", 2027, 120, 30, "PS-sak 12/27"],
        ["Prehospital", 2027, 40.5, None, "PS-sak 12/27"],
    ])  # fmt: skip
    done = run("frames", "import", str(good), "--as", RECORDER, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Imported 3 frames." in done.stdout
    frames, changes, audit = _rows(database_url)
    assert sorted(a for _, _, _, a in frames) == [Decimal("30.00"), Decimal("40.50"), Decimal("120.00")]
    assert changes == ["import"] * 3 and audit == ["frame.import"] * 3
    outsider = run("frames", "import", str(good), "--as", OUTSIDER)
    assert outsider.returncode == 1
