"""The crisis table: validity, coverage, provenance and known-bad numbers kept out."""

from __future__ import annotations

import pytest
import yaml

from assistant.config import ROOT
from assistant.crisis.resources import lines_for, load_crisis_resources, resolve_jurisdiction

CORPUS = ROOT / "corpus"
RAW = (CORPUS / "crisis" / "resources.yaml").read_text(encoding="utf-8")
JURISDICTIONS = ["US", "CA", "GB", "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "AU", "NZ"]


@pytest.fixture(scope="module")
def res():
    return load_crisis_resources(CORPUS)


def test_loads_and_caches(res) -> None:
    assert load_crisis_resources(CORPUS) is res
    assert {r.jurisdiction for r in res.regions} == set(JURISDICTIONS) | {"INTL"}


@pytest.mark.parametrize("code", JURISDICTIONS)
def test_every_jurisdiction_has_emergency_and_24_7_crisis_line(res, code: str) -> None:
    lines = lines_for(res, resolve_jurisdiction(res, code))
    assert any(ln.need == "emergency" and ln.phone for ln in lines)
    assert any(ln.need == "crisis" and ln.twenty_four_seven and ln.phone for ln in lines)
    assert any(ln.text for ln in lines if ln.twenty_four_seven)  # something to text


def test_each_region_lists_its_own_emergency_number(res) -> None:
    for reg in res.regions:
        assert any(ln.need == "emergency" for ln in reg.lines), reg.jurisdiction


def test_intl_fallback(res) -> None:
    intl = next(r for r in res.regions if r.jurisdiction == "INTL")
    assert any(ln.need == "international" and ln.url and "findahelpline.com" in str(ln.url) for ln in intl.lines)


def test_provenance(res) -> None:
    for reg in res.regions:
        for ln in reg.lines:
            assert ln.source.strip() and ln.last_checked, ln.name
            assert ln.status in ("verified", "partly-verified")
            if str(ln.last_checked) == "2026-11-28":
                assert ln.note and "2026-11-28" in ln.note, ln.name


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("US", "988"),
        ("CA", "988"),
        ("GB", "116 123"),
        ("GB-NIR", "0808 808 8000"),
        ("IE", "1800 247 247"),
        ("AU", "13 11 14"),
        ("NZ", "1737"),
    ],
)
def test_known_crisis_numbers(res, code: str, number: str) -> None:
    assert any(ln.phone == number for ln in lines_for(res, resolve_jurisdiction(res, code)))


@pytest.mark.parametrize(
    "bad",
    [
        "422-4453",  # Childhelp (unverified)
        "0119 100",  # Switchboard LGBT+ (unverified)
        "929 539",  # LGBT Ireland (unverified)
        "500 2222",  # Rape Crisis England & Wales phone (unverified)
        "802 9999",  # older Rape Crisis number
        "456-4566",  # pre-9-8-8 Talk Suicide Canada
        "45645",
        "678-678",  # Trevor text code (unverified)
        "273-8255",  # old US lifeline number: not to be led with
        "74141\n",  # TripBot typo
    ],
)
def test_unverified_and_legacy_numbers_absent(bad: str) -> None:
    assert bad not in RAW


def test_988_press_3_not_offered() -> None:
    assert "press 3" not in RAW.lower()
    assert "option 3" not in RAW.lower()


def test_jurisdiction_resolution(res) -> None:
    assert resolve_jurisdiction(res, "US-TX") == ["US"]
    assert resolve_jurisdiction(res, "CA-ON") == ["CA"]
    assert resolve_jurisdiction(res, "GB-SCT") == ["GB-SCT", "GB"]
    assert resolve_jurisdiction(res, "uk") == ["GB"]
    assert resolve_jurisdiction(res, "GB") == ["GB"]
    assert resolve_jurisdiction(res, "FR") == []
    assert resolve_jurisdiction(res, None) == []


def test_not_24_7_lines_are_labelled(res) -> None:
    for reg in res.regions:
        for ln in reg.lines:
            if not ln.twenty_four_seven:
                assert "24/7" not in ln.hours or "not 24/7" in ln.hours


def test_yaml_is_plain_list_of_regions() -> None:
    data = yaml.safe_load(RAW)
    assert isinstance(data["regions"], list)
