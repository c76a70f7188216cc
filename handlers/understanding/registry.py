"""Which responder answers which intent, as the inventory (intents.yaml) names it.

The inventory is data; this module turns each `responder:` path into the function once per process,
so a typo in the file fails at start (and in a test) rather than on the first user who asks.
"""

from __future__ import annotations

import importlib
import inspect
from functools import cache

from handlers.understanding.asking import IntentResponder
from handlers.understanding.examples import inventory


class RegistryError(LookupError):
    """An intent's responder path does not name a function."""


@cache
def responders() -> dict[str, IntentResponder]:
    found: dict[str, IntentResponder] = {}
    for name, spec in inventory().items():
        if spec.responder is None:
            continue
        found[name] = _resolve(name, spec.responder)
    return found


def responder_for(intent: str) -> IntentResponder | None:
    return responders().get(intent)


def _resolve(intent: str, path: str) -> IntentResponder:
    module_name, _, attribute = path.rpartition(".")
    try:
        function = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise RegistryError(f"intents.yaml: {intent}'s responder {path!r} does not exist") from error
    if list(inspect.signature(function).parameters)[:1] != ["ask"]:
        raise RegistryError(f"intents.yaml: {intent}'s responder {path!r} does not take an Ask")
    return function
