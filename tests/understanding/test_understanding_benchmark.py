"""`python -m benchmarks understanding` on a small subset: it prints every figure and keeps the misses.

The figures' values are not asserted (the README quotes them); their presence and shape are.
The benchmark builds its own SQLite file, as the README's figures are measured.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml

from benchmarks.__main__ import BENCHMARKS
from benchmarks.understanding import CHECKS, measure

FIGURES = {
    "understanding held-back intent accuracy",
    "understanding dev-set pass rate",
    "understanding fallback share",
    "understanding catalogue lookups for non-system text",
    "understanding latency p50",
    "understanding latency p99",
    "understanding clarifying-question share",
    "understanding step latency p99",
    "understanding classifier held-back accuracy",
    "understanding classifier training",
}


def stand_in_dev_set(path: Path) -> Path:
    """The dev set's lines as the checks file references them (the real file is not beside a worktree)."""
    checks = yaml.safe_load(CHECKS.read_text(encoding="utf-8"))["checks"]
    rows = [{"who": "board", "text": check["text"], "expect": ""} for check in checks]
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_benchmark_is_registered_for_only_and_quick() -> None:
    assert "understanding" in BENCHMARKS


def test_a_small_run_reports_every_figure_and_the_misses(tmp_path: Path) -> None:
    figures = {f.name: f for f in measure(limit=8, dev_set=stand_in_dev_set(tmp_path / "dev.jsonl"))}

    assert set(figures) == FIGURES
    for figure in figures.values():
        assert not math.isnan(figure.value), figure.name
        assert figure.line().startswith(f"{figure.name}: ")
    assert figures["understanding held-back intent accuracy"].extra["utterances"] == 8
    assert figures["understanding dev-set pass rate"].extra["questions"] == 8
    assert figures["understanding latency p99"].baseline is not None
    assert figures["understanding latency p99"].unit == "ms"
    misses = [row for f in figures.values() for row in f.details]
    assert all({"text", "expected"} <= set(row) for row in misses)
    assert all(
        {"replied", "reply"} <= set(row) for row in figures["understanding held-back intent accuracy"].details
    )
    assert figures["understanding classifier training"].unit == "s"


def test_a_check_that_no_longer_matches_its_dev_line_stops_the_run(tmp_path: Path) -> None:
    dev = stand_in_dev_set(tmp_path / "dev.jsonl")
    lines = dev.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({"who": "board", "text": "something else", "expect": ""})
    dev.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(ValueError, match="line 1"):
        measure(limit=2, dev_set=dev)


def test_without_the_dev_set_the_pass_rate_is_nan_and_says_why(tmp_path: Path) -> None:
    figures = {f.name: f for f in measure(limit=3, dev_set=tmp_path / "absent.jsonl")}

    dev = figures["understanding dev-set pass rate"]
    assert math.isnan(dev.value) and "dev set not found" in dev.note
    assert not math.isnan(figures["understanding held-back intent accuracy"].value)
