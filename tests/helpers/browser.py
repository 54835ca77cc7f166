"""Debian Chromium driven by Selenium, for the browser tests (never a downloaded browser).

When ``CI`` is set, a missing /usr/bin/chromium or /usr/bin/chromedriver fails the tests
instead of skipping them: CI must prove the pages work in a real browser.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = Path(__file__).resolve().parent.parent.parent / "artifacts" / "screenshots"
HAVE_BROWSER = CHROMIUM.exists() and CHROMEDRIVER.exists()


def require_browser() -> None:
    """Skip locally without Chromium; fail in CI (`make test` installs it)."""
    if HAVE_BROWSER:
        return
    message = "needs Debian's /usr/bin/chromium and /usr/bin/chromedriver (run `make browser`)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


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
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console messages, CSP reports included
    return options


def start_browser(profile: Path, width: int = 1280, height: int = 1000):
    """A headless Chromium session with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_browser()
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=chromium_options(profile))
    driver.set_window_size(width, height)
    SHOTS.mkdir(parents=True, exist_ok=True)
    return driver


def wait_for(driver, condition, timeout: float = 60):
    """Wait until ``condition`` holds; an element replaced while it was read (Gradio re-renders, a
    page navigating away) is read again on the next poll instead of failing the test."""
    from selenium.common.exceptions import (
        NoSuchElementException,
        StaleElementReferenceException,
        WebDriverException,
    )
    from selenium.webdriver.support.ui import WebDriverWait

    def tolerant(d):
        # Chromium reports an element read while its page is being replaced (a sign-out redirect)
        # as a generic inspector error, not as a stale element: poll again, as for a stale one.
        try:
            return condition(d)
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(driver, timeout, poll_frequency=0.2, ignored_exceptions=ignored).until(tolerant)


def open_chat(driver, url: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url)
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#message textarea"))
    time.sleep(0.5)  # let the Gradio client finish wiring events


def bot_messages(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#chat [data-testid='bot']")


def ask_in_chat(driver, text: str):
    """Type a message, press Enter and wait until its reply (with sources, or a crisis) is complete."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(bot_messages(driver))
    box = driver.find_element(By.CSS_SELECTOR, "#message textarea")
    box.click()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)

    seen: dict[str, object] = {}

    def done(d):
        """The reply exists and has stopped changing for a second (streaming is over)."""
        bots = bot_messages(d)
        if len(bots) <= before:
            return False
        html = bots[-1].get_attribute("innerHTML")
        now = time.monotonic()
        if html != seen.get("html"):
            seen.update(html=html, since=now)
            return False
        return now - seen["since"] >= 1.0

    wait_for(driver, done)
    return bot_messages(driver)[-1]


def pick_place(driver, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    field = driver.find_element(By.CSS_SELECTOR, "#jurisdiction input")
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(name)
    option = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"li[role='option'][aria-label='{name}']"))[0]
    option.click()
    wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#jurisdiction input").get_attribute("value") == name)


def strip_shown(driver) -> bool:
    """Whether the emergency strip above the chat is on screen (Gradio removes hidden blocks)."""
    from selenium.webdriver.common.by import By

    return any(e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, "#crisis-banner .cea-strip"))


def screenshot(driver, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def watch_csp(driver) -> None:
    """Record every CSP violation of every page this browser opens from now on (``csp_violations``)."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_WATCH})


def csp_violations(driver) -> list[str]:
    """CSP violations seen by the page, plus console messages about a Content Security Policy."""
    seen = list(driver.execute_script("return window.__csp || []"))
    for entry in driver.get_log("browser"):
        if "Content Security Policy" in entry.get("message", "") or "Refused to" in entry.get("message", ""):
            seen.append(entry["message"])
    return seen
