"""Pictures of a frame: a PNG per domain (frame vs committed vs proposed) and one for the whole
portfolio (the domains side by side), each with the same numbers as text for screen readers.

matplotlib (the optional `charts` extra) is imported once, on the first chart a process draws, and
only its object API is used: a `matplotlib.figure.Figure` drawn on its own Agg canvas keeps no pyplot
state, so answers drawing in several worker threads at once cannot tangle each other's figures, and no
figure needs closing. The portfolio figure is kept per language, set of domains and year, and only its
bars' heights change between answers (under a lock). The colours are fixed per bar kind, so a reader (and the pixel test) can tell the
bars apart; the alternative text carries every number the picture shows.

The PNG is written by Pillow (matplotlib's own dependency) in palette mode against a fixed palette of
the bar colours, black and their blends towards white: a chart is a few kilobytes (a Teams message,
card and text together, must stay under about 28 KB), and the bar colours survive exactly.
"""

from __future__ import annotations

import importlib.util
import io
import threading
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from handlers.frames.amounts import mnok
from handlers.frames.figures import Figures
from handlers.messages import Language
from handlers.texts import t

COLOURS = {"frame": "#1f4e79", "committed": "#c55a11", "proposed": "#70ad47"}
"""Frame, used + committed, proposed: dark blue, orange, green."""
DPI = 100
DOMAIN_SIZE = (6.0, 3.4)
"""Inches at DPI: 600 × 340 pixels."""
PORTFOLIO_SIZE = (8.0, 4.2)
"""800 × 420 pixels: nine domains' names still fit under their bars at 8 pt."""
BLENDS = 8
"""Steps from each drawn colour to white in the palette: enough for smooth antialiased text and edges."""
_DRAWING = threading.Lock()
"""Held while a kept portfolio figure is changed and drawn: answers in several threads share it."""


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt_text: str
    title: str


def available() -> bool:
    """Whether charts can be drawn here (the `charts` extra is installed); else answers stay text."""
    return importlib.util.find_spec("matplotlib") is not None


@cache
def _library() -> tuple[Any, Any, Any]:
    """matplotlib's Figure and Agg canvas and Pillow's Image, imported once per process."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    return Figure, FigureCanvasAgg, Image


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@cache
def _palette() -> Any:
    """White, then black and each bar colour blended towards white in BLENDS steps."""
    image_module = _library()[2]
    entries = [(255, 255, 255)]
    for base in [(0, 0, 0), *(_rgb(c) for c in COLOURS.values())]:
        for step in range(BLENDS):
            share = 1 - step / BLENDS
            entries.append(tuple(round(b * share + 255 * (1 - share)) for b in base))  # type: ignore[misc]
    flat = [value for entry in entries for value in entry]
    palette = image_module.new("P", (1, 1))
    palette.putpalette(flat + flat[-3:] * (256 - len(entries)))
    return palette


def _figure(size: tuple[float, float]) -> Any:
    figure_class, canvas_class, _ = _library()
    figure = figure_class(figsize=size, dpi=DPI)
    canvas_class(figure)
    return figure


def _png(figure: Any) -> bytes:
    """The drawn figure as a palette PNG (one encode, by Pillow)."""
    image_module = _library()[2]
    figure.canvas.draw()
    width, height = figure.canvas.get_width_height()
    rgba = image_module.frombuffer("RGBA", (width, height), figure.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    picture = rgba.convert("RGB").quantize(palette=_palette(), dither=image_module.Dither.NONE)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _values(f: Figures) -> list[float]:
    return [float(f.investment_frame or 0), float(f.bound), float(f.investment["proposed"])]


def _labels(language: Language) -> list[str]:
    return [t(language, f"frames.chart.{k}") for k in COLOURS]


def _title(figure: Any, title: str) -> None:
    """The title as figure text at the top left: an axes title costs a bounding-box pass over the ticks."""
    figure.text(0.01, 0.97, title, ha="left", va="top", fontsize=12)


def _tidy(axes: Any) -> None:
    axes.set_ylabel("MNOK")
    axes.spines[["top", "right"]].set_visible(False)


def domain_chart(f: Figures, language: Language) -> Chart:
    title = t(language, "frames.q.heading", domain=f.label(language), year=f.year)
    figure = _figure(DOMAIN_SIZE)
    figure.subplots_adjust(left=0.12, right=0.97, top=0.88, bottom=0.12)  # fixed margins: no layout pass
    axes = figure.add_subplot()
    bars = axes.bar(_labels(language), _values(f), color=list(COLOURS.values()), width=0.6)
    axes.bar_label(bars, labels=[_short(language, v) for v in _values(f)], padding=2, fontsize=9)
    _title(figure, title)
    _tidy(axes)
    alt = t(language, "frames.chart.alt", title=title, frame=mnok(language, f.investment_frame or Decimal(0)),
            committed=mnok(language, f.bound), proposed=mnok(language, f.investment["proposed"]))  # fmt: skip
    return Chart(_png(figure), alt, title)


def _short(language: Language, value: float) -> str:
    """A bar's own label: the amount without the unit (the axis says MNOK)."""
    return mnok(language, Decimal(str(value))).removesuffix(" MNOK")


def portfolio_chart(figures: list[Figures], year: int, language: Language) -> Chart:
    title = t(language, "frames.q.portfolio_heading", year=year)
    with _DRAWING:
        figure, bars = _portfolio_template(language, tuple(f.label(language) for f in figures), title)
        for bar, height in zip(bars, [v for f in figures for v in _values(f)], strict=True):
            bar.set_height(height)
        axes = figure.axes[0]
        axes.relim()
        axes.autoscale_view()
        png = _png(figure)
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
    return Chart(png, f"{title}. " + " ".join(lines), title)


@lru_cache(maxsize=8)
def _portfolio_template(language: Language, names: tuple[str, ...], title: str) -> tuple[Any, list[Any]]:
    """The portfolio figure with everything but the bars' heights: built once per language, set of domains
    and year, then only redrawn (building the axes, ticks and legend was half of every chart's time).
    Callers hold _DRAWING while they change and draw it."""
    figure = _figure(PORTFOLIO_SIZE)
    figure.subplots_adjust(left=0.08, right=0.99, top=0.86, bottom=0.3)
    axes = figure.add_subplot()
    width = 0.27
    kinds = list(COLOURS)
    # One bar call for every bar (grouped domain by domain) is a third of the work of one per kind.
    bars = axes.bar([p + (k - 1) * width for p in range(len(names)) for k in range(3)], [0.0] * (3 * len(names)),
                    width, color=[COLOURS[kind] for _ in names for kind in kinds])  # fmt: skip
    axes.set_xticks(list(range(len(names))), names, rotation=30, ha="right", fontsize=8)
    _title(figure, title)
    legend = [t(language, f"frames.chart.{kind}") for kind in kinds]
    # Above the plot, right of the title: never over a bar, and no "best" search over every spot.
    axes.legend(bars.patches[:3], legend, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=3, frameon=False,
                fontsize=8)  # fmt: skip
    _tidy(axes)
    return figure, list(bars.patches)
