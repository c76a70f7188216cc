"""Who sits where: rosters of bodies, read from the store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.tables import Body, Domain, HealthTrustRow, Membership, PersonRow, System


@dataclass(frozen=True)
class RosterEntry:
    role: str
    person_key: str
    name: str
    title: str
    organisation: str
    email: str | None
    is_placeholder: bool
    represents: str | None
    final_authority: bool


@dataclass(frozen=True)
class DomainSummary:
    key: str
    name: str
    name_en: str
    description: str
    description_en: str
    board_key: str
    board_name: str
    board_name_en: str | None


def domain_summaries(session: Session, model_id: int) -> list[DomainSummary]:
    rows = session.execute(
        select(Domain, Body)
        .join(Body, Domain.board_id == Body.id)
        .where(Domain.model_id == model_id, Domain.active)
        .order_by(Domain.id)
    ).all()
    return [
        DomainSummary(
            key=d.key,
            name=d.name,
            name_en=d.name_en,
            description=d.description,
            description_en=d.description_en,
            board_key=b.key,
            board_name=b.name,
            board_name_en=b.name_en,
        )
        for d, b in rows
    ]


def roster(session: Session, model_id: int, body_key: str) -> list[RosterEntry]:
    rows = session.execute(
        select(Membership, PersonRow, HealthTrustRow.short_name)
        .join(Body, Membership.body_id == Body.id)
        .join(PersonRow, Membership.person_id == PersonRow.id)
        .outerjoin(HealthTrustRow, Membership.represents_trust_id == HealthTrustRow.id)
        .where(Body.model_id == model_id, Body.key == body_key, PersonRow.active)
        .order_by(Membership.id)
    ).all()
    return [
        RosterEntry(
            role=m.role,
            person_key=p.key,
            name=p.name,
            title=p.title,
            organisation=p.organisation,
            email=p.email,
            is_placeholder=p.is_placeholder,
            represents=trust,
            final_authority=m.final_authority,
        )
        for m, p, trust in rows
    ]


def domain_system_names(session: Session, model_id: int, domain_key: str) -> list[str]:
    return list(
        session.scalars(
            select(System.name)
            .join(Domain, System.owning_domain_id == Domain.id)
            .where(System.model_id == model_id, Domain.key == domain_key)
            .order_by(System.name)
        )
    )
