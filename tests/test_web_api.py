"""The web app over real parts: the JSON API, /health, gradio_client, concurrency.

Server tests build the real index once (conftest ``real_settings``) and serve the real app
with uvicorn on a free loopback port.
"""

from __future__ import annotations

import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx
import pytest

from assistant.reply import Reply
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

TEXTING = "Can my therapist text me between sessions?"
CRISIS = "i want to kill myself tonight"

# -- the real app ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web_app(real_settings, assistant):
    from assistant.web.server import create_app

    # load tests from one address: the rate limit is off here (tests/test_web_security.py covers it)
    return create_app(real_settings.model_copy(update={"rate_limit": "off"}), assistant, stream_delay=0)


@pytest.fixture(scope="module")
def client(web_app):
    from fastapi.testclient import TestClient

    return TestClient(web_app)


@pytest.fixture(scope="module")
def live(web_app):
    from assistant.web.server import BackgroundServer

    server = BackgroundServer(web_app).start()
    yield server
    server.stop()


def _error(resp: httpx.Response, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["error"] == code and body["message"]
    return body


@pytest.mark.slow
class TestJsonApi:
    def test_answer_has_citations(self, client) -> None:
        resp = client.post("/api/ask", json={"question": TEXTING, "jurisdiction": "GB"})
        assert resp.status_code == 200, resp.text
        reply = Reply.model_validate(resp.json())
        assert reply.citations and "[1]" in reply.answer and reply.jurisdiction == "GB"
        for c in reply.citations:
            assert urlsplit(c.url).scheme in ("http", "https")

    def test_history_is_used(self, client) -> None:
        history = [
            {"role": "user", "content": TEXTING},
            {"role": "assistant", "content": "Many codes allow brief texts [1]."},
        ]
        resp = client.post("/api/ask", json={"question": "what about in Canada?", "history": history})
        assert resp.status_code == 200
        assert resp.json()["jurisdiction"] == "CA"

    def test_wrong_content_type_is_415(self, client) -> None:
        resp = client.post("/api/ask", content=b"question=hi", headers={"content-type": "text/plain"})
        _error(resp, 415, "unsupported_media_type")
        resp = client.post("/api/ask", data={"question": "hi"})
        _error(resp, 415, "unsupported_media_type")

    def test_invalid_json_is_400(self, client) -> None:
        resp = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
        body = _error(resp, 400, "invalid_json")
        assert "line 1" in body["message"]

    def test_missing_field_is_422_readable(self, client) -> None:
        body = _error(client.post("/api/ask", json={"jurisdiction": "GB"}), 422, "invalid_request")
        assert "question" in body["message"] and "required" in body["message"].lower()
        assert body["details"][0]["field"] == "question"

    def test_not_an_object_is_422(self, client) -> None:
        _error(client.post("/api/ask", json=["hi"]), 422, "invalid_request")

    def test_bad_history_role_is_422(self, client) -> None:
        body = _error(
            client.post("/api/ask", json={"question": "hi", "history": [{"role": "system", "content": "x"}]}),
            422,
            "invalid_request",
        )
        assert "history.0.role" in body["message"]

    def test_empty_message_is_422(self, client) -> None:
        body = _error(client.post("/api/ask", json={"question": "  \u200b \n"}), 422, "empty_message")
        assert "empty" in body["message"]

    def test_over_long_message(self, client, real_settings) -> None:
        limit = real_settings.max_message_chars
        _error(client.post("/api/ask", json={"question": "a" * (limit * 4 + 1)}), 413, "message_too_long")
        resp = client.post("/api/ask", json={"question": "Can my therapist text me? " + "a" * (limit * 2)})
        assert resp.status_code == 200
        assert any(str(limit) in n["text"] and n["code"] == "message_truncated" for n in resp.json()["notices"])

    def test_unknown_jurisdiction_lists_known(self, client) -> None:
        body = _error(
            client.post("/api/ask", json={"question": "hi", "jurisdiction": "Narnia"}), 422, "unknown_jurisdiction"
        )
        assert "Narnia" in body["message"] and "GB (United Kingdom)" in body["message"]
        assert set(body["details"]) == {"US", "CA", "GB", "IE", "AU", "NZ"}

    def test_crisis_block_comes_with_reply(self, client) -> None:
        resp = client.post("/api/ask", json={"question": CRISIS, "jurisdiction": "GB"})
        assert resp.status_code == 200
        crisis = resp.json()["crisis"]
        assert crisis and "999" in crisis["message"] and "tel:" in crisis["message"]

    def test_stream_sends_crisis_first_then_deltas_then_reply(self, client) -> None:
        with client.stream("POST", "/api/ask/stream", json={"question": CRISIS, "jurisdiction": "GB"}) as resp:
            assert resp.status_code == 200
            assert resp.headers["content-type"].startswith("text/event-stream")
            raw = "".join(resp.iter_text())
        events = [(m.group(1), json.loads(m.group(2))) for m in re.finditer(r"event: (\w+)\ndata: (.*)\n\n", raw)]
        names = [e for e, _ in events]
        assert names[0] == "crisis" and names[-1] == "reply" and "error" not in names
        reply = Reply.model_validate(events[-1][1])
        assert "".join(d["text"] for e, d in events if e == "delta") == reply.answer
        assert events[0][1] == reply.crisis.model_dump(mode="json")

    def test_stream_rejects_bad_input_as_json(self, client) -> None:
        _error(client.post("/api/ask/stream", json={"question": ""}), 422, "empty_message")

    def test_openapi_documents_the_request(self, client) -> None:
        spec = client.get("/api/openapi.json").json()
        schema = spec["paths"]["/api/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert set(schema["properties"]) == {"question", "jurisdiction", "history", "clinic"}  # contracts: Ask.clinic
        clinic = spec["paths"]["/api/clinics/{clinic_id}/ask"]["post"]["requestBody"]["content"]["application/json"]
        assert clinic["schema"] == schema

    def test_no_message_text_is_logged(self, client, caplog, capfd) -> None:
        marker = "zebra-marker-7731 can my therapist text me"
        with caplog.at_level(logging.DEBUG):
            client.post("/api/ask", json={"question": marker})
            client.post("/api/ask", json={"question": marker, "jurisdiction": "Narnia"})
        out, err = capfd.readouterr()
        assert "zebra-marker" not in caplog.text + out + err


@pytest.mark.slow
@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
class TestLiveServer:
    def test_health(self, live, real_settings) -> None:
        body = httpx.get(f"{live.url}/health", timeout=10).json()
        assert body["status"] == "ok" and body["index_loaded"] is True
        assert body["embedding_model"] == real_settings.embedding_model_name
        assert re.fullmatch(r"[0-9a-f]{8,}", body["corpus_digest"]) and body["chunks"] > 50

    def test_page_is_served_without_footer_links(self, live) -> None:
        resp = httpx.get(f"{live.url}/", timeout=10)
        assert resp.status_code == 200 and "<html" in resp.text
        config = httpx.get(f"{live.url}/config", timeout=10).json()
        assert config.get("footer_links") == []
        assert not config.get("share_url")

    def test_gradio_client_ask(self, live) -> None:
        from gradio_client import Client

        client = Client(live.url, verbose=False)
        info = client.view_api(print_info=False, return_format="dict")
        assert "/ask" in info["named_endpoints"]
        result = client.predict(TEXTING, "United Kingdom", [], api_name="/ask")
        reply = Reply.model_validate(result)
        assert reply.citations and reply.jurisdiction == "GB"

    def test_gradio_client_streams_crisis_first(self, live) -> None:
        from gradio_client import Client

        job = Client(live.url, verbose=False).submit(CRISIS, "GB", [], api_name="/ask")
        outputs = list(job)
        assert outputs and outputs[0]["crisis"] is not None and outputs[0]["answer"] == ""
        assert "999" in outputs[0]["crisis"]["message"]
        assert job.outputs()[-1]["answer"]

    def test_gradio_client_errors_are_readable(self, live) -> None:
        from gradio_client import Client
        from gradio_client.exceptions import AppError

        with pytest.raises(AppError, match="Unknown jurisdiction"):
            Client(live.url, verbose=False).predict("hi", "Narnia", [], api_name="/ask")

    def test_twenty_simultaneous_requests_are_isolated(self, live, assistant) -> None:
        from assistant.reply import Ask

        questions = [
            ("Can my therapist text me between sessions?", "GB"),
            ("Is it okay to follow my therapist on Instagram?", "US"),
            ("Therapy ended a year ago. Can we be friends now?", "CA-ON"),
            ("Can I give my counsellor a small gift?", "AU"),
            (CRISIS, "GB"),
        ] * 4
        expected = [assistant.answer(Ask(question=q, jurisdiction=j)) for q, j in questions]

        def post(item):
            q, j = item
            return httpx.post(f"{live.url}/api/ask", json={"question": q, "jurisdiction": j}, timeout=120)

        with ThreadPoolExecutor(max_workers=20) as pool:
            responses = list(pool.map(post, questions))
        assert [r.status_code for r in responses] == [200] * 20
        for resp, want in zip(responses, expected, strict=True):
            got = Reply.model_validate(resp.json())
            assert got.answer == want.answer
            assert [c.model_dump() for c in got.citations] == [c.model_dump() for c in want.citations]
            assert (got.crisis is None) == (want.crisis is None)

    def test_concurrent_gradio_clients(self, live) -> None:
        from gradio_client import Client

        def call(i: int) -> dict:
            question = TEXTING if i % 2 else "Is it okay to follow my therapist on Instagram?"
            return Client(live.url, verbose=False).predict(question, "US", [], api_name="/ask")

        with ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(call, range(10)))
        assert all(Reply.model_validate(r).citations for r in results)
        assert len({r["answer"] for r in results}) == 2
