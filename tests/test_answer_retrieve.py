"""How retrieval reorders hits: a guide's citations move up (its main point and the points on a topic the question
raises get the whole bonus, a point on a side topic nobody asked about half of it), and so do the codes of the
profession the question names."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.documents import Document

from assistant.answer.retrieve import (
    GUIDE_CITE_BONUS,
    GUIDE_SIDE_POINT_SHARE,
    PROFESSION_BONUS,
    PROFESSION_MISMATCH,
    _boost_guide_cites,
    _boost_named,
)
from assistant.index.knowledge_base import Hit


class _NoKb:
    def provision(self, code: str, section: str) -> None:
        return None


NO_KB: Any = _NoKb()  # a guide citing a provision missing from the hits is looked up here: none are


def _hit(code: str, section: str) -> Hit:
    return Hit(Document(page_content="", metadata={"code": code, "section": section}), 0.5)


def _guide() -> Hit:
    points = [
        {"topics": ["sexual-boundaries"], "cites": ["ACA A.5.a"]},
        {"topics": ["sexual-boundaries", "after-termination"], "cites": ["ACA A.5.c"]},
        {"topics": ["texting"], "cites": ["ACA A.5.a", "NASW 1.11"]},
    ]
    return Hit(Document(page_content="", metadata={"points": json.dumps(points)}), 1.0)


def test_main_point_and_asked_topics_get_the_whole_bonus_side_points_a_share() -> None:
    hits = [_hit("ACA", "A.5.a"), _hit("ACA", "A.5.c"), _hit("NASW", "1.11")]
    ranked = {h.meta["section"]: h.score for h in _boost_guide_cites(NO_KB, hits, _guide(), {"sexual-boundaries"})}
    assert ranked["A.5.a"] == 0.5 + GUIDE_CITE_BONUS  # main point (also cited by a side point: the larger weight)
    assert ranked["A.5.c"] == 0.5 + GUIDE_CITE_BONUS * GUIDE_SIDE_POINT_SHARE  # "after therapy ends" not asked
    assert ranked["1.11"] == 0.5 + GUIDE_CITE_BONUS * GUIDE_SIDE_POINT_SHARE
    assert list(ranked) == ["A.5.a", "A.5.c", "1.11"]
    # (fifteenth round) only the main point's and the asked topics' citations are curated (always shown, past the
    # bar a local passage must clear); a side point's citations must earn their place like any other passage
    curated = {h.meta["section"] for h in hits if h.curated}
    assert curated == {"A.5.a"}


def test_a_side_point_on_an_asked_topic_gets_the_whole_bonus() -> None:
    hits = [_hit("ACA", "A.5.c")]
    (hit,) = _boost_guide_cites(NO_KB, hits, _guide(), {"after-termination"})
    assert hit.score == 0.5 + GUIDE_CITE_BONUS
    assert hit.curated


def _bound(code: str, place: str, professions: str) -> Hit:
    meta = {"code": code, "section": "1", "jurisdiction": place, "professions": professions}
    return Hit(Document(page_content="", metadata=meta), 0.5)


def test_another_professions_code_moves_down_only_where_it_applies() -> None:
    # a psychologist in Alberta: a Canadian counsellors' code moves down; a US counsellors' code, shown from
    # elsewhere for what it says, keeps its place next to an Irish psychologists' code
    hits = [_bound("CCPA", "CA", "counsellor"), _bound("ACA", "US", "counsellor"), _bound("PSI", "IE", "psychologist")]
    scores = {h.meta["code"]: h.score for h in _boost_named(hits, {"psychologist"}, set(), "CA-AB")}
    assert scores == {"CCPA": 0.5 - PROFESSION_MISMATCH, "ACA": 0.5, "PSI": 0.5 + PROFESSION_BONUS}
    # with no place, every code applies
    hits = [_bound("ACA", "US", "counsellor")]
    assert _boost_named(hits, {"psychologist"}, set(), None)[0].score == 0.5 - PROFESSION_MISMATCH
