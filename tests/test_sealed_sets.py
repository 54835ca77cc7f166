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
    "eval/crisis_blind11.yaml": "542da23b697f996b443a21d6c0760d36a6134fe7407c0e1c75fb799f773c208a",
    "eval/questions_blind_f.yaml": "cbbda6c25c4973de8f3b44d7a5ac113e980061b01ac477d3f76a4491eadb16a6",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
