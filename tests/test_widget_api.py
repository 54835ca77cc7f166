"""The clinic routes over the real app, model and index: /api/ask with "clinic", /api/clinics/<id>/ask (CORS),
/embed/<id>, /widget.js, limits that never withhold the crisis block, and no policy leaking between two
clinics or to the public page."""

from __future__ import annotations

import html
import json

import httpx
import pytest

from tests.helpers.clinics import ALDER_TEXT, BIRCH_TEXT, PNG_1PX, policy_yaml, write_policy
from tests.helpers.clinics import clinic_toml as toml

pytestmark = [pytest.mark.slow, pytest.mark.server]

ALDER_ORIGIN = "http://127.0.0.1:18766"
BIRCH_ORIGIN = "https://birch.example"
TEXTING = "Can I text my therapist between sessions?"
CRISIS = "i want to kill myself tonight"


@pytest.fixture(scope="module")
def clinics_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clinics")
    write_policy(folder, "alder.yaml", policy_yaml("alder", "Alder Test Clinic", "GB", ALDER_TEXT, "Alder email."))
    write_policy(folder, "birch.yaml", policy_yaml("birch", "Birch Test Clinic", "US", BIRCH_TEXT, "Birch email."))
    (folder / "alder.toml").write_text(toml(
        name="Alder Test Clinic", jurisdiction="GB", origins=[ALDER_ORIGIN], policy=["alder.yaml"],
        after_hours="Alder out-of-hours: leave a message on the Alder line.", phone="+44 20 7946 0111",
        extra='logo = "alder.png"\n',
    ))  # fmt: skip
    (folder / "alder.png").write_bytes(PNG_1PX)
    (folder / "birch.toml").write_text(toml(
        name="Birch Test Clinic", jurisdiction="US-TX", origins=[BIRCH_ORIGIN], policy=["birch.yaml"],
        after_hours="Birch after hours: call the Birch on-call service.", phone="+1 512 555 0100",
    ))  # fmt: skip
    (folder / "capped.toml").write_text(toml(name="Capped", origins=[ALDER_ORIGIN], daily_cap=2))
    (folder / "closed.toml").write_text(toml(name="Closed", origins=[]))
    return folder


@pytest.fixture(scope="module")
def live(real_settings, assistant, clinics_dir):
    from assistant.web.server import BackgroundServer, create_app

    settings = real_settings.model_copy(update={"clinics_dir": clinics_dir, "rate_limit": "off"})
    app = create_app(settings, assistant)
    server = BackgroundServer(app).start()
    server.app = app
    yield server
    server.stop()
    app.state.clinics.stop()


def _post(live, path: str, body: dict, origin: str | None = None) -> httpx.Response:
    headers = {"Origin": origin} if origin else {}
    return httpx.post(live.url + path, json=body, headers=headers, timeout=60)


def test_clinic_policy_is_retrieved_first_and_cited_as_the_clinics(live) -> None:
    for clinic, own, other in (("alder", "Alder Test Clinic", "Birch"), ("birch", "Birch Test Clinic", "Alder")):
        reply = _post(live, "/api/ask", {"question": TEXTING, "clinic": clinic}).json()
        first = reply["citations"][0]
        assert first["kind"] == "policy" and own in first["title"], first
        assert "[1]" in reply["answer"] and own in reply["answer"]
        assert other not in json.dumps(reply), f"{other} leaked into {clinic}"
    assert _post(live, "/api/ask", {"question": TEXTING, "clinic": "alder"}).json()["jurisdiction"] == "GB"
    assert _post(live, "/api/ask", {"question": TEXTING, "clinic": "birch"}).json()["jurisdiction"] == "US-TX"


def test_no_clinic_policy_on_the_public_api(live) -> None:
    for place in (None, "GB", "US"):
        body = {"question": TEXTING, **({"jurisdiction": place} if place else {})}
        text = json.dumps(_post(live, "/api/ask", body).json())
        assert "Alder" not in text and "Birch" not in text
        crisis = json.dumps(_post(live, "/api/ask", {**body, "question": CRISIS}).json())
        assert "Alder" not in crisis and "Birch" not in crisis


