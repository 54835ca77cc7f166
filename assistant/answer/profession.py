"""Who the question is about: the profession it names, and any code or body it names.

"My counsellor in Glasgow" is answered from counsellors' codes (BACP, UKCP, NCPS) before the HCPC's,
which registers psychologists, not counsellors; "she's BACP registered" puts BACP first. "Therapist"
names no profession: every code stays equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PROFESSION_PATTERNS: dict[str, str] = {
    "counselling": r"counsell?or|counsell?ing|\bLPCC?\b|\bLMHC\b|\bLCPC\b|\bRCC\b",
    "psychology": r"psychologist|\bpsychology\b",
    "psychotherapy": r"psychotherapist|\bpsychotherapy\b|\bRP\b",
    "social-work": r"social[- ]?worker|social work|\bL[IC]?CSW\b|\bMSW\b",
    "marriage-family-therapy": r"family therap|marriage therap|couples? therap|marital therap|\bL?MFTs?\b",
}
_PROFESSIONS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _PROFESSION_PATTERNS.items()}
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
SHORT_ID = 3  # ids this short (APA, ACA, PSI) name a code only in capitals: "psi" or "aca" may be words


def professions_named(text: str) -> set[str]:
    """The professions the text names (none for a bare "therapist")."""
    return {name for name, pattern in _PROFESSIONS.items() if pattern.search(text)}


def codes_named(text: str, code_ids: Iterable[str]) -> set[str]:
    """Codes the text names by id or by the body part of a hyphenated id ("CORU" names CORU-CP and CORU-SW)."""
    words = set(_WORD.findall(text))
    folded = {w.casefold() for w in words}
    named: set[str] = set()
    for code_id in code_ids:
        for name in {code_id, code_id.split("-")[0]}:
            if len(name) < SHORT_ID:
                continue
            if name in words or (len(name) > SHORT_ID and name.casefold() in folded):
                named.add(code_id)
    return named
