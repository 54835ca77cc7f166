"""Which language a message is written in (en, es or fr), so the crisis block speaks it.

The US and Canada serve Spanish and French speakers; the block's framing (its warm lines and
instructions) follows the message, while numbers and service names never change. Deterministic
and cheap: counts of function words that are frequent in one language and rare in the others,
read from the normalised text (accents stripped, so "está" is "esta").
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.crisis.normalise import normalise
from assistant.crisis.types import Language

_SPANISH = frozenset(
    {
        "el", "los", "las", "y", "una", "es", "por", "con", "para", "mi", "mis", "estoy", "esta", "estan",
        "quiero", "muy", "pero", "ya", "tengo", "hace", "sin", "su", "al", "del", "como", "porque", "nada",
        "yo", "tu", "que", "nadie", "mas", "cuando", "donde", "puedo", "puede", "hoy", "ayer", "manana", "aqui",
        "ahora", "todo", "todos", "siento", "vida", "casa", "hijo", "hija", "mama", "papa", "novio", "novia",
        "esposo", "pastillas", "llevo", "dias", "semanas", "tambien", "eso", "esto", "hasta", "desde", "fue",
        "soy", "eres", "tiene", "hay", "neta", "oye", "pues", "cita", "psicologa", "psicologo", "terapeuta",
        "cabeza", "numero", "telefono", "bano", "miedo", "ayuda", "quiere", "lo",
    }
)  # fmt: skip
_FRENCH = frozenset(
    {
        "je", "il", "elle", "nous", "vous", "les", "des", "du", "une", "est", "et", "pas", "qui", "ne", "mon",
        "ma", "mes", "ce", "ca", "suis", "pour", "avec", "dans", "sur", "plus", "pis", "jai", "moi", "rien",
        "toujours", "aujourd", "hui", "demain", "hier", "mais", "ou", "quand", "parce", "tout", "tous", "fait",
        "faire", "veux", "peux", "vais", "chez", "mere", "pere", "chum", "blonde", "enfant", "bebe", "depuis",
        "jours", "semaine", "psy", "rendez", "ici", "cette", "etre", "avoir", "sais", "faque", "tse",
        "seance", "mal", "alors", "accord", "retour", "peur", "aide", "veut", "lui",
    }
)  # fmt: skip
_ENGLISH = frozenset(
    {
        "i", "the", "and", "to", "my", "is", "it", "of", "that", "you", "for", "with", "this", "have", "im",
        "be", "can", "was", "just", "me", "he", "she", "they", "what", "do", "dont", "if", "at", "but", "so",
        "are", "about", "been", "will", "would", "want", "know", "how", "get", "got", "not", "from", "or",
        "after", "when", "therapist", "your", "we", "our", "its", "an", "has", "had", "did", "feel",
    }
)  # fmt: skip
_MIN_WORDS = 2  # fewer distinctive words than this: English (the product's default)


def _counts(text: str) -> tuple[int, int, int]:
    words = normalise(text).split()
    return sum(w in _SPANISH for w in words), sum(w in _FRENCH for w in words), sum(w in _ENGLISH for w in words)


def detect_language(text: str, context: Sequence[str] = ()) -> Language:
    """``es`` or ``fr`` when the message is plainly written in it, else ``en``.

    A message with no telling word at all ("ok", "?") takes the language of the earlier turns in ``context``.
    """
    es, fr, en = _counts(text)
    if max(es, fr, en) == 0 and context:
        es, fr, en = _counts(" ".join(context))
    best, count = ("es", es) if es >= fr else ("fr", fr)
    if count >= _MIN_WORDS and count > en:
        return "es" if best == "es" else "fr"
    return "en"
