"""Reading estimated costs in MNOK as people write them: "12", "12,5", "10-20", "10 – 20 MNOK".

Norwegian writers use a decimal comma; estimates are often ranges. A single number becomes a range of
one value so the store and the delegation rule always compare a (min, max) pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"-?\d+(?:[.,]\d+)?"
_AMOUNT = re.compile(
    rf"^\s*(?:ca\.?\s*|about\s*|approx\.?\s*)?({_NUMBER})\s*(?:(?:-|–|—|til|to)\s*({_NUMBER}))?\s*"
    r"(?:mnok|mill(?:ioner)?\.?(?:\s*kr(?:oner)?)?|millions?|m)?\s*$",
    re.IGNORECASE,
)
MAX_MNOK = 100_000.0


class AmountError(ValueError):
    """`code` names the text shown to the user: amount_format, amount_negative, amount_order, amount_large."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class MnokRange:
    low: float
    high: float

    def __str__(self) -> str:
        return _fmt(self.low) if self.low == self.high else f"{_fmt(self.low)}–{_fmt(self.high)}"


def _fmt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def parse_mnok(raw: object) -> MnokRange | None:
    """None for an empty answer; AmountError for anything that is not a non-negative number or range."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise AmountError("amount_format")
    if isinstance(raw, int | float):
        low = high = float(raw)
    else:
        text = str(raw).strip()
        if not text or text in ("-", "–"):
            return None
        match = _AMOUNT.match(text)
        if match is None:
            raise AmountError("amount_negative" if text.lstrip().startswith("-") else "amount_format")
        low = float(match.group(1).replace(",", "."))
        high = float(match.group(2).replace(",", ".")) if match.group(2) else low
    if low < 0 or high < 0:
        raise AmountError("amount_negative")
    if high < low:
        raise AmountError("amount_order")
    if high > MAX_MNOK:
        raise AmountError("amount_large")
    return MnokRange(low, high)
