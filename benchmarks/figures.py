"""One measured figure beside its baseline, printed as one line and saved with the rest as JSON.

Every benchmark returns `Figure`s; `python -m benchmarks` prints each as
`name: value unit (baseline: value unit, ratio: x)` and writes them all to benchmarks/results/.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_unit: str | None = None
    target: str = ""
    note: str = ""
    extra: dict[str, float | int | str] = field(default_factory=dict)
    details: tuple[dict[str, object], ...] = ()
    """Rows behind the figure (e.g. the utterances a benchmark got wrong); saved to JSON, never printed."""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    def line(self) -> str:
        text = f"{self.name}: {_number(self.value)} {self.unit}"
        if self.baseline is not None:
            ratio = self.ratio
            shown = "n/a" if ratio is None else f"{ratio:.2f}"
            text += f" (baseline: {_number(self.baseline)} {self.baseline_unit or self.unit}, ratio: {shown})"
        if self.target:
            text += f"  [target {self.target}]"
        if self.note:
            text += f"  -- {self.note}"
        return text


def _number(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): a p99 of 1,000 samples is the 990th, not an interpolation."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


QUANTILES = (("p50", 50.0), ("p99", 99.0), ("p99.9", 99.9), ("max", 100.0))
"""Every latency figure comes as these four: a pause of a few hundred requests hides under a p99, never
under the maximum."""


def latency_figures(
    name: str,
    mine: list[float],
    theirs: list[float] | None = None,
    *,
    targets: dict[str, str] | None = None,
    note: str = "",
    extra: dict[str, float | int | str] | None = None,
) -> list[Figure]:
    """`name p50`, `p99`, `p99.9` and `max` in ms from latencies in seconds, each beside the baseline's
    same quantile when there is one. `targets` is keyed by quantile label ("p99", "max"). The note is
    printed once, on the p50 line, and saved with every figure (`extra["run"]`)."""
    return [
        Figure(
            f"{name} {label}",
            percentile(mine, q) * 1000,
            "ms",
            baseline=None if theirs is None else percentile(theirs, q) * 1000,
            target=(targets or {}).get(label, ""),
            note=note if label == QUANTILES[0][0] else "",
            extra={**(extra or {}), "run": note},
        )
        for label, q in QUANTILES
    ]


def spread_ms(values: list[float]) -> str:
    """`p50 a / p99 b / p99.9 c / max d ms` of latencies in seconds, for a note."""
    shown = " / ".join(f"{label} {_number(percentile(values, q) * 1000)}" for label, q in QUANTILES)
    return shown + " ms"


def save(figures: list[Figure], meta: dict[str, object]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}.json"
    rows = [{**asdict(f), "ratio": f.ratio, "line": f.line()} for f in figures]
    path.write_text(json.dumps({"meta": meta, "figures": rows}, indent=2, ensure_ascii=False) + "\n")
    return path
