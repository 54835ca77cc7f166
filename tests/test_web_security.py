"""The public surface of the web app under hostile requests (issue 15, findings 2-19).

Fast tests build the real app (`create_app`) over a stub assistant (no model, no index) and
drive it with Starlette's TestClient or a real uvicorn server on loopback; the tests whose
point is the crisis block (contracts, rule 1) use the real assistant over the real index.
Each test names the finding it covers.
"""

from __future__ import annotations

import json
import math
import secrets
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from assistant.web.staff.auth import COOKIE_NAME, SessionSigner, StaffAuth, _b64, hash_password
from tests.helpers.staff import PASSWORD, SECRET
from tests.helpers.web import GRADIO_PANDAS_WARNINGS, stub_assistant

MIB = 1024 * 1024
CRISIS = "i want to kill myself tonight"
PAGE = {"accept": "text/html,application/xhtml+xml"}


def _settings(tmp: Path | None = None, **kw) -> Settings:
    users = None
    if tmp is not None:
        users = tmp / "users"
        if not users.exists():
            users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}\nbob:{hash_password(PASSWORD, rounds=4)}\n")
    base = {"staff_users_file": users, "session_secret": SECRET, "rate_limit": "off"}
    return Settings(**{**base, **kw})


def _app(settings: Settings, assistant=None):
    from assistant.web.server import create_app

    return create_app(settings, assistant or stub_assistant(), stream_delay=0)


def _client(app, ip: str = "10.9.0.1", base_url: str = "http://testserver"):
    from fastapi.testclient import TestClient

    return TestClient(app, follow_redirects=False, client=(ip, 50000), base_url=base_url)


def _sign_in(client, user: str = "alice") -> None:
    resp = client.post("/staff/login", data={"username": user, "password": PASSWORD})
    assert resp.status_code == 303, resp.text


def _fn_index(config: dict, api_name: str) -> int:
    return next(d["id"] for d in config["dependencies"] if d.get("api_name") == api_name)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return _app(_settings(tmp_path_factory.mktemp("security")))


def _refusal(resp: httpx.Response, status: int, code: str) -> dict:
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert body["error"] == code and body["message"]
    return body


# -- finding 2: one body limit for every route ---------------------------------------------------------------


ROUTES = [
    "/gradio_api/queue/join",
    "/gradio_api/call/ask",
    "/gradio_api/run/predict",
    "/gradio_api/upload",
    "/api/ask",
    "/api/ask/stream",
    "/staff/login",
    "/staff/gradio_api/queue/join",
    "/health",
]


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_refuses_a_body_over_one_mebibyte(app, path: str) -> None:
    body = json.dumps({"data": ["x" * (MIB + 10)], "question": "x" * (MIB + 10)})
    resp = _client(app).post(path, content=body, headers={"content-type": "application/json"})
    _refusal(resp, 413, "body_too_large")


# -- findings 6 and 7: no uploads, no URL fetcher, no staff files on the public page -------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/gradio_api/upload"),
        ("GET", "/gradio_api/upload_progress?upload_id=x"),
        ("GET", "/gradio_api/file=http://127.0.0.1:9/secret"),
        ("GET", "/gradio_api/file=https://example.org/x.js"),
        ("GET", "/gradio_api/proxy=http://127.0.0.1:9/x"),
        ("POST", "/gradio_api/process_recording"),
    ],
)
def test_uploads_and_the_url_fetcher_are_closed(app, method: str, path: str) -> None:
    client = _client(app, "10.9.1.1")
    files = {"files": ("a.txt", b"x" * 1000, "text/plain")} if path.endswith("upload") else None
    _refusal(client.request(method, path, files=files), 404, "not_found")
    _sign_in(client)
    staff = client.request(method, "/staff" + path, files=files)
    assert staff.status_code == 404, (path, staff.status_code, staff.text[:200])


