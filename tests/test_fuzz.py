"""Fuzzing (issue 15): zero 5xx and zero crashes, whatever arrives.

* schemathesis against ``/api/openapi.json`` (100 examples per operation), through the whole
  app (security middleware included) over the real assistant;
* hypothesis over the pipeline's entry points (``validate_ask`` then ``Assistant.answer``,
  ``crisis_reply``, the batch reader, the session reader, the truncated-body reader) and over the
  Gradio routes of a live server (queue join, the REST call API, direct runs, files, the staff
  sign-in form), 200 examples each.

Every input tried is counted; the last test checks the counts and writes them to
``artifacts/fuzz.json`` (the figures quoted in the issue's closing note). Rate limits are off
(one client sends everything). Together these take about two minutes on two cores.
"""

from __future__ import annotations

import io
import json
import string
from collections import Counter
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.config import ROOT
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

TRIED: Counter[str] = Counter()
EXAMPLES = 200
SCHEMA_EXAMPLES = 100
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=300),
)
json_value = st.recursive(json_leaf, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
    st.text(max_size=12), inner, max_size=5), max_leaves=25)  # fmt: skip
words = st.sampled_from(
    ["text", "therapist", "email", "kill myself", "GB", "Ontario", "friends", "gift", "after hours", "<b>", "é"]
)
message = st.one_of(st.text(max_size=400), st.lists(words, max_size=12).map(" ".join))
places = st.sampled_from(["GB", "US-TX", "CA-ON", "Narnia", "", "united kingdom"])
place = st.one_of(st.none(), places, st.text(max_size=70))
turn = st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", ""]), "content": message})


@pytest.fixture(scope="module")
def web_app(real_settings, assistant):
    from assistant.web.server import create_app

    settings = real_settings.model_copy(update={"rate_limit": "off", "staff_users_file": None})
    return create_app(settings, assistant, stream_delay=0)


