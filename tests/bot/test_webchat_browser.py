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
    yield from chromium()


def chromium(accept_language: str | None = None) -> Iterator[Any]:
    """Headless Chromium; `accept_language` pins the language the page starts in (it follows the browser's
    Accept-Language until the conversation says otherwise), else the machine's locale decides."""
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    if accept_language is not None:
        options.add_argument(f"--lang={accept_language}")
        options.add_experimental_option("prefs", {"intl.accept_languages": accept_language})
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


def choose_person(driver: Any, key: str) -> None:
    """Picks a demo person the way a visitor does: on a phone the picker sits behind the «Meny» button,
    which is opened first and closed again once the roles show."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    toggle = driver.find_element(By.ID, "who-toggle")
    behind_menu = toggle.is_displayed() and toggle.get_attribute("aria-expanded") == "false"
    if behind_menu:
        toggle.click()
    Select(driver.find_element(By.ID, "user")).select_by_value(key)
    wait_for(driver, "#roles:not(:empty)")
    if behind_menu:
        toggle.click()


def say(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "text")
    box.send_keys(text)
    driver.find_element(By.ID, "send").click()


def fill(form: Any, values: dict[str, str]) -> None:
    """Type and click as a person would: several choices (the trusts) are checkboxes, ticked by value."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        if field.get_attribute("type") == "checkbox":
            for box in form.find_elements(By.NAME, name):
                if box.is_selected() != (box.get_attribute("value") == value):
                    box.click()
        elif field.tag_name == "select":
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
    need = form.find_element(By.NAME, "need")
    [privacy] = form.find_elements(By.CSS_SELECTOR, "[data-field='need'] .hint")
    assert privacy.get_attribute("id") in need.get_attribute("aria-describedby").split()
    # the trusts are checkboxes in a group that says «one or more», not a small Ctrl-click box
    trusts = form.find_element(By.CSS_SELECTOR, "fieldset[data-field='trusts']")
    assert "ett eller flere" in trusts.text
    assert len(trusts.find_elements(By.CSS_SELECTOR, "input[type='checkbox']")) == len(
        context.model.health_trusts
    )
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


# --- the page as people see it: phone and desktop widths, screenshots, overflow and axe (issue 15) ---------

ARTIFACTS_ENV = "GOVBOT_TEST_ARTIFACTS"
WIDTHS = ((360, 800), (1280, 800))

_OVERFLOW = """
const width = window.innerWidth, found = [];
if (document.documentElement.scrollWidth > width) found.push(`page ${document.documentElement.scrollWidth}px wide`);
for (const node of document.querySelectorAll("header *, #log *, #composer *")) {
  if (node.closest(".visually-hidden, [hidden]")) continue;
  const box = node.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;
  if (box.right > width + 0.5 || box.left < -0.5) found.push(`${node.tagName.toLowerCase()}#${node.id} «${(node.textContent || "").slice(0, 40)}» at ${Math.round(box.left)}–${Math.round(box.right)}px`);
  else if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== "visible" && node.tagName !== "TEXTAREA")
    found.push(`${node.tagName.toLowerCase()}#${node.id} cut off (${node.scrollWidth}px in ${node.clientWidth}px)`);
}
return found;
"""


def screenshots_dir(database: str) -> Path:
    """`GOVBOT_TEST_ARTIFACTS` (default test-artifacts/ in the checkout, git-ignored) / screenshots / db."""
    root = Path(os.environ.get(ARTIFACTS_ENV) or Path(__file__).resolve().parents[2] / "test-artifacts")
    folder = root / "screenshots" / database
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Looker:
    """At each step: nothing wider than the viewport, no axe violation, and a screenshot to look at."""

    def __init__(self, driver: Any, size: tuple[int, int], folder: Path) -> None:
        self.driver, self.size, self.folder = driver, size, folder
        self.shots: list[Path] = []
        self.axe: dict[str, list[dict[str, Any]]] = {}

    def look(self, step: str) -> None:
        from tests.axe.engine import violations

        width, height = self.size
        path = self.folder / f"{width}x{height}-{len(self.shots) + 1}-{step}.png"
        assert self.driver.save_screenshot(str(path)), path
        self.shots.append(path)
        overflow = self.driver.execute_script(_OVERFLOW)
        assert overflow == [], f"{step} at {width} px: wider than the screen: {overflow} (see {path})"
        found = violations(self.driver)
        self.axe[step] = found
        assert found == [], f"{step} at {width} px: axe (WCAG 2.1 AA) violations: {found} (see {path})"