def test_files_in_gradio_cache_are_not_served_on_the_public_page(app) -> None:
    """The staff CSV and grid live in Gradio's cache folder, which every mounted page served."""
    from gradio.utils import get_upload_folder

    folder = Path(get_upload_folder()) / secrets.token_hex(8)
    folder.mkdir(parents=True)
    made = folder / "comparison-after-termination-us.csv"
    made.write_text("code,position\nAPA,two years\n")
    try:
        _refusal(_client(app).get(f"/gradio_api/file={made}"), 404, "not_found")
    finally:
        made.unlink()
        folder.rmdir()


# -- finding 5: the page's root never comes from request headers ---------------------------------------------


def test_pages_never_take_their_root_from_request_headers(app) -> None:
    evil = {"x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-gradio-server": "http://evil.example"}
    client = _client(app)
    for path in ("/", "/config", "/gradio_api/info"):
        resp = client.get(path, headers=evil)
        assert resp.status_code == 200 and "evil.example" not in resp.text, path
    assert client.get("/", headers=evil).headers["cache-control"] == "no-store"


def test_public_url_setting_is_the_root(tmp_path) -> None:
    app = _app(_settings(tmp_path, public_url="https://help.example.org"))
    config = _client(app).get("/config", headers={"x-forwarded-host": "evil.example"}).json()
    assert config["root"] == "https://help.example.org"
    resp = _client(app).get("/")
    assert "max-age=" in resp.headers["strict-transport-security"]


# -- finding 10: security headers everywhere -----------------------------------------------------------------


def test_security_headers_on_every_response(app) -> None:
    client = _client(app, "10.9.2.1")
    _sign_in(client)
    responses = {
        path: client.get(path, headers=PAGE if path.endswith("/") else {})
        for path in ("/", "/config", "/health", "/health/live", "/api/openapi.json", "/api/docs", "/staff/",
                     "/staff/config", "/staff/login", "/gradio_api/info", "/no-such-page")
    }  # fmt: skip
    responses["/api/ask"] = client.post("/api/ask", json={"question": "can my therapist text me?"})
    for path, resp in responses.items():
        h = resp.headers
        assert h["x-frame-options"] == "DENY", path
        assert h["x-content-type-options"] == "nosniff", path
        assert h["referrer-policy"] and h["permissions-policy"], path
        csp = h["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and ("base-uri 'none'" in csp or "base-uri 'self'" in csp), path
        assert h["cache-control"] == "no-store", path
        if h.get("content-type", "").startswith("text/html"):
            assert "object-src 'none'" in csp or "default-src 'none'" in csp, path
        else:
            assert csp.startswith("default-src 'none'"), path
    page_csp = responses["/"].headers["content-security-policy"]
    assert "connect-src 'self'" in page_csp and "object-src 'none'" in page_csp and "http" not in page_csp


# -- findings 9 and 17: CORS closed and cross-site actions refused on staff routes ---------------------------


def test_staff_routes_send_no_cors_headers(app) -> None:
    client = _client(app, "10.9.3.1")
    _sign_in(client)
    for origin in ("https://evil.example", "null"):
        for method, path in (("GET", "/staff/config"), ("GET", "/staff/gradio_api/info"), ("OPTIONS", "/staff/")):
            headers = {"origin": origin, "access-control-request-method": "POST"}
            resp = client.request(method, path, headers=headers)
            assert not [k for k in resp.headers if k.lower().startswith("access-control-")], (origin, path)


def test_cross_site_staff_posts_are_refused(app) -> None:
    client = _client(app, "10.9.3.2")
    form = {"username": "alice", "password": PASSWORD}
    for headers in ({"origin": "https://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"}):
        resp = client.post("/staff/login", data=form, headers=headers)  # login CSRF
        _refusal(resp, 403, "cross_origin")
        assert COOKIE_NAME not in resp.headers.get("set-cookie", "")
    ok = client.post("/staff/login", data=form, headers={"origin": "http://testserver"})
    assert ok.status_code == 303
    for path in ("/staff/logout", "/staff/gradio_api/queue/join"):
        _refusal(client.post(path, json={}, headers={"origin": "https://evil.example"}), 403, "cross_origin")
    assert client.get("/staff/config").status_code == 200, "still signed in"
    assert client.get("/staff/logout").status_code != 303 or client.get("/staff/config").status_code == 200


# -- guard and cookie promises -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize(
    "path", ["/staff/", "/staff/config", "/staff/gradio_api/info", "/staff/gradio_api/file=/etc/hostname"]
)
def test_other_methods_on_staff_routes_need_a_session(app, method: str, path: str) -> None:
    resp = _client(app, "10.9.4.1").request(method, path)
    assert resp.status_code == 401, (method, path, resp.status_code)
    assert not [k for k in resp.headers if k.lower().startswith("access-control-")]


