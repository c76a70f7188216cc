"""The answer to a recorded or corrected decision, in the recorder's language, for chat and the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.initiatives.states import state_label
from handlers.meetings.formatting import when
from handlers.texts import t

if TYPE_CHECKING:
    from handlers.decisions.record import Recorded
    from handlers.messages import Language
    from models.governance.schema import GovernanceModel


def recorded_lines(recorded: Recorded, language: Language, model: GovernanceModel) -> list[str]:
    decision, item = recorded.decision, recorded.item
    facts = {
        "number": decision.number,
        "title": item.title,
        "body": recorded.body.name,
        "when": when(language, recorded.meeting.starts_at),
        "outcome": t(language, f"decisions.outcome.{decision.outcome}"),
    }
    key = "decisions.corrected" if decision.supersedes_id else "decisions.recorded"
    lines = [t(language, key, version=decision.version, **facts)]

    def label(state: str) -> str:
        return state_label(model, state, language)

    if recorded.moved is not None:
        moved = recorded.moved
        lines.append(
            t(
                language,
                "decisions.moved",
                reference=moved.reference,
                from_state=label(moved.from_state),
                to_state=label(moved.to_state),
            )
        )
    elif decision.initiative_ref and recorded.initiative_state_now:
        lines.append(
            t(
                language,
                "decisions.stayed",
                reference=decision.initiative_ref,
                state=label(recorded.initiative_state_now),
            )
        )
    if recorded.told:
        lines.append(t(language, "decisions.told"))
    if recorded.approved_minutes is not None:  # «Godkjenning av referat»: say what the approval did
        from handlers.minutes.show import facts_of

        lines.append(t(language, "minutes.approved", **facts_of(recorded.approved_minutes, language)))
    return lines
