"""What a handler may use: the store, the governance model, and a clock it does not own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from handlers.notify import Notifier, OutboxBell, RecordingNotifier
from models.governance.schema import GovernanceModel
from models.store import Store


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class HandlerContext:
    store: Store
    clock: Callable[[], datetime] = system_clock
    notifier: Notifier = field(default_factory=RecordingNotifier)
    """Used by the sweep only: handlers queue notices in the outbox (`handlers.notices`) and ring the bell."""
    outbox_bell: OutboxBell = field(default_factory=OutboxBell)
    caches: dict[str, object] = field(default_factory=dict)
    """Per-process caches (the catalogue index); keyed by name, invalidated by catalogue version."""
    classifier_cache_dir: Path | None = None
    """Where the trained intent classifier is kept between processes (None: trained in each process)."""

    @property
    def model(self) -> GovernanceModel:
        return self.store.model
