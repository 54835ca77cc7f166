"""Per-code selection: coverage, own sections only, paraphrases from the code's own text."""

from __future__ import annotations

import pytest

from assistant.compare import NOT_ADDRESSED, compare
from assistant.compare.models import CHECKED_ABSENT
from assistant.corpus.schema import TOPICS
from tests.helpers.compare import knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


@pytest.mark.slow
def test_code_with_nothing_on_the_topic_says_so(kb) -> None:
    c = compare(kb, None, "barter", codes=["BACP", "ACA"])
    bacp = next(r for r in c.rows if r.code == "BACP")
    assert bacp.coverage == "none" and bacp.sections == [] and bacp.position is None
    assert "Not addressed in the corpus" in bacp.paraphrase
    assert "Not addressed in the corpus: BACP" in c.summary
    aca = next(r for r in c.rows if r.code == "ACA")
    assert aca.coverage == "explicit" and [s.section for s in aca.sections] == ["A.10.e"]


@pytest.mark.slow
@pytest.mark.parametrize("query", [*TOPICS, "can my counsellor date me after therapy ends?", "texting at night"])
def test_rows_cite_only_their_own_codes_sections(kb, query: str) -> None:
    c = compare(kb, None, query)
    headings = {(d.metadata["code"], d.metadata["heading"]) for d in kb.docs if d.metadata["doc_type"] == "provision"}
    for row in c.rows:
        for s in row.sections:
            if s.section:
                assert kb.provision(row.code, s.section) is not None, (row.code, s.section)
            assert (row.code, s.heading) in headings, (row.code, s.heading)
        if row.coverage == "none":
            assert row.sections == [] and row.paraphrase == (CHECKED_ABSENT if row.checked_absent else NOT_ADDRESSED)
        else:
            assert row.sections and row.paraphrase and row.paraphrase not in (NOT_ADDRESSED, CHECKED_ABSENT)
        if row.coverage == "explicit":
            assert any(s.section for s in row.sections)


@pytest.mark.slow
def test_paraphrase_comes_from_the_rows_own_provisions(kb) -> None:
    c = compare(kb, None, "after-termination")
    excerpts = {d.metadata["code"]: [] for d in kb.docs if d.metadata["doc_type"] == "provision"}
    for d in kb.docs:
        if d.metadata["doc_type"] == "provision":
            excerpts[d.metadata["code"]].append(" ".join(d.metadata["excerpt"].split()))
    for row in c.rows:
        if row.coverage != "none":
            head = row.paraphrase.rstrip("…")[:60]
            assert any(head in text for text in excerpts[row.code]), row.code
