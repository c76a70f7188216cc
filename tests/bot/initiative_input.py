"""One valid initiative as a person would type it, shared by the Slack, Teams and web chat tests."""

from __future__ import annotations

import re

GOOD = {
    "title": "Digital innsjekk på poliklinikken",
    "need": "Pasienter står i kø ved skranken og mister timer fordi innsjekken er manuell.",
    "change": "Innsjekk på mobil og på skjerm i venterommet, koblet til timeboken.",
    "benefit": "Kortere kø og færre uteblitte timer.",
    "trusts": "ahus",
    "contact": "Kari Tester, poliklinikken",
}
BAD = {**GOOD, "title": "x", "need": "for kort"}
REFERENCE = re.compile(r"\bINI-\d{4}-\d{4}\b")
