"""Normalisation (assistant/crisis/normalise.py): slang, misspellings, leetspeak, accents and typos."""

from __future__ import annotations

from assistant.crisis.normalise import normalise


def test_normalise_maps_slang_and_misspellings() -> None:
    assert "kill myself" in normalise("KMS")
    assert "suicidal" in normalise("Sucidal")
    assert "raped" in normalise("r@ped")
    assert normalise("Je veux mourir, désolé") == "je veux mourir desole"


def test_typo_map() -> None:
    assert normalise("cuting agian") == "cutting again"
    assert normalise("i want to hurt peple") == "i want to hurt people"
    assert normalise("i gain weight easily") == "i gain weight easily"  # real words are kept
