"""Issue 14 §6: with no Slack or Teams, a reminder reaches the web chat and the terminal as «varsler»,
and the outbox row says `sent` only once a channel took it, and which one."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.channels.fanout import FanOutNotifier
from bot.channels.inbox import InboxNotifier
from bot.cli.conversation import converse
from bot.server import create_app
from handlers.notify import DeliveryError, Notification
from handlers.replies import Paragraph, Reply
from models.tables import AuditEntry, InboxNotice, Reminder
from scheduler.sweep import Sweeper
from tests.bot.test_webchat_browser import chromium, serving, wait_for
from tests.bot.webchat_client import demo_settings, visitor
from tests.meetings.conftest import CASE_OWNER, SECRETARY, Planned, ask

__all__ = ["browser"]  # the Chromium fixture, shared with the web chat browser tests

TOLD = "Sekretariatet minner om saksgrunnlaget til sak 1-2026 «Ny kurveløsning»"


class Platform:
    """A stand-in for Slack or Teams (outside govbot): takes, refuses for good, or is down for now."""

    def __init__(self, channel: str, *, takes: bool = True, permanent: bool = False) -> None:
        self.channel, self.takes, self.permanent = channel, takes, permanent
        self.sent: list[Notification] = []

    def send(self, notification: Notification) -> str:
        if not self.takes:
            raise DeliveryError(f"{self.channel} said no", permanent=self.permanent)
        self.sent.append(notification)
        return f"{self.channel}-{len(self.sent)}"


def _chase(planned: Planned) -> Reply:
    return ask(planned.ctx, f"send påminnelser {planned.december}", SECRETARY)


def _chase_row(planned: Planned) -> tuple[str, str | None, str | None]:
    with planned.ctx.store.read() as session:
        row = session.scalars(select(Reminder).where(Reminder.kind == "papers.chase")).one()
        return row.status, row.channel, row.message_id


def _sweep(planned: Planned) -> None:
    Sweeper(planned.ctx.store, planned.ctx.notifier, planned.clock, "test").run_until_idle()


async def test_without_slack_or_teams_the_reminder_is_a_notice_in_the_web_chat(planned: Planned) -> None:
    planned.ctx.notifier = InboxNotifier(planned.ctx.store, planned.clock)
    async with TestClient(TestServer(create_app(planned.ctx, demo_settings()))) as client:
        secretary = await visitor(client, SECRETARY)
        sent = await secretary.say(f"send påminnelser {planned.december}")
        assert "Slack og Teams er ikke satt opp" in sent and "«varsler»" in sent
        assert "innen et minutt" not in sent
        owner = await visitor(client, CASE_OWNER)
        assert (await owner.open())["unread"] == 0
        before = await owner.reply("varsler")
        assert before["intent"] == "notifications"
        assert (
            "ingen nye varsler" in before["text"] and "1 påminnelse(r) til deg er forfalt" in before["text"]
        )
        assert _chase_row(planned)[:2] == ("pending", None)  # no channel has taken it: it waits

        _sweep(planned)
        status, channel, message_id = _chase_row(planned)
        assert (status, channel) == ("sent", "inbox") and message_id.startswith("inbox:")
        assert (await owner.open())["unread"] == 1
        assert (await (await visitor(client, SECRETARY)).open())["unread"] == 0  # not someone else's
        shown = await owner.reply("varsler")
        assert "Varsler – 1 uleste" in shown["text"] and TOLD in shown["text"]
        assert shown["unread"] == 0
        again = await owner.reply("my notifications")
        assert "You have no new notifications" in again["text"] and again["unread"] == 0
        anonymous = await visitor(client)
        assert (await anonymous.open())["unread"] is None
        assert "Logg inn" in await anonymous.say("varsler")
    with planned.ctx.store.read() as session:
        read = session.scalars(select(AuditEntry).where(AuditEntry.action == "inbox.read")).one()
        assert read.actor.startswith(CASE_OWNER) and read.after["read"] == 1


def test_the_terminal_says_unread_notices_and_shows_them(
    planned: Planned, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    planned.ctx.notifier = InboxNotifier(planned.ctx.store, planned.clock)
    _chase(planned)
    _sweep(planned)
    monkeypatch.setattr("sys.stdin", io.StringIO("varsler\nvarsler\navslutt\n"))
    assert converse(planned.ctx, language=None, user_id=CASE_OWNER) == 0
    shown = capsys.readouterr().out
    greeting, _, rest = shown.partition("Du har 1 uleste varsler. Skriv «varsler» for å se dem.")
    assert "govbot" in greeting and rest
    first, _, second = rest.partition("Du har ingen nye varsler.")
    assert TOLD in first and TOLD not in second


@pytest.mark.parametrize(
    ("platforms", "channel"),
    [
        ([Platform("slack")], "slack"),
        ([Platform("slack", takes=False, permanent=True)], "inbox"),  # no Slack account: the inbox
        ([Platform("slack", takes=False, permanent=True), Platform("teams")], "teams"),
    ],
)
def test_the_row_records_the_channel_that_took_it(planned: Planned, platforms, channel) -> None:
    inbox = InboxNotifier(planned.ctx.store, planned.clock)
    planned.ctx.notifier = FanOutNotifier([*platforms, inbox])
    _chase(planned)
    _sweep(planned)
    assert _chase_row(planned)[:2] == ("sent", channel)
    with planned.ctx.store.read() as session:
        in_inbox = session.scalar(select(func.count()).select_from(InboxNotice))
    assert in_inbox == (1 if channel == "inbox" else 0)


def test_a_platform_that_is_down_leaves_the_row_waiting_not_sent(planned: Planned) -> None:
    down = Platform("slack", takes=False)
    planned.ctx.notifier = FanOutNotifier([down, InboxNotifier(planned.ctx.store, planned.clock)])
    sent = _chase(planned)
    assert "De sendes i Slack innen et minutt" in sent.text and "«varsler»" in sent.text
    _sweep(planned)
    status, channel, message_id = _chase_row(planned)
    assert (status, channel, message_id) == ("pending", None, None)  # retried later, not lost, not sent


def test_the_inbox_never_holds_one_notice_twice(planned: Planned) -> None:
    inbox = InboxNotifier(planned.ctx.store, planned.clock)
    notice = Notification(CASE_OWNER, Reply("nb", (Paragraph("Hei"),)), "notice", "notice:once")
    assert inbox.send(notice) == inbox.send(notice)  # the at-least-once window re-sends: one notice
    with planned.ctx.store.read() as session:
        assert session.scalar(select(func.count()).select_from(InboxNotice)) == 1


@pytest.fixture
def browser() -> Iterator[Any]:
    """A browser that prefers bokmål, so the page starts in it whatever the machine's locale."""
    yield from chromium("nb")


def test_the_web_chat_page_shows_the_unread_count_and_opens_the_notices(planned: Planned, browser) -> None:
    """In a real browser: the «Varsler (1)» button, pressing it shows the notice, and the count drops."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    inbox = InboxNotifier(planned.ctx.store, planned.clock)
    inbox.send(
        Notification(CASE_OWNER, Reply("nb", (Paragraph("Frist for saksgrunnlag i morgen"),)), "x", "k")
    )
    with serving(create_app(planned.ctx, demo_settings())) as url:
        browser.get(url)
        wait_for(browser, "body[data-ready='1']")
        assert browser.find_element(By.ID, "notifications").get_attribute("hidden") is not None
        Select(browser.find_element(By.ID, "user")).select_by_value(CASE_OWNER)
        [button] = wait_for(browser, "#notifications[data-unread='1']")
        assert button.text == "Varsler (1)"
        button.click()
        answer = wait_for(browser, ".msg.bot")[-1]
        assert "Frist for saksgrunnlag i morgen" in answer.text
        wait_for(browser, "#notifications[data-unread='0']")
