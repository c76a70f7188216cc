"""Issue 11: no identity number of any kind, however written, reaches a table, a log, a feed or a message.

Each finding at the wire: H-numbers and synthetic numbers, every separator shape, the fields that had no
check (the rejection reason, the ask-the-submitter question, the meeting place, the web submission id),
a Slack search that echoed the number back, and the CLI's free-text arguments. Then a property-based run
(hypothesis: kind × separator × split × surrounding text × entry point) after which EVERY text column of
the schema (reflected, so a new column is covered), the logs, the reminder payloads, the .ics feed and
everything sent to the Slack Web API and the Bot Connector stand-ins are searched for the numbers.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import JSON, MetaData, String, create_engine, select

from bot.server import create_app
from handlers.context import HandlerContext
from handlers.texts import t
from models.database import normalise_url
from models.tables import AuditEntry, Initiative, Meeting
from tests.bot.conftest import BOT_USER_ID, StandIn, signed_headers, slack_settings
from tests.bot.initiative_input import GOOD
from tests.bot.test_secretariat_buttons import SECRETARIAT, submit
from tests.bot.test_slack_events import event_body
from tests.bot.test_teams import activity, replies
from tests.bot.webchat_client import demo_settings, visitor
from tests.reliability.conftest import count, intake_view, post_payload, view_submission
from tests.reliability.identity_shapes import KINDS, SEPARATORS, SPLITS, identity_number, leaks, written

REFUSAL = {language: t(language, "guard.identity_number") for language in ("nb", "en")}
BOARD = "pasientbehandling"


async def web_chat(client: TestClient, path: str, person: str, body: dict[str, Any]) -> dict[str, Any]:
    """The one place these tests talk to the web chat API: a demo person's session with its CSRF token."""
    chat = await visitor(client, person)
    status, answer = await chat.post(f"/webchat/api/{path}", body)
    assert status == 200, answer
    return answer


def text_columns(database_url: str) -> tuple[list[str], str]:
    """Every String, Text and JSON column of every table, reflected from the database; names and values."""
    engine = create_engine(normalise_url(database_url))
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        names: list[str] = []
        values: list[str] = []
        with engine.connect() as conn:
            for table in metadata.sorted_tables:
                columns = [c for c in table.columns if isinstance(c.type, String | JSON)]
                names.extend(f"{table.name}.{c.name}" for c in columns)
                for row in conn.execute(select(*columns)) if columns else ():
                    values.extend(
                        json.dumps(v, ensure_ascii=False, default=str) for v in row if v is not None
                    )
        return names, "\n".join(values)
    finally:
        engine.dispose()


def sent(*standins: StandIn) -> str:
    return json.dumps([c.body for s in standins for c in s.calls], ensure_ascii=False, default=str)


def board_secretary(context: HandlerContext) -> str:
    from models.repositories.governance import roster

    board = context.model.domain(BOARD).board
    with context.store.read() as session:
        return next(
            e.person_key for e in roster(session, context.store.model_id, board) if e.role == "secretariat"
        )


def test_every_kind_and_separator_shape_is_found_and_none_of_the_governance_text_is() -> None:
    from models.identity_numbers import contains_identity_number

    rng = random.Random(11)
    missed = [
        (kind, sep, split)
        for kind in KINDS
        for sep, separator in SEPARATORS.items()
        for split in SPLITS
        if not contains_identity_number(
            f"Pasient {written(identity_number(kind, rng), separator, split)} ventet"
        )
    ]
    assert missed == []
    ordinary = [
        "Investering 12 500 000 kr, drift 1 250 000 kr per år",
        "Møtet 15.03.2026 kl. 09:00, papirfrist 05.03.2026",
        "Ring 22 11 80 00 eller 915 55 555",
        "INI-2026-0001, INI-2026-0002 og INI-2026-0117",
        "Punkt 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 og 11",
        "1 2 3 4 5 6 7 8 9 10 11 12 13",
        "Saksnr. 2026/01234-12, arkivkode 077.1",
        "Periode 2026-01-01–2026-12-31, versjon 3.14.159",
    ]
    assert [text for text in ordinary if contains_identity_number(text)] == []


