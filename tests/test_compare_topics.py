"""Topic resolution: exact names, words (client lexicon plus staff phrasing), nearest description."""

from __future__ import annotations

import pytest

from assistant.compare import compare
from assistant.corpus.schema import TOPICS
from tests.helpers.compare import knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


@pytest.mark.slow
def test_free_text_maps_to_topics(kb) -> None:
    c = compare(kb, None, "friendship or business with a client after therapy has ended (non-sexual)",
                codes=["ACA", "APS"])  # fmt: skip
    assert c.topic == "after-termination" and c.topic_source == "detected"
    rows = {r.code: r for r in c.rows}
    assert [s.section for s in rows["ACA"].sections] == ["A.6.e"]
    assert rows["APS"].coverage == "none"  # its former-client rule is about sex only
    nearest = compare(kb, None, "bequest in a will", codes=["UKCP"])
    assert nearest.topic_source == "nearest" and nearest.topic in TOPICS
