"""`python -m benchmarks [--quick] [--only NAME ...]`: every figure beside its baseline, printed and saved.

Each figure prints as `name: value unit (baseline: value unit, ratio: x)`; the run writes the same to
benchmarks/results/<timestamp>.json and prints the path. `--quick` (CI) shortens every load and data
set and says so in each figure's note; the full run is what the README quotes. Needs PostgreSQL on
127.0.0.1:5432 (or GOVBOT_BENCH_POSTGRES) for the databases each benchmark creates and drops.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time

from benchmarks.figures import Figure, save

BENCHMARKS = (
    "slack", "teams", "lookup", "understanding", "status", "sweep", "notices", "decisions", "frames",
    "footprint",
)  # fmt: skip
"""Modules with `run(quick) -> list[Figure]`; slack.py also measures the server's RSS."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short loads and small data (CI, < 2 min)")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, help="run just these benchmarks")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    figures: list[Figure] = []
    failed: list[str] = []
    for name in args.only or BENCHMARKS:
        module = importlib.import_module(f"benchmarks.{name}")
        began = time.perf_counter()
        try:
            produced = module.run(args.quick)
        except Exception as error:  # one broken benchmark must not hide the others' figures
            print(f"{name}: FAILED ({type(error).__name__}: {error})", flush=True)
            failed.append(name)
            continue
        for figure in produced:
            print(figure.line(), flush=True)
        figures.extend(produced)
        print(f"  ({name}: {time.perf_counter() - began:.0f} s)", flush=True)
    elapsed = time.perf_counter() - started
    meta = {
        "command": "python -m benchmarks" + (" --quick" if args.quick else ""),
        "quick": args.quick,
        "seconds": round(elapsed, 1),
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average_1m": os.getloadavg()[0],
        "failed": failed,
    }
    path = save(figures, meta)
    print(f"{len(figures)} figures in {elapsed:.0f} s; written to {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
