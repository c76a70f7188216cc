"""The schema of a governance model file.

A region's governance (bodies, domains, people, rules) changes by board decision, not by release, so it
is data validated here rather than code. Field names are English; the content is in the region's
language with optional English twins (`*_en`) for replies in English.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, StringConstraints, model_validator
from pydantic_core import core_schema

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
MonthDay = Annotated[str, StringConstraints(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
"""A yearly date as "MM-DD" (e.g. "03-15" for mid-March)."""
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class Said(str):
    """A source or an assumption: the bokmål text, with an optional English twin for English replies.

    Written `assumption: tekst` or `assumption: {nb: tekst, en: text}` in a model file. The value *is* the
    bokmål string, so code reading it as text keeps working and shows bokmål; `in_language` gives the
    English twin where there is one, else the bokmål (an English reply then cites the Norwegian words,
    never nothing)."""

    en: str | None

    def __new__(cls, nb: str, en: str | None = None) -> Said:
        said = super().__new__(cls, nb)
        said.en = en
        return said

    def __reduce__(self) -> tuple[type[Said], tuple[str, str | None]]:
        return (Said, (str(self), self.en))

    def in_language(self, language: str) -> str:
        return self.en if language == "en" and self.en else str(self)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            cls._from_yaml, serialization=core_schema.plain_serializer_function_ser_schema(cls._to_yaml)
        )

    @classmethod
    def _from_yaml(cls, value: object) -> Said:
        if isinstance(value, Said):
            return value
        if isinstance(value, str):
            return cls(_said_text(value))
        if isinstance(value, dict) and "nb" in value and set(value) <= {"nb", "en"}:
            en = value.get("en")
            return cls(_said_text(value["nb"]), None if en is None else _said_text(en))
        raise ValueError("must be text, or {nb: <bokmål>, en: <English>}")

    @staticmethod
    def _to_yaml(value: Said) -> str | dict[str, str]:
        return {"nb": str(value), "en": value.en} if value.en else str(value)


def _said_text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be non-empty text")
    if len(value.strip()) > SAID_MAX:
        raise ValueError(f"must be at most {SAID_MAX} characters")
    return value.strip()


SAID_MAX = 300


def said(value: str | None, language: str) -> str | None:
    """A source or assumption in the reply's language (its English twin in English, where the model has
    one); plain strings as they are."""
    if isinstance(value, Said):
        return value.in_language(language)
    return value


class Strict(BaseModel):
    """Unknown fields are errors: a typo in a model file must not be silently ignored.

    `defer_build`: pydantic builds the validators on the first validation instead of at import, so a
    start that loads the model from the cache (models/governance/cache.py) never pays for them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class BodyKind(StrEnum):
    PORTFOLIO_BOARD = "portfolio_board"
    WORKING_COMMITTEE = "working_committee"
    DOMAIN_BOARD = "domain_board"
    DIGITALISATION_BOARD = "digitalisation_board"


class Role(StrEnum):
    """Roles a person holds in a body; permissions in later features are granted per role."""

    CHAIR = "chair"
    OWNER = "owner"
    DEPUTY_OWNER = "deputy_owner"
    DOMAIN_LEADER = "domain_leader"
    SECRETARIAT = "secretariat"
    PORTFOLIO_MANAGER = "portfolio_manager"
    TRUST_REPRESENTATIVE = "trust_representative"
    UNION_REPRESENTATIVE = "union_representative"
    MEMBER = "member"


class HealthTrust(Strict):
    key: Key
    name: ShortText
    short_name: ShortText


class Person(Strict):
    key: Key
    name: ShortText
    title: ShortText
    organisation: ShortText
    email: ShortText | None = None
    placeholder: bool = Field(
        default=True, description="True when the name is invented: presets carry real roles, not names."
    )


