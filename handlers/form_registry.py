"""Which feature handles which form; each feature adds one entry."""

from __future__ import annotations

from handlers.forms import FormHandler
from handlers.initiatives.intake import handle_initiative_form

FORM_HANDLERS: dict[str, FormHandler] = {
    "initiative": handle_initiative_form,
}
