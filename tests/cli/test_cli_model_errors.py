"""A broken governance model file stops the bot with a message naming the file, the field and the problem.

The person fixing it edits YAML, so the message must point into the file; and nothing may be written to
the database from a model that did not validate.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from models.database import create_engine_for
from models.governance.files import load_model
from models.tables import AuditEntry, GovernanceModelRow


def board_points_nowhere(data: dict[str, Any]) -> None:
    data["domains"][0]["board"] = "no-such-board"


def lead_days_not_a_number(data: dict[str, Any]) -> None:
    data["rules"]["paper_lead_days"] = "ten days"


def unknown_field(data: dict[str, Any]) -> None:
    data["domains"][0]["colour"] = "blue"


BREAKERS: dict[str, tuple[Callable[[dict[str, Any]], None], tuple[str, ...]]] = {
    "missing-body": (board_points_nowhere, ("domains.0.board", "no body with key 'no-such-board'")),
    "wrong-type": (lead_days_not_a_number, ("rules.paper_lead_days", "valid integer")),
    "unknown-field": (unknown_field, ("domains[0]", ".colour", "unknown field")),
}


def untouched(database_url: str) -> bool:
    """No model row and no audit row: a failed start left no trace."""
    engine = create_engine_for(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        if "governance_models" not in tables:
            return True
        with engine.connect() as conn:
            models = conn.scalar(select(func.count()).select_from(GovernanceModelRow))
            audits = conn.scalar(select(func.count()).select_from(AuditEntry))
        return models == 0 and audits == 0
    finally:
        engine.dispose()


def test_unbroken_model_is_valid(tmp_path: Path, model_data: dict[str, Any], model_writer) -> None:
    """Guards the tests below: each fails only because of the one field it breaks."""
    path = model_writer(tmp_path / "valid.model.yaml", model_data)
    assert load_model(str(path)).model.domains


@pytest.mark.parametrize("breaker", sorted(BREAKERS))
def test_broken_field_is_named(cli, tmp_path, database_url, model_data, model_writer, breaker):
    breaks, expected = BREAKERS[breaker]
    breaks(model_data)
    path = model_writer(tmp_path / "broken.model.yaml", model_data)

    result = cli("ask", "hjelp", "--model", str(path), database_url=database_url)

    assert result.returncode == 2, result.stdout + result.stderr
    assert str(path.resolve()) in result.stderr
    for fragment in expected:
        assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert untouched(database_url)


def test_invalid_yaml_names_the_line(cli, tmp_path, database_url):
    path = tmp_path / "broken.model.yaml"
    path.write_text("key: test\ndomains: [unclosed\nname: x\n", encoding="utf-8")

    result = cli("ask", "hjelp", "--model", str(path), database_url=database_url)

    assert result.returncode == 2
    assert str(path.resolve()) in result.stderr
    assert "not valid YAML" in result.stderr
    assert "line " in result.stderr
    assert "Traceback" not in result.stderr
    assert untouched(database_url)


def test_unknown_preset_lists_the_presets(cli, database_url):
    result = cli("ask", "hjelp", "--model", "no-such-preset", database_url=database_url)

    assert result.returncode == 2
    assert "no-such-preset" in result.stderr
    assert "not a preset name" in result.stderr
    assert "Traceback" not in result.stderr
    assert untouched(database_url)


def test_environment_variable_selects_the_model_too(cli, tmp_path, database_url, model_data, model_writer):
    lead_days_not_a_number(model_data)
    path = model_writer(tmp_path / "broken.model.yaml", model_data)

    result = cli("ask", "hjelp", database_url=database_url, env={"GOVBOT_MODEL": str(path)})

    assert result.returncode == 2
    assert "rules.paper_lead_days" in result.stderr
