"""`govbot meetings|agenda|export calendar` as a user runs them, in a subprocess."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

SECRETARY = "hilde-karlsen"


def _add(cli, url, at, *extra):
    """`--confirm`: these fixed dates run on the real clock, so one day they are past (tested apart in
    test_plan_warnings.py); what is checked here is the rest."""
    return cli(
        "meetings",
        "add",
        "--body",
        "Pasientbehandling",
        "--at",
        at,
        "--json",
        "--confirm",
        "--as",
        SECRETARY,
        *extra,
        database_url=url,
    )


@pytest.mark.parametrize(
    ("at", "due"), [("2027-04-05T09:00", "2027-03-24"), ("2026-12-14T09:00", "2026-12-04")]
)
def test_meetings_add_prints_the_paper_deadline(cli, tmp_path, at, due) -> None:
    result = _add(cli, f"sqlite:///{tmp_path / 'g.db'}", at)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["papers_due"] == due
    assert data["body"]["key"] == "omradestyre-pasientbehandling"
    assert data["starts_at_local"].startswith(at)
    first_reminder = datetime.fromisoformat(data["starts_at"]) - timedelta(days=20)
    if first_reminder > datetime.now(UTC):  # the CLI plans no reminder for a day that has passed
        assert data["reminders"]["pending"] > 0


def test_cli_flow_on_both_databases(cli, database_url) -> None:
    meeting = json.loads(_add(cli, database_url, "2027-04-05T09:00", "--place", "Teams").stdout)
    item = cli(
        "agenda",
        "add",
        "--meeting",
        str(meeting["id"]),
        "--title",
        "Ny kurve",
        "--owner",
        "hanne-kristoffersen",
        "--initiative",
        "INI-2026-0001",
        "--operating-cost",
        "1,5",
        "--json",
        "--as",
        SECRETARY,
        database_url=database_url,
    )
    assert item.returncode == 0, item.stderr
    assert json.loads(item.stdout)["number"] == "1-2027"
    preview = cli(
        "meetings", "remind", str(meeting["id"]), "--as", SECRETARY, "--json", database_url=database_url
    )
    assert json.loads(preview.stdout) == {
        "sent": False,
        "recipients": ["hanne-kristoffersen: 1-2027 Ny kurve"],
        "queued": 0,
        "new": 1,
    }
    moved = cli(
        "meetings",
        "move",
        str(meeting["id"]),
        "--at",
        "2026-12-14T09:00",
        "--json",
        "--confirm",
        "--as",
        SECRETARY,
        database_url=database_url,
    )
    assert json.loads(moved.stdout)["papers_due"] == "2026-12-04"
    assert json.loads(moved.stdout)["reminders"]["cancelled"] > 0
    cancelled = cli(
        "meetings",
        "cancel",
        str(meeting["id"]),
        "--reason",
        "Ingen saker",
        "--json",
        "--as",
        SECRETARY,
        database_url=database_url,
    )
    data = json.loads(cancelled.stdout)
    assert data["status"] == "cancelled" and "pending" not in data["reminders"]
    listing = json.loads(
        cli("meetings", "list", "--body", "pasientbehandlig", "--json", database_url=database_url).stdout
    )
    assert [m["id"] for m in listing] == [meeting["id"]]


def test_someone_without_the_role_is_refused_politely(cli, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    result = cli(
        "meetings",
        "add",
        "--body",
        "Pasientbehandling",
        "--at",
        "2027-04-05T09:00",
        "--as",
        "ola-hansen",
        database_url=url,
    )
    assert result.returncode == 1
    assert "only the secretariat" in result.stderr and "Traceback" not in result.stderr
    listing = cli("meetings", "list", "--json", database_url=url)
    assert json.loads(listing.stdout) == []


def test_changes_need_as(cli, tmp_path) -> None:
    result = cli(
        "meetings",
        "add",
        "--body",
        "Pasientbehandling",
        "--at",
        "2027-04-05T09:00",
        database_url=f"sqlite:///{tmp_path / 'g.db'}",
    )
    assert result.returncode == 2 and "--as" in result.stderr


def test_bad_input_is_explained(cli, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    bad_time = cli(
        "meetings", "add", "--body", "X", "--at", "neste fredag", "--as", SECRETARY, database_url=url
    )
    assert bad_time.returncode == 2 and "ISO format" in bad_time.stderr
    no_body = _add(cli, url, "2027-04-05T09:00", "--body", "Månestyret")
    assert no_body.returncode == 1 and "cannot find a board" in no_body.stderr


def test_calendar_export_parses_and_holds_meetings_and_deadlines(cli, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    for at in ("2027-04-05T09:00", "2026-12-14T09:00"):
        assert _add(cli, url, at).returncode == 0
    out = tmp_path / "p.ics"
    result = cli("export", "calendar", "--body", "Pasientbehandling", "--output", str(out), database_url=url)
    assert result.returncode == 0, result.stderr
    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 4
    starts = sorted(
        e.decoded("DTSTART").isoformat() for uid, e in events.items() if uid.startswith("meeting-")
    )
    assert starts == ["2026-12-14T08:00:00+00:00", "2027-04-05T07:00:00+00:00"]
    dues = sorted(
        e.decoded("DTSTART").isoformat() for uid, e in events.items() if uid.startswith("deadline-")
    )
    assert dues == ["2026-12-04", "2027-03-24"]


def test_every_next_meeting_gets_the_minutes_item_at_the_cli(cli, tmp_path) -> None:
    """Planned December, September, November, October (and then September moved to January): each
    meeting with one before it approves exactly that one's minutes. Dates years ahead of the real clock."""
    url = f"sqlite:///{tmp_path / 'g.db'}"
    ids = {}
    for month in ("12", "09", "11", "10"):
        planned = _add(cli, url, f"2031-{month}-0{'1' if month != '09' else '2'}T09:00")
        assert planned.returncode == 0, planned.stderr
        ids[month] = json.loads(planned.stdout)["id"]

    def approvals() -> list[tuple[int, list[int]]]:
        listing = cli("meetings", "list", "--body", "Pasientbehandling", "--json", database_url=url)
        meetings = sorted(json.loads(listing.stdout), key=lambda m: m["starts_at"])
        return [(m["id"], [i["minutes_of"] for i in m["agenda"] if i["minutes_of"]]) for m in meetings]

    assert approvals() == [
        (ids["09"], []),
        (ids["10"], [ids["09"]]),
        (ids["11"], [ids["10"]]),
        (ids["12"], [ids["11"]]),
    ]
    moved = cli(
        "meetings", "move", str(ids["09"]), "--at", "2032-01-05T09:00", "--json", "--confirm",
        "--as", SECRETARY, database_url=url,
    )  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert approvals() == [
        (ids["10"], []),
        (ids["11"], [ids["10"]]),
        (ids["12"], [ids["11"]]),
        (ids["09"], [ids["12"]]),
    ]


