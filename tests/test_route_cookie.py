"""The routing cookie nginx hashes on to keep a browser's Gradio page and queue on one replica (issue 18)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from assistant.config import Settings
from assistant.web.route_cookie import COOKIE
from tests.helpers.web import stub_assistant


def _client(**kw) -> TestClient:
    from assistant.web.server import create_app

    return TestClient(create_app(Settings(rate_limit="off", **kw), stub_assistant(), stream_delay=0))


def test_the_page_sets_a_random_route_cookie_once_and_the_api_none() -> None:
    client = _client()
    page = client.get("/")
    cookie = page.headers.get("set-cookie", "")
    assert page.status_code == 200 and cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie and "Max-Age" not in cookie
    assert COOKIE not in client.get("/").headers.get("set-cookie", ""), "kept, not replaced"
    other = _client().get("/").headers["set-cookie"]
    assert other.split(";")[0] != cookie.split(";")[0], "random per browser"
    fresh = _client()
    assert "set-cookie" not in fresh.post("/api/ask", json={"question": "can my therapist text me?"}).headers
    assert "set-cookie" not in fresh.get("/health/live").headers


def test_the_route_cookie_is_secure_behind_https() -> None:
    assert "Secure" in _client(public_url="https://help.example.org").get("/").headers["set-cookie"]
