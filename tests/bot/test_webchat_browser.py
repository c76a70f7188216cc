"""The web chat in a real browser: headless Chromium picks a demo person (demo mode), asks who owns a
system and submits an initiative; the page sends the session's CSRF token, as the server demands.

The app runs in a thread with its own event loop (selenium blocks, so it cannot share the test's loop).
Skipped with a reason when Chromium is absent, unless GOVBOT_REQUIRE_BROWSER=1 (as in .ci/run).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from sqlalchemy import select

from bot.server import create_app
from handlers.context import HandlerContext
from models.tables import AuditEntry, Initiative
from tests.bot.initiative_input import BAD, GOOD, REFERENCE
from tests.bot.test_webchat_signin import settings as oidc_settings
from tests.bot.webchat_client import demo_settings
from tests.oidc.provider import free_port, running_provider

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


def _need_browser() -> None:
    if os.path.exists(CHROMIUM) and shutil.which("chromedriver"):
        return
    reason = f"{CHROMIUM} or chromedriver not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("GOVBOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; GOVBOT_REQUIRE_BROWSER=1 requires it", pytrace=False)
    pytest.skip(reason)


@contextmanager
def serving(app: web.Application, port: int | None = None) -> Iterator[str]:
    if port is None:
        port = free_port()
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(30)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(30)
        loop.close()


@pytest.fixture
def served(context: HandlerContext) -> Iterator[str]:
    with serving(create_app(context, demo_settings())) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[Any]:
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: Any, css: str, count: int = 1, timeout: float = 15) -> list[Any]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        lambda d: (found := d.find_elements(By.CSS_SELECTOR, css)) and len(found) >= count and found
    )


def say(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "text")
    box.send_keys(text)
    driver.find_element(By.ID, "send").click()


def fill(form: Any, values: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            chooser = Select(field)
            if chooser.is_multiple:
                chooser.deselect_all()
            chooser.select_by_value(value)
        else:
            field.clear()
            field.send_keys(value)


def test_ask_who_owns_a_system_and_submit_an_initiative(
    served: str, browser: Any, context: HandlerContext
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(served)
    wait_for(browser, "body[data-ready='1']")
    person = context.model.people[0]
    Select(browser.find_element(By.ID, "user")).select_by_value(person.key)
    wait_for(browser, "#roles:not(:empty)")  # shown once the demo login has answered
    assert person.title in browser.find_element(By.ID, "roles").text

    say(browser, "Hvem eier DIPS?")
    [answer] = wait_for(browser, ".msg.bot")
    assert "Pasientbehandling" in answer.text

    say(browser, "nytt initiativ")
    [form] = wait_for(browser, "form[data-form-id='initiative']")
    # issue 15: the hints the server sends are shown under their fields, and a known person's contact is filled
    hints = [hint.text for hint in form.find_elements(By.CSS_SELECTOR, ".hint")]
    assert "Ikke skriv pasientopplysninger." in hints
    assert any("Ctrl" in hint for hint in hints)
    need = form.find_element(By.NAME, "need")
    assert need.get_attribute("aria-describedby") == "hint-initiative-need"
    contact = form.find_element(By.NAME, "contact").get_attribute("value")
    assert person.email and person.email in contact
    fill(form, BAD)
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    wait_for(browser, "[data-error-for='title']:not(:empty)")
    assert stored_initiatives(context) == []

    fill(form, GOOD)
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    receipt = wait_for(browser, ".msg.bot", count=3)[-1]
    reference = REFERENCE.search(receipt.text)
    assert reference is not None
    assert stored_initiatives(context) == [(reference.group(0), GOOD["title"])]
    with context.store.read() as session:
        submitted = session.scalar(
            select(AuditEntry.actor).where(AuditEntry.action == "initiative.submitted")
        )
    assert submitted == f"{person.key} (webdemo:{person.key})"


def stored_initiatives(context: HandlerContext) -> list[tuple[str, str]]:
    with context.store.read() as session:
        return [(row.reference, row.title) for row in session.scalars(select(Initiative))]


def test_sign_in_through_the_providers_pages_and_ask_for_my_initiatives(
    browser: Any, context: HandlerContext, tmp_path: Path
) -> None:
    """A real browser follows the redirects, so the SameSite=Lax session cookie must survive the return."""
    from selenium.webdriver.common.by import By

    with (
        running_provider(tmp_path) as provider,
        serving(create_app(context, oidc_settings(provider)), provider.app_port) as url,
    ):
        browser.get(url)
        wait_for(browser, "body[data-ready='1']")
        assert browser.find_element(By.ID, "picker").get_attribute("hidden") is not None
        say(browser, "mine initiativer")
        assert "Logg inn" in wait_for(browser, ".msg.bot")[-1].text
        browser.find_element(By.ID, "sign-in").click()
        wait_for(browser, "input[name='login']")[0].send_keys("lege")
        browser.find_element(By.NAME, "password").send_keys("any")
        browser.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        wait_for(browser, "input[name='prompt'][value='consent']")  # the provider's consent page
        browser.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        [greeting] = wait_for(browser, "#signed-in:not([hidden])")
        assert "Lege Lund" in greeting.text
        wait_for(browser, "body[data-ready='1']")
        say(browser, "mine initiativer")
        assert "ikke meldt inn noen" in wait_for(browser, ".msg.bot")[-1].text
        browser.find_element(By.ID, "sign-out").click()
        wait_for(browser, "#sign-in:not([hidden])")
