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


def test_overdose_slang_never_eats_ordinary_words() -> None:
    # "od'd", "ODed", "ODing" are overdoses; "odd" is only odd (it once read as "overdosed": an imminent alarm)
    assert "overdosed" in normalise("i od'd last night")
    assert "overdosed" in normalise("she ODed at a party")
    assert normalise("it felt a bit odd?") == "it felt a bit odd"


def test_french_text_speak_and_elision() -> None:
    assert normalise("g pris tte la boite") == "je ai pris toute la boite"
    assert normalise("jvais me foutre en l'air") == "je vais me foutre en le air"
    assert "kill myself" in normalise("been wanting to ctb for weeks")
