"""The chat behind the page (assistant.web.chat) over a scripted stub assistant: no model, no index."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.config import Settings
from assistant.errors import IndexUnavailable
from assistant.reply import Ask, CrisisBlock, Notice, Reply
from assistant.web.chat import FAILED, UNAVAILABLE, ChatHandler, ask_replies, new_conversation

BLOCK = CrisisBlock(category="suicide", tier="imminent", resources=[], message="**Call [999](tel:999) now**")
ANSWER = "Many codes allow brief texts between sessions for arranging appointments [1]. " * 3


def _assistant(*replies: Reply, fail: Exception | None = None) -> SimpleNamespace:
    def stream(ask: Ask) -> Iterator[Reply]:
        yield from replies
        if fail is not None:
            raise fail

    def crisis_reply(ask: Ask, notice: Notice) -> Reply | None:
        return Reply(answer="", crisis=BLOCK, notices=[notice]) if "kill" in ask.question else None

    return SimpleNamespace(stream=stream, crisis_reply=crisis_reply)


def _assistant_messages(updates: list) -> list[str]:
    return [chat[-1]["content"] for _, chat, _, _, _ in updates if chat and chat[-1]["role"] == "assistant"]


def test_banner_comes_first_in_every_streamed_message() -> None:
    stub = _assistant(Reply(answer="", crisis=BLOCK), Reply(answer=ANSWER, crisis=BLOCK))
    updates = list(ChatHandler(Settings(), stub, stream_delay=0).respond("i want to die", "GB", [], [], None))
    messages = _assistant_messages(updates)
    assert len(messages) > 2 and all(m.startswith('<div class="cea-crisis') for m in messages)
    box, chat, history, crisis, strip = updates[-1]
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert history == [{"role": "user", "content": "i want to die"}, {"role": "assistant", "content": ANSWER}]
    assert crisis == BLOCK.model_dump() and strip["visible"] is True and "tel:999" in strip["value"]


def test_the_message_is_shown_as_typed_not_as_html() -> None:
    stub = _assistant(Reply(answer="Answer."))
    first = next(ChatHandler(Settings(), stub, stream_delay=0).respond("<b>hi</b>", "not sure", [], [], None))
    assert first[0] == "" and first[1][-1] == {"role": "user", "content": "&lt;b&gt;hi&lt;/b&gt;"}


def test_a_failure_keeps_the_banner_and_hides_internals() -> None:
    stub = _assistant(Reply(answer="", crisis=BLOCK), fail=IndexUnavailable("the store at /secret/path is down"))
    *_, (_, chat, _, crisis, _) = ChatHandler(Settings(), stub, stream_delay=0).respond("help", None, [], [], None)
    assert chat[-1]["content"].startswith('<div class="cea-crisis') and chat[-1]["content"].endswith(UNAVAILABLE)
    assert crisis is not None and "/secret/path" not in chat[-1]["content"]
    stub = _assistant(fail=KeyError("internal detail"))
    *_, (_, chat, _, crisis, _) = ChatHandler(Settings(), stub, stream_delay=0).respond("help", None, [], [], None)
    assert chat[-1]["content"] == FAILED and crisis is None


def test_an_over_long_crisis_message_still_gets_the_block() -> None:
    settings = Settings()
    message = "i will kill myself " + "x" * (settings.max_message_chars * 4)
    [(_, chat, _, crisis, _)] = ChatHandler(settings, _assistant(), stream_delay=0).respond(message, None, [], [], None)
    assert chat[-1]["content"].startswith('<div class="cea-crisis') and "characters long" in chat[-1]["content"]
    assert crisis == BLOCK.model_dump()


def test_new_conversation_empties_everything() -> None:
    box, chat, history, crisis, strip = new_conversation()
    assert (box, chat, history, crisis) == ("", [], [], None) and strip["visible"] is False


def test_ask_endpoint_refuses_like_the_json_api() -> None:
    with pytest.raises(gr.Error) as refused:
        list(ask_replies(Settings(), _assistant(), "hi", "Narnia", []))
    assert refused.value.title == "unknown_jurisdiction" and "Narnia" in refused.value.message
    with pytest.raises(gr.Error) as down:
        list(ask_replies(Settings(), _assistant(fail=IndexUnavailable("x")), "hi", "", None))
    assert down.value.title == "index_unavailable" and down.value.message == UNAVAILABLE
    screened = list(ask_replies(Settings(), _assistant(), "i will kill myself", "Narnia", []))
    assert screened[0]["crisis"]["tier"] == "imminent" and screened[0]["notices"][0]["code"] == "unknown_jurisdiction"
