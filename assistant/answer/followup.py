"""Turn follow-ups ("what about in the UK?", "and after two years?") into standalone questions.

Without a language model a deterministic rule carries the previous topic forward and lets
the new message replace the place or add the detail; with one, the model rewrites and the
rule remains the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant import jurisdictions
from assistant.reply import HistoryTurn
from assistant.topics import detect_topics, mentions_therapy

_FOLLOWUP_START = re.compile(
    r"^\s*(and|but|or|what about|how about|what if|does (that|this|it|the same)|is (that|this|it)|"
    r"do (they|those|the same)|same|also|too|ok(ay)?|so|then|in|for|even|if|"
    # "was that grand?", "should I not have said yes?": about what the conversation already told
    r"(was|were|would|will|could|can|should) (that|this|it)|should i (not )?have)\b",
    re.IGNORECASE,
)
_SHORT = 9  # words
_FOLLOWUP_MAX = 25  # words: a longer message that starts like a follow-up is a question of its own
# Someone named only by a pronoun ("she gave me her number ...", "is somebody covering for her"): the person is the
# therapist of the conversation so far.
_PRONOUN = re.compile(r"\b(she|he|her|him|they|them|hers|his)\b", re.IGNORECASE)


def is_followup(message: str) -> bool:
    """A message that only makes sense with the conversation before it: it starts like a follow-up, is short and
    names no therapy, or speaks of the therapist only as "she" or "him"."""
    words = message.split()
    if len(words) > _FOLLOWUP_MAX:
        return False
    if _FOLLOWUP_START.match(message) or (not mentions_therapy(message) and _PRONOUN.search(message)):
        return True
    return len(words) <= _SHORT and not mentions_therapy(message) and len(detect_topics(message)) <= 1


def _strip_places(text: str) -> str:
    cleaned = jurisdictions.CAPS_PATTERN.sub(" ", text)
    cleaned = jurisdictions.NAME_PATTERN.sub(" ", cleaned.lower())
    return re.sub(r"\b(in|here in|i'?m in|i live in)\s+(?=[?.!,]|$)", " ", cleaned).strip()


def rule_rewrite(message: str, history: Sequence[HistoryTurn]) -> str:
    """Deterministic rewrite: previous substantive question + the new detail."""
    previous = [t.content for t in history if t.role == "user"]
    if not previous or not is_followup(message):
        return message
    base = next((q for q in reversed(previous) if detect_topics(q) or mentions_therapy(q)), previous[-1])
    if jurisdictions.detect(message):
        base = _strip_places(base)
    return f"{base.strip()} {message.strip()}"


def contextualise(
    message: str,
    history: Sequence[HistoryTurn],
    llm_rewrite: Callable[[str, list[dict]], str | None] | None = None,
) -> str:
    """Standalone question for retrieval; the LLM is tried first when one is configured."""
    if not history or not is_followup(message):
        return message
    if llm_rewrite is not None:
        rewritten = llm_rewrite(message, [t.model_dump() for t in history])
        if rewritten and rewritten.strip():
            return rewritten.strip()
    return rule_rewrite(message, history)


def jurisdiction_from_history(history: Sequence[HistoryTurn]) -> str | None:
    """The most recent place the person named in this conversation."""
    for turn in reversed(history):
        if turn.role == "user":
            found = jurisdictions.detect(turn.content)
            if found:
                return found
    return None
