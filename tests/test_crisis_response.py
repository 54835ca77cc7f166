"""The crisis block: order, numbers per jurisdiction, links and wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.crisis.resources import load_crisis_resources
from assistant.crisis.response import build_crisis_block, sms_href, tel_href
from assistant.crisis.types import Assessment, Category, Tier

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def res():
    return load_crisis_resources(CORPUS)


def A(tier: Tier, category: Category | None = Category.suicide, third: bool = False, reasons=()) -> Assessment:
    return Assessment(tier, category, third, False, tuple(reasons))


def test_none_gives_no_block(res) -> None:
    assert build_crisis_block(A(Tier.none, None), "US", res) is None


@pytest.mark.parametrize(
    ("jur", "emergency", "line"),
    [
        ("US", "911", "988"),
        ("US-TX", "911", "988"),
        ("CA-ON", "911", "988"),
        ("GB", "999", "116 123"),
        ("GB-SCT", "999", "116 123"),
        ("GB-NIR", "999", "0808 808 8000"),
        ("IE", "112", "1800 247 247"),
        ("AU", "000", "13 11 14"),
        ("NZ", "111", "1737"),
    ],
)
def test_emergency_first_then_crisis_line(res, jur: str, emergency: str, line: str) -> None:
    block = build_crisis_block(A(Tier.crisis), jur, res)
    assert block is not None and block.tier == "crisis"
    msg = block.message
    assert f"[{emergency}]({tel_href(emergency)})" in msg
    assert f"[{line}]({tel_href(line)})" in msg
    assert msg.index(f"[{emergency}]") < msg.index(f"[{line}]")
    assert block.resources[0].phone == emergency
    assert "automated assistant" in msg and "not a crisis service" in msg
    first_para = msg.split("\n\n")[0]
    assert "tel:" not in first_para  # a warm line comes first


def test_links(res) -> None:
    assert tel_href("1-800-799-7233") == "tel:18007997233"
    assert sms_href("741741", "HOME") == "sms:741741?&body=HOME"
    us = build_crisis_block(A(Tier.crisis), "US", res).message
    assert "[text 988](sms:988)" in us
    gb = build_crisis_block(A(Tier.crisis), "GB-ENG", res).message
    assert "[text SHOUT to 85258](sms:85258?&body=SHOUT)" in gb


def test_imminent_wording(res) -> None:
    msg = build_crisis_block(A(Tier.imminent), "US", res).message
    assert "**Call [911](tel:911) now**" in msg
    crisis = build_crisis_block(A(Tier.crisis), "US", res).message
    assert " now**" not in crisis


@pytest.mark.parametrize(
    ("category", "jur", "number"),
    [
        (Category.abuse, "US", "1-800-799-7233"),
        (Category.sexual_assault, "US", "800-656-4673"),
        (Category.overdose, "US", "1-800-222-1222"),
        (Category.abuse, "GB-ENG", "0808 2000 247"),
        (Category.sexual_assault, "IE", "1800 77 88 88"),
        (Category.overdose, "NZ", "0800 764 766"),
        (Category.abuse, "AU", "1800 737 732"),
    ],
)
def test_specialist_line(res, category: Category, jur: str, number: str) -> None:
    msg = build_crisis_block(A(Tier.crisis, category), jur, res).message
    assert f"[{number}]({tel_href(number)})" in msg


def test_gb_without_nation_lists_each_nation(res) -> None:
    msg = build_crisis_block(A(Tier.crisis, Category.abuse), "GB", res).message
    for label in ("England:", "Scotland:", "Wales:", "Northern Ireland:"):
        assert label in msg


def test_intl_fallback(res) -> None:
    for jur in (None, "FR", "XX-YY"):
        block = build_crisis_block(A(Tier.imminent), jur, res)
        msg = block.message
        for num in ("911", "999", "112", "000", "111"):
            assert f"[{num}](tel:{num})" in msg
        assert "findahelpline.com" in msg
        assert "Where are you" in msg
        assert "Call your local emergency number now" in msg


def test_clinic_after_hours_after_public_lines(res) -> None:
    clinic = "Call the on-call clinician at 555-0100."
    msg = build_crisis_block(A(Tier.crisis), "US", res, clinic_after_hours=clinic).message
    assert clinic in msg
    assert msg.index("[988]") < msg.index(clinic)
    assert msg.index("[911]") < msg.index(clinic)


def test_third_person_helper_guidance(res) -> None:
    msg = build_crisis_block(A(Tier.imminent, third=True), "US", res).message
    assert "If they are in immediate danger, call [911](tel:911) now" in msg
    assert "stay with them" in msg
    assert "[988](tel:988)" in msg


def test_distress_is_short_with_one_line(res) -> None:
    block = build_crisis_block(A(Tier.distress, None), "GB-ENG", res)
    assert block.tier == "distress"
    assert "[116 123](tel:116123)" in block.message
    assert "85258" not in block.message
    assert len(block.resources) == 2  # emergency + one line


def test_no_press_3_in_any_block(res) -> None:
    for cat in Category:
        for tier in (Tier.distress, Tier.crisis, Tier.imminent):
            assert "press 3" not in build_crisis_block(A(tier, cat), "US", res).message.lower()


def test_therapist_sexual_contact_mentions_regulator(res) -> None:
    a = A(Tier.crisis, Category.sexual_assault, reasons=("pattern:therapist sexual contact",))
    assert "licensing board" in build_crisis_block(a, "US", res).message
