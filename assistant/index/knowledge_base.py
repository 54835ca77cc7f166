"""Hybrid retrieval: dense search in Chroma plus BM25, fused by reciprocal rank.

Section numbers ("A.5.e") and terms ("dual relationship") are lexical, and clients'
own words ("added me on insta") are semantic, so both rankings count. Results are
filtered by jurisdiction, code and kind, ranked with the person's own jurisdiction
first, and spread across codes so one code cannot fill every slot.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from rank_bm25 import BM25Okapi

from assistant.config import Settings
from assistant.corpus.loader import corpus_digest
from assistant.index.store import Manifest, make_client, open_active_collection, read_manifest, store_failure

RRF_K = 60
CANDIDATES = 40
# One dense search per question: the provisions nearest the question, wide enough that a narrower search
# (the person's own codes) is read from it instead of asking the store again (~2.5 ms a query).
WIDE_CANDIDATES = 4 * CANDIDATES
TOPIC_BOOST = 0.02
DENSE_WEIGHT = 1.0
LEXICAL_WEIGHT = 0.5  # client wording is colloquial; BM25 helps with terms and section numbers
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


def tokenize(text: str) -> list[str]:
    """Lower-case word and section tokens ("a.5.e" stays whole) without stop words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


@dataclass
class Hit:
    doc: Document
    score: float
    dense: float = 0.0  # cosine similarity, 0 when only BM25 found it
    curated: bool = False  # cited by the matching plain-language guide
    named: bool = False  # its code binds the profession the question names, or the question names the code

    @property
    def meta(self) -> dict:
        return self.doc.metadata


