"""Sealed evaluation sets are frozen: their text, labels included, can never change unnoticed.

A sealed set gives a final figure only while nobody has tuned on it or edited it; its hash is
recorded here when it is sealed. Replacing a sealed set means writing a new one blind and
recording its hash in a commit that says why.
"""

from __future__ import annotations

import hashlib

import pytest

from assistant.config import ROOT

SEALED = {
    "eval/crisis_blind12.yaml": "f5f5a1903855c9c1da72fafa2ef80ac9e96b466331e06638da8c5950bc4fe7d3",
    "eval/questions_blind_g.yaml": "5ad87ca7aeba3884a32231927c4dac01ba39e2e3147241bfaccb46e69ff2cf74",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
