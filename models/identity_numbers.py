"""Finding Norwegian national identity numbers in free text, however they are written.

Nothing govbot keeps may hold patient data, and an identity number is the surest sign of it. Every kind
counts: fødselsnummer, D-number (day + 40), H-number (month + 40), the synthetic test numbers of
Skatteetaten's Tenor and NAV (month + 80), and their combinations with a D-number. A number only counts
when its date part is a real date and BOTH mod-11 check digits hold, so order numbers, phone numbers and
amounts are not refused by mistake.

People (and pasted text) split a number in many ways: `150385 33182`, `15.03.85-33182`, `15 03 85 331 82`,
`150385 – 33182`, with no-break or thin spaces, tabs, newlines, slashes, underscores or invisible
zero-width characters between the digits. So the text is read as groups of digits joined only by such
separators, and every run of whole groups holding exactly eleven digits is checked. A group is never
split, so eleven digits inside a longer unbroken run (an account or order number) are not a number.

This module lives in `models/` so that the store's own guard (`models/identity_guard.py`) and every layer
above share one definition. Callers get positions, never the number itself, so nothing downstream can
echo or log it.
"""

from __future__ import annotations

import calendar
import unicodedata
from collections.abc import Iterator

REDACTED = "[fødselsnummer fjernet]"
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_LENGTH = 11
_SEPARATOR_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Pd", "Cf", "Cc", "Mn", "Me"})
"""Spaces of every width, line and paragraph separators, every dash, invisible format characters
(zero-width space, word joiner, soft hyphen, BOM), control characters (tab, newline) and combining
marks: none of them is visible between two digits as anything but a gap."""
_SEPARATOR_CHARACTERS = frozenset("./\\_·•∙⁄∕")
_DAY_OFFSETS = (0, 40)
"""0: fødselsnummer and H-number; 40: D-number."""
_MONTH_OFFSETS = (0, 40, 80)
"""0: fødselsnummer and D-number; 40: H-number (and NAV's synthetic numbers); 80: Tenor's synthetic."""


class IdentityNumberRefused(ValueError):
    """Raised when something would be stored that holds an identity number; the message never has it."""

    def __init__(self, where: str = "") -> None:
        super().__init__(f"refused: a national identity number in {where or 'a value'}")
        self.where = where


def _is_separator(char: str) -> bool:
    return char in _SEPARATOR_CHARACTERS or unicodedata.category(char) in _SEPARATOR_CATEGORIES


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 11:
        return 0
    return None if remainder == 10 else remainder


def _real_day(day: int, month: int, year: int) -> bool:
    """Valid in some century: the individual digits pin the century, but a date valid in any is enough."""
    return 1 <= month <= 12 and any(
        1 <= day <= calendar.monthrange(century + year, month)[1] for century in (1900, 2000)
    )


def _valid_date(day: int, month: int, year: int) -> bool:
    return any(
        _real_day(day - day_offset, month - month_offset, year)
        for day_offset in _DAY_OFFSETS
        for month_offset in _MONTH_OFFSETS
    )


def is_identity_number(digits: str) -> bool:
    """True for eleven digits of any kind above with a real date and both check digits right."""
    if len(digits) != _LENGTH or not digits.isdigit() or not digits.isascii():
        return False
    numbers = [int(c) for c in digits]
    if not _valid_date(int(digits[0:2]), int(digits[2:4]), int(digits[4:6])):
        return False
    k1 = _check_digit(numbers[:9], _WEIGHTS_1)
    if k1 is None or k1 != numbers[9]:
        return False
    k2 = _check_digit(numbers[:10], _WEIGHTS_2)
    return k2 is not None and k2 == numbers[10]


def _digit_groups(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Runs of digit groups joined only by separators: each group as (start, end, ASCII digits)."""
    run: list[tuple[int, int, str]] = []
    position, size = 0, len(text)
    while position < size:
        char = text[position]
        if char.isdecimal():
            start = position
            while position < size and text[position].isdecimal():
                position += 1
            digits = "".join(str(unicodedata.decimal(c)) for c in text[start:position])
            run.append((start, position, digits))
            continue
        if not (run and _is_separator(char)):
            if run:
                yield run
            run = []
        position += 1
    if run:
        yield run


def find_identity_numbers(text: str) -> list[tuple[int, int]]:
    """Start and end (first to last digit) of each identity number in the text, however separated."""
    spans: list[tuple[int, int]] = []
    for run in _digit_groups(text):
        for first in range(len(run)):
            digits = ""
            for last in range(first, len(run)):
                digits += run[last][2]
                if len(digits) >= _LENGTH:
                    break
            if len(digits) == _LENGTH and is_identity_number(digits):
                spans.append((run[first][0], run[last][1]))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def contains_identity_number(text: str) -> bool:
    return bool(find_identity_numbers(text))


def holds_identity_number(value: object) -> bool:
    """True when a string anywhere in the value (nested lists, tuples, dicts, keys too) holds a number."""
    if isinstance(value, str):
        return contains_identity_number(value)
    if isinstance(value, dict):
        return any(holds_identity_number(k) or holds_identity_number(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(holds_identity_number(item) for item in value)
    return False


def redact(text: str) -> str:
    """The text with every identity number replaced, for the few places that must log or keep text."""
    for start, end in reversed(find_identity_numbers(text)):
        text = text[:start] + REDACTED + text[end:]
    return text
