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
    "eval/crisis_blind20.yaml": "9a7d1533028475297f0a56d446f5be330533c1ac7d137bbc15a4a8f51206ca9b",
    "eval/questions_blind_o.yaml": "65dda093cca9e71fc4e3c3c817fda583c081fc0e03772f28aeabe145a3b0d26f",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
