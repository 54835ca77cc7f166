"""Comparison quality on a labelled set (`python -m assistant eval-compare`, eval/compare.yaml).

Row precision: a code's row cites exactly what the case accepts (see :func:`row_correct`).
Recall: codes the case expects content for get a row that is not "none". Each comparison is
timed against the one-second target for all codes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from langchain_core.embeddings import Embeddings

from assistant.compare import Row, compare
from assistant.compare.render import UNNUMBERED
from assistant.index.knowledge_base import KnowledgeBase


@dataclass
class CaseResult:
    id: str
    topic_ok: bool
    correct: int
    total: int
    found: int
    expected_content: int
    ms: float
    wrong: list[str]


def row_correct(row: Row | None, expected: list[str]) -> bool:
    """A row is correct when its numbered sections match what the eval accepts.

    expected == []: the row must be 'none', or 'general' citing no numbered section.
    expected non-empty: at least one cited section is expected, and every cited numbered
    section is expected. (Codes an eval case lists as ``unnumbered`` must be 'general' with
    no numbered section; see :func:`evaluate`.)
    """
    if row is None:
        return False
    numbered = [s.section for s in row.sections if s.section]
    if not expected:
        return row.coverage == "none" or (row.coverage == "general" and not numbered)
    accepted = set(expected)
    return bool(numbered) and any(s in accepted for s in numbered) and all(s in accepted for s in numbered)


def load(path: Path) -> list[dict[str, Any]]:
    """The comparison cases of a YAML file (a list, or a mapping with ``cases`` or ``items``)."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = items.get("cases") or items.get("items") or []
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of comparison cases")
    return items


def evaluate(items: list[dict[str, Any]], kb: KnowledgeBase, embeddings: Embeddings | None = None) -> list[CaseResult]:
    """One result per case: rows correct, codes with content found, time per comparison."""
    results = []
    if items:  # warm-up: the first call pays for loading topic vectors and caches
        first = items[0]
        compare(kb, embeddings, first.get("query") or first.get("topic", ""), codes=["APA"])
    for n, item in enumerate(items):
        raw = item.get("expected") or {}
        expected: dict[str, list[str]] = {k: [str(s) for s in (v or [])] for k, v in raw.items()}
        query = item.get("query") or item.get("topic", "")
        started = time.perf_counter()
        c = compare(kb, embeddings, query, jurisdictions=item.get("jurisdictions") or (),
                    codes=item.get("codes") or ())  # fmt: skip
        ms = (time.perf_counter() - started) * 1000
        by_code = {r.code: r for r in c.rows}
        correct, wrong, found, content = 0, [], 0, 0
        for code, sections in expected.items():
            row = by_code.get(code)
            if row_correct(row, sections):
                correct += 1
            else:
                cited = [s.section or UNNUMBERED for s in row.sections] if row else ["(row missing)"]
                wrong.append(f"{code}: cited {cited or '[]'} ({row.coverage if row else '-'}), expected {sections}")
            if sections:
                content += 1
                found += bool(row and row.coverage != "none")
        for code in item.get("unnumbered") or []:
            row = by_code.get(code)
            numbered = [s.section for s in row.sections if s.section] if row else []
            if row and row.coverage == "general" and not numbered:
                correct += 1
            else:
                cited = [s.section or UNNUMBERED for s in row.sections] if row else ["(row missing)"]
                wrong.append(f"{code}: cited {cited or '[]'} ({row.coverage if row else '-'}), expected unnumbered")
            content += 1
            found += bool(row and row.coverage != "none")
        topic_ok = not item.get("topic") or item["topic"] == c.topic
        case_id = str(item.get("id", n + 1))
        total = len(expected) + len(item.get("unnumbered") or [])
        results.append(CaseResult(case_id, topic_ok, correct, total, found, content, ms, wrong))
    return results


def report(results: list[CaseResult]) -> str:
    """A table of the cases, their misses, then totals and timing against the 1 s target."""
    lines = [f"{'case':<28} {'topic':<6} {'rows ok':>9} {'recall':>9} {'ms':>8}"]
    for r in results:
        lines.append(
            f"{r.id:<28} {'ok' if r.topic_ok else 'WRONG':<6} {r.correct:>4}/{r.total:<4} "
            f"{r.found:>4}/{r.expected_content:<4} {r.ms:>8.1f}"
        )
        lines += [f"    ✗ {w}" for w in r.wrong]
    total = sum(r.total for r in results)
    correct = sum(r.correct for r in results)
    content = sum(r.expected_content for r in results)
    found = sum(r.found for r in results)
    times = sorted(r.ms for r in results)
    if results:
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        lines += [
            "",
            f"cases: {len(results)}  topic correct: {sum(r.topic_ok for r in results)}/{len(results)}",
            f"row precision: {correct}/{total} = {correct / total:.3f}" if total else "row precision: n/a",
            f"recall of codes with content: {found}/{content} = {found / content:.3f}" if content else "recall: n/a",
            f"time per comparison: mean {sum(times) / len(times):.1f} ms, median {times[len(times) // 2]:.1f} ms, "
            f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target <= 1000 ms)",
        ]
    return "\n".join(lines)
