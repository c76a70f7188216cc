"""Slot extraction (issue 12 §2) on the real presets and catalogues, in bokmål and English, typos included.

Pure readers (periods, days, amounts, references) are tested as functions; everything that needs the
catalogue or the governance model runs `extract_slots` on the hso-2026 store (SQLite and PostgreSQL) and,
for Digitaliseringsstyret, on helse-nord-2026. Tables collect every wrong row before failing, so one run
shows all the misses.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.forms import FormSubmission, handle_form
from handlers.messages import IncomingMessage, Sender
from handlers.understanding.amounts import find_amount
from handlers.understanding.periods import find_day, find_period
from handlers.understanding.references import canonical_reference, find_decision_point
from handlers.understanding.slot_extraction import extract_slots
from handlers.understanding.slots import Slots
from models.store import open_store
from tests.initiatives.conftest import valid_values

TODAY = date(2026, 11, 18)  # a Wednesday in November


def slots(ctx: HandlerContext, text: str, today: date = TODAY) -> Slots:
    with ctx.store.read() as session:
        return extract_slots(text, ctx, session, today)


# --- periods and days ------------------------------------------------------------------------------------

PERIODS = [
    ("Hvilke møter er det i januar?", date(2027, 1, 1), date(2027, 1, 31)),  # nearest January ahead
    ("møter i november", date(2026, 11, 1), date(2026, 11, 30)),  # the current month is this month
    ("frister februar", date(2027, 2, 1), date(2027, 2, 28)),
    ("What is on in March?", date(2027, 3, 1), date(2027, 3, 31)),
    ("Hva skjer i desember 2027", date(2027, 12, 1), date(2027, 12, 31)),
    ("neste måned", date(2026, 12, 1), date(2026, 12, 31)),
    ("next month", date(2026, 12, 1), date(2026, 12, 31)),
    ("denne måneden", date(2026, 11, 1), date(2026, 11, 30)),
    ("Hva har frist denne uka?", TODAY, date(2026, 11, 22)),  # the rest of the ISO week
    ("denne uken", TODAY, date(2026, 11, 22)),
    ("What is due this week?", TODAY, date(2026, 11, 22)),
    ("neste uke", date(2026, 11, 23), date(2026, 11, 29)),
    ("next week", date(2026, 11, 23), date(2026, 11, 29)),
    ("forrige uke", date(2026, 11, 9), date(2026, 11, 15)),
    ("i år", date(2026, 1, 1), date(2026, 12, 31)),
    ("this year", date(2026, 1, 1), date(2026, 12, 31)),
    ("vedtak i fjor", date(2025, 1, 1), date(2025, 12, 31)),
    ("i 2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("første kvartal", date(2027, 1, 1), date(2027, 3, 31)),  # Q1 is behind us in November
    ("Q4", date(2026, 10, 1), date(2026, 12, 31)),
    ("Q2 2026", date(2026, 4, 1), date(2026, 6, 30)),
    ("de neste 14 dagene", TODAY, date(2026, 12, 1)),
    ("in May", date(2027, 5, 1), date(2027, 5, 31)),
]


@pytest.mark.parametrize(("text", "start", "end"), PERIODS)
def test_periods(text: str, start: date, end: date) -> None:
    found = find_period(text, TODAY)
    assert found is not None
    period, first, last = found
    assert (period.start, period.end) == (start, end)
    assert period.words == text[first:last]


@pytest.mark.parametrize("text", ["may I ask who owns DIPS?", "Hvem eier DIPS?", "asdfgh", "sak 12"])
def test_no_period(text: str) -> None:
    assert find_period(text, TODAY) is None


DAYS = [
    ("i dag", TODAY),
    ("Hva er været i morgen?", date(2026, 11, 19)),
    ("tomorrow", date(2026, 11, 19)),
    ("i overmorgen", date(2026, 11, 20)),
    ("på fredag", date(2026, 11, 20)),
    ("neste onsdag", date(2026, 11, 25)),
    ("møtet 14. desember", date(2026, 12, 14)),
    ("meeting on December 14", date(2026, 12, 14)),
    ("14.01", date(2027, 1, 14)),
]


@pytest.mark.parametrize(("text", "day"), DAYS)
def test_days(text: str, day: date) -> None:
    found = find_day(text, TODAY)
    assert found is not None and found[0] == day


# --- amounts, references, decision points ---------------------------------------------------------------

AMOUNTS = [
    ("initiativer over 50 millioner", Decimal(50), "above"),
    ("mer enn 50 MNOK", Decimal(50), "above"),
    ("50 mill", Decimal(50), None),
    ("20 MNOK", Decimal(20), None),
    ("more than 50 MNOK", Decimal(50), "above"),
    ("above 50 million", Decimal(50), "above"),
    ("100 000 000 kr", Decimal(100), None),
    ("1,5 mrd", Decimal(1500), None),
    ("under 2,5 mill. kr", Decimal("2.5"), "below"),
    ("less than 10 MNOK", Decimal(10), "below"),
]


@pytest.mark.parametrize(("text", "mnok", "comparison"), AMOUNTS)
def test_amounts(text: str, mnok: Decimal, comparison: str | None) -> None:
    found = find_amount(text)
    assert found is not None
    assert found[:2] == (mnok, comparison)


@pytest.mark.parametrize("text", ["over 50 initiativer", "INI-2026-0042", "møtet 14.12", "oppdrag 12"])
def test_numbers_without_a_unit_are_no_amount(text: str) -> None:
    assert find_amount(text) is None


def test_references_and_decision_points() -> None:
    assert canonical_reference("status på ini 2026 42") == "INI-2026-0042"
    assert canonical_reference("INI-2026-0042") == "INI-2026-0042"
    assert canonical_reference("sak 2026") is None
    for text in ("BP3", "BP 3", "bp-3", "beslutningspunkt 3", "decision point 3"):
        found = find_decision_point(text)
        assert found is not None and found[0] == "BP3", text
    assert find_decision_point("BPX") is None


# --- systems ---------------------------------------------------------------------------------------------

SYSTEMS = {  # text → the one system named (by catalogue name), exact or interpreted
    "Hvem eier DIPS?": "DIPS",
    "Hvem eier DISP?": "DIPS",  # two letters swapped: DIPS, not the ambulance dispatch system
    "who owns kjernejournl": "Kjernejournal",
    "hvem eier helsenorgee": "Helsenorge",
    "Hvem har ansvar for AMK-løsningen?": "AMK-løsning",
    "Who owns payroll?": "HR- og lønnssystem",
    "Who owns the blood bank?": "Blodbanksystem (ProSang)",
    "Hvem eier reiseregning?": "Reiseregning og utlegg",
    "who owns the pharmacy system": "Sykehusapotekenes ERP",
    "Hvem eier porteføljestyringsverktøy?": "Porteføljestyringsverktøy",
}


def test_systems_are_found_exactly_and_fuzzily(context: HandlerContext) -> None:
    wrong = {}
    for text, name in SYSTEMS.items():
        found = slots(context, text)
        if [m.item.name for m in found.systems] != [name]:
            wrong[text] = [m.item.name for m in found.systems]
    assert wrong == {}


def test_a_swap_is_an_interpretation_and_its_span_is_the_typed_word(context: HandlerContext) -> None:
    found = slots(context, "Hvem eier DISP?")
    assert not found.systems[0].exact
    assert [(s.slot, "Hvem eier DISP?"[s.start : s.end]) for s in found.spans] == [("system", "DISP")]


def test_a_system_named_twice_is_one_slot(context: HandlerContext) -> None:
    found = slots(context, "Hvem eier DIPS? Jeg mener DIPS Arena, altså DIPS.")
    assert [m.item.name for m in found.systems] == ["DIPS"]


def test_two_systems_are_two_slots_in_order_of_appearance_of_their_spans(context: HandlerContext) -> None:
    found = slots(context, "Finnes det noe på møtet 14. desember om DIPS og Kjernejournal?")
    assert {m.item.name for m in found.systems} == {"DIPS", "Kjernejournal"}
    assert found.day == date(2026, 12, 14)


NO_SYSTEM = [
    "Hva er været i morgen?",
    "asdfgh",
    "Hvilke møter er det i februar?",
    "hvem eier SAP?",  # no SAP in the catalogue, and «Sykehusapotekenes ERP» merely contains the letters
    "hvem eier Fantasia?",
    "Når er neste porteføljestyremøte?",
    "Send meg forslaget til styret",
    "søk etter initiativer om legemidler",
]


def test_no_system_where_none_is_named(context: HandlerContext) -> None:
    wrong = {}
    for text in NO_SYSTEM:
        found = slots(context, text)
        if found.systems:
            wrong[text] = [m.item.name for m in found.systems]
    assert wrong == {}
    assert not slots(context, "hvem eier SAP?").system_suggestions


def test_a_near_miss_is_a_suggestion_not_a_system(context: HandlerContext) -> None:
    found = slots(context, "hvem eier porteføljestyring")
    assert not found.systems
    assert "Porteføljestyringsverktøy" in [m.item.name for m in found.system_suggestions]


# --- bodies and domains ----------------------------------------------------------------------------------

BODIES = {
    "Når er neste porteføljestyremøte?": "portefoljestyret",
    "Saker til portefoljestyremøtet i januar": "portefoljestyret",  # typed without ø
    "Hva står på porteføljestyremøtet?": "portefoljestyret",
    "Når er neste portefølgestyremøte?": "portefoljestyret",  # typo inside the compound
    "Hva sa porteføljestyrets leder?": "portefoljestyret",
    "Hvem eier porteføljestyrt?": "portefoljestyret",
    "When does the portfolio board meet?": "portefoljestyret",
    "Når møtes arbeidsutvalget?": "arbeidsutvalget",
    "Hva skal opp i AU neste uke?": "arbeidsutvalget",
    "Hva er det på arbeidsutvalgsmøtet?": "arbeidsutvalget",
    "Who is on the working committee?": "arbeidsutvalget",
    "Hvem sitter i områdestyret for Pasientbehandling?": "omradestyre-pasientbehandling",
    "Når møtes HR-tjenester?": "omradestyre-hr-tjenester",
    "Hvem leder områdestyret for lønn?": "omradestyre-hr-tjenester",  # board word + subject word
}


def test_bodies(context: HandlerContext) -> None:
    wrong = {}
    for text, key in BODIES.items():
        found = slots(context, text)
        if found.body is None or found.body.item.key != key:
            wrong[text] = found.body and found.body.item.key
    assert wrong == {}


@pytest.mark.parametrize(
    "text",
    ["porteføljestyring i helseforetakene", "au, det gjorde vondt", "Hvem eier DIPS?", "Who owns payroll?"],
)
def test_no_body(context: HandlerContext, text: str) -> None:
    assert slots(context, text).body is None


def test_digitaliseringsstyret_in_helse_nord(database_url: str) -> None:
    store = open_store(database_url, "helse-nord-2026")
    try:
        ctx = HandlerContext(store=store)
        for text in ("Når møtes Digitaliseringsstyret?", "Når er neste digitaliseringstyremøte?"):
            found = slots(ctx, text)
            assert found.body is not None and found.body.item.key == "digitaliseringsstyret", text
        assert [m.item.name for m in slots(ctx, "Hvem eier payroll?").systems] == ["HR- og lønnssystem"]
        assert [m.item.name for m in slots(ctx, "Hvem eier DISP?").systems] == ["DIPS"]
    finally:
        store.close()


DOMAINS = {
    "Which domain covers x-ray?": "utredning-og-diagnostikk",
    "Hvem eier røntgenbilder?": "utredning-og-diagnostikk",
    "Hvem eier lab?": "utredning-og-diagnostikk",
    "Hvem eier patologi?": "utredning-og-diagnostikk",
    "radiology": "utredning-og-diagnostikk",
    "Who decides about ambulances?": "prehospital",
    "Hva dekker Prehospital?": "prehospital",
    "What does Helsesamhandling cover?": "helsesamhandling",
    "Hvilke initiativer i HR-tjenester venter på vurdering?": "hr-tjenester",
    "Who handles staffing?": "hr-tjenester",
}


def test_domains_by_name_and_subject_word(context: HandlerContext) -> None:
    wrong = {}
    for text, key in DOMAINS.items():
        found = slots(context, text)
        if found.domain is None or found.domain.item.key != key:
            wrong[text] = found.domain and found.domain.item.key
    assert wrong == {}


MISSPELT_DOMAINS = {
    "hvem sitter i Prehosptial": "prehospital",  # two letters swapped
    "vis rammen for Pasientbehandlingxx": "pasientbehandling",  # two letters too many
    "what waits in Helsesamhandlig?": "helsesamhandling",  # a letter missing
}


def test_a_misspelt_domain_name_names_its_domain_as_an_interpretation(context: HandlerContext) -> None:
    wrong = {}
    for text, key in MISSPELT_DOMAINS.items():
        found = slots(context, text)
        if found.domain is None or found.domain.item.key != key or found.domain.exact:
            wrong[text] = found.domain
    assert wrong == {}


@pytest.mark.parametrize("text", ["what is the weather in Lillehammer", "hvem er pasientombudet"])
def test_a_word_merely_like_a_domain_name_names_none(context: HandlerContext, text: str) -> None:
    assert slots(context, text).domain is None


def test_a_frame_question_with_a_misspelt_domain_answers_for_that_domain(context: HandlerContext) -> None:
    message = IncomingMessage("vis rammen for Pasientbehandlingxx", Sender("terminal", "hanne-kristoffersen"))
    reply = handle_message(message, context)

    assert reply.intent.startswith("frames") and "Pasientbehandling" in reply.text
    assert "Porteføljen" not in reply.text


# --- mine, numbers, words, spans -------------------------------------------------------------------------

MINE = {
    "Hva er status på forslaget mitt?": True,
    "mine initiativer": True,
    "Hva skjer hos oss denne uka?": True,
    "Hva har vi på agendaen?": True,
    "What are my initiatives?": True,
    "our proposals": True,
    "Hvem eier DIPS?": False,
    "Hvilke møter er det i februar?": False,
}


def test_mine(context: HandlerContext) -> None:
    wrong = {text: not mine for text, mine in MINE.items() if slots(context, text).mine is not mine}
    assert wrong == {}


def test_everything_in_one_message_with_spans_that_do_not_overlap(context: HandlerContext) -> None:
    text = "Mine initiativer over 50 millioner til porteføljestyret i januar, BP 3 og INI-2026-7"
    found = slots(context, text)
    assert found.mine and found.amount_mnok == Decimal(50) and found.amount_comparison == "above"
    assert found.body is not None and found.body.item.key == "portefoljestyret"
    assert found.period is not None and found.period.start == date(2027, 1, 1)
    assert (found.decision_point, found.reference) == ("BP3", "INI-2026-0007")
    assert {s.slot for s in found.spans} >= {
        "mine",
        "amount",
        "body",
        "period",
        "decision_point",
        "reference",
    }
    ends = [(s.start, s.end) for s in found.spans]
    assert all(a[1] <= b[0] for a, b in pairwise(ends))
    assert found.words == ()  # «initiativer» is the bot's own word, not a topic


def test_bare_number_and_topic_words(context: HandlerContext) -> None:
    found = slots(context, "Hva er fristen for oppdrag 12?")
    assert found.number == 12 and found.amount_mnok is None
    assert slots(context, "Hva koster kurveløsning?").words == ("koster", "kurveløsning")
    assert slots(context, "søk etter initiativer om legemidler").words == ("legemidler",)


# --- search stemming through the dispatch ----------------------------------------------------------------


def _submit(ctx: Any, title: str, sid: str) -> None:
    sender = Sender(platform="slack", user_id="U123CLIN", display_name="Ola Klinikersen")
    result = handle_form(FormSubmission("initiative", valid_values(title=title), sender, "nb", sid), ctx)
    assert result.ok, result.errors


def _ask(ctx: Any, text: str) -> str:
    return handle_message(IncomingMessage(text, Sender(platform="terminal", user_id="u1")), ctx).text


def test_search_finds_an_inflected_word(context: HandlerContext) -> None:
    _submit(context, "Bedre oversikt over legemiddel i sengepost", "s-1")
    _submit(context, "Kartvisning av ledige ambulanser i AMK", "s-2")
    found = _ask(context, "søk etter initiativer om legemidler")
    assert "Bedre oversikt over legemiddel" in found and "Kartvisning" not in found
    assert "Kartvisning" in _ask(context, "søk etter initiativer om ambulanse")
    none = _ask(context, "søk etter initiativer om legende")
    assert "Bedre oversikt" not in none and "Kartvisning" not in none
