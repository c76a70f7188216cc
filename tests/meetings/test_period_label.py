"""A period in a reply names the month when the user's words did not: «neste måned» is read as December,
and the reader should not have to work that out from two dates."""

from __future__ import annotations

from datetime import date

from handlers.meetings.periods import period_label
from handlers.understanding.slots import Period


def test_a_whole_month_named_by_relative_words_gets_its_name() -> None:
    december = Period(date(2026, 12, 1), date(2026, 12, 31), "neste måned")
    assert period_label("nb", december) == "neste måned (desember 2026, 01.12.2026–31.12.2026)"
    february = Period(date(2027, 2, 1), date(2027, 2, 28), "next month")
    assert period_label("en", february).startswith("next month (February 2027, ")


def test_a_month_the_words_name_or_a_stretch_that_is_no_month_gets_no_name() -> None:
    assert "desember 2026" not in period_label(
        "nb", Period(date(2026, 12, 1), date(2026, 12, 31), "i desember")
    )
    assert period_label("nb", Period(date(2026, 12, 7), date(2026, 12, 13), "neste uke")) == (
        "neste uke (07.12.2026–13.12.2026)"
    )
    assert "desember" not in period_label("nb", Period(date(2026, 12, 1), date(2026, 12, 30), "snart"))
