"""The CLI's entry guard: no command runs with an identity number anywhere in its arguments.

Meeting places, agenda titles, reasons, questions, search text, comments and ids are all free text on
the command line, and argparse itself echoes a bad value back in its error message. So the raw
arguments are checked before they are parsed, and a refusal says why without repeating the number.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from handlers.messages import Language

EXIT_REFUSED = 2
"""Invalid input, like every other error the user can fix (bot/cli/errors.py EXIT_USAGE); kept as a
literal so this guard, which runs before anything else, imports nothing heavy."""


def refused_arguments(argv: Sequence[str]) -> int | None:
    """Print the refusal and return the exit code when an argument holds a number; None otherwise."""
    from handlers.texts import t
    from models.identity_numbers import contains_identity_number

    if not any(contains_identity_number(argument) for argument in argv):
        return None
    print(t(_language(argv), "guard.identity_number"), file=sys.stderr)
    return EXIT_REFUSED


def _language(argv: Sequence[str]) -> Language:
    """English when the command was asked to speak it (`--lang en`); bokmål otherwise."""
    arguments = list(argv)
    for position, argument in enumerate(arguments):
        if argument == "--lang=en" or (
            argument == "--lang" and arguments[position + 1 : position + 2] == ["en"]
        ):
            return "en"
    return "nb"
