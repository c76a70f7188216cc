"""Reading the dates people write in chat: "14. desember", "14.12", "14.12.2026", "December 14", ISO.

A date without a year means the next such day from today (Oslo), because people ask about meetings
ahead of them; a past meeting needs its year. Impossible dates ("31.02") read as no date at all.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    **dict.fromkeys(("januar", "january", "jan"), 1),
    **dict.fromkeys(("februar", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ANY_DIGIT = re.compile(r"\d")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?\b(?!\.?\d)")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\.?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)


def _build(year: int | None, month: int, day: int, today: date) -> date | None:
    try:
        if year is not None:
            return date(year + 2000 if year < 100 else year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        return None


def find_date(text: str, today: date) -> date | None:
    """The first date written in `text`, or None when there is none (or it cannot exist)."""
    found = find_date_span(text, today)
    return found[0] if found else None


def find_date_span(text: str, today: date) -> tuple[date | None, int, int] | None:
    """The first date-like text and where it stands; the date is None when it cannot exist («31.02»)."""
    if not _ANY_DIGIT.search(text):  # every written form has a digit; most messages have none
        return None
    if match := _ISO.search(text):
        day = _build(int(match[1]), int(match[2]), int(match[3]), today)
    elif match := _DAY_MONTH.search(text):
        day = _build(match[3] and int(match[3]), MONTHS[match[2].lower()], int(match[1]), today)
    elif match := _MONTH_DAY.search(text):
        day = _build(match[3] and int(match[3]), MONTHS[match[1].lower()], int(match[2]), today)
    elif match := _DOTTED.search(text):
        day = _build(match[3] and int(match[3]), int(match[2]), int(match[1]), today)
    else:
        return None
    return day, match.start(), match.end()


def mentions_date(text: str) -> bool:
    """Whether something date-like is written, so an impossible date gets a message, not silence."""
    return any(p.search(text) for p in (_ISO, _DAY_MONTH, _MONTH_DAY, _DOTTED))
