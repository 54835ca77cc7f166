"""Contact-policy drafting on a labelled set (`python -m assistant eval-policy`, eval/policy.yaml).

Each item is a clinic configuration with its gold: the codes that bind it (``binding_codes``), the
elements those codes require with the provisions that require them (``required_elements``) and the
conflicts its choices raise (``conflicts``: code and section). Figures:

- element recall: gold elements the draft marks *required* (and, beside it, gold elements the draft has
  at all, required or recommended);
- clauses citing a code outside those bindings.yaml selects for the configuration (must be 0), and, as
  a stricter reading, clauses citing a code outside the item's gold ``binding_codes`` (guidance included)
  and clauses marked required by a code outside them;
- conflicts flagged: gold (code, section) pairs the draft flags, and flags the gold does not list;
- provision recall: gold provisions cited by a required clause of their element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.config import Settings
from assistant.corpus.loader import Corpus, load_corpus
from assistant.policy.data import PolicyData, policy_data
from assistant.policy.draft import draft_policy
from assistant.policy.models import Draft, PolicyInputs
from assistant.policy.select import select_codes

INPUT_KEYS = ("jurisdictions", "professions", "memberships", "channels", "purpose", "response_time", "after_hours",
              "emergency", "social_media", "records", "clinic", "secure_messaging", "written_consent")  # fmt: skip


@dataclass
class ItemResult:
    id: str
    error: str | None = None
    expected: list[str] = field(default_factory=list)
    required_hit: list[str] = field(default_factory=list)
    present_hit: list[str] = field(default_factory=list)
    outside_selection: list[str] = field(default_factory=list)  # "clause: CODE"
    outside_gold: list[str] = field(default_factory=list)
    required_outside_gold: list[str] = field(default_factory=list)
    conflicts_expected: list[str] = field(default_factory=list)
    conflicts_flagged: list[str] = field(default_factory=list)
    conflicts_extra: list[str] = field(default_factory=list)
    provisions_expected: int = 0
    provisions_cited: int = 0
    clauses: int = 0


def load(path: Path) -> list[dict[str, Any]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = items.get("items") or items.get("configurations") or []
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of clinic configurations")
    return items


def inputs_of(item: dict[str, Any]) -> PolicyInputs:
    values = {k: item[k] for k in INPUT_KEYS if k in item and item[k] is not None}
    if isinstance(values.get("records"), bool):
        values["records"] = "yes" if values["records"] else "no"
    return PolicyInputs.model_validate(values)


def _label(code: str, section: str | None) -> str:
    return f"{code} {section}" if section else code


def evaluate_item(item: dict[str, Any], corpus: Corpus, data: PolicyData) -> ItemResult:
    result = ItemResult(id=str(item.get("id", "?")))
    try:
        inputs = inputs_of(item)
    except Exception as exc:  # noqa: BLE001 - an item that cannot be read is reported, the run goes on
        result.error = str(exc).splitlines()[0]
        return result
    draft: Draft = draft_policy(inputs, corpus, data)
    selected = set(select_codes(inputs, corpus).codes)
    gold_codes = set(item.get("binding_codes") or [])
    required = item.get("required_elements") or {}
    result.clauses = len(draft.clauses)
    result.expected = list(required)
    by_element_required = {c.element for c in draft.clauses if c.kind == "required"}
    by_element_any = {c.element for c in draft.clauses}
    result.required_hit = [e for e in required if e in by_element_required]
    result.present_hit = [e for e in required if e in by_element_any]
    for clause in draft.clauses:
        for code in dict.fromkeys(c.code for c in clause.citations):
            if code not in selected:
                result.outside_selection.append(f"{clause.id}: {code}")
            if code not in gold_codes:
                result.outside_gold.append(f"{clause.id}: {code}")
        result.required_outside_gold += [f"{clause.id}: {c}" for c in clause.required_by if c not in gold_codes]
    cited = {(c.element, _label(x.code, x.section)) for c in draft.clauses if c.kind == "required" for x in c.citations}
    for element, provisions in required.items():
        for provision in provisions or []:
            result.provisions_expected += 1
            result.provisions_cited += (element, str(provision)) in cited
    flagged = {_label(c.code, c.section) for c in draft.conflicts}
    expected = [_label(str(c.get("code")), c.get("section")) for c in item.get("conflicts") or []]
    result.conflicts_expected = list(dict.fromkeys(expected))
    result.conflicts_flagged = [c for c in result.conflicts_expected if c in flagged]
    result.conflicts_extra = sorted(flagged - set(result.conflicts_expected))
    return result


def evaluate(items: list[dict[str, Any]], corpus: Corpus) -> list[ItemResult]:
    data = policy_data(corpus)
    return [evaluate_item(item, corpus, data) for item in items]


def _ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.3f}" if total else f"{hit}/0 = n/a"


def report(results: list[ItemResult]) -> str:
    lines = [f"{'item':<44} {'required':>9} {'present':>8} {'conflicts':>9} {'outside':>7}"]
    for r in results:
        if r.error:
            lines.append(f"{r.id:<44} ERROR: {r.error}")
            continue
        lines.append(
            f"{r.id:<44} {len(r.required_hit):>4}/{len(r.expected):<4} {len(r.present_hit):>3}/{len(r.expected):<4} "
            f"{len(r.conflicts_flagged):>4}/{len(r.conflicts_expected):<4} {len(r.outside_selection):>7}"
        )
        missed = [e for e in r.expected if e not in r.required_hit]
        if missed:
            lines.append(f"    not marked required: {', '.join(missed)}")
        lost = [c for c in r.conflicts_expected if c not in r.conflicts_flagged]
        if lost:
            lines.append(f"    conflicts not flagged: {', '.join(lost)}")
        if r.conflicts_extra:
            lines.append(f"    conflicts flagged beyond the gold: {', '.join(r.conflicts_extra)}")
        if r.outside_selection:
            lines.append(f"    citing a code outside the selection: {', '.join(r.outside_selection)}")
        if r.required_outside_gold:
            lines.append(f"    required by a code outside the gold binding_codes: {', '.join(r.required_outside_gold)}")
    ok = [r for r in results if not r.error]
    expected = sum(len(r.expected) for r in ok)
    conflicts = sum(len(r.conflicts_expected) for r in ok)
    clauses = sum(r.clauses for r in ok)
    lines += [
        "",
        f"configurations: {len(results)} ({len(results) - len(ok)} unreadable)",
        "element recall (gold elements the draft marks required): "
        f"{_ratio(sum(len(r.required_hit) for r in ok), expected)} (target >= 0.95)",
        f"element presence (gold elements the draft has, required or recommended): "
        f"{_ratio(sum(len(r.present_hit) for r in ok), expected)}",
        f"clauses citing a code outside the codes selected for the configuration: "
        f"{sum(len({x.split(':')[0] for x in r.outside_selection}) for r in ok)} of {clauses} (target 0)",
        f"clauses citing a code outside the gold binding_codes (guidance included): "
        f"{sum(len({x.split(':')[0] for x in r.outside_gold}) for r in ok)} of {clauses}",
        f"clauses marked required by a code outside the gold binding_codes: "
        f"{sum(len({x.split(':')[0] for x in r.required_outside_gold}) for r in ok)} of {clauses}",
        f"conflicts flagged: {_ratio(sum(len(r.conflicts_flagged) for r in ok), conflicts)} (target all); "
        f"flags beyond the gold: {sum(len(r.conflicts_extra) for r in ok)}",
        f"provision recall (gold provisions cited by a required clause of their element): "
        f"{_ratio(sum(r.provisions_cited for r in ok), sum(r.provisions_expected for r in ok))}",
    ]
    return "\n".join(lines)


def run_policy_eval(path: Path, settings: Settings) -> tuple[str, bool]:
    """The report, and whether every item could be evaluated."""
    results = evaluate(load(path), load_corpus(settings.corpus_dir))
    return report(results), not any(r.error for r in results)
