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
    "eval/crisis_blind18.yaml": "9e2a2987464c38290a301e93dd71b0e7149bedb54ff642b5085fda6d8c240f62",
    "eval/questions_blind_m.yaml": "83ee043f889bdfb12cc37dafe7d76075212533b463b66f2d0132fd7464a4e87f",
}


@pytest.mark.parametrize(("name", "digest"), sorted(SEALED.items()))
def test_sealed_set_is_unchanged(name: str, digest: str) -> None:
    assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
