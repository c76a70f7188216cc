"""Which role a "who is …?" question about a body asks for: a sub-slot of `body.people`.

«Hvem er områdeeier for Byggteknologi?» asks for the owner, "Who chairs the portfolio board?" for the
chair, «Hvem er med i arbeidsutvalget?» for the members. The answer names that role first, so the word
list only has to tell these apart; it is checked in order because «områdeleder» contains «leder».
Each asked role maps to the model's roles (`models.governance.schema.Role`) that answer it, best first:
in HSØ's domain boards the owner leads the board (seed 000 §2.3), so "who chairs" is answered by the
owner where the model names no chair.
"""

from __future__ import annotations

import re

from models.catalogue.names import normalise_name

ASKED_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("deputy_owner", re.compile(r"\b(assisterende områdeeier|nestleder|deputy|vice chair)\b")),
    ("domain_leader", re.compile(r"\b(områdeleder|områdelederen|domain leader)\b")),
    ("owner", re.compile(r"\b(områdeeier|områdeeieren|eier|eieren|domain owner|owner|owns)\b")),
    ("secretariat", re.compile(r"\b(sekretær|sekretæren|sekretariat|sekretariatet|secretary|secretariat)\b")),
    (
        "members",
        re.compile(
            r"\b(medlem|medlemmer|medlemmene|med i|sitter i|sitter med|representert|members|member|"
            r"sits on|sit on|sits in|sit in|represented)\b"
        ),
    ),
    (
        "chair",
        re.compile(r"\b(leder|lederen|leier|ledes|styreleder|chair|chairs|chaired|leads|led by|head)\b"),
    ),
)

MODEL_ROLES: dict[str, tuple[str, ...]] = {
    "chair": ("chair", "owner"),
    "owner": ("owner",),
    "deputy_owner": ("deputy_owner",),
    "domain_leader": ("domain_leader",),
    "secretariat": ("secretariat",),
}
"""The model roles that answer an asked role, best first; "members" means everyone on the roster."""


def asked_role(text: str) -> str | None:
    """The role a question asks for, or None when it just asks who is in charge of a body."""
    norm = normalise_name(text)
    for role, pattern in ASKED_ROLES:
        if pattern.search(norm):
            return role
    return None
