"""Which language the block speaks (language.py) and which specialised lines the person's words call for
(identity.py)."""

from __future__ import annotations

import pytest

from assistant.crisis.detector import CrisisDetector
from assistant.crisis.identity import needs_of
from assistant.crisis.language import detect_language
from tests.helpers.crisis import user


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ya no quiero vivir, mi terapeuta no me contesta", "es"),
        ("no estoy bien hoy", "es"),
        ("Je pense à en finir et ma psy ne répond pas", "fr"),
        ("chu pu capable, jveux pu être là", "fr"),
        ("can I text my therapist tonight?", "en"),
        ("terapia", "en"),  # too little to tell: English
        ("I watched Amélie with my sister, so good", "en"),
    ],
)
def test_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_short_message_takes_the_conversation_language() -> None:
    assert detect_language("ok?", ["No me siento segura en mi casa", "Él está afuera"]) == "es"
    assert detect_language("I'm scared", ["No me siento segura en mi casa"]) == "en"


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("I'm a vet and I can't stop thinking about ending it", ("veterans",)),
        ("I was in the army for twelve years and now nothing matters", ("veterans",)),
        ("I'm gay and my dad said he'd rather I was dead", ("lgbtq",)),
        ("im trans and i cant do this anymore", ("lgbtq",)),
        ("I'm 15 and my stepdad hits me", ("youth",)),
        ("tengo 14 años y quiero morirme", ("youth",)),
        ("j'ai 15 ans et je veux mourir", ("youth",)),
        ("as a guy I'm not supposed to talk about this", ("men",)),
        ("I'm Métis and I don't want to be here anymore", ("indigenous",)),
        ("my vet said the dog is fine", ()),
        ("I've been 15 years clean", ()),
        ("I'm 34 and so tired", ()),
    ],
)
def test_who_the_person_says_they_are(text: str, needs: tuple[str, ...]) -> None:
    assert needs_of([text]) == needs


def test_the_detector_carries_language_and_needs_through_the_conversation() -> None:
    det = CrisisDetector()
    a = det.assess("ya no quiero vivir", user("soy veterano"))
    assert a.language == "es" and a.needs == ("veterans",)
    assert det.assess("I want to die").needs == ()
