"""Real sweeper processes against one database: exactly once across two, nothing lost after kill -9.

Two sweepers on PostgreSQL claim with `FOR UPDATE SKIP LOCKED`, so every one of 10,000 reminders is
sent exactly once. A sweeper killed mid-batch leaves its unsettled rows `sending`; after their lease a
restarted sweeper sends them, so none is lost and the doubles are at most one batch (the rows the dead
worker had claimed and possibly sent but not yet marked sent).
"""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.tables import Reminder
from tests.conftest import REPO_ROOT
from tests.scheduler.conftest import seed_due

BATCH = 100


def _worker(url: str, record: Path, name: str, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scheduler.sweep_worker",
            "--database-url",
            url,
            "--worker",
            name,
            "--batch",
            str(BATCH),
            "--notifier",
            f"record:{record}",
            *extra,
        ],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _wait_for(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    for got in process.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"worker ended before printing {line!r}")


def _sent_lines(record: Path) -> list[tuple[str, str]]:
    return [tuple(line.split()) for line in record.read_text().splitlines()]  # type: ignore[misc]


def _statuses(store) -> dict[str, int]:
    with store.read() as session:
        rows = session.execute(select(Reminder.status, func.count()).group_by(Reminder.status)).all()
        return {status: count for status, count in rows}


@pytest.mark.postgres_only
def test_two_sweepers_send_each_of_10000_reminders_exactly_once(store, database_url, tmp_path) -> None:
    seed_due(store, 10_000, due_at=datetime.now(UTC) - timedelta(minutes=1))
    record = tmp_path / "sent.txt"
    workers = [_worker(database_url, record, name, "--wait-for-go") for name in ("A", "B")]
    for worker in workers:
        _wait_for(worker, "ready")
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        worker.communicate(timeout=300)
        assert worker.returncode == 0
    lines = _sent_lines(record)
    keys = collections.Counter(key for key, _ in lines)
    assert len(keys) == 10_000 and max(keys.values()) == 1
    by_worker = collections.Counter(worker for _, worker in lines)
    assert by_worker["A"] > 0 and by_worker["B"] > 0, by_worker  # both took part: SKIP LOCKED shared the work
    assert _statuses(store) == {"sent": 10_000}


@pytest.mark.postgres_only
def test_sweeper_killed_mid_batch_loses_nothing_and_doubles_at_most_a_batch(
    store, database_url, tmp_path
) -> None:
    total = 2_000
    seed_due(store, total, due_at=datetime.now(UTC) - timedelta(minutes=1))
    record = tmp_path / "sent.txt"
    victim = _worker(database_url, record, "victim", "--progress")
    _wait_for(victim, f"sent {BATCH + BATCH // 2}")  # in the middle of its second batch
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    assert 0 < _statuses(store).get("sending", 0) <= BATCH
    # restarted after the lease (300 s) has run out: the clock is moved, nobody sleeps
    survivor = _worker(database_url, record, "survivor", "--clock-offset-seconds", "600")
    survivor.communicate(timeout=300)
    assert survivor.returncode == 0
    keys = collections.Counter(key for key, _ in _sent_lines(record))
    assert len(keys) == total  # none lost
    duplicates = sum(count - 1 for count in keys.values())
    assert duplicates <= BATCH
    assert _statuses(store) == {"sent": total}


def test_one_sweeper_on_sqlite_sends_each_exactly_once(tmp_path) -> None:
    from models.store import open_store

    url = f"sqlite:///{tmp_path / 'sweep.db'}"
    store = open_store(url, "hso-2026")
    try:
        seed_due(store, 3_000, due_at=datetime.now(UTC) - timedelta(minutes=1), pending_later=1_000)
        record = tmp_path / "sent.txt"
        worker = _worker(url, record, "solo")
        worker.communicate(timeout=300)
        assert worker.returncode == 0
        keys = collections.Counter(key for key, _ in _sent_lines(record))
        assert len(keys) == 3_000 and max(keys.values()) == 1
        assert _statuses(store) == {"sent": 3_000, "pending": 1_000}
    finally:
        store.close()
