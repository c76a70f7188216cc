"""Shared helpers for initiative tests: a fixed clock and a valid intake."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from handlers.messages import Sender

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def valid_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Kartvisning av ledige ambulanser i AMK",
        "need": "AMK-operatørene mangler oversikt over hvor ledige ambulanser befinner seg akkurat nå.",
        "change": "Vis ambulansenes posisjon og status på kart direkte i AMK-løsningen.",
        "benefit": "Raskere disponering av ambulanser, til nytte for pasienter og AMK-operatører.",
        "trusts": ["OUS", "Ahus"],
        "systems": [],
        "investment": "10-20",
        "operating_cost": "1,5",
        "contact": "Ola Klinikersen, ola@example.org",
    }
    values.update(overrides)
    return values


@pytest.fixture
def clocked(context: Any) -> Any:
    context.clock = lambda: NOW
    return context


@pytest.fixture
def clinician() -> Sender:
    return Sender(platform="slack", user_id="U123CLIN", display_name="Ola Klinikersen")
