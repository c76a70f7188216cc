"""Reliability 11: a database that is locked costs neither the ack nor a reply, and never a long wait.

SQLite: another connection holds `BEGIN IMMEDIATE` on the very file the bot uses, longer than the bot's
busy timeout (set short with `?timeout=0.3` in the database URL, as an operator can). PostgreSQL: another
session holds a row the request needs (`FOR UPDATE`); the bot's `lock_timeout` (2 s by default, or the
URL's `options=-c lock_timeout=…`) turns the wait into the busy reply. PostgreSQL restarted under load is
`test_postgres_restart.py`.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.server import create_app
from bot.settings import Settings
from handlers.context import HandlerContext
from handlers.dispatch import handle_message
from handlers.messages import IncomingMessage, Sender
from handlers.texts import t
from models.database import POSTGRES_LOCK_TIMEOUT_MS
from models.store import Store, open_store
from models.tables import Initiative, ProcessedEvent
from tests.bot.conftest import StandIn, signed_headers, slack_settings
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.bot.test_slack_events import event_body
from tests.bot.webchat_client import visitor
from tests.reliability.conftest import audit_count, count

BUSY_TIMEOUT_S = 0.3
ACK_LIMIT_S = 3.0
LOCK_TIMEOUT_S = POSTGRES_LOCK_TIMEOUT_MS / 1000
FAIL_FAST_S = 5.0
"""The busy reply comes this soon at the latest; without a lock timeout the request would wait for the
lock's holder, which the test lets go only after RELEASE_AFTER_S (so the test cannot hang)."""
RELEASE_AFTER_S = 10.0


