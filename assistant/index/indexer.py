"""Build or update the vector index from the corpus: validated, incremental and atomic.

Each build writes a whole new generation collection (through langchain-chroma), reusing
the stored vector of every chunk whose content did not change, and only then switches the
manifest to it. An unchanged corpus writes nothing; a failure part-way leaves the previous
generation in service.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import chromadb
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from tqdm import tqdm

from assistant.config import Settings
from assistant.corpus.chunks import corpus_chunks
from assistant.corpus.loader import Corpus, load_corpus
from assistant.index.embeddings import export_onnx, get_embeddings
from assistant.index.store import (
    Manifest,
    is_damaged,
    make_client,
    manifest_name,
    move_damaged_aside,
    read_manifest,
    store_failure,
    write_manifest,
)

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    files: int
    codes: int
    provisions: int
    guides: int
    policies: int
    chunks: int
    added: int
    updated: int
    removed: int
    embedded: int
    seconds: float
    written: bool
    collection: str

    def describe(self) -> str:
        state = "index updated" if self.written else "index already up to date; nothing written"
        return (
            f"{state} ({self.collection}): {self.files} files, {self.codes} codes, "
            f"{self.provisions} provisions, {self.guides} guides, {self.policies} policies -> "
            f"{self.chunks} chunks; added {self.added}, updated {self.updated}, removed "
            f"{self.removed}, embedded {self.embedded}; {self.seconds:.1f} s"
        )


class _ReusingEmbeddings(Embeddings):
    """Serves stored vectors for unchanged texts and embeds only the rest, with progress."""

    def __init__(self, model: Embeddings, known: dict[str, list[float]], batch: int, progress: bool):
        self.model, self.known, self.batch, self.progress = model, known, batch, progress
        self.embedded = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # Length-sorted batches pad least, as sentence-transformers does within one encode call.
        missing = sorted((t for t in dict.fromkeys(texts) if t not in self.known), key=len)
        bar = tqdm(total=len(missing), desc="Embedding", unit="chunk", disable=not self.progress or not missing)
        for start in range(0, len(missing), self.batch):
            part = missing[start : start + self.batch]
            self.known.update(zip(part, self.model.embed_documents(part), strict=True))
            bar.update(len(part))
        bar.close()
        self.embedded += len(missing)
        return [list(self.known[t]) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


def _generation_name(settings: Settings, digest: str) -> str:
    model = hashlib.sha256(settings.embedding_model_name.encode()).hexdigest()[:6]
    return f"{settings.collection}-{digest[:12]}-{model}"


def _stored(
    client: chromadb.ClientAPI, manifest: Manifest | None, settings: Settings
) -> dict[str, tuple[Any, str, list[float]]]:
    """id -> (content_hash, text, vector) of the active generation, when it can be reused."""
    if manifest is None or manifest.embedding_model != settings.embedding_model_name:
        return {}
    try:
        old = client.get_collection(manifest.active, embedding_function=None)
    except Exception:
        return {}
    got = old.get(include=["metadatas", "documents", "embeddings"])
    metadatas, documents, vectors = got["metadatas"] or [], got["documents"] or [], got["embeddings"]
    return {
        i: (m.get("content_hash"), d, list(e))
        for i, m, d, e in zip(got["ids"], metadatas, documents, vectors if vectors is not None else [], strict=True)
    }


def build_index(
    settings: Settings,
    corpus: Corpus | None = None,
    progress: bool = True,
    embeddings: Embeddings | None = None,
    before_switch: Callable[[], None] | None = None,
    repair: bool = False,
) -> IngestSummary:
    """Validate the corpus, write a new generation if anything changed, then switch to it.

    A damaged embedded index raises `IndexUnavailable` saying how to fix it; with ``repair``
    (``ingest``) it is moved aside and a new one is built. ``before_switch`` is a test hook called
    after the new generation is written and before the manifest moves to it (a failure there must
    leave the old index in service).
    """
    started = time.perf_counter()
    corpus = corpus or load_corpus(settings.corpus_dir)
    if embeddings is None:
        export_onnx(settings)  # once per model; later starts skip importing torch
    docs = corpus_chunks(corpus)
    try:
        client = make_client(settings)
        manifest = read_manifest(client, settings)
    except Exception as exc:
        if settings.server_mode or not is_damaged(exc):
            raise
        if not repair:
            raise store_failure(settings, exc) from None
        aside = move_damaged_aside(settings)
        log.warning("the index was damaged (%s); moved to %s and building a new one", type(exc).__name__, aside)
        client = make_client(settings)
        manifest = None
    name = _generation_name(settings, corpus.digest)
    stored = _stored(client, manifest, settings)
    new_hashes = {d.id: d.metadata["content_hash"] for d in docs}
    added = sum(1 for i in new_hashes if i not in stored)
    updated = sum(1 for i, h in new_hashes.items() if i in stored and stored[i][0] != h)
    removed = sum(1 for i in stored if i not in new_hashes)
    summary = IngestSummary(
        files=len(corpus.files),
        codes=len(corpus.codes),
        provisions=sum(len(c.provisions) for c in corpus.codes),
        guides=len(corpus.guides),
        policies=len(corpus.policies),
        chunks=len(docs),
        added=added,
        updated=updated,
        removed=removed,
        embedded=0,
        seconds=0.0,
        written=False,
        collection=name,
    )
    up_to_date = (
        manifest is not None
        and manifest.active == name
        and manifest.corpus_digest == corpus.digest
        and manifest.chunks == len(docs) == len(stored)
    )
    if up_to_date:
        summary.seconds = time.perf_counter() - started
        return summary

    model = embeddings or get_embeddings(settings)
    reusing = _ReusingEmbeddings(
        model, {text: vec for _, text, vec in stored.values()}, settings.embedding_batch_size, progress
    )
    if name in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
        client.delete_collection(name)  # leftover of an interrupted build
    try:
        store = Chroma(
            client=client,
            collection_name=name,
            embedding_function=reusing,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        store.add_documents(docs, ids=[d.id for d in docs])
        if before_switch is not None:
            before_switch()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        retired = dict(manifest.retired) if manifest is not None else {}
        if manifest is not None and manifest.active != name:
            retired[manifest.active] = now
        write_manifest(
            client,
            settings,
            Manifest(
                active=name,
                embedding_model=settings.embedding_model_name,
                corpus_digest=corpus.digest,
                chunks=len(docs),
                built_at=now,
                retired=retired,
            ),
        )
    except BaseException:
        with contextlib.suppress(Exception):  # the partial generation may not exist
            client.delete_collection(name)
        raise
    _drop_old_generations(client, settings)
    summary.embedded = reusing.embedded
    summary.written = True
    summary.seconds = time.perf_counter() - started
    return summary


def _drop_old_generations(client: chromadb.ClientAPI, settings: Settings, now: dt.datetime | None = None) -> None:
    """Keep the active generation and the one before it; remove older ones once every replica has had
    time to notice the switch (a grace period longer than three polls), and leftovers of failed builds."""
    manifest = read_manifest(client, settings)
    if manifest is None:
        return
    now = now or dt.datetime.now(dt.UTC)
    grace = dt.timedelta(seconds=max(30.0, 4 * settings.index_poll_seconds))
    previous = list(manifest.retired)[-1] if manifest.retired else None  # retired in order: the last is the newest
    keep = {manifest.active, manifest_name(settings)} | ({previous} if previous else set())
    still_retired: dict[str, str] = {}
    prefix = f"{settings.collection}-"
    for collection in client.list_collections():
        name = collection if isinstance(collection, str) else collection.name
        if not name.startswith(prefix) or name in keep:
            if name in manifest.retired:
                still_retired[name] = manifest.retired[name]
            continue
        retired_at = manifest.retired.get(name)
        if retired_at is not None and now - dt.datetime.fromisoformat(retired_at) < grace:
            still_retired[name] = retired_at
            continue
        client.delete_collection(name)
    if still_retired != manifest.retired:
        write_manifest(client, settings, replace(manifest, retired=still_retired))
