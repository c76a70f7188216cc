"""The buttons a secretariat member gets with each new initiative, in any channel.

A button carries only the action and the initiative reference. Both are treated as claims: whoever
clicks is re-checked against the board roster and the reference is looked up again (see access.py).
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.replies import Actions, Button
from handlers.texts import t

ASSESS = "initiative.assess"
REASSIGN = "initiative.reassign"
REJECT = "initiative.reject"
ASK = "initiative.ask"
ACTIONS = (ASSESS, REASSIGN, REJECT, ASK)
_LABELS = {ASSESS: "assess", REASSIGN: "reassign", REJECT: "reject", ASK: "ask"}


def secretariat_buttons(reference: str, language: Language) -> Actions:
    return Actions(
        tuple(Button(t(language, f"secretariat.button.{_LABELS[a]}"), a, reference) for a in ACTIONS)
    )
