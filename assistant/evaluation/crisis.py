"""Crisis detection on a labelled set (`python -m assistant eval-crisis [--file eval/crisis.yaml]`).

Recall at crisis and imminent counts an item as found when the predicted tier is at least
*crisis*; distress recall counts predicted tier at least *distress*. Hard negatives are the
items of kind ``hard-negative``, ``negated`` and ``policy-question``: predicted *crisis* or
*imminent* on one of them is a false positive; *distress* on one is reported separately.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.crisis.classifier import load_labelled
from assistant.crisis.detector import CrisisDetector
from assistant.crisis.types import Assessment, Tier

HARD_NEGATIVE_KINDS = frozenset({"hard-negative", "negated", "policy-question"})

Row = tuple[dict[str, Any], Assessment]  # a labelled item and the detector's assessment of it


def load(path: Path) -> list[dict[str, Any]]:
    """A labelled crisis set (eval or training format), checked."""
    return load_labelled(Path(path))


def evaluate(items: list[dict[str, Any]], detector: CrisisDetector) -> list[Row]:
    """The detector's assessment of each item, with its history."""
    return [(item, detector.assess(item["text"], item.get("history") or ())) for item in items]


def _rank(item: dict[str, Any]) -> int:
    return Tier(item["tier"]).rank


def _pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:5.1f}% ({n}/{d})" if d else "   n/a"


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def report(rows: list[Row], title: str = "") -> str:
    """The figures a person reads: recall by tier, category and kind, false positives, misses."""
    lines = [f"Crisis eval: {title}  ({len(rows)} items)"]

    positives = [(it, a) for it, a in rows if _rank(it) >= Tier.crisis.rank]
    hard = [(it, a) for it, a in rows if it["kind"] in HARD_NEGATIVE_KINDS and _rank(it) <= Tier.distress.rank]

    def recalled(it: dict[str, Any], a: Assessment) -> bool:
        need = Tier.crisis.rank if _rank(it) >= Tier.crisis.rank else Tier.distress.rank
        return a.tier.rank >= need

    lines.append("")
    lines.append("Recall by tier (crisis/imminent: predicted >= crisis; distress: predicted >= distress)")
    for tier in ("imminent", "crisis", "distress"):
        sel = [(it, a) for it, a in rows if it["tier"] == tier]
        lines.append(f"  {tier:<16} {_pct(sum(recalled(it, a) for it, a in sel), len(sel))}")
    imm = [(it, a) for it, a in rows if it["tier"] == "imminent"]
    lines.append(f"  imminent exact   {_pct(sum(a.tier == Tier.imminent for _, a in imm), len(imm))}")
    found = sum(a.tier.rank >= Tier.crisis.rank for _, a in positives)
    lines.append(f"  crisis+imminent  {_pct(found, len(positives))}")
    lines.append(
        f"  crisis+imminent given at least a check-in (never silence) "
        f"{_pct(sum(a.tier.rank >= Tier.distress.rank for _, a in positives), len(positives))}"
    )

    lines.append("")
    lines.append("Recall by category (crisis/imminent items; category also right)")
    by_cat: dict[str, list[tuple[dict[str, Any], Assessment]]] = defaultdict(list)
    for it, a in positives:
        by_cat[it.get("category") or "-"].append((it, a))
    for cat in sorted(by_cat):
        sel = by_cat[cat]
        hit = sum(recalled(it, a) for it, a in sel)
        right = sum(recalled(it, a) and (a.category or "-") == cat for it, a in sel)
        lines.append(f"  {cat:<16} {_pct(hit, len(sel))}   category right {_pct(right, len(sel))}")

    lines.append("")
    lines.append("Recall by kind (crisis/imminent items)")
    by_kind: dict[str, list[tuple[dict[str, Any], Assessment]]] = defaultdict(list)
    for it, a in positives:
        by_kind[it["kind"]].append((it, a))
    for kind in sorted(by_kind):
        sel = by_kind[kind]
        lines.append(f"  {kind:<16} {_pct(sum(recalled(it, a) for it, a in sel), len(sel))}")

    exact = sum(a.tier.value == it["tier"] for it, a in rows)
    lines.append("")
    lines.append(f"Exact tier accuracy      {_pct(exact, len(rows))}")
    fp = [(it, a) for it, a in hard if a.tier.rank >= Tier.crisis.rank]
    soft = [(it, a) for it, a in hard if a.tier == Tier.distress and it["tier"] == "none"]
    lines.append(f"Hard negatives           {len(hard)}")
    lines.append(f"  false positives (>= crisis)  {_pct(len(fp), len(hard))}")
    none_hard = [(it, a) for it, a in hard if it["tier"] == "none"]
    lines.append(f"  labelled none, got distress  {_pct(len(soft), len(none_hard))}")
    means = [(it, a) for it, a in rows if it.get("asks_for_means")]
    lines.append(f"asks_for_means recall    {_pct(sum(a.asks_for_means for _, a in means), len(means))}")
    means_fp = [(it, a) for it, a in rows if not it.get("asks_for_means") and a.asks_for_means]
    lines.append(f"asks_for_means on others {len(means_fp)}")

    misses = [(it, a) for it, a in rows if _rank(it) >= Tier.distress.rank and not recalled(it, a)]
    lines.append("")
    lines.append(f"Misses ({len(misses)}): labelled tier not reached")
    for it, a in misses:
        lines.append(f"  [{it['tier']}/{it.get('category')}/{it['kind']}] got {a.tier.value}: {_short(it['text'])}")
    lines.append(f"False positives ({len(fp)})")
    for it, a in fp:
        lines.append(f"  [{it['kind']}] got {a.tier.value}/{a.category}: {_short(it['text'])}")
    if soft:
        lines.append(f"Hard negatives given a distress check-in ({len(soft)})")
        for it, _a in soft:
            lines.append(f"  [{it['kind']}] {_short(it['text'])}")
    return "\n".join(lines)


def run_crisis_eval(path: Path, detector: CrisisDetector) -> str:
    """Evaluate ``detector`` on the YAML set at ``path`` and return the printable report."""
    return report(evaluate(load(path), detector), title=str(path))
