"""The outcomes a decision can have, and the words people write for them in bokmål and English."""

from __future__ import annotations

from models.tables.decisions import OUTCOMES

WORDS: dict[str, str] = {
    "approved": "approved",
    "approve": "approved",
    "vedtatt": "approved",
    "godkjent": "approved",
    "godkjenn": "approved",
    "rejected": "rejected",
    "reject": "rejected",
    "avvist": "rejected",
    "avslått": "rejected",
    "postponed": "postponed",
    "postpone": "postponed",
    "deferred": "postponed",
    "utsatt": "postponed",
    "referred": "referred",
    "sent on": "referred",
    "sendt videre": "referred",
    "oversendt": "referred",
    "videresendt": "referred",
    "noted": "noted",
    "tatt til orientering": "noted",
    "orientering": "noted",
    "til orientering": "noted",
}


def parse_outcome(text: str) -> str | None:
    wanted = " ".join(text.casefold().replace("_", " ").split()).strip(" .!:")
    return wanted if wanted in OUTCOMES else WORDS.get(wanted)
