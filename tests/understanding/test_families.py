"""Intents told apart by their slots (intents.yaml `families`), applied to one classified message."""

from __future__ import annotations

from handlers.understanding.asking import Understanding
from handlers.understanding.families import settle
from handlers.understanding.slots import Slots


def reading(intent: str, slots: Slots, *others: tuple[str, float]) -> Understanding:
    return Understanding(intent, 0.4, slots, others)


def test_the_slot_the_message_holds_picks_the_member_and_the_family_sums_its_probability() -> None:
    settled = settle(
        reading("assignments.list", Slots(number=14), ("assignments.status", 0.35), ("help", 0.1)), 3
    )
    assert settled.intent == "assignments.status"
    assert abs(settled.confidence - 0.75) < 1e-9
    assert settled.alternatives == (("help", 0.1),)


def test_without_any_member_slot_the_default_member_is_meant() -> None:
    settled = settle(reading("assignments.status", Slots(), ("assignments.list", 0.3)), 3)
    assert settled.intent == "assignments.list"


def test_with_no_default_and_no_slot_the_classifier_choice_stands() -> None:
    assert settle(reading("who_owns", Slots(), ("domain_info", 0.3)), 3).intent == "who_owns"


def test_an_intent_in_no_family_keeps_its_reading_and_at_most_keep_alternatives() -> None:
    settled = settle(reading("help", Slots(), ("greeting", 0.2), ("home", 0.1), ("who_owns", 0.05)), 2)
    assert (settled.intent, settled.confidence) == ("help", 0.4)
    assert settled.alternatives == (("greeting", 0.2), ("home", 0.1))


def test_how_to_propose_covers_opening_the_form_whichever_of_the_two_leads() -> None:
    """«Jeg vil foreslå noe, hvor gjør jeg det?»: the how-to answer offers the form, so no question."""
    for top, second in (("initiative.form", "propose.how"), ("propose.how", "initiative.form")):
        settled = settle(reading(top, Slots(), (second, 0.35), ("help", 0.1)), 3)
        assert settled.intent == "propose.how"
        assert abs(settled.confidence - 0.75) < 1e-9
        assert settled.alternatives == (("help", 0.1),)


def test_a_covered_intent_third_in_line_changes_nothing() -> None:
    settled = settle(reading("initiative.form", Slots(), ("help", 0.3), ("propose.how", 0.2)), 3)
    assert settled.intent == "initiative.form"
