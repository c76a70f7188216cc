"""Every question issue 12 names, asked as its user would and answered through `handle_message`.

Each row is the issue's wording, who asks it, the reply intents that count as the right answer and
words the reply must hold (from the seeded store and the hso-2026 preset, never from the reply itself).
"""

from __future__ import annotations

import pytest

from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Form
from tests.understanding.conftest import BOARD_MEMBER, CLINICIAN, SECRETARY, Seeded

ASKED = [
    ("Hvordan kan jeg sende inn et forslag?", CLINICIAN, {"initiative.dialog"}, ["initiativ"]),
    ("How can I submit a suggestion?", CLINICIAN, {"initiative.dialog"}, ["initiative"]),
    (
        "Jeg har en idé om digital innsjekking på poliklinikken",
        CLINICIAN,
        {"initiative.dialog"},
        ["digital innsjekking"],
    ),
    (
        "hvordan går det med forslaget mitt?",
        CLINICIAN,
        {"initiative.mine", "initiative.find_mine", "initiative.status"},
        ["INI-2026-", "innmeldt"],
    ),
    ("Who should I ask about the pharmacy system?", CLINICIAN, {"who_owns"}, ["Sykehusapotekenes ERP"]),
    ("which board deals with radiology?", CLINICIAN, {"domain_info"}, ["Utredning og diagnostikk"]),
    ("Hvilke møter er det i februar?", SECRETARY, {"meetings.in_period"}, ["HR-tjenester", "15.02.2027"]),
    (
        "When does the portfolio board meet next?",
        BOARD_MEMBER,
        {"meetings.next"},
        ["Porteføljestyret", "8 March 2027"],
    ),
    (
        "Hvilke tiltak er dyrere enn 50 millioner?",
        BOARD_MEMBER,
        {"initiatives.above_amount"},
        ["hjemmeoppfølging"],
    ),
    ("Hvor mange forslag har HR-tjenester fått?", BOARD_MEMBER, {"initiatives.count"}, ["HR-tjenester"]),
    ("hvor mye kan områdeeier beslutte?", BOARD_MEMBER, {"model.delegation_limit"}, ["50", "Sak 000"]),
    ("Hva betyr BP3?", BOARD_MEMBER, {"model.decision_point"}, ["BP3", "Gjennomføring"]),
    ("Hvem er med i arbeidsutvalget?", BOARD_MEMBER, {"body.people"}, ["Arbeidsutvalget"]),
    ("Hvem eier DISP?", CLINICIAN, {"who_owns"}, ["DIPS", "Pasientbehandling"]),
    ("søk etter initiativer om legemidler", BOARD_MEMBER, {"initiative.search"}, ["kurveløsning"]),
]


def ask(seeded: Seeded, text: str, person: str, channel: str = "terminal"):
    return handle_message(IncomingMessage(text, Sender("terminal", person), channel=channel), seeded.ctx)


@pytest.mark.parametrize(("text", "person", "intents", "words"), ASKED, ids=[row[0] for row in ASKED])
def test_the_issue_example_is_answered(
    seeded: Seeded, text: str, person: str, intents: set[str], words: list[str]
) -> None:
    reply = ask(seeded, text, person)
    assert reply.intent in intents, reply.text
    for word in words:
        assert word.casefold() in reply.text.casefold(), (word, reply.text)


def test_sap_is_not_an_erp_system_whose_name_holds_the_letters(seeded: Seeded) -> None:
    reply = ask(seeded, "hvem eier SAP?", CLINICIAN)
    assert "ERP" not in reply.text and "Sykehusapotekenes" not in reply.text


def test_a_system_named_twice_is_answered_once(seeded: Seeded) -> None:
    reply = ask(seeded, "Hvem eier DIPS, altså DIPS Arena?", CLINICIAN)
    assert reply.intent == "who_owns"
    assert "flere systemer" not in reply.text and reply.text.count("DIPS eies av") == 1


def test_a_free_text_proposal_in_slack_offers_the_form_with_the_need_filled_in(seeded: Seeded) -> None:
    text = "Jeg har en idé om digital innsjekking på poliklinikken"
    reply = ask(seeded, text, CLINICIAN, channel="slack")
    [form] = [block for block in reply.blocks if isinstance(block, Form)]
    [need] = [field for field in form.fields if field.name == "need"]
    assert need.initial == text
