"""Proactive Teams messages at the wire: the stored conversation reference, the Bot Connector stand-in.

A person first writes to the bot (a real turn saves the reference); then a notification sent from a
worker thread reaches their conversation through CloudAdapter.continue_conversation on the server's loop,
authenticated with stub credentials (no MSAL). Also: ~7 messages/s per conversation, 429 → retry_after,
unknown person → permanent error, and the composition root's choice of notifier.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.channels.fanout import FanOutNotifier
from bot.channels.identities import reference_for
from bot.channels.inbox import InboxNotifier
from bot.composition import build_context, load_settings
from bot.server import create_app
from bot.settings import Settings
from bot.slack.notifier import SlackNotifier
from bot.teams.notifier import TeamsNotifier
from handlers.context import HandlerContext
from handlers.notify import DeliveryError, Notification
from handlers.replies import Paragraph, Reply
from models.repositories.channels import save_reference
from models.tables import ConversationReferenceRow
from tests.bot.conftest import StandIn
from tests.bot.teams_auth import APP_ID, OUTBOUND_TOKEN, StubCredentialsFactory
from tests.bot.test_teams import activity

CONVERSATION = "a:conv-1"


def notice(person_key: str, text: str = "Frist for sakspapirer i morgen") -> Notification:
    return Notification(person_key, Reply("nb", (Paragraph(text),)), "reminder.papers_due", f"k-{text}")


@pytest.fixture
async def served(
    context: HandlerContext, connector: StandIn, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[HandlerContext]:
    """Kari has written once (Emulator-mode turn); then the server runs with credentials and the notifier."""
    person = next(p for p in context.model.people if p.email)
    connector.emails["29:user-kari"] = person.email
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_TEAMS_EMULATOR=True)))) as client:
        assert (await client.post("/api/messages", json=activity(connector, "hei"))).status == 201
    connector.calls.clear()
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    monkeypatch.setenv("MICROSOFT_APP_PASSWORD", "not-used")
    monkeypatch.setenv("GOVBOT_TEAMS_SERVICE_HOSTS", "127.0.0.1")
    settings = load_settings(database_url=database_url)
    built = build_context(settings, credentials_factory=StubCredentialsFactory())
    built.person_key = person.key  # type: ignore[attr-defined]  # for the tests below
    assert isinstance(built.notifier, FanOutNotifier)
    built.notifier = built.notifier.notifiers[0]  # Teams itself; the chat inbox behind it is tested apart
    try:
        async with TestClient(TestServer(create_app(built, settings))):
            yield built
    finally:
        built.store.close()


async def test_proactive_message_reaches_the_stored_conversation(
    served: HandlerContext, connector: StandIn
) -> None:
    notifier = served.notifier
    assert isinstance(notifier, TeamsNotifier)
    message_id = await asyncio.to_thread(notifier.send, notice(served.person_key))  # type: ignore[attr-defined]
    [sent] = [c for c in connector.calls if c.method == "POST"]
    assert sent.path == f"/v3/conversations/{CONVERSATION}/activities"
    assert sent.body["text"] == "Frist for sakspapirer i morgen"
    assert sent.headers["Authorization"] == f"Bearer {OUTBOUND_TOKEN}"
    assert message_id == f"activity-{len(connector.calls)}"


async def test_sends_are_paced_by_deferring_and_429_gives_retry_after(
    served: HandlerContext, connector: StandIn
) -> None:
    notifier = served.notifier
    assert isinstance(notifier, TeamsNotifier)
    now = [100.0]
    notifier._monotonic = lambda: now[0]
    deferred: list[float] = []
    while len([c for c in connector.calls if c.method == "POST"]) < 8:
        try:
            await asyncio.to_thread(notifier.send, notice(served.person_key, "melding"))  # type: ignore[attr-defined]
        except DeliveryError as error:  # not yet: the outbox would move the row's due time by this much
            assert error.deferred and not error.permanent
            deferred.append(error.retry_after or 0)
            now[0] += error.retry_after or 0
    assert len(deferred) == 7 and all(abs(s - 1 / 7) < 1e-9 for s in deferred)
    assert now[0] - 100.0 >= 1.0 - 1e-9  # eight messages took at least a second: ≤ 7 per second
    now[0] += 1
    connector.scripted[f"/v3/conversations/{CONVERSATION}/activities"] = [
        web.json_response({"error": {"code": "Throttled"}}, status=429, headers={"Retry-After": "3"})
    ]
    with pytest.raises(DeliveryError) as raised:
        await asyncio.to_thread(notifier.send, notice(served.person_key, "for mye"))  # type: ignore[attr-defined]
    assert raised.value.retry_after == 3 and not raised.value.permanent
    with pytest.raises(DeliveryError) as busy:  # the conversation stays busy for the Retry-After
        await asyncio.to_thread(notifier.send, notice(served.person_key, "for tidlig"))  # type: ignore[attr-defined]
    assert busy.value.deferred and busy.value.retry_after == pytest.approx(3)


async def test_unknown_person_is_a_permanent_error(served: HandlerContext, connector: StandIn) -> None:
    with pytest.raises(DeliveryError) as raised:
        await asyncio.to_thread(served.notifier.send, notice("nobody"))
    assert raised.value.permanent
    assert [c for c in connector.calls if c.method == "POST"] == []


async def test_unknown_submitter_is_reached_by_account_key(
    served: HandlerContext, connector: StandIn
) -> None:
    """Handlers address a submitter outside the model as "teams:<account id>"."""
    await asyncio.to_thread(served.notifier.send, notice("teams:aad-kari"))
    assert [c.path for c in connector.calls if c.method == "POST"] == [
        f"/v3/conversations/{CONVERSATION}/activities"
    ]


def test_composition_picks_the_configured_platforms(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    built = build_context(load_settings(database_url=database_url))
    try:
        assert isinstance(built.notifier, FanOutNotifier)
        assert [type(n) for n in built.notifier.notifiers] == [TeamsNotifier, InboxNotifier]
    finally:
        built.store.close()
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    built = build_context(load_settings(database_url=database_url))
    try:
        assert isinstance(built.notifier, FanOutNotifier)
        assert [type(n) for n in built.notifier.notifiers] == [SlackNotifier, TeamsNotifier, InboxNotifier]
    finally:
        built.store.close()


async def test_a_stored_conversation_naming_an_unvetted_host_is_never_sent_to(
    served: HandlerContext, connector: StandIn
) -> None:
    """A reference saved before serviceUrls were vetted may point anywhere: the send refuses it for good."""
    person_key = served.person_key  # type: ignore[attr-defined]
    stored = reference_for(served.store, "teams", person_key)
    assert stored is not None
    with served.store.read() as session:
        user_id = session.scalar(
            select(ConversationReferenceRow.user_id).where(ConversationReferenceRow.person_key == person_key)
        )
    save_reference(
        served.store, "teams", user_id, person_key, {**stored, "serviceUrl": "https://attacker.example/"}
    )
    with pytest.raises(DeliveryError) as raised:
        await asyncio.to_thread(served.notifier.send, notice(person_key))
    assert raised.value.permanent and "unvetted host" in str(raised.value)
    assert connector.calls == []
