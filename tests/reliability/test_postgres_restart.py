"""Reliability 11 (PostgreSQL): the database restarted under load costs no request, no row and no restart.

A real `govbot serve` (Slack configured against the Web API stand-in, its answer workers on) runs on a
PostgreSQL server of the test's own (`private_postgres`: the shared server every other test uses is
never touched). While web chat forms, web chat questions and signed Slack mentions arrive, PostgreSQL is
stopped with `pg_ctl stop -m fast` (what a service manager's restart does: open transactions rolled
back, connections cut), left down for OUTAGE_S and started again. Then:

- every request was answered 200: a receipt or an answer, or the busy sentence; never a 5xx;
- the outage was really hit (some busy answers) and the same process (same pid) answers normally within
  RECOVER_WITHIN_S of PostgreSQL accepting connections again, and every request sent after that too;
- each busy form, sent again with its submission id as the web chat page does, gets a receipt, and
  then: references handed out == initiatives == `initiative.submitted` audit rows == submissions, each
  initiative has its domain, trust and system rows, the sequence has no gap and its counter matches;
- every Slack mention got exactly one reply in its thread (the answer or the busy sentence);
- restarted once more while idle (`pg_ctl restart -m fast`), every pooled connection is dead: the first
  form, question and mention after it are answered normally, not busy (the engines' pre-ping).
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import re
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func, select

from handlers.texts import t
from models.database import create_engine_for
from models.tables import (
    AuditEntry,
    Initiative,
    InitiativeDomain,
    InitiativeSequence,
    InitiativeSystem,
    InitiativeTrust,
)
from tests.bot.conftest import SIGNING_SECRET, StandIn, signed_headers
from tests.bot.initiative_input import GOOD, REFERENCE
from tests.bot.test_bot_server import free_port
from tests.bot.test_slack_events import event_body
from tests.conftest import REQUIRE_POSTGRES_ENV, clean_env
from tests.reliability.private_postgres import PrivateCluster, find_bindir, private_cluster

pytestmark = pytest.mark.postgres_only

OUTAGE_S = 2.0
"""How long PostgreSQL stays down: long enough that every kind of request meets it."""
LOAD_BEFORE_S = 1.0
LOAD_AFTER_S = 2.0
"""Load goes on this long after the first normal answer that follows the restart."""
RECOVER_WITHIN_S = 5.0
SETTLE_S = 0.5
READY_WITHIN_S = 60.0
FORM_CLIENTS = 3
PAUSE_S = 0.05
"""Each client's pause between requests: a busy answer comes back at once, and people do not loop."""
VALUES = {**GOOD, "systems": "DIPS"}
BUSY = t("nb", "error.busy")


@pytest.fixture
def restartable() -> Iterator[PrivateCluster]:
    import psycopg

    if find_bindir() is None:
        problem = "no PostgreSQL server binaries (initdb, pg_ctl) installed"
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(f"{problem} ({REQUIRE_POSTGRES_ENV}=1 requires them)", pytrace=False)
        pytest.skip(problem)
    with private_cluster(free_port()) as cluster:
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE govbot")
        yield cluster


@dataclass
class Server:
    process: asyncio.subprocess.Process
    base: str


