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

from assistant.reply import Ask, Citation, HistoryTurn, Reply

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
    guide_expected: str | None = None  # None when the set does not label guides
    guide_got: str | None = None
    guides_expected: tuple[str, ...] = ()  # every part, for two-part questions
    guides_got: tuple[str, ...] = ()
    also_acceptable: tuple[str, ...] = ()  # other guides a careful reader could lead with (ambiguous items)

    @property
    def guide_ok(self) -> bool | None:
        """Whether the answer led with the labelled guide (None when the item has no guide label)."""
        if self.guide_expected is None:
            return None
        return self.guide_got == self.guide_expected or self.guide_got in self.also_acceptable

    @property
    def country(self) -> str:
        return self.jurisdiction.split("-")[0]


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


def citation_id(c: Citation) -> str:
    """How eval labels name a citation: ``CODE SECTION``, or ``CODE ¶ heading`` for an unnumbered passage.

    Unnumbered passages count as citations in their own right: they take a place in the first three
    like any other (they were once skipped, which ranked the numbered ones behind them higher).
    """
    return f"{c.code} {c.section}" if c.section else f"{c.code} ¶ {c.heading}"


def evaluate(items: list[dict], assistant) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for item in items:
        history = [  # a plain string is an earlier message from the same person
            HistoryTurn(role="user", content=t) if isinstance(t, str) else HistoryTurn(**t)
            for t in item.get("history") or []
        ]
        reply = assistant.answer(
            Ask(question=item["question"], jurisdiction=item.get("jurisdiction"), history=history)
        )
        cited = [citation_id(c) for c in reply.citations]
        got_parts = tuple(p.guide.id for p in reply.parts if p.guide) or ((reply.guide.id,) if reply.guide else ())
        expected = set(item.get("expected") or [])
        ranks = [i for i, c in enumerate(cited, start=1) if c in expected]
        in_scope = bool(item.get("in_scope", True))
        outcomes.append(
            Outcome(
                id=str(item.get("id", item["question"][:30])),
                jurisdiction=str(item.get("place") or item.get("jurisdiction") or reply.jurisdiction or "none"),
                topic=str(item.get("topic") or ("out-of-scope" if not in_scope else "?")),
                hit3=bool(ranks) and ranks[0] <= 3,
                rr=1.0 / ranks[0] if ranks else 0.0,
                citations_valid=citations_valid(reply, assistant.knowledge_base()),
                scope_ok=(reply.in_scope == in_scope) and (in_scope or not reply.citations),
                expected_in_scope=in_scope,
                cited=cited[:3],
                guide_expected=item.get("guide") if "guide" in item else None,
                guide_got=reply.guide.id if reply.guide else None,
                guides_expected=tuple(item.get("guides") or ()),
                guides_got=got_parts,
                also_acceptable=tuple(item.get("also_acceptable") or ()),
            )
        )
    return outcomes


def guide_accuracy(rows: list[Outcome]) -> tuple[int, int]:
    """(right, labelled) over in-scope items that carry a guide label."""
    labelled = [o for o in rows if o.expected_in_scope and o.guide_ok is not None]
    return sum(bool(o.guide_ok) for o in labelled), len(labelled)


def _table(title: str, groups: dict[str, list[Outcome]]) -> list[str]:
    lines = [f"\n{title:<28} {'n':>4} {'guide':>7} {'hit@3':>7} {'MRR':>6} {'cites ok':>9}"]
    for name in sorted(groups):
        rows = [o for o in groups[name] if o.expected_in_scope]
        if not rows:
            continue
        n = len(rows)
        right, labelled = guide_accuracy(rows)
        guide = f"{right / labelled:>7.2f}" if labelled else f"{'-':>7}"
        lines.append(
            f"{name:<28} {n:>4} {guide} {sum(o.hit3 for o in rows) / n:>7.2f} {sum(o.rr for o in rows) / n:>6.2f} "
            f"{sum(o.citations_valid for o in rows) / n:>9.2f}"
        )
    return lines


def report(outcomes: list[Outcome]) -> str:
    scoped = [o for o in outcomes if o.expected_in_scope]
    declined = [o for o in outcomes if not o.expected_in_scope]
    n = max(len(scoped), 1)
    right, labelled = guide_accuracy(outcomes)
    parts = [o for o in scoped if len(o.guides_expected) > 1]
    lines = [
        f"questions: {len(outcomes)} ({len(scoped)} in scope, {len(declined)} out of scope)",
        f"guide accuracy: {right}/{labelled} = {right / max(labelled, 1):.3f}   "
        f"two-part questions answered in both parts, in order: "
        f"{sum(o.guides_got[:2] == o.guides_expected[:2] for o in parts)}/{len(parts)}",
        f"hit@3: {sum(o.hit3 for o in scoped) / n:.3f}   MRR: {sum(o.rr for o in scoped) / n:.3f}   "
        f"citations valid: {sum(o.citations_valid for o in outcomes)}/{len(outcomes)}   "
        f"out-of-scope declined: {sum(o.scope_ok for o in declined)}/{len(declined)}   "
        f"in-scope answered: {sum(o.scope_ok for o in scoped)}/{len(scoped)}",
    ]
    by_c: dict[str, list[Outcome]] = defaultdict(list)
    by_j: dict[str, list[Outcome]] = defaultdict(list)
    by_t: dict[str, list[Outcome]] = defaultdict(list)
    by_g: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_c[o.country].append(o)
        by_j[o.jurisdiction].append(o)
        by_t[o.topic].append(o)
        if o.guide_expected:
            by_g[o.guide_expected].append(o)
    lines += _table("by country", by_c)
    lines += _table("by jurisdiction", by_j)
    lines += _table("by topic", by_t)
    if by_g:
        lines += _table("by guide", by_g)
    misses = [
        o for o in outcomes
        if (o.expected_in_scope and not o.hit3) or not o.scope_ok or not o.citations_valid or o.guide_ok is False
    ]  # fmt: skip
    if misses:
        lines.append("\nmisses:")
        lines += [
            f"  {o.id}: top3={o.cited} scope_ok={o.scope_ok} cites_ok={o.citations_valid}"
            + (f" guide={o.guide_got} expected={o.guide_expected}" if o.guide_ok is False else "")
            for o in misses
        ]
    return "\n".join(lines)


def run_retrieval_eval(path: Path, assistant, summary_only: bool = False) -> str:
    """The report; ``summary_only`` prints aggregate figures only (for sealed sets: no item is shown)."""
    text = report(evaluate(load_questions(path), assistant))
    return text.split("\nmisses:")[0] if summary_only else text
