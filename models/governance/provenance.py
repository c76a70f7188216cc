"""Where each rule, body, role and deadline in a model comes from: a source, or a stated assumption.

The seeds are the authority; a preset also needs values they do not give (a lead time, a chair, a
date). Such a value is kept, but marked `assumption: <why>`, so an answer that applies it says so and a
placeholder is never presented as the region's rule. `unsourced` lists every value that carries
neither, and the preset tests require it to be empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.governance.schema import Body, BodyKind, GovernanceModel, Membership


@dataclass(frozen=True)
class Provenance:
    source: str | None
    assumption: str | None

    @property
    def known(self) -> bool:
        return bool(self.source or self.assumption)


@dataclass(frozen=True)
class Escalation:
    """What a domain board takes further, to which body, and on what authority."""

    to: str
    text: str | None
    text_en: str | None
    provenance: Provenance


def role_provenance(body: Body, member: Membership) -> Provenance:
    """The member's own source or assumption, else the body's for its whole composition."""
    if member.source or member.assumption:
        return Provenance(member.source, member.assumption)
    return Provenance(body.members_source, body.members_assumption)


def board_escalation(model: GovernanceModel, body: Body) -> Escalation | None:
    """The board's own escalation rule, else the model's rule for boards escalating to its escalation
    body; None when the board escalates nowhere."""
    if not body.escalates_to:
        return None
    if body.escalation or body.escalation_source or body.escalation_assumption:
        return Escalation(
            body.escalates_to,
            body.escalation,
            body.escalation_en,
            Provenance(body.escalation_source, body.escalation_assumption),
        )
    rules = model.rules
    if body.escalates_to == rules.escalation_body:
        return Escalation(
            body.escalates_to,
            rules.escalation_rule,
            rules.escalation_rule_en,
            Provenance(rules.escalation_source, rules.escalation_assumption),
        )
    return Escalation(body.escalates_to, None, None, Provenance(None, None))


def unsourced(model: GovernanceModel) -> list[str]:
    """Every value the model applies as a rule without a source or an assumption, by its path."""
    rules = model.rules
    missing: list[str] = []

    def need(path: str, source: str | None, assumption: str | None) -> None:
        if not (source or assumption):
            missing.append(path)

    need("rules.paper_lead_days", rules.paper_lead_source, rules.paper_lead_assumption)
    if rules.minutes_approved_at_next_meeting:
        need("rules.minutes_approved_at_next_meeting", rules.minutes_source, rules.minutes_assumption)
    need("rules.delegation_limit_mnok", rules.delegation_source, rules.delegation_assumption)
    if rules.delegation_above:
        need("rules.delegation_above", rules.delegation_source, rules.delegation_assumption)
    if rules.frames:
        need("rules.frames", rules.frames_source, None)
    if rules.cross_domain:
        need("rules.cross_domain", rules.cross_domain_source, None)
    if rules.yearly_evaluation:
        need("rules.yearly_evaluation", rules.yearly_evaluation_source, None)
        if rules.evaluation_due:
            need("rules.yearly_evaluation_due", None, rules.yearly_evaluation_due_assumption)
    if rules.traffic_light_assessment_due:
        need("rules.traffic_light_assessment_due", rules.traffic_light_source, None)
    if any(b.kind == BodyKind.WORKING_COMMITTEE for b in model.bodies):
        need(
            "rules.working_committee_lead_days",
            rules.working_committee_lead_source,
            rules.working_committee_lead_assumption,
        )
    for point in rules.decision_points:
        need(f"rules.decision_points.{point.key}", point.source, point.assumption)
    if model.frames is not None:
        frames = model.frames
        if frames.recorder_roles:
            need("frames.recorder_roles", None, frames.recorder_assumption)
        need("frames.near_limit_percent", None, frames.near_limit_assumption)
    for term in model.glossary:
        need(f"glossary.{term.key}", term.source, term.assumption)
    for body in model.bodies:
        for member in body.members:
            if not role_provenance(body, member).known:
                missing.append(f"bodies.{body.key}.members.{member.person}.{member.role.value}")
        escalation = board_escalation(model, body)
        if escalation is not None and not escalation.provenance.known:
            missing.append(f"bodies.{body.key}.escalation")
    return missing
