"""The crisis table: validity, routing through the jurisdiction table, provenance, freshness and known-bad
numbers kept out."""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest
import yaml
from pydantic import ValidationError

from assistant.config import ROOT
from assistant.corpus.schema import CrisisLine, CrisisRegion
from assistant.crisis.check_resources import main as check_resources
from assistant.crisis.resources import (
    add_months,
    lines_for,
    load_crisis_resources,
    resolve_jurisdiction,
    stale_lines,
)

CORPUS = ROOT / "corpus"
RAW = (CORPUS / "crisis" / "resources.yaml").read_text(encoding="utf-8")
FACTS = ROOT.parent / "shared" / "facts" / "crisis-resources.md"
COUNTRIES = ["US", "CA", "GB", "IE", "AU", "NZ"]
PLACES = [
    "US", "US-TX", "CA", "CA-ON", "CA-QC", "GB", "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "AU", "AU-NSW", "NZ",
]  # fmt: skip


class StaleCrisisLine(UserWarning):
    """A crisis line checked over 11 months ago (make check-resources fails on it; make test only warns)."""


@pytest.fixture(scope="module")
def res():
    return load_crisis_resources(CORPUS)


def _lines(res, place: str):
    return lines_for(res, resolve_jurisdiction(res, place))


def test_loads_and_caches(res) -> None:
    assert load_crisis_resources(CORPUS) is res
    codes = {r.jurisdiction for r in res.regions}
    assert set(COUNTRIES) | {"INTL", "CA-NU", "CA-QC", "GB-SCT"} <= codes


@pytest.mark.parametrize("place", [p for p in PLACES if p != "CA-NU"])
def test_every_place_has_emergency_and_a_24_7_line_to_call_and_to_text(res, place: str) -> None:
    lines = _lines(res, place)
    assert any(ln.need == "emergency" and ln.phone for ln in lines)
    assert any(ln.need == "crisis" and ln.twenty_four_seven and ln.phone for ln in lines)
    assert any(ln.text for ln in lines if ln.twenty_four_seven)  # something to text


def test_routing_goes_through_the_jurisdiction_table(res) -> None:
    assert resolve_jurisdiction(res, "US-TX") == ["US"]  # no Texas region: the country's lines
    assert resolve_jurisdiction(res, "CA-ON") == ["CA"]
    assert resolve_jurisdiction(res, "Quebec") == ["CA-QC", "CA"]
    assert resolve_jurisdiction(res, "GB-SCT") == ["GB-SCT", "GB"]
    assert resolve_jurisdiction(res, "uk") == ["GB"]
    assert resolve_jurisdiction(res, "GB") == ["GB"]  # no default nation
    assert resolve_jurisdiction(res, "Iqaluit") == ["CA-NU", "CA"]
    for elsewhere in ("FR", "XX-YY", "", None):
        assert resolve_jurisdiction(res, elsewhere) == []


def test_nunavut_never_offers_911_but_988_hope_for_wellness_and_an_instruction(res) -> None:
    lines = _lines(res, "CA-NU")
    assert not any(ln.phone == "911" for ln in lines)
    assert not any(ln.need == "poison" for ln in lines)  # the national poison line: excluded there
    assert any(ln.phone == "988" for ln in lines)
    assert any(ln.phone == "1-855-242-3310" and ln.always_shown for ln in lines)
    instruction = next(ln for ln in lines if ln.need == "instruction")
    assert instruction.instead_of == "emergency" and not instruction.phone and not instruction.text
    assert "health centre" in (instruction.public_text or "") and "RCMP" in (instruction.public_text or "")


def test_subdivision_lines_only_reach_their_subdivision(res) -> None:
    quebec_only = {ln.phone for r in res.regions if r.jurisdiction == "CA-QC" for ln in r.lines}
    assert "1-888-933-9007" in quebec_only  # the Sexual Violence Helpline is Quebec's
    for place in ("CA", "CA-ON", "CA-BC", "CA-NU"):
        assert not quebec_only & {ln.phone for ln in _lines(res, place)}, place
    for reg in res.regions:  # a line filed only under a subdivision never reaches its country or siblings
        if "-" in reg.jurisdiction:
            country = reg.jurisdiction.split("-")[0]
            own = {(ln.name, ln.phone) for ln in reg.lines} - {
                (ln.name, ln.phone) for r in res.regions if r.jurisdiction == country for ln in r.lines
            }
            assert not own & {(ln.name, ln.phone) for ln in _lines(res, country)}, reg.jurisdiction


def test_issue_12_lines_are_present(res) -> None:
    us = _lines(res, "US")
    veterans = next(ln for ln in us if ln.need == "veterans")
    assert (veterans.phone, veterans.menu_option, veterans.text) == ("988", "1", "838255")
    assert any(ln.need == "lgbtq" and ln.phone == "1-866-488-7386" for ln in us)
    assert any(ln.need == "veterans" and ln.phone == "1-800-268-7708" for ln in _lines(res, "CA"))
    gb = {ln.phone for ln in _lines(res, "GB") if ln.need == "veterans"}
    assert gb == {"0800 138 1619", "0800 323 4444"}
    au = {ln.need: ln.phone for ln in _lines(res, "AU")}
    assert au["urgent-mental-health"] == "1300 22 4636" and au["men"] == "1300 789 978"
    assert au["veterans"] == "1800 011 046"
    assert any(ln.phone == "0800 611 116" for ln in _lines(res, "NZ"))