@pytest.fixture
def busy_store(prepared_sqlite_file: Path, tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    path = tmp_path / "busy.db"
    shutil.copyfile(prepared_sqlite_file, path)
    store = open_store(f"sqlite:///{path}?timeout={BUSY_TIMEOUT_S}", "hso-2026")
    try:
        yield store, path
    finally:
        store.close()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another process's writer: holds the RESERVED lock until the block ends."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_sqlite_locked_past_busy_timeout_acks_under_3s_and_replies_busy_in_nb_and_en(
    busy_store: tuple[Store, Path], slack_api: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    store, path = busy_store
    context = HandlerContext(store=store)
    caplog.set_level(logging.INFO)
    asked = {"nb": "<@UBOT000001> hvem eier DIPS?", "en": "<@UBOT000001> which domain owns DIPS?"}
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as app:
        with locked(path):
            for n, (language, text) in enumerate(asked.items(), start=1):
                body = event_body(text, event_id=f"EvBUSY{language}")
                started = time.monotonic()
                response = await app.post(
                    "/slack/events", data=body, headers=signed_headers(body, "application/json")
                )
                ack_s = time.monotonic() - started
                assert response.status == 200 and ack_s < ACK_LIMIT_S, f"ack {ack_s:.2f} s"
                posted = await slack_api.wait_for("chat.postMessage", count=n)
                assert posted[-1].body["text"] == t(language, "error.busy")
            assert count(context, ProcessedEvent) == 0, "nothing half-written while locked"
        # Slack retries the first event once the lock is gone: now it is answered properly, once
        retry = event_body(asked["nb"], event_id="EvBUSYnb")
        await app.post("/slack/events", data=retry, headers=signed_headers(retry, "application/json"))
        posted = await slack_api.wait_for("chat.postMessage", count=3)
    assert "DIPS" in posted[-1].body["text"] and posted[-1].body["text"] != t("nb", "error.busy")
    assert count(context, ProcessedEvent) == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all("OperationalError SQLITE_BUSY" in e for e in errors), errors
    assert "hvem eier" not in caplog.text and "Traceback" not in caplog.text


@pytest.mark.postgres_only
def test_a_write_of_user_text_timing_out_on_a_row_lock_is_logged_as_class_and_code_without_the_text(
    database_url: str, prepared_postgres_template: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The step-by-step intake writes each answer. Another session holds the dialog row (FOR UPDATE) past
    the bot's lock_timeout (set in the URL, as an operator can), so the UPDATE carrying the user's text
    fails; SQLAlchemy would print its parameters, and the dispatcher logs that error."""
    import psycopg

    store = open_store(f"{database_url}?options=-c%20lock_timeout%3D300", "hso-2026")
    try:
        context = HandlerContext(store=store)
        sender = Sender("terminal", "kari")

        def say(text: str) -> str:
            return handle_message(IncomingMessage(text, sender, language="nb"), context).intent or ""

        say("nytt initiativ")
        caplog.set_level(logging.DEBUG)
        with psycopg.connect(database_url) as other:
            other.execute("SELECT id FROM initiative_dialogs FOR UPDATE").fetchall()
            intent = say("Hemmelig tittel SKJULT-7Q")
            other.rollback()
    finally:
        store.close()
    assert intent == "error.busy"
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged and "LockNotAvailable 55P03" in logged[0], logged
    assert "SKJULT-7Q" not in caplog.text, "the user's text reached the log"


@pytest.mark.postgres_only
async def test_by_default_a_form_waiting_on_a_held_row_lock_gets_the_busy_reply_after_2s_not_a_hang(
    context: HandlerContext, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """No lock_timeout in the URL: the default is in force. Another session holds this year's reference
    counter (`initiative_sequences`, FOR UPDATE) as a stuck transaction would; a web chat form then waits
    for it ~2 s and gets the busy sentence, and the same form sent after the lock is gone gets its receipt."""
    import psycopg
    from sqlalchemy import text

    with context.store.engine.connect() as conn:
        assert conn.execute(text("SHOW lock_timeout")).scalar_one() == f"{POSTGRES_LOCK_TIMEOUT_MS // 1000}s"
    values = {**GOOD, "title": "Låst teller SKJULT-9L"}
    async with TestClient(TestServer(create_app(context, Settings(GOVBOT_DEMO=True)))) as app:
        web = await visitor(app, "kari-nordmann")

        async def submit(submission_id: str) -> dict:
            body = {"form_id": "initiative", "submission_id": submission_id, "values": values}
            status, answer = await web.post("/webchat/api/forms", body)
            assert status == 200
            return answer

        assert (await submit("first"))["ok"]  # creates this year's counter row
        caplog.set_level(logging.INFO)
        with psycopg.connect(database_url) as other:
            other.execute("SELECT * FROM initiative_sequences FOR UPDATE").fetchall()
            release = threading.Timer(RELEASE_AFTER_S, other.rollback)
            release.start()
            started = time.monotonic()
            try:
                held = await submit("second")
            finally:
                waited = time.monotonic() - started
                release.cancel()
                other.rollback()
        again = await submit("second")
    assert held == {"ok": False, "errors": {"_form": t("nb", "error.busy")}, "reply": None}, held
    assert LOCK_TIMEOUT_S * 0.9 <= waited < FAIL_FAST_S, f"waited {waited:.2f} s"
    assert again["ok"] and REFERENCE.search(again["reply"]["text"]).group().endswith("-0002"), again
    assert count(context, Initiative) == 2 and audit_count(context, "initiative.submitted") == 2
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == ["form initiative not taken: database unavailable (LockNotAvailable 55P03)"], errors
    assert "SKJULT-9L" not in caplog.text


def test_a_failing_statement_never_shows_its_parameters_in_the_error_text(store: Store) -> None:
    """SQLAlchemy writes bound values into exception text, and logs print that text; the engine hides them.

    A real OperationalError from each database, raised by a statement that carries a secret parameter.
    """
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    secret = "Pasient SKJULT-8R sa dette"
    with pytest.raises(OperationalError) as raised, store.engine.connect() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO no_such_table VALUES (:said)"), {"said": secret})
        else:
            conn.execute(text("SET LOCAL statement_timeout = 50"))
            conn.execute(text("SELECT pg_sleep(2), CAST(:said AS text)"), {"said": secret})
    assert secret not in str(raised.value)
    assert "parameters hidden" in str(raised.value)
