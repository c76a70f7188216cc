"""Which feature handles which form; each feature adds one entry."""

from __future__ import annotations

from handlers.forms import FormHandler

FORM_HANDLERS: dict[str, FormHandler] = {}