class Membership(Strict):
    person: Key
    role: Role
    represents: Key | None = Field(default=None, description="Health trust key the member represents.")
    final_authority: bool = Field(
        default=False, description="Decides alone in the body (Helse Nord's infrastructure domain leader)."
    )
    source: Said | None = Field(
        default=None, description="Where the seed gives this role; defaults to the body's `members_source`."
    )
    assumption: Said | None = Field(
        default=None, description="Set when the seed does not give this role: why it was assumed."
    )


class Body(Strict):
    key: Key
    name: ShortText
    name_en: ShortText | None = None
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="Other names people use («AU», «working committee»), matched as exactly as the name.",
    )
    kind: BodyKind
    escalates_to: Key | None = None
    reports_to: Key | None = None
    mandate: LongText
    mandate_en: LongText | None = None
    source: Said
    members: list[Membership] = Field(default_factory=list)
    members_source: Said | None = Field(
        default=None, description="Where the seed sets the body's composition (each member's role)."
    )
    members_assumption: Said | None = Field(
        default=None, description="Set when the seed does not set the composition: what was assumed."
    )
    escalation: LongText | None = Field(
        default=None,
        description="What this board takes to the body it escalates to, when it differs from "
        "`rules.escalation_rule` (Helse Nord: each board has its own rule, or none in the seed).",
    )
    escalation_en: LongText | None = None
    escalation_source: Said | None = None
    escalation_assumption: Said | None = None


class Domain(Strict):
    key: Key
    name: ShortText
    name_en: ShortText
    aliases: list[ShortText] = Field(default_factory=list)
    description: LongText
    description_en: LongText
    board: Key
    keywords: list[ShortText] = Field(
        default_factory=list, description="Words that point an initiative to this domain (routing)."
    )
    source: Said


class DecisionPoint(Strict):
    key: Annotated[str, StringConstraints(pattern=r"^BP[0-9]$")]
    name: ShortText
    name_en: ShortText
    decided_by: Key | None = Field(
        default=None,
        description="The body that decides it and alone may record it, naming the meeting (seed 002 §4 for "
        "BP1–BP3); None: the initiative's domain board records it.",
    )
    source: Said | None = Field(default=None, description="Where the seed names this decision point.")
    assumption: Said | None = Field(
        default=None, description="Set when the name or the decider is not in the seeds: why it was assumed."
    )


class SubPortfolio(Strict):
    key: Key
    name: ShortText
    name_en: ShortText
    description: LongText
    decision_points: list[str] = Field(default_factory=list)


class OutOfScope(Strict):
    key: Key
    name: ShortText
    name_en: ShortText
    belongs_to: LongText
    belongs_to_en: LongText
    keywords: list[ShortText] = Field(default_factory=list)


class CaseField(StrEnum):
    """What a case's papers can be required to show before it goes on an agenda (definition of ready),
    read from the case itself or from the initiative it is about."""

    OPERATING_COST = "operating_cost"
    """The yearly operating-cost consequences in MNOK (0 when there are none)."""


class CasePapers(Strict):
    """The region's definition of ready for a case: the fields its papers must show (seed 000 §2.4 for
    Helse Sør-Øst: operating-cost consequences, always)."""

    required_fields: list[CaseField] = Field(min_length=1)
    kinds: list[Annotated[str, StringConstraints(pattern=r"^(decision|orientation|discussion)$")]] = Field(
        default_factory=lambda: ["decision"],
        description="Case kinds the rule applies to; the approval of earlier minutes is never a measure.",
    )
    source: Said
    assumption: Said | None = Field(
        default=None, description="Set where the list or the kinds go beyond the source: what was assumed."
    )