def test_session_cookie_is_secure_over_https(tmp_path) -> None:
    plain = _client(_app(_settings(tmp_path)), "10.9.4.2")
    resp = plain.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert "secure" not in resp.headers["set-cookie"].lower()
    https = _client(_app(_settings(tmp_path)), "10.9.4.3", base_url="https://testserver")
    resp = https.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert resp.status_code == 303 and "secure" in resp.headers["set-cookie"].lower()
    public = _client(_app(_settings(tmp_path, public_url="https://help.example.org")), "10.9.4.4")
    resp = public.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert "secure" in resp.headers["set-cookie"].lower(), "behind a TLS proxy: https from the setting"
    proxied = _client(_app(_settings(tmp_path, trusted_proxies="10.9.4.5")), "10.9.4.5")
    resp = proxied.post("/staff/login", data={"username": "alice", "password": PASSWORD},
                        headers={"x-forwarded-proto": "https"})  # fmt: skip
    assert "secure" in resp.headers["set-cookie"].lower()
    untrusted = _client(_app(_settings(tmp_path)), "10.9.4.6")
    resp = untrusted.post("/staff/login", data={"username": "alice", "password": PASSWORD},
                          headers={"x-forwarded-proto": "https"})  # fmt: skip
    assert "secure" not in resp.headers["set-cookie"].lower()


# -- finding 15: no 500s -------------------------------------------------------------------------------------


@pytest.mark.parametrize("cookie", ["\xc3\xa9.\xc3\xa9", "é.é", "a.b.c", "....", "x" * 5000, "e30.", ".", "%ff.%00"])
def test_malformed_cookies_are_an_invalid_session(app, cookie: str) -> None:
    client = _client(app, "10.9.5.1")
    raw = f"{COOKIE_NAME}={cookie}".encode()
    for path in ("/staff/", "/staff/config", "/staff/login", "/staff/gradio_api/info", "/staff/theme.css"):
        resp = client.get(path, headers={"cookie": raw})
        assert resp.status_code in (200, 303, 401), (cookie[:20], path, resp.status_code)
    assert client.post("/staff/logout", headers={"cookie": raw}).status_code == 303


@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream"])
@pytest.mark.parametrize(
    "body",
    [
        '{"question": "hi", "history": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"question": "hi", "history": ' + "[" * 60 + "]" * 60 + "}",
        '{"question": "hi", "jurisdiction": ' + "9" * 5000 + "}",
        '{"question": ' + "1" * 5000 + "}",
        '{"question": "hi", "history": [' + '{"role": "user", "content": {"a": ' * 40 + "1" + "}}" * 40 + "]}",
    ],
    ids=["nested-1000", "nested-60", "int-5000-digits", "question-int", "nested-objects"],
)
def test_hostile_json_is_a_clean_4xx(app, path: str, body: str) -> None:
    resp = _client(app).post(path, content=body, headers={"content-type": "application/json"})
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:200])
    assert resp.headers["content-type"].startswith("application/json") and resp.json()["error"]


def test_long_jurisdiction_is_not_echoed(app) -> None:
    value = "Z" * 100_000
    body = _refusal(_client(app).post("/api/ask", json={"question": "hi", "jurisdiction": value}), 422,
                    "unknown_jurisdiction")  # fmt: skip
    assert len(json.dumps(body)) < 2000 and "ZZZZZZZZ" not in body["message"]


