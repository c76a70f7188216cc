"""Amount thresholds in questions, in million kroner: «over 50 millioner», "more than 50 MNOK", «1,5 mrd».

`handlers.initiatives.amounts` reads a form field that holds nothing but an amount; a question holds an
amount among other words, so here a number counts only with a unit («mill», «MNOK», «kr», «mrd»):
«over 50 initiativer» is no amount. Kroner are turned into millions («100 000 000 kr» → 100), billions
(«mrd», «milliarder», "billion") into thousands of millions. Whether the user meant more or less than the
amount is read from the words before it (`comparison`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUMBER = r"(?P<number>\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
_ABOVE = r"over|mer\s+enn|mere\s+enn|større\s+enn|høyere\s+enn|minst|above|more\s+than|over|at\s+least|greater\s+than|exceeding"
_BELOW = r"under|mindre\s+enn|lavere\s+enn|høyst|below|less\s+than|at\s+most|up\s+to|inntil|opptil"
_UNIT = (
    r"(?P<unit>mnok|millioner|million|millions|mill|mln|mio|m|mrd|milliarder|milliard|billions?|bn|"
    r"kroner|kr|nok)\b\.?"
)
_AMOUNT = re.compile(
    rf"(?:\b(?P<above>{_ABOVE})\s+|\b(?P<below>{_BELOW})\s+)?(?:(?P<pre>mnok|nok|kr\.?)\s*)?\b{_NUMBER}\s*"
    rf"(?:{_UNIT}(?:\s*(?:kr|kroner|nok)\b\.?)?)?",
    re.IGNORECASE,
)
_MILLIONS = {"mnok", "millioner", "million", "millions", "mill", "mln", "mio", "m"}
_BILLIONS = {"mrd", "milliarder", "milliard", "billion", "billions", "bn"}
_KRONER = {"kroner", "kr", "nok"}


def _value(raw: str) -> Decimal | None:
    text = raw.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", text):
        text = text.replace(" ", "").replace(".", "")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def find_amount(text: str) -> tuple[Decimal, str | None, int, int] | None:
    """(MNOK, "above" | "below" | None, start, end) for the first amount with a unit."""
    for match in _AMOUNT.finditer(text):
        unit = (match["unit"] or "").lower().rstrip(".")
        pre = (match["pre"] or "").lower().rstrip(".")
        if not unit and not pre:
            continue
        value = _value(match["number"])
        if value is None:
            continue
        if unit in _BILLIONS:
            mnok = value * 1000
        elif unit in _MILLIONS or pre == "mnok":
            mnok = value
        else:  # kroner: «100 000 000 kr»
            mnok = value / Decimal(1_000_000)
        comparison = "above" if match["above"] else "below" if match["below"] else None
        return _tidy(mnok), comparison, match.start(), match.end()
    return None


def _tidy(value: Decimal) -> Decimal:
    """50 rather than 50.000000 or 5E+1, so the reply shows the amount as the user wrote it."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