def test_remind_preview_and_send_count_the_same_people_and_new_reminders(cli, tmp_path) -> None:
    """The issue's case: four cases owned by three people previewed "4 recipient(s), 0 new" and sent
    "4 new". Now the preview says what the send does: three people, three new, then none new."""
    url = f"sqlite:///{tmp_path / 'g.db'}"
    meeting = json.loads(_add(cli, url, "2031-09-02T09:00").stdout)["id"]
    for title, owner in (("A", "hanne-kristoffersen"), ("B", "ola-hansen"), ("C", "knut-johnsen"),
                         ("D", "hanne-kristoffersen")):  # fmt: skip
        added = cli(
            "agenda", "add", "--meeting", str(meeting), "--title", title, "--owner", owner,
            "--operating-cost", "0", "--as", SECRETARY, database_url=url,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr

    def remind(*send: str) -> str:
        done = cli("meetings", "remind", str(meeting), *send, "--as", SECRETARY, database_url=url)
        assert done.returncode == 0, done.stderr
        return done.stdout

    preview = remind()
    assert "3 recipient(s), 3 new." in preview
    assert "Hanne Kristoffersen (placeholder): 1-2031 A; 4-2031 D" in preview  # a name, not the key
    assert "Queued: 3 recipient(s), 3 new." in remind("--send")
    assert "3 recipient(s), 0 new." in remind()
    assert "Queued: 3 recipient(s), 0 new." in remind("--send")
