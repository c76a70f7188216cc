"""The intent inventory and the labelled example utterances, loaded from data files next to their responders.

Each feature keeps its examples in an `examples.yaml` beside its code (`handlers/initiatives/examples.yaml`,
…), keyed by intent and language, with slots marked `[words](slot)`. The inventory
(`handlers/understanding/intents.yaml`) names every intent, the responder answering it today and the
`Reply.intent` values that count as answering it.

The examples are split once, by a stable hash of their text, into a training part and a held-back part
(about a quarter); examples listed under an intent's `pinned:` key are always trained on. The held-back part exists only to measure: it must never be used to train or tune
anything — not a classifier, not a threshold, not a hand-written pattern — or the figures the
understanding benchmark reports stop meaning anything. The dev set (`../shared/data/conversation-dev.jsonl`)
is never among the examples at all.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from handlers.messages import Language
from handlers.understanding.data_files import load_yaml

HANDLERS = Path(__file__).resolve().parent.parent
INVENTORY = Path(__file__).resolve().parent / "intents.yaml"
EXAMPLES_NAME = "examples.yaml"
HELD_BACK_BUCKETS = 4
"""One bucket in four is held back: about 25 % of the examples."""

Asker = Literal["clinician", "secretariat", "board"]
_SLOT = re.compile(r"\[(?P<words>[^\]]+)\]\((?P<slot>[a-z_]+)\)")
_SPACES = re.compile(r"\s+")


class ExamplesError(ValueError):
    """An examples or inventory file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class IntentSpec:
    name: str
    description: str
    responder: str | None
    replies: tuple[str, ...]
    """The `Reply.intent` values that count as answering this intent today."""
    asker: Asker
    section4: bool
    """Listed in issue 12 §4: must be reached from natural wording."""
    label: dict[str, str]
    """How a clarifying question offers this reading, per language."""
    public: bool
    """Open to a visitor nobody signed in: read-only and nothing personal."""
    order: bool = False
    """An order to change the store («sett INI-… til avvist»): never the reading of a yes/no question."""


@dataclass(frozen=True)
class Slot:
    name: str
    value: str


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    language: Language
    slots: tuple[Slot, ...]
    source: str
    """The examples file, relative to handlers/, so a reader can find the line."""
    pinned: bool = False
    """Listed under `pinned:`: a phrasing the README, the help text or an older test promises works, so it
    is always trained on and never scored (it would measure nothing new)."""

    @property
    def held_back(self) -> bool:
        return not self.pinned and is_held_back(self.text)


def normalised(text: str) -> str:
    """Lower case, single spaces, no trailing punctuation: two spellings of one utterance compare equal."""
    return _SPACES.sub(" ", text.casefold()).strip(" ?!.")


def is_held_back(text: str) -> bool:
    """Stable across runs, machines and Python versions (unlike `hash()`): a digest of the normalised text."""
    digest = hashlib.sha256(normalised(text).encode("utf-8")).digest()
    return digest[0] % HELD_BACK_BUCKETS == 0


def parse_slots(marked: str) -> tuple[str, tuple[Slot, ...]]:
    """`hvem eier [DIPS](system)?` -> (`hvem eier DIPS?`, (Slot("system", "DIPS"),))."""
    slots = tuple(Slot(m.group("slot"), m.group("words")) for m in _SLOT.finditer(marked))
    return _SLOT.sub(lambda m: m.group("words"), marked), slots


@cache
def inventory() -> dict[str, IntentSpec]:
    data = load_yaml(INVENTORY)
    specs: dict[str, IntentSpec] = {}
    for name, entry in (data.get("intents") or {}).items():
        try:
            specs[name] = IntentSpec(
                name=name,
                description=str(entry["description"]),
                responder=entry.get("responder"),
                replies=tuple(entry["replies"]),
                asker=entry["asker"],
                section4=bool(entry.get("section4", False)),
                label={language: str(entry["label"][language]) for language in ("nb", "en")},
                public=_access(name, entry["access"]),
                order=bool(entry.get("order", False)),
            )
        except (KeyError, TypeError) as error:
            raise ExamplesError(f"{INVENTORY.name}: intent {name!r} lacks {error}") from error
    return specs


def _access(intent: str, access: object) -> bool:
    if access not in ("public", "signed_in"):
        raise ExamplesError(f"{INVENTORY.name}: intent {intent!r} access must be public or signed_in")
    return access == "public"


def example_files() -> tuple[Path, ...]:
    return tuple(sorted(HANDLERS.rglob(EXAMPLES_NAME)))


@cache
def examples_digest() -> str:
    """The bytes of the inventory and every examples file, hashed once per process like `all_examples`
    reads them once: the classifier's cache key needs it for every message, and walking the handlers
    tree and reading six files per message was most of the understanding step's time."""
    digest = hashlib.sha256()
    for path in (INVENTORY, *example_files()):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def all_examples() -> tuple[Example, ...]:
    return tuple(example for path in example_files() for example in load_file(path))


def load_file(path: Path) -> list[Example]:
    source = path.relative_to(HANDLERS).as_posix() if path.is_relative_to(HANDLERS) else path.name
    data = load_yaml(path) or {}
    examples: list[Example] = []
    for intent, by_language in data.items():
        if not isinstance(by_language, dict):
            raise ExamplesError(f"{source}: {intent!r} must map nb/en to lists of utterances")
        examples.extend(_utterances(source, intent, by_language, pinned=False))
        pinned = by_language.get("pinned") or {}
        if not isinstance(pinned, dict):
            raise ExamplesError(f"{source}: {intent!r} pinned must map nb/en to lists of utterances")
        examples.extend(_utterances(source, intent, pinned, pinned=True))
    return examples


def _utterances(source: str, intent: str, by_language: dict[str, object], *, pinned: bool) -> list[Example]:
    examples: list[Example] = []
    for language, utterances in by_language.items():
        if language == "pinned" and not pinned:
            continue
        if language not in ("nb", "en"):
            raise ExamplesError(f"{source}: {intent!r} has unknown language {language!r}")
        if not isinstance(utterances, list):
            raise ExamplesError(f"{source}: {intent!r} {language} must be a list of utterances")
        for marked in utterances:
            text, slots = parse_slots(str(marked))
            examples.append(Example(text, intent, language, slots, source, pinned))
    return examples


def training_examples() -> tuple[Example, ...]:
    return tuple(e for e in all_examples() if not e.held_back)


def held_back_examples() -> tuple[Example, ...]:
    """For measuring only (see the module docstring): never train or tune on these."""
    return tuple(e for e in all_examples() if e.held_back)
