"""Chroma access: one client factory, telemetry off, and the index manifest.

The index lives in generations: each build writes a complete collection
``<name>-<digest>``, and a small pointer collection ``<name>-manifest`` names the active
one together with the embedding model and corpus digest. Switching the pointer is the
last step of a build, so a failed build leaves the previous index in service, and the app
can refuse an index built from another model or an older corpus.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings

from assistant.config import Settings
from assistant.errors import IndexUnavailable  # noqa: F401  (re-exported where callers import it)


@dataclass(frozen=True)
class Manifest:
    active: str
    embedding_model: str
    corpus_digest: str
    chunks: int
    built_at: str
    retired: dict[str, str] = field(default_factory=dict)  # earlier generations -> when they stopped being active

    def to_metadata(self) -> dict[str, Any]:
        return {"manifest": json.dumps(asdict(self))}

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any] | None) -> Manifest | None:
        if not metadata or "manifest" not in metadata:
            return None
        return cls(**json.loads(metadata["manifest"]))


DAMAGE_SIGNS = (
    "malformed",
    "not a database",
    "file is encrypted",
    "disk image",
    "database corrupt",
    "corrupt",
    "no such table",
    "checksum",
    "hnsw",
    "invalid header",
)
REPAIR = "Rebuild it with `python ingest.py` (it moves the damaged copy aside and builds a new index)."
SERVER_TIMEOUT = httpx.Timeout(10.0, connect=3.0)  # a Chroma server that hangs must not hold answers forever


def is_damaged(exc: BaseException) -> bool:
    """Whether an error opening the embedded store says its files are damaged (Chroma's own message,
    which never holds a person's text)."""
    text = f"{type(exc).__name__} {exc}".lower()
    return any(sign in text for sign in DAMAGE_SIGNS)


def store_failure(settings: Settings, exc: BaseException) -> IndexUnavailable:
    """A readable ``IndexUnavailable`` for a store that failed while in use (never the query text)."""
    if isinstance(exc, IndexUnavailable):
        return exc
    if not settings.server_mode and is_damaged(exc):
        return IndexUnavailable(
            f"The index in {settings.index_dir} is damaged ({type(exc).__name__}). {REPAIR}"
        )
    if settings.server_mode:
        where = f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
        fix = "Check that `chroma run` is up; answers resume by themselves when it is back."
    else:
        where = f"the index in {settings.index_dir}"
        fix = "Rebuild it with `python ingest.py`."
    return IndexUnavailable(f"The search index cannot be used: {where} failed ({type(exc).__name__}). {fix}")


def make_client(settings: Settings) -> chromadb.ClientAPI:
    """An embedded PersistentClient, or an HttpClient when a Chroma server is configured."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.server_mode:
        try:
            client = chromadb.HttpClient(
                host=settings.chroma_host or "127.0.0.1", port=settings.chroma_port, settings=chroma_settings
            )
            _bound_waits(client)
            client.heartbeat()
        except Exception as exc:  # connection refused, DNS, timeouts: all mean "unreachable"
            raise IndexUnavailable(
                f"Cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"({type(exc).__name__}). Start it with `chroma run --path <dir> --port "
                f"{settings.chroma_port}` or unset ASSISTANT_CHROMA_HOST to use the embedded store."
            ) from exc
        return client
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


def _bound_waits(client: chromadb.ClientAPI) -> None:
    """Give the HTTP client's session a timeout (chromadb creates it with none).

    Without one, a server that stops answering without closing its connections (a paused process,
    a lost network between machines) would hold every worker thread of a replica in a search, and
    messages, crisis messages included, would queue behind them. chromadb offers no setting for it,
    so the session of its HTTP client is reached directly; a chromadb without it keeps its default.
    """
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = SERVER_TIMEOUT


def move_damaged_aside(settings: Settings) -> Path:
    """Move a damaged embedded index folder aside (``<index>.damaged-<time>``) so a new one can be built."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # Chroma keeps one client per path for the process
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = settings.index_dir.with_name(f"{settings.index_dir.name}.damaged-{stamp}")
    settings.index_dir.rename(aside)
    return aside


def manifest_name(settings: Settings) -> str:
    return f"{settings.collection}-manifest"


def read_manifest(client: chromadb.ClientAPI, settings: Settings) -> Manifest | None:
    """The active generation, or None when no index was ever built here."""
    names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    if manifest_name(settings) not in names:
        return None
    pointer = client.get_collection(manifest_name(settings), embedding_function=None)
    return Manifest.from_metadata(pointer.metadata)


def write_manifest(client: chromadb.ClientAPI, settings: Settings, manifest: Manifest) -> None:
    """Point the index at a new generation: the one atomic switch of a build."""
    pointer = client.get_or_create_collection(manifest_name(settings), embedding_function=None)
    pointer.modify(metadata=manifest.to_metadata())


def open_active_collection(
    client: chromadb.ClientAPI, settings: Settings, corpus_digest: str | None = None
) -> tuple[chromadb.Collection, Manifest]:
    """The collection in service, after checking it matches this model (and corpus, if given)."""
    manifest = read_manifest(client, settings)
    if manifest is None:
        raise IndexUnavailable("No index found. Build it with `python ingest.py` (or `make run`).")
    if manifest.embedding_model != settings.embedding_model_name:
        raise IndexUnavailable(
            f"The index was built with {manifest.embedding_model!r} but the configured model is "
            f"{settings.embedding_model_name!r}. Rebuild it with `python ingest.py`."
        )
    if corpus_digest is not None and manifest.corpus_digest != corpus_digest:
        raise IndexUnavailable(
            "The index is stale: the corpus changed since it was built. "
            "Update it with `python ingest.py` (only changed provisions are re-embedded)."
        )
    try:
        collection = client.get_collection(manifest.active, embedding_function=None)
    except Exception as exc:
        raise IndexUnavailable(
            f"The index manifest names collection {manifest.active!r}, which is missing. "
            "Rebuild it with `python ingest.py`."
        ) from exc
    return collection, manifest
