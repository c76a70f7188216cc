"""The frame feature's sentences in bokmål and English, registered into handlers/texts.py on import so
`t()` and the CLI's refusals find them like every other sentence (and the same-keys test sees them)."""

from __future__ import annotations

from handlers.texts import TEXTS

FRAME_TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "frames.no_policy": "Styringsmodellen har ingen budsjettrammer.",
        "frames.no_domain": "Fant ikke området «{name}».",
        "frames.denied": "{who} kan ikke sette eller flytte rammer: det gjør {body} ved leder, og vedtaket føres inn av de modellen gir den oppgaven.",
        "frames.bad_year": "{year} er ikke et budsjettår jeg kan bruke.",
        "frames.bad_kind": "«{kind}» er ingen rammetype; bruk investering eller drift.",
        "frames.reference_needed": "Oppgi vedtaket rammen bygger på (for eksempel «PS-sak 12/27»).",
        "frames.identity_number": "Vedtaksreferansen ser ut til å inneholde et fødselsnummer eller D-nummer, så jeg lagret den ikke.",
        "frames.same_domain": "Det er samme område; en flytting går fra ett område til et annet.",
        "frames.move_nothing": "Beløpet som flyttes må være større enn null.",
        "frames.move_too_much": "{domain} har bare {has} MNOK i ramme for {year}, så så mye kan ikke flyttes.",
        "frames.kind.investment": "investering",
        "frames.kind.operating": "drift",
        "frames.set": "Rammen for {kind} i {domain} for {year} er nå {amount} (vedtak: {reference}).",
        "frames.moved": "Flyttet {amount} {kind} for {year} fra {giver} (nå {giver_now}) til {taker} (nå {taker_now}). Vedtak: {reference}.",
        "frames.imported": "Importerte {count} rammer.",
        "frames.none": "Ingen rammer er registrert.",
        "frames.no_amount": "Oppgi --investment, --operating eller begge (MNOK).",
        "frames.line": "{domain} {year}, {kind}: {amount} (vedtak: {reference})",
    },
    "en": {
        "frames.no_policy": "The governance model keeps no budget frames.",
        "frames.no_domain": "I could not find the domain “{name}”.",
        "frames.denied": "{who} may not set or move frames: {body} decides them through its chair, and the decision is entered by those the model gives that task.",
        "frames.bad_year": "{year} is not a budget year I can use.",
        "frames.bad_kind": "“{kind}” is not a kind of frame; use investment or operating.",
        "frames.reference_needed": "Give the decision the frame rests on (for example “PS case 12/27”).",
        "frames.identity_number": "The decision reference seems to contain a national identity number, so I did not store it.",
        "frames.same_domain": "That is the same domain; a move goes from one domain to another.",
        "frames.move_nothing": "The amount to move must be more than zero.",
        "frames.move_too_much": "{domain} has only {has} MNOK of frame for {year}, so that much cannot be moved.",
        "frames.kind.investment": "investment",
        "frames.kind.operating": "operating",
        "frames.set": "The {kind} frame of {domain} for {year} is now {amount} (decision: {reference}).",
        "frames.moved": "Moved {amount} of {kind} for {year} from {giver} (now {giver_now}) to {taker} (now {taker_now}). Decision: {reference}.",
        "frames.imported": "Imported {count} frames.",
        "frames.none": "No frames are recorded.",
        "frames.no_amount": "Give --investment, --operating or both (MNOK).",
        "frames.line": "{domain} {year}, {kind}: {amount} (decision: {reference})",
    },
}

for _language, _texts in FRAME_TEXTS.items():
    TEXTS[_language].update(_texts)  # type: ignore[index]
