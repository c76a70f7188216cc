"""One normal form for system and domain names, shared by the importer and the matcher.

People type "DIPS-Arena", "dips arena" and "Dips  Arena"; all must land on the same key.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def normalise_name(text: str) -> str:
    """Lower-case, punctuation as spaces, single spaces; keeps æøå so Norwegian words stay distinct."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def slugify(text: str) -> str:
    """A stable ASCII key for URLs and references (`Økonomi og styring` → `okonomi-og-styring`)."""
    folded = normalise_name(text).translate(_FOLD)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "-".join(folded.split())[:60] or "system"
