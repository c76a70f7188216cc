"""Two secretaries running `govbot meetings remind N --send` at the same moment both get an answer.

The reminders are queued once, whoever wins; the other run says "0 new". On PostgreSQL the test makes the
race certain instead of likely: it holds a lock that lets both processes read the outbox but not write it
until both are waiting, so both have checked for existing keys before either inserts (a read-then-insert
then failed one of them on the unique key with a traceback).
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import psycopg
import pytest

from tests.meetings.test_cli_meetings import SECRETARY, _add

WAIT_BOUND_S = 60.0
"""How long the test waits for both processes to reach the lock; only bounds a hang."""


@pytest.fixture
def cli(cli_process):  # type: ignore[no-untyped-def]
    """Separate processes: what this file tests is only visible across a process boundary."""
    return cli_process


def _agenda_item(cli, url: str, meeting_id: int) -> None:  # type: ignore[no-untyped-def]
    item = cli(
        "agenda", "add", "--meeting", str(meeting_id), "--title", "Ny kurve", "--owner", "hanne-kristoffersen",
        "--operating-cost", "0", "--json", "--as", SECRETARY, database_url=url,
    )  # fmt: skip
    assert item.returncode == 0, item.stderr


def _remind(cli, url: str, meeting_id: int):  # type: ignore[no-untyped-def]
    return cli("meetings", "remind", str(meeting_id), "--send", "--as", SECRETARY, "--json", database_url=url)


def _libpq(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg", "postgresql")


def _waiting_for_lock(monitor: psycopg.Connection) -> int:
    query = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'reminders'::regclass"
    return monitor.execute(query).fetchone()[0]  # type: ignore[index]


def test_two_concurrent_remind_sends_both_exit_0_and_queue_once(cli, database_url: str) -> None:
    meeting = json.loads(_add(cli, database_url, "2027-04-05T09:00").stdout)
    _agenda_item(cli, database_url, meeting["id"])
    postgres = database_url.startswith("postgresql")
    # the subprocesses wait for the test's lock longer than the default 2 s lock_timeout
    url = database_url + ("?options=" + quote("-c lock_timeout=60000") if postgres else "")
    with ThreadPoolExecutor(2) as pool:
        if postgres:
            holder = psycopg.connect(_libpq(database_url))
            monitor = psycopg.connect(_libpq(database_url), autocommit=True)
            holder.execute("LOCK TABLE reminders IN SHARE ROW EXCLUSIVE MODE")  # reads pass, writes wait
            runs = [pool.submit(_remind, cli, url, meeting["id"]) for _ in range(2)]
            deadline = time.monotonic() + WAIT_BOUND_S
            while _waiting_for_lock(monitor) < 2:
                assert time.monotonic() < deadline and not any(r.done() for r in runs), "not both waiting"
            holder.rollback()
            holder.close()
            monitor.close()
        else:  # SQLite's BEGIN IMMEDIATE serialises the two; both must still answer
            runs = [pool.submit(_remind, cli, url, meeting["id"]) for _ in range(2)]
        results = [r.result() for r in runs]

    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "IntegrityError" not in result.stderr
    queued = sorted(json.loads(r.stdout)["queued"] for r in results)
    assert queued == [0, 1]  # "1 new" and "0 new, already queued"
