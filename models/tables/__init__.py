"""SQLAlchemy tables. Importing this package registers every table on `Base.metadata`."""

from models.tables.audit import AuditEntry
from models.tables.base import Base
from models.tables.catalogue import System, SystemAlias, SystemDomain
from models.tables.governance import Body, Domain, GovernanceModelRow, HealthTrustRow, Membership, PersonRow

__all__ = [
    "AuditEntry",
    "Base",
    "Body",
    "Domain",
    "GovernanceModelRow",
    "HealthTrustRow",
    "Membership",
    "PersonRow",
    "System",
    "SystemAlias",
    "SystemDomain",
]
