"""The language words learnt from the examples are kept in the cache directory between processes, keyed
on the examples' bytes; a damaged entry is learnt anew, and the words are the same either way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from handlers import language


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "cache"
    language.keep_learnt_in(None)


def test_learnt_words_are_kept_and_a_damaged_entry_is_learnt_again(cache_dir: Path) -> None:
    language.keep_learnt_in(None)
    learnt = language._learnt()
    assert learnt[0] and learnt[1]

    language.keep_learnt_in(cache_dir)
    assert language._learnt() == learnt
    (entry,) = cache_dir.glob("language-words-*.json")
    language.keep_learnt_in(cache_dir)  # a new process: read from the entry
    assert language._learnt() == learnt
    entry.write_text('{"en": ["zyxword"], "nb": []}', encoding="utf-8")
    language.keep_learnt_in(cache_dir)
    assert language._learnt() == (frozenset({"zyxword"}), frozenset())  # the entry, not the examples

    entry.write_text("{not json", encoding="utf-8")
    language.keep_learnt_in(cache_dir)
    assert language._learnt() == learnt
    assert language.detect("which board owns it?") == "en" and language.detect("hvem eier DIPS?") == "nb"
