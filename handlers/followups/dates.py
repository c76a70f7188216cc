"""Reading a due date as people write it: «15.01.2027», «15.1.27» or ISO 2027-01-15."""

from __future__ import annotations

import re
from datetime import date

_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$")


def parse_due(text: str) -> date | None:
    match = _DOTTED.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
