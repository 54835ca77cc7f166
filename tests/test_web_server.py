"""create_app and BackgroundServer (assistant.web.server) over a stub assistant: no model, no index."""

from __future__ import annotations

import time
from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import pytest

from assistant.config import Settings
from assistant.reply import Ask, Reply
from tests.helpers.web import GRADIO_PANDAS_WARNINGS


def _stub() -> SimpleNamespace:
    def stream(ask: Ask) -> Iterator[Reply]:
        yield Reply(answer="An answer.")

    return SimpleNamespace(kb=None, embeddings=None, llm=None, stream=stream, crisis_reply=lambda ask, notice: None)


@pytest.mark.server
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_stop_is_prompt_with_pages_still_open() -> None:
    """Open pages and gradio_clients hold heartbeat streams that never end by themselves."""
    from gradio_client import Client

    from assistant.web.server import BackgroundServer, create_app

    server = BackgroundServer(create_app(Settings(staff_users_file=None), _stub(), stream_delay=0)).start()
    try:
        client = Client(server.url, verbose=False)  # keeps /gradio_api/heartbeat/... open
        assert client.predict("Can I text my therapist?", "", [], api_name="/ask")["answer"] == "An answer."
        with httpx.Client() as keep_alive:
            assert keep_alive.get(f"{server.url}/api/openapi.json").status_code == 200  # left open
            started = time.monotonic()
            server.stop()
            took = time.monotonic() - started
    finally:
        server.stop()
    assert server.thread is not None and not server.thread.is_alive()
    assert took < 1.0, f"stopping took {took:.1f} s"
