"""Issue 14: a meeting planned in the past, on a weekend or public holiday, or with its paper deadline
gone is warned about and stored only once confirmed. Here `govbot meetings add`: exit 2 without
`--confirm`, the reason in the user's language; the forms are in tests/bot/test_meeting_form_warnings.py."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from handlers.meetings.deadlines import OSLO, is_working_day
from handlers.meetings.formatting import day
from handlers.meetings.plan_checks import holiday_name

SECRETARY = "hilde-karlsen"


def _first(start: date, test: Any) -> date:
    while not test(start):
        start += timedelta(days=1)
    return start


def _add(cli: Any, url: str, at: date, *extra: str, env: dict[str, str] | None = None) -> Any:
    return cli(
        "meetings",
        "add",
        "--body",
        "Pasientbehandling",
        "--at",
        f"{at.isoformat()}T09:00",
        "--as",
        SECRETARY,
        "--json",
        *extra,
        database_url=url,
        env=env,
    )


def test_cli_refuses_an_odd_date_until_confirmed_in_the_users_language(cli, database_url) -> None:
    today = datetime.now(OSLO).date()  # the CLI runs on the real clock
    saturday = _first(today + timedelta(days=40), lambda d: d.weekday() == 5 and not holiday_name(d, "nb"))
    christmas = date(today.year + 1, 12, 25)
    soon = _first(today + timedelta(days=3), is_working_day)  # its papers were due ten days back
    norwegian = {"LANG": "nb_NO.UTF-8"}

    weekend = _add(cli, database_url, saturday, env=norwegian)
    assert weekend.returncode == 2, weekend.stderr
    assert f"{saturday:%d.%m.%Y} er en lørdag." in weekend.stderr
    assert "Ingenting er lagret" in weekend.stderr and "--confirm" in weekend.stderr
    holiday = _add(cli, database_url, christmas)
    assert (
        holiday.returncode == 2
        and f"25 December {christmas.year} is a public holiday (Christmas Day)." in holiday.stderr
    )
    assert "Nothing was stored" in holiday.stderr
    past = _add(cli, database_url, today - timedelta(days=1), env=norwegian)
    assert past.returncode == 2 and "er allerede passert" in past.stderr
    late = _add(cli, database_url, soon, "--lang", "en", env=norwegian)
    assert late.returncode == 2 and "The paper deadline (" in late.stderr
    assert "has already passed" in late.stderr and "Traceback" not in late.stderr
    assert json.loads(cli("meetings", "list", "--json", database_url=database_url).stdout) == []

    confirmed = _add(cli, database_url, saturday, "--confirm")
    assert confirmed.returncode == 0, confirmed.stderr
    assert json.loads(confirmed.stdout)["warnings"] == [f"{day('en', saturday)} is a Saturday."]
    listing = json.loads(cli("meetings", "list", "--json", database_url=database_url).stdout)
    assert [m["starts_at_local"][:10] for m in listing] == [saturday.isoformat()]
