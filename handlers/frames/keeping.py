"""Setting and moving budget frames, and who may: the body the model names (HSØ: the chief executive,
chair of the portfolio board, after its meeting, seed 000 §2.4), recorded by its decider or recorders.

Every change is one `frame_changes` row (set, import, or both sides of a move sharing a `move_id`), the
standing `frames` row updated, and one audit row, all in the caller's transaction: a refused change or
a bad import row leaves nothing behind. The decision reference is required (a frame moves only by a
decision) and passes the identity-number guard like every text a person types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from handlers.identity import Actor
from handlers.meetings.access import MeetingError
from models.audit import record
from models.catalogue.names import normalise_name
from models.governance.schema import GovernanceModel
from models.identity_numbers import contains_identity_number
from models.tables import Body, Domain, Frame, FrameChange, Membership, PersonRow
from models.tables.frames import KINDS

MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class FrameLine:
    domain_key: str
    domain_name: str
    domain_name_en: str
    year: int
    kind: str
    amount_mnok: Decimal
    decision_ref: str


def policy(model: GovernanceModel):  # type: ignore[no-untyped-def]
    if model.frames is None:
        raise MeetingError("frames.no_policy")
    return model.frames


def resolve_domain(session: Session, model: GovernanceModel, model_id: int, asked: str) -> Domain:
    """A domain by key, name, English name or alias (the model's), or by its board's name."""
    wanted = normalise_name(asked)
    for domain in model.domains:
        names = (domain.key, domain.name, domain.name_en, *domain.aliases)
        if wanted in {normalise_name(n) for n in names if n}:
            return session.scalars(
                select(Domain).where(Domain.model_id == model_id, Domain.key == domain.key)
            ).one()
    from handlers.meetings.bodies import find_body

    body = find_body(session, model_id, asked)
    if body is not None:
        row = session.scalars(
            select(Domain).where(Domain.model_id == model_id, Domain.board_id == body.id, Domain.active)
        ).first()
        if row is not None:
            return row
    raise MeetingError("frames.no_domain", name=asked[:80])


def deciding_roles(session: Session, model: GovernanceModel, model_id: int, actor: Actor) -> set[str]:
    frames = policy(model)
    if actor.person_key is None:
        return set()
    allowed = {r.value for r in (*frames.decider_roles, *frames.recorder_roles)}
    roles = session.scalars(
        select(Membership.role)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .join(Body, Membership.body_id == Body.id)
        .where(Body.model_id == model_id, Body.key == frames.decided_by)
        .where(PersonRow.key == actor.person_key, PersonRow.active)
    )
    return set(roles) & allowed


def check_may_decide(session: Session, model: GovernanceModel, model_id: int, actor: Actor) -> None:
    if not deciding_roles(session, model, model_id, actor):
        body = model.body(policy(model).decided_by)
        raise MeetingError("frames.denied", who=actor.display_name, body=body.name)


def checked_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise MeetingError("frames.bad_year", year=year)
    return year


def checked_kind(kind: str) -> str:
    if kind not in KINDS:
        raise MeetingError("frames.bad_kind", kind=kind[:40])
    return kind


def checked_reference(text: str) -> str:
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise MeetingError("frames.reference_needed")
    if contains_identity_number(cleaned):
        raise MeetingError("frames.identity_number")
    return cleaned[:200]


def _standing(session: Session, model_id: int, domain_id: int, year: int, kind: str) -> Frame | None:
    return session.scalar(
        select(Frame)
        .where(Frame.model_id == model_id, Frame.domain_id == domain_id)
        .where(Frame.year == year, Frame.kind == kind)
        .with_for_update()
    )


def _write(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    domain: Domain,
    year: int,
    kind: str,
    amount: Decimal,
    reference: str,
    change: str,
    now: datetime,
    move_id: int | None = None,
) -> tuple[Frame, FrameChange]:
    frame = _standing(session, model_id, domain.id, year, kind)
    before = frame.amount_mnok if frame is not None else None
    if frame is None:
        frame = Frame(model_id=model_id, domain_id=domain.id, year=year, kind=kind, amount_mnok=amount,
                      decision_ref=reference, updated_by=actor.audit_name, updated_at=now)  # fmt: skip
        session.add(frame)
    else:
        frame.amount_mnok, frame.decision_ref = amount, reference
        frame.updated_by, frame.updated_at = actor.audit_name, now
    changed = FrameChange(model_id=model_id, domain_id=domain.id, year=year, kind=kind, change=change,
                          before_mnok=before, after_mnok=amount, move_id=move_id, decision_ref=reference,
                          actor=actor.audit_name, created_at=now)  # fmt: skip
    session.add(changed)
    session.flush()
    if change == "move_out":  # a move is named by its first row, so parallel moves never share a name
        changed.move_id = move_id = changed.id
    record(
        session,
        actor=actor.audit_name,
        action=f"frame.{change}",
        entity_type="frame",
        entity_ref=f"{domain.key}/{year}/{kind}",
        model_key=model.key,
        before=None if before is None else {"amount_mnok": str(before)},
        after={"amount_mnok": str(amount), "decision_ref": reference, "move_id": move_id},
        reason=reference,
    )
    session.flush()
    return frame, changed


def set_frame(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    *,
    domain: str,
    year: int,
    kind: str,
    amount: Decimal,
    reference: str,
    now: datetime,
) -> FrameLine:
    check_may_decide(session, model, model_id, actor)
    row = resolve_domain(session, model, model_id, domain)
    frame, _ = _write(session, model, model_id, actor, row, checked_year(year), checked_kind(kind), amount,
                      checked_reference(reference), "set", now)  # fmt: skip
    return _line(row, frame)


def move_frame(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    actor: Actor,
    *,
    from_domain: str,
    to_domain: str,
    year: int,
    kind: str,
    amount: Decimal,
    reference: str,
    now: datetime,
) -> tuple[FrameLine, FrameLine]:
    """Moves `amount` of one domain's frame to another's in the same year (seed 000 §2.4: «omfordeling
    av midler mellom områdene gjennom året»); the giving domain must have that much."""
    check_may_decide(session, model, model_id, actor)
    giver = resolve_domain(session, model, model_id, from_domain)
    taker = resolve_domain(session, model, model_id, to_domain)
    year, kind, reference = checked_year(year), checked_kind(kind), checked_reference(reference)
    if giver.id == taker.id:
        raise MeetingError("frames.same_domain")
    if amount <= 0:
        raise MeetingError("frames.move_nothing")
    first, second = sorted((giver, taker), key=lambda d: d.id)  # lock in one order: parallel moves queue
    _standing(session, model_id, first.id, year, kind)
    _standing(session, model_id, second.id, year, kind)
    given = _standing(session, model_id, giver.id, year, kind)
    if given is None or given.amount_mnok < amount:
        has = given.amount_mnok if given is not None else Decimal(0)
        raise MeetingError("frames.move_too_much", domain=giver.name, year=year, has=str(has))
    taken = _standing(session, model_id, taker.id, year, kind)
    out, first_row = _write(session, model, model_id, actor, giver, year, kind, given.amount_mnok - amount,
                            reference, "move_out", now)  # fmt: skip
    into, _ = _write(session, model, model_id, actor, taker, year, kind,
                     (taken.amount_mnok if taken else Decimal(0)) + amount, reference, "move_in", now,
                     first_row.move_id)  # fmt: skip
    return _line(giver, out), _line(taker, into)


def list_frames(session: Session, model_id: int, year: int | None = None) -> list[FrameLine]:
    query = (
        select(Frame, Domain)
        .join(Domain, Frame.domain_id == Domain.id)
        .where(Frame.model_id == model_id)
        .order_by(Frame.year, Domain.id, Frame.kind)
    )
    if year is not None:
        query = query.where(Frame.year == year)
    return [_line(domain, frame) for frame, domain in session.execute(query)]


def frame_history(session: Session, model_id: int, year: int | None = None) -> list[FrameChange]:
    query = select(FrameChange).where(FrameChange.model_id == model_id).order_by(FrameChange.id)
    if year is not None:
        query = query.where(FrameChange.year == year)
    return list(session.scalars(query))


def _line(domain: Domain, frame: Frame) -> FrameLine:
    return FrameLine(domain.key, domain.name, domain.name_en, frame.year, frame.kind,
                     Decimal(frame.amount_mnok), frame.decision_ref)  # fmt: skip
