"""Screening time per message for the crisis detector (model already loaded).

Prints p50 / p95 / mean milliseconds of ``CrisisDetector.assess`` over the eval set, for the
full detector (patterns + one embedding), for the full detector once the message's embedding
exists (the cost of screening inside an answer, which embeds the message anyway and reuses the
vector for retrieval), and for the pattern layer alone. Figures only, no assertions.
Run: ``python benchmarks/crisis.py [eval/crisis.yaml]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from assistant.bootstrap import detector_from_settings
from assistant.config import ROOT, Settings
from assistant.crisis.classifier import classifier_key
from assistant.crisis.detector import CrisisDetector
from assistant.crisis.semantic import semantic_key
from assistant.evaluation.crisis import load
from assistant.index.embeddings import get_embeddings


def _time(detector: CrisisDetector, items: list[dict], clear_cache: bool, pre_embed: bool = False) -> list[float]:
    out: list[float] = []
    for item in items:
        if clear_cache and detector.vectors is not None:
            detector.vectors.clear()  # measure a fresh message, not a cache hit
        if pre_embed and detector.vectors is not None:  # as in an answer: the message is embedded once, shared
            detector.vectors.embed([semantic_key(item["text"]), classifier_key(item["text"])])
        start = time.perf_counter()
        detector.assess(item["text"], item.get("history") or ())
        out.append((time.perf_counter() - start) * 1000)
    return out


def _report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print(
        f"{name:<28} n={len(ms):4d}  p50={statistics.median(ms):6.2f} ms  p95={p95:6.2f} ms  "
        f"mean={statistics.fmean(ms):6.2f} ms  max={ms[-1]:6.2f} ms"
    )


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "crisis.yaml"
    items = load(path)
    t0 = time.perf_counter()
    emb = get_embeddings(Settings())
    emb.embed_query("warm up")
    t1 = time.perf_counter()
    full = detector_from_settings(Settings())  # the caches ingest wrote
    t2 = time.perf_counter()
    cache = "warm exemplar cache" if full.exemplar_cache_hit else "cold: exemplars embedded, cache written"
    print(f"model load {1000 * (t1 - t0):.0f} ms; CrisisDetector() {1000 * (t2 - t1):.0f} ms ({cache}: "
          f"{full.exemplar_cache_file})")
    _time(full, items[:20], clear_cache=True)  # warm-up
    _report(f"full screen, 1 embedding ({type(emb).__name__})", _time(full, items, clear_cache=True))
    _report("full screen, message embedded", _time(full, items, clear_cache=True, pre_embed=True))
    _report("pattern layer only", _time(CrisisDetector(None), items, clear_cache=False))
    q = [(time.perf_counter(), emb.embed_query(it["text"]), time.perf_counter()) for it in items[:100]]
    _report("embed_query alone", [1000 * (b - a) for a, _, b in q])


if __name__ == "__main__":
    main()
