"""What every category's patterns are made of: the pattern record and shared regex fragments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.crisis.types import Category, Tier


@dataclass(frozen=True)
class Pattern:
    """A curated regular expression over normalised text, with what a match means."""

    category: Category
    tier: Tier
    regex: re.Pattern[str]
    label: str  # shown in the assessment's reasons as "pattern:<label>"
    third: bool | None = None  # None = decide from the pronouns before the match
    negatable: bool = True  # "not"/"never" just before the match lowers it
    hypo: bool = True  # an 'if i say ...' framing makes it a policy question
    benign: bool = False  # a benign reason in the message (an accident, a move, a holiday) drops it
    general: bool = False  # a general mechanism rather than a set phrase: tried after every set phrase
    # False: a crisis reading of this pattern stands against the trained layer (it learnt from resolved-past
    # negatives and vetoed "after my attempt last month")
    vetoable: bool = True
    # True: an act (an attempt) that still counts when it was weeks or months ago ("last spring", "months ago");
    # only the long-resolved past ("years ago", "as a teen") or a stated recovery lowers it
    recent_act: bool = False


def pattern(
    category: Category, tier: Tier, rx: str, label: str, third: bool | None = None, negatable: bool = True,
    hypo: bool = True, benign: bool = False, general: bool = False, vetoable: bool = True, recent_act: bool = False,
) -> Pattern:
    return Pattern(category, tier, re.compile(rx), label, third, negatable, hypo, benign, general, vetoable, recent_act)


# --------------------------------------------------------------------------- fragments

SELF3 = r"(?:herself|himself|themselves|themself)"
PERSON = (
    r"(?:him|her|them|someone|somebody|people|everyone|everybody|the kids|the baby|my (?:\w+ )?"
    r"(?:ex|boss|coworker|co worker|roommate|flatmate|husband|wife|partner|mum|mom|mother|dad|father|stepdad"
    r"|stepmom|stepfather|brother|sister|baby|kids?|son|daughter|child|children|teacher|neighbou?r|girlfriend"
    r"|boyfriend|family|parents?|colleague|friend|classmate|manager|therapist|landlord)|my \w+s (?:new )?(?:guy|man|"
    r"bloke|fella|girlfriend|boyfriend|partner|husband|wife|boss|kid|son|daughter))"
)
HARM_VERB = r"(?:kill|murder|stab|shoot|strangle|hurt|harm|beat up|attack|poison|choke|smother)"
HARM_VING = (
    r"(?:killing|murdering|stabbing|shooting|strangling|hurting|harming|beating up|attacking|poisoning"
    r"|choking|smothering)"
)
ABUSER = (
    r"(?:he|she|they|hes|shes|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|dad|father|mum|mom|mother"
    r"|stepdad|stepmom|stepfather|stepmother|parents?|brother|sister|uncle|aunt|grandad|grandpa|carer|boss"
    r"|fiance|fiancee|someone|somebody|man|guy)"
)
SUBST = (
    r"(?:pills?|tablets?|meds|medications?|medicine|antidepressants?|paracetamol|tylenol|acetaminophen|ibuprofen"
    r"|aspirin|advil|xanax|benzos?|opioids?|oxy\w*|fentanyl|heroin|insulin|sleeping (?:pills?|tablets?|meds|aids?)"
    r"|painkillers?|lithium"
    r"|melatonin|prescriptions?|drugs|pastillas|pildoras|medicamentos|cachets|comprimes|medicaments"
    # common prescription names, so "20 clonazepam" reads like "20 pills"
    r"|clonazepam|lorazepam|diazepam|alprazolam|valium|klonopin|ativan|rivotril|quetiapine|seroquel|zopiclone|zolpidem"
    r"|ambien|tramadol|codeine|morphine|oxycodone|gabapentin|pregabalin|lyrica|amitriptyline|mirtazapine|sertraline"
    r"|fluoxetine|citalopram|escitalopram|venlafaxine|olanzapine|clozapine|propranolol)"
)
QTY = (
    r"(?:whole|entire|all|every|everything|too many|too much|way too|a bunch|a lot|loads|lots|handful|dozens?"
    r"|(?:like |about |around |como |unos |unas |environ |genre )?(?:1\d|[2-9]\d|\d{3})\b"
    # a number with a unit is a dose or a time ("I take 20 mg citalopram", "took 30 minutes"), not a count
    r"(?! ?(?:mg|mcg|ug|ml|g|grams?|milligrams?|micrograms?|units?|iu|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"months?|years?|minutos|horas|dias|semanas|jours|heures|semaines|ans)\b)"
    r"|twenty|thirty|forty|fifty|hundred|todas|todos|muchas|trop)"
)
