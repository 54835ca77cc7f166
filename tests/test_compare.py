"""compare() as a whole: every code on one topic within a second, summary from the rules."""

from __future__ import annotations

import time

import pytest

from assistant.compare import compare
from tests.helpers.compare import knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


@pytest.mark.slow
def test_summary_comes_from_the_rules(kb) -> None:
    assert compare(kb, None, "gifts", codes=["ACA"]).summary_source == "rules"


@pytest.mark.slow
def test_all_codes_on_one_topic_within_a_second(kb) -> None:
    compare(kb, None, "gifts")  # warm caches
    started = time.perf_counter()
    c = compare(kb, None, "after-termination")
    assert len(c.rows) == len(kb.codes)
    assert (time.perf_counter() - started) < 1.0
