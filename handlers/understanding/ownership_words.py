"""Whether the asker speaks of their own things: «mine», «forslaget mitt», «hos oss», «vi», "my", "our".

«min» and «mine» are possessives in bokmål and "mine" in English, so one word list serves both
languages. A hit is a slot («<mine>»), so a responder knows to start from the asker's initiatives,
bodies or assignments.
"""

from __future__ import annotations

from handlers.understanding.tokens import Token

MINE_WORDS = frozenset({"mine", "min", "mitt", "mi", "vi", "vår", "vårt", "våre", "my", "our", "ours", "we"})
_HOS_OSS = ("hos", "oss")
LATEST_WORDS = frozenset({"sist", "siste", "forrige", "nyeste", "last", "latest", "previous", "recent"})
"""Words saying the latest is meant («hva besluttet porteføljestyret sist?»): a flag, not a masked slot."""


def find_mine(tokens: list[Token], taken: set[int]) -> list[int]:
    """Indexes of the tokens that say «mine»; «hos oss» counts as both its words."""
    found: list[int] = []
    for i, token in enumerate(tokens):
        if i in taken:
            continue
        if token.text in MINE_WORDS:
            found.append(i)
        elif token.text == _HOS_OSS[0] and i + 1 < len(tokens) and tokens[i + 1].text == _HOS_OSS[1]:
            found.extend((i, i + 1))
    return found
