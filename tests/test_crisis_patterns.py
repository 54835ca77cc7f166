"""The curated patterns (assistant/crisis/patterns/): representative cases of each category,
read through the pattern-only detector, and how the pattern modules are put together."""

from __future__ import annotations

import re

import pytest

from assistant.crisis.detector import CrisisDetector
from assistant.crisis.patterns import (
    PATTERNS,
    PRIORITY,
    abuse,
    child_at_risk,
    eating_disorder,
    harm_to_others,
    overdose,
    self_harm,
    sexual_assault,
    suicide,
)
from assistant.crisis.types import Category, Tier
from tests.helpers.crisis import AT_LEAST_CRISIS


@pytest.fixture(scope="module")
def det() -> CrisisDetector:
    return CrisisDetector()  # pattern layer only: fast and deterministic


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i want to kill myself", Category.suicide),
        ("i dont want to wake up tomorrow", Category.suicide),
        ("everyone would be better off without me honestly", Category.suicide),
        ("theres no reason to go on anymore", Category.suicide),
        ("lowkey wanna kms", Category.suicide),
        ("i want to unalive myself", Category.suicide),
        ("thinking about sewerslide again", Category.suicide),
        ("im feeling sucidal", Category.suicide),
        ("i wanna kil myself", Category.suicide),
        ("quiero morirme", Category.suicide),
        ("me quiero matar", Category.suicide),
        ("je veux mourir", Category.suicide),
        ("can i email my counsellor that i want to die?", Category.suicide),
        ("i cut myself again last night", Category.self_harm),
        ("relapsed on sh after 200 days", Category.self_harm),
        ("i keep having thoughts of stabbing my roommate", Category.harm_to_others),
        ("he hit me again last night", Category.abuse),
        ("my therapist touched me during our session", Category.sexual_assault),
        ("i was raped last weekend", Category.sexual_assault),
        ("i think i overdosed", Category.overdose),
    ],
)
def test_crisis_detected(det: CrisisDetector, text: str, category: Category) -> None:
    a = det.assess(text)
    assert a.tier in AT_LEAST_CRISIS, a
    assert a.category == category, a
    assert not a.third_person


@pytest.mark.parametrize(
    "text",
    [
        "i took the whole bottle",
        "im going to kill myself tonight",
        "gonna catch the bus tonight",
        "je vais me suicider ce soir",
        "im standing on the bridge right now",
        "my therapist doesnt answer after 5 and i cant keep myself safe tonight",
    ],
)
def test_imminent(det: CrisisDetector, text: str) -> None:
    assert det.assess(text).tier == Tier.imminent


def test_third_person(det: CrisisDetector) -> None:
    a = det.assess("my friend says she'll kill herself tonight")
    assert a.third_person and a.tier == Tier.imminent and a.category == Category.suicide
    b = det.assess("my son keeps saying he wants to die")
    assert b.third_person and b.tier in AT_LEAST_CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "im dying to know if my therapist can follow me on instagram",
        "how do i kill the process thats hogging my cpu",
        "i could murder a pizza",
        "this deadline is killing me",
        "my phone battery died so i missed my therapists call",
        "i overdosed on netflix this weekend",
        "who do i call at 2am if my therapist is away?",
        "whats my therapists policy on emergencies",
        "me muero de hambre",
        "je meurs de faim",
        "my therapist says self harm is common in teens, is that true",
    ],
)
def test_hard_negatives_do_not_fire(det: CrisisDetector, text: str) -> None:
    assert det.assess(text).tier == Tier.none


