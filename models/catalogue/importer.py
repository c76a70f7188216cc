"""Importing a catalogue file: every row validated first, then all written in one transaction.

A file with any bad row imports nothing unless the caller asks to skip bad rows, because a half-imported
catalogue answers "who owns X" wrongly without anyone noticing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit
from models.catalogue.files import RawRow, read_rows
from models.catalogue.names import normalise_name, slugify
from models.catalogue.reasons import Language, Reason
from models.repositories.turns import forget_catalogue_version
from models.tables import CatalogueChange, Domain, GovernanceModelRow, System, SystemAlias, SystemDomain

MAX_NAME = 200
MAX_DESCRIPTION = 1000
MAX_ALIASES = 20


@dataclass(frozen=True)
class RowError:
    row: int
    reasons: tuple[Reason, ...]

    def text(self, language: Language = "en") -> str:
        """The reasons in the reader's language, as one line."""
        return "; ".join(reason.text(language) for reason in self.reasons)

    @property
    def reason(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class ValidRow:
    row: int
    key: str
    name: str
    aliases: tuple[str, ...]
    domain_id: int
    cross_domain_ids: tuple[int, ...]
    coordinating_domain_id: int | None
    description: str


@dataclass
class ImportReport:
    file: str
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


class _DomainLookup:
    """Rows may name a domain by key or by name, as people write spreadsheets."""

    def __init__(self, domains: list[Domain]) -> None:
        self._by: dict[str, Domain] = {}
        for d in domains:
            for label in (d.key, d.name, d.name_en):
                self._by[normalise_name(label)] = d

    def find(self, label: str) -> Domain | None:
        return self._by.get(normalise_name(label))


def validate_rows(
    session: Session, model_row: GovernanceModelRow, rows: list[RawRow]
) -> tuple[list[ValidRow], list[RowError]]:
    domains = list(session.scalars(select(Domain).where(Domain.model_id == model_row.id, Domain.active)))
    lookup = _DomainLookup(domains)
    known = {
        "known_nb": ", ".join(sorted(d.name for d in domains)),
        "known_en": ", ".join(sorted(d.name_en or d.name for d in domains)),
    }
    valid: list[ValidRow] = []
    errors: list[RowError] = []
    names_in_file: dict[str, int] = {}
    keys_in_file: dict[str, int] = {}
    for raw in rows:
        v = raw.values
        reasons: list[Reason] = []
        name = v.get("name", "")
        if not name:
            reasons.append(Reason("name_empty"))
        elif len(name) > MAX_NAME:
            reasons.append(Reason("name_long", {"limit": MAX_NAME}))
        description = v.get("description", "")
        if not description:
            reasons.append(Reason("description_empty"))
        elif len(description) > MAX_DESCRIPTION:
            reasons.append(Reason("description_long", {"limit": MAX_DESCRIPTION}))
        domain = lookup.find(v.get("domain", "")) if v.get("domain") else None
        if not v.get("domain"):
            reasons.append(Reason("domain_empty"))
        elif domain is None:
            reasons.append(Reason("unknown_domain", {"value": v["domain"], **known}))
        cross: list[Domain] = []
        for label in _split(v.get("cross_domains", "")):
            found = lookup.find(label)
            if found is None:
                reasons.append(Reason("unknown_cross_domain", {"value": label, **known}))
            elif found not in cross and found is not domain:
                cross.append(found)
        coordinating: Domain | None = None
        if v.get("coordinating_domain"):
            coordinating = lookup.find(v["coordinating_domain"])
            if coordinating is None:
                reasons.append(Reason("unknown_coordinating", {"value": v["coordinating_domain"]}))
            elif coordinating is not domain and coordinating not in cross:
                reasons.append(Reason("coordinating_not_listed"))
        aliases = _split(v.get("aliases", ""))
        if len(aliases) > MAX_ALIASES:
            reasons.append(Reason("too_many_aliases", {"limit": MAX_ALIASES}))
        for alias in aliases:
            if len(alias) > MAX_NAME:
                reasons.append(Reason("alias_long", {"alias": alias[:30], "limit": MAX_NAME}))
        if name:
            key = slugify(name)
            labels = {normalise_name(name), *(normalise_name(a) for a in aliases)}
            for label in labels:
                if label in names_in_file:
                    reasons.append(Reason("name_used_in_row", {"label": label, "row": names_in_file[label]}))
            if key in keys_in_file:
                reasons.append(Reason("same_system", {"row": keys_in_file[key]}))
        if reasons:
            errors.append(RowError(raw.number, tuple(reasons)))
            continue
        assert domain is not None
        keys_in_file[key] = raw.number
        for label in labels:
            names_in_file[label] = raw.number
        valid.append(
            ValidRow(
                row=raw.number,
                key=key,
                name=name,
                aliases=tuple(aliases),
                domain_id=domain.id,
                cross_domain_ids=tuple(d.id for d in cross),
                coordinating_domain_id=coordinating.id if coordinating else None,
                description=description,
            )
        )
    errors.extend(_conflicts_with_store(session, model_row.id, valid))
    bad_rows = {e.row for e in errors}
    return [r for r in valid if r.row not in bad_rows], sorted(errors, key=lambda e: e.row)


def _conflicts_with_store(session: Session, model_id: int, rows: list[ValidRow]) -> list[RowError]:
    """A name already pointing at another system in the store would make lookups ambiguous."""
    taken = {
        alias.normalized: (system_key, system_name)
        for alias, system_key, system_name in session.execute(
            select(SystemAlias, System.key, System.name)
            .join(System, SystemAlias.system_id == System.id)
            .where(SystemAlias.model_id == model_id)
        )
    }
    errors = []
    for row in rows:
        for label in {normalise_name(row.name), *(normalise_name(a) for a in row.aliases)}:
            owner = taken.get(label)
            if owner is not None and owner[0] != row.key:
                errors.append(RowError(row.row, (Reason("name_taken", {"label": label, "owner": owner[1]}),)))
    return errors


def import_catalogue(
    session: Session,
    model_row: GovernanceModelRow,
    path: Path,
    *,
    actor: str,
    skip_bad_rows: bool = False,
    is_demo: bool = False,
) -> ImportReport:
    """Validate, then write unless there are errors (or they are to be skipped). The caller commits."""
    raw_rows = read_rows(path)
    report = ImportReport(file=path.name, total_rows=len(raw_rows))
    valid, report.errors = validate_rows(session, model_row, raw_rows)
    if report.errors and not skip_bad_rows:
        return report
    report.skipped = len(report.errors)
    existing = {s.key: s for s in session.scalars(select(System).where(System.model_id == model_row.id))}
    touched: list[int] = []
    for row in valid:
        system = existing.get(row.key)
        if system is None:
            system = System(model_id=model_row.id, key=row.key, is_demo=is_demo)
            session.add(system)
            report.created += 1
        else:
            report.updated += 1
        _apply(session, model_row.id, system, row)
        touched.append(system.id)
    new_version(session, model_row, touched)
    audit.record(
        session,
        actor=actor,
        action="catalogue.imported",
        entity_type="catalogue",
        entity_ref=path.name,
        model_key=model_row.key,
        after={
            "created": report.created,
            "updated": report.updated,
            "skipped_rows": [e.row for e in report.errors],
            "demo": is_demo,
        },
    )
    report.applied = True
    return report


def new_version(session: Session, model_row: GovernanceModelRow, system_ids: list[int]) -> None:
    """Bump the catalogue version and log which systems it touched, in the caller's transaction: every
    process sees the new version on its next question and reads just these systems (`catalogue_changes`).
    The version's own row (no system) is written always, so a version without rows means "not logged"."""
    model_row.catalogue_version += 1
    forget_catalogue_version()  # a chat turn that imports reads the new version, not its start's
    version = model_row.catalogue_version
    session.add(CatalogueChange(model_id=model_row.id, version=version, system_id=None))
    session.add_all(CatalogueChange(model_id=model_row.id, version=version, system_id=i) for i in system_ids)
    session.flush()


def remove_systems(
    session: Session, model_row: GovernanceModelRow, keys: list[str], *, actor: str
) -> list[str]:
    """Remove the systems with these keys (names and aliases go with them; initiatives keep the name they
    were submitted with), audited, as one new catalogue version. Returns the names removed."""
    systems = list(
        session.scalars(select(System).where(System.model_id == model_row.id, System.key.in_(keys)))
    )
    if not systems:
        return []
    removed = [(system.id, system.name) for system in systems]
    for system in systems:
        session.delete(system)
    session.flush()
    new_version(session, model_row, [system_id for system_id, _ in removed])
    audit.record(
        session,
        actor=actor,
        action="catalogue.systems_removed",
        entity_type="catalogue",
        entity_ref=model_row.key,
        model_key=model_row.key,
        before={"systems": [name for _, name in removed]},
    )
    return [name for _, name in removed]


def _apply(session: Session, model_id: int, system: System, row: ValidRow) -> None:
    system.name = row.name
    system.description = row.description
    system.owning_domain_id = row.domain_id
    system.coordinating_domain_id = row.coordinating_domain_id
    system.aliases.clear()
    system.cross_domains.clear()
    session.flush()
    labels: dict[str, str] = {}
    for label in (row.name, *row.aliases):
        labels.setdefault(normalise_name(label), label)
    for normalized, label in labels.items():
        system.aliases.append(SystemAlias(model_id=model_id, alias=label, normalized=normalized))
    for domain_id in row.cross_domain_ids:
        system.cross_domains.append(SystemDomain(domain_id=domain_id))
    session.flush()
