"""Every provision of the index grouped by code, with its vectors, and the scores of one query.

Built once per index and cached on the KnowledgeBase: the query is embedded once, and BM25
and dense scores for every provision are computed once per comparison and then split by
code in memory, so all codes take a few milliseconds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.compare.text import clean
from assistant.corpus.schema import TOPICS
from assistant.index.knowledge_base import KnowledgeBase, tokenize
from assistant.topics import TOPIC_TERMS

_CACHE_KEY = "_comparison_prepared"


@dataclass
class Provision:
    code: str
    key: str
    section: str | None
    heading: str
    url: str
    topics: frozenset[str]
    positions: dict[str, str]
    excerpt: str
    chunks: list[int] = field(default_factory=list)  # indices into kb.docs


@dataclass
class Prepared:
    provisions: list[Provision]
    by_code: dict[str, list[int]]
    chunk_rows: np.ndarray  # for each provision chunk with a vector: its provision index
    chunk_docs: np.ndarray  # ... and its index into kb.docs
    vectors: np.ndarray  # (chunks, dim), unit length
    topic_vectors: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass
class Scores:
    dense: np.ndarray  # per provision
    lexical: np.ndarray  # per provision


def prepare(kb: KnowledgeBase) -> Prepared:
    """Provisions grouped by code, with their stored vectors; cached on the KnowledgeBase."""
    cached = kb.__dict__.get(_CACHE_KEY)
    if cached is not None:
        return cached
    provisions: list[Provision] = []
    index: dict[tuple[str, str], int] = {}
    doc_pos = {doc.id: i for i, doc in enumerate(kb.docs)}
    for i, doc in enumerate(kb.docs):
        meta = doc.metadata
        if meta.get("doc_type") != "provision":
            continue
        key: tuple[str, str] = (meta["code"], meta.get("key") or meta.get("section") or doc.id or "")
        if key not in index:
            index[key] = len(provisions)
            provisions.append(
                Provision(
                    code=meta["code"],
                    key=key[1],
                    section=meta.get("section") or None,
                    heading=meta.get("heading", ""),
                    url=meta.get("url") or meta.get("code_url", ""),
                    topics=frozenset(t for t in meta.get("topics", "").split(",") if t),
                    positions=json.loads(meta.get("positions") or "{}"),
                    excerpt=clean(meta.get("excerpt") or doc.page_content),
                )
            )
        provisions[index[key]].chunks.append(i)
    by_code: dict[str, list[int]] = defaultdict(list)
    for n, prov in enumerate(provisions):
        by_code[prov.code].append(n)
    got = kb.store.get(where={"doc_type": "provision"}, include=["embeddings"])
    rows, docs, vectors = [], [], []
    owner = {c: n for n, p in enumerate(provisions) for c in p.chunks}
    for doc_id, vec in zip(got["ids"], got["embeddings"], strict=True):
        pos = doc_pos.get(doc_id)
        if pos is None or pos not in owner:
            continue
        rows.append(owner[pos])
        docs.append(pos)
        vectors.append(vec)
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    if len(matrix):
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    prepared = Prepared(provisions, dict(by_code), np.asarray(rows, dtype=int), np.asarray(docs, dtype=int), matrix)
    kb.__dict__[_CACHE_KEY] = prepared
    return prepared


def topic_vectors(prepared: Prepared, embeddings: Embeddings) -> dict[str, np.ndarray]:
    """One unit vector per corpus topic (its description), embedded once per index."""
    if not prepared.topic_vectors:
        texts = [TOPIC_TERMS.get(t, t.replace("-", " ")) for t in TOPICS]
        vecs = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        prepared.topic_vectors = dict(zip(TOPICS, vecs, strict=True))
    return prepared.topic_vectors


def unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def score(kb: KnowledgeBase, prepared: Prepared, text: str, vector: np.ndarray) -> Scores:
    """Best dense and BM25 score of each provision (over its chunks) for one query."""
    n = len(prepared.provisions)
    dense = np.full(n, -1.0, dtype=np.float32)
    if len(prepared.vectors):
        np.maximum.at(dense, prepared.chunk_rows, prepared.vectors @ unit(vector))
    bm = kb.bm25.get_scores(tokenize(text)) if text else np.zeros(len(kb.docs))
    lexical = np.zeros(n, dtype=np.float32)
    for i, prov in enumerate(prepared.provisions):
        lexical[i] = max(float(bm[c]) for c in prov.chunks)
    return Scores(dense, lexical)