# --------------------------------------------------------------------------- general mechanisms
# Representative phrasings written for these tests (not taken from any eval set).


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # self-harm verb + self-object, head banging, starving/purging, reopening wounds
        ("i keep slicing into my forearm with a pencil sharpener blade", Category.self_harm),
        ("been scalding my hands under the hot tap on purpose", Category.self_harm),
        ("i bash my head into the door when i get like this", Category.self_harm),
        ("ive been starving myself since monday", Category.eating_disorder),
        ("making myself throw up after every meal again", Category.eating_disorder),
        ("i keep reopening the wounds on my legs on purpose", Category.self_harm),
        ("i want to punch myself in the face", Category.self_harm),
        # burdensomeness
        ("my parents would be way better without me around", Category.suicide),
        ("honestly my kids would be so much better off", Category.suicide),
        ("im nothing but a burden on my whole family", Category.suicide),
        # finality: two goodbye cues, "won't need ... after"
        ("thank you for everything. please tell my brother i love him. goodbye", Category.suicide),
        ("please cancel my appointments, i wont be needing them after sunday", Category.suicide),
        # harm to others, abuse, sexual assault, medical
        ("im going to beat him till he cant stand up", Category.harm_to_others),
        ("i keep picturing drowning my baby in the bath", Category.harm_to_others),
        ("she broke my nose last month and i still live with her", Category.abuse),
        ("my boyfriend said hes going to hurt me if i talk to my therapist", Category.abuse),
        ("someone slipped something into my drink and i dont remember anything after the party",
         Category.sexual_assault),
        ("my mum mixed her pills with wine and now she cant stay awake", Category.overdose),
    ],
)
def test_general_patterns(det: CrisisDetector, text: str, category: Category) -> None:
    a = det.assess(text)
    assert a.tier in AT_LEAST_CRISIS, a
    assert a.category == category, a


@pytest.mark.parametrize(
    ("text", "third"),
    [
        ("ive decided and its time. bye everyone", False),
        ("my cousin has a noose and keeps saying this weekend is it", True),
        ("my uncle took something and we cant wake him up", True),
        ("my stepdad is hitting my mum right now", True),
        ("hes trying to kick the door in", False),
    ],
)
def test_general_imminent(det: CrisisDetector, text: str, third: bool) -> None:
    a = det.assess(text)
    assert a.tier == Tier.imminent, a
    assert a.third_person == third, a


@pytest.mark.parametrize(
    "text",
    [
        # look-alikes of the new general patterns
        "i wont need sessions anymore after i graduate, how do i end therapy",
        "i wont be around next week because of a work trip, can i email her",
        "im going on holiday so ill be gone for two weeks",
        "i burned my hand on the stove making dinner",
        "i hit my head on the cupboard door this morning",
        "my cat bit my hand lol",
        "the printer is not waking up from sleep mode",
        "i will make them pay for the damage through insurance",
        "tonight is the night of the big game haha",
        "ive made up my mind, im going to report my therapist to the board",
        "this is goodbye to my old clinic, can i send a card",
        "i counted my sessions, theres enough left on my insurance",
        "my team would be better off with a new manager",
        "i bought a belt today lol",
        "im purging my closet this weekend",
    ],
)
def test_general_pattern_lookalikes_do_not_fire(det: CrisisDetector, text: str) -> None:
    assert det.assess(text).tier.rank < Tier.crisis.rank


def test_each_category_module_holds_its_own_patterns() -> None:
    modules = {
        Category.suicide: suicide, Category.self_harm: self_harm, Category.harm_to_others: harm_to_others,
        Category.abuse: abuse, Category.sexual_assault: sexual_assault, Category.overdose: overdose,
        Category.eating_disorder: eating_disorder, Category.child_at_risk: child_at_risk,
    }  # fmt: skip
    for category, module in modules.items():
        assert module.PATTERNS and all(p.category == category for p in module.PATTERNS), category
        flags = [p.general for p in module.PATTERNS]
        assert flags == sorted(flags), f"{category}: set phrases come before general mechanisms"
    assert sum(len(m.PATTERNS) for m in modules.values()) == len(PATTERNS)
    assert set(PRIORITY) == set(Category)


def test_set_phrases_are_tried_before_any_general_mechanism() -> None:
    flags = [p.general for p in PATTERNS]
    first_general = flags.index(True)
    assert not any(flags[:first_general]) and all(flags[first_general:])
    assert [p.category for p in PATTERNS[:3]] == [Category.suicide] * 3


def test_no_pattern_holds_a_formatted_tuple() -> None:
    # "{0,80}" inside an rf-string is a Python expression, not a regex quantifier: it silently becomes ".(0, 80)"
    # (the French "il y a N ans" slip of an earlier round was of this kind). Quantifiers in rf-strings are "{{0,80}}".
    bad = [p.label for p in PATTERNS if re.search(r"\(\d+, \d+\)", p.regex.pattern)]
    assert not bad, bad