class Rules(Strict):
    """The region's rules. Each value has a `*_source` (document and section) or an `*_assumption`
    saying why it was assumed, so an answer can cite the one and flag the other (`unsourced` below)."""

    paper_lead_days: int = Field(ge=1, le=60)
    paper_lead_source: Said | None = None
    paper_lead_assumption: Said | None = Field(
        default=None, description="Set when the lead time is not in the region's documents: what was assumed."
    )
    minutes_approved_at_next_meeting: bool = True
    minutes_source: Said | None = Field(
        default=None,
        description="Where the minutes rule comes from; None: no source in the region's documents.",
    )
    minutes_assumption: Said | None = None
    delegation_limit_mnok: float = Field(gt=0)
    delegation_source: Said | None = None
    delegation_assumption: Said | None = Field(
        default=None, description="Set when the limit is not in the region's documents: what was assumed."
    )
    delegation_above: LongText | None = Field(
        default=None,
        description="What applies to initiatives above the limit, as the seed says (seed 000 §2.4).",
    )
    delegation_above_en: LongText | None = None
    frames: LongText | None = Field(
        default=None,
        description="Who splits the yearly frames between the domains and who moves money between them "
        "during the year (seed 000 §2.4).",
    )
    frames_en: LongText | None = None
    frames_source: Said | None = None
    escalation_body: Key
    escalation_source: Said | None = None
    escalation_assumption: Said | None = None
    escalation_rule: LongText | None = Field(
        default=None,
        description="What a domain board takes to `escalation_body`, in the seed's terms (HSØ: cases of "
        "great significance or consequence beyond the domain, as the board judges); a board's own "
        "`escalation` overrides it.",
    )
    escalation_rule_en: LongText | None = None
    cross_domain: LongText | None = Field(
        default=None,
        description="Who handles an initiative that touches several domains (seed 000 §2.3: the domain "
        "boards and Sykehuspartner's dependency management); shown as a note, never as an escalation.",
    )
    cross_domain_en: LongText | None = None
    cross_domain_source: Said | None = None
    yearly_evaluation: bool = False
    yearly_evaluation_source: Said | None = None
    yearly_evaluation_due: MonthDay | None = Field(
        default=None,
        description='Yearly date the evaluation is due; "12-01" when yearly_evaluation is true and none is set.',
    )
    yearly_evaluation_due_assumption: Said | None = Field(
        default=None, description="Set when the seed says «yearly» but no date: why this date was chosen."
    )
    traffic_light_assessment_due: MonthDay | None = Field(
        default=None,
        description="Yearly date the owners assess their assignments (green/yellow/red); seed 003 §2.6 "
        'says mid-March for Helse Nord ("03-15"). None: no such assessment.',
    )
    traffic_light_source: Said | None = None
    working_committee_lead_days: int = Field(
        default=21,
        ge=1,
        le=90,
        description="Days before a portfolio-board meeting that its cases are due to the working committee "
        "(seed 002 §5: cases pass the working committee first, but it gives no number of days); moved "
        "to the previous working day.",
    )
    working_committee_lead_source: Said | None = None
    working_committee_lead_assumption: Said | None = None
    decision_points: list[DecisionPoint] = Field(default_factory=list)
    sub_portfolios: list[SubPortfolio] = Field(default_factory=list)
    out_of_scope: list[OutOfScope] = Field(default_factory=list)
    out_of_scope_source: Said | None = Field(
        default=None,
        description="Where the list of what is not the regional portfolio's comes from (seed 002 §3).",
    )
    case_papers: CasePapers | None = Field(
        default=None,
        description="What a case must show before it goes on an agenda; None: no such rule in the region.",
    )

    @property
    def evaluation_due(self) -> str | None:
        """The yearly evaluation's "MM-DD", defaulting to 1 December when the model asks for one at all."""
        if not self.yearly_evaluation:
            return None
        return self.yearly_evaluation_due or "12-01"


