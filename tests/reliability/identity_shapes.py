"""Valid identity numbers of every kind, written every way people and pasted text write them.

Built from the published algorithm (the weights in tests/initiatives/test_identity_numbers.py), so the
numbers do not depend on the code under test.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from itertools import pairwise

from tests.initiatives.test_identity_numbers import W1, W2, _control

KINDS: dict[str, tuple[int, int]] = {
    "fødselsnummer": (0, 0),
    "d_number": (40, 0),
    "h_number": (0, 40),
    "synthetic": (0, 80),
    "synthetic_d": (40, 80),
}
"""Kind → (day offset, month offset)."""

SEPARATORS: dict[str, str] = {
    "none": "",
    "space": " ",
    "dash": "-",
    "dot": ".",
    "slash": "/",
    "underscore": "_",
    "en_dash": "\u2013",
    "zero_width_space": "\u200b",
    "double_space": "  ",
    "no_break_space": "\u00a0",
    "thin_space": "\u2009",
    "tab": "\t",
    "newline": "\n",
    "spaced_dash": " - ",
}

SPLITS: dict[str, tuple[int, ...]] = {
    "6+5": (6,),
    "dd mm yy nnnnn": (2, 4, 6),
    "dd mm yy nnn nn": (2, 4, 6, 9),
}
"""Where the separator goes: `150385 33182`, `15.03.85.33182`, `15 03 85 331 82`."""


def identity_number(kind: str, rng: random.Random) -> str:
    day_offset, month_offset = KINDS[kind]
    while True:
        born = date(1900, 1, 1) + timedelta(days=rng.randrange(45000))
        base = (
            f"{born.day + day_offset:02d}{born.month + month_offset:02d}{born.year % 100:02d}"
            f"{rng.randrange(1000):03d}"
        )
        k1 = _control(base, W1)
        if k1 is None:
            continue
        k2 = _control(base + str(k1), W2)
        if k2 is not None:
            return f"{base}{k1}{k2}"


def written(number: str, separator: str, split: str) -> str:
    cuts = (0, *SPLITS[split], len(number))
    return separator.join(number[a:b] for a, b in pairwise(cuts))


def leaks(numbers: list[str], haystack: str) -> list[str]:
    """Numbers found in the text with every separator taken out, however they were split."""
    flat = re.sub(r"[\W_]", "", haystack)
    return [n for n in numbers if n in flat]
