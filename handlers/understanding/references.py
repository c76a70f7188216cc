"""Initiative references («INI-2026-42», «ini 2026 0042») and decision points («BP 3», «beslutningspunkt 2»).

The reference pattern lives here so the understanding step and the move command
(`handlers.initiatives.move_command`) read a reference the same way.
"""

from __future__ import annotations

import re

REFERENCE = re.compile(r"\bini[\s-]?(\d{4})[\s-](\d{1,4})\b", re.IGNORECASE)
_DECISION_POINT = re.compile(
    r"\b(?:bp|beslutningspunkt(?:et)?|decision\s+point)\s*-?\s*([1-9])\b", re.IGNORECASE
)


def canonical_reference(text: str) -> str | None:
    match = REFERENCE.search(text)
    return f"INI-{match.group(1)}-{int(match.group(2)):04d}" if match else None


def find_reference(text: str) -> tuple[str, int, int] | None:
    """The first reference in canonical form (INI-2026-0042) with its character span."""
    match = REFERENCE.search(text)
    if match is None:
        return None
    return f"INI-{match.group(1)}-{int(match.group(2)):04d}", match.start(), match.end()


def find_decision_point(text: str) -> tuple[str, int, int] | None:
    """«BP 3», «BP-3», «beslutningspunkt 3», "decision point 3" → ("BP3", start, end)."""
    match = _DECISION_POINT.search(text)
    if match is None:
        return None
    return f"BP{match.group(1)}", match.start(), match.end()
