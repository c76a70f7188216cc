"""Serving an aiohttp app on a free loopback port, and starting such servers as child processes.

A served process prints `listening <port>` when it accepts connections; the parent reads that line
instead of guessing a port or sleeping. SIGTERM stops a served app the way `govbot serve` stops: its
cleanup runs (govbot's answer workers finish and exit). `Child.stop` sends it, waits, and then also waits
for every process the child had started (answer workers, their forkserver), killing what outlives the
bound, so a benchmark can drop its database with nothing still connected to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

REPO_ROOT = Path(__file__).resolve().parent.parent


def serve(app: web.Application) -> None:
    """Run until SIGTERM/SIGINT on 127.0.0.1 with a port chosen by the kernel."""

    async def run() -> None:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        stopping = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
        print(f"listening {port}", flush=True)
        try:
            await stopping.wait()
        finally:
            await runner.cleanup()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


@dataclass
class Child:
    process: subprocess.Popen[str]
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM, then (bounded) SIGKILL, for the child and everything it started."""
        started = [pid for pid in descendants(self.pid) if pid != self.pid]
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        left = _wait_gone(started, timeout)
        for pid in left:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        left = _wait_gone(left, 10)
        if left:
            raise RuntimeError(f"processes {left} outlived their server and SIGKILL")


def _alive(pid: int) -> bool:
    """Running and not a zombie (an orphan's zombie waits for whoever reaps it; it holds no connection)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_gone(pids: list[int], timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while True:
        left = [pid for pid in pids if _alive(pid)]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def start(module: str, *args: str, env: dict[str, str] | None = None, timeout: float = 60) -> Child:
    """Start `python -m module args` and wait (bounded) for its `listening <port>` line."""
    process = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if not selector.select(timeout):
        process.kill()
        raise RuntimeError(f"{module} did not start within {timeout} s")
    line = process.stdout.readline().strip()
    if not line.startswith("listening "):
        process.kill()
        raise RuntimeError(f"{module} failed to start: {line!r}")
    return Child(process, int(line.split()[1]))


def generate(kind: str, url: str, rate: float, count: int, *options: str) -> dict:  # type: ignore[type-arg]
    """Run the load generator in its own process (bounded by count and a timeout) and return its report."""
    import json

    limit = count / rate + 60
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.loadgen",
            kind,
            "--url",
            url,
            "--rate",
            str(rate),
            "--count",
            str(count),
            *options,
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=limit,
        check=True,
    )
    return json.loads(result.stdout)


def get_json(url: str) -> dict:  # type: ignore[type-arg]
    import json
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def delete(url: str) -> None:
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=10).close()


def descendants(pid: int) -> list[int]:
    """The process and everything it started (answer workers come from a forkserver child)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def pss_mb(pids: list[int]) -> float:
    """Proportional set size summed over processes: shared pages counted once, unlike summed RSS."""
    total_kb = 0
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        total_kb += sum(int(line.split()[1]) for line in lines if line.startswith("Pss:"))
    return total_kb / 1024


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def wait_for_arrivals(
    standin: Child, expected: int, timeout: float = 60, quiet: float = 10
) -> dict[str, float]:
    """Wait (polling, bounded) until the stand-in has seen `expected` replies, `timeout` seconds have
    passed, or none has come for `quiet` seconds; the caller counts and reports what is missing."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while True:
        arrivals = get_json(f"{standin.url}/_arrivals")
        if len(arrivals) >= expected or time.monotonic() > deadline:
            return arrivals
        if len(arrivals) != last:
            last, since = len(arrivals), time.monotonic()
        elif time.monotonic() - since > quiet:  # whatever is missing is not coming
            return arrivals
        time.sleep(0.1)


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU each process has used so far (/proc/<pid>/stat); one that has exited is left out."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime: fields 14, 15 of stat(5)
    return used


class CpuSampler:
    """CPU used by a changing set of processes (`find` names them), read every `every` seconds in a thread.

    A process that exits takes its CPU time with it, so a reading before and after misses whatever came
    and went in between: an answer worker that was replaced, a pooled PostgreSQL connection beyond the
    pool's size. Sampling keeps each process's last reading; what a process used after its last sample
    (and one that lived less than `every`) is still missed, so the total is a lower bound.
    """

    def __init__(self, find: Callable[[], list[int]], every: float = 0.25) -> None:
        self.find, self.every = find, every
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def __enter__(self) -> CpuSampler:
        self.first = cpu_seconds(self.find())
        self.last = dict(self.first)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def _sample(self) -> None:
        self.last.update(cpu_seconds(self.find()))

    @property
    def seconds(self) -> float:
        return cpu_used(self.first, self.last)

    @property
    def processes(self) -> int:
        return len(self.last)


def postgres_backends(database: str) -> list[int]:
    """PostgreSQL server processes connected to `database`, found by their process title
    (`postgres: 15/main: user database 127.0.0.1(port) state`), which costs no connection of its own."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            words = title.split()
            if words[:1] == ["postgres:"] and database in words[1:5]:
                found.append(int(entry.name))
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two readings; a process started in between counts from zero."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def stop_all(children: list[Child]) -> None:
    """Stop each child (the last started first); one that will not stop must not keep the others alive."""
    problems = []
    for child in reversed(children):
        try:
            child.stop()
        except Exception as error:
            problems.append(error)
    if problems:
        raise problems[0]
