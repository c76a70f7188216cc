"""Recognising what a message asks, in bokmål or English, from its words and the names it contains.

Names come first: a catalogue name found verbatim decides more reliably than any phrasing. Phrasing
decides the rest, and whatever is left once question words are removed is the phrase to look up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from handlers.lookup.catalogue import CatalogueView
from handlers.lookup.names import FUZZY_ACCEPT, Match
from models.catalogue.names import normalise_name
from models.governance.schema import Domain
from models.repositories.catalogue import SystemEntry


class Intent(StrEnum):
    WHO_OWNS = "who_owns"
    DOMAIN_INFO = "domain_info"
    LIST_DOMAINS = "list_domains"
    HELP = "help"
    GREETING = "greeting"
    UNKNOWN = "unknown"


_LIST_DOMAINS = re.compile(
    r"\b(omradestyrer|områdestyrene|områdestyrer|domener|domenene|styringsområder|styringsområdene|"
    r"områdene|domains|domain boards|boards)\b"
)
_HELP = re.compile(r"^(hjelp|help|hva kan du|what can you|hvordan bruker|how do i use|kommandoer|commands)\b")
_GREETING = re.compile(r"^(hei|hallo|heisann|god morgen|god dag|hello|hi|hey|good morning)\b")
_OWNERSHIP = re.compile(
    r"\b(eier|eies|eierskap|eieren|ansvar|ansvarlig|ansvaret|hører|tilhører|forvalter|systemeier|"
    r"owns|own|owner|owned|ownership|responsible|belongs|belong|talk to|contact|kontakt)\b"
)
_DOMAIN_INFO = re.compile(
    r"\b(dekker|omfatter|inneholder|fortell|leder|leder[e]?|sitter|medlemmer|hva er|hva gjør|"
    r"cover|covers|covered|about|runs|run|leads|members|what is|what does)\b"
)
_FILLER = frozenset(
    """hvem hva hvilke hvilket hvilken hvor eier eies eierskap eieren er og det som har ansvar ansvarlig
    ansvaret for hører til tilhører forvalter systemeier av på i om kan du jeg meg vi snakke snakker med
    om område området domene domenet områdestyre områdestyret styringsområde systemet system løsningen
    løsning dekker omfatter fortell leder sitter medlemmer which who what whom does do is are the a an
    of owns own owner owned ownership domain board system responsible for belongs belong to talk contact
    i me can you tell about cover covers runs run leads members please kontakt""".split()
)


@dataclass(frozen=True)
class ParsedMessage:
    intent: Intent
    systems: tuple[Match[SystemEntry], ...] = ()
    domain: Match[Domain] | None = None
    phrase: str = ""
    """The words left when question words are removed: what the user is asking about."""
    suggestions: tuple[Match[SystemEntry], ...] = ()


def remainder(text: str) -> str:
    return " ".join(w for w in normalise_name(text).split() if w not in _FILLER)


def parse(text: str, view: CatalogueView) -> ParsedMessage:
    norm = normalise_name(text)
    phrase = remainder(text)
    if not norm:
        return ParsedMessage(Intent.HELP)
    systems = tuple(view.systems.find_exact(text))
    domains = view.domains.find_exact(text)
    asks_ownership = bool(_OWNERSHIP.search(norm))
    asks_domain = bool(_DOMAIN_INFO.search(norm))

    if _LIST_DOMAINS.search(norm) and not systems:
        return ParsedMessage(Intent.LIST_DOMAINS, phrase=phrase)
    if systems and domains and asks_domain and not asks_ownership:
        return ParsedMessage(Intent.DOMAIN_INFO, domain=domains[0], phrase=phrase)
    if systems:
        return ParsedMessage(Intent.WHO_OWNS, systems=systems, phrase=phrase)
    if domains:
        return ParsedMessage(Intent.DOMAIN_INFO, domain=domains[0], phrase=phrase)
    if _HELP.search(norm):
        return ParsedMessage(Intent.HELP)
    if _GREETING.search(norm) and len(norm.split()) <= 3:
        return ParsedMessage(Intent.GREETING)
    if not phrase:
        return ParsedMessage(Intent.HELP if not asks_ownership else Intent.UNKNOWN)

    fuzzy_systems = tuple(view.systems.find_fuzzy(phrase))
    fuzzy_domains = view.domains.find_fuzzy(phrase, limit=1)
    best_system = fuzzy_systems[0] if fuzzy_systems else None
    best_domain = fuzzy_domains[0] if fuzzy_domains else None
    if (
        best_domain
        and best_domain.score >= FUZZY_ACCEPT
        and (asks_domain or not best_system or best_domain.score > best_system.score)
    ):
        return ParsedMessage(Intent.DOMAIN_INFO, domain=best_domain, phrase=phrase)
    if best_system and best_system.score >= FUZZY_ACCEPT:
        return ParsedMessage(Intent.WHO_OWNS, systems=(best_system,), phrase=phrase)
    if asks_ownership or asks_domain or (fuzzy_systems and len(phrase.split()) <= 3):
        return ParsedMessage(Intent.WHO_OWNS, phrase=phrase, suggestions=fuzzy_systems)
    return ParsedMessage(Intent.UNKNOWN, phrase=phrase)
