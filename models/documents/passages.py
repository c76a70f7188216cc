"""A governance document as passages: each paragraph or list with the heading it stands under.

Markdown: `#` headings open sections (the first-level one is the document's title and heads nothing),
and a passage's heading is its section path, «§5 Organisering og representasjon › Arbeidsutvalget».
Plain text: a short line standing alone without a full stop is a heading. Emphasis marks are dropped so
the reply shows the words, not the markup.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

HEADING_SEPARATOR = " › "
MAX_TEXT_HEADING = 80
"""A plain-text line this short, alone and without a final full stop, is a heading."""
MAX_HEADING = 300
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


@dataclass(frozen=True)
class Passage:
    position: int
    heading: str
    body: str


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_passages(path: Path, data: bytes | None = None) -> list[Passage]:
    raw = data if data is not None else path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _markdown(_blocks(docx_as_markdown(raw)))
    blocks = _blocks(raw.decode("utf-8-sig"))
    if suffix in (".md", ".markdown"):
        return _markdown(blocks)
    return _plain(blocks)


def docx_as_markdown(data: bytes) -> str:
    """A Word document as the Markdown the passages are read from: its Title style the `#` title, «Heading
    N» a section of level N + 1, list paragraphs as items, every other paragraph a block of its own.
    Secretariats keep mandates in Word; python-docx reads the paragraphs and their styles."""
    import io

    from docx import Document

    lines: list[str] = []
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        level = re.fullmatch(r"Heading (\d)", style)
        if style == "Title":
            lines += [f"# {text}", ""]
        elif level is not None:
            lines += [f"{'#' * min(int(level.group(1)) + 1, 6)} {text}", ""]
        elif style.startswith("List"):
            lines.append(f"- {text}")
        else:
            lines += [text, ""]
    return "\n".join(lines)


def _blocks(text: str) -> list[list[str]]:
    """Lines grouped by blank lines; a Markdown heading line is always a block of its own."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip() or _ATX.match(line):
            if current:
                blocks.append(current)
                current = []
            if line.strip():
                blocks.append([line])
            continue
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _markdown(blocks: list[list[str]]) -> list[Passage]:
    sections: list[tuple[int, str]] = []
    passages: list[Passage] = []
    for block in blocks:
        heading = _ATX.match(block[0]) if len(block) == 1 else None
        if heading is not None:
            level = len(heading.group(1))
            sections = [(lvl, title) for lvl, title in sections if lvl < level]
            sections.append((level, _clean(heading.group(2))))
            continue
        path = HEADING_SEPARATOR.join(title for level, title in sections if level > 1)
        passages.append(Passage(len(passages), path[:MAX_HEADING], _join(block)))
    return passages


def _plain(blocks: list[list[str]]) -> list[Passage]:
    heading = ""
    passages: list[Passage] = []
    for block in blocks:
        line = block[0].strip()
        if len(block) == 1 and len(line) <= MAX_TEXT_HEADING and not line.endswith((".", ":", ";", ",")):
            heading = line
            continue
        passages.append(Passage(len(passages), heading[:MAX_HEADING], _join(block)))
    return passages


def _join(block: list[str]) -> str:
    """Prose lines joined with spaces; list items keep their own lines."""
    out: list[str] = []
    for line in block:
        stripped = line.strip()
        if out and not re.match(r"^([-*+]|\d+[.)])\s", stripped):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
    return _clean("\n".join(out))


def _clean(text: str) -> str:
    return _EMPHASIS.sub("", text).strip()
