"""A clinic's own policy passages, indexed in memory when its configuration loads.

A few dozen chunks (``policy_chunks``, the corpus's own chunking) embedded with the shared model
and searched like the shared index (dense + BM25, fused by reciprocal rank), but never written to
the shared Chroma collection: one clinic's policy cannot reach another clinic or the public page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from rank_bm25 import BM25Okapi

from assistant.corpus.chunks import policy_chunks
from assistant.corpus.schema import Policy
from assistant.index.knowledge_base import (
    DENSE_WEIGHT,
    LEXICAL_WEIGHT,
    RRF_K,
    TOPIC_BOOST,
    Hit,
    _bm25_text,
    tokenize,
)


class PolicyIndex:
    """Dense and lexical search over one clinic's policy chunks, in memory."""

    def __init__(self, docs: list[Document], vectors: np.ndarray):
        self.docs = docs
        self.vectors = vectors
        self.bm25 = BM25Okapi([tokenize(_bm25_text(d)) for d in docs]) if docs else None

    @classmethod
    def build(cls, policies: Iterable[Policy], embeddings: Embeddings) -> PolicyIndex:
        docs = [doc for policy in policies for doc in policy_chunks(policy)]
        if not docs:
            return cls([], np.zeros((0, 1), dtype=np.float32))
        vectors = np.asarray(embeddings.embed_documents([d.page_content for d in docs]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return cls(docs, vectors / np.where(norms == 0, 1, norms))

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def codes(self) -> set[str]:
        return {str(d.metadata.get("code", "")) for d in self.docs}

    def search(self, query: str, vector: Sequence[float], topics: Iterable[str] = ()) -> list[Hit]:
        """Every chunk ranked for the question (dense and BM25 fused by reciprocal rank, plus topics)."""
        if not self.docs:
            return []
        query_vector = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(query_vector)) or 1.0
        sims = self.vectors @ (query_vector / norm)
        dense = [int(i) for i in np.argsort(-sims)]
        scores = self.bm25.get_scores(tokenize(query)) if self.bm25 is not None else np.zeros(len(self.docs))
        lexical = sorted((i for i, s in enumerate(scores) if s > 0), key=lambda i: -scores[i])
        fused: dict[int, Hit] = {}
        for weight, ranking in ((DENSE_WEIGHT, dense), (LEXICAL_WEIGHT, lexical)):
            for rank, i in enumerate(ranking):
                hit = fused.setdefault(i, Hit(self.docs[i], 0.0, dense=float(sims[i])))
                hit.score += weight / (RRF_K + rank + 1)
        wanted = set(topics)
        for hit in fused.values():
            hit.score += TOPIC_BOOST * len(wanted & set(hit.meta.get("topics", "").split(",")))
        return sorted(fused.values(), key=lambda h: -h.score)
