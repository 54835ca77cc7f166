"""The crisis guarantees on the LLM path, in every channel, against the scripted OpenAI-protocol server.

A message that is both a crisis and an in-scope question is answered by the model; the crisis
block must come before any model token and stay on every streamed reply (pipeline, JSON API,
SSE stream, chat page). The citation check's bounds are pinned ([N] kept, [N+1] dropped), and
a failure in the model's final step falls back to the extractive answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from assistant.answer.compose import NOTICE_UNCHECKED
from assistant.answer.compose.llm import LLMComposer, make_chat_model, validate
from assistant.answer.context import Context
from assistant.reply import Ask
from tests.helpers.openai_server import MODEL, FakeServer, fake_openai_server
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

pytestmark = [pytest.mark.slow, *GRADIO_PANDAS_WARNINGS]

MESSAGE = "honestly i want to kill myself. but can my therapist text me at night?"


@pytest.fixture(scope="module")
def llm_server() -> Iterator[FakeServer]:
    with fake_openai_server() as server:
        yield server


@pytest.fixture(scope="module")
def llm_assistant(real_settings, assistant, llm_server):
    """The shared assistant's parts, with an LLM composer talking to the scripted server."""
    from assistant.answer.pipeline import Assistant

    settings = real_settings.model_copy(
        update={"llm": f"openai:{MODEL}", "llm_base_url": llm_server.base_url, "llm_timeout_s": 10.0}
    )
    model = make_chat_model(settings)
    assert model is not None
    composer = LLMComposer(model, MODEL, timeout_s=10.0)
    return Assistant(
        settings,
        assistant.kb,
        composer,
        embeddings=assistant.embeddings,
        detector=assistant.detector,
        understanding=assistant.understanding,
    )


@pytest.fixture
def scripted(llm_server, llm_assistant) -> FakeServer:
    """The server answering with a well-cited answer for whatever passages were retrieved."""
    turn = llm_assistant.run(Ask(question=MESSAGE, jurisdiction="US"))
    assert turn.context is not None and turn.context.in_scope and len(turn.context.passages) >= 2
    llm_server.script.content = (
        "Usually only for practical things, depending on the policy you agreed.\n"
        "- Codes expect your therapist to explain how messages are used [1].\n"
        "- They also ask for boundaries in electronic contact [2].\n"
    )
    llm_server.script.status = 200
    return llm_server


def test_pipeline_stream_keeps_the_block_on_every_reply(llm_assistant, scripted) -> None:
    replies = list(llm_assistant.stream(Ask(question=MESSAGE, jurisdiction="US")))
    assert len(replies) > 3
    assert replies[0].crisis is not None and replies[0].answer == ""
    assert all(r.crisis is not None and r.crisis.tier in ("crisis", "imminent") for r in replies)
    assert any(r.backend == f"llm:{MODEL}" and r.answer for r in replies[1:-1])  # model tokens streamed
    assert replies[-1].backend == f"llm:{MODEL}" and replies[-1].citations


def test_json_api_and_stream(llm_assistant, scripted) -> None:
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    client = TestClient(create_app(llm_assistant.settings, llm_assistant, stream_delay=0))
    body = client.post("/api/ask", json={"question": MESSAGE, "jurisdiction": "US"}).json()
    assert body["crisis"]["tier"] in ("crisis", "imminent") and body["backend"] == f"llm:{MODEL}"

    stream = client.post("/api/ask/stream", json={"question": MESSAGE, "jurisdiction": "US"})
    events = [line.removeprefix("event: ") for line in stream.text.splitlines() if line.startswith("event: ")]
    assert events[0] == "crisis" and events.count("delta") > 2 and events[-1] == "reply"
    final = json.loads(stream.text.strip().splitlines()[-1].removeprefix("data: "))
    assert final["crisis"] is not None and final["backend"] == f"llm:{MODEL}"


def test_chat_page_shows_the_banner_before_any_model_text(llm_assistant, scripted) -> None:
    from assistant.web.chat import ChatHandler

    handler = ChatHandler(llm_assistant.settings, llm_assistant, stream_delay=0)
    updates = list(handler.respond(MESSAGE, "US", [], [], None))
    answers = [chat[-1]["content"] for _, chat, _, _, _ in updates if chat and chat[-1]["role"] == "assistant"]
    assert len(answers) > 2
    assert all(a.startswith('<div class="cea-crisis') for a in answers)
    assert updates[-1][3] is not None  # the conversation's crisis state


def test_citation_bounds_n_kept_and_n_plus_one_dropped(llm_assistant) -> None:
    turn = llm_assistant.run(Ask(question=MESSAGE, jurisdiction="US"))
    ctx: Context = turn.context
    n = len(ctx.passages)
    checked = validate(f"Short answer.\n- Last passage rule [{n}].\n- Made-up rule [{n + 1}].\n", ctx)
    assert checked is not None
    text, citations = checked
    assert "Last passage rule [1]" in text and "Made-up rule" not in text
    assert len(citations) == 1 and citations[0].heading == ctx.passages[n - 1].meta.get("heading")


def test_a_failure_in_the_final_check_falls_back_to_the_extractive_answer(
    llm_assistant, scripted, monkeypatch
) -> None:
    def broken(*_args, **_kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(llm_assistant.composer, "validate", broken)
    reply = llm_assistant.answer(Ask(question=MESSAGE, jurisdiction="US"))
    assert reply.crisis is not None and reply.backend == "extractive" and reply.citations
    assert NOTICE_UNCHECKED in reply.notices
