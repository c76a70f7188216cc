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
    text = (data if data is not None else path.read_bytes()).decode("utf-8-sig")
    blocks = _blocks(text)
    if path.suffix.lower() in (".md", ".markdown"):
        return _markdown(blocks)
    return _plain(blocks)


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
