"""Text helpers of the comparison: sentence splitting for paraphrases."""

from __future__ import annotations

from assistant.compare import text


def test_sentences_do_not_split_abbreviations() -> None:
    parts = text.sentences("Avoid ties (e.g. friendship) with ex-clients. Wait five years. Then ask.")
    assert parts == ["Avoid ties (e.g. friendship) with ex-clients.", "Wait five years.", "Then ask."]
