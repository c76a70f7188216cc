"""Definition of ready: `govbot agenda add` puts a decision case on the agenda only when its papers show
the operating-cost consequences, as a user runs it, on SQLite and PostgreSQL.

Seed 000 §2.4 says case papers must always include the operating-cost consequences of the measure. So a
decision case without them is not added: the secretariat is told what is missing and the case owner is
asked in chat (a notice in the outbox, delivered by the sweep). The figure comes with the case
(`--operating-cost`, 0 when there are none) or from the initiative the case is about.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select

from handlers.context import HandlerContext
from models.database import normalise_url
from models.store import open_store
from models.tables import AgendaItem, AuditEntry, Reminder
from tests.initiatives.conftest import valid_values
from tests.outbox import deliver

SECRETARY = "hilde-karlsen"  # secretariat of Områdestyre Pasientbehandling
CASE_OWNER = "hanne-kristoffersen"


def _meeting(cli: Any, url: str) -> int:
    added = cli(
        "meetings", "add", "--body", "Pasientbehandling", "--at", "2030-04-08T09:00", "--json",
        "--as", SECRETARY, database_url=url,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return int(json.loads(added.stdout)["id"])


def _add(cli: Any, url: str, meeting: int, *extra: str) -> Any:
    return cli(
        "agenda", "add", "--meeting", str(meeting), "--title", "Ny kurveløsning", "--owner", CASE_OWNER,
        "--json", "--as", SECRETARY, *extra, database_url=url,
    )  # fmt: skip


def _count(url: str, table: Any, *where: Any) -> int:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()
    finally:
        engine.dispose()


def test_the_model_requires_operating_cost_consequences_from_seed_000() -> None:
    """Seed 000 §2.4: case papers always show the operating-cost consequences of the measure."""
    from models.governance.files import load_model

    rule = load_model("hso-2026").model.rules.case_papers
    assert rule is not None and list(rule.required_fields) == ["operating_cost"]
    assert "Sak 000 §2.4" in rule.source and "decision" in rule.kinds


def test_decision_case_without_operating_cost_is_refused_and_the_owner_asked_in_chat(
    cli: Any, database_url: str
) -> None:
    """Seed 000 §2.4: no operating-cost consequences, no place on the agenda; the owner gets the question."""
    meeting = _meeting(cli, database_url)
    refused = _add(cli, database_url, meeting)
    assert refused.returncode == 1
    assert "not put on the agenda" in refused.stderr and "operating-cost consequences" in refused.stderr
    assert "Sak 000 §2.4" in refused.stderr and "Hanne Kristoffersen" in refused.stderr
    assert _count(database_url, AgendaItem) == 0
    assert _count(database_url, AuditEntry, AuditEntry.action == "agenda.not_ready") == 1
    again = _add(cli, database_url, meeting)
    assert again.returncode == 1
    assert _count(database_url, Reminder, Reminder.kind == "agenda.not_ready") == 1  # asked once

    store = open_store(database_url, "hso-2026")
    try:
        [question] = [n for n in deliver(HandlerContext(store=store)) if n.kind == "agenda.not_ready"]
    finally:
        store.close()
    assert question.person_key == CASE_OWNER
    text = question.reply.text
    assert "«Ny kurveløsning»" in text and "driftsøkonomiske konsekvenser" in text
    assert "Sak 000 §2.4" in text and "Hilde Karlsen" in text


def test_case_with_the_figure_or_an_initiative_that_has_it_goes_on_the_agenda(
    cli: Any, database_url: str, tmp_path: Path
) -> None:
    """Seed 000 §2.4: 0 MNOK is an answer; the initiative's own operating-cost estimate counts too."""
    meeting = _meeting(cli, database_url)
    zero = _add(cli, database_url, meeting, "--operating-cost", "0")
    assert zero.returncode == 0, zero.stderr
    assert json.loads(zero.stdout)["operating_cost"] == "0"
    assert _add(cli, database_url, meeting, "--operating-cost", "mye").returncode == 1

    references = []
    for name, cost in (("with", "1,5"), ("without", "")):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(valid_values(operating_cost=cost, title=f"Kurve {name} drift")))
        submitted = cli("initiatives", "submit", "--file", str(path), database_url=database_url)
        assert submitted.returncode == 0, submitted.stderr
        references.append(next(w for w in submitted.stdout.split() if w.startswith("INI-")))
    linked = _add(cli, database_url, meeting, "--initiative", references[0])
    assert linked.returncode == 0, linked.stderr
    missing = _add(cli, database_url, meeting, "--initiative", references[1])
    assert missing.returncode == 1 and "operating-cost consequences" in missing.stderr
    assert _count(database_url, AgendaItem) == 2


def test_orientation_case_needs_no_operating_cost(cli: Any, database_url: str) -> None:
    """The preset applies seed 000 §2.4 to decision cases (its stated assumption): an orientation passes."""
    meeting = _meeting(cli, database_url)
    added = _add(cli, database_url, meeting, "--kind", "orientation")
    assert added.returncode == 0, added.stderr
