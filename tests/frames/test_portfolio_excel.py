"""Issue 16 §5: `govbot export portfolio --year Y --xlsx FILE` writes a workbook a secretariat can paste
into a board paper; read back with openpyxl, its numbers are numbers in the MNOK format, its headers
frozen, and its sums equal the store's (the demo portfolio), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from handlers.context import HandlerContext
from handlers.frames.demo import seed_demo
from handlers.frames.excel import MNOK_FORMAT
from handlers.frames.figures import summarise
from tests.scheduler.conftest import Clock


def test_the_workbook_reads_back_with_the_stores_sums(
    cli: Any, database_url: str, store: Any, tmp_path: Path
) -> None:
    ctx = HandlerContext(store=store, clock=Clock(datetime(2026, 6, 1, 8, tzinfo=UTC)))
    seed_demo(ctx)
    with store.read() as session:
        expected = {f.name: f for f in summarise(session, store.model, store.model_id, 2026)}
    target = tmp_path / "portefolje-2026.xlsx"
    done = cli(
        "export",
        "portfolio",
        "--year",
        "2026",
        "--xlsx",
        str(target),
        "--lang",
        "nb",
        database_url=database_url,
    )
    assert done.returncode == 0, done.stderr
    book = load_workbook(target)
    assert book.sheetnames[0] == "Sammendrag 2026"
    assert len(book.sheetnames) == 1 + len(store.model.domains)
    summary = book["Sammendrag 2026"]
    assert summary.freeze_panes == "A2"
    header = [c.value for c in summary[1]]
    assert header[:6] == ["Område", "Investeringsramme", "Brukt", "Bundet", "Foreslått", "Igjen"]
    rows = {r[0].value: r for r in summary.iter_rows(min_row=2)}
    for name, f in expected.items():
        row = rows[name]
        assert Decimal(str(row[1].value)) == f.investment_frame
        assert [Decimal(str(c.value)) for c in row[2:5]] == [
            f.investment[k] for k in ("used", "committed", "proposed")
        ]
        assert isinstance(row[2].value, int | float) and row[2].number_format == MNOK_FORMAT
    total = rows["Hele porteføljen"]
    assert Decimal(str(total[1].value)) == sum(f.investment_frame for f in expected.values())
    assert Decimal(str(total[2].value)) == sum(f.investment["used"] for f in expected.values())

    sheet = book["Pasientbehandling"]
    assert sheet.freeze_panes == "A2"
    lines = list(sheet.iter_rows(min_row=2, values_only=True))
    body, last = lines[:-1], lines[-1]
    assert last[2] == "Sum"
    f = expected["Pasientbehandling"]
    assert Decimal(str(sum(r[5] for r in body))).quantize(Decimal("0.01")) == sum(f.investment.values())
    assert Decimal(str(last[5])).quantize(Decimal("0.01")) == sum(f.investment.values())
    assert [r[0] for r in body[:3]] == [1, 2, 3]  # the priority list first
    assert "Datadrevet innsikt og -utviklin" in book.sheetnames  # Excel's 31-character limit


async def test_the_chat_request_gives_a_link_that_downloads_the_workbook(store: Any) -> None:
    import io

    from aiohttp.test_utils import TestClient, TestServer

    from bot.server import create_app
    from tests.bot.webchat_client import demo_settings, visitor

    ctx = HandlerContext(store=store, clock=Clock(datetime(2026, 6, 1, 8, tzinfo=UTC)))
    seed_demo(ctx)
    async with TestClient(TestServer(create_app(ctx, demo_settings()))) as client:
        secretary = await visitor(client, "ingrid-johansen")
        reply = await secretary.reply("eksporter porteføljen til Excel for 2026")
        assert reply["intent"] == "frames.export", reply
        assert "/webchat/api/portfolio/2026.xlsx?lang=nb" in reply["text"]
        anonymous = await visitor(client)
        anonymous._wear()
        refused = await client.get("/webchat/api/portfolio/2026.xlsx")
        assert refused.status == 403
        secretary._wear()
        got = await client.get("/webchat/api/portfolio/2026.xlsx?lang=en")
        assert got.status == 200
        assert got.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        book = load_workbook(io.BytesIO(await got.read()))
        assert book.sheetnames[0] == "Summary 2026" and "Patient treatment" in book.sheetnames
