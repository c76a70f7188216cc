"""Platform ids turned into tokens that can never look like an identity number.

The identity-number guard checks every stored word, ids included, because a web chat submission id is
whatever the browser sent. Ids the platforms generate (a Slack view's id and hash, a Teams activity id)
are digits and letters at random, and now and then their digits form a valid fødselsnummer: about one
Slack form in a thousand would then be refused for nothing. Their digest, spelt in letters only, keeps
them unique and stable (a retried submission gets the same token) without a digit for the guard to read.
"""

from __future__ import annotations

import hashlib

_DIGITS_AS_LETTERS = str.maketrans("0123456789", "ghijklmnop")


def opaque_id(*parts: str) -> str:
    """32 letters from a-p: the same parts always give the same token."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return digest.translate(_DIGITS_AS_LETTERS)
