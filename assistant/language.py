"""Which language a message is written in: English, Spanish or French (the US and Canada serve all three).

Stop-word counts are enough for these three and cost microseconds; a message is Spanish or
French only when that language's function words clearly outnumber English ones.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "es", "fr"]

_WORDS = re.compile(r"[a-záéíóúñüàâçèêëîïôûœ']+")
_STOP: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in (
        ("en", "the and is are my to of it i you can what do does with for in on me that this was be not have"),
        (
            "es",
            "el la los las es mi mis que de y en un una no me por para con se lo le su puedo puede qué cómo "
            "pero porque terapeuta está estoy muy ya más cuando",
        ),
        (
            "fr",
            "le la les est mon ma mes que de et en un une ne pas je me pour avec se il elle son sa peut puis "
            "est-ce qu'il c'est thérapeute mais parce quand très déjà plus",
        ),
    )
}
ENGLISH_ONLY: dict[str, str] = {
    "es": "Las respuestas de este asistente están en inglés. Aquí tiene la respuesta a su pregunta:",
    "fr": "Les réponses de cet assistant sont en anglais. Voici la réponse à votre question :",
}


def detect_language(text: str) -> Language:
    """'es' or 'fr' when the message is clearly in that language, else 'en'."""
    words = _WORDS.findall(text.lower())
    if len(words) < 2:
        return "en"
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    best = max(("es", "fr"), key=lambda lang: counts[lang])
    if counts[best] >= 2 and counts[best] > 1.5 * counts["en"]:
        return best  # type: ignore[return-value]  # "es" or "fr", both Language values
    return "en"
