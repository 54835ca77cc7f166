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
    "eval/crisis_blind8.yaml": "f6a3902b31a5dbafb69d7bf253d8a770ec8d40fc418ecf8bb0ef13ab85bafe96",
    "eval/crisis_blind7.yaml": "0dfcad0dfb38cc17c9f4de3b8c9a0628cca2f49271270c04e987bd4f989f6e4a",
    "eval/questions_blind_b.yaml": "64c7b449b3311bfa9d2577afceb264df2521f9cbc672c7d897dcbbf3179ee798",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
