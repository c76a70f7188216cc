"""Reading the system catalogue in the shape the name matcher needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import bindparam, select, true
from sqlalchemy.orm import Session, aliased

from models.repositories.turns import known_catalogue_version
from models.tables import CatalogueChange, Domain, GovernanceModelRow, System, SystemAlias, SystemDomain


@dataclass(frozen=True)
class SystemEntry:
    id: int
    key: str
    name: str
    description: str
    is_demo: bool
    domain_key: str
    coordinating_domain_key: str | None
    cross_domain_keys: tuple[str, ...]
    aliases: tuple[str, ...]


_VERSION = select(GovernanceModelRow.catalogue_version).where(GovernanceModelRow.id == bindparam("model_id"))
"""Built once: every message checks the version, and building the statement cost more than running it."""


def catalogue_version(session: Session, model_id: int) -> int:
    """The catalogue's version: read at the chat turn's start when there is one (`start_turn`)."""
    known = known_catalogue_version(model_id)
    if known is not None and not (session.dirty or session.new):
        return known
    # Core, not the ORM: the ORM's per-statement bookkeeping cost more than the query. Core does not
    # autoflush, so a version bumped earlier in this session (an import) is flushed first, as before.
    if session.autoflush and (session.dirty or session.new):
        session.flush()
    return session.connection().execute(_VERSION, {"model_id": model_id}).scalar() or 0


def changed_systems(session: Session, model_id: int, since: int, until: int) -> set[int] | None:
    """Ids of the systems the versions after `since` up to `until` added, changed or removed; None when
    one of those versions was not logged (written before the log, or straight into the tables), so the
    caller must rebuild from the whole catalogue."""
    rows = session.execute(
        select(CatalogueChange.version, CatalogueChange.system_id).where(
            CatalogueChange.model_id == model_id,
            CatalogueChange.version > since,
            CatalogueChange.version <= until,
        )
    ).all()
    if {version for version, _ in rows} != set(range(since + 1, until + 1)):
        return None
    return {system_id for _, system_id in rows if system_id is not None}


def system_entries(session: Session, model_id: int, ids: Collection[int] | None = None) -> list[SystemEntry]:
    """The catalogue (or the systems with these ids that still exist), by name. An index that applied a
    delta has the systems added since its build last instead: only ties between equally close fuzzy
    matches can come out in another order than after a full build."""
    owning = aliased(Domain)
    coordinating = aliased(Domain)
    only = System.id.in_(ids) if ids is not None else true()
    rows = session.execute(
        select(
            System.id,
            System.key,
            System.name,
            System.description,
            System.is_demo,
            owning.key,
            coordinating.key,
        )
        .join(owning, System.owning_domain_id == owning.id)
        .outerjoin(coordinating, System.coordinating_domain_id == coordinating.id)
        .where(System.model_id == model_id, only)
        .order_by(System.name)
    ).all()
    aliases: dict[int, list[str]] = defaultdict(list)
    for system_id, alias in session.execute(
        select(SystemAlias.system_id, SystemAlias.alias).where(
            SystemAlias.model_id == model_id, SystemAlias.system_id.in_(ids) if ids is not None else true()
        )
    ):
        aliases[system_id].append(alias)
    cross: dict[int, list[str]] = defaultdict(list)
    for system_id, domain_key in session.execute(
        select(SystemDomain.system_id, Domain.key)
        .join(Domain, SystemDomain.domain_id == Domain.id)
        .join(System, SystemDomain.system_id == System.id)
        .where(System.model_id == model_id, only)
    ):
        cross[system_id].append(domain_key)
    return [
        SystemEntry(
            id=r[0],
            key=r[1],
            name=r[2],
            description=r[3],
            is_demo=r[4],
            domain_key=r[5],
            coordinating_domain_key=r[6],
            cross_domain_keys=tuple(sorted(cross[r[0]])),
            aliases=tuple(aliases[r[0]]),
        )
        for r in rows
    ]
