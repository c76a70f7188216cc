"""`govbot ask` runs with the cyclic garbage collector paused (bot/cli/collector.py); other commands do not,
and an in-process caller gets the collector back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.cli.collector import paused_for_one_shot
from bot.cli.main import build_parser


@pytest.fixture(autouse=True)
def restore_collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_only_ask_is_one_shot() -> None:
    parser = build_parser()

    assert parser.parse_args(["ask", "hjelp"]).one_shot is True
    for argv in (["chat"], ["serve"], ["import-systems", "systems.csv"]):
        assert getattr(parser.parse_args(argv), "one_shot", False) is False


def test_a_one_shot_pauses_the_collector_and_restores_it() -> None:
    gc.enable()
    with paused_for_one_shot(True):
        assert not gc.isenabled()
        kept = [object()]
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what survived is left out of the interpreter's final collection
    assert kept


def test_other_commands_leave_the_collector_alone() -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    with paused_for_one_shot(False):
        assert gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with paused_for_one_shot(True):
        pass
    assert not gc.isenabled()
