"""Scores the crisis detector on a labelled YAML set and prints a report.

Run ``python -m assistant.crisis.evaluate [eval/crisis.yaml ...] [--patterns-only]``.

Recall at crisis and imminent counts an item as found when the predicted tier is at least
*crisis*; distress recall counts predicted tier at least *distress*. Hard negatives are the
items of kind ``hard-negative``, ``negated`` and ``policy-question``: predicted *crisis* or
*imminent* on one of them is a false positive; *distress* on one is reported separately.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.crisis.classifier import load_labelled as load_items
from assistant.crisis.detector import Assessment, CrisisDetector, Tier

HARD_NEGATIVE_KINDS = frozenset({"hard-negative", "negated", "policy-question"})
_RANK = {"none": 0, "distress": 1, "crisis": 2, "imminent": 3}


def score(items: list[dict[str, Any]], detector: CrisisDetector) -> dict[str, Any]:
    """Predictions and figures for a list of eval items."""
    rows: list[tuple[dict[str, Any], Assessment]] = []
    for item in items:
        rows.append((item, detector.assess(item["text"], item.get("history") or ())))
    return {"rows": rows}


def _pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:5.1f}% ({n}/{d})" if d else "   n/a"


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def run_crisis_eval(path: Path, detector: CrisisDetector) -> str:
    """Evaluate ``detector`` on the YAML set at ``path`` and return the printable report."""
    items = load_items(Path(path))
    rows = score(items, detector)["rows"]
    lines = [f"Crisis eval: {path}  ({len(items)} items)"]

    positives = [(it, a) for it, a in rows if _RANK[it["tier"]] >= 2]
    hard = [(it, a) for it, a in rows if it["kind"] in HARD_NEGATIVE_KINDS and _RANK[it["tier"]] <= 1]

    def recalled(it: dict[str, Any], a: Assessment) -> bool:
        need = 2 if _RANK[it["tier"]] >= 2 else 1
        return a.tier.rank >= need

    lines.append("")
    lines.append("Recall by tier (crisis/imminent: predicted >= crisis; distress: predicted >= distress)")
    for tier in ("imminent", "crisis", "distress"):
        sel = [(it, a) for it, a in rows if it["tier"] == tier]
        lines.append(f"  {tier:<16} {_pct(sum(recalled(it, a) for it, a in sel), len(sel))}")
    imm = [(it, a) for it, a in rows if it["tier"] == "imminent"]
    lines.append(f"  imminent exact   {_pct(sum(a.tier == Tier.imminent for _, a in imm), len(imm))}")
    lines.append(f"  crisis+imminent  {_pct(sum(a.tier.rank >= 2 for _, a in positives), len(positives))}")
    lines.append(
        f"  crisis+imminent given at least a check-in (never silence) "
        f"{_pct(sum(a.tier.rank >= 1 for _, a in positives), len(positives))}"
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
    fp = [(it, a) for it, a in hard if a.tier.rank >= 2]
    soft = [(it, a) for it, a in hard if a.tier == Tier.distress and it["tier"] == "none"]
    lines.append(f"Hard negatives           {len(hard)}")
    lines.append(f"  false positives (>= crisis)  {_pct(len(fp), len(hard))}")
    none_hard = [(it, a) for it, a in hard if it["tier"] == "none"]
    lines.append(f"  labelled none, got distress  {_pct(len(soft), len(none_hard))}")
    means = [(it, a) for it, a in rows if it.get("asks_for_means")]
    lines.append(f"asks_for_means recall    {_pct(sum(a.asks_for_means for _, a in means), len(means))}")
    means_fp = [(it, a) for it, a in rows if not it.get("asks_for_means") and a.asks_for_means]
    lines.append(f"asks_for_means on others {len(means_fp)}")

    misses = [(it, a) for it, a in rows if _RANK[it["tier"]] >= 1 and not recalled(it, a)]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("eval/crisis.yaml")])
    parser.add_argument("--patterns-only", action="store_true", help="skip the embedding model")
    args = parser.parse_args(argv)
    if args.patterns_only:
        detector = CrisisDetector(None)
    else:
        from assistant.bootstrap import detector_from_settings
        from assistant.config import Settings

        detector = detector_from_settings(Settings())
    for path in args.paths:
        sys.stdout.write(run_crisis_eval(path, detector) + "\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
