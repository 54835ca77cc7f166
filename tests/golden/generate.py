"""Regenerate the golden snapshots: `.venv/bin/python -m tests.golden.generate` (a minute or two)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from assistant.config import Settings
from tests.golden import snapshots


def build(index_dir: Path):
    """An assistant over a fresh index of the frozen corpus (the crisis cache is the shared one)."""
    from assistant.bootstrap import assistant_from_settings
    from assistant.index.indexer import build_index

    settings = Settings(corpus_dir=snapshots.FROZEN_CORPUS, index_dir=index_dir, llm=None)
    build_index(settings, progress=False)
    return settings, assistant_from_settings(settings)


def main() -> int:
    from assistant.web.server import create_app

    with tempfile.TemporaryDirectory() as tmp:
        settings, assistant = build(Path(tmp) / "index")
        snapshots.write("crisis.json", snapshots.crisis_snapshot(assistant.detector))
        snapshots.write("batch.json", snapshots.batch_snapshot(assistant))
        comparisons = snapshots.compare_snapshot(assistant.knowledge_base(), assistant.embeddings)
        snapshots.write("compare.json", comparisons)
        snapshots.write("openapi.json", snapshots.openapi_snapshot(create_app(settings, assistant, stream_delay=0)))
    sys.stdout.write(f"golden snapshots written to {snapshots.GOLDEN}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
