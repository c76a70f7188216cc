"""The governance model cache: a cached load equals a fresh one, and a changed file is never served stale.

The cache (models/governance/cache.py) only makes loads faster; every test here checks that what a load
returns is exactly what parsing the file returns, whatever state the cache directory is in.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from models.governance import cache
from models.governance.files import ModelFileError, load_model, parse_model, resolve_model_path


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.iterdir()) if cache_dir.exists() else []


def read_data(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("preset", ["hso-2026", "helse-nord-2026"])
def test_a_cached_load_equals_a_fresh_one(tmp_path: Path, preset: str) -> None:
    first = load_model(preset, cache_dir=tmp_path)
    (entry,) = entries(tmp_path)
    second = load_model(preset, cache_dir=tmp_path)

    path = resolve_model_path(preset)
    assert cache.read(tmp_path, path, second.content_hash) == second.model  # served from the entry
    assert second.model == first.model == parse_model(path, path.read_bytes())
    assert second.content_hash == first.content_hash
    assert entries(tmp_path) == [entry]


def test_a_changed_file_invalidates_its_entry(
    tmp_path: Path, test_model_file: Path, model_writer: Callable[[Path, dict[str, Any]], Path]
) -> None:
    cache_dir = tmp_path / "cache"
    before = load_model(str(test_model_file), cache_dir=cache_dir)
    (entry,) = entries(cache_dir)
    old_entry = entry.read_bytes()
    data = read_data(test_model_file)
    data["domains"][0]["description"] = "Endret beskrivelse etter styrevedtak."
    model_writer(test_model_file, data)

    after = load_model(str(test_model_file), cache_dir=cache_dir)

    assert after.content_hash != before.content_hash
    assert after.model.domains[0].description == "Endret beskrivelse etter styrevedtak."
    assert entries(cache_dir) == [entry]  # the file's one entry was replaced, not joined by another
    assert entry.read_bytes() != old_entry
    assert cache.read(cache_dir, test_model_file.resolve(), before.content_hash) is None
    assert load_model(str(test_model_file), cache_dir=cache_dir).model == after.model


def test_a_file_broken_after_caching_still_fails_to_load(
    tmp_path: Path, test_model_file: Path, model_writer: Callable[[Path, dict[str, Any]], Path]
) -> None:
    cache_dir = tmp_path / "cache"
    load_model(str(test_model_file), cache_dir=cache_dir)
    data = read_data(test_model_file)
    data["domains"][0]["board"] = "no-such-board"
    model_writer(test_model_file, data)

    for _ in range(2):  # and the broken version is not cached either
        with pytest.raises(ModelFileError, match="no body with key 'no-such-board'"):
            load_model(str(test_model_file), cache_dir=cache_dir)


def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, test_model_file: Path) -> None:
    cache_dir = tmp_path / "cache"
    fresh = load_model(str(test_model_file), cache_dir=cache_dir)
    (entry,) = entries(cache_dir)
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])

    assert cache.read(cache_dir, test_model_file.resolve(), fresh.content_hash) is None
    assert load_model(str(test_model_file), cache_dir=cache_dir).model == fresh.model
    assert entry.read_bytes() == whole


class _RunsACommand:
    """What a tampered entry could hold: unpickling it would run a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_tampered_entry_runs_nothing(tmp_path: Path, test_model_file: Path) -> None:
    cache_dir = tmp_path / "cache"
    fresh = load_model(str(test_model_file), cache_dir=cache_dir)
    (entry,) = entries(cache_dir)
    header = cache.FORMAT + cache.entry_key(fresh.content_hash) + b"\n"
    marker = tmp_path / "ran"
    entry.write_bytes(header + pickle.dumps(_RunsACommand(marker)))

    assert load_model(str(test_model_file), cache_dir=cache_dir).model == fresh.model
    assert not marker.exists()


def test_an_unusable_cache_directory_only_costs_speed(tmp_path: Path, test_model_file: Path) -> None:
    not_a_directory = tmp_path / "cache"
    not_a_directory.write_text("a file where the cache directory should be", encoding="utf-8")
    listing = sorted(tmp_path.iterdir())

    loaded = load_model(str(test_model_file), cache_dir=not_a_directory)

    assert loaded.model == load_model(str(test_model_file)).model
    assert sorted(tmp_path.iterdir()) == listing


def _load_key(args: tuple[str, str]) -> str:
    path, cache_dir = args
    return load_model(path, cache_dir=Path(cache_dir)).model.model_dump_json()


def test_concurrent_processes_share_one_cache(tmp_path: Path) -> None:
    """Processes filling and reading the same entry at once all get the same, whole model."""
    cache_dir = tmp_path / "cache"
    jobs = [("hso-2026", str(cache_dir))] * 24
    with ProcessPoolExecutor(max_workers=4) as pool:
        results = set(pool.map(_load_key, jobs))

    assert results == {load_model("hso-2026").model.model_dump_json()}
    assert [p.name for p in entries(cache_dir)] == [
        cache.entry_path(cache_dir, resolve_model_path("hso-2026")).name
    ]
