"""Issue 16 §4 (rendering): the PNG per domain and for the portfolio, read back pixel by pixel: not
empty, and the bars' heights in the order of the numbers; the text alternative carries the numbers."""

from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image

from handlers.frames.charts import domain_chart, portfolio_chart
from handlers.frames.figures import Figures
from tests.frames.pixels import bar_tops


def _figures(name: str, frame: str, used: str, committed: str, proposed: str) -> Figures:
    f = Figures(name.casefold(), name, name, 2027, investment_frame=Decimal(frame))
    f.investment.update(used=Decimal(used), committed=Decimal(committed), proposed=Decimal(proposed))
    return f


def test_a_domain_chart_has_its_bars_in_the_order_of_the_numbers() -> None:
    f = _figures("Pasientbehandling", "120", "45", "43", "32")  # frame 120 > bound 88 > proposed 32
    chart = domain_chart(f, "nb")
    assert chart.png.startswith(b"\x89PNG")
    assert 2000 < len(chart.png) < 16_000  # not empty, and small enough for a Teams card
    image = Image.open(io.BytesIO(chart.png)).convert("L")
    assert len(image.getcolors(256) or ()) > 10  # not a blank picture
    tops = bar_tops(chart.png)
    assert tops["frame"] > tops["committed"] > tops["proposed"] > 0
    assert abs(tops["committed"] / tops["frame"] - 88 / 120) < 0.03
    assert chart.alt_text == (
        "Rammen for Pasientbehandling i 2027: ramme 120 MNOK, brukt og bundet 88 MNOK, foreslått 32 MNOK."
    )


def test_the_portfolio_chart_puts_the_domains_side_by_side() -> None:
    figures = [_figures("A", "50", "10", "5", "60"), _figures("B", "30", "20", "5", "1")]
    chart = portfolio_chart(figures, 2027, "en")
    assert len(chart.png) < 16_000
    tops = bar_tops(chart.png)
    assert tops["proposed"] > tops["frame"] > tops["committed"] > 0  # the tallest of each colour: 60, 50, 25
    assert "A: frame 50 MNOK, used and committed 15 MNOK, proposed 60 MNOK." in chart.alt_text
    assert "B: frame 30 MNOK, used and committed 25 MNOK, proposed 1 MNOK." in chart.alt_text


def test_a_kept_portfolio_figure_shows_the_new_numbers_when_asked_again() -> None:
    """The portfolio figure is built once per language, domains and year; the second picture must still
    stand on the second numbers, not on the first."""
    first = [_figures("C", "50", "10", "5", "60"), _figures("D", "30", "20", "5", "1")]
    again = [_figures("C", "20", "10", "30", "5"), _figures("D", "10", "2", "3", "1")]
    portfolio_chart(first, 2031, "nb")
    chart = portfolio_chart(again, 2031, "nb")
    tops = bar_tops(chart.png)
    assert tops["committed"] > tops["frame"] > tops["proposed"] > 0  # 40 > 20 > 5
    assert abs(tops["proposed"] / tops["committed"] - 5 / 40) < 0.03
    assert "C: ramme 20 MNOK, brukt og bundet 40 MNOK, foreslått 5 MNOK." in chart.alt_text
