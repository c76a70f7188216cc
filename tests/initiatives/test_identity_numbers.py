"""Identity numbers are found when real (valid date and both check digits) and never otherwise."""

from __future__ import annotations

import random
from datetime import date, timedelta

from handlers.initiatives.identity_numbers import (
    REDACTED,
    contains_identity_number,
    find_identity_numbers,
    is_identity_number,
    redact,
)

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    value = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if value == 11 else (None if value == 10 else value)


def generate(rng: random.Random, *, d_number: bool = False) -> str:
    """A valid number built from the published algorithm, independent of the code under test."""
    while True:
        born = date(1900, 1, 1) + timedelta(days=rng.randrange(45000))
        day = born.day + (40 if d_number else 0)
        base = f"{day:02d}{born.month:02d}{born.year % 100:02d}{rng.randrange(1000):03d}"
        k1 = _control(base, W1)
        if k1 is None:
            continue
        k2 = _control(base + str(k1), W2)
        if k2 is None:
            continue
        return f"{base}{k1}{k2}"


def test_generated_valid_numbers_are_found_in_every_written_form() -> None:
    rng = random.Random(4)
    for _ in range(500):
        number = generate(rng, d_number=rng.random() < 0.3)
        assert is_identity_number(number)
        for written in (number, f"{number[:6]} {number[6:]}", f"{number[:6]}-{number[6:]}"):
            assert contains_identity_number(f"Pasient {written} fikk feil svar")


def test_known_published_test_number() -> None:
    assert is_identity_number("01010750160")  # widely published synthetic example
    assert not is_identity_number("01010750161")


def test_ten_thousand_random_invalid_numbers_are_not_flagged() -> None:
    rng = random.Random(2026)
    checked = 0
    while checked < 10_000:
        candidate = f"{rng.randrange(10**11):011d}"
        if _independently_valid(candidate):
            continue
        assert not contains_identity_number(f"Ordrenummer {candidate} i systemet"), candidate
        checked += 1


def _independently_valid(number: str) -> bool:
    day, month, year = int(number[:2]), int(number[2:4]), int(number[4:6])
    # fødselsnummer, D-number (day + 40), H-number (month + 40), synthetic (month + 80) and combinations
    valid_date = any(
        _ok(c + year, month - m, day - d) for c in (1900, 2000) for d in (0, 40) for m in (0, 40, 80)
    )
    k1 = _control(number[:9], W1)
    k2 = _control(number[:10], W2)
    return valid_date and k1 == int(number[9]) and k2 == int(number[10])


def _ok(year: int, month: int, day: int) -> bool:
    if month < 1 or day < 1:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def test_longer_digit_runs_and_phone_numbers_are_not_numbers() -> None:
    rng = random.Random(1)
    number = generate(rng)
    assert not contains_identity_number("Ring 22 11 80 00 eller 915 55 555")
    assert not contains_identity_number(f"9{number}")  # part of a longer digit run
    assert not contains_identity_number("Budsjett 12345678901 kr")


def test_redact_removes_the_number_and_keeps_the_rest() -> None:
    number = generate(random.Random(7))
    text = f"Pasient {number[:6]} {number[6:]} ble feilregistrert"
    cleaned = redact(text)
    assert number[:6] not in cleaned and number[6:] not in cleaned
    assert REDACTED in cleaned and cleaned.startswith("Pasient ")
    assert len(find_identity_numbers(text)) == 1
