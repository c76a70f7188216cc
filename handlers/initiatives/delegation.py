"""Which initiatives must go to the portfolio board, and by which rule.

Two rules from the model file: an estimated investment above the domain owner's delegation limit
(`rules.delegation_limit_mnok`, `rules.delegation_source`), and an initiative spanning several domains
(`rules.escalation_source`). The upper end of a range counts: a 40–60 MNOK estimate may exceed the limit.
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.replies import Paragraph
from handlers.texts import t
from models.governance.schema import GovernanceModel


def escalation_reasons(
    model: GovernanceModel,
    investment_max: float | None,
    domain_names: list[str],
    language: Language,
) -> list[str]:
    rules = model.rules
    reasons: list[str] = []
    if investment_max is not None and investment_max > rules.delegation_limit_mnok:
        reasons.append(
            t(
                language,
                "initiative.escalation.limit",
                amount=f"{investment_max:g}".replace(".", "," if language == "nb" else "."),
                limit=f"{rules.delegation_limit_mnok:g}",
                source=rules.delegation_source,
            )
        )
    if len(domain_names) > 1:
        reasons.append(
            t(
                language,
                "initiative.escalation.cross",
                domains=", ".join(domain_names),
                source=rules.escalation_source,
            )
        )
    return reasons


def rule_paragraphs(model: GovernanceModel, language: Language) -> list[Paragraph]:
    rules = model.rules
    body = model.body(rules.escalation_body)
    body_name = (body.name_en or body.name) if language == "en" else body.name
    return [
        Paragraph(
            t(
                language,
                "initiative.escalate.rule_limit",
                limit=f"{rules.delegation_limit_mnok:g}",
                body=body_name,
                source=rules.delegation_source,
            )
        ),
        Paragraph(
            t(language, "initiative.escalate.rule_cross", body=body_name, source=rules.escalation_source)
        ),
    ]
