"""The lifecycle of an initiative: innmeldt → under vurdering → prioritert → BP1 … BP5 → avsluttet,
with avvist (rejected) and parkert (parked) on the side.

Moves go forward along the chain (skipping is allowed: a board may prioritise straight from intake),
any open initiative may be rejected, parked or closed, and a parked one may be taken up again. Ending or
pausing needs a reason, because the submitter will ask why.
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.texts import t
from models.governance.schema import GovernanceModel

INITIAL_STATE = "innmeldt"
CHAIN = ("innmeldt", "under_vurdering", "prioritert", "BP1", "BP2", "BP3", "BP4", "BP5", "avsluttet")
SIDE = ("avvist", "parkert")
ALL_STATES = CHAIN + SIDE
FINAL = frozenset({"avsluttet", "avvist"})
NEEDS_REASON = frozenset({"avvist", "parkert", "avsluttet"})
OPEN_STATES = tuple(s for s in ALL_STATES if s not in FINAL)
WAITING_STATES = ("innmeldt", "under_vurdering")


def can_move(current: str, target: str) -> bool:
    if current in FINAL or current == target:
        return False
    if target in SIDE or target == "avsluttet":
        return True
    if current == "parkert":
        return target in CHAIN
    return CHAIN.index(target) > CHAIN.index(current)


def state_label(model: GovernanceModel, state: str, language: Language) -> str:
    if state.startswith("BP"):
        point = next((p for p in model.rules.decision_points if p.key == state), None)
        if point is None:
            return state
        name = point.name_en if language == "en" else point.name
        if point.assumption:  # the seed names the point but not its meaning (HSØ's BP4, BP5)
            name = f"{name}, {t(language, 'initiative.state.assumed_name')}"
        return f"{state} ({name})"
    return t(language, f"initiative.state.{state}")


def parse_state(text: str) -> str | None:
    """A state from what people type: "under vurdering", "prioritised", "bp2", "rejected"."""
    wanted = " ".join(text.casefold().replace("_", " ").split()).strip(" .!")
    if wanted.upper() in ALL_STATES:
        return wanted.upper()
    synonyms = {"prioritised": "prioritert", "prioritized": "prioritert", "assessment": "under_vurdering"}
    if wanted in synonyms:
        return synonyms[wanted]
    for state in ALL_STATES:
        labels = {state.replace("_", " ").casefold()}
        if not state.startswith("BP"):
            labels |= {t(lang, f"initiative.state.{state}").casefold() for lang in ("nb", "en")}
        if wanted in labels:
            return state
    return None
