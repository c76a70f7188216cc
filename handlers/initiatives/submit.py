"""Storing a validated intake: number it, record its domains, flag escalation, audit, notify.

Everything is written in one transaction with its audit row. The submission id is unique, so a form
sent twice (a double click, a platform retry, even two racing requests) yields one initiative and the
second caller gets the first one's receipt. The secretariat is notified only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from handlers.context import HandlerContext
from handlers.identity import Actor
from handlers.initiatives.delegation import escalation_reasons
from handlers.initiatives.form import InitiativeForm
from handlers.initiatives.receipt import queue_secretariat_notices
from handlers.initiatives.states import INITIAL_STATE
from handlers.lookup.catalogue import catalogue_view
from handlers.messages import Language
from models.audit import record
from models.repositories.initiatives import by_submission, domain_ids, next_reference
from models.tables import Initiative, InitiativeDomain, InitiativeSystem, InitiativeTrust


@dataclass(frozen=True)
class Submitted:
    reference: str
    domain_key: str
    domain_keys: tuple[str, ...]
    escalation: tuple[str, ...]
    duplicate: bool
    out_of_scope_key: str | None = None
    """A kind the regional portfolio does not own (seed 002 §3): the receipt says where it belongs."""


@dataclass(frozen=True)
class Routing:
    """Where the submitter (or the top suggestion) sent it, and whether it looked out of scope."""

    domain_key: str
    out_of_scope_key: str | None = None


def submit_initiative(
    ctx: HandlerContext,
    form: InitiativeForm,
    routing: Routing,
    *,
    actor: Actor,
    submission_id: str,
    language: Language,
) -> Submitted:
    try:
        return _store(ctx, form, routing, actor=actor, submission_id=submission_id, language=language)
    except IntegrityError:
        with ctx.store.read() as session:
            existing = by_submission(session, submission_id)
            if existing is None:
                raise
            return _as_submitted(session, ctx, existing)


def _store(
    ctx: HandlerContext,
    form: InitiativeForm,
    routing: Routing,
    *,
    actor: Actor,
    submission_id: str,
    language: Language,
) -> Submitted:
    model = ctx.model
    with ctx.store.session() as session:
        existing = by_submission(session, submission_id)
        if existing is not None:
            return _as_submitted(session, ctx, existing)
        ids = domain_ids(session, ctx.store.model_id)
        view = catalogue_view(ctx, session)
        systems = {entry.name: entry for entry in view.entries}
        domains = [routing.domain_key]
        for name in form.systems:
            entry = systems.get(name)
            if entry is not None and entry.domain_key not in domains:
                domains.append(entry.domain_key)
        investment = form.investment
        reasons = escalation_reasons(model, investment.high if investment else None, "nb")
        now = ctx.clock()
        sequence, reference = next_reference(session, now.year)
        initiative = Initiative(
            model_id=ctx.store.model_id,
            reference=reference,
            year=now.year,
            sequence=sequence,
            title=form.title,
            need=form.need,
            change=form.change,
            benefit=form.benefit,
            contact=form.contact,
            investment_min_mnok=investment.low if investment else None,
            investment_max_mnok=investment.high if investment else None,
            operating_min_mnok=form.operating_cost.low if form.operating_cost else None,
            operating_max_mnok=form.operating_cost.high if form.operating_cost else None,
            state=INITIAL_STATE,
            domain_id=ids[routing.domain_key],
            coordinating_domain_id=ids[routing.domain_key] if len(domains) > 1 else None,
            out_of_scope_key=routing.out_of_scope_key,
            submitter_platform=actor.sender.platform,
            submitter_user_id=actor.sender.user_id,
            submitter_person_key=actor.person_key,
            language=language,
            submission_id=submission_id,
            escalate=bool(reasons),
            escalation_reason="; ".join(reasons) or None,
            created_at=now,
            updated_at=now,
        )
        initiative.domains = [InitiativeDomain(domain_id=ids[key]) for key in domains]
        initiative.systems = [
            InitiativeSystem(system_id=systems[name].id if name in systems else None, name=name)
            for name in form.systems
        ]
        initiative.trusts = [InitiativeTrust(trust_key=key) for key in form.trusts]
        session.add(initiative)
        session.flush()
        record(
            session,
            actor=actor.audit_name,
            action="initiative.submitted",
            entity_type="initiative",
            entity_ref=reference,
            model_key=model.key,
            after={"state": INITIAL_STATE, "domain": routing.domain_key, "domains": domains},
            request_id=submission_id[:120],
        )
        queue_secretariat_notices(ctx, session, reference, routing.domain_key, form.title, tuple(domains))
        shown = escalation_reasons(model, investment.high if investment else None, language)
        return Submitted(
            reference,
            routing.domain_key,
            tuple(domains),
            tuple(shown),
            duplicate=False,
            out_of_scope_key=routing.out_of_scope_key,
        )


def _as_submitted(session: Session, ctx: HandlerContext, row: Initiative) -> Submitted:
    """The receipt data of an initiative stored earlier under the same submission id."""
    keys = {v: k for k, v in domain_ids(session, ctx.store.model_id).items()}
    domains = tuple(keys[d.domain_id] for d in row.domains)
    reasons = tuple((row.escalation_reason or "").split("; ")) if row.escalate else ()
    return Submitted(
        row.reference,
        keys[row.domain_id],
        domains,
        reasons,
        duplicate=True,
        out_of_scope_key=row.out_of_scope_key,
    )
