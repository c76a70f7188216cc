"""The portfolio as an Excel workbook for board papers: a summary sheet and one sheet per domain.

What a secretariat pastes into a case paper: numbers stored as numbers (never text), shown in the
MNOK number format, headers frozen so they stay in view, the same figures as the chat answers
(handlers/frames/figures.py), in the reader's language. openpyxl is imported only when a workbook is
made.
"""

from __future__ import annotations

import io
from decimal import Decimal

from sqlalchemy.orm import Session

from handlers.frames.figures import CLASSES, initiative_cost, portfolio_total, state_classes, summarise
from handlers.frames.planning import ranked_initiatives
from handlers.initiatives.states import state_label
from handlers.messages import Language
from handlers.texts import t
from models.governance.schema import GovernanceModel

MNOK_FORMAT = '#,##0.00 "MNOK"'
SHEET_NAME_MAX = 31
_NOT_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_name(text: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = text.translate(_NOT_IN_SHEET_NAMES).strip()[:SHEET_NAME_MAX]
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def portfolio_workbook(
    session: Session, model: GovernanceModel, model_id: int, year: int, language: Language
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    assert model.frames is not None
    policy = model.frames
    classes = state_classes(policy)
    figures = summarise(session, model, model_id, year)
    book = Workbook()
    summary = book.active
    taken: set[str] = set()
    summary.title = sheet_name(t(language, "frames.xlsx.summary", year=year), taken)
    headers = [t(language, f"frames.xlsx.h.{h}") for h in (
        "domain", "frame", "used", "committed", "proposed", "left",
        "operating_frame", "operating_used", "operating_committed", "operating_proposed",
    )]  # fmt: skip
    summary.append(headers)
    for f in [*figures, portfolio_total(figures, year)]:
        summary.append([
            f.label(language), _n(f.investment_frame), *(_n(f.investment[c]) for c in CLASSES), _n(f.left),
            _n(f.operating_frame), *(_n(f.operating[c]) for c in CLASSES),
        ])  # fmt: skip
    _finish(summary, len(headers), Font)
    counted = [*policy.used_states, *policy.committed_states, *policy.proposed_states]
    for f in figures:
        sheet = book.create_sheet(sheet_name(f.label(language), taken))
        columns = [t(language, f"frames.xlsx.h.{h}") for h in (
            "priority", "reference", "title", "state", "counts_as", "investment", "operating",
        )]  # fmt: skip
        sheet.append(columns)
        total_i = total_o = Decimal(0)
        for initiative, position in ranked_initiatives(session, model, model_id, f.key, year, counted):
            investment, operating = initiative_cost(policy, initiative)
            total_i, total_o = total_i + investment, total_o + operating
            sheet.append([
                position, initiative.reference, initiative.title, state_label(model, initiative.state, language),
                t(language, f"frames.class.{classes[initiative.state]}"), float(investment), float(operating),
            ])  # fmt: skip
        sheet.append(
            [None, None, t(language, "frames.xlsx.total"), None, None, float(total_i), float(total_o)]
        )
        _finish(sheet, len(columns), Font, money_from=6)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _n(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _finish(sheet, width: int, font, money_from: int = 2) -> None:  # type: ignore[no-untyped-def]
    """Bold frozen header, MNOK format on the money columns, columns wide enough to read."""
    for cell in sheet[1]:
        cell.font = font(bold=True)
    sheet.freeze_panes = "A2"
    for row in sheet.iter_rows(min_row=2, min_col=money_from, max_col=width):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = MNOK_FORMAT
    for column in sheet.columns:
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = min(
            60, max(10, *(len(str(c.value or "")) + 2 for c in column))
        )
