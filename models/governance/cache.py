"""A per-user cache of validated governance models, so a one-shot command skips YAML and validation.

Every `govbot ask` is a fresh process. Parsing a 100 KB model file with YAML, building pydantic's
validators for the schema and validating cost about 40 ms of CPU on each start, for a file that changes
by board decision. The validated model is pickled into the cache directory instead, keyed on everything
its validity depends on: the model file's bytes, the schema's source, and the pydantic and Python
versions. Anything else (no entry, a stale, corrupt or unreadable one, an unwritable directory) means an
ordinary load: the cache changes how fast a model loads, never what is loaded.

Entries are written to a temporary file and renamed into place, so concurrent processes read either a
whole old entry (its key no longer matches: a miss) or a whole new one. The unpickler resolves only the
schema's own classes and `datetime.date`, so an altered file cannot run code; it can at worst describe
a model, and the file it is keyed on is what decides which one.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import pickle
import sys
import tempfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import VERSION as PYDANTIC_VERSION

from models.governance import schema
from models.governance.schema import GovernanceModel

log = logging.getLogger(__name__)

FORMAT = b"govbot-model-cache 1\n"
"""Changes whenever the entry layout changes, so older entries are misses rather than errors."""


def entry_path(cache_dir: Path, model_path: Path) -> Path:
    """One entry per model file: a changed file overwrites its old entry instead of piling up beside it."""
    name = hashlib.sha256(str(model_path).encode("utf-8")).hexdigest()[:24]
    return cache_dir / f"model-{name}.pickle"


def entry_key(content_hash: str) -> bytes:
    """What an entry is valid for: the file's content, the schema's code and the libraries that pickle it."""
    parts = (content_hash, _schema_fingerprint(), PYDANTIC_VERSION, sys.version)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest().encode("ascii")


def read(cache_dir: Path, model_path: Path, content_hash: str) -> GovernanceModel | None:
    """The cached model for exactly this content, or None (a miss) for any reason at all."""
    try:
        data = entry_path(cache_dir, model_path).read_bytes()
    except OSError:
        return None
    header = FORMAT + entry_key(content_hash) + b"\n"
    if not data.startswith(header):
        return None
    try:
        model = _SchemaUnpickler(io.BytesIO(data[len(header) :])).load()
    except Exception as exc:  # a damaged or foreign entry is a miss, and the load rewrites it
        log.debug("ignoring unreadable model cache entry: %s", type(exc).__name__)
        return None
    return model if isinstance(model, GovernanceModel) else None


def write(cache_dir: Path, model_path: Path, content_hash: str, model: GovernanceModel) -> None:
    """Store the entry atomically; failing to (read-only or full disk) only costs the next start time."""
    header = FORMAT + entry_key(content_hash) + b"\n"
    payload = header + pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    target = entry_path(cache_dir, model_path)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=cache_dir, prefix=".model-", suffix=".tmp")
    except OSError as exc:
        log.debug("not caching the governance model: %s", exc)
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(temp, target)
    except OSError as exc:
        log.debug("not caching the governance model: %s", exc)
        with contextlib.suppress(OSError):
            os.unlink(temp)


@cache
def _schema_fingerprint() -> str:
    """The schema module's source: a new field or validator in an upgrade invalidates every entry."""
    return hashlib.sha256(Path(schema.__file__).read_bytes()).hexdigest()


class _SchemaUnpickler(pickle.Unpickler):
    """Resolves only the classes a governance model is made of; anything else is refused, not imported."""

    def find_class(self, module: str, name: str) -> Any:
        if module == schema.__name__:
            found = getattr(schema, name, None)
            if isinstance(found, type) and found.__module__ == schema.__name__:
                return found
        if (module, name) == ("datetime", "date"):
            return date
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a governance model")
