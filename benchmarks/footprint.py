"""Footprint: `govbot ask` cold start against bare interpreter baselines (server RSS is in slack.py).

Each command runs `runs` times in a fresh process after one warm-up (which also migrates the throw-away
SQLite database and fills a throw-away model cache, as a first `govbot ask` would); the figure is the
median wall time. A third figure empties the model cache before every run: the first start after the
model file changed. Baselines: `python -c "import sqlalchemy, pydantic"` (the floor for any command that
reads the store) and `python -c pass`. A probe checks that the command imported no Slack or Teams SDK.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.databases import sqlite_database
from benchmarks.figures import Figure
from benchmarks.serving import REPO_ROOT

ASK = "from bot.cli.main import main; raise SystemExit(main(['ask', 'hvem eier DIPS?']))"
PROBE = (
    "import sys; from bot.cli.main import main; main(['ask', 'hvem eier DIPS?']); "
    "print('SDKS', sorted({m.split('.')[0] for m in sys.modules} & {'slack_bolt', 'slack_sdk', 'botbuilder', 'aiohttp'}))"
)


def run(quick: bool) -> list[Figure]:
    runs = 3 if quick else 20
    with sqlite_database() as url, tempfile.TemporaryDirectory(prefix="govbot-bench-cache-") as cache:
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO_ROOT),
            "GOVBOT_DATABASE_URL": url,
            "GOVBOT_CACHE_DIR": cache,
        }
        ask = _median([sys.executable, "-c", ASK], env, runs)
        uncached = _median([sys.executable, "-c", ASK], env, runs, before=lambda: _empty(Path(cache)))
        floor = _median([sys.executable, "-c", "import sqlalchemy, pydantic"], env, runs)
        empty = _median([sys.executable, "-c", "pass"], env, runs)
        probe = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, cwd=REPO_ROOT, capture_output=True, text=True, check=True
        )
    sdks = probe.stdout.rsplit("SDKS", 1)[1].strip()
    note = f"median of {runs}; baseline: python -c 'import sqlalchemy, pydantic'"
    return [
        Figure(
            "govbot ask cold start",
            ask[0],
            "s",
            baseline=floor[0],
            target="<= 1.0 s",
            note=f"{note}; python -c pass: {empty[0]:.3f} s; platform SDKs imported: {sdks}",
        ),
        Figure(
            "govbot ask cold start, CPU time",
            ask[1],
            "s",
            baseline=floor[1],
            note=f"{note}; user + sys, less disturbed by other load than wall time",
        ),
        Figure(
            "govbot ask cold start, model file changed",
            uncached[0],
            "s",
            baseline=floor[0],
            note=f"{note}; the model cache emptied before each run, so the model is parsed and validated "
            f"(CPU {uncached[1]:.3f} s)",
        ),
    ]


def _empty(directory: Path) -> None:
    for entry in directory.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _median(
    command: list[str], env: dict[str, str], runs: int, *, before: Callable[[], None] | None = None
) -> tuple[float, float]:
    """Median wall time and median CPU time (user + sys, which a loaded machine disturbs much less).

    `before` runs ahead of every run, outside the measured time.
    """
    subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, check=True)  # warm-up
    walls, cpus = [], []
    for _ in range(runs):
        if before is not None:
            before()
        before_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, check=True)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before_usage.ru_utime - before_usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)
