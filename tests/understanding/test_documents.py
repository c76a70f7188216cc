"""«Hvor står det at …?» (issue 13): the region's own governance documents, indexed into the database's
full-text search (FTS5 on SQLite, `to_tsvector` with GIN indexes on PostgreSQL) and answered with the
best passages, their document and heading, through `handle_message`.

The tests write their own documents beside a model file of their own; two tests ask the presets, whose
documents are summaries of the seeds, for a rule the seed states (seed 002 §7, seed 003 §4.4).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.replies import Reply
from models.documents.passages import read_passages
from models.governance.files import ModelFileError, load_model
from models.store import Store, open_store
from models.tables import AuditEntry, DocumentPassage
from tests.understanding.asks import open_nord

MANDATE = """# Mandat for testutvalget

Innledende tekst om testutvalget.

## §3 Møter

Testutvalget møtes hver fjerde uke. Sakspapirene sendes ut senest sju dager før møtet.

## §4 Beslutninger

### Fullmakt

Testutvalget kan beslutte tiltak opp til fem millioner kroner på egen hånd.
"""
MANDATE_EN = """# Test committee mandate

## §3 Meetings

The test committee meets every fourth week. Its papers are sent out at least seven days before the meeting.
"""
NOTES = """Referat og oppfølging

Referatet fra testutvalget skrives av sekretariatet og godkjennes på neste møte.
"""


def ask(ctx: HandlerContext, text: str) -> Reply:
    return handle_message(IncomingMessage(text, Sender("terminal", "kari-nordmann"), channel="terminal"), ctx)


def write_documents(folder: Path) -> None:
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "mandat.md").write_text(MANDATE, encoding="utf-8")
    (folder / "docs" / "mandate.en.md").write_text(MANDATE_EN, encoding="utf-8")
    (folder / "docs" / "referat.txt").write_text(NOTES, encoding="utf-8")


def documents_model(model_data: dict[str, Any], model_writer: Any, folder: Path) -> Path:
    model_data["documents"] = [
        {
            "key": "mandat",
            "title": "Mandat for testutvalget",
            "title_en": "Test committee mandate",
            "file": "docs/mandat.md",
            "file_en": "docs/mandate.en.md",
        },
        {
            "key": "referat",
            "title": "Referatrutiner",
            "file": "docs/referat.txt",
            "summarises": {"nb": "testutvalgets rutiner", "en": "the test committee's routines"},
        },
    ]
    return model_writer(folder / "docs-test.model.yaml", model_data)


@pytest.fixture
def documents_store(database_url: str, model_data: dict[str, Any], model_writer: Any, tmp_path: Path) -> Any:
    write_documents(tmp_path)
    store = open_store(database_url, str(documents_model(model_data, model_writer, tmp_path)))
    try:
        yield store
    finally:
        store.close()


def test_a_question_is_answered_with_the_passage_its_document_and_heading(documents_store: Store) -> None:
    reply = ask(
        HandlerContext(store=documents_store), "hvor står det at sakspapirene skal sendes ut sju dager før?"
    )

    assert reply.intent == "model.documents"
    assert "«Mandat for testutvalget», §3 Møter:" in reply.text
    assert "Sakspapirene sendes ut senest sju dager før møtet." in reply.text
    assert "fem millioner" not in reply.text


def test_a_passage_under_a_subheading_shows_the_whole_heading_path(documents_store: Store) -> None:
    reply = ask(
        HandlerContext(store=documents_store),
        "hvor står det at testutvalget kan beslutte tiltak på egen hånd?",
    )

    assert reply.intent == "model.documents"
    assert "§4 Beslutninger › Fullmakt" in reply.text and "fem millioner kroner" in reply.text


def test_a_plain_text_document_is_searched_and_a_summary_says_what_it_summarises(
    documents_store: Store,
) -> None:
    reply = ask(HandlerContext(store=documents_store), "hvor står det hvem som skriver referatet?")

    assert reply.intent == "model.documents"
    assert "«Referatrutiner», Referat og oppfølging:" in reply.text
    assert "skrives av sekretariatet" in reply.text
    assert "«Referatrutiner» er et sammendrag av testutvalgets rutiner" in reply.text


def test_an_english_question_searches_the_english_document(documents_store: Store) -> None:
    reply = ask(
        HandlerContext(store=documents_store), "where does it say that papers are sent out seven days before?"
    )

    assert reply.language == "en" and reply.intent == "model.documents"
    assert "“Test committee mandate”, §3 Meetings:" in reply.text
    assert "at least seven days before the meeting" in reply.text


def test_an_english_question_with_no_english_passage_falls_back_to_bokmal(documents_store: Store) -> None:
    reply = ask(HandlerContext(store=documents_store), "where does it say that the referat is approved?")

    assert reply.language == "en" and reply.intent == "model.documents"
    assert (
        "“Referatrutiner”, Referat og oppfølging:" in reply.text and "godkjennes på neste møte" in reply.text
    )


def test_nothing_found_is_said_politely_with_the_documents_there_are(documents_store: Store) -> None:
    reply = ask(
        HandlerContext(store=documents_store), "hvor står det noe om permisjonsregler for styremedlemmer?"
    )

    assert reply.intent == "model.documents"
    assert "Jeg fant ikke noe om «permisjonsregler styremedlemmer»" in reply.text
    assert "Mandat for testutvalget; Referatrutiner" in reply.text


def test_a_changed_file_is_reindexed_before_the_next_question(documents_store: Store, tmp_path: Path) -> None:
    ctx = HandlerContext(store=documents_store)
    path = tmp_path / "docs" / "mandat.md"
    path.write_text(MANDATE.replace("senest sju dager", "senest fjorten dager"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))

    reply = ask(ctx, "hvor står det at sakspapirene skal sendes ut før møtet?")

    assert "senest fjorten dager før møtet" in reply.text and "sju dager" not in reply.text
    with documents_store.read() as session:
        actions = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.action == "documents.indexed"))
        )
        bodies = list(session.scalars(select(DocumentPassage.body)))
    assert len(actions) == 2  # at start, and after the change
    assert not any("sju dager" in body for body in bodies)


def test_an_unchanged_file_is_not_indexed_again_when_the_store_is_reopened(
    documents_store: Store, database_url: str, tmp_path: Path
) -> None:
    again = open_store(database_url, str(tmp_path / "docs-test.model.yaml"))
    try:
        with again.read() as session:
            actions = list(
                session.scalars(select(AuditEntry.action).where(AuditEntry.action == "documents.indexed"))
            )
    finally:
        again.close()

    assert actions == ["documents.indexed"]


def test_a_missing_document_file_stops_the_model_with_the_field_named(
    model_data: dict[str, Any], model_writer: Any, tmp_path: Path
) -> None:
    model_data["documents"] = [{"key": "borte", "title": "Borte", "file": "finnes-ikke.md"}]

    with pytest.raises(ModelFileError, match=r"documents\[0\] \(key 'borte'\)\.file: no such file"):
        load_model(str(model_writer(tmp_path / "m.model.yaml", model_data)))


def test_a_word_document_is_searched_under_its_headings(
    database_url: str, model_data: dict[str, Any], model_writer: Any, tmp_path: Path
) -> None:
    """Secretariats keep mandates in Word: its Title and Heading styles give the passages their headings."""
    from docx import Document

    document = Document()
    document.add_heading("Mandat for ordutvalget", level=0)
    document.add_heading("§2 Sammensetning", level=1)
    document.add_paragraph("Ordutvalget har fem medlemmer oppnevnt av administrerende direktør.")
    document.add_heading("§6 Møter", level=1)
    document.add_paragraph("Ordutvalget møtes hver måned, og sakspapirene sendes ut fem dager før.")
    document.save(str(tmp_path / "mandat.docx"))
    model_data["documents"] = [{"key": "word", "title": "Mandat for ordutvalget", "file": "mandat.docx"}]
    store = open_store(database_url, str(model_writer(tmp_path / "m.model.yaml", model_data)))
    try:
        reply = ask(HandlerContext(store=store), "hvor står det hvor mange medlemmer ordutvalget har?")
    finally:
        store.close()

    assert reply.intent == "model.documents"
    assert "«Mandat for ordutvalget», §2 Sammensetning:" in reply.text
    assert "fem medlemmer oppnevnt" in reply.text


def test_an_unreadable_kind_of_file_is_refused_as_a_governance_document(
    model_data: dict[str, Any], model_writer: Any, tmp_path: Path
) -> None:
    model_data["documents"] = [{"key": "pdf", "title": "PDF", "file": "mandat.pdf"}]

    with pytest.raises(ModelFileError, match="Markdown, plain text or Word"):
        load_model(str(model_writer(tmp_path / "m.model.yaml", model_data)))


def test_markdown_is_split_into_passages_under_their_headings(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text(
        "# Tittel\n\nFørste.\n\n## A\n\n- ett\n- to\n\n### B\n\nTredje **viktig** linje\nfortsetter.\n",
        encoding="utf-8",
    )

    passages = [(p.heading, p.body) for p in read_passages(path)]

    assert passages == [("", "Første."), ("A", "- ett\n- to"), ("A › B", "Tredje viktig linje fortsetter.")]


def test_hso_papers_rule_is_found_in_the_mandate_summary_at_section_7(context: HandlerContext) -> None:
    """Seed 002 §7: «Saksgrunnlaget skal sendes ut minst 10 dager i forkant av møter»."""
    reply = ask(context, "hvor står det at saksgrunnlaget skal sendes ut 10 dager før møtet?")

    assert reply.intent == "model.documents"
    assert "§7 Møtestruktur" in reply.text and "10 dager" in reply.text
    assert "er et sammendrag av sak 002" in reply.text


@pytest.fixture
def nord(database_url: str) -> Any:
    yield from open_nord(database_url)


def test_helse_nord_escalation_is_found_at_section_4_4(nord: HandlerContext) -> None:
    """Seed 003 §4.4: «eventuelle uenigheter eskaleres til Digitaliseringsstyret»."""
    reply = ask(nord, "where does it say that disagreements are escalated to the digitalisation board?")

    assert reply.language == "en" and reply.intent == "model.documents"
    assert "§4.4 Infrastructure, security and preparedness" in reply.text
    assert "escalated to the digitalisation board" in reply.text
