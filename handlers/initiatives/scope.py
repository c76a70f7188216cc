"""Recognising initiatives the regional portfolio does not own, and where they belong instead.

The kinds and their keywords come from the model file (`rules.out_of_scope`, seed 002 §3). A keyword
phrase matches when its words appear in order in the text (after stemming); a long single word also
matches as the start of a compound ("innovasjon" in "innovasjonsprosjektet"). `scope_notice` is the one
sentence every intake path shows (the form's and the CLI's receipt, the chat dialog before it asks to
submit anyway and in its receipt), so a proposer learns where it belongs however they proposed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.initiatives.terms import tokens
from handlers.messages import Language
from handlers.replies import Paragraph
from handlers.texts import t
from models.governance.schema import GovernanceModel, OutOfScope

COMPOUND_PREFIX_MIN = 6


@dataclass(frozen=True)
class OutOfScopeMatch:
    kind: OutOfScope
    keyword: str

    def as_json(self, language: Language = "nb") -> dict[str, str]:
        english = language == "en"
        return {
            "key": self.kind.key,
            "name": self.kind.name_en if english else self.kind.name,
            "belongs_to": self.kind.belongs_to_en if english else self.kind.belongs_to,
            "matched": self.keyword,
        }


def _matches(phrase: list[str], words: list[str]) -> bool:
    if not phrase:
        return False
    if len(phrase) == 1 and len(phrase[0]) >= COMPOUND_PREFIX_MIN:
        return any(word.startswith(phrase[0]) for word in words)
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def out_of_scope(model: GovernanceModel, text: str) -> OutOfScopeMatch | None:
    words = tokens(text)
    for kind in model.rules.out_of_scope:
        for keyword in kind.keywords:
            if _matches(tokens(keyword), words):
                return OutOfScopeMatch(kind, keyword)
    return None


def scope_notice(kind: OutOfScope, language: Language) -> Paragraph:
    english = language == "en"
    return Paragraph(
        t(
            language,
            "initiative.dialog.out_of_scope",
            kind=kind.name_en if english else kind.name,
            belongs_to=kind.belongs_to_en if english else kind.belongs_to,
        )
    )


def scope_kind(model: GovernanceModel, key: str | None) -> OutOfScope | None:
    """The kind stored with an initiative (`out_of_scope_key`), if the model still lists it."""
    return next((k for k in model.rules.out_of_scope if k.key == key), None) if key else None
