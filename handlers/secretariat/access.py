"""Who may act on an initiative from a button, decided again on every click and every submission.

Button values, modal metadata and card data come back from the client and can be forged, so nothing in
them is trusted: the initiative is looked up by reference and the clicking person's roles on its
domain's board are read from the store each time, through the initiatives feature's permission table.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from handlers.answers.ownership import domain_label
from handlers.context import HandlerContext
from handlers.identity import resolve_actor
from handlers.initiatives.permissions import MOVE, allowed, board_roles
from handlers.messages import Language, Sender
from handlers.replies import Paragraph, Reply
from handlers.texts import t
from models.repositories.initiatives import by_reference, domain_keys
from models.tables import Initiative


@dataclass(frozen=True)
class Granted:
    reference: str
    title: str
    domain_key: str
    audit_name: str


def check_access(
    ctx: HandlerContext, session: Session, reference: str, sender: Sender, language: Language
) -> Granted | Reply:
    """The initiative and the right to move it, or a polite refusal (nothing is changed either way)."""
    reference = reference.strip().upper()[:40]
    row = by_reference(session, ctx.store.model_id, reference) if reference else None
    if row is None:
        return refusal(language, "initiative.not_found", reference=reference or "–")
    domain = ctx.model.domain(domain_keys(session, ctx.store.model_id)[row.domain_id])
    actor = resolve_actor(session, ctx.store.model_id, sender)
    if not allowed(board_roles(session, ctx.store.model_id, domain.board, actor), MOVE):
        return refusal(
            language, "initiative.move.denied", domain=domain_label(domain, language), reference=reference
        )
    return Granted(row.reference, row.title, domain.key, actor.audit_name)


def refusal(language: Language, key: str, **values: object) -> Reply:
    return Reply(language, (Paragraph(t(language, key, **values)),), intent="secretariat.refused")


def submitter_of(row: Initiative) -> tuple[str, Language]:
    """Whom to tell, the way the initiatives feature addresses submitters, and in their language."""
    key = row.submitter_person_key or f"{row.submitter_platform}:{row.submitter_user_id}"
    return key, "en" if row.language == "en" else "nb"
