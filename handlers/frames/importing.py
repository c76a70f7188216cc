"""Importing frames from an Excel sheet (the form a budget letter is usually in).

The first sheet has a header row and one row per domain and year:

| domain (område) | year (år) | investment_mnok (investering) | operating_mnok (drift) | decision (vedtak) |

Every row is checked before anything is written; a sheet with one bad row imports nothing, and the
problems are listed by row number (the header is row 1) so the secretariat can fix the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from handlers.frames.amounts import parse_mnok
from handlers.frames.keeping import (
    FrameLine,
    _line,
    _write,
    check_may_decide,
    checked_reference,
    resolve_domain,
)
from handlers.identity import Actor
from handlers.meetings.access import MeetingError
from models.governance.schema import GovernanceModel
from models.tables.frames import INVESTMENT, OPERATING

COLUMNS = {
    "domain": "domain", "område": "domain", "omrade": "domain",
    "year": "year", "år": "year", "ar": "year",
    "investment_mnok": "investment", "investment": "investment", "investering": "investment",
    "operating_mnok": "operating", "operating": "operating", "drift": "operating",
    "decision": "decision", "vedtak": "decision", "decision_ref": "decision",
}  # fmt: skip
REQUIRED = ("domain", "year", "decision")


@dataclass(frozen=True)
class BadRow:
    row: int
    reason: str


class FrameImportError(Exception):
    def __init__(self, problems: list[BadRow]) -> None:
        super().__init__("; ".join(f"row {p.row}: {p.reason}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class _Row:
    number: int
    domain: str
    year: int
    amounts: dict[str, Decimal]
    reference: str


def read_sheet(path: Path) -> list[tuple[int, dict[str, object]]]:
    from openpyxl import load_workbook  # only when importing

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is no workbook
        raise FrameImportError([BadRow(0, f"not an Excel workbook ({type(exc).__name__})")]) from exc
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        raise FrameImportError([BadRow(1, "the sheet is empty")])
    header = [COLUMNS.get(str(c or "").strip().casefold()) for c in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing or not ({"investment", "operating"} & set(header)):
        need = ", ".join(missing or ["investment_mnok or operating_mnok"])
        raise FrameImportError([BadRow(1, f"missing column(s): {need}")])
    out = []
    for number, values in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((number, {k: v for k, v in zip(header, values, strict=False) if k}))
    return out


def _checked(session: Session, model: GovernanceModel, model_id: int, number: int, cells: dict) -> _Row:  # type: ignore[type-arg]
    domain = str(cells.get("domain") or "").strip()
    if not domain:
        raise ValueError("no domain")
    resolve_domain(session, model, model_id, domain)
    try:
        year = int(str(cells.get("year")).strip().split(".")[0])
    except ValueError:
        raise ValueError(f"year '{cells.get('year')}' is not a year") from None
    if not 2000 <= year <= 2100:
        raise ValueError(f"year {year} is out of range")
    amounts: dict[str, Decimal] = {}
    for column, kind in (("investment", INVESTMENT), ("operating", OPERATING)):
        value = cells.get(column)
        if value is None or str(value).strip() == "":
            continue
        amount = parse_mnok(str(value))
        if amount is None:
            raise ValueError(f"{column} '{value}' is not an amount in MNOK (0 or more, two decimals at most)")
        amounts[kind] = amount
    if not amounts:
        raise ValueError("neither an investment nor an operating frame")
    return _Row(number, domain, year, amounts, checked_reference(str(cells.get("decision") or "")))


def import_frames(
    session: Session, model: GovernanceModel, model_id: int, actor: Actor, path: Path, now: datetime
) -> list[FrameLine]:
    check_may_decide(session, model, model_id, actor)
    problems: list[BadRow] = []
    checked: list[_Row] = []
    seen: dict[tuple[str, int], int] = {}
    for number, cells in read_sheet(path):
        try:
            row = _checked(session, model, model_id, number, cells)
        except ValueError as exc:
            problems.append(BadRow(number, str(exc)))
            continue
        except MeetingError as exc:
            problems.append(BadRow(number, _reason(exc)))
            continue
        key = (resolve_domain(session, model, model_id, row.domain).key, row.year)
        if key in seen:
            problems.append(BadRow(number, f"the same domain and year as row {seen[key]}"))
            continue
        seen[key] = number
        checked.append(row)
    if problems:
        raise FrameImportError(problems)
    if not checked:
        raise FrameImportError([BadRow(2, "no frame rows under the header")])
    lines = []
    for row in checked:
        domain = resolve_domain(session, model, model_id, row.domain)
        for kind, amount in row.amounts.items():
            frame, _ = _write(session, model, model_id, actor, domain, row.year, kind, amount, row.reference,
                              "import", now)  # fmt: skip
            lines.append(_line(domain, frame))
    return lines


def _reason(exc: MeetingError) -> str:
    from handlers.texts import t

    return t("en", exc.key, **exc.params)
