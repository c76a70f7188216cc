"""Which feature handles which form. Each feature adds one line here."""

from handlers.forms import FORM_HANDLERS  # noqa: F401
