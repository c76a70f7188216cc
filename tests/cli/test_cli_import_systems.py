"""`govbot import-systems`: a file with bad rows changes nothing unless bad rows are to be skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.store import Store, open_store
from models.tables import AuditEntry, System

HEADER = "name,aliases,domain,cross_domains,coordinating_domain,description\n"
GOOD_ROWS = (
    "DIPS Arena,DIPS;Arena,pasientbehandling,,,Elektronisk pasientjournal\n"
    "Helsenorge,HN,Helsesamhandling,,,Innbyggerportal\n"
)
BAD_ROWS = (
    "Mystery,,no-such-domain,,,Ukjent domene\n"  # row 4
    ",,pasientbehandling,,,Uten navn\n"  # row 5
)


@pytest.fixture
def model_store(database_url: str, test_model_file: Path) -> Iterator[Store]:
    """The test model loaded first, so counts before and after an import compare like with like."""
    store = open_store(database_url, str(test_model_file))
    try:
        yield store
    finally:
        store.close()


def counts(store: Store) -> tuple[int, int]:
    with store.read() as session:
        systems = session.scalar(select(func.count()).select_from(System))
        audit_rows = session.scalar(select(func.count()).select_from(AuditEntry))
    return systems or 0, audit_rows or 0


def write_csv(tmp_path: Path, body: str, name: str = "systems.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_bad_rows_import_nothing(cli, tmp_path, database_url, test_model_file, model_store):
    before = counts(model_store)
    path = write_csv(tmp_path, GOOD_ROWS + BAD_ROWS)

    result = cli("import-systems", str(path), "--model", str(test_model_file), database_url=database_url)

    assert result.returncode == 1, result.stderr
    assert "row 4: unknown domain 'no-such-domain'" in result.stderr
    assert "row 5: name is empty" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "--skip-bad-rows" in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(model_store) == before


def test_skip_bad_rows_imports_the_good_ones(cli, tmp_path, database_url, test_model_file, model_store):
    path = write_csv(tmp_path, GOOD_ROWS + BAD_ROWS)

    result = cli(
        "import-systems",
        str(path),
        "--skip-bad-rows",
        "--model",
        str(test_model_file),
        database_url=database_url,
    )

    assert result.returncode == 0, result.stderr
    assert "2 created, 0 updated, 2 skipped" in result.stdout
    assert "row 4: unknown domain" in result.stderr
    assert "row 5: name is empty" in result.stderr
    with model_store.read() as session:
        names = sorted(session.scalars(select(System.name)))
    assert names == ["DIPS Arena", "Helsenorge"]


def test_xlsx_imports(cli, tmp_path, database_url, test_model_file, model_store):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        ["Kjernejournal", "KJ", "helsesamhandling", "pasientbehandling", "helsesamhandling", "Nasjonal"]
    )
    sheet.append(["DIPS Arena", "DIPS", "Pasientbehandling", None, None, "Elektronisk pasientjournal"])
    path = tmp_path / "systems.xlsx"
    workbook.save(path)

    result = cli("import-systems", str(path), "--model", str(test_model_file), database_url=database_url)

    assert result.returncode == 0, result.stderr
    assert "2 created" in result.stdout
    with model_store.read() as session:
        kjernejournal = session.scalars(select(System).where(System.name == "Kjernejournal")).one()
        assert kjernejournal.owning_domain.key == "helsesamhandling"
        assert kjernejournal.coordinating_domain is not None
        assert kjernejournal.coordinating_domain.key == "helsesamhandling"
        assert [link.domain_id for link in kjernejournal.cross_domains] != []
        assert {alias.alias for alias in kjernejournal.aliases} >= {"Kjernejournal", "KJ"}


def test_reimport_updates_instead_of_duplicating(cli, tmp_path, database_url, test_model_file, model_store):
    model = ("--model", str(test_model_file))
    first = cli("import-systems", str(write_csv(tmp_path, GOOD_ROWS)), *model, database_url=database_url)
    assert first.returncode == 0, first.stderr
    changed = GOOD_ROWS.replace("Innbyggerportal", "Den nasjonale innbyggerportalen")

    second = cli("import-systems", str(write_csv(tmp_path, changed)), *model, database_url=database_url)

    assert second.returncode == 0, second.stderr
    assert "0 created, 2 updated, 0 skipped" in second.stdout
    with model_store.read() as session:
        systems = session.scalars(select(System).order_by(System.name)).all()
        assert [s.name for s in systems] == ["DIPS Arena", "Helsenorge"]
        assert systems[1].description == "Den nasjonale innbyggerportalen"


def test_import_writes_one_audit_row(cli, tmp_path, database_url, test_model_file, model_store):
    _, audit_before = counts(model_store)
    path = write_csv(tmp_path, GOOD_ROWS + BAD_ROWS)

    result = cli(
        "import-systems",
        str(path),
        "--skip-bad-rows",
        "--model",
        str(test_model_file),
        database_url=database_url,
    )

    assert result.returncode == 0, result.stderr
    with model_store.read() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert len(entries) == audit_before + 1
        entry = entries[-1]
        assert entry.action == "catalogue.imported"
        assert entry.entity_ref == "systems.csv"
        assert entry.actor.endswith("govbot-test")
        assert entry.after is not None
        assert entry.after["created"] == 2
        assert entry.after["skipped_rows"] == [4, 5]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("systems.txt", HEADER + GOOD_ROWS, "unsupported file type"),
        ("missing.csv", None, "no such file"),
        ("columns.csv", "name,owner\nDIPS,x\n", "missing column(s)"),
    ],
)
def test_unreadable_file_exits_2(
    cli, tmp_path, database_url, test_model_file, model_store, name, content, expected
):
    before = counts(model_store)
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")

    result = cli("import-systems", str(path), "--model", str(test_model_file), database_url=database_url)

    assert result.returncode == 2
    assert expected in result.stderr
    assert name in result.stderr
    assert "Traceback" not in result.stderr
    assert counts(model_store) == before


def test_import_speaks_bokmal_without_an_english_locale(cli, tmp_path, database_url, test_model_file):
    """Issue 15: the command's own words follow --lang / the locale like every other command; no key."""
    model = ("--model", str(test_model_file))
    no_locale = {"LANG": "C.UTF-8"}
    refused = cli(
        "import-systems",
        str(write_csv(tmp_path, GOOD_ROWS + BAD_ROWS)),
        *model,
        database_url=database_url,
        env=no_locale,
    )
    assert refused.returncode == 1
    assert "rad 5: name er tom" in refused.stderr
    assert "ingenting ble importert" in refused.stderr and "--skip-bad-rows" in refused.stderr
    done = cli(
        "import-systems",
        str(write_csv(tmp_path, GOOD_ROWS)),
        *model,
        database_url=database_url,
        env=no_locale,
    )
    assert done.returncode == 0, done.stderr
    assert "2 nye, 0 oppdatert, 0 hoppet over" in done.stdout
    assert "systemkatalogen for" in done.stdout
    english = cli(
        "import-systems",
        str(write_csv(tmp_path, GOOD_ROWS)),
        *model,
        "--lang",
        "en",
        database_url=database_url,
        env=no_locale,
    )
    assert "0 created, 2 updated, 0 skipped" in english.stdout
