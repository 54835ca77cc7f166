"""Cutting an answer into word-sized pieces for streaming (the SSE API and the chat page alike)."""

from __future__ import annotations

import re
from itertools import accumulate

_WORD = re.compile(r"\S+\s*")


def word_pieces(text: str, words: int) -> list[str]:
    """``text`` in pieces of ``words`` words (with their trailing spaces); joined, they give ``text``."""
    pieces = _WORD.findall(text)
    lead = text[: len(text) - len(text.lstrip())]
    out = ["".join(pieces[i : i + words]) for i in range(0, len(pieces), words)]
    if out and lead:
        out[0] = lead + out[0]
    return out or ([text] if text else [])


def growing_prefixes(text: str, words: int) -> list[str]:
    """The text as it grows, ``words`` words at a time; the last prefix is the whole text."""
    return list(accumulate(word_pieces(text, words))) or [text]
