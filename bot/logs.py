"""Logging for every entry point: stdlib logging to stderr at the configured level.

Message bodies are personal data in a hospital setting, so callers log them only at DEBUG; INFO and
above carry what happened (intent, language, counts), never what someone wrote. Whatever still reaches
a record (a DEBUG body, an exception's text, a library's message) has its identity numbers redacted
when the record is made, so no handler (stderr, a test's capture, a future file or syslog handler)
ever sees one.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from models.identity_numbers import contains_identity_number, redact

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str) -> None:
    """Route logging to stderr; an unknown level name falls back to WARNING with a warning."""
    install_redaction()
    resolved = logging.getLevelName(level.strip().upper())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(redact_record)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    if isinstance(resolved, int):
        root.setLevel(resolved)
        return
    root.setLevel(logging.WARNING)
    logging.getLogger(__name__).warning("unknown log level %r in GOVBOT_LOG_LEVEL; using WARNING", level)


def install_redaction() -> None:
    """Wrap the process's log record factory once, so every record is redacted as it is made."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "redacts_identity_numbers", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        redact_record(record)
        return record

    factory.redacts_identity_numbers = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


def redact_record(record: logging.LogRecord) -> bool:
    """Replace the record's message (and exception text) by their redacted form; keeps the record."""
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a malformed call: keep what the logging module will report
        message = str(record.msg)
    if contains_identity_number(message):
        record.msg, record.args = redact(message), ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text and contains_identity_number(record.exc_text):
        record.exc_text = redact(record.exc_text)
    if record.stack_info and contains_identity_number(record.stack_info):
        record.stack_info = redact(record.stack_info)
    return True
