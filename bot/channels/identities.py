"""Remembering which platform account is which person, and how to reach them later.

The mapping is made by e-mail (Slack users.info, Teams member info) through handlers.identity, then kept
in person_identities so a notifier can find a person's Slack id or Teams reference from a person key.
Handlers address a submitter who is not a person in the model as "platform:account"; the helpers here
turn either form into something a platform can deliver to.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers.identity import remember_identity
from models.repositories.channels import known_identity, latest_account, latest_reference, save_reference
from models.store import Store

__all__ = [
    "IDENTITY_FRESH_FOR",
    "account_in_key",
    "known_identity",
    "platform_user_for",
    "reference_for",
    "remember_identity",
    "save_reference",
]

IDENTITY_FRESH_FOR = timedelta(days=1)
"""How long a platform account's looked-up e-mail and locale are trusted before asking the platform again."""


def account_in_key(platform: str, person_key: str) -> str | None:
    """ "slack:U123" → "U123": how handlers address a submitter who is not a person in the model."""
    prefix = f"{platform}:"
    return person_key[len(prefix) :] or None if person_key.startswith(prefix) else None


def platform_user_for(store: Store, platform: str, person_key: str) -> str | None:
    """The account to message: the one named in the key, else the person's most recently seen one."""
    return account_in_key(platform, person_key) or latest_account(store, platform, person_key)


def reference_for(store: Store, platform: str, person_key: str) -> dict[str, Any] | None:
    """The latest conversation with a person (or with the account named by a "teams:<id>" key)."""
    account = account_in_key(platform, person_key)
    if account is not None:
        return latest_reference(store, platform, account=account)
    return latest_reference(store, platform, person_key=person_key)
