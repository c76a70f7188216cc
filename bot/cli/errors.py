"""Turning the errors a user can fix into one clear paragraph instead of a traceback.

Only errors caused by configuration or input files are explained here (exit code 2); anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations

import re


def explain(exc: BaseException) -> str | None:
    """A message for the user, or None when the error is not one they can fix."""
    from pydantic import ValidationError
    from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError

    from bot.composition import ConfigurationError
    from handlers.texts import t
    from models.catalogue.files import CatalogueFileError
    from models.governance.files import ModelFileError
    from models.identity_numbers import IdentityNumberRefused
    from models.store import CatalogueLoadError

    if isinstance(exc, IdentityNumberRefused):  # the store refused a write: rolled back, nothing stored
        return t("nb", "guard.identity_number")
    if isinstance(exc, ConfigurationError):
        return str(exc)
    if isinstance(exc, ModelFileError):
        return f"{exc}\nNothing was started; fix the file and try again."
    if isinstance(exc, CatalogueFileError):
        return f"Cannot read the catalogue file: {exc}. Nothing was imported."
    if isinstance(exc, CatalogueLoadError):
        return f"Cannot load the model's demo catalogue: {exc}. Nothing was loaded."
    if isinstance(exc, OperationalError | InterfaceError):
        reason = _sentence(str(exc.orig) if exc.orig is not None else str(exc))
        return (
            f"Cannot use the database: {reason} Check GOVBOT_DATABASE_URL (or --database-url) "
            "and that the database server is running."
        )
    if isinstance(exc, ArgumentError | NoSuchModuleError):
        return (
            f"The database URL is not valid: {_sentence(str(exc))} Use e.g. sqlite:///path/to/govbot.db "
            "or postgresql://user@host:5432/govbot."
        )
    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
        return f"Invalid configuration in the environment: {problems}."
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"Cannot use {exc.filename}: {exc.strerror or exc}. Check the path and its permissions."
    return None


def _sentence(text: str) -> str:
    """Driver messages span lines and end with SQLAlchemy's help link; one sentence reads better."""
    text = " ".join(re.sub(r"\(Background on this error at: [^)]*\)", "", text).split())
    return text if text.endswith((".", "?", "!")) else f"{text}."
