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
    "eval/crisis_blind19.yaml": "babf65403bc48564e723692d742e4ebfc6a7ddb201800efc802b6f56e45e26b8",
    "eval/questions_blind_n.yaml": "47d59fb3912ba011be63e2a6d751a8a04cceac730afd96412e9555aadf2fbbff",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
