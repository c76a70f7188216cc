"""The turn's start at the wire: what the claim's transaction reads is as fresh as a read of its own.

A Slack answer claims its event and, in the same transaction, reads the catalogue version (the name
index is cached per version) and whether the sender has an intake dialog open. These tests change both
through another store on the same database, as another replica would, between two signed mentions to
the served app, and look at the reply the Web API stand-in receives.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp.test_utils import TestClient
from sqlalchemy import delete, select

from handlers.context import HandlerContext
from handlers.initiatives.form import FIELD_ORDER
from models.catalogue.importer import import_catalogue
from models.store import open_store
from models.tables import GovernanceModelRow, InitiativeDialog
from tests.bot.conftest import BOT_USER_ID, StandIn, signed_headers
from tests.bot.test_slack_events import event_body

NEW_SYSTEM = "Kvasirplattformen"


async def mention(client: TestClient, text: str, event_id: str) -> None:
    body = event_body(f"<@{BOT_USER_ID}> {text}", event_id=event_id)
    response = await client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    assert response.status == 200


async def test_a_system_imported_through_another_replica_is_known_to_the_next_mention(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext, database_url: str, tmp_path: Path
) -> None:
    await mention(slack_client, f"hvem eier {NEW_SYSTEM}?", "EvTURN1")  # builds and caches the index
    [before] = await slack_api.wait_for("chat.postMessage")
    assert "Prehospital" not in before.body["text"]

    csv = tmp_path / "systems.csv"
    csv.write_text(
        "name,aliases,domain,cross_domains,coordinating_domain,description\n"
        f"{NEW_SYSTEM},Kvasir,prehospital,,,Plattform for prehospitale data.\n",
        encoding="utf-8",
    )
    replica = open_store(database_url, "hso-2026")
    try:
        with replica.session() as session:
            model_row = session.get_one(GovernanceModelRow, replica.model_id)
            assert import_catalogue(session, model_row, csv, actor="terminal:test").applied
    finally:
        replica.close()

    await mention(slack_client, f"hvem eier {NEW_SYSTEM}?", "EvTURN2")
    after = (await slack_api.wait_for("chat.postMessage", count=2))[1]
    assert NEW_SYSTEM in after.body["text"] and "Prehospital" in after.body["text"]


async def test_a_dialog_opened_and_ended_through_another_replica_is_seen_by_the_next_mention(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext, database_url: str
) -> None:
    replica = open_store(database_url, "hso-2026")
    try:
        with replica.session() as session:  # the same person's intake, begun on another replica
            session.add(
                InitiativeDialog(
                    channel="slack", conversation_id="C0000GOV", user_id="U0000KARI", step=FIELD_ORDER[0]
                )
            )
        await mention(slack_client, "hvem eier DIPS?", "EvTURN3")  # taken as the answer to its question
        [first] = await slack_api.wait_for("chat.postMessage")
        assert "Pasientbehandling" not in first.body["text"]
        with context.store.read() as session:
            assert session.scalars(select(InitiativeDialog.step)).all() == [FIELD_ORDER[1]]

        with replica.session() as session:  # and cancelled there
            session.execute(delete(InitiativeDialog))
    finally:
        replica.close()
    await mention(slack_client, "hvem eier DIPS?", "EvTURN4")  # a question again
    second = (await slack_api.wait_for("chat.postMessage", count=2))[1]
    assert "Pasientbehandling" in second.body["text"]
