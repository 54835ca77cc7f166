"""The clinic widget in Debian's Chromium over the real app: the fictional clinic's page (examples/clinic-site)
served from a loopback port the clinic allows, and again from one it does not; axe-core on the widget, the
embed page, the public chat page and the staff pages.

Screenshots (desktop and phone: closed, open, answering, crisis) go to artifacts/screenshots/widget-*.png.
Each test writes its own clinic file for its own free ports; none relies on :8766.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time

import httpx
import pytest

from tests.helpers.axe import axe_violations, describe, require_axe
from tests.helpers.browser import (
    ask_in_chat,
    csp_violations,
    open_chat,
    pick_place,
    screenshot,
    start_browser,
    wait_for,
    watch_csp,
)
from tests.helpers.clinics import HARBOUR, ROOT, free_port, write_clinic
from tests.helpers.staff import PASSWORD, SECRET

pytestmark = [
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),  # pandas 3 inside gradio.queueing
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.slow,
]

TEXTING = "Can I text my therapist between sessions?"
CRISIS = "i want to kill myself tonight"
AFTER_HOURS = "Harbour test line: leave a message after hours"
# Violations inside Gradio's own components that we cannot change (rule id -> selectors), with the reason:
GRADIO_EXCLUDED = {
    # gr.Chatbot's examples: Gradio renders <div class="examples" role="list"> with <button> children and no
    # listitem wrapper; the markup is Gradio's (6.x), and the buttons themselves are labelled and focusable.
    "aria-required-children": (".examples",),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # no request log on the test output
        pass


def serve_folder(folder, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def ports():
    return {"site": free_port(), "other": free_port()}


@pytest.fixture(scope="module")
def live(real_settings, assistant, tmp_path_factory, ports):
    from assistant.staff_users import StaffUser
    from assistant.web.server import BackgroundServer, create_app
    from assistant.web.staff.auth import hash_password

    folder = tmp_path_factory.mktemp("widget")
    clinics = folder / "clinics"
    write_clinic(clinics, "demo", HARBOUR, name="Harbour Psychology Practice (sample)", jurisdiction="GB",
                 origins=[f"http://127.0.0.1:{ports['site']}"], after_hours=AFTER_HOURS + ".",
                 phone="+44 20 7946 0000")  # fmt: skip
    users = folder / "staff-users"
    users.write_text(StaffUser("alice", hash_password(PASSWORD, rounds=4), ("demo",)).line() + "\n")
    settings = real_settings.model_copy(update={
        "clinics_dir": clinics, "rate_limit": "off", "staff_users_file": users, "session_secret": SECRET,
    })  # fmt: skip
    app = create_app(settings, assistant)
    server = BackgroundServer(app).start()
    sites = []
    for name in ("site", "other"):
        site = folder / name
        site.mkdir()
        page = (ROOT / "examples" / "clinic-site" / "index.html").read_text()
        assert 'src="http://127.0.0.1:7860/widget.js"' in page
        (site / "index.html").write_text(page.replace("http://127.0.0.1:7860", server.url))
        sites.append(serve_folder(site, ports[name]))
    yield server
    for site in sites:
        site.shutdown()
    server.stop()
    app.state.clinics.stop()


@pytest.fixture()
def desktop(tmp_path):
    driver = start_browser(tmp_path / "profile")
    watch_csp(driver)
    yield driver
    driver.quit()


@pytest.fixture()
def phone(tmp_path):
    driver = start_browser(tmp_path / "profile", width=390, height=844)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    )
    yield driver
    driver.quit()


def _open_panel(driver, url: str):
    from selenium.webdriver.common.by import By

    driver.get(url)
    launcher = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "button.cea-launcher"))[0]
    wait_for(driver, lambda d: launcher.value_of_css_property("position") == "fixed")  # the clinic's stylesheet
    return launcher


def _frame_ready(driver) -> None:
    from selenium.webdriver.common.by import By

    frame = wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".cea-panel iframe"))[0]
    driver.switch_to.frame(frame)
    wait_for(driver, lambda d: d.find_elements(By.ID, "cea-q"))


def _ask(driver, text: str):
    """In the frame: send a message and wait for its reply to be complete."""
    from selenium.webdriver.common.by import By

    before = len(driver.find_elements(By.CSS_SELECTOR, ".cea-bot[aria-busy='false']"))
    box = driver.find_element(By.ID, "cea-q")
    box.send_keys(text)
    driver.find_element(By.ID, "cea-send").click()
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cea-bot[aria-busy='false']")) > before)
    return driver.find_elements(By.CSS_SELECTOR, ".cea-bot[aria-busy='false']")[-1]


def test_demo_page_widget_answers_cites_the_clinic_first_and_gives_crisis_lines(live, ports, desktop) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = desktop
    site = f"http://127.0.0.1:{ports['site']}/"
    launcher = _open_panel(driver, site)
    assert launcher.tag_name == "button" and launcher.get_attribute("aria-expanded") == "false"
    screenshot(driver, "widget-desktop-closed")

    launcher.click()
    panel = driver.find_element(By.CSS_SELECTOR, ".cea-panel")
    assert panel.get_attribute("role") == "dialog" and panel.is_displayed()
    label = driver.find_element(By.ID, panel.get_attribute("aria-labelledby")).text
    assert "contact with your therapist" in label and launcher.get_attribute("aria-expanded") == "true"
    iframe = panel.find_element(By.TAG_NAME, "iframe")
    assert iframe.get_attribute("sandbox") is None and iframe.get_attribute("title")
    assert iframe.get_attribute("src").startswith(live.url + "/embed/demo")

    _frame_ready(driver)
    page = driver.find_element(By.TAG_NAME, "body").text
    assert "Harbour Psychology Practice (sample)" in page and "not a crisis service" in page
    assert "nobody monitors this chat" in page and "Open the full guide" in page
    assert driver.find_element(By.ID, "cea-log").get_attribute("aria-live") == "polite"
    driver.switch_to.default_content()
    screenshot(driver, "widget-desktop-open")

    driver.switch_to.frame(iframe)
    answer = _ask(driver, TEXTING)
    assert "[1]" in answer.text
    sources = driver.find_elements(By.CSS_SELECTOR, "#cea-sources li")
    assert sources[0].text.startswith("Your clinic's policy:") and "Harbour" in sources[0].text
    assert not any("Your clinic's policy" in s.text for s in sources[3:])
    links = driver.find_elements(By.CSS_SELECTOR, "#cea-sources a")
    code_link = next(a for a in links if a.get_attribute("href").startswith("https://"))
    assert code_link.get_attribute("target") == "_blank" and "noopener" in code_link.get_attribute("rel")
    assert driver.find_element(By.ID, "cea-status").text == "Answer ready."
    assert driver.execute_script("return document.cookie") == ""
    driver.switch_to.default_content()
    screenshot(driver, "widget-desktop-answering")

    driver.switch_to.frame(iframe)
    reply = _ask(driver, CRISIS)
    block = reply.find_element(By.CSS_SELECTOR, ".cea-crisis")
    text = block.text
    assert text.index("999") < text.index("Samaritans") < text.index(AFTER_HOURS)
    found = block.find_elements(By.CSS_SELECTOR, "a[href^='tel:'], a[href^='sms:']")
    calls = {a.get_attribute("href"): a for a in found}
    assert {"tel:999", "tel:116123", "tel:+442079460000"} <= set(calls), calls.keys()
    assert any(h.startswith("sms:85258") for h in calls)
    assert all(a.get_attribute("target") in (None, "") for a in calls.values())  # followed in place, not blocked
    strip = driver.find_element(By.CSS_SELECTOR, "#cea-crisis .cea-strip")
    assert strip.is_displayed() and strip.find_elements(By.CSS_SELECTOR, "a[href='tel:999']")
    assert driver.find_element(By.ID, "cea-crisis").get_attribute("role") == "alert"
    violations = axe_violations(driver)  # the cross-origin frame, on its own
    assert not violations, describe(violations)
    driver.switch_to.default_content()
    screenshot(driver, "widget-desktop-crisis")
    violations = axe_violations(driver)  # the clinic's page with the panel open
    assert not violations, describe(violations)
    assert not csp_violations(driver)

    driver.switch_to.frame(iframe)
    driver.find_element(By.ID, "cea-q").send_keys(Keys.ESCAPE)
    driver.switch_to.default_content()
    wait_for(driver, lambda d: not d.find_element(By.CSS_SELECTOR, ".cea-panel").is_displayed(), timeout=10)
    assert driver.switch_to.active_element == launcher and launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    driver.find_element(By.CSS_SELECTOR, ".cea-close").send_keys(Keys.ESCAPE)  # Esc on the parent page too
    wait_for(driver, lambda d: not d.find_element(By.CSS_SELECTOR, ".cea-panel").is_displayed(), timeout=10)
    assert driver.switch_to.active_element == launcher


def test_phone_panel_is_full_screen(live, ports, phone) -> None:
    from selenium.webdriver.common.by import By

    driver = phone
    launcher = _open_panel(driver, f"http://127.0.0.1:{ports['site']}/")
    screenshot(driver, "widget-phone-closed")
    launcher.click()
    panel = driver.find_element(By.CSS_SELECTOR, ".cea-panel")
    width, height = driver.execute_script("return [innerWidth, innerHeight]")
    rect = panel.rect
    assert (rect["x"], rect["y"], rect["width"], rect["height"]) == (0, 0, width, height)
    _frame_ready(driver)
    driver.switch_to.default_content()
    screenshot(driver, "widget-phone-open")
    driver.switch_to.frame(panel.find_element(By.TAG_NAME, "iframe"))
    _ask(driver, TEXTING)
    driver.switch_to.default_content()
    screenshot(driver, "widget-phone-answering")
    driver.switch_to.frame(panel.find_element(By.TAG_NAME, "iframe"))
    reply = _ask(driver, CRISIS)
    assert AFTER_HOURS in reply.text
    driver.execute_script("document.getElementById('cea-crisis').scrollIntoView()")
    driver.switch_to.default_content()
    screenshot(driver, "widget-phone-crisis")


def test_a_port_the_clinic_does_not_allow_gets_no_frame_and_no_api(live, ports, desktop) -> None:
    from selenium.webdriver.common.by import By

    driver = desktop
    other = f"http://127.0.0.1:{ports['other']}"
    launcher = _open_panel(driver, other + "/")
    launcher.click()
    iframe = driver.find_element(By.CSS_SELECTOR, ".cea-panel iframe")

    def refused(d) -> bool:
        return any("frame-ancestors" in v for v in csp_violations(d))

    wait_for(driver, refused, timeout=20)
    driver.switch_to.frame(iframe)
    assert not driver.find_elements(By.ID, "cea-q"), "the chat rendered inside a page the clinic does not allow"
    driver.switch_to.default_content()
    driver.set_script_timeout(30)
    outcome = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},"
        " body: JSON.stringify({question: 'Can I text my therapist?'})})"
        ".then(r => done('status ' + r.status), e => done('refused ' + e.name));",
        live.url + "/api/clinics/demo/ask",
    )
    assert outcome == "refused TypeError"  # the browser gets no CORS answer for this origin
    call = httpx.post(live.url + "/api/clinics/demo/ask", json={"question": TEXTING}, headers={"Origin": other})
    assert call.status_code == 403 and call.json()["error"] == "cross_origin"


def test_axe_embed_public_and_staff_pages(live, desktop) -> None:
    from selenium.webdriver.common.by import By

    require_axe()
    driver = desktop
    driver.get(live.url + "/embed/demo")
    wait_for(driver, lambda d: d.find_elements(By.ID, "cea-q"))
    violations = axe_violations(driver)
    assert not violations, describe(violations)

    open_chat(driver, live.url + "/")
    violations = axe_violations(driver, GRADIO_EXCLUDED)
    assert not violations, "/ " + describe(violations)
    pick_place(driver, "United Kingdom")
    ask_in_chat(driver, TEXTING)
    time.sleep(0.5)
    violations = axe_violations(driver, GRADIO_EXCLUDED)
    assert not violations, "/ after an answer: " + describe(violations)

    driver.get(live.url + "/staff/login")
    violations = axe_violations(driver)
    assert not violations, "/staff/login " + describe(violations)
    driver.find_element(By.ID, "username").send_keys("alice")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    wait_for(driver, lambda d: d.find_elements(By.ID, "staff-tabs"))
    time.sleep(1)
    violations = axe_violations(driver, GRADIO_EXCLUDED)
    assert not violations, "/staff/ " + describe(violations)
    tab = wait_for(driver, lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, "#staff-tabs button[role='tab']")
                                      if b.text == "Clinic counts"])[0]  # fmt: skip
    tab.click()
    counts = "Harbour Psychology Practice (sample)"
    wait_for(driver, lambda d: counts in d.find_element(By.ID, "staff-clinic-counts").text)
    violations = axe_violations(driver, GRADIO_EXCLUDED)
    assert not violations, "/staff/ counts tab " + describe(violations)
    driver.get(live.url + "/staff/clinics")
    assert "Harbour Psychology Practice (sample)" in driver.find_element(By.TAG_NAME, "main").text
    violations = axe_violations(driver)
    assert not violations, "/staff/clinics " + describe(violations)
