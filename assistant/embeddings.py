"""The sentence-transformers embedding model, loaded from disk only (never from a hub)."""

from __future__ import annotations

import threading

from langchain_huggingface import HuggingFaceEmbeddings

from assistant.config import Settings

_lock = threading.Lock()
_cache: dict[str, HuggingFaceEmbeddings] = {}


def get_embeddings(settings: Settings) -> HuggingFaceEmbeddings:
    """One shared model per path: loading costs seconds and ~100 MB, so do it once."""
    path = settings.embedding_model_path
    with _lock:
        if path not in _cache:
            _cache[path] = HuggingFaceEmbeddings(
                model_name=path,
                model_kwargs={"device": "cpu", "local_files_only": True},
                encode_kwargs={
                    "normalize_embeddings": True,
                    "batch_size": settings.embedding_batch_size,
                },
            )
        return _cache[path]
