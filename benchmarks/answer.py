"""Warm answer latency over the eval questions vs the floor (one query embedding + one vector search).

Also cold start of the CLI (first answer in a fresh process) and peak memory.
Run: .venv/bin/python benchmarks/answer.py   (prints figures; asserts nothing)
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time

import yaml

from assistant.bootstrap import assistant_from_settings
from assistant.config import ROOT, Settings
from assistant.index.knowledge_base import SearchFilter
from assistant.reply import Ask, HistoryTurn


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    started = time.perf_counter()
    cold = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "can my therapist text me?", "--json"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    cold_s = time.perf_counter() - started
    assistant = assistant_from_settings(Settings())
    items = yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text())
    asks = [
        Ask(
            question=i["question"],
            jurisdiction=i.get("jurisdiction"),
            history=[HistoryTurn(**t) for t in i.get("history") or []],
        )
        for i in items
    ]
    for ask in asks[:5]:
        assistant.answer(ask)
    latencies, floors = [], []
    for ask in asks:
        t = time.perf_counter()
        assistant.answer(ask)
        latencies.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        vector = assistant.embeddings.embed_query(ask.question)
        assistant.knowledge_base().dense(vector, SearchFilter(), k=6)
        floors.append((time.perf_counter() - t) * 1000)
    floor = statistics.median(floors)
    p50, p95 = pct(latencies, 0.5), pct(latencies, 0.95)
    print(f"questions: {len(asks)}")
    print(f"floor (embed + vector search) p50: {floor:.1f} ms")
    print(f"answer p50: {p50:.1f} ms ({p50 / floor:.2f} x floor, target <= 2x)   p95: {p95:.1f} ms (target <= 150 ms)")
    print(f"cold start of the CLI (first answer): {cold_s:.1f} s (target <= 10 s), exit code {cold.returncode}")
    print(f"peak memory (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