class Term(Strict):
    """A word people use about the governance («FTL», «områdeeier», «STIM»), explained from the model, so
    «Hva er FTL?» is answered with what the region's documents say rather than a list of boards. Each term
    carries the `source` where a seed defines or uses it, or an `assumption` where the explanation is ours."""

    key: Key
    term: ShortText = Field(description="The word or abbreviation as people write it: «FTL», «områdeeier».")
    term_en: ShortText | None = Field(default=None, description='The English word, if any: "domain owner".')
    expansion: ShortText | None = Field(
        default=None, description="What an abbreviation stands for: «Felles tjenesteleverandør for IKT»."
    )
    expansion_en: ShortText | None = None
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="Other spellings and names matched like the term («Sykehuspartner HF», «AU»).",
    )
    meaning: LongText
    meaning_en: LongText
    source: Said | None = Field(default=None, description="Where a seed defines or uses the term.")
    assumption: Said | None = Field(
        default=None, description="Set when the explanation is not in the seeds: what it rests on."
    )


class Assignment(Strict):
    """A numbered assignment (*oppdrag*) the owner gives the trust for the year (seed 003 §§2.4–5.1)."""

    number: int = Field(ge=1, le=999)
    title: ShortText
    title_en: ShortText
    owner: Key
    deadline: date | None = None
    source: Said


class ReminderPolicy(Strict):
    """Who is reminded of what, when: policy, so a region changes it in its model file, not in code."""

    case_owner_working_days_before: list[Annotated[int, Field(ge=0, le=30)]] = Field(
        default_factory=lambda: [5, 1],
        description="Working days before their paper deadline that case owners are reminded.",
    )
    secretariat_on_deadline: bool = Field(
        default=True, description="Tell the secretariat on the deadline which papers are still missing."
    )
    members_when_published: bool = Field(default=True, description="Tell members when papers are out.")
    members_days_before_meeting: list[Annotated[int, Field(ge=1, le=30)]] = Field(
        default_factory=lambda: [1], description="Calendar days before a meeting that members are reminded."
    )
    send_hour_local: int = Field(default=9, ge=0, le=23, description="Local hour reminders go out.")
    max_attempts: int = Field(default=5, ge=1, le=20, description="Sends tried before dead-lettering.")
    retry_base_seconds: int = Field(default=60, ge=1, le=3600, description="First retry delay; doubles.")
    assignment_owner_working_days_before: list[Annotated[int, Field(ge=0, le=30)]] = Field(
        default_factory=lambda: [5, 1],
        description="Working days before an assignment's deadline that its owner is reminded.",
    )
    assessment_working_days_before: list[Annotated[int, Field(ge=0, le=30)]] = Field(
        default_factory=lambda: [0],
        description="Working days before the traffic-light assessment and the yearly evaluation that those "
        "responsible are reminded (0: on the day, or the working day before when it is closed).",
    )


class Secretariat(Strict):
    organisation: ShortText
    description: LongText
    description_en: LongText
    contact: Key | None = None
    source: Said | None = None


DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".docx")
"""Files a governance document may be: Markdown, plain text or Word (.docx, read with python-docx)."""


class GovernanceDocument(Strict):
    """One of the region's own governance documents (a mandate, a board case), indexed into the database's
    full-text search so «hvor står det at …?» is answered with its passages and headings."""

    key: Key
    title: ShortText
    title_en: ShortText | None = None
    file: ShortText = Field(description="Markdown, plain text or .docx, relative to the model file; bokmål.")
    file_en: ShortText | None = Field(
        default=None, description="The same document in English, searched for questions asked in English."
    )
    summarises: Said | None = Field(
        default=None,
        description="Set when the file is a summary written for the model, not the document itself: what it "
        "summarises (the presets' files are summaries of the seeds, in our own words).",
    )

    @model_validator(mode="after")
    def _text_files_only(self) -> GovernanceDocument:
        for name in (self.file, self.file_en):
            if name is not None and not name.lower().endswith(DOCUMENT_SUFFIXES):
                raise ValueError(
                    f"{name}: a document must be Markdown, plain text or Word ({', '.join(DOCUMENT_SUFFIXES)})"
                )
        return self


