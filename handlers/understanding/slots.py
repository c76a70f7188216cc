"""What a message names, beside what it asks: the slots the understanding step hands a responder.

Slots are found before the intent is classified, so the classifier sees «hvem eier <system>?» rather
than a system name it has never met, and the responder gets the catalogue entry, the body, the period
or the amount already resolved against the model and the catalogue. Every slot is optional: a
responder that needs one it did not get uses the asker's context (their bodies, their initiatives)
before it asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from handlers.lookup.names import Match
from models.governance.schema import Body, Domain, Term
from models.repositories.catalogue import SystemEntry


@dataclass(frozen=True)
class Period:
    """A stretch of days the user named («i februar», "next week"), both ends inclusive."""

    start: date
    end: date
    words: str
    """What the user wrote, e.g. «neste måned», for the reply's heading."""


@dataclass(frozen=True)
class Span:
    """Where in the message a slot was found, so the classifier can see `<system>` instead of the name."""

    slot: str
    start: int
    end: int


@dataclass(frozen=True)
class Slots:
    systems: tuple[Match[SystemEntry], ...] = ()
    """Catalogue systems named or described (aliases, English and lay words), each once, best first."""
    system_suggestions: tuple[Match[SystemEntry], ...] = ()
    """Near misses offered as «Mente du …?» when no system matched well enough to answer."""
    domain: Match[Domain] | None = None
    """A domain named, or reached through a subject word («patologi» → Utredning og diagnostikk)."""
    body: Match[Body] | None = None
    """Any governance body named: a domain board, the portfolio board, the working committee, …"""
    period: Period | None = None
    day: date | None = None
    """One date named («14. desember», «i morgen»)."""
    amount_mnok: Decimal | None = None
    """An amount threshold in million kroner («over 50 millioner», "more than 50 MNOK")."""
    amount_comparison: str | None = None
    """"above" («over», "more than", «minst»), "below" («under», "less than») or None (just the amount)."""
    reference: str | None = None
    """An initiative reference in canonical form, INI-2026-0042."""
    number: int | None = None
    """A bare number that is not an amount: an assignment or meeting number."""
    decision_point: str | None = None
    """BP1 … BP5."""
    terms: tuple[Term, ...] = ()
    """Glossary terms named («FTL», «STIM»), the glossary's own words only (`glossary_terms.py`)."""
    mine: bool = False
    latest: bool = False
    """The asker means the latest of something («sist», «siste møte», "last time", "latest")."""
    """The asker speaks of their own things («mine», «forslaget mitt», «hos oss», "my")."""
    words: tuple[str, ...] = ()
    """Content words left once question words and slots are removed: the topic («kurveløsning»).

    Function words and the bot's own nouns («møte», «initiativer») are not topic words; a subject word
    that pointed at a domain («legemidler») stays one, since it is what a search looks for."""
    spans: tuple[Span, ...] = field(default=(), compare=False)
