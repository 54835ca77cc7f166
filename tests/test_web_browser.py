"""The chat page in a real browser: Debian's Chromium driven by Selenium, over the real app.

Screenshots go to artifacts/screenshots/ (git-ignored). Never a downloaded browser: the tests
skip when /usr/bin/chromium or /usr/bin/chromedriver is absent (`make test` installs both).
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
TEXTING = "Can my therapist text me between sessions?"
CRISIS = "i want to kill myself tonight"
INJECTION = '<script>window.__pwned=1;alert(1)</script> <img src=x onerror="window.__pwned=2"> [x](javascript:alert(1))'

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),  # pandas 3 inside gradio.queueing
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs Debian's /usr/bin/chromium and /usr/bin/chromedriver (run `make browser`)",
    ),
]


@pytest.fixture(scope="module")
def live(real_settings, assistant):
    from assistant.web.server import BackgroundServer, create_app

    server = BackgroundServer(create_app(real_settings, assistant)).start()
    yield server
    server.stop()


def chromium_options(profile: Path):
    """Headless Debian Chromium with no background traffic (this machine's network is closed)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = chromium_options(tmp_path_factory.mktemp("chromium-profile"))
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_window_size(1280, 1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


# -- helpers ----------------------------------------------------------------------------------


def _wait(driver, condition, timeout: float = 60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2).until(condition)


def _open(driver, url: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#message textarea"))
    time.sleep(0.5)  # let the Gradio client finish wiring events


def _bot_messages(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#chat [data-testid='bot']")


def _ask(driver, text: str):
    """Type a message, press Enter and wait until its reply (with sources, or a crisis) is complete."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(_bot_messages(driver))
    box = driver.find_element(By.CSS_SELECTOR, "#message textarea")
    box.click()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)

    seen: dict[str, object] = {}

    def done(d):
        """The reply exists and has stopped changing for a second (streaming is over)."""
        bots = _bot_messages(d)
        if len(bots) <= before:
            return False
        html = bots[-1].get_attribute("innerHTML")
        now = time.monotonic()
        if html != seen.get("html"):
            seen.update(html=html, since=now)
            return False
        return now - seen["since"] >= 1.0

    _wait(driver, done)
    return _bot_messages(driver)[-1]


def _pick_place(driver, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    field = driver.find_element(By.CSS_SELECTOR, "#jurisdiction input")
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(name)
    option = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"li[role='option'][aria-label='{name}']"))[0]
    option.click()
    _wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#jurisdiction input").get_attribute("value") == name)


def _strip_shown(driver) -> bool:
    """Whether the emergency strip above the chat is on screen (Gradio removes hidden blocks)."""
    from selenium.webdriver.common.by import By

    return any(e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, "#crisis-banner .cea-strip"))


def _shot(driver, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


# -- tests ------------------------------------------------------------------------------------


def test_page_has_labelled_controls_and_disclaimer(browser, live) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live.url)
    assert browser.title == "Contact Ethics Assistant"
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "not legal or clinical advice" in body and "not a crisis service" in body
    assert browser.find_element(By.CSS_SELECTOR, "#jurisdiction input").get_attribute("value") == "Not sure"
    for elem_id, label in (("#jurisdiction", "Where is your therapist?"), ("#message", "Your question")):
        field = browser.find_element(By.CSS_SELECTOR, f"{elem_id} input, {elem_id} textarea")
        name = browser.execute_script(
            "const e=arguments[0]; return e.getAttribute('aria-label') || "
            "(e.labels && e.labels[0] ? e.labels[0].innerText : '') || "
            "(e.closest('label') ? e.closest('label').innerText : '');",
            field,
        )
        assert label in name
    assert browser.find_element(By.ID, "send").text == "Send"
    assert browser.find_element(By.ID, "new-conversation").text == "New conversation"
    examples = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#chat button.example")]
    assert any("text my therapist" in e for e in examples), examples
    assert not browser.find_elements(By.CSS_SELECTOR, "footer a"), "footer links should be hidden"
    _shot(browser, "desktop-start")


def test_answer_shows_citations_and_official_links(browser, live, assistant) -> None:
    from selenium.webdriver.common.by import By

    from assistant.reply import Ask

    _open(browser, live.url)
    _pick_place(browser, "United Kingdom")
    message = _ask(browser, TEXTING)
    text = message.text
    assert "[1]" in text and "Sources" in text
    links = message.find_elements(By.CSS_SELECTOR, ".cea-sources a")
    assert links
    official = {urlsplit(c.url).hostname for c in assistant.answer(Ask(question=TEXTING, jurisdiction="GB")).citations}
    for link in links:
        href = link.get_attribute("href")
        parts = urlsplit(href)
        assert parts.scheme in ("http", "https") and parts.hostname in official
        assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
        assert parts.hostname.removeprefix("www.") in link.text
    assert not _strip_shown(browser)
    _shot(browser, "desktop-answer")


def test_crisis_banner_is_above_the_answer_and_stays(browser, live) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live.url)
    _pick_place(browser, "United Kingdom")
    message = _ask(browser, CRISIS)
    banner = message.find_element(By.CSS_SELECTOR, ".cea-crisis")
    assert banner.is_displayed() and "If you are in danger right now" in banner.text and "999" in banner.text
    tel = [a.get_attribute("href") for a in banner.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")]
    assert "tel:999" in tel
    after = message.find_elements(By.CSS_SELECTOR, ".cea-crisis ~ p, .cea-crisis ~ ul, .cea-crisis ~ div")
    assert after, "the answer follows the banner"
    assert banner.rect["y"] + banner.rect["height"] <= after[0].rect["y"]
    assert not browser.find_elements(By.CSS_SELECTOR, "#chat details .cea-crisis"), "never in a collapsed panel"
    assert _strip_shown(browser)
    strip = browser.find_element(By.CSS_SELECTOR, "#crisis-banner .cea-strip")
    assert strip.find_elements(By.CSS_SELECTOR, "a[href='tel:999']")
    assert strip.rect["y"] < browser.find_element(By.ID, "chat").rect["y"]
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", banner)
    _shot(browser, "desktop-crisis")

    follow = _ask(browser, "can my therapist text me tonight?")
    assert _strip_shown(browser), "the emergency strip stays for the rest of the conversation"
    assert follow.find_elements(By.CSS_SELECTOR, ".cea-crisis"), "the crisis stays sticky given history"

    browser.find_element(By.ID, "new-conversation").click()
    _wait(browser, lambda d: not _strip_shown(d))
    _wait(browser, lambda d: not _bot_messages(d))


def test_injected_markup_is_shown_as_text(browser, live) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    _open(browser, live.url)
    _ask(browser, INJECTION)
    users = browser.find_elements(By.CSS_SELECTOR, "#chat [data-testid='user']")
    shown = users[-1].text
    assert "<script>window.__pwned=1;alert(1)</script>" in shown
    assert '<img src=x onerror="window.__pwned=2">' in shown and "[x](javascript:alert(1))" in shown
    assert not users[-1].find_elements(By.CSS_SELECTOR, "script, img, a")
    assert browser.execute_script("return window.__pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    _shot(browser, "desktop-injection")


def test_example_question_is_clickable(browser, live) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, live.url)
    example = next(e for e in browser.find_elements(By.CSS_SELECTOR, "#chat button.example") if "gift" in e.text)
    example.click()
    message = _wait(browser, lambda d: [m for m in _bot_messages(d) if "Sources" in m.text])[0]
    assert "[1]" in message.text


def test_keyboard_only_focus_order_and_send(browser, live) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, live.url)
    browser.find_element(By.CSS_SELECTOR, "#cea-header h1").click()  # focus navigation starts at the top
    order: list[str] = []
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        owner = browser.execute_script(
            "const a=document.activeElement; const o=a && a.closest('[id]'); return o ? o.id : '';"
        )
        if owner in ("jurisdiction", "new-conversation", "message", "send") and owner not in order:
            order.append(owner)
        if owner == "message":
            break
    assert order[:3] == ["jurisdiction", "new-conversation", "message"], order
    ActionChains(browser).send_keys("Can I email my counsellor?", Keys.ENTER).perform()
    message = _wait(browser, lambda d: [m for m in _bot_messages(d) if "Sources" in m.text])[0]
    assert "[1]" in message.text


def test_phone_sized_screen(browser, live) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        _open(browser, live.url)
        _shot(browser, "phone-start")
        _pick_place(browser, "United Kingdom")
        message = _ask(browser, CRISIS)
        assert message.find_element(By.CSS_SELECTOR, ".cea-crisis").is_displayed()
        width = browser.execute_script("return document.documentElement.scrollWidth")
        viewport = browser.execute_script("return window.innerWidth")
        assert width <= viewport + 1, "no sideways scrolling on a phone"
        browser.execute_script("window.scrollTo(0, 0)")
        _shot(browser, "phone-crisis")
        browser.find_element(By.ID, "new-conversation").click()
        _wait(browser, lambda d: not _bot_messages(d))
        _ask(browser, TEXTING)
        _shot(browser, "phone-answer")
    finally:
        browser.set_window_size(1280, 1000)
