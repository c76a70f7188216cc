"""MNOK amounts as exact decimals, read from what people type and written as they read them.

Frames are added up in board papers, so they are Decimal end to end: «12,5», «12.5» and «1 200» are
read without a float in between, and shown as «12,5 MNOK» in bokmål and "12.5 MNOK" in English.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from handlers.messages import Language

MAX_MNOK = Decimal("1000000")
CENT = Decimal("0.01")


def parse_mnok(text: str) -> Decimal | None:
    """A non-negative amount with at most two decimals, or None when the text is not one."""
    cleaned = "".join(str(text).split()).replace("\u00a0", "")
    for suffix in ("mnok", "mill", "millioner", "m"):
        if cleaned.casefold().endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value > MAX_MNOK or value != value.quantize(CENT):
        return None
    return value.quantize(CENT)


def mnok(language: Language, value: Decimal) -> str:
    """«12,5 MNOK» / "12.5 MNOK": no trailing zeros, thousands grouped, the reader's decimal mark."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    whole, _, cents = f"{abs(rounded):,.2f}".partition(".")
    cents = cents.rstrip("0")
    sign = "−" if rounded < 0 else ""
    if language == "nb":
        whole = whole.replace(",", "\u00a0")
        return f"{sign}{whole}{',' + cents if cents else ''} MNOK"
    return f"{sign}{whole}{'.' + cents if cents else ''} MNOK"


def percent(part: Decimal, whole: Decimal) -> int:
    """Whole percent of `whole` that `part` is (0 when there is no frame)."""
    if whole <= 0:
        return 0
    return int((part * 100 / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))
