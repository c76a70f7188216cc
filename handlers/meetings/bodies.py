"""Finding the body someone means: by key, by name, or by the domain its board governs.

The secretariat types "Pasientbehandling" or "porteføljestyret", not `omradestyre-pasientbehandling`;
a domain name points to its board, and a near miss is accepted only when it is close and unambiguous.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.catalogue.names import normalise_name
from models.tables import Body, Domain

FUZZY_ACCEPT = 85.0


def body_labels(session: Session, model_id: int) -> dict[str, Body]:
    """Every name that designates a body, normalised, mapped to the body."""
    labels: dict[str, Body] = {}
    bodies = session.scalars(select(Body).where(Body.model_id == model_id, Body.active)).all()
    for body in bodies:
        for label in (body.key, body.name, body.name_en):
            if label:
                labels.setdefault(normalise_name(label), body)
    by_id = {b.id: b for b in bodies}
    for domain in session.scalars(select(Domain).where(Domain.model_id == model_id, Domain.active)):
        board = by_id.get(domain.board_id)
        if board is not None:
            for label in (domain.key, domain.name, domain.name_en):
                labels.setdefault(normalise_name(label), board)
    return labels


def find_body(session: Session, model_id: int, asked: str) -> Body | None:
    labels = body_labels(session, model_id)
    wanted = normalise_name(asked)
    if not wanted:
        return None
    if wanted in labels:
        return labels[wanted]
    from rapidfuzz import fuzz, process  # only when no name matched exactly (see handlers/lookup/names.py)

    hits = process.extract(wanted, list(labels), scorer=fuzz.WRatio, limit=5, score_cutoff=FUZZY_ACCEPT)
    if not hits:
        return None
    best = labels[hits[0][0]]
    rivals = [score for label, score, _ in hits if labels[label].id != best.id]
    if not rivals or hits[0][1] - max(rivals) >= 5:
        return best
    return None
