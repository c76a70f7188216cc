"""Every sentence the bot says, in bokmål and English, in one place.

Templates carry wording only; the facts they are filled with come from the store and the model file.
Keeping both languages side by side makes a missing translation visible in review (and a test checks
that both languages have the same keys).
"""

from __future__ import annotations

from handlers.messages import Language

TEXTS: dict[Language, dict[str, str]] = {
    "nb": {
        "owner.heading": "{system} eies av {domain}",
        "owner.interpreted": "Jeg tolker «{asked}» som {system}.",
        "owner.board": "Områdestyre",
        "owner.cross": "Tverrgående system: berører også {domains}. Koordinerende område: {coordinating}.",
        "owner.cross_no_coordinator": "Tverrgående system: berører også {domains}.",
        "owner.multiple": "Du nevnte flere systemer:",
        "owner.unknown": "«{asked}» finnes ikke i systemkatalogen.",
        "owner.closest": "Nærmeste treff:",
        "owner.no_closest": "Jeg fant ingen navn som ligner. Spør sekretariatet ({secretariat}) om systemet.",
        "owner.ask_which": "Hvilket system lurer du på? Skriv for eksempel «Hvem eier DIPS?»",
        "owner.demo": "Systemkatalogen er demodata.",
        "role.owner": "Områdeeier",
        "role.deputy_owner": "Assisterende områdeeier",
        "role.domain_leader": "Områdeleder",
        "role.secretariat": "Sekretariat",
        "role.chair": "Leder",
        "role.portfolio_manager": "Porteføljeansvarlig",
        "role.final_authority": "endelig beslutningsmyndighet",
        "people.placeholder_note": "Navnene er plassholdere i modellen; rollene er reelle.",
        "domain.heading": "{domain}",
        "domain.covers": "Dekker: {description}",
        "domain.systems": "Systemer i katalogen ({count}): {names}",
        "domain.systems_more": "{names} og {more} til",
        "domain.no_systems": "Ingen systemer i katalogen ennå.",
        "domain.escalates": "Saker av stor betydning eller med konsekvenser utover området går til {body}.",
        "domains.heading": "Områdestyrer i {region} ({count})",
        "domains.above": "Over områdestyrene: {bodies}.",
        "domains.hint": "Spør «Hva dekker <område>?» for innhold og hvem som leder det.",
        "help.heading": "Dette kan jeg svare på",
        "help.items": "Hvem eier et system: «Hvem eier DIPS?»\n"
        "Hva et område dekker og hvem som leder det: «Hva dekker Prehospital?»\n"
        "Hvilke områdestyrer som finnes: «Hvilke områdestyrer finnes?»\n"
        "Jeg svarer på engelsk når du skriver engelsk.",
        "help.privacy": "Ikke skriv pasientopplysninger her.",
        "greeting": "Hei! Jeg er govbot for {region}. Skriv «hjelp» for å se hva jeg kan.",
        "unknown": "Det forsto jeg ikke helt.",
        "unknown.hint": "Skriv «hjelp» for eksempler, eller spør «Hvem eier <system>?».",
        "error.busy": "Systemet er opptatt akkurat nå. Prøv igjen om litt.",
        "error.internal": "Noe gikk galt hos meg. Feilen er logget; prøv igjen, eller kontakt sekretariatet.",
    },
    "en": {
        "owner.heading": "{system} is owned by {domain}",
        "owner.interpreted": "I read «{asked}» as {system}.",
        "owner.board": "Domain board",
        "owner.cross": "Cross-cutting system: also touches {domains}. Coordinating domain: {coordinating}.",
        "owner.cross_no_coordinator": "Cross-cutting system: also touches {domains}.",
        "owner.multiple": "You mentioned several systems:",
        "owner.unknown": "«{asked}» is not in the system catalogue.",
        "owner.closest": "Closest matches:",
        "owner.no_closest": "I found no similar names. Ask the secretariat ({secretariat}) about the system.",
        "owner.ask_which": "Which system do you mean? Try for example “Which domain owns DIPS?”",
        "owner.demo": "The system catalogue is demo data.",
        "role.owner": "Domain owner",
        "role.deputy_owner": "Deputy domain owner",
        "role.domain_leader": "Domain leader",
        "role.secretariat": "Secretariat",
        "role.chair": "Chair",
        "role.portfolio_manager": "Portfolio manager",
        "role.final_authority": "final authority",
        "people.placeholder_note": "The names are placeholders in the model; the roles are real.",
        "domain.heading": "{domain}",
        "domain.covers": "Covers: {description}",
        "domain.systems": "Systems in the catalogue ({count}): {names}",
        "domain.systems_more": "{names} and {more} more",
        "domain.no_systems": "No systems in the catalogue yet.",
        "domain.escalates": "Cases of major significance or with consequences beyond the domain go to {body}.",
        "domains.heading": "Domain boards in {region} ({count})",
        "domains.above": "Above the domain boards: {bodies}.",
        "domains.hint": "Ask “What does <domain> cover?” for its content and who runs it.",
        "help.heading": "What I can answer",
        "help.items": "Who owns a system: “Which domain owns Helsenorge?”\n"
        "What a domain covers and who runs it: “What does Prehospital cover?”\n"
        "Which domain boards exist: “Which domain boards are there?”\n"
        "Jeg svarer på norsk når du skriver norsk.",
        "help.privacy": "Do not write patient information here.",
        "greeting": "Hello! I am govbot for {region}. Type “help” to see what I can do.",
        "unknown": "I did not quite understand that.",
        "unknown.hint": "Type “help” for examples, or ask “Which domain owns <system>?”.",
        "error.busy": "The system is busy right now. Please try again in a moment.",
        "error.internal": "Something went wrong on my side. It is logged; try again or contact the secretariat.",
    },
}


def t(language: Language, key: str, **values: object) -> str:
    return TEXTS[language][key].format(**values)
