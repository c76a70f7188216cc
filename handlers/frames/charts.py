"""Pictures of a frame: a PNG per domain (frame vs committed vs proposed) and one for the whole
portfolio (the domains side by side), each with the same numbers as text for screen readers.

matplotlib is imported only when a chart is drawn (Agg backend, no display), so a cold start and every
command that draws nothing never pay for it. The colours are fixed per bar kind, so a reader (and the
pixel test) can tell the bars apart; the alternative text carries every number the picture shows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from handlers.frames.amounts import mnok
from handlers.frames.figures import Figures
from handlers.messages import Language
from handlers.texts import t

COLOURS = {"frame": "#1f4e79", "committed": "#c55a11", "proposed": "#70ad47"}
"""Frame, used + committed, proposed: dark blue, orange, green."""


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt_text: str
    title: str


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    return pyplot


def _values(f: Figures) -> list[float]:
    return [float(f.investment_frame or 0), float(f.bound), float(f.investment["proposed"])]


def _labels(language: Language) -> list[str]:
    return [t(language, f"frames.chart.{k}") for k in COLOURS]


def domain_chart(f: Figures, language: Language) -> Chart:
    plt = _pyplot()
    title = t(language, "frames.q.heading", domain=f.label(language), year=f.year)
    figure, axes = plt.subplots(figsize=(6, 3.6), dpi=100)
    figure.subplots_adjust(left=0.12, right=0.97, top=0.88, bottom=0.12)  # fixed margins: no layout pass
    try:
        axes.bar(_labels(language), _values(f), color=list(COLOURS.values()), width=0.6)
        axes.set_title(title)
        axes.set_ylabel("MNOK")
        axes.spines[["top", "right"]].set_visible(False)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    finally:
        plt.close(figure)
    alt = t(language, "frames.chart.alt", title=title, frame=mnok(language, f.investment_frame or Decimal(0)),
            committed=mnok(language, f.bound), proposed=mnok(language, f.investment["proposed"]))  # fmt: skip
    return Chart(out.getvalue(), alt, title)


def portfolio_chart(figures: list[Figures], year: int, language: Language) -> Chart:
    plt = _pyplot()
    title = t(language, "frames.q.portfolio_heading", year=year)
    names = [f.label(language) for f in figures]
    figure, axes = plt.subplots(figsize=(10, 4.8), dpi=100)
    figure.subplots_adjust(left=0.07, right=0.99, top=0.9, bottom=0.3)
    try:
        width = 0.27
        positions = range(len(figures))
        for offset, (kind, colour) in enumerate(COLOURS.items()):
            values = [_values(f)[offset] for f in figures]
            axes.bar([p + (offset - 1) * width for p in positions], values, width, color=colour,
                     label=t(language, f"frames.chart.{kind}"))  # fmt: skip
        axes.set_xticks(list(positions), names, rotation=30, ha="right", fontsize=8)
        axes.set_title(title)
        axes.set_ylabel("MNOK")
        axes.legend(frameon=False, fontsize=8)
        axes.spines[["top", "right"]].set_visible(False)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    finally:
        plt.close(figure)
    lines = [
        t(
            language,
            "frames.chart.alt_line",
            domain=f.label(language),
            frame=mnok(language, f.investment_frame or Decimal(0)),
            committed=mnok(language, f.bound),
            proposed=mnok(language, f.investment["proposed"]),
        )
        for f in figures
    ]
    return Chart(out.getvalue(), f"{title}. " + " ".join(lines), title)
