"""Why a catalogue row was refused, in bokmål and English (issue 15: the CLI speaks the user's language).

The importer lives in `models/`, which never imports the handlers' texts, so a reason is kept as a key
with its values and worded here, where the catalogue's own words belong; `govbot import-systems --lang`
prints them in the reader's language, and the store's first-run import (a broken demo catalogue, a
developer's problem) in English. The column names (name, domain, cross_domains, …) stay as the file's
header row spells them; the domains a row may name are listed by their names in the reader's language,
which the importer accepts as well as the keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Language = Literal["nb", "en"]

REASON_TEXTS: dict[Language, dict[str, str]] = {
    "nb": {
        "name_empty": "name er tom",
        "name_long": "name er lengre enn {limit} tegn",
        "description_empty": "description er tom",
        "description_long": "description er lengre enn {limit} tegn",
        "domain_empty": "domain er tom",
        "unknown_domain": "ukjent område «{value}» (kjente: {known_nb})",
        "unknown_cross_domain": "ukjent område «{value}» i cross_domains (kjente: {known_nb})",
        "unknown_coordinating": "ukjent coordinating_domain «{value}»",
        "coordinating_not_listed": "coordinating_domain må være eierområdet eller et av cross_domains",
        "too_many_aliases": "mer enn {limit} aliaser",
        "alias_long": "aliaset «{alias}…» er lengre enn {limit} tegn",
        "name_used_in_row": "navnet eller aliaset «{label}» er allerede brukt i rad {row}",
        "same_system": "samme system som rad {row}",
        "name_taken": "navnet eller aliaset «{label}» hører allerede til «{owner}»",
    },
    "en": {
        "name_empty": "name is empty",
        "name_long": "name is longer than {limit} characters",
        "description_empty": "description is empty",
        "description_long": "description is longer than {limit} characters",
        "domain_empty": "domain is empty",
        "unknown_domain": "unknown domain '{value}' (known: {known_en})",
        "unknown_cross_domain": "unknown domain '{value}' in cross_domains (known: {known_en})",
        "unknown_coordinating": "unknown coordinating_domain '{value}'",
        "coordinating_not_listed": "coordinating_domain must be the owning domain or one of cross_domains",
        "too_many_aliases": "more than {limit} aliases",
        "alias_long": "alias '{alias}…' is longer than {limit} characters",
        "name_used_in_row": "name or alias '{label}' is already used in row {row}",
        "same_system": "same system as row {row}",
        "name_taken": "name or alias '{label}' already belongs to '{owner}'",
    },
}


@dataclass(frozen=True)
class Reason:
    key: str
    values: dict[str, object] = field(default_factory=dict)

    def text(self, language: Language = "en") -> str:
        return REASON_TEXTS[language][self.key].format(**self.values)
