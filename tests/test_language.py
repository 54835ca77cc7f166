"""Which language a message is in (Spanish and French get a line in their language)."""

from __future__ import annotations

import pytest

from assistant.language import ENGLISH_ONLY, detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("mi terapeuta no me contesta los mensajes, ¿es normal?", "es"),
        ("¿puedo mandarle un whatsapp a mi psicóloga por la noche?", "es"),
        ("est-ce que mon thérapeute peut m'envoyer des textos le soir?", "fr"),
        ("ma psy ne répond pas à mes courriels, c'est normal?", "fr"),
        ("can my therapist text me?", "en"),
        ("hola", "en"),
        ("is it normal that my therapist es from Spain and la la la", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_line_for_each_language() -> None:
    assert set(ENGLISH_ONLY) == {"es", "fr"} and "inglés" in ENGLISH_ONLY["es"] and "anglais" in ENGLISH_ONLY["fr"]
