"""Reliability 10: real sweeper processes killed and frozen mid-batch, on SQLite and PostgreSQL.

Sweepers in a row are each SIGKILLed after a seeded random number of sends (so each dies at a different
point of a batch, found by its `sent N` line, not by sleeping; the worker does not wait for the reader,
so the kill lands at or a little after the Nth send, and one after a batch's last send aims at its
settling transaction); then one survivor finishes. None is lost, and each kill doubles at
most the rows it had claimed and not settled (≤ one batch). By default SQLite runs 2 kills in each of 3
runs (two seeds, and one aimed at a batch's settling); the heavy run does 10 kills on both databases.

A sweeper frozen with SIGSTOP past its lease has its rows completed by another (heavy, PostgreSQL);
thawed with SIGCONT, its fenced completion matches nothing and it sends none of the rows it no longer
owns.
"""

from __future__ import annotations

import collections
import random
import shutil
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.store import Store, open_store
from models.tables import Reminder
from tests.scheduler.conftest import seed_due
from tests.scheduler.test_sweep_processes import BATCH, _sent_lines, _statuses, _wait_for, _worker

LEASE_AHEAD = 600
"""Each restarted sweeper runs this many seconds later than the last (past the 300 s lease): no sleep."""


@pytest.fixture
def sqlite_store(prepared_sqlite_file: Path, tmp_path: Path) -> Iterator[tuple[Store, str]]:
    """SQLite only (stated in the test's name): a file database of its own that the sweepers open too."""
    path = tmp_path / "sweep.db"
    shutil.copyfile(prepared_sqlite_file, path)
    url = f"sqlite:///{path}"
    store = open_store(url, "hso-2026")
    try:
        yield store, url
    finally:
        store.close()


def _seeded(seed: int, kills: int) -> tuple[int, ...]:
    """Where each sweeper dies: after a seeded random 1–299 sends, anywhere in its first three batches."""
    rng = random.Random(seed)
    return tuple(rng.randrange(1, 3 * BATCH) for _ in range(kills))


@pytest.mark.parametrize(
    "kill_points",
    [_seeded(1, 2), _seeded(2, 2), (BATCH, BATCH + BATCH // 2)],
    ids=["seed1", "seed2", "batch-end"],  # batch-end: the first kill aims at its first batch's settling
)
def test_2_sigkills_on_sqlite_at_seeded_points_lose_none_and_each_doubles_at_most_a_batch(
    sqlite_store: tuple[Store, str], tmp_path: Path, kill_points: tuple[int, ...]
) -> None:
    store, url = sqlite_store
    _kill_and_recover(store, url, tmp_path, total=1_000, kill_points=kill_points)


@pytest.mark.heavy
def test_10_sigkills_at_seeded_random_points_lose_none_and_each_doubles_at_most_a_batch(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    _kill_and_recover(store, database_url, tmp_path, total=5_000, kill_points=_seeded(10, 10))


def _kill_and_recover(
    store: Store, database_url: str, tmp_path: Path, *, total: int, kill_points: tuple[int, ...]
) -> None:
    """One sweeper after another, each SIGKILLed after its `kill_points` sends; then a survivor finishes."""
    seed_due(store, total, due_at=datetime.now(UTC) - timedelta(minutes=1))
    record = tmp_path / "sent.txt"
    kills = len(kill_points)
    unsettled_per_kill = []
    for run, kill_after in enumerate(kill_points):
        victim = _worker(
            database_url,
            record,
            f"victim{run}",
            "--progress",
            "--clock-offset-seconds",
            str(run * LEASE_AHEAD),
        )
        _wait_for(victim, f"sent {kill_after}")
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert victim.returncode == -signal.SIGKILL
        unsettled = _unsettled_by(store, f"victim{run}")
        assert unsettled <= BATCH, (run, kill_after, unsettled)
        unsettled_per_kill.append(unsettled)
    survivor = _worker(database_url, record, "survivor", "--clock-offset-seconds", str(kills * LEASE_AHEAD))
    survivor.communicate(timeout=300)
    assert survivor.returncode == 0
    keys = collections.Counter(key for key, _ in _sent_lines(record))
    assert len(keys) == total  # none lost
    duplicates = sum(n - 1 for n in keys.values())
    assert duplicates <= sum(unsettled_per_kill) <= kills * BATCH, (duplicates, unsettled_per_kill)
    assert duplicates > 0, "no kill landed mid-batch: the test proved nothing"
    assert _statuses(store) == {"sent": total}


def _unsettled_by(store, worker: str) -> int:
    """Rows this worker claimed and had not settled when it died: the only ones it may have doubled."""
    with store.read() as session:
        query = select(func.count()).where(Reminder.status == "sending", Reminder.claimed_by == worker)
        return int(session.scalar(query) or 0)


def _rows(store) -> list[tuple]:
    with store.read() as session:
        query = select(
            Reminder.id,
            Reminder.status,
            Reminder.attempt,
            Reminder.claimed_by,
            Reminder.lease_until,
            Reminder.sent_at,
        )
        return sorted(session.execute(query).all())


@pytest.mark.heavy
@pytest.mark.postgres_only
def test_a_sweeper_stopped_past_its_lease_is_fenced_its_rows_done_by_another_and_its_thaw_sends_none(
    store, database_url, tmp_path
) -> None:
    total, lease = 1_000, 0.5
    seed_due(store, total, due_at=datetime.now(UTC) - timedelta(minutes=1))
    record = tmp_path / "sent.txt"
    stale = _worker(database_url, record, "stale", "--progress", "--lease-seconds", str(lease))
    _wait_for(stale, f"sent {BATCH + BATCH // 2}")  # mid-batch
    stale.send_signal(signal.SIGSTOP)
    lapsed_at = time.monotonic() + lease  # its claim is older than this line, so its lease ends before
    try:
        assert _statuses(store).get("sending", 0) > 0
        other = _worker(database_url, record, "other", "--clock-offset-seconds", str(LEASE_AHEAD))
        other.communicate(timeout=300)
        assert other.returncode == 0
        assert _statuses(store) == {"sent": total}
        settled, lines_before = _rows(store), len(_sent_lines(record))
        # the stale worker's own (real) clock must be past its lease when it thaws; the other sweeper's
        # start-up alone takes longer than 0.5 s, so this holds without waiting — checked, not assumed
        assert time.monotonic() > lapsed_at
    finally:
        stale.send_signal(signal.SIGCONT)
    out, _ = stale.communicate(timeout=60)
    assert stale.returncode == 0
    assert _rows(store) == settled  # its late settlement matched nothing: the attempt fence
    assert len(_sent_lines(record)) == lines_before  # and it sent none of the rows it no longer owned
    keys = collections.Counter(key for key, _ in _sent_lines(record))
    assert len(keys) == total
    assert sum(n - 1 for n in keys.values()) <= BATCH
    assert f"sent={BATCH} " in out, out  # only its first, unchallenged batch was settled by it