def test_crisis_block_has_public_lines_then_the_clinics_after_hours_line(live) -> None:
    alder = _post(live, "/api/ask", {"question": CRISIS, "clinic": "alder"}).json()["crisis"]["message"]
    assert "tel:999" in alder and "116123" in alder and "Birch" not in alder
    assert alder.index("tel:999") < alder.index("116123") < alder.index("Alder out") < alder.index("tel:+442079460111")
    birch = _post(live, "/api/clinics/birch/ask", {"question": CRISIS}, BIRCH_ORIGIN).json()["crisis"]["message"]
    assert "tel:911" in birch and "988" in birch and "Alder" not in birch
    assert birch.index("988") < birch.index("Birch after hours")


def test_cors_answers_exactly_the_clinics_origins(live) -> None:
    path = "/api/clinics/alder/ask"
    pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    ok = httpx.options(live.url + path, headers={"Origin": ALDER_ORIGIN, **pre})
    assert ok.status_code == 204 and ok.headers["access-control-allow-origin"] == ALDER_ORIGIN
    assert "POST" in ok.headers["access-control-allow-methods"] and ok.headers["vary"] == "Origin"
    for origin in (BIRCH_ORIGIN, "http://127.0.0.1:18767", "http://localhost:18766", "null"):
        refused = httpx.options(live.url + path, headers={"Origin": origin, **pre})
        assert refused.status_code == 403 and refused.json()["error"] == "cross_origin"
        assert "access-control-allow-origin" not in refused.headers
        call = _post(live, path, {"question": TEXTING}, origin)
        assert call.status_code == 403 and call.json()["error"] == "cross_origin", origin
        assert "access-control-allow-origin" not in call.headers
    answered = _post(live, path, {"question": TEXTING}, ALDER_ORIGIN)
    assert answered.status_code == 200 and answered.headers["access-control-allow-origin"] == ALDER_ORIGIN
    assert answered.json()["citations"][0]["kind"] == "policy"
    public = _post(live, path, {"question": TEXTING})  # no Origin: not a browser on another site
    assert public.status_code == 200 and "access-control-allow-origin" not in public.headers
    with httpx.stream("POST", live.url + path + "/stream", json={"question": TEXTING},
                      headers={"Origin": ALDER_ORIGIN}, timeout=60) as stream:  # fmt: skip
        body = stream.read().decode()
        assert stream.headers["access-control-allow-origin"] == ALDER_ORIGIN
    assert "event: reply" in body and "Alder Test Clinic" in body


def test_a_refused_origin_still_gets_the_crisis_block(live) -> None:
    reply = _post(live, "/api/clinics/alder/ask", {"question": CRISIS}, BIRCH_ORIGIN)
    assert reply.status_code == 200 and "access-control-allow-origin" not in reply.headers
    assert "tel:999" in reply.json()["crisis"]["message"]
    assert [n["code"] for n in reply.json()["notices"]] == ["cross_origin"]


def test_unknown_clinic_is_404_and_screened_first(live) -> None:
    for path, body in (("/api/ask", {"question": TEXTING, "clinic": "nobody"}),
                       ("/api/clinics/nobody/ask", {"question": TEXTING})):  # fmt: skip
        resp = _post(live, path, body)
        assert resp.status_code == 404 and resp.json()["error"] == "unknown_clinic"
        crisis = _post(live, path, {**body, "question": CRISIS})
        assert crisis.status_code == 200 and crisis.json()["crisis"] is not None
    assert httpx.get(live.url + "/embed/nobody").status_code == 404
    assert httpx.get(live.url + "/embed/nobody", headers={"Accept": "text/html"}).status_code == 404


