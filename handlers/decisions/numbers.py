"""A decision's number is its case's, written as minutes write it: case 12-2027 is «Sak 12/27»."""

from __future__ import annotations

import re

_CASE = re.compile(r"^(?P<n>\d+)-(?P<year>\d{4})$")
_ASKED = re.compile(r"^\s*(?:sak\s+|case\s+)?(?P<n>\d+)\s*[/-]\s*(?P<year>\d{2}|\d{4})\s*$", re.IGNORECASE)


def decision_number(case_number: str) -> str:
    match = _CASE.match(case_number)
    return f"{match['n']}/{match['year'][2:]}" if match else case_number


def case_number(asked: str) -> str | None:
    """«12/27», «sak 12/27», «12-2027» → 12-2027; None for anything else."""
    match = _ASKED.match(asked)
    if match is None:
        return None
    year = match["year"] if len(match["year"]) == 4 else f"20{match['year']}"
    return f"{int(match['n'])}-{year}"
