"""The sentences of the priority-list form (reorder_form.py) and of the budget year (budget_year.py) in
bokmål and English, registered into handlers/texts.py on import like the frame sentences (texts.py)."""

from __future__ import annotations

from handlers.texts import TEXTS

REORDER_TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "priorities.decision_needed": "Oppgi vedtaket den nye rekkefølgen følger (for eksempel «sak 12/26 i Pasientbehandling»).",
        "priorities.decision_long": "Vedtaksreferansen kan være høyst {limit} tegn.",
        "priorities.twice": "{reference} står to ganger i den nye rekkefølgen.",
        "priorities.other_domain": "{reference} hører ikke til {domain}, så det kan ikke stå på listen der.",
        "priorities.left_out": "{references} står på listen, men mangler i den nye rekkefølgen (listen kan være endret siden skjemaet ble åpnet); ingenting er lagret.",
        "priorities.form.title": "Prioriteringsrekkefølge",
        "priorities.form.submit": "Lagre rekkefølgen",
        "priorities.form.button": "Endre rekkefølgen",
        "priorities.form.intro": "Prioriteringslisten for {domain}: gi hvert initiativ sin nye plass (1 er først), og oppgi vedtaket rekkefølgen følger.",
        "priorities.form.ranked": "{reference} «{title}» (nå nr. {position})",
        "priorities.form.unranked": "{reference} «{title}» (ikke på listen)",
        "priorities.form.unranked_hint": "La stå tomt for å holde det utenfor listen",
        "priorities.form.decision": "Vedtaket rekkefølgen følger",
        "priorities.form.decision_hint": "For eksempel «sak 12/26 i Pasientbehandling»",
        "priorities.form.nothing": "{domain} har ingen åpne initiativer å prioritere.",
        "priorities.form.which": "Hvilket område? Skriv for eksempel «endre prioriteringsrekkefølgen for Pasientbehandling».",
        "priorities.form.terminal_hint": "Skjemaet for hele listen finnes i Slack, Teams og nettchatten. Her flytter du ett initiativ om gangen: «prioriter INI-2026-0004 som nr. 1»; hele listen settes med «govbot priorities set».",
        "priorities.form.not_number": "Skriv plassen som et helt tall, for eksempel 2.",
        "priorities.form.range": "Bruk et nummer fra 1 til {count}.",
        "priorities.form.twice": "Nr. {number} er allerede gitt til {reference}; hvert nummer brukes én gang.",
        "priorities.form.number_needed": "Initiativet står på listen og trenger en plass.",
        "priorities.form.duplicate": "Denne rekkefølgen er allerede lagret; den ble ikke lagret to ganger.",
        "priorities.form.unchanged": "Rekkefølgen for {domain} er uendret; ingenting er lagret.",
        "priorities.form.done": "Ny prioriteringsliste for {domain} (vedtak: {decision})",
        "priorities.form.changed": "{count} initiativ(er) fikk ny plass.",
    },
    "en": {
        "priorities.decision_needed": "Give the decision the new order follows (for example “case 12/26 in Patient treatment”).",
        "priorities.decision_long": "The decision reference can be at most {limit} characters.",
        "priorities.twice": "{reference} is in the new order twice.",
        "priorities.other_domain": "{reference} does not belong to {domain}, so it cannot be on its list.",
        "priorities.left_out": "{references} is on the list but missing from the new order (the list may have changed since the form was opened); nothing was saved.",
        "priorities.form.title": "Priority order",
        "priorities.form.submit": "Save the order",
        "priorities.form.button": "Change the order",
        "priorities.form.intro": "The priority list of {domain}: give each initiative its new place (1 is first), and the decision the order follows.",
        "priorities.form.ranked": "{reference} “{title}” (now no. {position})",
        "priorities.form.unranked": "{reference} “{title}” (not on the list)",
        "priorities.form.unranked_hint": "Leave empty to keep it off the list",
        "priorities.form.decision": "The decision the order follows",
        "priorities.form.decision_hint": "For example “case 12/26 in Patient treatment”",
        "priorities.form.nothing": "{domain} has no open initiatives to prioritise.",
        "priorities.form.which": "Which domain? Write for example “reorder the priority list for Patient treatment”.",
        "priorities.form.terminal_hint": "The form for the whole list is in Slack, Teams and the web chat. Here you move one initiative at a time: “prioritise INI-2026-0004 as no. 1”; the whole list is set with “govbot priorities set”.",
        "priorities.form.not_number": "Write the place as a whole number, for example 2.",
        "priorities.form.range": "Use a number from 1 to {count}.",
        "priorities.form.twice": "No. {number} is already given to {reference}; each number is used once.",
        "priorities.form.number_needed": "The initiative is on the list and needs a place.",
        "priorities.form.duplicate": "This order is already saved; it was not saved twice.",
        "priorities.form.unchanged": "The order of {domain} is unchanged; nothing was saved.",
        "priorities.form.done": "New priority list of {domain} (decision: {decision})",
        "priorities.form.changed": "{count} initiative(s) got a new place.",
    },
}

for _language, _texts in REORDER_TEXTS.items():
    TEXTS[_language].update(_texts)  # type: ignore[index]
