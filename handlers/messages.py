"""The neutral message every channel turns its payload into."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Language = Literal["nb", "en"]


@dataclass(frozen=True)
class Sender:
    """Who wrote: a platform identity, resolved to a person in the store where possible."""

    platform: str
    user_id: str
    display_name: str | None = None
    email: str | None = None
    locale: str | None = None


@dataclass(frozen=True)
class IncomingMessage:
    text: str
    sender: Sender
    channel: str = "terminal"
    conversation_id: str = "local"
    message_id: str | None = None
    language: Language | None = None
    """Set when the user chose a language explicitly (CLI `--lang`); otherwise detected."""
    data: dict[str, str] = field(default_factory=dict)
    """Structured values from a button or form, for channels that have them."""
    pictures: bool = False
    """Whether the channel shows an `Image` block where this reply goes (a Slack message, a Teams card, the
    web chat); the terminal and Slack's ephemeral answers do not, so nothing is drawn for them."""
