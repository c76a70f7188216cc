"""Finding and reading governance model files, with errors a secretariat can act on.

A broken model file must stop the bot before it answers anything, and the message must name the file,
the field and what is wrong, because the person fixing it edits YAML, not Python.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from models.governance import cache
from models.governance.schema import GovernanceModel

PRESETS_DIR = Path(__file__).resolve().parent.parent / "presets"


class ModelFileError(Exception):
    """A model file that cannot be used; `str()` is the whole explanation for the user."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"The governance model file {self.path} is not valid:\n{lines}")


@dataclass(frozen=True)
class LoadedModel:
    model: GovernanceModel
    path: Path
    content_hash: str

    def document_paths(self) -> list[tuple[str, str, Path]]:
        """(document key, language, file) for every governance document file, beside the model file."""
        found: list[tuple[str, str, Path]] = []
        for document in self.model.documents:
            found.append((document.key, "nb", self.path.parent / document.file))
            if document.file_en:
                found.append((document.key, "en", self.path.parent / document.file_en))
        return found

    @property
    def demo_catalogue_path(self) -> Path | None:
        if self.model.demo_catalogue is None:
            return None
        return self.path.parent / self.model.demo_catalogue


def preset_names() -> list[str]:
    return sorted(p.name.removesuffix(".model.yaml") for p in PRESETS_DIR.glob("*.model.yaml"))


def resolve_model_path(name_or_path: str) -> Path:
    """A preset name (`hso-2026`) or a path to a model file."""
    preset = PRESETS_DIR / f"{name_or_path}.model.yaml"
    if preset.is_file():
        return preset
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path.resolve()
    raise ModelFileError(
        name_or_path,
        [f"no such file, and not a preset name (presets: {', '.join(preset_names())})"],
    )


def load_model(name_or_path: str, *, cache_dir: Path | None = None) -> LoadedModel:
    """Read and validate a model file; with `cache_dir`, a file seen before loads from the cache.

    Only valid models are cached, so a broken file fails here on every start, cache or not.
    """
    path = resolve_model_path(name_or_path)
    raw = path.read_bytes()
    content_hash = hashlib.sha256(raw).hexdigest()
    model = cache.read(cache_dir, path, content_hash) if cache_dir is not None else None
    if model is None:
        model = parse_model(path, raw)
        if cache_dir is not None:
            cache.write(cache_dir, path, content_hash, model)
    loaded = LoadedModel(model=model, path=path, content_hash=content_hash)
    missing = [
        f"documents[{i}] (key '{document.key}').{field}: no such file beside the model ({name})"
        for i, document in enumerate(model.documents)
        for field, name in (("file", document.file), ("file_en", document.file_en))
        if name is not None and not (path.parent / name).is_file()
    ]
    if missing:
        raise ModelFileError(path, missing)
    return loaded


def parse_model(path: Path, raw: bytes) -> GovernanceModel:
    """YAML to a validated model; PyYAML is imported here because a cached load never needs it."""
    import yaml

    try:
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe; C if available
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise ModelFileError(path, [f"{where}not valid YAML ({getattr(exc, 'problem', exc)})"]) from exc
    if not isinstance(data, dict):
        raise ModelFileError(path, ["the file must hold a mapping (key: value) at the top level"])
    try:
        return GovernanceModel.model_validate(data)
    except ValidationError as exc:
        raise ModelFileError(path, [_describe(error, data) for error in exc.errors()]) from exc


def _describe(error: Any, data: dict[str, Any]) -> str:
    """`domains[2] (key 'prehospital').board: Field required` rather than pydantic's tuple locations."""
    parts: list[str] = []
    node: Any = data
    for loc in error["loc"]:
        if isinstance(loc, int):
            label = f"[{loc}]"
            node = node[loc] if isinstance(node, list) and loc < len(node) else None
            if isinstance(node, dict) and "key" in node:
                label += f" (key '{node['key']}')"
            elif isinstance(node, dict) and "person" in node:
                label += f" (person '{node['person']}')"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(loc))
            node = node.get(loc) if isinstance(node, dict) else None
    field = "".join(parts) or "(top level)"
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown field (check the spelling)"
    elif error["type"] == "value_error":
        message = message.removeprefix("Value error, ")
    return f"{field}: {message}"
