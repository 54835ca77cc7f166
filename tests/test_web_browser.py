"""The chat page in a real browser: Debian's Chromium driven by Selenium, over the real app.

Screenshots go to artifacts/screenshots/ (git-ignored). Never a downloaded browser: the tests
skip locally when /usr/bin/chromium or /usr/bin/chromedriver is absent, and fail in CI
(`make test` installs both).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.helpers.browser import (
    ask_in_chat,
    bot_messages,
    csp_violations,
    open_chat,
    pick_place,
    screenshot,
    start_browser,
    strip_shown,
    wait_for,
    watch_csp,
)

TEXTING = "Can my therapist text me between sessions?"
CRISIS = "i want to kill myself tonight"
INJECTION = '<script>window.__pwned=1;alert(1)</script> <img src=x onerror="window.__pwned=2"> [x](javascript:alert(1))'

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),  # pandas 3 inside gradio.queueing
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def live(real_settings, assistant):
    from assistant.web.server import BackgroundServer, create_app

    server = BackgroundServer(create_app(real_settings, assistant)).start()
    yield server
    server.stop()


# -- tests ------------------------------------------------------------------------------------


def test_page_has_labelled_controls_and_disclaimer(browser, live) -> None:
    from selenium.webdriver.common.by import By

    open_chat(browser, live.url)
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
    screenshot(browser, "desktop-start")


def test_answer_shows_citations_and_official_links(browser, live, assistant) -> None:
    from selenium.webdriver.common.by import By

    from assistant.reply import Ask

    open_chat(browser, live.url)
    pick_place(browser, "United Kingdom")
    message = ask_in_chat(browser, TEXTING)
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
    assert not strip_shown(browser)
    screenshot(browser, "desktop-answer")


def test_crisis_banner_is_above_the_answer_and_stays(browser, live) -> None:
    from selenium.webdriver.common.by import By

    open_chat(browser, live.url)
    pick_place(browser, "United Kingdom")
    message = ask_in_chat(browser, CRISIS)
    banner = message.find_element(By.CSS_SELECTOR, ".cea-crisis")
    assert banner.is_displayed() and "If you are in danger right now" in banner.text and "999" in banner.text
    tel = [a.get_attribute("href") for a in banner.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")]
    assert "tel:999" in tel
    after = message.find_elements(By.CSS_SELECTOR, ".cea-crisis ~ p, .cea-crisis ~ ul, .cea-crisis ~ div")
    assert after, "the answer follows the banner"
    assert banner.rect["y"] + banner.rect["height"] <= after[0].rect["y"]
    assert not browser.find_elements(By.CSS_SELECTOR, "#chat details .cea-crisis"), "never in a collapsed panel"
    assert strip_shown(browser)
    strip = browser.find_element(By.CSS_SELECTOR, "#crisis-banner .cea-strip")
    assert strip.find_elements(By.CSS_SELECTOR, "a[href='tel:999']")
    assert strip.rect["y"] < browser.find_element(By.ID, "chat").rect["y"]
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", banner)
    screenshot(browser, "desktop-crisis")

    follow = ask_in_chat(browser, "can my therapist text me tonight?")
    assert strip_shown(browser), "the emergency strip stays for the rest of the conversation"
    assert follow.find_elements(By.CSS_SELECTOR, ".cea-crisis"), "the crisis stays sticky given history"

    browser.find_element(By.ID, "new-conversation").click()
    wait_for(browser, lambda d: not strip_shown(d))
    wait_for(browser, lambda d: not bot_messages(d))


def test_injected_markup_is_shown_as_text(browser, live) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_chat(browser, live.url)
    ask_in_chat(browser, INJECTION)
    users = browser.find_elements(By.CSS_SELECTOR, "#chat [data-testid='user']")
    shown = users[-1].text
    assert "<script>window.__pwned=1;alert(1)</script>" in shown
    assert '<img src=x onerror="window.__pwned=2">' in shown and "[x](javascript:alert(1))" in shown
    assert not users[-1].find_elements(By.CSS_SELECTOR, "script, img, a")
    assert browser.execute_script("return window.__pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    screenshot(browser, "desktop-injection")


def test_example_question_is_clickable(browser, live) -> None:
    from selenium.webdriver.common.by import By

    open_chat(browser, live.url)
    example = next(e for e in browser.find_elements(By.CSS_SELECTOR, "#chat button.example") if "gift" in e.text)
    example.click()
    message = wait_for(browser, lambda d: [m for m in bot_messages(d) if "Sources" in m.text])[0]
    assert "[1]" in message.text


def test_keyboard_only_focus_order_and_send(browser, live) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_chat(browser, live.url)
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
    message = wait_for(browser, lambda d: [m for m in bot_messages(d) if "Sources" in m.text])[0]
    assert "[1]" in message.text


def test_phone_sized_screen(browser, live) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        open_chat(browser, live.url)
        screenshot(browser, "phone-start")
        pick_place(browser, "United Kingdom")
        message = ask_in_chat(browser, CRISIS)
        assert message.find_element(By.CSS_SELECTOR, ".cea-crisis").is_displayed()
        width = browser.execute_script("return document.documentElement.scrollWidth")
        viewport = browser.execute_script("return window.innerWidth")
        assert width <= viewport + 1, "no sideways scrolling on a phone"
        browser.execute_script("window.scrollTo(0, 0)")
        screenshot(browser, "phone-crisis")
        browser.find_element(By.ID, "new-conversation").click()
        wait_for(browser, lambda d: not bot_messages(d))
        ask_in_chat(browser, TEXTING)
        screenshot(browser, "phone-answer")
    finally:
        browser.set_window_size(1280, 1000)


def test_a_chat_raises_no_csp_error(tmp_path, live) -> None:
    """The page lives with its CSP (inline scripts and, for gr.HTML's templates, eval; nothing from another
    host): loading, a question, a crisis message and a new conversation report no violation."""
    from selenium.webdriver.common.by import By

    driver = start_browser(tmp_path / "profile")
    try:
        watch_csp(driver)
        open_chat(driver, live.url)
        policy = driver.execute_script(
            "return fetch(location.href).then(r => r.headers.get('content-security-policy'))"
        )
        assert "script-src 'self' 'unsafe-inline'" in policy and "https:" not in policy and "*" not in policy
        assert "[1]" in ask_in_chat(driver, TEXTING).text
        assert "999" in ask_in_chat(driver, CRISIS).text or strip_shown(driver)
        driver.find_element(By.ID, "new-conversation").click()
        wait_for(driver, lambda d: not bot_messages(d))
        assert csp_violations(driver) == []
        driver.get(f"{live.url}/api/docs")  # the self-hosted Swagger UI lives with its strict policy too
        wait_for(driver, lambda d: "/api/ask" in d.find_element(By.TAG_NAME, "body").text, timeout=30)
        assert csp_violations(driver) == []
        # the watch works: something the policy forbids is reported
        driver.execute_script("const i = document.createElement('img'); i.src = 'https://example.invalid/x.png';"
                              "document.body.appendChild(i);")  # fmt: skip
        wait_for(driver, lambda d: csp_violations(d), timeout=10)
        screenshot(driver, "csp-chat")
    finally:
        driver.quit()
