"""No internal key reaches a person: every intent's answer, in bokmål and English, is read for keys.

Issue 15: replies showed roles as "trust_representative", trusts as "ahus, ous", people as
"(torbjorn-amundsen)" and timestamps as ISO strings. Here every intent is asked with its own example
utterances (the data the classifier learns from, so a new intent is walked without touching this file),
by the secretariat, a board member and the proposer, on a store seeded with initiatives, meetings and a case, and the
text of each reply is searched for what only a program should see: the model's keys (people, trusts, bodies,
domains), enum values, initiative state keys in an English reply, and ISO dates and timestamps.
"""

from __future__ import annotations

import re
from collections import defaultdict

from handlers.dispatch import handle_message
from handlers.frames.charts import available as charts_available
from handlers.initiatives.states import ALL_STATES
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Image, Reply
from handlers.understanding.examples import inventory, training_examples
from models.governance.schema import BodyKind, CaseField, GovernanceModel, Role
from models.tables.decisions import OUTCOMES
from tests.understanding.conftest import BOARD_MEMBER, CLINICIAN, SECRETARY, Seeded

ABOUT_A_SEEDED_INITIATIVE = (
    "status på {reference}",
    "what is the status of {reference}?",
    "historikk for {reference}",
    "hva ble vedtatt om {reference}?",
    "what was decided about {reference}?",
    "mine initiativer",
    "my initiatives",
)
"""The examples name references the seeded store does not hold; these reach an initiative's full record."""
PER_INTENT = 3
"""Example utterances asked per intent and language: enough to reach its branches, few enough to be quick."""
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?)?\b")
WORD = re.compile(r"[\w-]+")
COMMAND_LINE = re.compile(r"[“«\"]govbot [^”»\"]*[”»\"]")
"""A quoted `govbot …` command a reply suggests («govbot meetings add --at 2026-12-14T09:00 …»). Its
`--at` value is the CLI's input syntax, so the ISO check skips commands; the key check reads them like
any other text: a command shows placeholders (STYRE, YOUR_KEY), never a model key or an enum value."""


def model_keys(model: GovernanceModel) -> set[str]:
    """Keys a reader never writes: the model's own identifiers, and the enum values of its schema."""
    keys = {person.key for person in model.people}
    keys |= {trust.key for trust in model.health_trusts}
    keys |= {body.key for body in model.bodies}
    keys |= {domain.key for domain in model.domains}
    keys |= {str(v) for enum in (BodyKind, Role, CaseField) for v in enum if "_" in str(v)}
    keys |= {state for state in ALL_STATES if "_" in state}
    keys |= {outcome for outcome in OUTCOMES if "_" in outcome}
    return keys


def natural(key: str, model: GovernanceModel) -> bool:
    """A key that is also a word of a name as people write it («arbeidsutvalget» in «Arbeidsutvalget for
    porteføljestyret») is no leak; «ahus» for «Ahus» or «ous» for «OUS» is one."""
    names = [trust.short_name for trust in model.health_trusts] + [
        trust.name for trust in model.health_trusts
    ]
    names += [body.name for body in model.bodies] + [domain.name for domain in model.domains]
    return any(key in WORD.findall(name.casefold()) and key.casefold() != name.casefold() for name in names)


def leaks(text: str, language: str, model: GovernanceModel, keys: set[str]) -> list[str]:
    found = [f"ISO date {m.group(0)!r}" for m in ISO_DATE.finditer(COMMAND_LINE.sub("", text))]
    words = set(WORD.findall(text))
    found += [f"key {key!r}" for key in sorted(keys & words) if not natural(key, model)]
    if language == "en":
        norwegian_states = {s for s in ALL_STATES if not s.startswith("BP")}
        found += [f"Norwegian state {s!r}" for s in sorted(norwegian_states & words)]
    return found


def shown_words(reply: Reply) -> str:
    """The reply's text and the words its pictures show or read out (title, alt text, file name)."""
    pictures = [f"{b.title}. {b.alt_text} {b.filename}" for b in reply.blocks if isinstance(b, Image)]
    return "\n".join([reply.text, *pictures])


def test_no_reply_of_any_intent_shows_a_key_or_an_iso_date(seeded: Seeded) -> None:
    model = seeded.ctx.model
    keys = model_keys(model)
    asked: dict[tuple[str, str], int] = defaultdict(int)
    problems: list[str] = []
    pictured = 0
    texts = [text.format(reference=seeded.references[0]) for text in ABOUT_A_SEEDED_INITIATIVE]
    for example in training_examples():
        if asked[(example.intent, example.language)] < PER_INTENT:
            asked[(example.intent, example.language)] += 1
            texts.append(example.text)
    for number, text in enumerate(texts):
        for person in (SECRETARY, BOARD_MEMBER, CLINICIAN):
            # a conversation of its own, so an intake dialog an earlier example opened does not take this one
            conversation = f"walk-{number}-{person}"
            sender = Sender("terminal", person)
            # with pictures shown, so a chart's title, alt text and file name are read too
            message = IncomingMessage(
                text, sender, channel="terminal", conversation_id=conversation, pictures=True
            )
            reply = handle_message(message, seeded.ctx)
            pictured += any(isinstance(block, Image) for block in reply.blocks)
            for leak in leaks(shown_words(reply), reply.language, model, keys):
                problems.append(f"{reply.intent} [{reply.language}] «{text}» as {person}: {leak}")
    assert {intent for intent, _ in asked} == set(inventory())  # every intent was walked
    assert pictured or not charts_available()  # and the charts' words were read, where charts are drawn
    assert not problems, "\n".join(sorted(set(problems)))


def test_a_key_inside_a_suggested_command_is_a_leak_but_its_iso_input_is_not() -> None:
    from models.governance.files import load_model

    model = load_model("hso-2026").model
    keys = model_keys(model)
    placeholder = "Planlegg med «govbot meetings add --body STYRE --at 2026-12-14T09:00 --as DIN_NØKKEL»."
    assert leaks(placeholder, "nb", model, keys) == []
    person = model.people[0].key
    assert leaks(f"Planlegg med «govbot meetings add --as {person}».", "nb", model, keys) == [
        f"key {person!r}"
    ]
    assert leaks("Levert 2026-12-01T20:44:06.409674+00:00.", "nb", model, keys) != []


def test_a_key_put_back_into_a_real_reply_is_caught(seeded: Seeded) -> None:
    """The walk can fail: a status reply as it is passes, and the same reply with the holder's name swapped
    for the person's key (the "(torbjorn-amundsen)" of issue 15) or a trust's name for «ahus» does not."""
    model = seeded.ctx.model
    keys = model_keys(model)
    message = IncomingMessage(
        f"status på {seeded.references[0]}", Sender("terminal", SECRETARY), channel="terminal"
    )
    reply = handle_message(message, seeded.ctx)
    assert leaks(reply.text, reply.language, model, keys) == []
    person = next(p for p in model.people if p.name in reply.text)
    assert leaks(reply.text.replace(person.name, person.key), "nb", model, keys) == [f"key {person.key!r}"]
    trust = next(t for t in model.health_trusts if t.short_name in reply.text or t.name in reply.text)
    shown = trust.short_name if trust.short_name in reply.text else trust.name
    assert f"key {trust.key!r}" in leaks(reply.text.replace(shown, trust.key), "nb", model, keys)
