"""Cleaning a message, and deciding whether it is about contact with a therapist at all.

Scope is decided after the crisis screen, never before it: a declined question still gets its
crisis block (contracts, rule 1).
"""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import EmptyMessage
from assistant.reply import Notice
from assistant.topics import mentions_therapy

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Only attempts aimed at the language model's instructions (the extractive composer has none to
# change): "ignore your previous instructions", "reveal your system prompt", "developer mode".
# A client's "should I ignore the rules my therapist set?" is an ordinary question.
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget) (?:all |any )?(?:your |the )?(?:previous |prior |above |earlier )"
    r"(?:instructions|prompts?)\b|\b(?:ignore|disregard|forget) (?:all )?your (?:instructions|prompts?|rules)\b"
    r"|\b(?:reveal|print|show|repeat) (?:me )?(?:your |the )?system prompt\b|\bjailbreak\b|\bdeveloper mode\b"
    r"|\bDAN mode\b",
    re.IGNORECASE,
)
SCOPE_MIN_SIMILARITY = 0.42
THERAPIST_MENTION_MIN_SIMILARITY = 0.3  # naming a clinician is not enough ("is it ok to drink on sertraline")
# Medication questions ("can i drink on sertraline"): for a doctor or pharmacist, not about contact.
_DRUG = (
    r"(?:it|them|meds|medication|medicine|pills|tablets|antidepressants?|ssris?"
    r"|\w+(?:pram|line|pine|xetine|afaxine|zepam|zolam|done|thium))"
)
_MEDICAL_ADVICE = re.compile(
    rf"\b(?:drink|drinking|alcohol|wine|beer|booze|a drink|weed|edibles?)\b.{{0,40}}"
    rf"\b(?:on|with|while on|while taking) "
    rf"(?:my |these |the )?{_DRUG}\b|\b(?:side effects?|dosage|dose|how many mg|interactions?) (?:of|for|with) "
    rf"(?:my |these |the )?{_DRUG}\b|\bmix(?:ing)? {_DRUG} (?:with|and)\b",
    re.IGNORECASE,
)
_PROFESSION = (
    r"(?:registered |licensed |clinical |qualified )?"
    r"(?:therapist|counsell?or|psychologist|psychotherapist|psychiatrist|social worker|lpc|lcsw|mft)"
)
# Questions about training for the profession, not about contact with one's own therapist.
_CAREER = re.compile(
    rf"\b(?:become|train as|training to be|qualify as|register as|get registered as|get licensed as|work as) "
    rf"(?:a |an )?{_PROFESSION}s?\b",
    re.IGNORECASE,
)


