"""The rule-based summary: waiting periods grouped by value, codes not addressing the topic named."""

from __future__ import annotations

import pytest

from assistant.compare import compare, summarize
from tests.helpers.compare import knowledge_base, make_row


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


def test_summary_groups_waiting_periods() -> None:
    rows = [
        make_row("APA", "No sexual intimacy for at least 2 years after therapy ends"),
        make_row("ACA", "No sexual/romantic relationship within 5 years of the final professional contact"),
        make_row("NASW", "No time limit after which sexual contact with a former client becomes acceptable"),
        make_row("UKCP", None, coverage="none"),
    ]
    summary = summarize(rows, "after-termination")
    assert "Waiting periods differ" in summary
    assert "2 years: APA" in summary and "5 years: ACA" in summary and "no time limit: NASW" in summary
    assert "Not addressed in the corpus: UKCP" in summary


@pytest.mark.slow
def test_structured_positions_show_apa_and_aca_differ(kb) -> None:
    c = compare(kb, None, "after-termination", codes=["APA", "ACA", "NASW", "UKCP"])
    rows = {r.code: r for r in c.rows}
    assert "2 years" in rows["APA"].position and "5 years" in rows["ACA"].position
    assert rows["APA"].position != rows["ACA"].position
    assert rows["UKCP"].position is None
    assert "Waiting periods differ" in c.summary
    assert "2 years: APA" in c.summary and "5 years: ACA" in c.summary
