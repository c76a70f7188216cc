"""Reading catalogue files (CSV or Excel) into numbered raw rows.

Row numbers are the ones a person sees in a spreadsheet: the header is row 1, the first system row 2.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("name", "aliases", "domain", "cross_domains", "coordinating_domain", "description")
REQUIRED_COLUMNS = ("name", "domain", "description")


class CatalogueFileError(Exception):
    """The file as a whole cannot be read (missing, wrong format, missing columns)."""


@dataclass(frozen=True)
class RawRow:
    number: int
    values: dict[str, str]


def read_rows(path: Path) -> list[RawRow]:
    if not path.is_file():
        raise CatalogueFileError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header, rows = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        header, rows = _read_xlsx(path)
    else:
        raise CatalogueFileError(f"{path}: unsupported file type '{suffix}' (use .csv or .xlsx)")
    columns = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CatalogueFileError(
            f"{path}: missing column(s) {', '.join(missing)} in the header row "
            f"(expected: {', '.join(COLUMNS)})"
        )
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        raise CatalogueFileError(
            f"{path}: unknown column(s) {', '.join(unknown)} (expected: {', '.join(COLUMNS)})"
        )
    result = []
    for offset, cells in enumerate(rows, start=2):
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        values = {
            col: ("" if i >= len(cells) or cells[i] is None else str(cells[i]).strip())
            for i, col in enumerate(columns)
            if col
        }
        result.append(RawRow(number=offset, values=values))
    return result


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogueFileError(f"{path}: not UTF-8 text (save the CSV as UTF-8)") from exc
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = list(csv.reader(text.splitlines(), dialect))
    if not reader:
        raise CatalogueFileError(f"{path}: the file is empty")
    return reader[0], reader[1:]


def _read_xlsx(path: Path) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise CatalogueFileError(f"{path}: not a readable Excel workbook ({exc})") from exc
    sheet = workbook.worksheets[0]
    rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    if not rows:
        raise CatalogueFileError(f"{path}: the first sheet is empty")
    return rows[0], rows[1:]
