"""The lifecycle of an initiative: innmeldt → under vurdering → prioritert → the model's decision points
→ avsluttet, with avvist (rejected) and parkert (parked) on the side.

The decision points between «prioritert» and «avsluttet» are the region's own, in its model file's order
(`rules.decision_points`): BP1–BP5 in Helse Sør-Øst (seed 002 §3–4), none in Helse Nord, whose
documents name none. A state the region's model does not have cannot be reached, so an initiative never
stands on a decision point its region does not know.

Moves go forward along the chain (skipping is allowed: a board may prioritise straight from intake),
any open initiative may be rejected, parked or closed, and a parked one may be taken up again. Ending or
pausing needs a reason, because the submitter will ask why.
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.texts import t
from models.governance.schema import DecisionPoint, GovernanceModel

INITIAL_STATE = "innmeldt"
BEFORE_POINTS = ("innmeldt", "under_vurdering", "prioritert")
CHAIN = (*BEFORE_POINTS, "BP1", "BP2", "BP3", "BP4", "BP5", "avsluttet")
"""Every state any model may have, for reading stored rows; `chain(model)` is one region's."""
SIDE = ("avvist", "parkert")
ALL_STATES = CHAIN + SIDE
FINAL = frozenset({"avsluttet", "avvist"})
NEEDS_REASON = frozenset({"avvist", "parkert", "avsluttet"})
OPEN_STATES = tuple(s for s in ALL_STATES if s not in FINAL)
WAITING_STATES = ("innmeldt", "under_vurdering")


def chain(model: GovernanceModel) -> tuple[str, ...]:
    """The forward path in this region: its decision points in the model's order between the fixed ends."""
    return (*BEFORE_POINTS, *(p.key for p in model.rules.decision_points), "avsluttet")


def model_states(model: GovernanceModel) -> tuple[str, ...]:
    return chain(model) + SIDE


def decision_point(model: GovernanceModel, state: str) -> DecisionPoint | None:
    return next((p for p in model.rules.decision_points if p.key == state), None)


def next_point(model: GovernanceModel, state: str) -> DecisionPoint | None:
    """The decision point that follows `state` in the model's order; None when none is left (or known)."""
    path = chain(model)
    if state not in path:
        return None
    following = path[path.index(state) + 1 :]
    return next((p for key in following if (p := decision_point(model, key)) is not None), None)


def can_move(model: GovernanceModel, current: str, target: str) -> bool:
    if current in FINAL or current == target or target not in model_states(model):
        return False
    if target in SIDE or target == "avsluttet":
        return True
    path = chain(model)
    if current == "parkert" or current not in path:
        return target in path
    return path.index(target) > path.index(current)


def state_label(model: GovernanceModel, state: str, language: Language) -> str:
    if state.startswith("BP"):
        point = decision_point(model, state)
        if point is None:
            return state
        name = point.name_en if language == "en" else point.name
        if point.assumption:  # the seed names the point but not its meaning (HSØ's BP4, BP5)
            name = f"{name}, {t(language, 'initiative.state.assumed_name')}"
        return f"{state} ({name})"
    return t(language, f"initiative.state.{state}")


def parse_state(text: str, model: GovernanceModel) -> str | None:
    """A state of this region's model from what people type: "under vurdering", "prioritised", "bp2"."""
    wanted = " ".join(text.casefold().replace("_", " ").split()).strip(" .!")
    known = model_states(model)
    if wanted.upper() in known:
        return wanted.upper()
    synonyms = {"prioritised": "prioritert", "prioritized": "prioritert", "assessment": "under_vurdering"}
    if wanted in synonyms:
        return synonyms[wanted]
    for state in known:
        labels = {state.replace("_", " ").casefold()}
        if not state.startswith("BP"):
            labels |= {t(lang, f"initiative.state.{state}").casefold() for lang in ("nb", "en")}
        if wanted in labels:
            return state
    return None
