"""Comparison evaluation: which rows count as correct, and a run over a small labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation import compare as evaluation
from tests.helpers.compare import knowledge_base, make_row


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


def test_row_correct_rules() -> None:
    explicit = make_row("ACA", None, section="A.5.c")
    assert evaluation.row_correct(explicit, ["A.5.c", "A.6.e"])
    assert not evaluation.row_correct(explicit, ["A.6.e"])
    assert not evaluation.row_correct(explicit, [])
    assert evaluation.row_correct(make_row("X", None, coverage="none"), [])
    assert evaluation.row_correct(make_row("X", None, coverage="general", section=None), [])
    assert not evaluation.row_correct(make_row("X", None, coverage="general", section="2"), [])
    assert not evaluation.row_correct(None, ["1"])


@pytest.mark.slow
def test_eval_runs_on_a_small_set(kb, tmp_path: Path) -> None:
    path = tmp_path / "compare.yaml"
    path.write_text(
        "- id: t1\n  query: barter\n  topic: barter\n  codes: [ACA, BACP]\n"
        "  expected: {ACA: [A.10.e], BACP: []}\n",
        encoding="utf-8",
    )
    results = evaluation.evaluate(evaluation.load(path), kb)
    assert results[0].correct == results[0].total == 2 and results[0].topic_ok
    assert "row precision: 2/2" in evaluation.report(results)
