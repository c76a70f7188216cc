"""`govbot initiatives submit/move`, `govbot ask --as` and `govbot suggest-domain` as a user runs them."""

from __future__ import annotations

import json
import random
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from models.database import normalise_url
from models.tables import Initiative
from tests.initiatives.conftest import valid_values
from tests.initiatives.test_identity_numbers import generate


def _count(database_url: str) -> int:
    engine = create_engine(normalise_url(database_url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(Initiative)).scalar_one()
    finally:
        engine.dispose()


def test_submit_status_move_and_portfolio_board(cli, database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "initiative.json"
    path.write_text(json.dumps(valid_values(investment="60")), encoding="utf-8")
    submitted = cli("initiatives", "submit", "--file", str(path), database_url=database_url)
    assert submitted.returncode == 0, submitted.stderr
    assert "INI-" in submitted.stdout and "Prehospital" in submitted.stdout
    reference = next(w for w in submitted.stdout.split() if w.startswith("INI-"))

    status = cli("ask", f"status {reference}", database_url=database_url)
    assert reference in status.stdout and "innmeldt" in status.stdout
    board = cli("ask", "hva må til porteføljestyret?", database_url=database_url)
    assert reference in board.stdout and "50 MNOK" in board.stdout

    refused = cli(
        "initiatives", "move", reference, "prioritert", "--as", "knut-johnsen", database_url=database_url
    )
    assert refused.returncode == 1 and "Beklager" in refused.stderr
    moved = cli(
        "initiatives",
        "move",
        reference,
        "under_vurdering",
        "--as",
        "silje-kristiansen",
        database_url=database_url,
    )
    assert moved.returncode == 0, moved.stderr
    status = cli("ask", f"status {reference}", "--as", "silje-kristiansen", database_url=database_url)
    assert "under vurdering" in status.stdout and "Silje Kristiansen" in status.stdout


def test_submit_from_stdin_with_invalid_fields_stores_nothing(cli, database_url: str) -> None:
    values = valid_values(title="", investment="-3")
    result = cli("initiatives", "submit", "--file", "-", input=json.dumps(values), database_url=database_url)

    assert result.returncode == 2  # invalid input (bot/cli/errors.py)
    assert "title: Må fylles ut." in result.stderr
    assert "investment: Beløpet kan ikke være negativt." in result.stderr
    assert _count(database_url) == 0


def test_identity_number_never_reaches_store_or_logs(cli, database_url: str, tmp_path: Path) -> None:
    number = generate(random.Random(11))
    values = valid_values(benefit=f"Gjelder pasient {number[:6]}-{number[6:]} og andre.")
    result = cli(
        "initiatives",
        "submit",
        "--file",
        "-",
        input=json.dumps(values),
        database_url=database_url,
        env={"GOVBOT_LOG_LEVEL": "DEBUG"},
    )
    asked = cli("ask", f"status for {number}", database_url=database_url, env={"GOVBOT_LOG_LEVEL": "DEBUG"})

    assert result.returncode == 2 and "fødselsnummer" in result.stderr
    for output in (result.stdout, result.stderr, asked.stderr):
        assert number[6:] not in output
    engine = create_engine(normalise_url(database_url))
    try:
        with engine.connect() as conn:
            for table in ("initiatives", "audit_log", "initiative_dialogs"):
                dump = " ".join(str(r) for r in conn.execute(text(f"SELECT * FROM {table}")))
                assert number[6:] not in dump
    finally:
        engine.dispose()


def test_suggest_domain_json(cli, database_url: str) -> None:
    result = cli(
        "suggest-domain",
        "Digital rekvirering av blodprøver til laboratoriet",
        "--json",
        database_url=database_url,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"domain", "candidates", "out_of_scope"}
    assert payload["domain"] == "utredning-og-diagnostikk" == payload["candidates"][0]["domain"]
    assert payload["out_of_scope"] is None
    scoped = json.loads(cli("suggest-domain", "MTU-prosjekt for nye CT-maskiner", "--json").stdout)
    assert scoped["out_of_scope"]["key"] == "mtu-prosjekter"


def test_routing_benchmark_prints_accuracy(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "dev.jsonl"
    lines = [
        {"text": "Turnusplanlegging for sykepleiere", "domains": ["HR-tjenester"]},
        {"text": "Ny brannmur i datasenteret", "domains": ["Infrastruktur og teknologi"]},
    ]
    data.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.routing", str(data)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "top-1 accuracy: 1.000" in result.stdout and "top-2 accuracy: 1.000" in result.stdout
