"""A person's name as a reply shows it: the model's placeholder mark in the reply's language.

The presets' people are invented and their names carry «(plassholder)» (README: the roles are real, the
names are not). An English reply must not say «(plassholder)», so every answer that shows a name from
the model goes through `shown_name`, which puts the mark in the reply's language.
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.texts import t

MODEL_MARK = "(plassholder)"
"""How the model files mark an invented name."""


def shown_name(name: str, language: Language) -> str:
    if name.endswith(MODEL_MARK):
        return name[: -len(MODEL_MARK)] + t(language, "people.placeholder_mark")
    return name
