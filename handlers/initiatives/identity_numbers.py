"""Finding Norwegian national identity numbers (fødselsnummer, D-number) in free text.

Initiatives must never hold patient data, and an identity number is the surest sign of it. A number only
counts when its date part is a real date and BOTH mod-11 check digits hold, so order numbers, phone
numbers and amounts written as eleven digits are not refused by mistake. Callers get positions, never
the number itself, so nothing downstream can echo or log it.
"""

from __future__ import annotations

import calendar
import re

_CANDIDATE = re.compile(r"(?<![\d])(\d{6})[ \-]?(\d{5})(?![\d])")
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
REDACTED = "[fødselsnummer fjernet]"


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    remainder = 11 - sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 11:
        return 0
    return None if remainder == 10 else remainder


def _valid_date(day: int, month: int, year: int) -> bool:
    """Valid in some century: the individual digits pin the century, but a date valid in any is enough."""
    if day > 40:
        day -= 40  # D-number: the first digit is raised by four
    if not 1 <= month <= 12 or day < 1:
        return False
    return any(day <= calendar.monthrange(century + year, month)[1] for century in (1900, 2000))


def is_identity_number(digits: str) -> bool:
    """True for an 11-digit fødselsnummer or D-number with a real date and both check digits right."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    numbers = [int(c) for c in digits]
    if not _valid_date(int(digits[0:2]), int(digits[2:4]), int(digits[4:6])):
        return False
    k1 = _check_digit(numbers[:9], _WEIGHTS_1)
    if k1 is None or k1 != numbers[9]:
        return False
    k2 = _check_digit(numbers[:10], _WEIGHTS_2)
    return k2 is not None and k2 == numbers[10]


def find_identity_numbers(text: str) -> list[tuple[int, int]]:
    """Start and end of each identity number in the text (written plainly, or with a space or dash)."""
    return [
        match.span()
        for match in _CANDIDATE.finditer(text)
        if is_identity_number(match.group(1) + match.group(2))
    ]


def contains_identity_number(text: str) -> bool:
    return bool(find_identity_numbers(text))


def redact(text: str) -> str:
    """The text with every identity number replaced, for the few places that must log or keep text."""
    spans = find_identity_numbers(text)
    for start, end in reversed(spans):
        text = text[:start] + REDACTED + text[end:]
    return text