async def test_a_slack_search_with_a_number_of_each_kind_is_refused_and_never_echoed(
    context: HandlerContext, slack_api: StandIn
) -> None:
    rng = random.Random(5)
    numbers = []
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        for i, kind in enumerate(KINDS):
            number = identity_number(kind, rng)
            numbers.append(number)
            shape = written(number, SEPARATORS["no_break_space" if i % 2 else "spaced_dash"], "6+5")
            body = event_body(f"<@{BOT_USER_ID}> søk etter {shape}", event_id=f"EvPII{i:07d}")
            response = await client.post(
                "/slack/events", data=body, headers=signed_headers(body, "application/json")
            )
            assert response.status == 200
            posted = await slack_api.wait_for("chat.postMessage", count=i + 1)
            assert REFUSAL["nb"] in posted[-1].body["text"]
    assert leaks(numbers, sent(slack_api)) == []


async def test_reject_reason_question_meeting_place_and_submission_id_are_refused_and_nothing_changes(
    context: HandlerContext, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    reference = await asyncio.to_thread(submit, context)
    rng = random.Random(8)
    numbers = [identity_number(kind, rng) for kind in ("h_number", "synthetic", "synthetic_d", "d_number")]
    h_number, synthetic, synthetic_d, d_number = numbers
    secretary = board_secretary(context)
    async with TestClient(TestServer(create_app(context, demo_settings()))) as client:
        # the rejection reason: the button's form, and the reason typed as a message with the button data
        reject = await web_chat(
            client,
            "forms",
            SECRETARIAT,
            {
                "form_id": "initiative-reject",
                "context": reference,
                "values": {"reason": f"Gjelder {h_number}"},
            },
        )
        assert reject["ok"] is False and reject["errors"]["reason"] == REFUSAL["nb"]
        typed = await web_chat(
            client,
            "messages",
            SECRETARIAT,
            {
                "text": f"avvist, gjelder {written(synthetic, '.', 'dd mm yy nnnnn')}",
                "data": {"action": "initiative.reject", "value": reference},
            },
        )
        assert typed["text"] == REFUSAL["nb"]
        # the ask-the-submitter question, split by a zero-width space
        ask = await web_chat(
            client,
            "forms",
            SECRETARIAT,
            {
                "form_id": "initiative-ask",
                "context": reference,
                "values": {"question": f"Is patient {written(synthetic_d, chr(0x200B), '6+5')} the one?"},
            },
        )
        assert ask["ok"] is False and ask["errors"]["question"] in REFUSAL.values()
        # the meeting place
        place = await web_chat(
            client,
            "forms",
            secretary,
            {
                "form_id": "meeting",
                "context": "",
                "submission_id": "t-place",
                "values": {
                    "body": context.model.domain(BOARD).board,
                    "date": "16.12.2030",
                    "time": "09:00",
                    "place": f"Rom {written(d_number, '/', 'dd mm yy nnn nn')}",
                },
            },
        )
        assert place["ok"] is False and place["errors"]["place"] == REFUSAL["nb"]
        # the web submission id (the intake form, every field good)
        token = await web_chat(
            client,
            "forms",
            "kari-nordmann",
            {"form_id": "initiative", "context": "", "submission_id": f"x{h_number}", "values": dict(GOOD)},
        )
        assert token["ok"] is False and token["errors"]["_form"] == REFUSAL["nb"]
    with context.store.read() as session:
        initiative = session.scalar(select(Initiative))
        assert (initiative.state, initiative.state_reason) == ("innmeldt", None)
        actions = set(session.scalars(select(AuditEntry.action)))
        assert not actions & {"initiative.rejected", "initiative.info_requested", "meeting.add"}
    assert count(context, Meeting) == 0 and count(context, Initiative) == 1
    _, stored = text_columns(database_url)
    assert leaks(numbers, stored) == []
    assert leaks(numbers, "\n".join(r.getMessage() for r in caplog.records)) == []


def test_cli_refuses_numbers_in_every_free_text_argument_without_repeating_them(
    context: HandlerContext, database_url: str, cli: Any
) -> None:
    rng = random.Random(12)
    number = identity_number("h_number", rng)
    shape = written(number, " ", "dd mm yy nnn nn")
    commands = [
        (
            "meetings",
            "add",
            "--body",
            BOARD,
            "--at",
            "2030-04-05T09:00",
            "--place",
            f"Rom {shape}",
            "--as",
            SECRETARIAT,
        ),
        ("agenda", "add", "1", "--title", f"Sak om {shape}", "--as", SECRETARIAT),
        (
            "initiatives",
            "move",
            "INI-2026-0001",
            "avvist",
            "--reason",
            f"Gjelder {shape}",
            "--as",
            SECRETARIAT,
        ),
        (
            "initiatives",
            "move",
            f"INI-{number}",
            "avvist",
            "--reason",
            "ok",
            "--as",
            SECRETARIAT,
            "--lang",
            "en",
        ),
        ("ask", f"søk etter {shape}"),
        ("suggest-domain", f"Pasient {shape} trenger bedre flyt"),
    ]
    for command in commands:
        result = cli(*command, database_url=database_url, env={"GOVBOT_LOG_LEVEL": "DEBUG"})
        language = "en" if "en" in command else "nb"
        assert result.returncode == 2, (command[:2], result.stderr)
        assert REFUSAL[language] in result.stderr
        assert leaks([number], result.stdout + result.stderr) == []
    assert count(context, Meeting) == 0
    assert leaks([number], text_columns(database_url)[1]) == []


ENTRY_POINTS = (
    "slack_mention",
    "teams_message",
    "web_message",
    "web_need",
    "web_title",
    "meeting_place",
    "reject_reason",
    "question",
)
AROUND = (
    st.sampled_from(["", "Pasient ", "Gjelder «", "nr: ", "Patient ID "]),
    st.sampled_from(["", " ventet", "» i går", ".", "\nhilsen Kari"]),
)


async def test_generated_numbers_in_every_shape_reach_no_table_log_payload_feed_or_message(
    context: HandlerContext,
    database_url: str,
    slack_api: StandIn,
    connector: StandIn,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    reference = await asyncio.to_thread(submit, context)
    secretary = board_secretary(context)
    board = context.model.domain(BOARD).board
    loop = asyncio.get_running_loop()
    numbers: list[str] = []
    async with TestClient(
        TestServer(
            create_app(context, slack_settings(slack_api, GOVBOT_DEMO=True, GOVBOT_TEAMS_EMULATOR=True))
        )
    ) as client:
        planned = await web_chat(
            client,
            "forms",
            secretary,
            {
                "form_id": "meeting",
                "context": "",
                "submission_id": "t-ok",
                "values": {"body": board, "date": "16.12.2030", "time": "09:00", "place": "Teams"},
            },
        )
        assert planned["ok"], planned

        async def attempt(entry: str, text: str, i: int) -> str:
            """What the person is told, as text."""
            if entry == "slack_mention":
                body = event_body(f"<@{BOT_USER_ID}> {text}", event_id=f"EvGen{i:07d}")
                await client.post(
                    "/slack/events", data=body, headers=signed_headers(body, "application/json")
                )
                return (
                    await slack_api.wait_for(
                        "chat.postMessage", count=len(slack_api.paths("chat.postMessage")) + 1
                    )
                )[-1].body["text"]
            if entry == "teams_message":
                before = len(replies(connector))
                assert (
                    await client.post("/api/messages", json=activity(connector, text, activity_id=f"gen-{i}"))
                ).status in (200, 201)
                return json.dumps(replies(connector)[before:], ensure_ascii=False)
            if entry == "web_message":
                return (await web_chat(client, "messages", "kari-nordmann", {"text": text}))["text"]
            forms = {
                "web_need": ("kari-nordmann", "initiative", "", {**GOOD, "need": text}),
                "web_title": ("kari-nordmann", "initiative", "", {**GOOD, "title": text[:120]}),
                "meeting_place": (
                    secretary,
                    "meeting",
                    "",
                    {"body": board, "date": "15.12.2030", "time": "10:00", "place": text[:300]},
                ),
                "reject_reason": (SECRETARIAT, "initiative-reject", reference, {"reason": text}),
                "question": (SECRETARIAT, "initiative-ask", reference, {"question": text}),
            }
            person, form_id, form_context, values = forms[entry]
            answer = await web_chat(
                client,
                "forms",
                person,
                {"form_id": form_id, "context": form_context, "submission_id": f"gen-{i}", "values": values},
            )
            assert answer["ok"] is False, (entry, answer)
            return json.dumps(answer, ensure_ascii=False)

        @settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
        @given(
            kind=st.sampled_from(sorted(KINDS)),
            separator=st.sampled_from(sorted(SEPARATORS)),
            split=st.sampled_from(sorted(SPLITS)),
            before=AROUND[0],
            after=AROUND[1],
            entry=st.sampled_from(ENTRY_POINTS),
            seed=st.integers(0, 10**6),
        )
        def each_shape(
            kind: str, separator: str, split: str, before: str, after: str, entry: str, seed: int
        ) -> None:
            number = identity_number(kind, random.Random(seed))
            numbers.append(number)
            text = f"{before}{written(number, SEPARATORS[separator], split)}{after}"
            told = asyncio.run_coroutine_threadsafe(attempt(entry, text, len(numbers)), loop).result(
                timeout=30
            )
            refusals = [json.dumps(sentence, ensure_ascii=False)[1:-1] for sentence in REFUSAL.values()]
            assert any(sentence in told for sentence in refusals), (entry, told)
            assert leaks([number], told) == []

        await asyncio.to_thread(each_shape)
        feed = await client.get(f"/calendar/{board}.ics")
        assert feed.status == 200
        ics = await feed.text()
    assert "Teams" in ics and len(numbers) >= 40
    columns, stored = text_columns(database_url)
    assert len(columns) > 90  # every text column of the schema is read, not a chosen few
    assert {"meetings.place", "initiatives.state_reason", "audit_log.reason", "reminders.payload"} <= set(
        columns
    )
    assert leaks(numbers, stored) == []
    assert leaks(numbers, ics) == []
    assert leaks(numbers, sent(slack_api, connector)) == []
    assert leaks(numbers, "\n".join(r.getMessage() for r in caplog.records)) == []
    assert count(context, Meeting) == 1 and count(context, Initiative) == 1


async def test_platform_ids_whose_digits_look_like_a_number_never_trip_the_guard(
    context: HandlerContext, slack_api: StandIn
) -> None:
    """Slack's view hash is random digits and letters: one whose digits spell a valid fødselsnummer
    (about one form in a thousand) is the platform's id, not the user's words, and must not be refused."""
    number = identity_number("fødselsnummer", random.Random(7))
    view = intake_view(context)
    payload = view_submission(
        view, dict(GOOD), view_id="V0000HASH", view_hash=f"{number[:10]}.{number[10]}Bq"
    )
    async with TestClient(TestServer(create_app(context, slack_settings(slack_api)))) as client:
        response = await post_payload(client, payload)
        assert response.status == 200 and await response.text() == ""
        again = await post_payload(client, payload)  # Slack's retry of the same view: the same token
        assert again.status == 200
    assert count(context, Initiative) == 1
    with context.store.read() as session:
        stored_ids = [str(i) for i in session.scalars(select(Initiative.submission_id))]
    assert leaks([number], " ".join(stored_ids)) == []
