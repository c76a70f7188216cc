"""An initiative's budget year: the year whose frame its investment counts against (issue 16).

Intake leaves it empty, so an initiative counts against its reference year's frame (figures.py); a
proposal made in 2026 for money needed in 2027 must be moved to 2027's frame by hand. The secretariat
(or owner, deputy) of the initiative's domain board sets it, as they keep the board's priority list
(the model's `frames.priority_roles`): «sett budsjettår for INI-2026-0004 til 2027» / "set the budget
year of INI-2026-0004 to 2027", or `govbot initiatives budget-year`; «til ingen» / "to none" clears it.
Parsed by grammar (handlers/commands.py), written with one audit row in the caller's transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.frames.keeping import MAX_YEAR, policy
from handlers.frames.priorities import may_reorder
from handlers.identity import Actor, resolve_actor
from handlers.initiatives.states import FINAL
from handlers.meetings.access import MeetingError
from handlers.messages import IncomingMessage, Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.audit import record
from models.governance.schema import GovernanceModel
from models.repositories.initiatives import by_reference
from models.tables import Body, Domain

INTENT = "initiatives.budget_year"
SET = re.compile(
    r"^\s*(?:(?P<nb>(?:sett|endre)\s+budsjettår(?:et)?\s+(?:for|på|til)\s+(?P<nb_ref>ini[-\s]?\d{4}[-\s]?\d{1,4})"
    r"\s+til)|(?P<en>(?:set|change)\s+(?:the\s+)?budget\s+year\s+(?:of|for|on)\s+"
    r"(?P<en_ref>ini[-\s]?\d{4}[-\s]?\d{1,4})\s+to))\s+(?P<year>\d{4}|ingen|none)\s*[.!]?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BudgetYearSet:
    reference: str
    before: int | None
    after: int | None
    frame_year: int
    """The year it now counts against: the budget year, or the reference year when none is set."""


def matches(text: str) -> bool:
    return SET.match(text) is not None


def set_budget_year(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, reference: str, year: int | None
) -> BudgetYearSet:
    policy(model)
    initiative = by_reference(session, model_id, reference)
    if initiative is None:
        raise MeetingError("priorities.no_initiative", reference=reference.upper()[:20])
    domain = session.scalars(select(Domain).where(Domain.id == initiative.domain_id)).one()
    if not may_reorder(session, model, domain, actor):
        board = session.get_one(Body, domain.board_id)
        raise MeetingError("budget_year.denied", who=actor.display_name, body=board.name)
    if initiative.state in FINAL:
        raise MeetingError("budget_year.closed", reference=initiative.reference)
    if year is not None and not initiative.year <= year <= MAX_YEAR:
        raise MeetingError("budget_year.bad_year", year=year, reference=initiative.reference,
                           first=initiative.year)  # fmt: skip
    before = initiative.budget_year
    if before != year:
        initiative.budget_year = year
        record(session, actor=actor.audit_name, action="initiative.budget_year", entity_type="initiative",
               entity_ref=initiative.reference, model_key=model.key, before={"budget_year": before},
               after={"budget_year": year})  # fmt: skip
    return BudgetYearSet(initiative.reference, before, year, year or initiative.year)


def answer_budget_year_command(message: IncomingMessage, ctx: HandlerContext, language: Language) -> Reply:
    found = SET.match(message.text)
    assert found is not None
    if message.language is None:
        language = "en" if found["en"] else "nb"
    digits = re.findall(r"\d+", found["nb_ref"] or found["en_ref"])
    reference = f"INI-{digits[0]}-{int(digits[1]):04d}"
    year = int(found["year"]) if found["year"].isdigit() else None
    try:
        with ctx.store.session() as session:
            actor = resolve_actor(session, ctx.store.model_id, message.sender)
            done = set_budget_year(session, ctx.model, ctx.store.model_id, actor, reference, year)
    except MeetingError as refusal:
        return Reply(language, (Paragraph(t(language, refusal.key, **refusal.params)),), INTENT)
    return Reply(language, (Paragraph(budget_year_text(language, done)),), INTENT)


def budget_year_text(language: Language, done: BudgetYearSet) -> str:
    if done.before == done.after:
        return t(language, "budget_year.unchanged", reference=done.reference, year=done.frame_year)
    if done.after is None:
        return t(language, "budget_year.cleared", reference=done.reference, year=done.frame_year)
    return t(language, "budget_year.set", reference=done.reference, year=done.after)
