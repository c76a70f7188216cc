"""«Hva er FTL?», "What is Sykehuspartner?": a term explained from the model's glossary, with its source.

Every explanation is the model's (`glossary:` in the model file), in the reply's language, and says
where a seed defines or uses the term, or that the explanation is assumed. A word the glossary does not
hold is said to be missing, with the terms it does hold, rather than answered with something near it.
A decision point («hva står BP3 for?») is answered by the decision-point answer, which says more.
"""

from __future__ import annotations

from handlers.answers.model_rules import answer_decision_point
from handlers.answers.provenance import sourced
from handlers.messages import Language
from handlers.replies import Block, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.glossary_terms import find_terms
from handlers.understanding.tokens import tokenize
from models.governance.schema import GovernanceModel, Term

INTENT = "model.glossary"
MAX_TERMS = 3
"""«Hva er HF og RHF?» explains both; a message naming more than this is answered for the first three."""
QUESTION_WORDS = frozenset(
    """betyr bety står stå menes ment begrep begrepet ordet ord uttrykket forkortelsen forkortelse
    definisjon definisjonen forklar forklaring egentlig noe slags mean means meaning stand stands
    abbreviation acronym term word define definition explain short""".split()
)
"""Words of the question itself, left out when quoting a word the glossary does not hold."""


def answer_glossary(ask: Ask) -> Reply:
    model, language = ask.ctx.model, ask.language
    terms = find_terms(model, ask.message.text)
    if not terms and ask.slots.decision_point:
        return answer_decision_point(ask)
    if not terms:
        return Reply(language, (_missing(model, ask, language),), intent=INTENT)
    blocks: list[Block] = []
    for term in terms[:MAX_TERMS]:
        blocks.extend(term_blocks(term, language))
    return Reply(language, tuple(blocks), intent=INTENT)


def term_blocks(term: Term, language: Language) -> list[Block]:
    """The term's heading (with what an abbreviation stands for), its meaning and its source. In English
    the English word leads and the Norwegian one follows, since that is the word the documents use."""
    english = language == "en"
    heading = (term.term_en or term.term) if english else term.term
    expansion = (term.expansion_en or term.expansion) if english else term.expansion
    if expansion and expansion.casefold() != heading.casefold():
        heading += f" – {expansion}"
    if english and term.term_en and term.term_en.casefold() != term.term.casefold():
        heading += f" ({term.term})"
    elif english and term.expansion and term.expansion_en and term.expansion != term.expansion_en:
        heading += f" ({term.expansion})"
    meaning = term.meaning_en if english else term.meaning
    return [
        Heading(heading[:1].upper() + heading[1:]),
        Paragraph(meaning),
        *sourced(language, term.source, term.assumption),
    ]


def _missing(model: GovernanceModel, ask: Ask, language: Language) -> Paragraph:
    known = ", ".join(term.term for term in model.glossary)
    if not model.glossary:
        return Paragraph(t(language, "glossary.none", region=model.region))
    wanted = set(ask.slots.words) - QUESTION_WORDS
    text = ask.message.text
    asked = " ".join(text[t.start : t.end] for t in tokenize(text) if t.text in wanted)
    if not asked:
        return Paragraph(t(language, "glossary.ask", region=model.region, terms=known))
    return Paragraph(t(language, "glossary.unknown", words=asked, region=model.region, terms=known))
