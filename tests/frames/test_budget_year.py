"""Issue 16: an initiative's budget year (the frame it counts against) is set by its domain board's
secretariat in chat («sett budsjettår for INI-… til 2027») and with `govbot initiatives budget-year`,
audited, refused politely to others and for impossible years, nothing written then; SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.frames.demo import seed_demo
from handlers.messages import IncomingMessage, Sender
from models.tables import AuditEntry, Initiative

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling
OUTSIDER = "knut-johnsen"
REFERENCE = "INI-2026-0004"  # proposed in Pasientbehandling in the demo portfolio


def _year(store: Any) -> tuple[int | None, int]:
    with store.read() as session:
        row = session.scalars(select(Initiative).where(Initiative.reference == REFERENCE)).one()
        return row.budget_year, row.year


def _audited(store: Any) -> list[tuple[Any, Any]]:
    with store.read() as session:
        rows = session.execute(
            select(AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.action == "initiative.budget_year", AuditEntry.entity_ref == REFERENCE)
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_secretariat_sets_the_budget_year_in_chat(store: Any) -> None:
    ctx = HandlerContext(store=store, clock=lambda: datetime(2026, 6, 1, 8, tzinfo=UTC))
    seed_demo(ctx)
    first, reference_year = _year(store)

    def say(text: str, person: str = SECRETARY) -> Any:
        return handle_message(IncomingMessage(text, Sender("test", person), channel="terminal"), ctx)

    denied = say(f"sett budsjettår for {REFERENCE} til 2028", OUTSIDER)
    assert "kan ikke sette budsjettåret" in denied.text and _year(store)[0] == first
    too_early = say(f"set the budget year of {REFERENCE} to 2019")
    assert (
        too_early.text
        == f"2019 cannot be the budget year of {REFERENCE}: use {reference_year} or a later year."
    )
    assert _audited(store) == []

    done = say("sett budsjettåret for ini-2026-4 til 2028")
    assert done.intent == "initiatives.budget_year"
    assert done.text == f"{REFERENCE} regnes nå mot rammen for 2028."
    assert _year(store)[0] == 2028
    again = say(f"sett budsjettår for {REFERENCE} til 2028")
    assert "ingenting er endret" in again.text
    cleared = say(f"set the budget year of {REFERENCE} to none")
    assert f"counts against the frame for {reference_year}, the year it was proposed" in cleared.text
    assert _year(store)[0] is None
    assert _audited(store) == [
        ({"budget_year": first}, {"budget_year": 2028}),
        ({"budget_year": 2028}, {"budget_year": None}),
    ]
    say(f"sett budsjettår for {REFERENCE} til 2027")
    status = say(f"status på {REFERENCE}").text
    assert re.search(r"Budsjettår:\s+2027\n", status)  # shown, and each change in the history in words
    assert (
        "budsjettår 2028 (Hilde Karlsen" in status and f"budsjettår {reference_year} (Hilde Karlsen" in status
    )


def test_the_cli_sets_the_budget_year_in_the_users_language(cli: Any, database_url: str, store: Any) -> None:
    seed_demo(HandlerContext(store=store, clock=lambda: datetime(2026, 6, 1, 8, tzinfo=UTC)))
    args = ("initiatives", "budget-year", REFERENCE)
    nb = cli(*args, "2027", "--as", SECRETARY, "--lang", "nb", database_url=database_url)
    assert nb.returncode == 0, nb.stderr
    assert nb.stdout.strip() == f"{REFERENCE} regnes nå mot rammen for 2027."
    en = cli(*args, "none", "--as", SECRETARY, "--lang", "en", "--json", database_url=database_url)
    assert json.loads(en.stdout) == {"reference": REFERENCE, "from": 2027, "to": None, "frame_year": 2026}
    refused = cli(*args, "2029", "--as", OUTSIDER, "--lang", "en", database_url=database_url)
    assert refused.returncode == 1 and "may not set the budget year" in refused.stderr
    nonsense = cli(*args, "neste år", "--as", SECRETARY, "--lang", "nb", database_url=database_url)
    assert nonsense.returncode == 2 and "«neste år» er ikke et år" in nonsense.stderr
    assert _year(store)[0] is None