class Rollout(Strict):
    """When the new bodies are to be in place (seed 000 §2.5), so "when do the domain boards start?" is
    answered from the region's own plan, or honestly says the plan names no date."""

    domain_boards_by: ShortText | None = Field(
        default=None,
        description='When the domain boards are to be constituted, as the seed words it ("mars 2026").',
    )
    domain_boards_by_en: ShortText | None = None
    details: LongText = Field(description="What else the plan says: what continues until then, what follows.")
    details_en: LongText
    source: Said
    assumption: Said | None = Field(
        default=None, description="Set where the seed is silent (no date): what is assumed, or that none is."
    )


class FramePolicy(Strict):
    """Budget frames per domain and year (seed 000 §2.3–2.4): who decides them, who records that decision
    in the store, and how the initiatives' states and cost estimates count against a frame.

    The seeds say who decides (HSØ: the chief executive after the portfolio board; Helse Nord: the
    digitalisation board) but not who types it in, nor which lifecycle state is «used» or «committed»;
    those carry their `*_assumption`, so an answer that applies them can say so."""

    decided_by: Key = Field(description="The body whose decision sets and moves frames (its meeting).")
    decider_roles: list[Role] = Field(
        min_length=1, description="Roles in that body who decide (HSØ: the chair, the RHF's chief executive)."
    )
    decided_source: Said
    recorder_roles: list[Role] = Field(
        default_factory=list,
        description="Roles in the deciding body who may record a frame decision with its reference.",
    )
    recorder_assumption: Said | None = None
    near_limit_percent: int = Field(default=90, ge=1, le=100, description="Warn when this much is bound.")
    near_limit_assumption: Said | None = None
    used_states: list[str] = Field(description="States whose investment counts as used (brukt).")
    committed_states: list[str] = Field(description="States whose investment counts as committed (bundet).")
    proposed_states: list[str] = Field(description="States whose investment counts as proposed (foreslått).")
    states_assumption: Said
    cost_estimate: Annotated[str, StringConstraints(pattern=r"^(upper|lower|middle)$")] = Field(
        default="upper", description="Which end of an initiative's cost range counts against a frame."
    )
    cost_assumption: Said
    priority_roles: list[Role] = Field(
        default_factory=lambda: [Role.SECRETARIAT, Role.OWNER, Role.DEPUTY_OWNER],
        description="Roles in a domain board who may reorder its priority list.",
    )
    priority_source: Said
    priority_assumption: Said | None = None

    @model_validator(mode="after")
    def _states_apart(self) -> FramePolicy:
        groups = (self.used_states, self.committed_states, self.proposed_states)
        seen: set[str] = set()
        for group in groups:
            if seen & set(group):
                raise ValueError(f"a state counts twice: {sorted(seen & set(group))}")
            seen |= set(group)
        return self


HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Appearance(Strict):
    """How the region's own web chat looks: its colour, so the page is recognisably the region's.

    The text colour on it is computed (black or white, whichever contrasts more), so a model file cannot
    make the header unreadable (WCAG 2.1 AA asks 4.5:1 for text)."""

    colour: HexColour = Field(default="#0b3d62", description="The header's background, as #rrggbb.")