@pytest.mark.parametrize("size", WIDTHS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_page_fits_the_screen_and_passes_axe_at_phone_and_desktop_width(
    served: str,
    browser: Any,
    context: HandlerContext,
    size: tuple[int, int],
    database_url: str,
    request: pytest.FixtureRequest,
) -> None:
    """Issue 15's «Must show»: greeting, an answer, the form with an error and a status reply, at 360 and
    1280 px; then the page's own words follow the conversation into English."""
    import json

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    from handlers.texts import TEXTS

    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    database = request.node.callspec.params["database_url"]
    looker = Looker(browser, size, screenshots_dir(database))
    browser.get(served)
    wait_for(browser, "body[data-ready='1']")
    assert browser.execute_script("return window.innerWidth") == width
    # the region's name and colour come from the model file
    assert context.model.region in browser.find_element(By.ID, "title").text
    header = browser.execute_script(
        "return getComputedStyle(document.querySelector('header')).backgroundColor"
    )
    red, green, blue = (int(context.model.appearance.colour[i : i + 2], 16) for i in (1, 3, 5))
    assert header == f"rgb({red}, {green}, {blue})"

    toggle = browser.find_element(By.ID, "who-toggle")
    phone = width < 600
    assert toggle.is_displayed() == phone  # on a phone the header is one line with a menu button
    if phone:
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not browser.find_element(By.ID, "user").is_displayed()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    person = context.model.people[0]
    Select(browser.find_element(By.ID, "user")).select_by_value(person.key)
    wait_for(browser, "#roles:not(:empty)")
    if phone:
        looker.look("menu")  # the open menu fits and passes axe as well
        toggle.click()
    header_height = browser.execute_script(
        "return document.querySelector('header').getBoundingClientRect().height"
    )
    if phone:
        assert header_height <= 60, f"the phone's header is {header_height} px high"
    say(browser, "hei")
    wait_for(browser, ".msg.bot[data-intent]")
    looker.look("greeting")

    say(browser, "Hvem eier DIPS?")
    assert "Pasientbehandling" in wait_for(browser, ".msg.bot", count=2)[-1].text
    looker.look("answer")

    say(browser, "nytt initiativ")
    [form] = wait_for(browser, "form[data-form-id='initiative']")
    fill(form, BAD)
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    [error] = wait_for(browser, "[data-error-for='title']:not(:empty)")
    title = form.find_element(By.NAME, "title")
    assert title.get_attribute("aria-invalid") == "true"
    assert error.get_attribute("id") in title.get_attribute("aria-describedby").split()
    assert browser.switch_to.active_element == title  # the keyboard is where the error is
    fonts = browser.execute_script(
        "return [document.body, ...document.querySelectorAll('form textarea, form input')]"
        ".map((n) => getComputedStyle(n).fontFamily)"
    )
    assert set(fonts) == {fonts[0]}, fonts  # multi-line fields in the page's font, not monospace
    boxes = form.find_elements(By.CSS_SELECTOR, "fieldset[data-field='trusts'] input[type='checkbox']")
    assert len(boxes) == len(context.model.health_trusts)  # every trust visible, one or more ticked
    looker.look("form-error")

    fill(form, GOOD)
    form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    receipt = wait_for(browser, ".msg.bot", count=4)[-1]
    reference = REFERENCE.search(receipt.text)
    assert reference is not None
    say(browser, f"status på {reference.group(0)}")
    status = wait_for(browser, ".msg.bot", count=5)[-1]
    assert GOOD["title"] in status.text
    looker.look("status")

    # written in English, the page's own words (title, label, placeholder, roles) follow
    english = TEXTS["en"]
    # by keyboard only: the focus is back in the message field after each message, Enter sends
    assert browser.switch_to.active_element == browser.find_element(By.ID, "text")
    browser.switch_to.active_element.send_keys("Which domain owns Helsenorge?" + Keys.ENTER)
    wait_for(browser, "html[lang='en']")
    assert wait_for(browser, ".msg.bot", count=6)[-1].get_attribute("lang") == "en"
    box = browser.find_element(By.ID, "text")
    assert box.get_attribute("placeholder") == english["webchat.placeholder"]
    if phone:
        assert toggle.text == english["webchat.menu"]
        toggle.click()
    assert (
        browser.find_element(By.ID, "text-label").get_attribute("textContent")
        == english["webchat.message_label"]
    )
    assert browser.find_element(By.ID, "pick-label").text == english["webchat.pick_user"]
    chosen = Select(browser.find_element(By.ID, "user")).first_selected_option.text
    assert person.title in chosen and "plassholder" not in chosen  # «(placeholder)» in English
    assert english["role.chair"] in browser.find_element(By.ID, "roles").text
    looker.look("english")

    report = looker.folder / f"axe-{width}x{height}.json"
    report.write_text(json.dumps(looker.axe, indent=2, ensure_ascii=False), encoding="utf-8")
    print(
        f"\nweb chat screenshots at {width}x{height}: {looker.folder} ({len(looker.shots)} files; axe: {report})"
    )


@pytest.mark.parametrize("size", WIDTHS, ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_frame_answer_shows_its_chart_with_the_numbers_as_alt_text(
    store: Any, browser: Any, size: tuple[int, int], request: pytest.FixtureRequest
) -> None:
    """Issue 16 §4: the chart is an <img> the Content-Security-Policy lets load (a data: URI), fits a phone,
    says its numbers in alt, and the page still has no axe violation."""
    from datetime import UTC, datetime

    from handlers.frames.demo import seed_demo
    from tests.scheduler.conftest import Clock

    demo = HandlerContext(store=store, clock=Clock(datetime(2026, 6, 1, 8, 0, tzinfo=UTC)))
    assert seed_demo(demo) > 0
    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    looker = Looker(browser, size, screenshots_dir(request.node.callspec.params["database_url"]))
    with serving(create_app(demo, demo_settings())) as url:
        browser.get(url)
        wait_for(browser, "body[data-ready='1']")
        choose_person(browser, "hanne-kristoffersen")
        say(browser, "hvor mye av rammen er brukt i Pasientbehandling?")
        [image] = wait_for(browser, ".msg.bot figure.chart img")
        browser.execute_script("arguments[0].scrollIntoView()", image)
        assert (
            browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 600
        )
        assert image.get_attribute("alt") == (
            "Rammen for Pasientbehandling i 2026: ramme 120 MNOK, brukt og bundet 88 MNOK, foreslått 32 MNOK."
        )
        assert image.size["width"] <= width
        looker.look("frame-chart")
