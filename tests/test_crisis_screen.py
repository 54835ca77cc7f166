"""The pattern layer (assistant/crisis/screen.py): negation, the past, policy questions, benign
reasons and means questions change what a pattern match means."""

from __future__ import annotations

import pytest

from assistant.crisis.detector import CrisisDetector
from assistant.crisis.screen import screen_text, third_from_window
from assistant.crisis.types import Category, Tier
from tests.helpers.crisis import AT_LEAST_CRISIS


@pytest.fixture(scope="module")
def det() -> CrisisDetector:
    return CrisisDetector()  # pattern layer only: fast and deterministic


@pytest.mark.parametrize(
    "text",
    [
        "im not suicidal, i just want to know if texting is allowed",
        "years ago i was suicidal, now im fine",
        "will my therapist report me if i say i had suicidal thoughts?",
        "does my counsellor have to tell my parents if i self harm",
    ],
)
def test_negated_past_and_confidentiality_at_most_distress(det: CrisisDetector, text: str) -> None:
    assert det.assess(text).tier in (Tier.none, Tier.distress)


def test_asks_for_means(det: CrisisDetector) -> None:
    a = det.assess("just lost my job. how many of my sleeping pills would it take")
    assert a.asks_for_means and a.tier in AT_LEAST_CRISIS
    b = det.assess("everything is falling apart. whats the highest bridge near me")
    assert b.asks_for_means and b.tier in AT_LEAST_CRISIS
    assert not det.assess("can i text my therapist").asks_for_means


def test_screen_text_says_why_a_match_was_lowered() -> None:
    negated = screen_text("im not suicidal")
    assert negated.tier == Tier.none and negated.explained and "pattern:suicidal (negated)" in negated.reasons
    past = screen_text("years ago i was suicidal, now im fine")
    assert past.tier == Tier.none and "pattern:suicidal (past)" in past.reasons
    policy = screen_text("will my therapist report me if i say i had suicidal thoughts?")
    assert policy.tier == Tier.distress and "pattern:suicidal (hypothetical/policy question)" in policy.reasons
    benign = screen_text("i wont need sessions after i graduate")
    assert benign.tier == Tier.none and "pattern:won't need them after (benign reason)" in benign.reasons
    plain = screen_text("i want to kill myself")
    assert plain.tier == Tier.crisis and plain.category == Category.suicide and not plain.explained


def test_means_words_count_only_after_distress() -> None:
    assert screen_text("i have the pills here").tier == Tier.distress
    assert screen_text("i have the pills here", context_distress=True).tier == Tier.imminent
    assert screen_text("kill the background process").tier == Tier.none  # idioms are blanked first


def test_third_person_is_the_nearest_person_word() -> None:
    assert third_from_window(["my", "friend", "says", "she"])
    assert not third_from_window(["my", "friend", "says", "i"])
    assert not third_from_window([])


@pytest.mark.parametrize(
    "text",
    [
        "no, i want to kill myself",  # a one-word answer before the comma
        "ya no puedo con esto, me quiero morir",
        "i didnt sleep at all, i want to die",
        "she told him no and he raped her anyway",  # "told no" is not a negation of what follows
        "i said no but he didnt stop when i cried",
    ],
)
def test_a_negation_does_not_reach_across_a_comma_or_a_said_no(text: str) -> None:
    assert screen_text(text).tier in AT_LEAST_CRISIS


@pytest.mark.parametrize(
    "text",
    ["i would never, ever kill myself", "i am not, like, suicidal or anything", "no im not suicidal, just tired"],
)
def test_a_comma_that_pauses_the_negation_keeps_it(text: str) -> None:
    assert screen_text(text).tier in (Tier.none, Tier.distress)
