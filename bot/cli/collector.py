"""The cyclic garbage collector during a one-shot command (`govbot ask`).

Start-up creates some 80,000 objects (SQLAlchemy's mappers, pydantic's validators, the handlers, the
governance model) that all live until the process exits a moment later. The cyclic collector would
traverse them again and again while they are created, and once more at interpreter exit, without
finding anything to free: about a quarter of `govbot ask`'s CPU time (benchmarks/footprint.py).

So a one-shot command runs with the collector paused; reference counting still frees everything else
as soon as it is unused. At the end the surviving objects are frozen (`gc.freeze`), which the
interpreter's final collection skips, and the collector's previous state is restored for an
in-process caller. Long-running commands (`chat`, `serve`) and bulk work (`import-systems`) keep the
collector as it is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_for_one_shot(one_shot: bool) -> Iterator[None]:
    if not one_shot:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
