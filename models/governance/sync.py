"""Putting a governance model file into the store, and keeping the store in step when the file changes.

Rows are matched by key and updated in place, never deleted: initiatives and meetings will point at
domains and bodies, so a domain dropped from the file is marked inactive instead. The whole sync is one
transaction with one audit row, so a failed sync leaves the previous model untouched.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.governance.files import LoadedModel
from models.governance.schema import GovernanceModel
from models.tables import Body, Domain, GovernanceModelRow, HealthTrustRow, Membership, PersonRow
from models.tables.base import utcnow


def sync_model(
    session: Session, loaded: LoadedModel, *, actor: str = "system"
) -> tuple[GovernanceModelRow, bool]:
    """Returns the model row and whether anything was written."""
    model = loaded.model
    row = session.scalar(select(GovernanceModelRow).where(GovernanceModelRow.key == model.key))
    if row is not None and row.content_hash == loaded.content_hash:
        return row, False
    created = row is None
    if row is None:
        row = GovernanceModelRow(key=model.key, catalogue_version=0)
        session.add(row)
    row.name = model.name
    row.region = model.region
    row.content_hash = loaded.content_hash
    row.loaded_at = utcnow()
    session.flush()

    trusts = _sync_trusts(session, row.id, model)
    people = _sync_people(session, row.id, model)
    bodies = _sync_bodies(session, row.id, model, people, trusts)
    _sync_domains(session, row.id, model, bodies)
    audit.record(
        session,
        actor=actor,
        action="model.loaded" if created else "model.updated",
        entity_type="governance_model",
        entity_ref=model.key,
        model_key=model.key,
        after={"file": loaded.path.name, "sha256": loaded.content_hash},
    )
    return row, True


def _sync_trusts(session: Session, model_id: int, model: GovernanceModel) -> dict[str, HealthTrustRow]:
    existing = {
        t.key: t for t in session.scalars(select(HealthTrustRow).where(HealthTrustRow.model_id == model_id))
    }
    for trust in model.health_trusts:
        row = existing.get(trust.key) or HealthTrustRow(model_id=model_id, key=trust.key)
        row.name, row.short_name, row.active = trust.name, trust.short_name, True
        existing[trust.key] = row
        session.add(row)
    _deactivate_missing(existing, {t.key for t in model.health_trusts})
    session.flush()
    return existing


def _sync_people(session: Session, model_id: int, model: GovernanceModel) -> dict[str, PersonRow]:
    existing = {p.key: p for p in session.scalars(select(PersonRow).where(PersonRow.model_id == model_id))}
    for person in model.people:
        row = existing.get(person.key) or PersonRow(model_id=model_id, key=person.key)
        row.name, row.title, row.organisation = person.name, person.title, person.organisation
        row.email = person.email.lower() if person.email else None
        row.is_placeholder, row.active = person.placeholder, True
        existing[person.key] = row
        session.add(row)
    _deactivate_missing(existing, {p.key for p in model.people})
    session.flush()
    return existing


def _sync_bodies(
    session: Session,
    model_id: int,
    model: GovernanceModel,
    people: dict[str, PersonRow],
    trusts: dict[str, HealthTrustRow],
) -> dict[str, Body]:
    existing = {b.key: b for b in session.scalars(select(Body).where(Body.model_id == model_id))}
    for body in model.bodies:
        row = existing.get(body.key) or Body(model_id=model_id, key=body.key)
        row.name, row.name_en, row.kind, row.active = body.name, body.name_en, body.kind.value, True
        existing[body.key] = row
        session.add(row)
    _deactivate_missing(existing, {b.key for b in model.bodies})
    session.flush()
    for body in model.bodies:
        row = existing[body.key]
        row.escalates_to_id = existing[body.escalates_to].id if body.escalates_to else None
        row.memberships.clear()
        session.flush()
        for member in body.members:
            row.memberships.append(
                Membership(
                    person_id=people[member.person].id,
                    role=member.role.value,
                    represents_trust_id=trusts[member.represents].id if member.represents else None,
                    final_authority=member.final_authority,
                )
            )
    session.flush()
    return existing


def _sync_domains(session: Session, model_id: int, model: GovernanceModel, bodies: dict[str, Body]) -> None:
    existing = {d.key: d for d in session.scalars(select(Domain).where(Domain.model_id == model_id))}
    for domain in model.domains:
        row = existing.get(domain.key) or Domain(model_id=model_id, key=domain.key)
        row.name, row.name_en = domain.name, domain.name_en
        row.description, row.description_en = domain.description, domain.description_en
        row.board_id, row.active = bodies[domain.board].id, True
        existing[domain.key] = row
        session.add(row)
    _deactivate_missing(existing, {d.key for d in model.domains})
    session.flush()


def _deactivate_missing(rows: dict[str, object], keep: set[str]) -> None:
    for key, row in rows.items():
        if key not in keep:
            row.active = False  # type: ignore[attr-defined]
