"""An import in another process is answered right at the next question, as a delta on the name index.

A long-running context (a replica or answer worker) has its index built; `govbot import-systems` in a
subprocess then adds a system, renames another's alias, and a removal drops one. After each, the next
question through `handle_message` answers from the new catalogue, and the index brought up to date
from the change log holds the same names for the same systems as one built from scratch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.lookup.catalogue import build_view, catalogue_view
from handlers.messages import IncomingMessage, Sender
from models.catalogue.importer import remove_systems
from models.repositories.catalogue import catalogue_version, changed_systems
from models.store import open_store
from models.tables import AuditEntry, GovernanceModelRow

HEADER = "name,aliases,domain,cross_domains,coordinating_domain,description\n"
ASKER = Sender("terminal", "kari")


@pytest.fixture
def replica(database_url: str, test_model_file: Path) -> Iterator[HandlerContext]:
    store = open_store(database_url, str(test_model_file))
    try:
        yield HandlerContext(store=store)
    finally:
        store.close()


def _import(cli: Any, tmp_path: Path, database_url: str, model: Path, body: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    result = cli("import-systems", str(path), "--model", str(model), database_url=database_url)
    assert result.returncode == 0, result.stderr


def _ask(ctx: HandlerContext, name: str) -> str:
    return handle_message(IncomingMessage(f"hvem eier {name}?", ASKER), ctx).text


def _names(ctx: HandlerContext) -> dict[str, tuple[str, str]]:
    """Every normalised name in the context's current index → (system name, owning domain)."""
    with ctx.store.read() as session:
        index = catalogue_view(ctx, session).systems
    return {key: (hit[1].name, hit[1].domain_key) for key in index.labels if (hit := index.get(key))}


def _rebuilt(ctx: HandlerContext) -> dict[str, tuple[str, str]]:
    with ctx.store.read() as session:
        index = build_view(ctx, session, catalogue_version(session, ctx.store.model_id)).systems
    return {key: (hit[1].name, hit[1].domain_key) for key in index.labels if (hit := index.get(key))}


def test_added_renamed_and_removed_systems_are_answered_right_afterwards(
    cli: Any, tmp_path: Path, database_url: str, test_model_file: Path, replica: HandlerContext
) -> None:
    _import(
        cli, tmp_path, database_url, test_model_file, "DIPS Arena,DIPS,pasientbehandling,,,Journal\n", "a.csv"
    )
    assert "Kurvesystemet" not in _ask(replica, "Kurvesystemet")  # the replica's index is built now
    with replica.store.read() as session:
        before = catalogue_version(session, replica.store.model_id)

    _import(
        cli,
        tmp_path,
        database_url,
        test_model_file,
        "Kurvesystemet,Kurve,pasientbehandling,,,Kurve og medikasjon\n",
        "b.csv",
    )
    reply = _ask(replica, "Kurvesystemet")
    assert "Kurvesystemet" in reply and "Pasientbehandling" in reply, reply
    assert "Kurvesystemet" in _ask(replica, "Kurve")
    with replica.store.read() as session:  # applied from the log, not rebuilt
        assert changed_systems(session, replica.store.model_id, before, before + 1)
    assert _names(replica) == _rebuilt(replica)

    _import(  # the same system (by name) with its alias renamed
        cli,
        tmp_path,
        database_url,
        test_model_file,
        "Kurvesystemet,Medikasjonskurve,pasientbehandling,,,Kurve og medikasjon\n",
        "c.csv",
    )
    assert "Kurvesystemet" in _ask(replica, "Medikasjonskurve")
    assert "Kurvesystemet" not in _ask(replica, "Kurve")
    assert _names(replica) == _rebuilt(replica)

    with replica.store.session() as session:  # another store: the removal is another process's too
        row = session.scalars(select(GovernanceModelRow)).one()
        assert remove_systems(session, row, ["kurvesystemet"], actor="terminal:test") == ["Kurvesystemet"]
    reply = _ask(replica, "Kurvesystemet")
    assert "Pasientbehandling" not in reply, reply
    assert "DIPS Arena" in _ask(replica, "DIPS")
    assert _names(replica) == _rebuilt(replica)
    assert "medikasjonskurve" not in _names(replica)
    with replica.store.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "catalogue.systems_removed"))
        assert entry is not None and entry.before == {"systems": ["Kurvesystemet"]}


def test_a_version_written_without_the_log_is_rebuilt_from_the_catalogue(
    cli: Any, tmp_path: Path, database_url: str, test_model_file: Path, replica: HandlerContext
) -> None:
    _ask(replica, "DIPS")
    with replica.store.session() as session:  # a bump no import logged (older code, a manual fix)
        row = session.scalars(select(GovernanceModelRow)).one()
        row.catalogue_version += 1
    _import(
        cli, tmp_path, database_url, test_model_file, "DIPS Arena,DIPS,pasientbehandling,,,Journal\n", "a.csv"
    )
    with replica.store.read() as session:
        version = catalogue_version(session, replica.store.model_id)
        assert changed_systems(session, replica.store.model_id, version - 2, version) is None
    assert "DIPS Arena" in _ask(replica, "DIPS")
    assert _names(replica) == _rebuilt(replica)


def test_the_trigram_prefilter_after_a_delta_keeps_what_a_fresh_one_keeps() -> None:
    from handlers.lookup.candidates import CandidateIndex

    labels = [f"fagsystem {i:04d}" for i in range(400)] + ["kurvesystemet", "medikasjonskurve"]
    gone = {"fagsystem 0007", "kurvesystemet"}
    added = ["kurveløsning", "fagsystem 9999"]
    applied = CandidateIndex(labels).updated(gone, added)
    fresh = CandidateIndex([label for label in labels if label not in gone] + added)
    for query in ("fagsytem 0007", "kurvesystmet", "kurvelsning", "fagsystem 9998", "medikasjonskurv"):
        assert applied.candidates(query, 60.0) == fresh.candidates(query, 60.0), query
    assert "kurvesystemet" not in applied.candidates("kurvesystemet", 60.0)
