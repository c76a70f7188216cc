"""The register's filters as the CLI names them (`--body`, `--domain`, `--system`, `--since`, `--until`,
`--search`), resolved against the model and the catalogue into one `RegisterQuery`; a name that is not
there is refused with a sentence, never searched as nothing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from handlers.decisions.register import RegisterQuery, SystemFilter
from handlers.meetings.access import MeetingError, resolve_body
from models.catalogue.names import normalise_name
from models.governance.schema import GovernanceModel
from models.tables import System, SystemAlias


def register_filters(
    session: Session,
    model: GovernanceModel,
    model_id: int,
    *,
    body: str | None = None,
    domain: str | None = None,
    system: str | None = None,
    since: date | None = None,
    until: date | None = None,
    search: str | None = None,
    initiative: str | None = None,
    meeting: int | None = None,
    include_superseded: bool = False,
) -> RegisterQuery:
    found_domain = _domain(model, domain) if domain else None
    return RegisterQuery(
        body_key=resolve_body(session, model_id, body).key if body else None,
        domain_key=found_domain.key if found_domain else None,
        domain_board=found_domain.board if found_domain else None,
        meeting_id=meeting,
        initiative_ref=initiative,
        since=since,
        until=until,
        words=tuple((search or "").split()),
        system=_system(session, model_id, system) if system else None,
        include_superseded=include_superseded,
    )


def _domain(model: GovernanceModel, asked: str):  # type: ignore[no-untyped-def]
    wanted = normalise_name(asked)
    for domain in model.domains:
        if wanted in {
            normalise_name(n) for n in (domain.name, domain.name_en, domain.key, *domain.aliases) if n
        }:
            return domain
    raise MeetingError("decisions.no_domain", name=asked[:80])


def _system(session: Session, model_id: int, asked: str) -> SystemFilter:
    wanted = normalise_name(asked)
    row = session.execute(
        select(System.id, System.name)
        .outerjoin(SystemAlias, SystemAlias.system_id == System.id)
        .where(System.model_id == model_id)
        .where(or_(System.name == asked, SystemAlias.normalized == wanted, System.key == wanted))
        .limit(1)
    ).first()
    if row is None:
        matches = [
            (i, n)
            for i, n in session.execute(select(System.id, System.name).where(System.model_id == model_id))
            if normalise_name(n) == wanted
        ]
        if not matches:
            raise MeetingError("decisions.no_system", name=asked[:80])
        row = matches[0]
    return SystemFilter(row[0], row[1], asked)
