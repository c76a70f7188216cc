"""The process-wide view of the catalogue and the domains, rebuilt only when the catalogue changes.

Every question checks the catalogue version (one indexed query) so an import in another process or
replica is seen at once, while the index itself is built once per version.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.lookup.names import NameIndex
from models.governance.schema import Domain
from models.repositories.catalogue import SystemEntry, catalogue_version, system_entries

_CACHE_KEY = "catalogue-view"


@dataclass(frozen=True)
class CatalogueView:
    version: int
    systems: NameIndex[SystemEntry]
    domains: NameIndex[Domain]
    entries: tuple[SystemEntry, ...]


def catalogue_view(ctx: HandlerContext, session: Session) -> CatalogueView:
    version = catalogue_version(session, ctx.store.model_id)
    cached = ctx.caches.get(_CACHE_KEY)
    if isinstance(cached, CatalogueView) and cached.version == version:
        return cached
    entries = system_entries(session, ctx.store.model_id)
    system_labels = [(label, entry) for entry in entries for label in (entry.name, *entry.aliases)]
    domain_labels = [
        (label, domain)
        for domain in ctx.model.domains
        for label in (domain.name, domain.name_en, domain.key, *domain.aliases)
    ]
    view = CatalogueView(version, NameIndex(system_labels), NameIndex(domain_labels), tuple(entries))
    ctx.caches[_CACHE_KEY] = view
    return view
