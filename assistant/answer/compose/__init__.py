"""Composers turn a retrieved ``Context`` into the answer text and its citations.

One protocol, two implementations: :class:`~assistant.answer.compose.extractive.ExtractiveComposer`
(the default; no model) and :class:`~assistant.answer.compose.llm.LLMComposer` (any LangChain chat
model; its output is checked, and it falls back to the extractive answer). The pipeline streams
``stream`` deltas and then calls ``finish`` once, whichever composer it has.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple, Protocol

from assistant.answer.context import Context
from assistant.reply import Citation, Notice

NOTICE_UNAVAILABLE = Notice(
    code="llm_unavailable",
    text="The language model was unavailable, so this answer was assembled directly from the codes.",
)
NOTICE_UNCHECKED = Notice(
    code="llm_unchecked",
    text="The language model's answer could not be checked against the codes, so this answer was "
    "assembled directly from the codes.",
)


class Composed(NamedTuple):
    """A finished answer: Markdown with [n] markers, its citations, who wrote it, and any notices."""

    text: str
    citations: list[Citation]
    backend: str
    notices: list[Notice]


class Composer(Protocol):
    """What the pipeline needs from a composer."""

    backend: str

    def stream(self, ctx: Context, history: list[dict[str, str]]) -> Iterator[str]:
        """Answer text as it is written (unchecked); nothing for composers that write all at once."""
        ...

    def finish(self, streamed: str | None, ctx: Context, error: str | None = None) -> Composed:
        """The checked, complete answer; ``error`` says the stream failed part-way."""
        ...
