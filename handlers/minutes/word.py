"""Minutes and agendas as Word documents (.docx), which is what secretariats circulate.

Built with python-docx from the same `Written` text chat shows, so the document and the chat answer
never disagree: a title, the status (a draft says so), the meeting's facts, then one numbered heading
per case with its decision.
"""

from __future__ import annotations

import io

from docx import Document

from handlers.minutes.content import Written


def document_bytes(text: Written, status: str | None, empty: str) -> bytes:
    doc = Document()
    doc.core_properties.title = text.title
    doc.add_heading(text.title, level=0)
    if status:
        doc.add_paragraph(status).runs[0].bold = True
    table = doc.add_table(rows=0, cols=2)
    for label, value in text.facts:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    if text.note:
        doc.add_paragraph(text.note).runs[0].italic = True
    for case in text.cases:
        doc.add_heading(case.heading, level=2)
        for line in case.lines:
            doc.add_paragraph(line)
    if not text.cases:
        doc.add_paragraph(empty)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
