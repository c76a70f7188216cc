"""The process-wide view of the catalogue and the domains, brought up to date when the catalogue changes.

Every question checks the catalogue version (one indexed query) so an import in another process or
replica is seen at once. A newer version is applied as a delta: the systems its log names
(`catalogue_changes`, written by the importer in the import's transaction) are read again and their
names swapped in the index, a few ms at 100,000 systems instead of a rebuild of seconds. The index is
built in full only in a fresh process, after unlogged versions, or when the delta is a large share of
the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.lookup.names import NameIndex
from models.governance.schema import Domain
from models.repositories.catalogue import SystemEntry, catalogue_version, changed_systems, system_entries

_CACHE_KEY = "catalogue-view"
REBUILD_SHARE = 0.2
REBUILD_MIN = 100
"""A delta naming more than this share of the catalogue, and more than `REBUILD_MIN` systems, is cheaper
to rebuild than to apply (a small one is applied whatever the catalogue's size: the same path always)."""


@dataclass(frozen=True)
class CatalogueView:
    version: int
    systems: NameIndex[SystemEntry]
    domains: NameIndex[Domain]
    entries: tuple[SystemEntry, ...]
    by_id: dict[int, SystemEntry] = field(default_factory=dict, compare=False)
    """The entries by system id, in the same order: what a delta replaces (never changed in place)."""


def _labels(entries: list[SystemEntry] | tuple[SystemEntry, ...]) -> list[tuple[str, SystemEntry]]:
    return [(label, entry) for entry in entries for label in (entry.name, *entry.aliases)]


def catalogue_view(ctx: HandlerContext, session: Session) -> CatalogueView:
    version = catalogue_version(session, ctx.store.model_id)
    cached = ctx.caches.get(_CACHE_KEY)
    if isinstance(cached, CatalogueView) and cached.version == version:
        return cached
    view = None
    if isinstance(cached, CatalogueView) and cached.version < version:
        view = _applied(ctx, session, cached, version)
    if view is None:
        view = build_view(ctx, session, version)
    ctx.caches[_CACHE_KEY] = view
    return view


def build_view(ctx: HandlerContext, session: Session, version: int) -> CatalogueView:
    """The view from the whole catalogue (a fresh process, or a delta that cannot or should not apply)."""
    entries = system_entries(session, ctx.store.model_id)
    domain_labels = [
        (label, domain)
        for domain in ctx.model.domains
        for label in (domain.name, domain.name_en, domain.key, *domain.aliases)
    ]
    by_id = {entry.id: entry for entry in entries}
    return CatalogueView(
        version, NameIndex(_labels(entries)), NameIndex(domain_labels), tuple(entries), by_id
    )


def _applied(
    ctx: HandlerContext, session: Session, view: CatalogueView, version: int
) -> CatalogueView | None:
    """`view` brought to `version` from the change log, or None when a full build is due."""
    changed = changed_systems(session, ctx.store.model_id, view.version, version)
    if changed is None or len(changed) > max(REBUILD_MIN, len(view.entries) * REBUILD_SHARE):
        return None
    fresh = (
        {entry.id: entry for entry in system_entries(session, ctx.store.model_id, changed)} if changed else {}
    )
    leaving = [entry for entry in view.entries if entry.id in changed]
    known = {entry.id for entry in leaving}
    kept = [
        fresh.get(entry.id, entry) for entry in view.entries if entry.id not in changed or entry.id in fresh
    ]
    entries = (*kept, *(entry for entry_id, entry in sorted(fresh.items()) if entry_id not in known))
    systems = view.systems.updated(_labels(leaving), _labels([fresh[i] for i in sorted(fresh)]))
    return CatalogueView(version, systems, view.domains, entries)
