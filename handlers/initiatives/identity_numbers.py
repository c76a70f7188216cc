"""The identity-number detector, where the initiative code has always imported it from.

The one definition lives in `models/identity_numbers.py` so the store's own guard shares it.
"""

from __future__ import annotations

from models.identity_numbers import (
    REDACTED,
    IdentityNumberRefused,
    contains_identity_number,
    find_identity_numbers,
    holds_identity_number,
    is_identity_number,
    redact,
)

__all__ = [
    "REDACTED",
    "IdentityNumberRefused",
    "contains_identity_number",
    "find_identity_numbers",
    "holds_identity_number",
    "is_identity_number",
    "redact",
]