class GovernanceModel(Strict):
    """One region's governance model, as read from a model file."""

    schema_version: int = Field(ge=1, le=1)
    key: Key
    name: ShortText
    region: ShortText
    sources: list[ShortText]
    demo_catalogue: ShortText | None = Field(
        default=None, description="Catalogue file (CSV/XLSX) beside the model file, loaded on first use."
    )
    health_trusts: list[HealthTrust]
    people: list[Person]
    secretariat: Secretariat
    bodies: list[Body]
    domains: list[Domain]
    rules: Rules
    reminders: ReminderPolicy = Field(default_factory=ReminderPolicy)
    appearance: Appearance = Field(
        default_factory=Appearance, description="The web chat's colour; the page's title is `region`."
    )
    assignments: list[Assignment] = Field(default_factory=list)
    rollout: Rollout | None = None
    glossary: list[Term] = Field(
        default_factory=list, description='The terms people use, answered by «Hva er …?» / "What is …?".'
    )
    documents: list[GovernanceDocument] = Field(
        default_factory=list,
        description="The region's governance documents, searched by «hvor står det at …?».",
    )
    frames: FramePolicy | None = Field(
        default=None, description="Budget frames per domain and year; None: the model keeps none."
    )
    demo_portfolio: ShortText | None = Field(
        default=None,
        description="YAML file beside the model with demo frames and initiatives, loaded by `serve --demo`.",
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> GovernanceModel:
        """Cross-references are checked here so a broken file fails at load, not in a reply."""
        problems: list[str] = []
        for label, items in (
            ("health_trusts", self.health_trusts),
            ("people", self.people),
            ("bodies", self.bodies),
            ("domains", self.domains),
            ("glossary", self.glossary),
            ("documents", self.documents),
        ):
            seen: set[str] = set()
            for item in items:
                if item.key in seen:
                    problems.append(f"{label}: key '{item.key}' is used twice")
                seen.add(item.key)
        people = {p.key for p in self.people}
        trusts = {t.key for t in self.health_trusts}
        bodies = {b.key for b in self.bodies}
        for i, body in enumerate(self.bodies):
            for ref_name in ("escalates_to", "reports_to"):
                ref = getattr(body, ref_name)
                if ref is not None and ref not in bodies:
                    problems.append(f"bodies.{i}.{ref_name}: no body with key '{ref}'")
            for j, member in enumerate(body.members):
                if member.person not in people:
                    problems.append(f"bodies.{i}.members.{j}.person: no person with key '{member.person}'")
                if member.represents is not None and member.represents not in trusts:
                    problems.append(
                        f"bodies.{i}.members.{j}.represents: no health trust with key '{member.represents}'"
                    )
        for i, domain in enumerate(self.domains):
            if domain.board not in bodies:
                problems.append(f"domains.{i}.board: no body with key '{domain.board}'")
        if self.rules.escalation_body not in bodies:
            problems.append(f"rules.escalation_body: no body with key '{self.rules.escalation_body}'")
        for i, point in enumerate(self.rules.decision_points):
            if point.decided_by is not None and point.decided_by not in bodies:
                problems.append(
                    f"rules.decision_points.{i}.decided_by: no body with key '{point.decided_by}'"
                )
        numbers: set[int] = set()
        for i, assignment in enumerate(self.assignments):
            if assignment.owner not in people:
                problems.append(f"assignments.{i}.owner: no person with key '{assignment.owner}'")
            if assignment.number in numbers:
                problems.append(f"assignments.{i}.number: {assignment.number} is used twice")
            numbers.add(assignment.number)
        if self.frames is not None and self.frames.decided_by not in bodies:
            problems.append(f"frames.decided_by: no body with key '{self.frames.decided_by}'")
        if self.frames is not None:
            states = {"innmeldt", "under_vurdering", "prioritert", "avsluttet", "avvist", "parkert"}
            states |= {p.key for p in self.rules.decision_points}
            for name in ("used_states", "committed_states", "proposed_states"):
                for state in getattr(self.frames, name):
                    if state not in states:
                        problems.append(f"frames.{name}: the model has no state '{state}'")
        if self.secretariat.contact is not None and self.secretariat.contact not in people:
            problems.append(f"secretariat.contact: no person with key '{self.secretariat.contact}'")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def domain(self, key: str) -> Domain:
        return next(d for d in self.domains if d.key == key)

    def body(self, key: str) -> Body:
        return next(b for b in self.bodies if b.key == key)

    def person(self, key: str) -> Person:
        return next(p for p in self.people if p.key == key)