@pytest.fixture(scope="module")
def operations(web_app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", web_app)
    return [result.ok() for result in schema.get_all_operations()]


# -- schemathesis over the OpenAPI document ----------------------------------------------------------------


@pytest.mark.slow
def test_openapi_operations_never_answer_5xx(operations) -> None:
    """Every operation of the document, with schemathesis's generated cases (its pytest plugin does not
    load under this pytest, so its strategies are driven by hypothesis directly)."""
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {"POST /api/ask", "POST /api/ask/stream"}
    for operation in operations:

        @settings(max_examples=SCHEMA_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=operation.as_strategy())
        def check(case) -> None:
            response = case.call()
            TRIED[f"schemathesis {case.method} {case.path}"] += 1
            assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
            media = str(response.headers.get("content-type", [""])[0])  # schemathesis keeps each header as a list
            if response.status_code >= 400 and media.startswith("application/json"):
                body = response.json()  # the guide pages answer people in HTML, the API in JSON
                assert body["error"] and body["message"]

        check()


# -- hypothesis over the pipeline's entry points ----------------------------------------------------------------


@pytest.mark.slow
@FUZZ
@given(question=message, jurisdiction=place, history=st.lists(turn, max_size=4))
def test_validate_then_answer_never_crashes(assistant, real_settings, question, jurisdiction, history) -> None:
    from assistant.errors import AssistantError
    from assistant.reply import Reply
    from assistant.web.api import validate_ask

    TRIED["pipeline validate_ask+answer"] += 1
    data = {"question": question, "jurisdiction": jurisdiction, "history": history}
    try:
        ask = validate_ask(data, real_settings)
    except AssistantError as exc:
        assert 400 <= exc.status < 500 and exc.message
        return
    try:
        reply = assistant.answer(ask)
    except AssistantError as exc:
        assert exc.status < 500 and exc.code in ("unknown_jurisdiction", "empty_message")
        return
    assert isinstance(reply, Reply)


@pytest.mark.slow
@FUZZ
@given(data=json_value)
def test_crisis_or_refusal_takes_anything(assistant, real_settings, data) -> None:
    from assistant.errors import RequestRejected
    from assistant.reply import Reply
    from assistant.web.api import crisis_or_refusal

    TRIED["pipeline crisis_or_refusal"] += 1
    out = crisis_or_refusal(assistant, data, RequestRejected(429, "rate_limited", "wait"), real_settings)
    assert out is None or (isinstance(out, Reply) and out.crisis is not None)


@pytest.mark.slow
@FUZZ
@given(lines=st.lists(st.one_of(json_value.map(json.dumps), st.text(max_size=200)), min_size=1, max_size=6))
def test_batch_reader_survives_any_line(lines) -> None:
    from assistant.cli.ask import iter_batch

    TRIED["pipeline batch lines"] += len(lines)
    text = "\ufeff" + "\n".join(line.replace("\n", " ") for line in lines) + "\n"
    parsed = list(iter_batch(io.StringIO(text)))
    assert [n for n, _, _ in parsed] == list(range(1, text.count("\n") + 1))  # output line N answers input line N
    for n, ask, error in parsed:
        assert (ask is None) != (error is None)
        blank = not text.split("\n")[n - 1].lstrip("\ufeff").strip()
        assert not blank or error == "the line is empty"


@pytest.mark.slow
@FUZZ
@given(token=st.one_of(st.text(max_size=300), st.text(alphabet=string.ascii_letters + "._-=", max_size=300)))
def test_session_reader_takes_any_cookie(token) -> None:
    from assistant.web.staff.auth import SessionSigner

    TRIED["staff session cookies"] += 1
    assert SessionSigner("s" * 32, 1800).read(token).status in ("missing", "invalid")


@pytest.mark.slow
@FUZZ
@given(raw=st.binary(max_size=2000) | json_value.map(lambda v: json.dumps({"question": v}).encode()[:500]))
def test_truncated_body_reader_takes_any_bytes(raw) -> None:
    from assistant.web.api import partial_ask

    TRIED["truncated bodies"] += 1
    found = partial_ask(raw, 4000)
    assert found is None or (isinstance(found["question"], str) and len(found["question"]) <= 4000)


# -- hypothesis over the Gradio routes of a live server ------------------------------------------------------------


@pytest.fixture(scope="module")
def live(web_app):
    from assistant.web.server import BackgroundServer

    server = BackgroundServer(web_app).start()
    config = httpx.get(f"{server.url}/config", timeout=10).json()
    server.fns = [d["id"] for d in config["dependencies"]]
    yield server
    server.stop()


def _no_5xx(resp: httpx.Response, what: str) -> None:
    TRIED[what] += 1
    assert resp.status_code < 500, (what, resp.status_code, resp.text[:300])


@pytest.mark.slow
@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
@FUZZ
@given(data=st.lists(json_value, max_size=6), fn=st.integers(min_value=-2, max_value=40), session=st.text(max_size=40),
       extra=st.dictionaries(st.text(max_size=10), json_value, max_size=3))  # fmt: skip
def test_gradio_queue_join_never_answers_5xx(live, data, fn, session, extra) -> None:
    body = {**extra, "data": data, "fn_index": live.fns[fn] if 0 <= fn < len(live.fns) else fn, "session_hash": session}
    with httpx.Client(base_url=live.url, timeout=30) as client:
        _no_5xx(client.post("/gradio_api/queue/join", json=body), "gradio queue/join")


@pytest.mark.slow
@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
@FUZZ
@given(body=json_value, name=st.sampled_from(["ask", "chat", "predict", "nope"]))
def test_gradio_call_and_run_never_answer_5xx(live, body, name) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        _no_5xx(client.post(f"/gradio_api/call/{name}", json=body), "gradio call/<api>")
        _no_5xx(client.post(f"/gradio_api/run/{name}", json=body), "gradio run/<api>")


@pytest.mark.slow
@pytest.mark.server
@FUZZ
@given(path=st.text(alphabet=string.printable.replace("#", "").replace("?", ""), max_size=80))
def test_gradio_file_routes_never_answer_5xx(live, path) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        quoted = quote(path, safe="/:=")
        _no_5xx(client.get("/gradio_api/file=" + quoted), "gradio file=")
        _no_5xx(client.get("/staff/gradio_api/file=" + quoted), "gradio file=")


@pytest.mark.slow
@pytest.mark.server
@FUZZ
@given(body=st.binary(max_size=3000), kind=st.sampled_from(["application/json", "application/x-www-form-urlencoded",
       "multipart/form-data; boundary=x", "text/plain", ""]))  # fmt: skip
def test_raw_bodies_on_every_post_route_never_answer_5xx(live, body, kind) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as client:
        for path in ("/api/ask", "/api/ask/stream", "/gradio_api/queue/join", "/gradio_api/call/ask", "/staff/login"):
            _no_5xx(client.post(path, content=body, headers={"content-type": kind}), "raw POST bodies")


def test_fuzz_counts(request) -> None:
    """The inputs tried by the tests above, checked and written to artifacts/fuzz.json."""
    if not TRIED:
        pytest.skip("the fuzz tests did not run (slow tests deselected)")
    out = ROOT / "artifacts" / "fuzz.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(dict(sorted(TRIED.items())), indent=1) + "\n")
    operations = [k for k in TRIED if k.startswith("schemathesis")]
    assert not operations or len(operations) >= 5, TRIED  # /health, /health/live, /health/ready, /api/ask(/stream)
    assert all(TRIED[k] >= SCHEMA_EXAMPLES // 2 for k in operations if " POST " in k), TRIED  # GETs take no input
    assert all(n >= EXAMPLES for k, n in TRIED.items() if not k.startswith("schemathesis")), TRIED