def test_daily_cap_answers_kindly_and_never_withholds_the_crisis_block(live) -> None:
    body = {"question": TEXTING, "clinic": "capped"}
    assert [_post(live, "/api/ask", body).status_code for _ in range(2)] == [200, 200]
    capped = _post(live, "/api/ask", body)
    assert capped.status_code == 429 and capped.json()["error"] == "clinic_daily_cap"
    assert "contact the clinic directly" in capped.json()["message"] and int(capped.headers["retry-after"]) > 0
    crisis = _post(live, "/api/ask", {**body, "question": CRISIS})
    assert crisis.status_code == 200 and "tel:999" in crisis.json()["crisis"]["message"]
    assert "Call the test clinic" in crisis.json()["crisis"]["message"]
    assert [n["code"] for n in crisis.json()["notices"]] == ["clinic_daily_cap"]
    with httpx.stream("POST", live.url + "/api/ask/stream", json={**body, "question": CRISIS}, timeout=60) as s:
        events = s.read().decode()
    assert s.status_code == 200 and events.index("event: crisis") < events.index("event: reply")


def test_embed_page_headers_and_content(live) -> None:
    resp = httpx.get(live.url + "/embed/alder")
    assert resp.status_code == 200
    csp = resp.headers["content-security-policy"]
    assert csp.endswith(f"frame-ancestors {ALDER_ORIGIN}") and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "x-frame-options" not in resp.headers and "set-cookie" not in resp.headers
    page = html.unescape(resp.text)
    for words in ("Alder Test Clinic", "Hello from Alder Test Clinic.", "automated assistant",
                  "not Alder Test Clinic's clinicians", "nobody monitors this chat", "not a crisis service",
                  'role="alert"', 'aria-live="polite"', "Open the full guide", 'id="cea-sources"'):  # fmt: skip
        assert words in page, words
    assert "<script>" not in page and " style=" not in page
    assert '<img class="cea-logo" src="/embed/alder/logo" alt=""' in resp.text
    logo = httpx.get(live.url + "/embed/alder/logo")
    assert logo.content == PNG_1PX and logo.headers["content-type"] == "image/png"
    assert logo.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(live.url + "/embed/birch/logo").status_code == 404  # birch has none
    closed = httpx.get(live.url + "/embed/closed")
    assert closed.headers["content-security-policy"].endswith("frame-ancestors 'none'")
    assert "x-frame-options" not in closed.headers or closed.headers["x-frame-options"] == "DENY"
    style = httpx.get(live.url + "/embed/alder/style.css")
    assert style.status_code == 200 and "--cea-accent:#1d4f91" in style.text
    placed = httpx.get(live.url + "/embed/alder?jurisdiction=CA-ON").text
    assert 'data-jurisdiction="CA-ON"' in placed
    assert 'data-jurisdiction="GB"' in httpx.get(live.url + '/embed/alder?jurisdiction="><x').text


def test_widget_js_is_small_cached_and_dependency_free(live) -> None:
    resp = httpx.get(live.url + "/widget.js")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/javascript")
    assert len(resp.content) <= 10 * 1024, len(resp.content)
    assert resp.headers["cache-control"] == "public, max-age=300" and resp.headers["etag"]
    again = httpx.get(live.url + "/widget.js", headers={"If-None-Match": resp.headers["etag"]})
    assert again.status_code == 304 and not again.content
    code = resp.text
    assert "import " not in code and "require(" not in code and "sandbox" not in code.replace("No sandbox", "")
    assert "document.cookie" not in code and "localStorage" not in code


def test_counts_follow_the_answers(live) -> None:
    limits = live.app.state.clinic_limits
    before = dict(limits.table("birch").topics)["texting"][-1]
    _post(live, "/api/ask", {"question": TEXTING, "clinic": "birch"})
    assert dict(limits.table("birch").topics)["texting"][-1] == before + 1
    crisis_before = dict(limits.table("birch").tiers)
    _post(live, "/api/ask", {"question": CRISIS, "clinic": "birch"})
    after = dict(limits.table("birch").tiers)
    assert sum(v[-1] for v in after.values()) == sum(v[-1] for v in crisis_before.values()) + 1
