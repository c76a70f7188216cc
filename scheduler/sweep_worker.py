"""A standalone sweeper process, for the multi-process and kill tests and for operators who want one.

`python -m scheduler.sweep_worker --database-url URL --notifier record:FILE` sweeps until no reminder is
due, appending one line per send (`<dedup_key> <worker>`) to FILE with a single O_APPEND write, so lines
from several processes never interleave. It prints `ready` and, with `--wait-for-go`, waits for a line
on stdin before sweeping (so two processes start together); it prints `sent N` after each send so a test
can kill it at a known point without sleeping.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from handlers.notify import Notification


@dataclass
class FileRecordingNotifier:
    """Appends each delivery to a file: the outside world's view of what was sent, which survives kill -9."""

    path: str
    worker: str
    progress: bool = False
    count: int = 0
    _fd: int = field(default=-1, repr=False)

    def send(self, notification: Notification) -> str:
        if self._fd < 0:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.write(self._fd, f"{notification.key} {self.worker}\n".encode())
        self.count += 1
        if self.progress:
            print(f"sent {self.count}", flush=True)
        return f"{self.worker}-{self.count}"


class NoopNotifier:
    """Sends nothing and answers at once: measures the outbox itself in the benchmark."""

    def __init__(self) -> None:
        self.count = 0

    def send(self, notification: Notification) -> str:
        self.count += 1
        return f"noop-{self.count}"


def main(argv: list[str] | None = None) -> int:
    from models.store import open_store
    from scheduler.sweep import Sweeper

    parser = argparse.ArgumentParser(prog="python -m scheduler.sweep_worker")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--model", default="hso-2026")
    parser.add_argument("--worker", default=f"pid-{os.getpid()}")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lease-seconds", type=float, default=300)
    parser.add_argument("--clock-offset-seconds", type=float, default=0, help="run as if later (tests)")
    parser.add_argument("--notifier", default="noop", help="noop | record:FILE")
    parser.add_argument("--progress", action="store_true", help="print 'sent N' after each send")
    parser.add_argument("--wait-for-go", action="store_true")
    args = parser.parse_args(argv)
    offset = timedelta(seconds=args.clock_offset_seconds)
    if args.notifier.startswith("record:"):
        notifier = FileRecordingNotifier(args.notifier.removeprefix("record:"), args.worker, args.progress)
    else:
        notifier = NoopNotifier()
    store = open_store(args.database_url, args.model)
    try:
        sweeper = Sweeper(
            store,
            notifier,
            lambda: datetime.now(UTC) + offset,
            args.worker,
            args.batch,
            timedelta(seconds=args.lease_seconds),
        )
        print("ready", flush=True)
        if args.wait_for_go:
            sys.stdin.readline()
        result = sweeper.run_until_idle()
    finally:
        store.close()
    print(f"done claimed={result.claimed} sent={result.sent} missed={result.missed}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
