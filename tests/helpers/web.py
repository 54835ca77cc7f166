"""Shared bits of the web tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

GRADIO_PANDAS_WARNINGS = [  # raised inside gradio.queueing by pandas 3; not ours to fix
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]


def _no_assessment(text: str) -> Any:
    from assistant.crisis.types import Tier

    return SimpleNamespace(tier=Tier.none)


def stub_assistant(crisis_reply: Any = None, delay: float = 0.0, answer: str = "An answer.") -> SimpleNamespace:
    """An assistant without model or index: answers ``answer`` (after ``delay`` seconds).

    ``crisis_reply`` is the real screen's ``Assistant.crisis_reply`` when a test needs it.
    """
    from assistant.reply import Reply

    def stream(ask: Any) -> Iterator[Reply]:
        if delay:
            time.sleep(delay)
        yield Reply(answer=answer)

    codes = {"APA": {"code": "APA", "body": "American Psychological Association", "jurisdiction": "US"}}
    kb = SimpleNamespace(codes=codes, manifest=None)
    return SimpleNamespace(
        kb=kb,
        knowledge_base=lambda: kb,
        embeddings=None,
        llm=None,
        detector=SimpleNamespace(classifier=None, has_embeddings=False, assess=_no_assessment),
        stream=stream,
        answer=lambda ask: next(iter(stream(ask))),
        crisis_reply=crisis_reply or (lambda ask, notice, *a: None),
        readiness=lambda: (True, "ok"),
    )
