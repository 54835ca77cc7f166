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
    "eval/crisis_blind21.yaml": "62868adce957381d6d31233deb39c77c75e807923d895d94826493200881a613",
    "eval/questions_blind_p.yaml": "c9bba1fdfcb5e2ba91f2a591b15b81398bc2d13a012f4fa6dc0b31b83e3e6722",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
