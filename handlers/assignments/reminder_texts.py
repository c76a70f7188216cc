"""What assignment and evaluation reminders say, built at sending time from the facts in the outbox row."""

from __future__ import annotations

from datetime import date
from typing import Any

from handlers.meetings.formatting import day
from handlers.messages import Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t

KINDS = frozenset({"assignment.due", "assignment.assessment", "evaluation.yearly"})


def render_standing(kind: str, payload: dict[str, Any], language: Language = "nb") -> Reply:
    if kind == "assignment.due":
        text = t(
            language,
            "reminder.assignment.due",
            number=payload["number"],
            title=payload["title_en"] if language == "en" else payload["title"],
            deadline=day(language, date.fromisoformat(payload["deadline"])),
        )
    elif kind == "assignment.assessment":
        numbers = payload["numbers"]
        text = t(
            language,
            "reminder.assignment.assessment",
            year=payload["year"],
            due=day(language, date.fromisoformat(payload["due"])),
            numbers=", ".join(str(n) for n in numbers),
            first=numbers[0],
        )
    elif kind == "evaluation.yearly":
        text = t(
            language,
            "reminder.evaluation.yearly",
            year=payload["year"],
            due=day(language, date.fromisoformat(payload["due"])),
            body=payload["body_name"],
        )
    else:
        raise ValueError(f"unknown reminder kind {kind!r}")
    blocks = [Paragraph(text)]
    if payload.get("due_assumption"):  # a date the seed does not give (HSØ: «yearly», no day)
        blocks.append(
            Paragraph(
                t(
                    language,
                    "model.assumed_for",
                    what=_due_label(language),
                    assumption=payload.get(f"due_assumption_{language}") or payload["due_assumption"],
                )
            )
        )
    return Reply(language, tuple(blocks), intent=f"reminder.{kind}")


def _due_label(language: Language) -> str:
    return t(language, "reminder.due_date")
