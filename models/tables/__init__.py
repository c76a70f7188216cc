"""SQLAlchemy tables. Importing this package registers every table on `Base.metadata`."""

from models.tables.assignments import AssignmentStatus
from models.tables.audit import AuditEntry
from models.tables.base import Base
from models.tables.catalogue import CatalogueChange, System, SystemAlias, SystemDomain
from models.tables.channels import ConversationReferenceRow, PersonIdentity, ProcessedEvent
from models.tables.decisions import Decision
from models.tables.documents import DocumentPassage, GovernanceDocumentRow
from models.tables.follow_ups import FollowUp
from models.tables.frame_totals import FrameTotal
from models.tables.frames import Frame, FrameChange, PriorityEntry
from models.tables.governance import Body, Domain, GovernanceModelRow, HealthTrustRow, Membership, PersonRow
from models.tables.inbox import InboxNotice
from models.tables.initiatives import (
    Initiative,
    InitiativeDialog,
    InitiativeDomain,
    InitiativeSequence,
    InitiativeSystem,
    InitiativeTrust,
)
from models.tables.meetings import AgendaItem, Meeting
from models.tables.minutes import Minutes, MinutesComment
from models.tables.reminders import Reminder
from models.tables.web_sessions import WebSession

__all__ = [
    "AgendaItem",
    "AssignmentStatus",
    "AuditEntry",
    "Base",
    "Body",
    "CatalogueChange",
    "ConversationReferenceRow",
    "Decision",
    "DocumentPassage",
    "Domain",
    "FollowUp",
    "Frame",
    "FrameChange",
    "FrameTotal",
    "GovernanceDocumentRow",
    "GovernanceModelRow",
    "HealthTrustRow",
    "InboxNotice",
    "Initiative",
    "InitiativeDialog",
    "InitiativeDomain",
    "InitiativeSequence",
    "InitiativeSystem",
    "InitiativeTrust",
    "Meeting",
    "Membership",
    "Minutes",
    "MinutesComment",
    "PersonIdentity",
    "PersonRow",
    "PriorityEntry",
    "ProcessedEvent",
    "Reminder",
    "System",
    "SystemAlias",
    "SystemDomain",
    "WebSession",
]
