"""Which initiatives are beyond the domain owner's authority, and which span several domains.

One rule flags an initiative: an estimated investment above the delegation limit
(`rules.delegation_limit_mnok`); the upper end of a range counts, so a 40–60 MNOK estimate may exceed
it. What applies above the limit is the model's own sentence (HSØ, seed 000 §2.4: the finance strategy
and the chief executive's authorisations), not "goes to the portfolio board".

An initiative touching several domains is not flagged: seed 000 §2.3 gives coordination across domains
to the domain boards and Sykehuspartner's dependency management, and leaves it to the domain board to
judge whether a case has consequences beyond its domain large enough for the portfolio board. Such an
initiative gets a note for the domain board (`cross_domain_note`), from `rules.cross_domain`.
"""

from __future__ import annotations

from handlers.answers.provenance import cite
from handlers.messages import Language
from handlers.replies import Paragraph
from handlers.texts import t
from models.governance.schema import GovernanceModel


def _amount(value: float, language: Language) -> str:
    return f"{value:g}".replace(".", "," if language == "nb" else ".")


def limit_source(model: GovernanceModel, language: Language) -> str:
    """The delegation limit's citation, or «antatt: …» where the limit is a placeholder."""
    rules = model.rules
    return cite(language, rules.delegation_source, rules.delegation_assumption)


def escalation_reasons(model: GovernanceModel, investment_max: float | None, language: Language) -> list[str]:
    """Why the initiative is beyond the domain owner's authority; empty when it is not."""
    rules = model.rules
    if investment_max is None or investment_max <= rules.delegation_limit_mnok:
        return []
    return [
        t(
            language,
            "initiative.escalation.limit",
            amount=_amount(investment_max, language),
            limit=f"{rules.delegation_limit_mnok:g}",
            source=limit_source(model, language),
        )
    ]


def cross_domain_note(model: GovernanceModel, domain_names: list[str], language: Language) -> str | None:
    """For an initiative in several domains: who coordinates it and who judges whether it goes further,
    as the model says; None for one domain, or when the model says nothing about it."""
    rules = model.rules
    if len(domain_names) < 2 or not rules.cross_domain:
        return None
    text = rules.cross_domain_en if language == "en" and rules.cross_domain_en else rules.cross_domain
    return t(
        language,
        "initiative.cross_domain",
        domains=", ".join(domain_names),
        text=text,
        source=cite(language, rules.cross_domain_source),
    )


def rule_paragraphs(model: GovernanceModel, language: Language) -> list[Paragraph]:
    """The delegation rule and what applies above it, each as the model states it."""
    rules = model.rules
    limit = f"{rules.delegation_limit_mnok:g}"
    paragraphs = [
        Paragraph(
            t(language, "initiative.escalate.rule_limit", limit=limit, source=limit_source(model, language))
        )
    ]
    if rules.delegation_above:
        above = (
            rules.delegation_above_en
            if language == "en" and rules.delegation_above_en
            else rules.delegation_above
        )
        paragraphs.append(Paragraph(t(language, "model.delegation.above", text=above)))
    else:
        paragraphs.append(Paragraph(t(language, "model.delegation.above_unknown")))
    return paragraphs


def cross_domain_rule(model: GovernanceModel, language: Language) -> Paragraph | None:
    rules = model.rules
    if not rules.cross_domain:
        return None
    text = rules.cross_domain_en if language == "en" and rules.cross_domain_en else rules.cross_domain
    return Paragraph(
        t(
            language,
            "initiative.escalate.rule_cross",
            text=text,
            source=cite(language, rules.cross_domain_source),
        )
    )
