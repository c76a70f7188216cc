"""Which files a model's governance documents are, and whether they changed since the last look.

Kept free of the indexing code (stemmers, the parser) so a store opened for a model without documents,
or with unchanged ones, imports none of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.governance.schema import GovernanceModel


@dataclass(frozen=True)
class DocumentFile:
    key: str
    language: str
    title: str
    path: Path


def document_files(model: GovernanceModel, model_dir: Path) -> list[DocumentFile]:
    found: list[DocumentFile] = []
    for document in model.documents:
        found.append(DocumentFile(document.key, "nb", document.title, model_dir / document.file))
        if document.file_en:
            title = document.title_en or document.title
            found.append(DocumentFile(document.key, "en", title, model_dir / document.file_en))
    return found


@dataclass
class FileWatch:
    """Sizes and modification times seen at the last check, per file: an unchanged stat is not re-read."""

    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def changed(self, paths: list[Path]) -> bool:
        now = {}
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            now[path] = (stat.st_mtime_ns, stat.st_size)
        if now == self.seen:
            return False
        self.seen = now
        return True

    def forget(self) -> None:
        self.seen = {}
