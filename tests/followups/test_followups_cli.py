"""Issue 14 item 4: `govbot followups add|list|done|due`, run as a user runs them, on SQLite and PostgreSQL.

The secretariat adds a follow-up to a decision with an owner (by key or by name) and a due date; the
owner sees it with `list --mine`, gives it a new date, marks it done; anyone else is refused politely,
and every change is audited. The owner's reminders wait in the outbox, replaced by a new date and
cancelled when it is done.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from models.tables import AuditEntry, Reminder

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling
OWNER = "hanne-kristoffersen"


def _decision(run: Any) -> int:
    meeting = run(
        "meetings", "add", "--body", "Pasientbehandling", "--at", "2026-02-23T09:00", "--confirm", "--json",
        "--as", SECRETARY,
    )  # fmt: skip
    assert meeting.returncode == 0, meeting.stderr
    case = run(
        "agenda", "add", "--meeting", str(json.loads(meeting.stdout)["id"]), "--title", "Ny kurveløsning",
        "--owner", OWNER, "--operating-cost", "0,5", "--json", "--as", SECRETARY,
    )  # fmt: skip
    assert case.returncode == 0, case.stderr
    recorded = run(
        "decisions", "record", "--case", str(json.loads(case.stdout)["id"]), "--outcome", "vedtatt",
        "--text", "Styret godkjenner ny kurveløsning.", "--json", "--as", SECRETARY,
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    return int(json.loads(recorded.stdout)["id"])


def _pending(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return sorted(
                session.scalars(
                    select(Reminder.dedup_key).where(
                        Reminder.source == "followup", Reminder.status == "pending"
                    )
                )
            )
    finally:
        engine.dispose()


def _audited(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return list(
                session.scalars(
                    select(AuditEntry.action)
                    .where(AuditEntry.entity_type == "follow_up")
                    .order_by(AuditEntry.id)
                )
            )
    finally:
        engine.dispose()


def test_add_list_move_and_finish_a_follow_up(cli: Any, database_url: str) -> None:
    def run(*args: str) -> Any:
        return cli(*args, database_url=database_url)

    decision = _decision(run)
    added = run(
        "followups", "add", "--decision", str(decision), "--owner", "Hanne Kristoffersen", "--due",
        "14.06.2030", "--text", "Lag kostnadsoverslag", "--as", SECRETARY, "--lang", "nb",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Hanne Kristoffersen (plassholder) innen 14. juni 2030: Lag kostnadsoverslag" in added.stdout
    assert "2030-06-14" not in added.stdout  # a date in words, never ISO
    listed = json.loads(run("followups", "list", "--mine", "--as", OWNER, "--json").stdout)
    assert [(f["owner"], f["due"], f["status"]) for f in listed] == [(OWNER, "2030-06-14", "open")]
    follow_up = str(listed[0]["id"])
    assert _pending(database_url) == [
        f"follow-up:{follow_up}:1wd:2030-06-14",
        f"follow-up:{follow_up}:5wd:2030-06-14",
        f"follow-up:{follow_up}:overdue:2030-06-14",
    ]

    outsider = run("followups", "done", follow_up, "--as", "knut-johnsen", "--lang", "en")
    assert outsider.returncode == 1 and "only the owner of follow-up" in outsider.stderr
    not_secretariat = run(
        "followups", "add", "--decision", str(decision), "--owner", OWNER, "--due", "2030-06-14",
        "--text", "Noe annet", "--as", "knut-johnsen",
    )  # fmt: skip
    assert not_secretariat.returncode == 1

    moved = run("followups", "due", follow_up, "--date", "2030-08-01", "--as", OWNER, "--lang", "en")
    assert moved.returncode == 0, moved.stderr
    assert "is now due 1 August 2030" in moved.stdout
    assert _pending(database_url) == [
        f"follow-up:{follow_up}:1wd:2030-08-01",
        f"follow-up:{follow_up}:5wd:2030-08-01",
        f"follow-up:{follow_up}:overdue:2030-08-01",
    ]
    done = run("followups", "done", follow_up, "--as", OWNER, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert _pending(database_url) == []  # nothing is reminded about a done follow-up
    assert run("followups", "list", "--mine", "--as", OWNER, "--json").stdout.strip() == "[]"
    again = run("followups", "done", follow_up, "--as", OWNER, "--lang", "en")
    assert again.returncode == 1 and "already marked as done" in again.stderr
    assert _audited(database_url) == ["followup.add", "followup.due", "followup.done"]


def test_bad_input_writes_nothing(cli: Any, database_url: str) -> None:
    def run(*args: str) -> Any:
        return cli(*args, database_url=database_url)

    decision = str(_decision(run))
    unknown = run(
        "followups", "add", "--decision", decision, "--owner", "Narnia Person", "--due", "2030-06-14",
        "--text", "x", "--as", SECRETARY,
    )  # fmt: skip
    assert unknown.returncode == 1
    past = run(
        "followups", "add", "--decision", decision, "--owner", OWNER, "--due", "2020-01-01", "--text", "x",
        "--as", SECRETARY, "--lang", "en",
    )  # fmt: skip
    assert past.returncode == 1 and "already passed" in past.stderr
    bad = run("followups", "add", "--decision", decision, "--owner", OWNER, "--due", "snart", "--text", "x",
              "--as", SECRETARY)  # fmt: skip
    assert bad.returncode == 2 and "is not a date" in bad.stderr
    assert _audited(database_url) == [] and _pending(database_url) == []
