"""Staff comparisons: what each ethics code says on one topic, side by side.

``compare(kb, embeddings, "after-termination", jurisdictions=["US", "UK"])`` returns a
:class:`Comparison` with one row per code in scope (every requested code exactly once,
ordered by jurisdiction then code). The package's modules, in the order a comparison runs:

- :mod:`.topics`: the topic of the query (exact name, words, or nearest description);
- :mod:`.scope`: the codes in scope from jurisdictions and code IDs;
- :mod:`.provisions`: every provision with its vectors, and one query's scores;
- :mod:`.select`: each code's cited provisions, coverage and row;
- :mod:`.summary`: the rule-based summary line from the rows;
- :mod:`.render`: Markdown, CSV and JSON, and the CSV and JSON readers;
- :mod:`.grid`: the codes x topics coverage grid and its PNG;
- :mod:`.command`: the ``compare`` and ``eval-compare`` commands.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.compare.grid import GRID_LEVEL, coverage_grid, coverage_grid_png
from assistant.compare.models import NOT_ADDRESSED, Comparison, Coverage, Row, SectionRef
from assistant.compare.provisions import prepare, score, topic_vectors
from assistant.compare.render import UNNUMBERED, from_csv, from_json, to_csv, to_json, to_markdown
from assistant.compare.scope import known_codes, resolve_scope
from assistant.compare.select import build_row, choose
from assistant.compare.summary import summarize
from assistant.compare.topics import TopicMatch, match_topics
from assistant.index.knowledge_base import KnowledgeBase
from assistant.topics import TOPIC_TERMS, expand_query

__all__ = [
    "GRID_LEVEL", "NOT_ADDRESSED", "UNNUMBERED", "Comparison", "Coverage", "Row", "SectionRef", "TopicMatch",
    "compare", "coverage_grid", "coverage_grid_png", "from_csv", "from_json", "known_codes", "match_topics",
    "resolve_scope", "summarize", "to_csv", "to_json", "to_markdown",
]  # fmt: skip


def compare(
    kb: KnowledgeBase,
    embeddings: Embeddings | None = None,
    query: str = "",
    jurisdictions: Iterable[str] | str = (),
    codes: Iterable[str] | str = (),
) -> Comparison:
    """Side-by-side rows of what each code in scope says on the query's topic."""
    started = time.perf_counter()
    embeddings = embeddings or kb.embeddings
    match = match_topics(query, kb, embeddings)
    topic, others, source = match.topic, match.others, match.source
    places, scope = resolve_scope(kb, jurisdictions, codes)
    prepared = prepare(kb)
    if source == "exact":
        text = TOPIC_TERMS.get(topic, topic.replace("-", " "))
        vector = topic_vectors(prepared, embeddings)[topic]
    else:
        text = expand_query(query, [topic, *others])
        vector = np.asarray(embeddings.embed_query(text), dtype=np.float32)
    scores = score(kb, prepared, text, vector)
    rows = []
    for code in scope:
        members = prepared.by_code.get(code, [])
        choice = choose(prepared, members, topic, scores, others, match.excluded, narrow=source != "exact")
        rows.append(build_row(kb, prepared, code, topic, choice))
    rows.sort(key=lambda r: (r.jurisdiction, r.code.upper()))
    return Comparison(
        query=query,
        topic=topic,
        topic_source=source,
        related_topics=others,
        jurisdictions=places,
        codes=[r.code for r in rows],
        rows=rows,
        summary=summarize(rows, topic),
        summary_source="rules",
        elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
    )
