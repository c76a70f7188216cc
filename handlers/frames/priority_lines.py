"""A priority list as lines people read («1. INI-2026-0004 «Title» (til vurdering): investering …»), the
same in the chat answer, the reorder form's receipt and the CLI."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.frames.amounts import mnok
from handlers.frames.priorities import Ranked
from handlers.initiatives.states import state_label
from handlers.messages import Language
from handlers.texts import t
from models.governance.schema import GovernanceModel


def ranked_lines(model: GovernanceModel, language: Language, ranked: Sequence[Ranked]) -> tuple[str, ...]:
    return tuple(
        t(
            language,
            "priorities.line",
            position=r.position,
            reference=r.reference,
            title=r.title,
            state=state_label(model, r.state, language),
            investment=mnok(language, r.investment),  # type: ignore[arg-type]
            operating=mnok(language, r.operating),  # type: ignore[arg-type]
        )
        for r in ranked
    )
