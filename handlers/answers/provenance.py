"""Saying where a rule or a role comes from: the source it cites, or «Antatt: …» when it is assumed.

Every answer that applies a value from the model goes through here, so a value the seeds do not give
(Helse Nord's 50 MNOK, HSØ's 21 days to the working committee, a chair the documents do not name) is
flagged in one short clause wherever it is used, and a placeholder or an assumed role is never called
real.
"""

from __future__ import annotations

from collections.abc import Iterable

from handlers.messages import Language
from handlers.replies import Block, Paragraph, Reply
from handlers.texts import t
from models.governance.provenance import Provenance, role_provenance
from models.governance.schema import GovernanceModel, said
from models.repositories.governance import RosterEntry


def sourced(language: Language, source: str | None, assumption: str | None = None) -> list[Block]:
    """The source clause (or that there is none), and the assumption clause when the value is assumed,
    each in the reply's language where the model gives an English twin (`Said`)."""
    source, assumption = said(source, language), said(assumption, language)
    blocks: list[Block] = []
    if source:
        blocks.append(Paragraph(t(language, "model.source", source=source)))
    elif not assumption:
        blocks.append(Paragraph(t(language, "model.no_source")))
    if assumption:
        blocks.append(Paragraph(t(language, "model.assumed", assumption=assumption)))
    return blocks


def cite(language: Language, source: str | None, assumption: str | None = None) -> str:
    """A short inline citation for a sentence's parenthesis: the source, or «antatt: …»."""
    source, assumption = said(source, language), said(assumption, language)
    if assumption:
        return t(language, "model.cite.assumed", assumption=assumption)
    return source or t(language, "model.cite.none")


def roster_notes(
    model: GovernanceModel, body_key: str, entries: Iterable[RosterEntry], language: Language
) -> list[Block]:
    """What to say under a roster: that the names are placeholders, and which shown roles are assumed.

    Roles taken from a seed are said to follow it; an assumed role gets its «Antatt: …» clause, so a
    roster never claims that an invented role is real."""
    shown = list(entries)
    body = next((b for b in model.bodies if b.key == body_key), None)
    provenances: list[Provenance] = []
    if body is not None:
        wanted = {(e.person_key, e.role) for e in shown}
        provenances = [role_provenance(body, m) for m in body.members if (m.person, m.role.value) in wanted]
    assumptions = list(dict.fromkeys(said(p.assumption, language) for p in provenances if p.assumption))
    sources = list(
        dict.fromkeys(said(p.source, language) for p in provenances if p.source and not p.assumption)
    )
    blocks: list[Block] = []
    if any(e.is_placeholder for e in shown):
        if sources and not assumptions:
            text = t(language, "people.placeholder_sourced", source="; ".join(sources))
        else:
            text = t(language, "people.placeholder_note")
        blocks.append(Paragraph(text))
    blocks.extend(Paragraph(t(language, "model.assumed", assumption=a)) for a in assumptions)
    return blocks


def with_deadline_notes(model: GovernanceModel, reply: Reply) -> Reply:
    """The reply, with the «Antatt: …» clause of each lead time the model assumes and the reply applies:
    a meeting answer that shows a working-committee deadline (HSØ's 21 days, which seed 002 §5 does not
    give) or a paper deadline computed from an assumed lead time (Helse Nord's 10 days)."""
    language, rules, text = reply.language, model.rules, reply.text
    notes: list[Block] = []
    if rules.working_committee_lead_assumption and t(language, "meetings.label.committee_due") in text:
        label = t(language, "meetings.label.committee_due")
        notes.append(
            Paragraph(
                t(
                    language,
                    "model.assumed_for",
                    what=label,
                    assumption=said(rules.working_committee_lead_assumption, language),
                )
            )
        )
    item = t(language, "meetings.on_date.item", body="", when="", due="").strip()
    if rules.paper_lead_assumption and (t(language, "meetings.label.papers_due") in text or item in text):
        label = t(language, "meetings.label.papers_due")
        notes.append(
            Paragraph(
                t(
                    language,
                    "model.assumed_for",
                    what=label,
                    assumption=said(rules.paper_lead_assumption, language),
                )
            )
        )
    if not notes:
        return reply
    return Reply(language, (*reply.blocks, *notes), intent=reply.intent)
