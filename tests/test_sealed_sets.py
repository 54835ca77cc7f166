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
    "eval/questions_blind_c.yaml": "53426557bed01a7844fad20e22139411c4fcf3adbb4fd9e5b09e5618064d55b8",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