@pytest.fixture
async def server(restartable: PrivateCluster, slack_api: StandIn, tmp_path: Path) -> AsyncIterator[Server]:
    port = free_port()
    env = clean_env(tmp_path) | {
        "GOVBOT_DATABASE_URL": restartable.url("govbot"),
        "GOVBOT_LOG_LEVEL": "INFO",
        "PORT": str(port),
        "SLACK_BOT_TOKEN": "xoxb-fake",
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack_api.url + "api/",
        "GOVBOT_DEMO": "1",  # the web chat load speaks as a demo person: anonymous visitors may not submit
    }
    with (tmp_path / "serve.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli.main", "serve", env=env, cwd=tmp_path,
            stdout=asyncio.subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
    started = Server(process, f"http://127.0.0.1:{port}")
    try:
        await _ready(started)
        yield started
    finally:
        if process.returncode is None:
            process.terminate()
        await process.wait()


async def _ready(server: Server) -> None:
    deadline = time.monotonic() + READY_WITHIN_S
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            assert server.process.returncode is None, "govbot serve exited"
            try:
                async with http.get(f"{server.base}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"govbot serve not ready within {READY_WITHIN_S} s")


@dataclass(frozen=True)
class Answer:
    kind: str  # "form", "question" or "mention"
    key: str  # submission id, question number or event ts
    sent_at: float
    status: int
    outcome: str  # "ok", "busy" or what else came back
    reference: str | None = None


@dataclass
class Load:
    base: str
    http: aiohttp.ClientSession
    answers: list[Answer] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    csrf: str = ""

    async def open(self) -> None:
        """One web chat session for the whole load (kept in the database, so it outlives the restart)."""
        async with self.http.get(f"{self.base}/webchat/api/session") as response:
            self.csrf = (await response.json())["csrf_token"]
        login = f"{self.base}/webchat/api/demo/login"
        async with self.http.post(login, json={"user": "kari-nordmann"}, headers=self.headers) as response:
            assert response.status == 200, await response.text()
            self.csrf = (await response.json())["csrf_token"]

    @property
    def headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf}

    async def form(self, submission_id: str) -> Answer:
        body = {
            "form_id": "initiative",
            "submission_id": submission_id,
            "values": VALUES,
        }
        sent = time.monotonic()
        async with self.http.post(
            f"{self.base}/webchat/api/forms", json=body, headers=self.headers
        ) as response:
            status, raw = response.status, await response.text()
        answer = Answer("form", submission_id, sent, status, raw[:300])
        if status == 200:
            data = json.loads(raw)
            found = REFERENCE.search(json.dumps(data.get("reply"), ensure_ascii=False))
            if data["ok"] and found:
                answer = Answer("form", submission_id, sent, status, "ok", found.group())
            elif data["errors"] == {"_form": BUSY}:
                answer = Answer("form", submission_id, sent, status, "busy")
        self.answers.append(answer)
        return answer

    async def forms(self, client: int) -> None:
        n = 0
        while not self.stop.is_set():
            n += 1
            await self.form(f"restart-{client}-{n}")
            await asyncio.sleep(PAUSE_S)

    async def question(self) -> Answer:
        body = {"text": "hvem eier DIPS?"}
        sent = time.monotonic()
        async with self.http.post(
            f"{self.base}/webchat/api/messages", json=body, headers=self.headers
        ) as response:
            status, raw = response.status, await response.text()
        outcome = raw[:300]
        if status == 200:
            text = json.loads(raw)["text"]
            outcome = "busy" if text.strip() == BUSY else "ok" if "DIPS" in text else text[:300]
        answer = Answer("question", f"q{len(self.answers)}", sent, status, outcome)
        self.answers.append(answer)
        return answer

    async def mention(self) -> Answer:
        n = len(self.answers)
        ts = f"1700000000.{n:06d}"
        body = event_body("<@UBOT000001> hvem eier DIPS?", event_id=f"EvRESTART{n}", ts=ts, event_ts=ts)
        sent = time.monotonic()
        headers = signed_headers(body, "application/json")
        async with self.http.post(f"{self.base}/slack/events", data=body, headers=headers) as response:
            answer = Answer("mention", ts, sent, response.status, "acked")
        self.answers.append(answer)
        return answer

    async def questions(self) -> None:
        while not self.stop.is_set():
            await self.question()
            await asyncio.sleep(PAUSE_S)

    async def mentions(self) -> None:
        while not self.stop.is_set():
            await self.mention()
            await asyncio.sleep(PAUSE_S)


async def test_postgres_stopped_2s_under_load_every_request_answered_no_partial_rows_recovered_within_5s(
    restartable: PrivateCluster, server: Server, slack_api: StandIn
) -> None:
    pid = server.process.pid
    demo = _initiative_ids(restartable.url("govbot"))  # serve --demo's portfolio, loaded before it was ready
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        load = Load(server.base, http)
        await load.open()
        tasks = [asyncio.create_task(load.forms(c)) for c in range(FORM_CLIENTS)]
        tasks += [asyncio.create_task(load.questions()), asyncio.create_task(load.mentions())]
        try:
            await asyncio.sleep(LOAD_BEFORE_S)
            await asyncio.to_thread(restartable.stop)
            stopped_at = time.monotonic()
            await asyncio.sleep(OUTAGE_S)
            await asyncio.to_thread(restartable.start)  # returns once it accepts connections
            back_at = time.monotonic()
            recovered_at = await _first_normal_form_after(load, back_at)
            await asyncio.sleep(LOAD_AFTER_S)
        finally:
            load.stop.set()
            await asyncio.gather(*tasks)
        by_kind = collections.Counter((a.kind, a.outcome) for a in load.answers)

        # every request answered, 200, with a receipt/answer or the busy sentence
        assert {a.status for a in load.answers} == {200}, [a for a in load.answers if a.status != 200][:5]
        assert {a.outcome for a in load.answers} <= {"ok", "busy", "acked"}, by_kind
        during = [a for a in load.answers if stopped_at <= a.sent_at <= back_at and a.kind != "mention"]
        assert any(a.outcome == "busy" for a in during if a.kind == "form"), by_kind  # the outage was hit
        assert any(a.outcome == "busy" for a in during if a.kind == "question"), by_kind

        # the same process recovered by itself, and everything sent after that is answered normally
        assert recovered_at - back_at < RECOVER_WITHIN_S, f"recovered {recovered_at - back_at:.2f} s after"
        after = [a for a in load.answers if a.sent_at >= recovered_at and a.kind != "mention"]
        assert after and all(a.outcome == "ok" for a in after), [a for a in after if a.outcome != "ok"]
        assert server.process.returncode is None and server.process.pid == pid

        # the web chat page sends a busy form again with the same submission id: one receipt each
        busy = [a.key for a in load.answers if a.kind == "form" and a.outcome == "busy"]
        for start in range(0, len(busy), FORM_CLIENTS):
            again = await asyncio.gather(*(load.form(key) for key in busy[start : start + FORM_CLIENTS]))
            assert all(a.outcome == "ok" for a in again), again

        # restarted again while nobody asks: the pooled connections are all dead, and the first request
        # of each kind must still get a normal answer (pre-ping replaces them), not the busy sentence
        await asyncio.to_thread(restartable.restart)
        assert (await load.form("after-quiet-restart")).outcome == "ok"
        assert (await load.question()).outcome == "ok"
        await load.mention()
        references = _references(load.answers)

    mentions = [a for a in load.answers if a.kind == "mention"]
    await slack_api.wait_for("chat.postMessage", count=len(mentions), timeout=20)
    await asyncio.sleep(SETTLE_S)  # a second reply to any mention would have arrived by now
    replies = slack_api.paths("chat.postMessage")
    threads = collections.Counter(r.body.get("thread_ts") for r in replies)
    assert threads == {a.key: 1 for a in mentions}, "each mention answered exactly once"
    texts = {r.body.get("thread_ts"): r.body.get("text", "") for r in replies}
    assert all(text == BUSY or "DIPS" in text for text in texts.values()), [x[:80] for x in texts.values()]
    assert any(text == BUSY for text in texts.values()), "no mention met the outage"
    assert "DIPS" in texts[mentions[-1].key], "the first mention after the quiet restart was not answered"
    _assert_no_partial_rows(restartable.url("govbot"), references, demo)
    print(f"restart under load: {dict(by_kind)}; first receipt {recovered_at - back_at:.2f} s after start")


async def _first_normal_form_after(load: Load, back_at: float) -> float:
    """When the first form sent after PostgreSQL came back got its receipt; polls the load's answers."""
    deadline = back_at + RECOVER_WITHIN_S + 5
    while time.monotonic() < deadline:
        done = [a for a in load.answers if a.kind == "form" and a.sent_at >= back_at and a.outcome == "ok"]
        if done:
            return min(a.sent_at for a in done)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no receipt within {deadline - back_at:.0f} s of PostgreSQL's start")


def _references(answers: list[Answer]) -> dict[str, str]:
    """Submission id → the one reference it was handed (every receipt for one id names the same)."""
    handed: dict[str, set[str]] = collections.defaultdict(set)
    for a in answers:
        if a.kind == "form" and a.reference is not None:
            handed[a.key].add(a.reference)
    assert all(len(refs) == 1 for refs in handed.values()), {k: v for k, v in handed.items() if len(v) > 1}
    submitted = {a.key for a in answers if a.kind == "form"}
    assert set(handed) == submitted, submitted - set(handed)
    return {key: refs.pop() for key, refs in handed.items()}


def _initiative_ids(url: str) -> set[int]:
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(select(Initiative.id)).scalars())
    finally:
        engine.dispose()


