"""Retrieval quality on the development question sets never drops below its recorded floor (eval/floors.yaml).

Catches a regression in CI, not only in a few example questions. The floors are regression guards on
sets that were tuned on, not evidence of quality.
"""

from __future__ import annotations

import pytest
import yaml

from assistant.config import ROOT
from assistant.evaluation.retrieval import evaluate, guide_accuracy, load_questions

FLOORS = yaml.safe_load((ROOT / "eval" / "floors.yaml").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_stays_above_the_floor(name: str, assistant) -> None:
    floor = FLOORS[name]
    outcomes = evaluate(load_questions(ROOT / name), assistant)
    scoped = [o for o in outcomes if o.expected_in_scope]
    declined = [o for o in outcomes if not o.expected_in_scope]
    right, labelled = guide_accuracy(outcomes)
    figures = {
        "guide": right / labelled,
        "hit3": sum(o.hit3 for o in scoped) / len(scoped),
        "mrr": sum(o.rr for o in scoped) / len(scoped),
        "citations_valid": sum(o.citations_valid for o in outcomes) / len(outcomes),
        "out_of_scope_declined": sum(o.scope_ok for o in declined) / len(declined),
    }
    below = {k: round(v, 3) for k, v in figures.items() if v < floor[k]}
    assert not below, f"{name} fell below its floor: {below} (floors {floor})"
