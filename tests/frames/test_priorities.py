"""Issue 16 §2: a domain board's priority list, reordered from the CLI and from chat by its secretariat
(renumbered, audited), refused to others, read in chat and used by «what fits»; SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.frames.demo import seed_demo
from handlers.messages import IncomingMessage, Sender
from models.tables import AuditEntry
from tests.scheduler.conftest import Clock

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling
OUTSIDER = "knut-johnsen"


def test_reorder_from_the_cli_and_chat(cli: Any, database_url: str, store: Any) -> None:
    ctx = HandlerContext(store=store, clock=Clock(datetime(2026, 6, 1, 8, tzinfo=UTC)))
    seed_demo(ctx)

    def order() -> list[str]:
        listed = cli(
            "priorities", "list", "--domain", "Pasientbehandling", "--json", database_url=database_url
        )
        assert listed.returncode == 0, listed.stderr
        return [r["reference"] for r in json.loads(listed.stdout)]

    assert order() == ["INI-2026-0004", "INI-2026-0005", "INI-2026-0006", "INI-2026-0007"]
    moved = cli("priorities", "move", "INI-2026-0006", "--position", "1", "--as", SECRETARY, "--lang", "en",
                database_url=database_url)  # fmt: skip
    assert moved.returncode == 0, moved.stderr
    assert "INI-2026-0006 is now no. 1 on the priority list of Patient treatment" in moved.stdout
    assert order() == ["INI-2026-0006", "INI-2026-0004", "INI-2026-0005", "INI-2026-0007"]
    refused = cli(
        "priorities", "move", "INI-2026-0004", "--position", "1", "--as", OUTSIDER, database_url=database_url
    )
    assert refused.returncode == 1

    def say(text: str, person: str = SECRETARY) -> Any:
        return handle_message(IncomingMessage(text, Sender("test", person), channel="terminal"), ctx)

    reply = say("prioriter INI-2026-0003 som nr. 2")
    assert reply.intent == "priorities.move"
    assert "INI-2026-0003 er nå nr. 2 på prioriteringslisten for Pasientbehandling" in reply.text
    assert order() == ["INI-2026-0006", "INI-2026-0003", "INI-2026-0004", "INI-2026-0005", "INI-2026-0007"]
    denied = say("prioritise INI-2026-0005 as no. 1", OUTSIDER)
    assert "may not change the priority list" in denied.text
    assert order()[0] == "INI-2026-0006"

    listed = say("prioriteringslisten for Pasientbehandling")
    assert listed.intent == "priorities.list"
    assert listed.text.index("1. INI-2026-0006") < listed.text.index("2. INI-2026-0003")
    fits = say("hva får plass innenfor rammen i Pasientbehandling?")
    assert fits.text.index("nr. 1: INI-2026-0006") < fits.text.index("nr. 3: INI-2026-0004")
    with store.read() as session:
        audited = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.entity_type == "priority_list"))
        )
    assert audited == ["priority.move", "priority.move"]
