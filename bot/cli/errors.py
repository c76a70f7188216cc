"""The CLI's one exit-code scheme, and the errors a user can fix turned into one clear paragraph.

Every command exits with one of the codes below, so a script can tell "you may not / no such thing"
from "you typed it wrong" from "the database is not there". Errors that are not explained here are bugs
and keep their traceback.
"""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_REFUSED = 1
"""Refused or not found: no permission, unknown person, body, meeting, case or initiative, a case not
ready for the agenda, bad rows in an import. Nothing was written unless the message says so."""
EXIT_USAGE = 2
"""Usage or invalid input/configuration: argparse errors, a bad date or value, an identity number in the
input, a date that needs --confirm, a broken model or catalogue file, a bad database URL or setting."""
EXIT_STORE = 3
"""Store unavailable: the database cannot be reached or opened, or stayed busy; try again later."""

SCHEME = """exit codes (every command):
  0  ok
  1  refused or not found (permission, unknown body, meeting, case, initiative or person; bad import rows)
  2  usage or invalid input or configuration (options, dates, values, model file, database URL)
  3  store unavailable (the database cannot be reached or opened, or stayed busy)"""
"""Shown in `govbot --help` and mirrored in README's Commands section."""


def exit_code(exc: BaseException) -> int:
    """The code for an error `explain` knows: the store's own failures are 3, everything else 2."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    return EXIT_STORE if isinstance(exc, OperationalError | InterfaceError) else EXIT_USAGE


def explain(exc: BaseException, language: str = "nb") -> str | None:
    """A message for the user in their language (`--lang`, the locale, else bokmål), or None when the
    error is not one they can fix. The driver's or validator's own detail inside it stays as it came."""
    from pydantic import ValidationError
    from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError

    from bot.composition import ConfigurationError
    from handlers.texts import t
    from models.catalogue.files import CatalogueFileError
    from models.governance.files import ModelFileError
    from models.identity_numbers import IdentityNumberRefused
    from models.store import CatalogueLoadError

    lang = "en" if language == "en" else "nb"
    if isinstance(exc, IdentityNumberRefused):  # the store refused a write: rolled back, nothing stored
        return t(lang, "guard.identity_number")
    if isinstance(exc, ConfigurationError):
        return exc.in_language(lang)
    if isinstance(exc, ModelFileError):
        return t(lang, "cli.error.model_file", problem=exc)
    if isinstance(exc, CatalogueFileError):
        return t(lang, "cli.error.catalogue_file", problem=exc)
    if isinstance(exc, CatalogueLoadError):
        return t(lang, "cli.error.catalogue_load", problem=exc)
    if isinstance(exc, OperationalError | InterfaceError):
        reason = _sentence(str(exc.orig) if exc.orig is not None else str(exc))
        return t(lang, "cli.error.database", reason=reason)
    if isinstance(exc, ArgumentError | NoSuchModuleError):
        return t(lang, "cli.error.database_url_detail", reason=_sentence(str(exc)))
    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
        return t(lang, "cli.error.settings", problems=problems)
    if isinstance(exc, OSError) and exc.filename is not None:
        return t(lang, "cli.error.path", path=exc.filename, reason=exc.strerror or exc)
    return None


def _sentence(text: str) -> str:
    """Driver messages span lines and end with SQLAlchemy's help link; one sentence reads better."""
    text = " ".join(re.sub(r"\(Background on this error at: [^)]*\)", "", text).split())
    return text if text.endswith((".", "?", "!")) else f"{text}."
