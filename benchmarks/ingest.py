"""Ingest throughput vs the raw embedding model on the same texts, and unchanged re-ingest time.

Run: .venv/bin/python benchmarks/ingest.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.corpus.chunks import corpus_chunks
from assistant.corpus.loader import load_corpus
from assistant.index.embeddings import export_onnx, get_embeddings
from assistant.index.indexer import build_index


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        exported = export_onnx(settings)
        print(f"ONNX export: {time.perf_counter() - started:.1f} s ({'done' if exported else 'failed: torch is used'})")
        model = get_embeddings(settings)
        texts = sorted((d.page_content for d in corpus_chunks(load_corpus(settings.corpus_dir))), key=len)
        model.embed_documents(texts[:8])  # warm up the model once for both measurements
        started = time.perf_counter()
        for i in range(0, len(texts), settings.embedding_batch_size):  # length-sorted batches, as ingest does
            model.embed_documents(texts[i : i + settings.embedding_batch_size])
        raw = len(texts) / (time.perf_counter() - started)
        full = build_index(settings, progress=False, embeddings=model)
        ingest = full.chunks / full.seconds
        again = build_index(settings, progress=False)
        print(f"backend: {type(model).__name__}; chunks: {full.chunks}")
        print(f"raw embedding:    {raw:.1f} chunks/s")
        print(
            f"full ingest:      {ingest:.1f} chunks/s ({full.seconds:.2f} s)  ratio {ingest / raw:.2f} (target >= 0.8)"
        )
        print(f"unchanged re-ingest: {again.seconds:.2f} s, written={again.written} (target <= 2 s)")


if __name__ == "__main__":
    main()
