"""The Slack App Home at the wire: a signed app_home_opened in, the views.publish at the Web API stand-in.

A mapped person (users.info e-mail → person) sees their initiatives, their paper deadlines and the next
meetings of their bodies, built by the shared handlers; an unknown user sees the help and the button.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from aiohttp.test_utils import TestClient

from handlers.context import HandlerContext
from handlers.initiatives.amounts import MnokRange
from handlers.initiatives.intake import process_intake
from handlers.messages import Sender
from tests.bot.conftest import PEOPLE, StandIn, signed_headers
from tests.bot.initiative_input import REFERENCE
from tests.initiatives.conftest import valid_values
from tests.scheduler.conftest import actor

NOW = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
HILDE = "U0000HILDE"  # hilde-karlsen: secretariat of Områdestyre Pasientbehandling (hso-2026)
TITLE = "Varsel <!channel> & kurve"


def home_opened(user: str, event_id: str) -> str:
    event = {"type": "app_home_opened", "user": user, "channel": "D0000DM", "tab": "home", "event_ts": "1.1"}
    payload = {"type": "event_callback", "team_id": "T0000TEST", "event_id": event_id, "event": event}
    return json.dumps(payload)


async def published_view(client: TestClient, slack_api: StandIn, user: str) -> dict[str, Any]:
    body = home_opened(user, f"Ev0HOME{user}")
    response = await client.post("/slack/events", data=body, headers=signed_headers(body, "application/json"))
    assert response.status == 200
    [published] = await slack_api.wait_for("views.publish")
    assert published.body["user_id"] == user
    return published.body["view"]


def plan_case_for_hilde(context: HandlerContext) -> None:
    from handlers.meetings.access import resolve_body
    from handlers.meetings.agenda import add_item
    from handlers.meetings.deadlines import OSLO
    from handlers.meetings.planning import add_meeting

    store = context.store
    with store.session() as session:
        board = resolve_body(session, store.model_id, "Pasientbehandling")
        meeting = add_meeting(
            session,
            store.model,
            store.model_id,
            actor("hilde-karlsen"),
            board,
            datetime(2026, 12, 14, 9, tzinfo=OSLO),
            "Teams",
            NOW,
        )
        add_item(
            session,
            store.model,
            store.model_id,
            actor("hilde-karlsen"),
            meeting.id,
            title="Ny kurveløsning",
            owner_key="hilde-karlsen",
            kind="decision",
            initiative_ref=None,
            operating_cost=MnokRange(0.5, 0.5),
            now=NOW,
        )


async def test_home_shows_my_initiatives_deadlines_and_next_meetings(
    slack_client: TestClient, slack_api: StandIn, context: HandlerContext
) -> None:
    context.clock = lambda: NOW
    email, name, locale = PEOPLE[HILDE]
    sender = Sender("slack", HILDE, name, email, locale)
    receipt = process_intake(
        context, valid_values(title=TITLE), sender=sender, language="nb", submission_id="home-test-1"
    )
    assert receipt.ok, receipt.errors
    plan_case_for_hilde(context)

    view = await published_view(slack_client, slack_api, HILDE)

    assert view["type"] == "home"
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    sections = ["Velkommen til govbot", "Mine initiativer", "Mine frister", "Neste møter i mine organer"]
    assert [h for h in headers if h in sections] == sections
    assert headers[-1] == "Dette kan jeg svare på"
    reference = REFERENCE.findall(receipt.reply.text if receipt.reply else "")[0]
    assert f"{reference} Varsel" in shown and "Pasientbehandling" in shown
    assert "Varsel &lt;!channel&gt; &amp; kurve" in shown and "<!channel>" not in shown
    assert "04.12.2026: sak 1-2026 Ny kurveløsning til Områdestyre Pasientbehandling" in shown
    assert "Neste møte i Områdestyre Pasientbehandling: 14.12.2026 kl. 09:00" in shown
    assert any(
        b["type"] == "actions" and b["elements"][0]["action_id"] == "govbot_open_form" for b in view["blocks"]
    )


async def test_home_for_an_unknown_user_is_just_help_and_the_button(
    slack_client: TestClient, slack_api: StandIn
) -> None:
    view = await published_view(slack_client, slack_api, "U0000NOBODY")

    headers = [b["text"]["text"] for b in view["blocks"] if b["type"] == "header"]
    assert headers == ["Velkommen til govbot", "Dette kan jeg svare på"]
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Mine initiativer" not in shown and "Mine frister" not in shown
    assert any(
        b["type"] == "actions" and b["elements"][0]["action_id"] == "govbot_open_form" for b in view["blocks"]
    )
