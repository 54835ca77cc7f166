"""Retrieval and citation quality on a labelled question set (`python -m assistant eval`).

hit@3: an expected provision is among the first three citations. MRR: reciprocal rank of
the first expected citation. Citation validity: every marker in the answer names a
citation, every citation names a real provision with a link, and nothing is uncited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.reply import Ask, HistoryTurn, Reply

_MARKER = re.compile(r"\[(\d+)\]")


@dataclass
class Outcome:
    id: str
    jurisdiction: str
    topic: str
    hit3: bool
    rr: float
    citations_valid: bool
    scope_ok: bool
    expected_in_scope: bool
    cited: list[str]


def citations_valid(reply: Reply, kb) -> bool:
    """Markers and citations agree, and each citation names a provision the index holds."""
    markers = {int(m) for m in _MARKER.findall(reply.answer)}
    numbers = {c.n for c in reply.citations}
    if markers != numbers:
        return False
    for c in reply.citations:
        if not c.url:
            return False
        if c.kind == "policy":
            continue
        if c.section and kb.provision(c.code, c.section) is None:
            return False
        if c.code not in kb.codes:
            return False
    return True


def load_questions(path: Path) -> list[dict]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of questions")
    return items


def evaluate(items: list[dict], assistant) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for item in items:
        history = [HistoryTurn(**t) for t in item.get("history") or []]
        reply = assistant.answer(
            Ask(question=item["question"], jurisdiction=item.get("jurisdiction"), history=history)
        )
        cited = [f"{c.code} {c.section}" for c in reply.citations if c.section]
        expected = set(item.get("expected") or [])
        ranks = [i for i, c in enumerate(cited, start=1) if c in expected]
        in_scope = bool(item.get("in_scope", True))
        outcomes.append(
            Outcome(
                id=str(item.get("id", item["question"][:30])),
                jurisdiction=str(item.get("jurisdiction") or reply.jurisdiction or "none"),
                topic=str(item.get("topic") or ("out-of-scope" if not in_scope else "?")),
                hit3=bool(ranks) and ranks[0] <= 3,
                rr=1.0 / ranks[0] if ranks else 0.0,
                citations_valid=citations_valid(reply, assistant.knowledge_base()),
                scope_ok=(reply.in_scope == in_scope) and (in_scope or not reply.citations),
                expected_in_scope=in_scope,
                cited=cited[:3],
            )
        )
    return outcomes


def _table(title: str, groups: dict[str, list[Outcome]]) -> list[str]:
    lines = [f"\n{title:<28} {'n':>4} {'hit@3':>7} {'MRR':>6} {'cites ok':>9}"]
    for name in sorted(groups):
        rows = [o for o in groups[name] if o.expected_in_scope]
        if not rows:
            continue
        n = len(rows)
        lines.append(
            f"{name:<28} {n:>4} {sum(o.hit3 for o in rows) / n:>7.2f} {sum(o.rr for o in rows) / n:>6.2f} "
            f"{sum(o.citations_valid for o in rows) / n:>9.2f}"
        )
    return lines


def report(outcomes: list[Outcome]) -> str:
    scoped = [o for o in outcomes if o.expected_in_scope]
    declined = [o for o in outcomes if not o.expected_in_scope]
    n = max(len(scoped), 1)
    lines = [
        f"questions: {len(outcomes)} ({len(scoped)} in scope, {len(declined)} out of scope)",
        f"hit@3: {sum(o.hit3 for o in scoped) / n:.3f}   MRR: {sum(o.rr for o in scoped) / n:.3f}   "
        f"citations valid: {sum(o.citations_valid for o in outcomes)}/{len(outcomes)}   "
        f"out-of-scope declined: {sum(o.scope_ok for o in declined)}/{len(declined)}   "
        f"in-scope answered: {sum(o.scope_ok for o in scoped)}/{len(scoped)}",
    ]
    by_j: dict[str, list[Outcome]] = defaultdict(list)
    by_t: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_j[o.jurisdiction].append(o)
        by_t[o.topic].append(o)
    lines += _table("by jurisdiction", by_j)
    lines += _table("by topic", by_t)
    misses = [o for o in outcomes if (o.expected_in_scope and not o.hit3) or not o.scope_ok or not o.citations_valid]
    if misses:
        lines.append("\nmisses:")
        lines += [f"  {o.id}: top3={o.cited} scope_ok={o.scope_ok} cites_ok={o.citations_valid}" for o in misses]
    return "\n".join(lines)


def run_retrieval_eval(path: Path, assistant) -> str:
    return report(evaluate(load_questions(path), assistant))
