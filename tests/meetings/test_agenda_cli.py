"""`govbot agenda list|reorder|move|withdraw`, `meetings add --ends` and `export calendar` as a user runs
them, on SQLite and PostgreSQL: the order kept, reminders re-pointed, withdrawn cases kept on record and
out of the .ics, audit rows for every change, polite refusals that change nothing."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from icalendar import Calendar
from sqlalchemy import create_engine, select

from models.database import normalise_url
from models.tables import AuditEntry, Reminder
from models.tables.reminders import PENDING

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling
CASE_OWNER = "hanne-kristoffersen"


def _run(cli: Any, url: str, *args: str) -> Any:
    return cli(*args, database_url=url)


def _ok(cli: Any, url: str, *args: str) -> Any:
    result = _run(cli, url, *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _meeting(cli: Any, url: str, at: str, *extra: str, body: str = "Pasientbehandling") -> int:
    added = _ok(
        cli, url, "meetings", "add", "--body", body, "--at", at, "--confirm", "--as", SECRETARY, *extra
    )
    return int(added["id"])


def _case(cli: Any, url: str, meeting: int, title: str) -> dict[str, Any]:
    return _ok(
        cli, url, "agenda", "add", "--meeting", str(meeting), "--title", title, "--owner", CASE_OWNER,
        "--operating-cost", "0", "--as", SECRETARY,
    )  # fmt: skip


def _rows(url: str, statement: Any) -> list[Any]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return list(conn.execute(statement))
    finally:
        engine.dispose()


def _pending_deadlines(url: str, item_id: int) -> set[str]:
    rows = _rows(
        url,
        select(Reminder.payload).where(
            Reminder.status == PENDING, Reminder.dedup_key.like(f"owner:{item_id}:%")
        ),
    )
    return {row.payload["papers_due"] for row in rows}


def test_agenda_order_move_withdraw_and_the_calendar(cli, database_url, tmp_path) -> None:
    url = database_url
    april = _meeting(cli, url, "2027-04-05T09:00", "--ends", "12:30")
    may = _meeting(cli, url, "2027-05-10T09:00")
    a, b, c = (_case(cli, url, april, title) for title in ("Ny kurve", "Felles journal", "Status AMK"))
    assert [a["position"], b["position"], c["position"]] == [1, 2, 3]

    assert (
        _ok(cli, url, "agenda", "reorder", str(c["id"]), "--position", "1", "--as", SECRETARY)["position"]
        == 1
    )
    listed = _ok(cli, url, "agenda", "list", "--meeting", str(april))
    assert [i["title"] for i in listed["agenda"]] == ["Status AMK", "Ny kurve", "Felles journal"]
    assert [i["position"] for i in listed["agenda"]] == [1, 2, 3]

    assert _pending_deadlines(url, a["id"]) == {"2027-03-24"}
    moved = _ok(cli, url, "agenda", "move", str(a["id"]), "--to", str(may), "--as", SECRETARY)
    assert (moved["meeting"], moved["number"]) == (may, a["number"])  # the number goes with it
    assert _pending_deadlines(url, a["id"]) == {"2027-04-30"}  # May's deadline; none for April's
    may_agenda = _ok(cli, url, "agenda", "list", "--meeting", str(may))["agenda"]
    assert [(i["position"], i["title"]) for i in may_agenda][-1] == (len(may_agenda), "Ny kurve")
    april_agenda = _ok(cli, url, "agenda", "list", "--meeting", str(april))["agenda"]
    assert [(i["position"], i["title"]) for i in april_agenda] == [(1, "Status AMK"), (2, "Felles journal")]

    withdrawn = _ok(
        cli, url, "agenda", "withdraw", str(b["id"]), "--reason", "Utsatt til høsten", "--as", SECRETARY
    )
    assert (withdrawn["status"], withdrawn["withdrawn_reason"]) == ("withdrawn", "Utsatt til høsten")
    assert _pending_deadlines(url, b["id"]) == set()
    listed = _ok(cli, url, "agenda", "list", "--meeting", str(april))
    assert [i["title"] for i in listed["agenda"]] == ["Status AMK"]
    assert [(i["title"], i["withdrawn_reason"]) for i in listed["withdrawn"]] == [
        ("Felles journal", "Utsatt til høsten")
    ]

    actions = [
        row.action
        for row in _rows(url, select(AuditEntry.action, AuditEntry.actor).order_by(AuditEntry.id))
        if row.action in ("agenda.reorder", "agenda.move", "agenda.withdraw") and SECRETARY in row.actor
    ]
    assert actions == ["agenda.reorder", "agenda.move", "agenda.withdraw"]

    ics = _run(
        cli, url, "export", "calendar", "--body", "Pasientbehandling", "--output", str(tmp_path / "nb.ics")
    )
    assert ics.returncode == 0, ics.stderr
    events = {str(e["UID"]): e for e in Calendar.from_ical((tmp_path / "nb.ics").read_bytes()).walk("VEVENT")}
    april_event = events[next(uid for uid in events if uid.startswith(f"meeting-{april}@"))]
    assert april_event.decoded("DTEND") - april_event.decoded("DTSTART") == datetime(
        2027, 4, 5, 12, 30
    ) - datetime(2027, 4, 5, 9, 0)
    description = str(april_event["DESCRIPTION"])
    assert description.startswith("Saksliste:\n1. Sak ") and "Status AMK" in description
    assert "Felles journal" not in description  # withdrawn
    assert "Frist for saksgrunnlag: 24.03.2027" in description
    may_event = events[next(uid for uid in events if uid.startswith(f"meeting-{may}@"))]
    assert (may_event.decoded("DTEND") - may_event.decoded("DTSTART")).total_seconds() == 2 * 3600
    assert "Ny kurve" in str(may_event["DESCRIPTION"])
    deadline = events[next(uid for uid in events if uid.startswith(f"deadline-papers-{april}@"))]
    assert deadline.decoded("DTSTART").isoformat() == "2027-03-24"
    english = tmp_path / "en.ics"
    _run(
        cli,
        url,
        "export",
        "calendar",
        "--body",
        "Pasientbehandling",
        "--lang",
        "en",
        "--output",
        str(english),
    )
    assert "Papers due: 24 March 2027" in str(
        next(
            e
            for e in Calendar.from_ical(english.read_bytes()).walk("VEVENT")
            if str(e["UID"]).startswith(f"meeting-{april}@")
        )["DESCRIPTION"]
    )


def test_refusals_change_nothing(cli, database_url) -> None:
    url = database_url
    april = _meeting(cli, url, "2027-04-05T09:00")
    held = _meeting(cli, url, "2025-03-03T09:00")
    portfolio = _ok(
        cli, url, "meetings", "add", "--body", "porteføljestyret", "--at", "2027-04-12T10:00", "--confirm",
        "--as", "ingrid-johansen",
    )["id"]  # fmt: skip
    case = _case(cli, url, april, "Ny kurve")
    other = _run(cli, url, "agenda", "move", str(case["id"]), "--to", str(portfolio), "--as", SECRETARY)
    assert other.returncode == 1 and "only move to another meeting of the same body" in other.stderr
    past = _run(cli, url, "agenda", "move", str(case["id"]), "--to", str(held), "--as", SECRETARY)
    assert past.returncode == 1 and "has already been held" in past.stderr
    unknown = _run(cli, url, "agenda", "withdraw", "999", "--reason", "x", "--as", SECRETARY)
    assert unknown.returncode == 1 and "Case 999 was not found" in unknown.stderr
    outsider = _run(cli, url, "agenda", "withdraw", str(case["id"]), "--reason", "x", "--as", "knut-johnsen")
    assert outsider.returncode == 1 and "only the secretariat" in outsider.stderr
    blank = _run(cli, url, "agenda", "withdraw", str(case["id"]), "--reason", " ", "--as", SECRETARY)
    assert blank.returncode == 1 and "Say why case" in blank.stderr
    early = _run(
        cli, url, "meetings", "add", "--body", "Pasientbehandling", "--at", "2027-04-19T09:00", "--ends", "08:00",
        "--confirm", "--as", SECRETARY,
    )  # fmt: skip
    assert early.returncode == 1 and "must end after it starts" in early.stderr
    listed = _ok(cli, url, "agenda", "list", "--meeting", str(april))
    assert [(i["title"], i["status"]) for i in listed["agenda"]][-1] == ("Ny kurve", "active")
    assert listed["withdrawn"] == []
    changes = _rows(
        url, select(AuditEntry.action).where(AuditEntry.action.in_(["agenda.move", "agenda.withdraw"]))
    )
    assert changes == []