def _assert_no_partial_rows(url: str, references: dict[str, str], demo: set[int]) -> None:
    """The load's initiatives, each whole; `demo` (the demo portfolio's, there before the load) share the
    reference sequence, so the sequence has no gap over both."""
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            everything = conn.execute(select(Initiative.id, Initiative.reference, Initiative.sequence)).all()
            audit = conn.execute(
                select(AuditEntry.entity_ref).where(AuditEntry.action == "initiative.submitted")
            ).scalars()
            per_table = {
                table.__tablename__: dict(
                    conn.execute(
                        select(table.initiative_id, func.count())
                        .where(table.initiative_id.not_in(demo or {0}))
                        .group_by(table.initiative_id)
                    ).all()
                )
                for table in (InitiativeDomain, InitiativeTrust, InitiativeSystem)
            }
            counter = conn.execute(select(InitiativeSequence.last_value)).scalars().all()
    finally:
        engine.dispose()
    rows = [row for row in everything if row.id not in demo]
    assert len(set(references.values())) == len(references), "two submissions were handed one reference"
    assert sorted(r for _, r, _ in rows) == sorted(references.values())
    assert collections.Counter(audit) == collections.Counter(references.values())
    for table, counts in per_table.items():  # the form names one trust and one system
        assert set(counts) == {row.id for row in rows}, f"an initiative without its {table} rows"
    assert sorted(s for _, _, s in everything) == list(range(1, len(everything) + 1)), "a gap in the sequence"
    assert counter == [len(everything)]
    assert all(re.fullmatch(r"INI-\d{4}-\d{4}", r) for _, r, _ in rows)
