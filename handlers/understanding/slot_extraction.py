"""Finding the slots of a message (a first cut: references and exact catalogue names only)."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.lookup.catalogue import catalogue_view
from handlers.understanding.slots import Slots, Span

_REFERENCE = re.compile(r"\bini[\s-]?(\d{4})[\s-](\d{1,4})\b", re.IGNORECASE)


def extract_slots(text: str, ctx: HandlerContext, session: Session, today: date) -> Slots:
    spans: list[Span] = []
    reference = None
    if match := _REFERENCE.search(text):
        reference = f"INI-{match.group(1)}-{int(match.group(2)):04d}"
        spans.append(Span("reference", match.start(), match.end()))
    view = catalogue_view(ctx, session)
    systems = tuple(view.systems.find_exact(text))
    domains = view.domains.find_exact(text)
    return Slots(
        systems=systems, domain=domains[0] if domains else None, reference=reference, spans=tuple(spans)
    )