# Near misses a client may still ask here, declined whatever the trained layer reads (issue 13: set K's
# out-of-scope questions that were answered): someone who is said not to be a therapist; a coach, lawyer, doctor or
# date contacting the person with no therapist in the conversation; coming off medication; being told a diagnosis;
# what a first session is like.
_NOT_A_THERAPIST = re.compile(
    rf"\b(?:not|isn['’]?t|isn t|is not|s not|never was) (?:a |an )?(?:real |actual |licensed |registered |qualified )?"
    rf"{_PROFESSION}\b(?! (?:any ?more|now|yet|since|after|these days))|\b(?:she|he|they|s|is|are) (?:a |an )?"
    rf"(?:doctor|gp|coach|life coach|lawyer|solicitor|nurse|"
    rf"teacher|trainer|mentor|pastor|priest|chiropractor|physio|dentist)\b,? (?:and )?not (?:a |an |my )?"
    rf"{_PROFESSION}\b",
    re.IGNORECASE,
)
_OTHER_CONTACT = re.compile(
    r"\b(?:life coach|coach|solicitor|lawyer|attorney|barrister|gp|doctor|dentist|physio|physiotherapist|chiropractor|"
    r"personal trainer|tutor|teacher|professor|lecturer|landlord|accountant|financial adviser|boss|manager|"
    r"bf|boyfriend|girlfriend|gf|crush|situationship|tinder date|hinge date)\b",
    re.IGNORECASE,
)
_MEDICINE = _DRUG.replace("it|them|", "")  # "stop it" is not about medication
_COMING_OFF = re.compile(
    rf"\b(?:come|coming|came|get|getting|go|going|taper|tapering|wean|weaning) off (?:of )?(?:my |the |these )?"
    rf"{_MEDICINE}\b|"
    rf"\b(?:stop|stopping|quit|quitting) (?:taking )?(?:my |the |these )?{_MEDICINE}\b|\b(?:up|lower|raise|increase|"
    rf"decrease|reduce|change) (?:my |the )?(?:dose|dosage)\b",
    re.IGNORECASE,
)
_DIAGNOSIS = re.compile(
    r"\b(?:tell|give|share|explain|say) (?:me |us )?(?:my|the|a|her|his|their|what(?: (?:my|the))?) diagnos[ie]s\b|"
    r"\bwhat (?:she|he|they) thinks? i(?: have| might have|['’ ]ve got)\b",
    re.IGNORECASE,
)
# Whether a session is covered or rebated (insurance, Medicare, a mental health plan, a health fund): billing, not
# contact (eleventh round, set L).
_INSURER = (
    r"(?:medicare|medicaid|insurance|insurer|health fund|private health|mental health (?:care |treatment )?plan|mhcp|"
    r"ohip|msp|extended (?:health )?benefits)"
)
_COVERAGE = re.compile(
    rf"\b(?:does|do|will|would|is|are|can i|could i|how many|which)\b[^?.!]{{0,80}}\b(?:count(?:s)? towards|covered|"
    rf"cover|rebated?|claim|reimburs\w*|pay for)\b[^?.!]{{0,60}}\b{_INSURER}\b|"
    rf"\b(?:does|do|will|would|is|are|can i|could i|which)\b[^?.!]{{0,40}}\b{_INSURER}\b(?!-)[^?.!]{{0,40}}"
    rf"\b(?:cover|pay|rebate|reimburs)\w*|\bstill get (?:the|my|a) (?:medicare )?rebate\b",
    re.IGNORECASE,
)
_FIRST_SESSION = re.compile(
    r"\b(?:what (?:actually )?happens|what to expect|what do (?:you|they|we) do|what['’ ]?s it like) (?:in|at|"
    r"during|on) (?:a|my|the|your) (?:very )?first (?:counsell?ing |therapy |psych |)(?:session|appointment|visit)\b",
    re.IGNORECASE,
)


def declined_subject(message: str, earlier_user_turns: list[str]) -> bool:
    """A near miss that is not about contact with one's therapist (see the patterns above)."""
    conversation = " ".join([*earlier_user_turns[-3:], message])
    if _COMING_OFF.search(message) or _DIAGNOSIS.search(message):
        return True
    # "not a therapist" declines only when no clinician is named besides ("a counsellor, not a psychologist" is in)
    if _NOT_A_THERAPIST.search(message) and not mentions_therapy(_NOT_A_THERAPIST.sub(" ", conversation)):
        return True
    if _FIRST_SESSION.search(message) or _COVERAGE.search(message):
        return True
    return bool(_OTHER_CONTACT.search(conversation)) and not mentions_therapy(conversation)


def clean_message(text: str, max_chars: int) -> tuple[str, list[Notice]]:
    """Normalise Unicode, drop control characters, truncate over-long messages with a notice."""
    text = _CONTROL.sub("", unicodedata.normalize("NFKC", text or "")).strip()
    if not text:
        raise EmptyMessage("Please type a question: the message was empty.")
    notices: list[Notice] = []
    if len(text) > max_chars:
        text = text[:max_chars]
        notices.append(
            Notice(
                code="message_truncated",
                text=f"Your message was longer than {max_chars} characters, so only the first {max_chars} were read.",
            )
        )
    return text, notices


def is_injection(question: str) -> bool:
    """An attempt to change the language model's instructions (used on the LLM path only)."""
    return bool(_INJECTION.search(question))


def in_scope(question: str, topics: list[str], best_similarity: float) -> bool:
    """About contact with a therapist: a topic word, a close passage, or a clinician and a fair match.

    Medication and career questions are declined even when they name a clinician.
    """
    if _CAREER.search(question) or _MEDICAL_ADVICE.search(question):
        return False
    return (
        bool(topics)
        or best_similarity >= SCOPE_MIN_SIMILARITY
        or (mentions_therapy(question) and best_similarity >= THERAPIST_MENTION_MIN_SIMILARITY)
    )
