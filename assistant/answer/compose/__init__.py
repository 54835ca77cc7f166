"""Composers turn a retrieved ``Context`` into the answer text and its citations.

One protocol, two implementations: :class:`~assistant.answer.compose.extractive.ExtractiveComposer`
(the default; no model) and :class:`~assistant.answer.compose.llm.LLMComposer` (any LangChain chat
model; its output is checked, and it falls back to the extractive answer). The pipeline streams
``stream`` deltas and then calls ``finish`` once, whichever composer it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
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


_MARKER = re.compile(r"\[(\d+)\]")


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return _MARKER.sub(lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)


def join_parts(parts: Sequence[tuple[str, Composed]]) -> Composed:
    """Answers to the parts of one message as one reply: each under its heading, in order, with the
    citations numbered across the whole reply (a provision cited twice keeps one number) and the
    closing disclaimer once, at the end."""
    if not parts:
        return Composed("", [], "extractive", [])
    from assistant.answer.compose.extractive import DISCLAIMER

    texts: list[str] = []
    citations: list[Citation] = []
    numbers: dict[tuple[str, str | None, str, str], int] = {}
    for heading, composed in parts:
        mapping: dict[int, int] = {}
        for c in composed.citations:
            identity = (c.code, c.section, c.heading, c.url)
            if identity not in numbers:
                numbers[identity] = len(numbers) + 1
                citations.append(c.model_copy(update={"n": numbers[identity]}))
            mapping[c.n] = numbers[identity]
        text = _renumber(composed.text, mapping)
        texts.append(heading + text.replace(DISCLAIMER, "").strip())
    last = parts[-1][1]
    notices = [n for _, c in parts for n in c.notices]
    return Composed("\n\n".join(texts) + "\n\n" + DISCLAIMER, citations, last.backend, notices)
