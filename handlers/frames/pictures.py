"""The chart a frame answer carries: drawn only for a channel that shows pictures, never at the cost of
the answer.

The numbers are always in the answer's text as well (the chart's alternative text repeats them), so a
missing `charts` extra, a channel without pictures or a drawing that fails leaves a complete answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from handlers.frames import charts
from handlers.replies import Image, Paragraph
from handlers.texts import t
from handlers.understanding.asking import Ask

log = logging.getLogger(__name__)


def picture(ask: Ask, year: int, draw: Callable[[], charts.Chart]) -> Image | Paragraph | None:
    """The chart as an Image; where the channel shows none, a sentence saying where it is shown."""
    if not charts.available():
        return None
    if not ask.message.pictures:
        return Paragraph(t(ask.language, "frames.chart.elsewhere"))
    try:
        chart = draw()
    except Exception:  # a picture is a courtesy: the figures are in the text whatever goes wrong here
        log.exception("drawing a frame chart failed; the answer goes out as text")
        return None
    filename = t(ask.language, "frames.chart.filename", year=year)
    return Image(chart.png, chart.alt_text, chart.title, filename=filename)