# -- finding 19: API docs without a CDN ----------------------------------------------------------------------


def test_api_docs_are_self_hosted(app) -> None:
    client = _client(app)
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert "//" not in page.text.replace("<!doctype", ""), "no absolute URL: nothing from another host"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "init.js"):
        asset = client.get(f"/api/docs/assets/{name}")
        assert asset.status_code == 200 and len(asset.content) > 100, name
    assert client.get("/api/docs/assets/../../config.py").status_code == 404


# -- findings 11 and 18: rate limits per client address, from settings only ----------------------------------


def test_api_rate_limit_is_429_with_retry_after(tmp_path) -> None:
    app = _app(_settings(tmp_path, rate_limit="3/minute"))
    client = _client(app, "10.9.6.1")
    codes = [client.post("/api/ask", json={"question": "can my therapist text me?"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    resp = client.post("/api/ask/stream", json={"question": "can my therapist text me?"})
    _refusal(resp, 429, "rate_limited")
    assert 0 < int(resp.headers["retry-after"]) <= 60
    assert _client(app, "10.9.6.2").post("/api/ask", json={"question": "hello there"}).status_code == 200


def test_forwarded_for_is_believed_only_from_trusted_proxies(tmp_path) -> None:
    untrusted = _client(_app(_settings(tmp_path, rate_limit="2/minute")), "10.9.7.1")
    codes = [
        untrusted.post("/api/ask", json={"question": "hi there"}, headers={"x-forwarded-for": f"203.0.113.{i}"})
        .status_code
        for i in range(4)
    ]
    assert codes == [200, 200, 429, 429], "rotating X-Forwarded-For must not reset the limit"
    proxy = _client(_app(_settings(tmp_path, rate_limit="2/minute", trusted_proxies="10.9.7.0/24")), "10.9.7.2")
    codes = [
        proxy.post("/api/ask", json={"question": "hi there"}, headers={"x-forwarded-for": f"203.0.113.{i % 2}"})
        .status_code
        for i in range(6)
    ]
    assert codes == [200, 200, 200, 200, 429, 429], "behind a trusted proxy each client has its own limit"
    spoofed = {"x-forwarded-for": "203.0.113.9, 198.51.100.7"}  # the client put an entry of its own first
    assert proxy.post("/api/ask", json={"question": "hi"}, headers=spoofed).status_code == 200
    assert proxy.post("/api/ask", json={"question": "hi"}, headers=spoofed).status_code == 200
    last = {"x-forwarded-for": "198.51.100.7"}  # the address the proxy saw: the one counted
    assert proxy.post("/api/ask", json={"question": "hi"}, headers=last).status_code == 429


def test_chat_over_the_limit_says_so_in_the_chat(tmp_path) -> None:
    from types import SimpleNamespace

    from assistant.web.chat import ChatHandler
    from assistant.web.ratelimit import RateLimits

    handler = ChatHandler(Settings(), stub_assistant(), stream_delay=0, limits=RateLimits("2/minute"))
    request = SimpleNamespace(client=SimpleNamespace(host="10.9.8.1"))
    for _ in range(2):
        *_, (_, chat, _, _, _) = handler.respond("can my therapist text me?", None, [], [], None, request)
        assert chat[-1]["content"] == "An answer."
    *_, (_, chat, history, _, _) = handler.respond("can my therapist text me?", None, [], [], None, request)
    assert "a lot of messages in a short time" in chat[-1]["content"] and chat[-2]["role"] == "user"
    assert history == []


# -- finding 13: sessions ------------------------------------------------------------------------------------


def test_password_change_ends_the_sessions(tmp_path) -> None:
    settings = _settings(tmp_path)
    client = _client(_app(settings), "10.9.9.1")
    _sign_in(client, "bob")
    assert client.get("/staff/config").status_code == 200
    users = settings.staff_users_file
    assert users is not None
    lines = [ln for ln in users.read_text().splitlines() if not ln.startswith("bob:")]
    users.write_text("\n".join([*lines, f"bob:{hash_password('a brand new passphrase', rounds=4)}"]) + "\n")
    other_replica = _client(_app(settings), "10.9.9.1")  # no shared state: the users file says it all
    other_replica.cookies.set(COOKIE_NAME, client.cookies[COOKIE_NAME], path="/staff")
    assert client.get("/staff/config").status_code == 401
    assert other_replica.get("/staff/config").status_code == 401


def test_sign_out_survives_a_restart(tmp_path) -> None:
    settings = _settings(tmp_path)
    client = _client(_app(settings), "10.9.9.2")
    _sign_in(client)
    token = client.cookies[COOKIE_NAME]
    assert client.post("/staff/logout").status_code == 303
    restarted = _client(_app(settings), "10.9.9.2")  # same secret, same users file, new process state
    restarted.cookies.set(COOKIE_NAME, token, path="/staff")
    assert restarted.get("/staff/config").status_code == 401


def _forge(secret: str, body: dict) -> str:
    signer = SessionSigner(secret, 1800)
    payload = _b64(json.dumps(body).encode())
    return f"{payload}.{signer._sign(payload)}"


def test_tokens_signed_with_the_real_secret_but_odd_expiry_are_refused(tmp_path) -> None:
    settings = _settings(tmp_path)
    app = _app(settings)
    auth: StaffAuth = app.state.staff_auth
    fingerprint = auth.signer.fingerprint(auth.users.users()["alice"])
    now = time.time()
    good = {"u": "alice", "iat": int(now), "exp": int(now + 600), "n": "n1", "p": fingerprint}
    client = _client(app, "10.9.9.3")
    client.cookies.set(COOKIE_NAME, _forge(SECRET, good), path="/staff")
    assert client.get("/staff/config").status_code == 200
    for exp in ("nan", "inf", math.inf, 1e300, int(now + 10 * 365 * 86400), None, True, [1]):
        client.cookies.set(COOKIE_NAME, _forge(SECRET, {**good, "exp": exp}), path="/staff")
        assert client.get("/staff/config").status_code == 401, exp
    old = {**good, "iat": int(now - 61 * 60), "exp": int(now + 600)}  # issued too long ago, whatever exp says
    client.cookies.set(COOKIE_NAME, _forge(SECRET, old), path="/staff")
    assert client.get("/staff/config").status_code == 401
    future = {**good, "iat": int(now + 3600), "exp": int(now + 3600 + 600)}
    client.cookies.set(COOKIE_NAME, _forge(SECRET, future), path="/staff")
    assert client.get("/staff/config").status_code == 401


# -- live server: the login race, queue flooding, chunked bodies, slow clients -------------------------------


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from assistant.web.server import BackgroundServer

    folder = tmp_path_factory.mktemp("live-security")
    users = folder / "users"
    users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}\ncarol:{hash_password(PASSWORD, rounds=12)}\n")
    settings = Settings(
        staff_users_file=users, session_secret=SECRET, rate_limit="1000/minute", trusted_proxies="127.0.0.1"
    )
    server = BackgroundServer(_app(settings, stub_assistant(delay=2.0))).start()
    yield server
    server.stop()


@pytest.mark.server
def test_simultaneous_guesses_are_not_all_checked(live) -> None:
    """Finding 4: failures were counted after bcrypt, so 20-30 parallel guesses were all checked."""

    def guess(i: int) -> int:
        headers = {"x-forwarded-for": f"198.51.100.{i}"}  # many addresses, one user name
        form = {"username": "carol", "password": f"wrong guess number {i}"}
        return httpx.post(f"{live.url}/staff/login", data=form, headers=headers, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=30) as pool:
        codes = list(pool.map(guess, range(30)))
    assert codes.count(401) <= 5, codes
    assert set(codes) <= {401, 429}
    started = time.perf_counter()
    assert httpx.get(f"{live.url}/health/live", timeout=10).status_code in (200, 503)
    assert time.perf_counter() - started < 5


@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_one_client_cannot_fill_the_queue(live) -> None:
    """Finding 3: 300 joins from one client filled the 256-slot queue; now a client has at most a few jobs."""
    config = httpx.get(f"{live.url}/config", timeout=10).json()
    ask = _fn_index(config, "ask")

    def join(i: int, address: str) -> int:
        body = {"data": [f"question {i}", "", []], "fn_index": ask, "session_hash": secrets.token_hex(6)}
        headers = {"x-forwarded-for": address}
        return httpx.post(f"{live.url}/gradio_api/queue/join", json=body, headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(lambda i: join(i, "192.0.2.1"), range(40)))
    assert codes.count(200) <= 8 and codes.count(429) >= 32, codes
    assert join(99, "192.0.2.2") == 200, "another client still gets in"
    body = {"data": ["question", "", []], "fn_index": ask, "session_hash": "abc"}
    flood = {"x-forwarded-for": "192.0.2.1"}
    resp = httpx.post(f"{live.url}/gradio_api/queue/join", headers=flood, json=body, timeout=30)
    _refusal(resp, 429, "too_many_jobs")
    assert int(resp.headers["retry-after"]) > 0


@pytest.mark.server
def test_chunked_bodies_over_the_limit_are_refused(live) -> None:
    def chunks():
        for _ in range(4):
            yield b"x" * (400 * 1024)

    form = "application/x-www-form-urlencoded"
    for path in ("/gradio_api/queue/join", "/gradio_api/call/ask", "/api/ask", "/staff/login"):
        kind = form if path == "/staff/login" else "application/json"
        resp = httpx.post(live.url + path, content=chunks(), headers={"content-type": kind}, timeout=30)
        _refusal(resp, 413, "body_too_large")


@pytest.mark.server
def test_hostile_json_on_a_live_server_is_a_clean_4xx(live) -> None:
    """Finding 15 as reported: under uvicorn (worker threads, shallower stacks) deep nesting gave 500."""
    bodies = [
        '{"question": "hi", "history": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"question": "hi", "history": ' + "[" * 990 + "]" * 990 + "}",
        '{"question": "hi", "jurisdiction": ' + "9" * 5000 + "}",
    ]
    for path in ("/api/ask", "/api/ask/stream"):
        for body in bodies:
            resp = httpx.post(live.url + path, content=body, headers={"content-type": "application/json"}, timeout=30)
            assert 400 <= resp.status_code < 500 and resp.json()["error"] == "invalid_json", (path, resp.text[:200])


def _trickle(url: str, payload: bytes, every: float, limit: float) -> tuple[bytes, float]:
    """Send ``payload`` a byte at a time; (what the server answered, seconds until it closed)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=limit)
    started = time.monotonic()
    answer = b""
    try:
        for i in range(len(payload)):
            if time.monotonic() - started > limit:
                break
            try:
                sock.sendall(payload[i : i + 1])
            except OSError:
                break
            sock.settimeout(every)
            try:
                got = sock.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if not got:
                break
            answer += got
        sock.settimeout(2)
        try:
            while chunk := sock.recv(4096):
                answer += chunk
        except OSError:
            pass
    finally:
        sock.close()
    return answer, time.monotonic() - started


@pytest.mark.server
def test_slow_clients_are_cut_off(live, monkeypatch) -> None:
    """Finding 12: a byte every half second kept headers (and bodies) open for ever."""
    from assistant.web.deadline import REQUEST_DEADLINE, DeadlineH11Protocol

    assert 5 <= REQUEST_DEADLINE <= 15
    monkeypatch.setattr(DeadlineH11Protocol, "deadline", 2.0)
    headers = b"GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 200 + b"\r\n\r\n"
    body = b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
    body += b'{"question": "' + b"a" * 380
    results = {}

    def run(name: str, payload: bytes) -> None:
        results[name] = _trickle(live.url, payload, every=0.2, limit=30)

    threads = [threading.Thread(target=run, args=(n, p)) for n, p in (("headers", headers), ("body", body))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, (answer, took) in results.items():
        assert took < 25, (name, took)
        assert answer.startswith(b"HTTP/1.1 408"), (name, answer[:80])
        assert b'"request_timeout"' in answer
    fine = httpx.get(f"{live.url}/health/live", timeout=10)
    assert fine.status_code in (200, 503), "ordinary requests are untouched"


# -- contracts, rule 1: every refusal still carries the crisis block -----------------------------------------


def _crisis_server(assistant, rate_limit: str):
    """The real screen (crisis_reply) in front of a slow stub answer."""
    from assistant.web.server import BackgroundServer

    settings = Settings(staff_users_file=None, rate_limit=rate_limit, trusted_proxies="127.0.0.1")
    stub = stub_assistant(crisis_reply=assistant.crisis_reply, delay=2.0)
    return BackgroundServer(_app(settings, stub)).start()


@pytest.fixture(scope="module")
def crisis_live(assistant):
    server = _crisis_server(assistant, "2/minute")  # a low rate limit
    yield server
    server.stop()


@pytest.fixture(scope="module")
def crisis_queue(assistant):
    server = _crisis_server(assistant, "1000/minute")  # slow jobs pile up: the per-client queue cap
    yield server
    server.stop()


@pytest.mark.slow
@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_refusals_still_carry_the_crisis_block(crisis_live, crisis_queue) -> None:
    url = crisis_live.url
    who = {"x-forwarded-for": "192.0.2.50"}
    for _ in range(2):
        assert httpx.post(f"{url}/api/ask", json={"question": "hello"}, headers=who, timeout=30).status_code == 200
    plain = httpx.post(f"{url}/api/ask", json={"question": "can my therapist text me?"}, headers=who, timeout=30)
    _refusal(plain, 429, "rate_limited")
    for path in ("/api/ask", "/api/ask/stream"):  # rate limited
        resp = httpx.post(f"{url}{path}", json={"question": CRISIS, "jurisdiction": "GB"}, headers=who, timeout=30)
        assert resp.status_code == 200, resp.text[:200]
        text = resp.text
        assert "999" in text and "rate_limited" in text, path
    big = json.dumps({"question": CRISIS + " " + "a" * 300, "jurisdiction": "GB", "history": [{"x": "y" * MIB}]})
    resp = httpx.post(f"{url}/api/ask", content=big, headers={"content-type": "application/json",
                      "x-forwarded-for": "192.0.2.51"}, timeout=30)  # fmt: skip
    assert resp.status_code == 200 and "999" in resp.json()["crisis"]["message"]
    assert {"code": "body_too_large"}.items() <= resp.json()["notices"][-1].items()
    url = crisis_queue.url
    config = httpx.get(f"{url}/config", timeout=10).json()
    ask = _fn_index(config, "ask")
    flood = {"x-forwarded-for": "192.0.2.52"}

    def join(text: str) -> int:
        body = {"data": [text, "", []], "fn_index": ask, "session_hash": secrets.token_hex(6)}
        return httpx.post(f"{url}/gradio_api/queue/join", json=body, headers=flood, timeout=30).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(pool.map(join, ["can my therapist text me?"] * 12))
    assert 429 in codes
    assert join(CRISIS) == 200, "a crisis message is let into the queue past the cap"


@pytest.mark.slow
def test_chat_over_the_limit_gives_the_crisis_block_first(assistant) -> None:
    from types import SimpleNamespace

    from assistant.web.chat import ChatHandler
    from assistant.web.ratelimit import RateLimits

    handler = ChatHandler(Settings(), assistant, stream_delay=0, limits=RateLimits("1/minute"))
    request = SimpleNamespace(client=SimpleNamespace(host="10.9.10.1"))
    list(handler.respond("can my therapist text me?", "GB", [], [], None, request))
    *_, (_, chat, _, crisis, strip) = handler.respond(CRISIS, "GB", [], [], None, request)
    assert crisis is not None and "cea-crisis" in chat[-1]["content"]
    assert "a lot of messages" in chat[-1]["content"]
