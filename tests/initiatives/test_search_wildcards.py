"""`søk etter initiativer om …` as a user types it: `%`, `_` and `\\` are letters, not LIKE wildcards.

Two initiatives are submitted through `govbot initiatives submit`; one has «100% digital» and
«kurve_2» in its title, the other neither. Every search runs as `govbot ask` on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.initiatives.conftest import valid_values

LITERAL = valid_values(title="Kurveløsning 100% digital, fase kurve_2 med sti C:\\kurve")
PLAIN = valid_values(title="Kartvisning av ledige ambulanser i AMK")


def _submit(cli, database_url: str, tmp_path: Path, values: dict[str, object]) -> str:
    path = tmp_path / "initiative.json"
    path.write_text(json.dumps(values), encoding="utf-8")
    submitted = cli("initiatives", "submit", "--file", str(path), database_url=database_url)
    assert submitted.returncode == 0, submitted.stderr
    return next(w for w in submitted.stdout.split() if w.startswith("INI-"))


# question → whether it finds the literal initiative; none of them may find the plain one
CASES = {
    "søk etter initiativer om %": False,  # one character: too short to search for, so it finds nothing
    "søk etter initiativer om %%": False,
    "søk etter initiativer om 100%": True,
    "søk etter initiativer om 0%_d": False,
    "søk etter initiativer om __": False,
    "søk etter initiativer om e_2": True,
    "søk etter initiativer om kurve_": True,
    "search for initiatives about C:\\kurve": True,
    "search for initiatives about C:\\\\kurve": False,
}


def test_wildcards_match_only_themselves(cli, database_url: str, tmp_path: Path) -> None:
    literal = _submit(cli, database_url, tmp_path, LITERAL)
    plain = _submit(cli, database_url, tmp_path, PLAIN)
    wrong = {}
    for question, finds_literal in CASES.items():
        answer = cli("ask", question, database_url=database_url)
        assert answer.returncode == 0, answer.stderr
        if plain in answer.stdout or (literal in answer.stdout) is not finds_literal:
            wrong[question] = answer.stdout
    assert wrong == {}
    both = cli("ask", "søk etter initiativer om AMK", database_url=database_url).stdout
    assert plain in both and literal in both, both
    shown = cli("ask", "søk etter initiativer om %", database_url=database_url).stdout
    assert "«%»" in shown, shown
