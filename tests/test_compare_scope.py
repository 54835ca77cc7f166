"""Scope: every requested code exactly once, countries include subdivisions, unknown names refused."""

from __future__ import annotations

import pytest

from assistant.compare import compare
from assistant.errors import UnknownCode
from assistant.jurisdictions import UnknownJurisdiction
from tests.helpers.compare import knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


def _in_scope(kb, places: set[str]) -> set[str]:
    return {c for c, info in kb.codes.items() if info["jurisdiction"].split("-")[0] in places}


@pytest.mark.slow
def test_every_requested_code_appears_exactly_once(kb) -> None:
    c = compare(kb, None, "after-termination", jurisdictions=["US", "UK", "Ontario"])
    codes = [r.code for r in c.rows]
    assert len(codes) == len(set(codes))
    ontario = {code for code, info in kb.codes.items() if info["jurisdiction"] in ("CA-ON", "CA")}
    assert set(codes) == _in_scope(kb, {"US", "GB"}) | ontario
    assert {"TX-LPC", "OH-CSWMFT", "NY-PSY", "CRPO", "BACP"} <= set(codes)
    order = [(r.jurisdiction, r.code.upper()) for r in c.rows]
    assert order == sorted(order)
    everything = compare(kb, None, "gifts")
    assert sorted(r.code for r in everything.rows) == sorted(kb.codes)
    pair = compare(kb, None, "gifts", codes=["aca", "BACP", "ACA"])
    assert [r.code for r in pair.rows] == ["BACP", "ACA"]  # GB sorts before US; duplicates merged


@pytest.mark.slow
def test_unknown_jurisdiction_or_code_gives_a_clear_error(kb) -> None:
    with pytest.raises(UnknownJurisdiction, match="Unknown jurisdiction 'Narnia'"):
        compare(kb, None, "gifts", jurisdictions=["Narnia"])
    with pytest.raises(UnknownCode, match="Known codes: .*ACA"):
        compare(kb, None, "gifts", codes=["XYZ"])
