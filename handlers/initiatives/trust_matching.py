"""Health trusts as people type them: «OUS», «Oslo universitetssykehus», «vestre viken», «Sykehuset Østfold».

The form's choice list sends keys; the terminal dialog, Slack's text fields and the CLI get what a person
writes, which is rarely the key or the registered name with its «HF». A near miss («Vestre Vikn») is
accepted only when one trust is clearly closest, so a typo never routes an initiative to the wrong trust.
"""

from __future__ import annotations

import re

from models.governance.schema import GovernanceModel

NEAR_MISS = 88
"""rapidfuzz ratio (0-100) a label must reach to be taken for a typo of it."""
CLEAR_LEAD = 4
"""…and by how much it must beat the next trust's best label."""
_SUFFIX = re.compile(r"\s+(?:hf|rhf)$")


def label_key(text: str) -> str:
    """«Vestre Viken HF», «vestre-viken» and «vestre  viken» are one label."""
    folded = " ".join(text.casefold().replace("-", " ").replace("_", " ").split())
    return _SUFFIX.sub("", folded)


def trust_index(model: GovernanceModel) -> dict[str, str]:
    """Every way the model names a trust (key, short name, name, each without «HF»), to its key."""
    index: dict[str, str] = {}
    for trust in model.health_trusts:
        for label in (trust.key, trust.short_name, trust.name):
            index[label_key(label)] = trust.key
    return index


def match_trust(text: str, index: dict[str, str]) -> str | None:
    wanted = label_key(text)
    if wanted in index:
        return index[wanted]
    if len(wanted) < 4:  # «OU» is no near miss of «OUS»: too short to tell a typo from another trust
        return None
    from rapidfuzz import fuzz

    best: dict[str, float] = {}
    for label, key in index.items():
        best[key] = max(best.get(key, 0.0), fuzz.ratio(wanted, label))
    ranked = sorted(best.items(), key=lambda pair: -pair[1])
    if not ranked or ranked[0][1] < NEAR_MISS:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < CLEAR_LEAD:
        return None
    return ranked[0][0]
