"""Ingest throughput vs raw model.encode on the same texts, and unchanged re-ingest time.

Run: .venv/bin/python benchmarks/ingest.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings  # noqa: E402
from assistant.corpus.chunks import corpus_chunks  # noqa: E402
from assistant.corpus.loader import load_corpus  # noqa: E402
from assistant.embeddings import get_embeddings  # noqa: E402
from assistant.indexer import build_index  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index")
        model = get_embeddings(settings)
        texts = [d.page_content for d in corpus_chunks(load_corpus(settings.corpus_dir))]
        model._client.encode(texts[:8])  # warm up the model once for both measurements
        started = time.perf_counter()
        model._client.encode(texts, batch_size=settings.embedding_batch_size, normalize_embeddings=True)
        raw = len(texts) / (time.perf_counter() - started)
        full = build_index(settings, progress=False, embeddings=model)
        ingest = full.chunks / full.seconds
        again = build_index(settings, progress=False, embeddings=model)
        print(f"chunks: {full.chunks}")
        print(f"raw model.encode: {raw:.1f} chunks/s")
        print(
            f"full ingest:      {ingest:.1f} chunks/s ({full.seconds:.2f} s)  ratio {ingest / raw:.2f} (target >= 0.8)"
        )
        print(f"unchanged re-ingest: {again.seconds:.2f} s, written={again.written} (target <= 2 s)")


if __name__ == "__main__":
    main()
