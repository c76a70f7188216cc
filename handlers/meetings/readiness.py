"""Definition of ready: a case goes on an agenda only when its papers show what the model requires.

The list is the region's (`rules.case_papers` in the model file; seed 000 §2.4 for Helse Sør-Øst: the
operating-cost consequences, always). A case about an initiative reads the fields from the initiative,
where the intake form asks for them (optional there); a case without one carries them itself. When a
field is missing the case is not added: the one adding it (the secretariat) is told what is missing,
and the case owner gets the question in chat through the notice outbox, written in the same transaction
as the audit row that records the refusal, so the question exists exactly when the refusal does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.initiatives.amounts import MnokRange
from handlers.meetings.formatting import when
from handlers.notices import queue_notice_at
from handlers.notify import Notification
from handlers.person_names import shown_name
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.audit import record
from models.governance.schema import CaseField, GovernanceModel, said
from models.repositories.initiatives import by_reference
from models.tables import Body, Meeting, PersonRow


@dataclass(frozen=True)
class NotReady:
    """A case refused from the agenda; `missing` are CaseField values, the owner has been asked."""

    title: str
    owner_key: str
    owner_name: str
    missing: tuple[str, ...]
    source: str

    def message(self, language: str) -> str:
        lang = "en" if language == "en" else "nb"
        return t(
            lang,
            "agenda.not_ready",
            title=self.title,
            missing=field_names(self.missing, lang),
            source=said(self.source, lang),
            owner=shown_name(self.owner_name, lang),
        )


def field_names(missing: tuple[str, ...], language: str) -> str:
    lang = "en" if language == "en" else "nb"
    return ", ".join(t(lang, f"agenda.field.{name}") for name in missing)


def missing_fields(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    *,
    kind: str,
    initiative_ref: str | None,
    operating_cost: MnokRange | None,
) -> tuple[str, ...]:
    rule = model.rules.case_papers
    if rule is None or kind not in rule.kinds:
        return ()
    initiative = by_reference(session, model_id, initiative_ref) if initiative_ref else None
    present = {
        CaseField.OPERATING_COST: operating_cost is not None
        or (initiative is not None and initiative.operating_min_mnok is not None),
    }
    return tuple(str(name) for name in rule.required_fields if not present.get(name, False))


def refuse_not_ready(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    meeting: Meeting,
    owner: PersonRow,
    *,
    title: str,
    initiative_ref: str | None,
    missing: tuple[str, ...],
    now: datetime,
) -> NotReady:
    """Record the refusal and ask the owner; the caller commits both (nothing is put on the agenda)."""
    rule = model.rules.case_papers
    assert rule is not None
    body = session.get_one(Body, meeting.body_id)
    record(
        session,
        actor=actor.audit_name,
        action="agenda.not_ready",
        entity_type="meeting",
        entity_ref=f"meeting:{meeting.id}",
        model_key=model.key,
        after={"title": title, "owner": owner.key, "initiative": initiative_ref, "missing": list(missing)},
    )
    subject = f"{initiative_ref} «{title}»" if initiative_ref else f"«{title}»"
    question = t(
        "nb",
        "agenda.not_ready.question",
        subject=subject,
        body=body.name,
        when=when("nb", meeting.starts_at),
        missing=field_names(missing, "nb"),
        source=rule.source,
        asker=actor.display_name,
    )
    queue_notice_at(
        session,
        model_id,
        now,
        Notification(
            person_key=owner.key,
            reply=Reply("nb", (Paragraph(question),), intent="agenda.not_ready"),
            kind="agenda.not_ready",
            key=f"agenda.not_ready:{meeting.id}:{owner.key}:{initiative_ref or title[:80]}",
            email=owner.email,
        ),
    )
    return NotReady(title, owner.key, owner.name, missing, rule.source)


def owner_row(session: Session, model_id: int, owner_key: str) -> PersonRow | None:
    return session.scalar(
        select(PersonRow).where(PersonRow.model_id == model_id, PersonRow.key == owner_key, PersonRow.active)
    )
