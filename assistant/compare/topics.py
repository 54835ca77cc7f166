"""The topic a staff query is about, the other topics it names, and the topics it rules out.

Staff type either a topic name or a few words. Words are matched with the client lexicon of
:mod:`assistant.topics` plus staff phrasing; with no words matched, the topic whose
description is nearest in embedding space is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.compare.models import TopicSource
from assistant.compare.provisions import prepare, topic_vectors, unit
from assistant.corpus.schema import TOPICS
from assistant.index.knowledge_base import KnowledgeBase
from assistant.topics import LEXICON, detect_topics

# How staff phrase topics beyond the client lexicon in assistant.topics.
STAFF_PATTERNS: dict[str, list[str]] = {
    "informed-consent-technology": [
        r"\b(must|should|need to) be told\b", r"\btold about\b", r"\bbefore (starting|therapy starts)\b",
        r"\binformed consent\b",
    ],
    "confidentiality-electronic": [r"\bconfidentiality\b"],
    "telehealth": [r"\bonline\b", r"\bvideo\b", r"\bdistance (counsell?ing|therapy)\b"],
    "dual-relationships": [r"\bfriendships?\b", r"\bmultiple relationships?\b"],
    "after-termination": [
        r"\bwaiting period\b", r"\bhow long\b", r"\bformer clients?\b", r"\bex-clients?\b",
        r"\bafter (therapy|counsell?ing|treatment|services?) (has |have )?(ended|ends|end)\b",
    ],
}
# Topics a query can rule out in words ("non-sexual"); their provisions are then left out.
NEGATIONS: dict[str, str] = {
    "sexual-boundaries": r"\bnon-?(sexual|romantic)\b|\bnot (sexual|romantic)\b",
}
# A topic that qualifies another leads the comparison when both are named: friendship or
# business AFTER therapy is an after-termination question, not a dual-relationship one.
QUALIFIES: dict[str, tuple[str, ...]] = {"after-termination": ("dual-relationships",)}

_STAFF = {t: [re.compile(p) for p in ps] for t, ps in STAFF_PATTERNS.items()}
_LEXICON = {t: [re.compile(p) for p in ps] for t, ps in LEXICON.items()}
_NEGATIONS = {t: re.compile(p) for t, p in NEGATIONS.items()}


@dataclass
class TopicMatch:
    topic: str
    others: list[str]
    source: TopicSource
    excluded: list[str]


def match_topics(query: str, kb: KnowledgeBase, embeddings: Embeddings | None = None) -> TopicMatch:
    """The comparison topic of a query, the other topics it names, and topics it rules out.

    An exact topic name is taken as is. Otherwise topics are detected from words (the client
    lexicon plus staff phrasing); the topic mentioned first leads ("confidentiality of email"
    is about confidentiality), except that after-termination leads over dual relationships
    ("friendship after therapy ends"). With no
    words matched, the topic whose description is nearest in embedding space is used.
    """
    text = (query or "").strip()
    if not text:
        raise ValueError(f"Give a topic: one of {', '.join(TOPICS)}, or a few words.")
    slug = re.sub(r"[\s_]+", "-", text.lower())
    if slug in TOPICS:
        return TopicMatch(slug, [], "exact", [])
    lowered = text.lower()
    excluded = [t for t, rx in _NEGATIONS.items() if rx.search(lowered)]
    cleaned = lowered
    for t in excluded:
        cleaned = _NEGATIONS[t].sub(" ", cleaned)
    first: dict[str, int] = {}
    for topic in TOPICS:
        for rx in _LEXICON.get(topic, []) + _STAFF.get(topic, []):
            m = rx.search(cleaned)
            if m and (topic not in first or m.start() < first[topic]):
                first[topic] = m.start()
    found = [t for t in detect_topics(cleaned) if t in first] + [t for t in first if t not in detect_topics(cleaned)]
    found = [t for t in found if t not in excluded]
    if found:
        order = sorted(found, key=lambda t: first[t])
        for lead, qualified in QUALIFIES.items():
            if lead in order and order[0] in qualified:
                order.remove(lead)
                order.insert(0, lead)
        return TopicMatch(order[0], order[1:], "detected", excluded)
    vectors = topic_vectors(prepare(kb), embeddings or kb.embeddings)
    q = unit(np.asarray((embeddings or kb.embeddings).embed_query(text), dtype=np.float32))
    best = max(TOPICS, key=lambda t: float(vectors[t] @ q))
    return TopicMatch(best, [], "nearest", excluded)
