"""The crisis block: order, numbers per jurisdiction, links and wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.crisis.resources import load_crisis_resources
from assistant.crisis.response import build_crisis_block, crisis_only_text, framing, sms_href, tel_href
from assistant.crisis.types import Assessment, Category, Tier

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def res():
    return load_crisis_resources(CORPUS)


def A(
    tier: Tier, category: Category | None = Category.suicide, third: bool = False, reasons=(), language="en",
    needs=(), means: bool = False,
) -> Assessment:
    return Assessment(tier, category, third, means, tuple(reasons), language=language, needs=tuple(needs))


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


def test_menu_option_reads_as_a_step_and_dials_with_a_pause(res) -> None:
    msg = build_crisis_block(A(Tier.crisis, needs=("veterans",)), "US", res).message
    assert "call [988, then press 1](tel:988,1)" in msg
    assert tel_href("988", "1") == "tel:988,1"


@pytest.mark.parametrize(
    ("jur", "need", "number"),
    [
        ("US", "veterans", "988, then press 1"),
        ("US", "lgbtq", "1-866-488-7386"),
        ("CA", "veterans", "1-800-268-7708"),
        ("GB-ENG", "veterans", "0800 138 1619"),
        ("AU", "men", "1300 789 978"),
        ("AU", "indigenous", "13 92 76"),
        ("CA-ON", "indigenous", "1-855-242-3310"),
        ("GB-SCT", "youth", "0800 1111"),
    ],
)
def test_a_specialised_line_is_added_never_instead(res, jur: str, need: str, number: str) -> None:
    plain = build_crisis_block(A(Tier.crisis), jur, res)
    with_need = build_crisis_block(A(Tier.crisis, needs=(need,)), jur, res)
    assert f"[{number}]" not in plain.message and f"[{number}]" in with_need.message
    assert [r.name for r in with_need.resources][: len(plain.resources)] == [r.name for r in plain.resources]
    msg = with_need.message
    first_line = msg.index("\n- ")
    assert msg.index(f"[{number}]") > first_line  # after the emergency number and the 24/7 line


def test_nunavut_gets_the_instruction_988_and_hope_for_wellness_never_911(res) -> None:
    for tier in (Tier.distress, Tier.crisis, Tier.imminent):
        msg = build_crisis_block(A(tier), "CA-NU", res).message
        assert "911" not in msg.replace("911 may not work", "")
        assert "tel:911" not in msg
        assert "[988](tel:988)" in msg and "[1-855-242-3310](tel:18552423310)" in msg
        assert "community health centre" in msg and "RCMP" in msg


def test_quebec_lines_only_in_quebec(res) -> None:
    sa = A(Tier.crisis, Category.sexual_assault)
    assert "1-888-933-9007" in build_crisis_block(sa, "CA-QC", res).message
    for place in ("CA-ON", "CA", "CA-NU"):
        assert "1-888-933-9007" not in build_crisis_block(sa, place, res).message


@pytest.mark.parametrize(
    ("jur", "expected", "absent"),
    [
        ("AU", "1800 33 4673", None),  # Butterfly: an eating-disorder line where one could be read
        ("AU", "1300 22 4636", None),  # ... and Beyond Blue, 24/7
        ("CA", "1-866-633-4220", None),  # NEDIC
        ("GB-ENG", "111", None),  # no verified eating-disorder line: the health line
        ("NZ", "0800 611 116", None),  # Healthline, 24/7, beside EDANZ (a carers' line)
        ("US", "988", "931-2237"),  # no verified line: emergency and 988 only, never NEDA's closed line
    ],
)
def test_eating_disorder_lines_where_verified_else_emergency_and_health(res, jur, expected, absent) -> None:
    block = build_crisis_block(A(Tier.crisis, Category.eating_disorder), jur, res)
    assert block.category == "eating-disorder"
    assert f"[{expected}]" in block.message
    if absent:
        assert absent not in block.message


def test_eating_disorder_imminent_names_the_acute_signs(res) -> None:
    msg = build_crisis_block(A(Tier.imminent, Category.eating_disorder), "GB-ENG", res).message
    assert "fainted" in msg and "[999](tel:999)" in msg


def test_child_at_risk_block(res) -> None:
    block = build_crisis_block(A(Tier.imminent, Category.child_at_risk), "AU", res)
    assert block.category == "child-at-risk" and "If a child is in danger right now" in block.message
    child = build_crisis_block(A(Tier.crisis, Category.child_at_risk, needs=("youth",)), "GB", res).message
    assert "[0800 1111](tel:08001111)" in child  # Childline when the person says they are young


@pytest.mark.parametrize(
    ("language", "warm", "call"),
    [
        ("es", "Gracias por contármelo", "llama al [988](tel:988)"),
        ("fr", "Merci de me l'avoir dit", "appelez le [988](tel:988)"),
    ],
)
def test_spanish_and_french_framing_numbers_and_names_unchanged(res, language, warm, call) -> None:
    block = build_crisis_block(A(Tier.crisis, language=language), "US" if language == "es" else "CA", res)
    assert block.language == language and block.message.startswith(warm)
    assert call in block.message
    assert "Suicide" in block.message  # service names are not translated
    english = build_crisis_block(A(Tier.crisis), "US", res).message
    for sentence in ("Thank you for telling me", "automated assistant", "immediate danger"):
        assert sentence not in block.message and sentence in english


def test_unknown_place_in_spanish_still_lists_every_emergency_number(res) -> None:
    msg = build_crisis_block(A(Tier.imminent, language="es"), None, res).message
    assert msg.count("(tel:") >= 5 and "¿Dónde estás" in msg and "findahelpline.com" in msg


def test_hours_only_where_the_table_states_them(res) -> None:
    msg = build_crisis_block(A(Tier.crisis, Category.sexual_assault), "GB-SCT", res).message
    line = next(ln for ln in msg.splitlines() if "Rape Crisis Scotland" in ln)
    assert "(tel:08088010302)" in line and not line.rstrip().endswith(")") or line.endswith("(tel:08088010302)")
    assert "6pm" not in msg and "re-check" not in msg.lower()


def test_framing_and_crisis_only_text_for_the_pipeline() -> None:
    assert framing("en").heading_danger == "If you are in danger right now"
    assert framing("es").heading_talk.startswith("Si necesitas")
    assert framing("fr").crisis_only.startswith("Veuillez")
    imminent = crisis_only_text(A(Tier.imminent))
    assert "call one of the numbers above now" in imminent.lower() and "code" not in imminent.lower()
    assert crisis_only_text(A(Tier.imminent, Category.overdose)).startswith("If you have taken something")
    assert "fainting" in crisis_only_text(A(Tier.imminent, Category.eating_disorder)).lower()
    assert crisis_only_text(A(Tier.imminent, third=True)).startswith("Please call the emergency number")
    assert crisis_only_text(A(Tier.crisis)) == framing("en").crisis_only
    assert crisis_only_text(A(Tier.crisis, means=True)) == framing("en").means_refusal
    assert crisis_only_text(A(Tier.imminent, language="es")).startswith("Por favor, llama")
    assert crisis_only_text(A(Tier.imminent), "fr").startswith("Appelez")
    assert crisis_only_text(A(Tier.distress, None)) == "" and crisis_only_text(A(Tier.none, None)) == ""


def test_every_category_and_language_builds_a_block(res) -> None:
    for category in Category:
        for language in ("en", "es", "fr"):
            for tier in (Tier.crisis, Tier.imminent):
                for third in (False, True):
                    block = build_crisis_block(A(tier, category, third, language=language), "US", res)
                    assert block is not None and block.category == category.value
                    assert "[911](tel:911)" in block.message
                    assert "{" not in block.message and "}" not in block.message
