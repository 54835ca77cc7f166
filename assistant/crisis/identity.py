"""Who the person says they are, as the resource ``need`` values of the specialised lines to add.

"I'm a vet", "I'm gay and ...", "I'm 15", "as a guy", "I'm Métis": each adds that group's line
(veterans, lgbtq, youth, men, indigenous) to the crisis block, always after the emergency number
and the 24/7 line, never instead of them. Only what the person says about themselves counts;
nothing is guessed from how they write. Read from the normalised text (accents stripped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.crisis.normalise import normalise

_I_AM = r"(?:im|i am|i m|as an?|as|being an?|soy|como|je suis|en tant qu(?:e|e un|e une)?|jsuis)"

NEEDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "veterans",
        re.compile(
            rf"\b{_I_AM} (?:an? )?(?:vet|veteran|ex ?(?:army|military|forces|navy|raf|marine|soldier|serviceman)|"
            rf"former (?:soldier|marine|service member|serviceman)|service member|serving soldier|reservist|"
            rf"veterano|exmilitar|ex militar|ancien combattant|veteran|ex militaire|militaire)\b|"
            r"\b(?:i|ive) (?:served|was deployed|did \w+ tours?) (?:in|with)\b|\bi was in the (?:army|navy|marines|"
            r"forces|military|raf|air force|adf|cf)\b|\bmy (?:time|years) in the (?:army|navy|forces|military|"
            r"marines)\b|\bafter (?:the army|the military|my deployment|leaving the forces)\b|\bestuve en el "
            r"ejercito\b|\bj etais dans l armee\b"
        ),
    ),
    (
        "lgbtq",
        re.compile(
            rf"\b{_I_AM} (?:an? )?(?:gay|lesbian|bi|bisexual|pansexual|trans|transgender|queer|nonbinary|non binary|"
            rf"enby|lgbt\w*|gai|lesbienne|lesbiana|bisexuelle?|transgenre|trans (?:man|woman|guy|girl|kid|person)|"
            rf"gay (?:man|guy|kid|teen|person)|queer (?:kid|teen|person))\b|\bcoming out\b|\bcame out (?:as|to)\b|"
            r"\bmy (?:boyfriend|husband) and i\b(?=.{0,60}\b(?:im a (?:man|guy)|as two men)\b)|\bsalir del closet\b"
        ),
    ),
    (
        "youth",
        re.compile(
            rf"\b(?:im|i am|i m|soy|tengo|je ai)\s+(?:only |just |like )?(?:[5-9]|1[0-8]|five|six|seven|eight|"
            rf"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|doce|trece|catorce|"
            rf"quince|dieciseis|diecisiete|dieciocho|douze|treize|quatorze|quinze|seize|dix sept|dix huit)"
            rf"(?: (?:years old|yrs|yo|anos|ans))?\b(?! (?:years|yrs|anos|ans) (?:ago|since|now|clean))|"
            r"\bin (?:year|grade|yr) (?:[3-9]|1[0-3])\b|\b(?:tengo|je ai) (?:[5-9]|1[0-8]) (?:anos|ans)\b|"
            rf"\b{_I_AM} (?:a )?(?:teen|teenager|kid|child|minor|student at (?:high )?school|high schooler|"
            rf"adolescente?|ado)\b|\bmy (?:parents|mum|mom|dad) (?:wont let me|found out)\b(?=.{0,60}\bschool\b)"
        ),
    ),
    (
        "men",
        re.compile(
            rf"\b{_I_AM} (?:a )?(?:guy|man|bloke|dude|bloke|dad|father|husband|hombre|padre|homme|gars|pere)\b|"
            r"\b(?:men|guys|blokes) (?:like me )?(?:dont|do not|arent supposed to|cant) (?:talk|cry|ask for help)\b"
        ),
    ),
    (
        "indigenous",
        re.compile(
            rf"\b{_I_AM} (?:an? )?(?:indigenous|aboriginal|first nations?|metis|inuk|inuit|torres strait islander|"
            rf"native|maori|autochtone|cree|ojibwe?|anishinaabe|mi kmaq|dene)\b|\bmy (?:mob|band|reserve|"
            r"reservation|first nation|community elders)\b|\b(?:aboriginal|first nations|indigenous|inuit|metis) "
            r"(?:man|woman|person|kid|teen|guy|girl)\b(?=.{0,10}\b(?:here|myself)\b)"
        ),
    ),
)


def needs_of(texts: Iterable[str]) -> tuple[str, ...]:
    """The specialised ``need`` values the person's own words call for, in a fixed order."""
    norms = [normalise(t) for t in texts if t and t.strip()]
    return tuple(need for need, rx in NEEDS if any(rx.search(n) for n in norms))
