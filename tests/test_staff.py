"""The staff area put together: the users CLI, sign-in, sessions, rate limiting, the guard, the page.

Fast tests build the real app (`create_app`) over a stub assistant (no model, no index) and
drive it with Starlette's TestClient. Slow tests use the real index; the browser test signs
in with Debian's Chromium, runs a comparison, downloads the CSV and looks at the grid.
Unit tests of the parts: tests/test_staff_auth.py, tests/test_staff_compare.py.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from assistant.config import Settings
from assistant.web.page import DISCLAIMER
from assistant.web.staff.auth import COOKIE_NAME, SessionSigner, StaffAuth, hash_password, parse_users
from tests.helpers.browser import CHROMEDRIVER, SHOTS, bot_messages, chromium_options, require_browser
from tests.helpers.browser import ask_in_chat as _ask
from tests.helpers.browser import wait_for as _wait
from tests.helpers.staff import PASSWORD, SECRET
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

NOT_CONFIGURED = "Staff area not configured"


def _users_file(path: Path, **users: str) -> Path:
    path.write_text("".join(f"{name}:{hash_password(pw, rounds=4)}\n" for name, pw in users.items()))
    return path


# -- the CLI --------------------------------------------------------------------------------------


def test_cli_adds_changes_lists_and_removes_users(tmp_path, monkeypatch, capsys) -> None:
    from assistant.cli import main as cli_main
    from assistant.cli import staff_users

    users = tmp_path / "secrets" / "staff-users"
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(staff_users.getpass, "getpass", lambda prompt="": next(answers))
    assert cli_main(["staff-users", "--file", str(users), "add", "alice"]) == 0
    text = users.read_text()
    assert PASSWORD not in text and "alice:$2b$" in text
    assert users.stat().st_mode & 0o777 == 0o600
    assert StaffAuth(users, 60).users.verify("alice", PASSWORD)

    monkeypatch.setattr("sys.stdin", io.StringIO("another long passphrase\n"))
    assert cli_main(["staff-users", "--file", str(users), "add", "bob", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli_main(["staff-users", "--file", str(users), "add", "carol", "--password-stdin"]) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("yet another passphrase\n"))
    assert cli_main(["staff-users", "--file", str(users), "add", "bob", "--password-stdin"]) == 1
    assert "already exists" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("yet another passphrase\n"))
    assert cli_main(["staff-users", "--file", str(users), "passwd", "bob", "--password-stdin"]) == 0
    assert StaffAuth(users, 60).users.verify("bob", "yet another passphrase")

    capsys.readouterr()
    assert cli_main(["staff-users", "--file", str(users), "list"]) == 0
    assert capsys.readouterr().out.split() == ["alice", "bob"]
    assert cli_main(["staff-users", "--file", str(users), "remove", "alice"]) == 0
    assert cli_main(["staff-users", "--file", str(users), "add", "../x", "--password-stdin"]) == 2
    assert set(parse_users(users.read_text())[0]) == {"bob"}


def test_cli_refuses_mismatched_passwords_and_needs_a_file(tmp_path, monkeypatch, capsys) -> None:
    from assistant.cli import main as cli_main
    from assistant.cli import staff_users

    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(staff_users.getpass, "getpass", lambda prompt="": next(answers))
    assert cli_main(["staff-users", "--file", str(tmp_path / "u"), "add", "alice"]) == 1
    assert "differ" in capsys.readouterr().err and not (tmp_path / "u").exists()
    monkeypatch.delenv("ASSISTANT_STAFF_USERS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    assert cli_main(["staff-users", "list"]) == 2
    assert "ASSISTANT_STAFF_USERS_FILE" in capsys.readouterr().err


# -- the app over a stub assistant ----------------------------------------------------------------


def _stub_assistant():
    codes = {
        "APA": {"code": "APA", "body": "American Psychological Association", "jurisdiction": "US"},
        "TX-LPC": {"code": "TX-LPC", "body": "Texas Behavioral Health Executive Council", "jurisdiction": "US-TX"},
        "BACP": {"code": "BACP", "body": "BACP", "jurisdiction": "GB"},
    }
    kb = SimpleNamespace(codes=codes, manifest=None)
    return SimpleNamespace(kb=kb, knowledge_base=lambda: kb, embeddings=None, llm=None)


def _client(app, ip: str = "10.1.1.1"):
    from fastapi.testclient import TestClient

    return TestClient(app, follow_redirects=False, client=(ip, 50000))


@pytest.fixture(scope="module")
def staff_app(tmp_path_factory):
    from assistant.web.server import create_app

    folder = tmp_path_factory.mktemp("staff")
    users = _users_file(folder / "users", alice=PASSWORD, carol=PASSWORD, dave=PASSWORD)
    settings = Settings(staff_users_file=users, session_secret=SECRET, staff_session_minutes=30)
    app = create_app(settings, _stub_assistant(), stream_delay=0)
    return SimpleNamespace(app=app, auth=app.state.staff_auth, users=users, settings=settings)


def _login(client, user: str = "alice", password: str = PASSWORD, **extra):
    return client.post("/staff/login", data={"username": user, "password": password, **extra})


def _signed_in(staff_app, ip: str, user: str = "alice"):
    client = _client(staff_app.app, ip)
    resp = _login(client, user)
    assert resp.status_code == 303, resp.text
    return client


PAGE = {"accept": "text/html,application/xhtml+xml"}
GUARDED = [
    ("GET", "/staff/"),
    ("GET", "/staff/config"),
    ("GET", "/staff/gradio_api/info"),
    ("GET", "/staff/gradio_api/openapi.json"),
    ("GET", "/staff/gradio_api/file=/etc/hostname"),
    ("GET", "/staff/gradio_api/queue/data?session_hash=abc"),
    ("GET", "/staff/theme.css"),
    ("GET", "/staff/gradio_api/user"),
    ("POST", "/staff/gradio_api/queue/join"),
    ("POST", "/staff/gradio_api/upload"),
    ("POST", "/staff/gradio_api/call/run"),
    ("POST", "/staff/gradio_api/run/predict"),
]


class TestSignIn:
    def test_login_page_is_a_real_form_with_safe_headers(self, staff_app) -> None:
        resp = _client(staff_app.app).get("/staff/login")
        assert resp.status_code == 200
        assert '<form method="post" action="login"' in resp.text and 'type="password"' in resp.text
        assert resp.headers["cache-control"] == "no-store" and resp.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]

    def test_wrong_password_gets_a_clear_refusal(self, staff_app) -> None:
        client = _client(staff_app.app, "10.2.0.1")
        for user, password in (("alice", "wrong password here"), ("nobody", PASSWORD)):
            resp = _login(client, user, password)
            assert resp.status_code == 401
            assert "Wrong user name or password" in resp.text and 'role="alert"' in resp.text
            assert COOKIE_NAME not in resp.headers.get("set-cookie", "")
            assert PASSWORD not in resp.text and "wrong password here" not in resp.text
        assert client.get("/staff/", headers=PAGE).status_code == 303

    def test_empty_fields_are_not_counted(self, staff_app) -> None:
        client = _client(staff_app.app, "10.2.0.2")
        for _ in range(7):
            resp = client.post("/staff/login", data={"username": "alice", "password": ""})
            assert resp.status_code == 400 and "Enter your user name and password" in resp.text

    def test_correct_login_gives_access(self, staff_app) -> None:
        client = _client(staff_app.app, "10.2.0.3")
        resp = _login(client)
        assert resp.status_code == 303 and resp.headers["location"] == "/staff/"
        cookie = resp.headers["set-cookie"].lower()
        for part in ("httponly", "samesite=lax", "path=/staff", f"max-age={30 * 60}"):
            assert part in cookie
        page = client.get("/staff/", headers=PAGE)
        assert page.status_code == 200 and "<html" in page.text
        config = client.get("/staff/config")
        assert config.status_code == 200 and config.headers["cache-control"] == "no-store"
        ids = {c.get("props", {}).get("elem_id") for c in config.json()["components"]}
        assert {"staff-topic", "staff-jurisdictions", "staff-codes", "staff-compare", "staff-table"} <= ids
        assert {"staff-csv", "staff-grid", "chat", "message"} <= ids
        assert client.get("/staff/gradio_api/user").json() == "alice"
        assert DISCLAIMER not in config.text and "cea-disclaimer" not in ids, "no client disclaimer for staff"

    def test_staff_root_without_slash_redirects(self, staff_app) -> None:
        resp = _client(staff_app.app).get("/staff")
        assert resp.status_code == 307 and resp.headers["location"] == "/staff/"

    def test_next_is_kept_but_only_inside_staff(self, staff_app) -> None:
        client = _client(staff_app.app, "10.2.0.4")
        resp = client.get("/staff/config?x=1", headers=PAGE)
        assert resp.status_code == 303 and resp.headers["location"] == "/staff/login?next=%2Fstaff%2Fconfig%3Fx%3D1"
        assert _login(client, next="/staff/config?x=1").headers["location"] == "/staff/config?x=1"
        evils = ("https://evil.example/", "//evil.example/staff/", "/staff/../api", "/staff/%2E%2E/x", "/\\evil", "/x")
        for evil in evils:
            fresh = _client(staff_app.app, "10.2.0.5")
            assert _login(fresh, next=evil).headers["location"] == "/staff/", evil

    def test_signed_in_user_is_sent_on_from_the_login_page(self, staff_app) -> None:
        client = _signed_in(staff_app, "10.2.0.6")
        resp = client.get("/staff/login")
        assert resp.status_code == 303 and resp.headers["location"] == "/staff/"

    def test_logout_revokes_the_session(self, staff_app) -> None:
        client = _signed_in(staff_app, "10.2.0.7")
        token = client.cookies.get(COOKIE_NAME)
        client.get("/staff/logout")  # a link, an image or a cross-site GET signs nobody out
        assert client.get("/staff/config").status_code == 200
        resp = client.post("/staff/logout")
        assert resp.status_code == 303 and resp.headers["location"] == "/staff/login?signed_out=1"
        assert "You have signed out" in client.get("/staff/login?signed_out=1").text
        replay = _client(staff_app.app, "10.2.0.7")
        replay.cookies.set(COOKIE_NAME, token, path="/staff")
        assert replay.get("/staff/config").status_code == 401

    def test_session_ends_when_the_user_is_removed(self, staff_app) -> None:
        client = _signed_in(staff_app, "10.2.0.8", user="dave")
        assert client.get("/staff/config").status_code == 200
        original = staff_app.users.read_text()
        try:
            staff_app.users.write_text("\n".join(x for x in original.splitlines() if not x.startswith("dave:")) + "\n")
            assert client.get("/staff/config").status_code == 401
        finally:
            staff_app.users.write_text(original)


class TestRateLimit:
    def test_repeated_failures_from_one_address_are_rate_limited(self, staff_app) -> None:
        client = _client(staff_app.app, "10.3.0.1")
        messages = [_login(client, f"guess{i}", "wrong password here") for i in range(5)]
        assert [m.status_code for m in messages] == [401] * 5
        assert "3 attempts left" not in messages[0].text and "2 attempts left" in messages[2].text
        assert "Sign-in is now paused" in messages[4].text
        blocked = _login(client, "alice", PASSWORD)  # even the right password waits
        assert blocked.status_code == 429
        assert 0 < int(blocked.headers["retry-after"]) <= 300
        assert "Too many failed sign-in attempts" in blocked.text
        assert COOKIE_NAME not in blocked.headers.get("set-cookie", "")
        assert _login(_client(staff_app.app, "10.3.0.2"), "alice", PASSWORD).status_code == 303

    def test_repeated_failures_for_one_user_are_rate_limited(self, staff_app) -> None:
        auth = staff_app.auth
        for i in range(5):
            assert _login(_client(staff_app.app, f"10.4.0.{i}"), "carol", "wrong password here").status_code == 401
        blocked = _login(_client(staff_app.app, "10.4.0.99"), "carol", PASSWORD)
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0
        later = time.time() + 301
        auth.clock = lambda: later
        try:
            assert _login(_client(staff_app.app, "10.4.0.99"), "carol", PASSWORD).status_code == 303
        finally:
            auth.clock = time.time


class TestSessionExpiry:
    def test_expired_session_goes_back_to_login(self, staff_app) -> None:
        auth = staff_app.auth
        client = _signed_in(staff_app, "10.5.0.1")
        assert client.get("/staff/", headers=PAGE).status_code == 200
        token = client.cookies.get(COOKIE_NAME)
        later = time.time() + 30 * 60 + 1
        auth.clock = lambda: later
        try:
            page = client.get("/staff/", headers=PAGE)
            assert page.status_code == 303 and page.headers["location"] == "/staff/login?expired=1"
            cleared = page.headers.get("set-cookie", "").lower()
            assert COOKIE_NAME in cleared and "max-age=0" in cleared
            api = _client(staff_app.app, "10.5.0.1")
            api.cookies.set(COOKIE_NAME, token, path="/staff")
            body = api.get("/staff/gradio_api/info").json()
            assert body["error"] == "session_expired"
            assert "Your session has expired" in client.get("/staff/login?expired=1").text
        finally:
            auth.clock = time.time

    def test_cookie_with_an_old_timestamp_is_refused(self, staff_app) -> None:
        """A correctly signed cookie issued longer ago than the session lifetime."""
        issued = time.time() - 31 * 60
        hashed = staff_app.auth.users.users()["alice"]
        old = SessionSigner(SECRET, 30 * 60, clock=lambda: issued).issue("alice", hashed)
        client = _client(staff_app.app, "10.5.0.2")
        client.cookies.set(COOKIE_NAME, old, path="/staff")
        assert client.get("/staff/config").json()["error"] == "session_expired"
        fresh = SessionSigner(SECRET, 30 * 60).issue("alice", hashed)
        client.cookies.set(COOKIE_NAME, fresh, path="/staff")
        assert client.get("/staff/config").status_code == 200

    def test_forged_cookies_are_refused(self, staff_app) -> None:
        client = _client(staff_app.app, "10.5.0.3")
        for token in (SessionSigner("guessed secret", 1800).issue("alice"), "alice", "e30.AAAA"):
            client.cookies.set(COOKIE_NAME, token, path="/staff")
            assert client.get("/staff/config").json()["error"] == "not_authenticated"


class TestGuard:
    @pytest.mark.parametrize(("method", "path"), GUARDED)
    def test_direct_urls_are_refused_without_a_session(self, staff_app, method: str, path: str) -> None:
        client = _client(staff_app.app, "10.6.0.1")
        resp = client.request(method, path, json={} if method == "POST" else None)
        assert resp.status_code == 401, (path, resp.status_code, resp.text[:200])
        assert resp.json()["error"] == "not_authenticated"
        page = client.request(method, path, headers=PAGE)
        if method == "GET":
            assert page.status_code == 303 and page.headers["location"].startswith("/staff/login")
        else:
            assert page.status_code == 401

    def test_gradio_itself_also_refuses_without_a_session(self, staff_app) -> None:
        """Second lock: the mounted Gradio app checks the same session (auth_dependency)."""
        from fastapi.testclient import TestClient
        from starlette.routing import Mount

        mount = next(r for r in staff_app.app.router.routes if isinstance(r, Mount) and r.path == "/staff")
        inner = TestClient(mount.app.app, follow_redirects=False)
        assert inner.get("/config").status_code == 401
        assert inner.get("/gradio_api/info").status_code == 401

    def test_public_pages_do_not_link_to_staff(self, staff_app) -> None:
        client = _client(staff_app.app, "10.6.0.2")
        for path in ("/", "/config", "/gradio_api/info", "/api/openapi.json"):
            resp = client.get(path)
            assert resp.status_code == 200 and "/staff" not in resp.text, path


def test_unconfigured_staff_area_is_not_reachable(tmp_path) -> None:
    from assistant.web.server import create_app

    app = create_app(Settings(staff_users_file=None), _stub_assistant(), stream_delay=0)
    client = _client(app)
    for method, path in [("GET", "/staff"), ("GET", "/staff/login"), ("POST", "/staff/login"), *GUARDED]:
        resp = client.request(method, path)
        assert resp.status_code == 404 and NOT_CONFIGURED in resp.text, path
    assert "/staff" not in client.get("/config").text


def test_staff_area_with_missing_users_file_is_not_reachable(tmp_path) -> None:
    from assistant.web.server import create_app

    users = tmp_path / "users"
    settings = Settings(staff_users_file=users, session_secret=SECRET)
    app = create_app(settings, _stub_assistant(), stream_delay=0)
    client = _client(app)
    for method, path in [("GET", "/staff/login"), ("POST", "/staff/login"), *GUARDED]:
        resp = client.request(method, path, data={"username": "a", "password": "b"} if method == "POST" else None)
        assert resp.status_code == 503 and NOT_CONFIGURED in resp.text, path
    _users_file(users, alice=PASSWORD)  # created while the server runs: no restart needed
    assert _login(client).status_code == 303
    assert client.get("/staff/config").status_code == 200


# -- a real server and a real browser -------------------------------------------------------------


@pytest.fixture(scope="module")
def live_staff(real_settings, assistant, tmp_path_factory):
    from assistant.web.server import BackgroundServer, create_app

    users = _users_file(tmp_path_factory.mktemp("live-staff") / "users", alice=PASSWORD)
    settings = real_settings.model_copy(
        update={"staff_users_file": users, "session_secret": SECRET, "staff_session_minutes": 30}
    )
    app = create_app(settings, assistant, stream_delay=0)
    server = BackgroundServer(app).start()
    server.auth = app.state.staff_auth
    yield server
    server.stop()


@pytest.mark.slow
@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_live_server_refuses_gradio_clients_without_a_session(live_staff) -> None:
    from gradio_client import Client

    for path in ("/staff/config", "/staff/gradio_api/info", "/staff/gradio_api/queue/data?session_hash=x"):
        assert httpx.get(live_staff.url + path, timeout=10).status_code == 401
    with pytest.raises(Exception):  # noqa: B017 - gradio_client raises different types per version
        Client(f"{live_staff.url}/staff/", verbose=False)
    resp = httpx.post(f"{live_staff.url}/staff/login", data={"username": "alice", "password": PASSWORD}, timeout=30)
    assert resp.status_code == 303
    cookies = {COOKIE_NAME: resp.cookies[COOKIE_NAME]}
    assert httpx.get(f"{live_staff.url}/staff/config", cookies=cookies, timeout=10).status_code == 200


@pytest.fixture(scope="module")
def staff_browser(tmp_path_factory):
    """Chromium with the same flags as tests/test_web_browser.py, downloading into a temp folder."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_browser()
    downloads = tmp_path_factory.mktemp("downloads")
    options = chromium_options(tmp_path_factory.mktemp("chromium-profile"))
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_window_size(1366, 1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _shot(driver, name: str) -> Path:
    path = SHOTS / f"staff-{name}.png"
    driver.save_screenshot(str(path))
    return path


def _pick(driver, elem_id: str, label: str) -> None:
    """Choose one option of a (multi-select) Gradio dropdown by its visible label."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    field = driver.find_element(By.CSS_SELECTOR, f"#{elem_id} input")
    field.click()
    field.send_keys(label)
    option = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"li[role='option'][aria-label='{label}']"))[0]
    option.click()
    field.send_keys(Keys.ESCAPE)
    _wait(driver, lambda d: label in d.find_element(By.ID, elem_id).text or (
        d.find_element(By.CSS_SELECTOR, f"#{elem_id} input").get_attribute("value") == label))  # fmt: skip


def _sign_in(driver, url: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    user = driver.find_element(By.ID, "username")
    user.clear()
    user.send_keys("alice")
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "sign-in").click()


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.browser
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_browser_sign_in_compare_download_and_grid(staff_browser, live_staff) -> None:
    from selenium.webdriver.common.by import By

    driver = staff_browser
    driver.get(f"{live_staff.url}/staff/")
    _wait(driver, lambda d: d.find_elements(By.ID, "username"))
    assert "/staff/login" in driver.current_url and driver.title == "Staff sign-in"

    _sign_in(driver, live_staff.url, "not the password")
    alert = _wait(driver, lambda d: d.find_elements(By.ID, "login-message"))[0]
    assert "Wrong user name or password" in alert.text
    _shot(driver, "login-refused")

    _sign_in(driver, live_staff.url, PASSWORD)
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#staff-compare"))
    _wait(driver, lambda d: "Signed in as alice" in d.find_element(By.TAG_NAME, "body").text)
    time.sleep(0.5)  # let the Gradio client finish wiring events
    assert DISCLAIMER not in driver.find_element(By.TAG_NAME, "body").text
    assert not driver.find_elements(By.CSS_SELECTOR, "footer a")

    _pick(driver, "staff-topic", "After termination")
    _pick(driver, "staff-jurisdictions", "United States (US)")
    _pick(driver, "staff-jurisdictions", "United Kingdom (GB)")
    driver.find_element(By.ID, "staff-compare").click()
    _wait(driver, lambda d: "Summary:" in d.find_element(By.ID, "staff-summary").text)
    table = driver.find_element(By.ID, "staff-table")
    _wait(driver, lambda d: "BACP" in table.text)
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll(\"#staff-table [role=gridcell][data-col='0']\"))"
        ".map(c => c.textContent.trim())"
    )
    assert {"APA", "ACA", "BACP", "UKCP"} <= set(shown), shown
    links = [a.get_attribute("href") for a in table.find_elements(By.CSS_SELECTOR, "a[href]")]
    assert links and all(h.startswith("https://") for h in links)
    assert not table.find_elements(By.CSS_SELECTOR, "script, img")
    driver.execute_script("window.scrollTo(0, 0)")
    _shot(driver, "compare")

    download = _wait(driver, lambda d: [b for b in d.find_elements(By.CSS_SELECTOR, "#staff-csv") if b.is_enabled()])
    download[0].click()
    folder: Path = driver.downloads
    files = _wait(driver, lambda d: [p for p in folder.glob("*.csv") if p.stat().st_size > 0], timeout=30)
    with files[0].open(encoding="utf-8-sig", newline="") as fh:
        records = list(csv.DictReader(fh))
    assert {"APA", "ACA", "BACP"} <= {r["code"] for r in records}
    assert {r["jurisdiction"].split("-")[0] for r in records} == {"US", "GB"}  # the two picked, with their subdivisions

    grid = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#staff-grid img"))[0]
    _wait(driver, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", grid))
    assert driver.execute_script("return arguments[0].naturalWidth", grid) > 300
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", driver.find_element(By.ID, "staff-grid"))
    _shot(driver, "grid")

    driver.execute_script("window.scrollTo(0, 0)")
    driver.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Ask')]").click()
    _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#message textarea"))
    time.sleep(0.3)
    reply = _ask(driver, "Can my therapist text me between sessions?")
    assert "[1]" in reply.text and "Sources" in reply.text and bot_messages(driver)
    assert not driver.find_elements(By.ID, "cea-disclaimer")
    assert DISCLAIMER not in driver.find_element(By.TAG_NAME, "body").text, "no client disclaimer for staff"
    _shot(driver, "ask")

    # the session runs out while the page is open: its next call sends the person to sign in again
    later = time.time() + 30 * 60 + 1
    live_staff.auth.clock = lambda: later
    try:
        driver.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Compare')]").click()
        _wait(driver, lambda d: d.find_element(By.ID, "staff-compare").is_displayed())
        driver.find_element(By.ID, "staff-compare").click()
        _wait(driver, lambda d: "Your session has expired" in d.find_element(By.TAG_NAME, "body").text)
        assert "/staff/login?expired=1" in driver.current_url
    finally:
        live_staff.auth.clock = time.time
    _sign_in(driver, live_staff.url, PASSWORD)
    _wait(driver, lambda d: d.find_elements(By.ID, "staff-logout"))
    driver.find_element(By.ID, "staff-logout").click()
    _wait(driver, lambda d: "You have signed out" in d.find_element(By.TAG_NAME, "body").text)
    driver.get(f"{live_staff.url}/staff/")
    _wait(driver, lambda d: d.find_elements(By.ID, "username"))