def test_every_number_shown_is_in_the_fact_sheet_or_its_checked_against_page(res) -> None:
    if not FACTS.exists():
        pytest.skip("the shared fact sheet is not beside this checkout")
    sheet = re.sub(r"\D", "", FACTS.read_text(encoding="utf-8"))
    for reg in res.regions:
        for ln in reg.lines:
            for number in (ln.phone, ln.text):
                if number and "shared/facts" in ln.checked_against and ln.status == "verified":
                    assert re.sub(r"\D", "", number) in sheet, (reg.jurisdiction, ln.name, number)


def test_public_text_and_maintainer_notes_are_apart(res) -> None:
    maintainer_words = re.compile(r"(?i)\b(?:sheet|re-?check|older pages?|source|verified|compiled)\b")
    for reg in res.regions:
        for ln in reg.lines:
            if ln.public_text:
                assert not maintainer_words.search(ln.public_text), (reg.jurisdiction, ln.name)
            if ln.hours:
                assert not maintainer_words.search(ln.hours), (reg.jurisdiction, ln.name)
            assert ln.checked_against.strip() and ln.status in ("verified", "partly-verified")


def test_hours_are_shown_only_where_stated(res) -> None:
    for reg in res.regions:
        for ln in reg.lines:
            if ln.twenty_four_seven:
                assert ln.hours and "24" in ln.hours, ln.name
            elif ln.hours:
                assert "24/7" not in ln.hours, ln.name
    scotland = {ln.name: ln for ln in _lines(res, "GB-SCT")}
    assert scotland["Rape Crisis Scotland Helpline"].hours is None  # unverified hours are not shown
    assert not any("Hub" in name for name in scotland)  # the Hub's hours are unverified


def test_the_schema_refuses_what_the_issue_found(res) -> None:
    base = {"name": "x", "twenty_four_seven": False, "checked_on": "2026-12-06", "checked_against": "sheet",
            "status": "verified"}  # fmt: skip
    with pytest.raises(ValidationError, match="instruction line gives no number"):
        CrisisLine.model_validate({**base, "need": "instruction", "phone": "911", "public_text": "call"})
    with pytest.raises(ValidationError, match="states its hours"):
        CrisisLine.model_validate({**base, "need": "crisis", "phone": "988", "twenty_four_seven": True})
    with pytest.raises(ValidationError, match="menu_option needs a phone"):
        CrisisLine.model_validate({**base, "need": "veterans", "text": "838255", "menu_option": "1"})
    with pytest.raises(ValidationError, match="note"):  # the old free-form note field is gone
        CrisisLine.model_validate({**base, "need": "crisis", "phone": "988", "note": "re-check hours"})
    with pytest.raises(ValidationError, match="unknown jurisdiction"):
        CrisisRegion.model_validate({"jurisdiction": "CA-XX", "name": "x", "lines": [{**base, "need": "crisis",
                                                                                     "phone": "1"}]})
    with pytest.raises(ValidationError, match="only a subdivision"):
        CrisisRegion.model_validate({"jurisdiction": "CA", "name": "x", "excludes_country_lines": ["emergency"],
                                     "lines": [{**base, "need": "crisis", "phone": "1"}]})


def test_checked_on_is_a_real_check_date_and_make_test_warns_when_stale(res) -> None:
    today = dt.date.today()
    for reg in res.regions:
        for ln in reg.lines:
            assert ln.checked_on <= today, ln.name  # a check cannot be in the future
            assert ln.source_date is None or ln.source_date <= ln.checked_on
    stale = stale_lines(res, today)
    if stale:  # never a failure: CI must not turn red by the calendar alone (make check-resources fails)
        warnings.warn(StaleCrisisLine(f"{len(stale)} crisis lines need checking again: run make check-resources"),
                      stacklevel=1)


def test_staleness_is_over_eleven_months(res, capsys) -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    checked = min(ln.checked_on for r in res.regions for ln in r.lines)
    on_the_day = add_months(checked, 11)
    assert not any(s.checked_on == checked for s in stale_lines(res, on_the_day))
    assert any(s.checked_on == checked for s in stale_lines(res, on_the_day + dt.timedelta(days=1)))
    assert check_resources(["--corpus", str(CORPUS), "--today", on_the_day.isoformat()]) == 0
    assert check_resources(["--corpus", str(CORPUS), "--today", (on_the_day + dt.timedelta(days=1)).isoformat()]) == 1
    assert "checked over 11 months" in capsys.readouterr().out


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
    assert any(ln.phone == number for ln in _lines(res, code))


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
        "931-2237",  # NEDA helpline: closed on 1 Jun 2023
        "74141\n",  # TripBot typo
    ],
)
def test_unverified_and_legacy_numbers_absent(bad: str) -> None:
    data = yaml.safe_load(RAW)
    shown = "\n".join(
        f"{ln.get('phone')}\n{ln.get('text')}\n{ln.get('public_text')}\n" for r in data["regions"] for ln in r["lines"]
    )
    assert bad not in shown


def test_988_press_3_not_offered() -> None:
    for ln in (ln for r in yaml.safe_load(RAW)["regions"] for ln in r["lines"]):
        assert ln.get("menu_option") != "3"
        assert "press 3" not in (ln.get("public_text") or "").lower()
