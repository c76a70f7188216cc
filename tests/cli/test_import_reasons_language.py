"""Issue 15: `govbot import-systems` tells why each bad row was refused in the reader's language
(`--lang`), not English only; the file's column names stay as its header spells them, and the domains a
row may name are listed by their names in that language, never as the model's keys."""

from __future__ import annotations

from pathlib import Path

from models.catalogue.reasons import REASON_TEXTS

HEADER = "name,aliases,domain,cross_domains,coordinating_domain,description\n"
ROWS = (
    "DIPS Arena,DIPS,pasientbehandling,,,Journal\n"  # row 2: good
    "Mystery,,no-such-domain,,,Ukjent\n"  # row 3
    ",,pasientbehandling,,,Uten navn\n"  # row 4
    "DIPS arena,,pasientbehandling,nowhere,,\n"  # row 5: same system, unknown cross domain, no description
)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "systems.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def test_every_reason_is_worded_in_both_languages() -> None:
    assert REASON_TEXTS["nb"].keys() == REASON_TEXTS["en"].keys() and len(REASON_TEXTS["nb"]) >= 13


def test_bad_rows_are_explained_in_bokmal_and_english(cli, tmp_path, database_url, test_model_file) -> None:
    args = ("import-systems", str(_file(tmp_path)), "--model", str(test_model_file))
    nb = cli(*args, "--lang", "nb", database_url=database_url)
    assert nb.returncode == 1
    assert "rad 3: ukjent område «no-such-domain» (kjente: Helsesamhandling, Pasientbehandling)" in nb.stderr
    assert "rad 4: name er tom" in nb.stderr
    assert "rad 5: description er tom; ukjent område «nowhere» i cross_domains" in nb.stderr
    assert "samme system som rad 2" in nb.stderr
    en = cli(*args, "--lang", "en", database_url=database_url)
    assert en.returncode == 1
    assert "row 3: unknown domain 'no-such-domain' (known: Health collaboration, Patient care)" in en.stderr
    assert "row 4: name is empty" in en.stderr and "same system as row 2" in en.stderr
    for said in (nb.stderr, en.stderr):
        assert "pasientbehandling," not in said and "(known: pasientbehandling" not in said  # no keys listed
