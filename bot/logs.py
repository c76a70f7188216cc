"""Logging for every entry point: stdlib logging to stderr at the configured level.

Message bodies are personal data in a hospital setting, so callers log them only at DEBUG; INFO and
above carry what happened (intent, language, counts), never what someone wrote.
"""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Route logging to stderr; an unknown level name falls back to WARNING with a warning."""
    resolved = logging.getLevelName(level.strip().upper())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    if isinstance(resolved, int):
        root.setLevel(resolved)
        return
    root.setLevel(logging.WARNING)
    logging.getLogger(__name__).warning("unknown log level %r in GOVBOT_LOG_LEVEL; using WARNING", level)