@dataclass
class SearchFilter:
    """What a search may return; empty fields mean no restriction."""

    doc_types: tuple[str, ...] = ("provision",)
    codes: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()

    def where(self) -> dict | None:
        clauses: list[dict] = []
        for key, values in (
            ("doc_type", self.doc_types),
            ("code", self.codes),
            ("kind", self.kinds),
            ("jurisdiction", self.jurisdictions),
        ):
            if values:
                clauses.append({key: {"$in": list(values)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, meta: dict) -> bool:
        return (
            (not self.doc_types or meta.get("doc_type") in self.doc_types)
            and (not self.codes or meta.get("code") in self.codes)
            and (not self.kinds or meta.get("kind") in self.kinds)
            and (not self.jurisdictions or meta.get("jurisdiction") in self.jurisdictions)
        )


@dataclass
class KnowledgeBase:
    """The active index in memory: documents for BM25 and lookups, Chroma for dense search."""

    settings: Settings
    embeddings: Embeddings
    manifest: Manifest
    store: Chroma
    docs: list[Document]
    bm25: BM25Okapi
    by_key: dict[tuple[str, str], Document] = field(default_factory=dict)
    codes: dict[str, dict] = field(default_factory=dict)
    guide_docs: list[Document] = field(default_factory=list)
    guide_vectors: np.ndarray | None = None  # the few guides are searched in memory
    by_id: dict[str, Document] = field(default_factory=dict)
    collection: Any = None  # the raw Chroma collection behind ``store``, for id-only searches
    client: Any = None  # the Chroma client, to read the manifest again (a newer generation?)
    _last_bm25: tuple[str, np.ndarray] | None = field(default=None, repr=False)
    _last_dense: tuple[bytes, list[Hit]] | None = field(default=None, repr=False)
    _counts: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, settings: Settings, embeddings: Embeddings, check_stale: bool = True) -> KnowledgeBase:
        """Open the index, refusing a missing, stale or mismatched one with a clear message."""
        digest = corpus_digest(settings.corpus_dir) if check_stale and settings.corpus_dir.is_dir() else None
        client = make_client(settings)
        collection, manifest = open_active_collection(client, settings, digest)
        got = collection.get(include=["documents", "metadatas"])
        docs = [
            Document(id=i, page_content=d, metadata=dict(m))
            for i, d, m in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
        ]
        docs.sort(key=lambda d: str(d.id))
        store = Chroma(
            client=client,
            collection_name=manifest.active,
            embedding_function=embeddings,
            create_collection_if_not_exists=False,
        )
        bm25 = BM25Okapi([tokenize(_bm25_text(d)) for d in docs])
        kb = cls(settings, embeddings, manifest, store, docs, bm25)
        guides = collection.get(where={"doc_type": "guide"}, include=["embeddings"])
        kb.collection, kb.client = collection, client
        kb.by_id = {str(d.id): d for d in docs}
        kb.guide_docs = [kb.by_id[i] for i in guides["ids"]]
        kb.guide_vectors = np.asarray(guides["embeddings"], dtype=np.float32).reshape(len(kb.guide_docs), -1)
        for doc in docs:
            meta = doc.metadata
            if meta["doc_type"] == "provision":
                if meta["section"]:
                    kb.by_key[(meta["code"], meta["section"])] = doc
                kb.codes.setdefault(
                    meta["code"],
                    {
                        k: meta.get(k, "")
                        for k in ("code", "title", "body", "edition", "jurisdiction", "kind")
                        + ("code_typed_positions", "code_not_addressed")
                    }
                    | {"url": meta.get("code_url", meta.get("url", ""))},
                )
        return kb

    # -- search -------------------------------------------------------------------------

    def dense(
        self, vector: Sequence[float], flt: SearchFilter, k: int = CANDIDATES, near_only: bool = False
    ) -> list[Hit]:
        """The ``k`` chunks nearest the vector that pass the filter; with ``near_only``, only among the
        provisions nearest overall (WIDE_CANDIDATES): a narrower view of the same search, never a second one."""
        if flt.doc_types == ("guide",) and self.guide_vectors is not None and len(self.guide_docs):
            sims = self.guide_vectors @ np.asarray(vector, dtype=np.float32)
            order = np.argsort(-sims)[:k]
            return [Hit(self.guide_docs[i], 0.0, dense=float(sims[i])) for i in order]
        if flt.doc_types == ("provision",):
            return self._provisions_near(vector, flt, k, near_only)
        return self._query(vector, flt, k)

    def _provisions_near(self, vector: Sequence[float], flt: SearchFilter, k: int, near_only: bool) -> list[Hit]:
        """Provisions nearest the vector that pass the filter, read from one wide search per question.

        Only a ``near_only`` search reuses the last wide list (the own-codes search right after the first
        one); every other search asks the store, so a store that broke since is noticed, never hidden.

        The wide list is in similarity order, so its first ``k`` hits passing the filter are the filtered
        search's ``k`` best; when fewer pass and the list was cut off, the store is asked with the filter
        (unless ``near_only``).
        """
        key = np.asarray(vector, dtype=np.float32).tobytes()
        last = self._last_dense
        if near_only and last is not None and last[0] == key:
            wide = last[1]  # the same question's first search, moments ago (never an earlier request's)
        else:
            wide = self._query(vector, SearchFilter(doc_types=("provision",)), WIDE_CANDIDATES)
            self._last_dense = (key, wide)
        found = [h for h in wide if flt.accepts(h.meta)][:k]
        if not near_only and len(found) < k and len(wide) == WIDE_CANDIDATES and len(found) < self._count(flt):
            return self._query(vector, flt, k)
        return [Hit(h.doc, 0.0, dense=h.dense) for h in found]

    def _count(self, flt: SearchFilter) -> int:
        """How many chunks pass the filter (all of them are in memory)."""
        key = repr(flt)
        if key not in self._counts:
            self._counts[key] = sum(flt.accepts(d.metadata) for d in self.docs)
        return self._counts[key]

    def _query(self, vector: Sequence[float], flt: SearchFilter, k: int) -> list[Hit]:
        # Ids and distances only: the texts are in memory already, and fetching them from
        # Chroma's SQLite store would triple the cost of the search (~12 ms against ~4 ms).
        try:
            found = self.collection.query(
                query_embeddings=[list(vector)], n_results=k, where=flt.where(), include=["distances"]
            )
        except Exception as exc:  # a damaged file, a stopped server: the store failed, not the question
            raise store_failure(self.settings, exc) from exc
        return [
            Hit(self.by_id[i], 0.0, dense=1.0 - distance)
            for i, distance in zip(found["ids"][0], found["distances"][0], strict=True)
        ]

    def lexical(self, query: str, flt: SearchFilter, k: int = CANDIDATES) -> list[Hit]:
        last = self._last_bm25  # one answer searches guides then provisions with the same query
        if last is not None and last[0] == query:
            scores = last[1]
        else:
            scores = self.bm25.get_scores(tokenize(query))
            self._last_bm25 = (query, scores)
        ranked = sorted(
            (i for i, s in enumerate(scores) if s > 0 and flt.accepts(self.docs[i].metadata)),
            key=lambda i: -scores[i],
        )
        return [Hit(self.docs[i], float(scores[i])) for i in ranked[:k]]

    def hybrid(
        self,
        query: str,
        vector: Sequence[float],
        flt: SearchFilter,
        topics: Iterable[str] = (),
        near_only: bool = False,
    ) -> list[Hit]:
        """All candidates from both rankings, fused by reciprocal rank plus a topic boost."""
        fused: dict[str, Hit] = {}
        rankings = (
            (DENSE_WEIGHT, self.dense(vector, flt, near_only=near_only)),
            (LEXICAL_WEIGHT, self.lexical(query, flt)),
        )
        for weight, ranking in rankings:
            for rank, hit in enumerate(ranking):
                entry = fused.setdefault(str(hit.doc.id), Hit(hit.doc, 0.0))
                entry.score += weight / (RRF_K + rank + 1)
                entry.dense = max(entry.dense, hit.dense)
        wanted = set(topics)
        for hit in fused.values():
            overlap = wanted & set(hit.meta.get("topics", "").split(","))
            hit.score += TOPIC_BOOST * len(overlap)
        return sorted(fused.values(), key=lambda h: -h.score)

    def guide(self, guide_id: str) -> Hit | None:
        """The guide with this id (its file name in corpus/guides), as a hit, or None."""
        doc = self.by_id.get(f"guide:{guide_id}")
        return Hit(doc, 0.0, dense=1.0) if doc is not None else None

    def jurisdictions(self) -> set[str]:
        """Every jurisdiction a code in the index belongs to."""
        return {str(info.get("jurisdiction", "")) for info in self.codes.values() if info.get("jurisdiction")}

    def active_generation(self) -> str | None:
        """The generation the manifest names now (a build may have switched it since this one loaded)."""
        manifest = read_manifest(self.client, self.settings)
        return manifest.active if manifest is not None else None

    def ping(self) -> None:
        """Raise ``IndexUnavailable`` unless the store answers (readiness checks)."""
        try:
            self.collection.count()
        except Exception as exc:
            raise store_failure(self.settings, exc) from exc

    def provision(self, code: str, section: str) -> Document | None:
        return self.by_key.get((code, section))


def _bm25_text(doc: Document) -> str:
    meta = doc.metadata
    extra = " ".join(
        [meta.get("code", ""), meta.get("section", ""), meta.get("topics", "").replace(",", " ").replace("-", " ")]
    )
    return f"{doc.page_content} {extra}"


def positions(doc: Document) -> dict[str, str]:
    raw = doc.metadata.get("positions") or "{}"
    return json.loads(raw)
