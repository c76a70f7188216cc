"""Alembic migrations.

Features add their own revision branching from an earlier one, so the history may have several heads;
`heads()` finds them by reading the scripts' `revision`/`down_revision` lines, which is far cheaper than
loading Alembic on every command (a test checks it agrees with Alembic).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent / "versions"
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)
_ID = re.compile(r"['\"]([^'\"]+)['\"]")


@cache
def heads() -> frozenset[str]:
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in VERSIONS.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision = _REVISION.search(text)
        if revision is None:
            continue
        revisions.add(revision.group(1))
        down = _DOWN.search(text)
        if down is not None:
            parents.update(_ID.findall(down.group(1)))
    return frozenset(revisions - parents)
