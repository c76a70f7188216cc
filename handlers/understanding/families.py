"""Intents told apart by their slots: «oppdrag 14» is the status of one, «oppdrag» the list; and intents
one answer serves («hvordan melder jeg inn?» and «nytt initiativ»: the how-to offers the form).

Wording alone separates such pairs badly (the classifier sees «status for oppdrag <number>» and «vis
oppdragene» as near neighbours), while the slot the message holds separates them exactly. The families
are data in intents.yaml; this module applies them to one classified message.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from handlers.understanding.asking import Understanding
from handlers.understanding.data_files import load_yaml
from handlers.understanding.examples import INVENTORY, ExamplesError, inventory
from handlers.understanding.slots import Slots

NONE = "none"


@cache
def families() -> tuple[dict[str, str], ...]:
    data = load_yaml(INVENTORY)
    found = tuple(dict(family) for family in data.get("families") or ())
    known = inventory()
    for family in found:
        for intent, slot in family.items():
            if intent not in known or (slot != NONE and slot not in Slots.__dataclass_fields__):
                raise ExamplesError(f"{INVENTORY.name}: family member {intent}: {slot} is not known")
    return found


@cache
def covers() -> dict[str, frozenset[str]]:
    data = load_yaml(INVENTORY).get("covers") or {}
    known = inventory()
    found = {str(intent): frozenset(str(o) for o in others) for intent, others in dict(data).items()}
    for intent, others in found.items():
        if intent not in known or not others <= known.keys():
            raise ExamplesError(f"{INVENTORY.name}: covers {intent}: an intent is not known")
    return found


def cover(understanding: Understanding) -> Understanding:
    """When the two likeliest readings are an intent and one its answer covers, that answer, with both
    readings' probability: asking which of two was meant is pointless when one reply serves both."""
    if not understanding.alternatives:
        return understanding
    top, (second, p_second) = understanding.intent, understanding.alternatives[0]
    for wide, narrow in ((top, second), (second, top)):
        if narrow in covers().get(wide, ()):
            confidence = min(understanding.confidence + p_second, 1.0)
            return replace(
                understanding, intent=wide, confidence=confidence, alternatives=understanding.alternatives[1:]
            )
    return understanding


def settle(understanding: Understanding, keep: int) -> Understanding:
    """The family member the slots point to, with the family's summed probability as its confidence;
    `keep` alternatives outside the family stay for a clarifying question."""
    understanding = cover(understanding)
    family = next((f for f in families() if understanding.intent in f), None)
    if family is None:
        return replace(understanding, alternatives=understanding.alternatives[:keep])
    slots = understanding.slots
    present = [intent for intent, slot in family.items() if slot != NONE and getattr(slots, slot)]
    default = [intent for intent, slot in family.items() if slot == NONE]
    if len(present) == 1:
        chosen = present[0]
    elif not present and default:
        chosen = default[0]
    else:
        chosen = understanding.intent
    ranked = [(understanding.intent, understanding.confidence), *understanding.alternatives]
    confidence = understanding.confidence + sum(p for i, p in understanding.alternatives if i in family)
    others = tuple((i, p) for i, p in ranked[1:] if i not in family)[:keep]
    return replace(understanding, intent=chosen, confidence=min(confidence, 1.0), alternatives=others)
