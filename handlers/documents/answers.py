"""«Hvor står det at …?» / "Where does it say …?": the passages of the region's own documents that say it.

The model lists its governance documents (`documents:`); the store holds their passages and searches
them with the database's own full-text search (`models/documents/search.py`). The question's content
words are searched in the documents of the reply's language, then in the bokmål ones when an English
question finds nothing there. Each passage is shown with its document and heading; a document that is a
summary written for the model says what it summarises, so a summary is never taken for the text itself.
The files are checked for changes before each search and re-indexed if they changed.
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.replies import Block, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from handlers.understanding.tokens import tokenize
from handlers.understanding.words import function_words
from models.documents.search import Hit, search_passages
from models.governance.schema import GovernanceDocument, GovernanceModel, said

INTENT = "model.documents"
SHOWN = 3
KEEP_RANK = 0.4
"""A passage ranked below this share of the best one is left out: it shares a word, not the point."""
MAX_BODY = 500
QUESTION_WORDS = frozenset(
    """hvor står stå stod sto skrevet skriver sier si sagt finn finne vis vise siter avsnitt avsnittet
    paragraf paragrafen stedet teksten tekst dokument dokumentet dokumentene dokumenter
    styringsdokument styringsdokumentene noe sted nevnt nevner fra hentet dere where does say says said
    written stated state mention mentions mentioned find show quote passage paragraph section text
    document documents governance described describe talk talks point anywhere""".split()
)
"""The question's own words («hvor står det at», "where does it say"), never searched for."""


def answer_where_written(ask: Ask) -> Reply:
    ctx, language, model = ask.ctx, ask.language, ask.ctx.model
    if not model.documents:
        return _reply(language, Paragraph(t(language, "documents.none", region=model.region)))
    words = search_words(ask.message.text)
    if not words:
        return _reply(language, Paragraph(t(language, "documents.ask", region=model.region)))
    ctx.store.refresh_documents()
    with ctx.store.read() as session:
        hits = search_passages(session, ctx.store.model_id, words, language, limit=SHOWN)
        if not hits and language != "nb":
            hits = search_passages(session, ctx.store.model_id, words, "nb", limit=SHOWN)
    if not hits:
        titles = "; ".join(_title(d, language) for d in model.documents)
        text = t(language, "documents.nothing", words=" ".join(words), region=model.region, titles=titles)
        return _reply(language, Paragraph(text))
    best = hits[0].rank
    shown = [hit for hit in hits if best <= 0 or hit.rank >= best * KEEP_RANK]
    blocks: list[Block] = [Heading(t(language, "documents.heading", region=model.region))]
    for hit in shown:
        blocks.extend(_passage(model, hit, language))
    for key in dict.fromkeys(hit.document_key for hit in shown):
        document = _document(model, key)
        if document is not None and document.summarises:
            what = said(document.summarises, language)
            blocks.append(
                Paragraph(t(language, "documents.summary", title=_title(document, language), what=what))
            )
    return _reply(language, *blocks)


def search_words(text: str) -> list[str]:
    """The words to search for: the message's words less function words and the question's own."""
    skip = function_words() | QUESTION_WORDS
    return list(dict.fromkeys(token.text for token in tokenize(text) if token.text not in skip))


def _passage(model: GovernanceModel, hit: Hit, language: Language) -> list[Block]:
    document = _document(model, hit.document_key)
    title = _title(document, hit.language) if document is not None else hit.title
    where = t(language, "documents.where", title=title, heading=hit.heading) if hit.heading else f"«{title}»:"
    body = hit.body if len(hit.body) <= MAX_BODY else hit.body[:MAX_BODY].rsplit(" ", 1)[0] + " …"
    return [Paragraph(where), Paragraph(body)]


def _document(model: GovernanceModel, key: str) -> GovernanceDocument | None:
    return next((d for d in model.documents if d.key == key), None)


def _title(document: GovernanceDocument, language: str) -> str:
    return (document.title_en or document.title) if language == "en" else document.title


def _reply(language: Language, *blocks: Block) -> Reply:
    return Reply(language, blocks, intent=INTENT)
