"""Periods and single days people name in chat: «i januar», «neste måned», «denne uka», "next week", «i dag».

`today` is the asker's date in Europe/Oslo. Rules, so every responder reads a period the same way:

* a month name without a year is its nearest occurrence not in the past: in November «i januar» is next
  January and «i november» this one; the whole calendar month, also for «denne måneden»;
* weeks are ISO weeks, Monday–Sunday. «denne uka» / "this week" is the *rest* of this week (today to
  Sunday), since people asking what is due this week mean what is still ahead; "the coming days" («de
  nærmeste dagene») is left to the responder, which knows how far ahead it makes sense to look;
  «de neste 14 dagene» / "next 14 days" is today and the 13 days after;
* «i år», «i fjor», «neste år», "this/last/next year" and «i 2027» are whole calendar years; quarters
  («første kvartal», «3. kvartal», "Q1") are nearest not in the past, like months, unless a year is given.

Single days: «i dag», «i morgen», «i overmorgen», «i går», "today", "tomorrow", "yesterday", a weekday
(«på fredag», "on Friday": the next one, today included) and written dates via `handlers.meetings.dates`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from handlers.meetings.dates import find_date_span
from handlers.understanding.slots import Period

_MONTH_NAMES = {
    **dict.fromkeys(("januar", "january"), 1),
    **dict.fromkeys(("februar", "february"), 2),
    **dict.fromkeys(("mars", "march"), 3),
    **dict.fromkeys(("april",), 4),
    **dict.fromkeys(("mai", "may"), 5),
    **dict.fromkeys(("juni", "june"), 6),
    **dict.fromkeys(("juli", "july"), 7),
    **dict.fromkeys(("august",), 8),
    **dict.fromkeys(("september",), 9),
    **dict.fromkeys(("oktober", "october"), 10),
    **dict.fromkeys(("november",), 11),
    **dict.fromkeys(("desember", "december"), 12),
}
_MONTH = "|".join(sorted(set(_MONTH_NAMES) - {"may"}, key=len, reverse=True))
_YEAR = r"(?:\s+(?P<year>20\d\d))?"
# "may" is a month only after "in"/"i": otherwise it is the English modal verb
_MONTH_RE = re.compile(
    rf"\b(?:(?:i|in|for|på|during|innen|before|før)\s+)?(?P<month>{_MONTH}|(?<=in )may){_YEAR}\b",
    re.IGNORECASE,
)
_ORDINALS = {
    **dict.fromkeys(("første", "forste", "first", "1.", "1st"), 1),
    **dict.fromkeys(("andre", "second", "2.", "2nd"), 2),
    **dict.fromkeys(("tredje", "third", "3.", "3rd"), 3),
    **dict.fromkeys(("fjerde", "fourth", "4.", "4th"), 4),
}
_ORDINAL = "|".join(re.escape(o) for o in sorted(_ORDINALS, key=len, reverse=True))
_QUARTER_RE = re.compile(
    rf"(?:\b(?:i|in|for)\s+)?(?:\b(?:the\s+)?(?P<ordinal>{_ORDINAL})\s*(?:kvartal|quarter)\b|"
    rf"\bq(?P<number>[1-4])\b){_YEAR}",
    re.IGNORECASE,
)
_RELATIVE = {
    "week": re.compile(
        r"\b(?:(?P<this>denne|this)|(?P<next>neste|next|kommende|coming)|(?P<last>forrige|last|sist[e]?))\s+"
        r"(?:uke|uka|uken|veke|veka|week)\b",
        re.IGNORECASE,
    ),
    "month": re.compile(
        r"\b(?:(?P<this>denne|this)|(?P<next>neste|next|kommende|coming)|(?P<last>forrige|last|sist[e]?))\s+"
        r"(?:måned|måneden|mnd|month)\b",
        re.IGNORECASE,
    ),
    "year": re.compile(
        r"\b(?:(?P<this>i\s+år|this\s+year|dette\s+året|inneværende\s+år)|(?P<next>neste\s+år|next\s+year)|"
        r"(?P<last>i\s+fjor|last\s+year|forrige\s+år))\b",
        re.IGNORECASE,
    ),
}
_IN_YEAR = re.compile(r"\b(?:i|in|for|during)\s+(?P<year>20\d\d)\b", re.IGNORECASE)
_DAYS_AHEAD = re.compile(
    r"\b(?:de\s+)?(?:neste|kommende|next|the\s+next|coming)\s+(?P<count>\d{1,2})\s+(?:dagene|dager|days)\b",
    re.IGNORECASE,
)
_MAY_NAME_A_PERIOD = re.compile(
    r"\d|uke|uka|veke|veka|week|måned|mnd|month|år|year|fjor|kvartal|quarter|q[1-4]|"
    + "|".join(_MONTH_NAMES),
    re.IGNORECASE,
)
"""A superset of what every period pattern below needs (a digit, a unit word or a month name): one search
that most messages fail spares them the seven."""
_RELATIVE_DAYS = re.compile(
    r"\b(?P<word>i\s+dag|i\s+morgen|i\s+overmorgen|i\s+går|today|tomorrow|yesterday)\b", re.IGNORECASE
)
_OFFSETS = {
    "i dag": 0,
    "today": 0,
    "i morgen": 1,
    "tomorrow": 1,
    "i overmorgen": 2,
    "i går": -1,
    "yesterday": -1,
}
_WEEKDAYS = {
    **dict.fromkeys(("mandag", "monday"), 0),
    **dict.fromkeys(("tirsdag", "tuesday"), 1),
    **dict.fromkeys(("onsdag", "wednesday"), 2),
    **dict.fromkeys(("torsdag", "thursday"), 3),
    **dict.fromkeys(("fredag", "friday"), 4),
    **dict.fromkeys(("lørdag", "saturday"), 5),
    **dict.fromkeys(("søndag", "sunday"), 6),
}
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?:på|on|til|neste|next)\s+)?(?P<day>{'|'.join(_WEEKDAYS)})\b", re.IGNORECASE
)


def _month_period(year: int, month: int, words: str) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), words)


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def find_period(text: str, today: date) -> tuple[Period, int, int] | None:
    """The first period named in `text`, with its character span."""
    if not _MAY_NAME_A_PERIOD.search(text):
        return None
    found: list[tuple[int, int, Period]] = []
    if m := _RELATIVE["week"].search(text):
        monday = today - timedelta(days=today.weekday())
        if m["this"]:
            found.append((m.start(), m.end(), Period(today, monday + timedelta(days=6), m[0])))
        else:
            first = monday + timedelta(weeks=1 if m["next"] else -1)
            found.append((m.start(), m.end(), Period(first, first + timedelta(days=6), m[0])))
    if m := _RELATIVE["month"].search(text):
        offset = 0 if m["this"] else 1 if m["next"] else -1
        year, month = _add_months(today, offset)
        found.append((m.start(), m.end(), _month_period(year, month, m[0])))
    if m := _RELATIVE["year"].search(text):
        year = today.year + (0 if m["this"] else 1 if m["next"] else -1)
        found.append((m.start(), m.end(), Period(date(year, 1, 1), date(year, 12, 31), m[0])))
    if m := _DAYS_AHEAD.search(text):
        count = int(m["count"])
        if count >= 1:
            found.append((m.start(), m.end(), Period(today, today + timedelta(days=count - 1), m[0])))
    if m := _QUARTER_RE.search(text):
        quarter = int(m["number"]) if m["number"] else _ORDINALS[m["ordinal"].lower()]
        year = int(m["year"]) if m["year"] else today.year + (quarter < (today.month - 1) // 3 + 1)
        start_month = 3 * quarter - 2
        end = _month_period(year, start_month + 2, "").end
        found.append((m.start(), m.end(), Period(date(year, start_month, 1), end, m[0])))
    if m := _MONTH_RE.search(text):
        month = _MONTH_NAMES[m["month"].lower()]
        year = int(m["year"]) if m["year"] else today.year + (month < today.month)
        found.append((m.start(), m.end(), _month_period(year, month, m[0])))
    if m := _IN_YEAR.search(text):
        year = int(m["year"])
        found.append((m.start(), m.end(), Period(date(year, 1, 1), date(year, 12, 31), m[0])))
    if not found:
        return None
    start, end, period = min(found, key=lambda f: (f[0], -f[1]))
    return period, start, end


def find_day(text: str, today: date) -> tuple[date, int, int] | None:
    """The first single day named: a relative word, a weekday or a written date."""
    found: list[tuple[int, int, date]] = []
    if m := _RELATIVE_DAYS.search(text):
        offset = _OFFSETS[" ".join(m["word"].lower().split())]
        found.append((m.start(), m.end(), today + timedelta(days=offset)))
    if m := _WEEKDAY_RE.search(text):
        ahead = (_WEEKDAYS[m["day"].lower()] - today.weekday()) % 7
        if m[0].lower().startswith(("neste", "next")) and ahead == 0:
            ahead = 7
        found.append((m.start(), m.end(), today + timedelta(days=ahead)))
    written = find_date_span(text, today)
    if written is not None and written[0] is not None:
        found.append((written[1], written[2], written[0]))
    if not found:
        return None
    start, end, day = min(found, key=lambda f: (f[0], -f[1]))
    return day, start, end
