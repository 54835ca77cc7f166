"""Clinic configuration (clinics/<id>.toml): validation with file:line errors, the in-memory policy index,
hot reload keeping the last good configuration, limits and anonymous counts."""

from __future__ import annotations

import logging
import os
import time

import pytest

from assistant.clinics.config import contrast, load_clinic
from assistant.errors import CorpusError
from tests.helpers.clinics import (
    ALDER_TEXT,
    HARBOUR,
    PNG_1PX,
    clinic_toml,
    policy_yaml,
    write_clinic,
    write_policy,
)

ORIGIN = ["http://127.0.0.1:8766"]


def _problems(path) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        load_clinic(path)
    return caught.value.problems


def _line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if text in line)


def test_a_good_file_loads_with_its_policy_and_after_hours(tmp_path) -> None:
    path = write_clinic(tmp_path, "good", HARBOUR, origins=ORIGIN + ["https://clinic.example"])
    clinic = load_clinic(path)
    assert clinic.id == "good" and clinic.config.jurisdiction == "GB"
    assert clinic.origins == ["http://127.0.0.1:8766", "https://clinic.example"]
    assert [p.id for p in clinic.policies] == ["sample-harbour-psychology"]
    assert "after\\-hours line" in clinic.after_hours and "(tel:+442079460123)" in clinic.after_hours


def test_the_toml_after_hours_wins_over_the_policy_files(tmp_path) -> None:
    path = write_clinic(tmp_path, "own", HARBOUR, origins=ORIGIN)
    assert "test clinic" in load_clinic(path).after_hours
    text = path.read_text().split("[after_hours]")[0]
    path.write_text(text)
    assert "bank holidays" in load_clinic(path).after_hours  # the policy file's, when the TOML has none


def test_unknown_key_is_named_with_its_line(tmp_path) -> None:
    path = write_clinic(tmp_path, "typo", HARBOUR, origins=ORIGIN, extra='accent_color = "#000000"\n')
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line_of(path, 'accent_color')}: accent_color: unknown key")


@pytest.mark.parametrize(
    "origin, why",
    [
        ("*", "wildcards"),
        ("https://clinic.example/", "without a path"),
        ("https://clinic.example/chat", "without a path"),
        ("clinic.example", "https://"),
        ("ftp://clinic.example", "https://"),
        ("https://Clinic.example", "lower case"),
        ("https://clinic.example:99999", "invalid port"),
    ],
)
def test_bad_origins_are_refused(tmp_path, origin: str, why: str) -> None:
    path = write_clinic(tmp_path, "origins", HARBOUR, origins=[origin])
    (problem,) = _problems(path)
    assert f":{_line_of(path, 'allowed_origins')}: allowed_origins:" in problem and why in problem


def test_missing_policy_file_is_named(tmp_path) -> None:
    path = tmp_path / "nopolicy.toml"
    path.write_text(clinic_toml(origins=ORIGIN, policy=["missing.yaml"]))
    (problem,) = _problems(path)
    assert problem == f"{path}:{_line_of(path, 'policy =')}: policy[0]: file not found: missing.yaml"


def test_a_broken_policy_file_gives_its_own_file_and_line(tmp_path) -> None:
    bad = write_policy(tmp_path, "bad.yaml", policy_yaml("bad", "Bad", "GB", "Texts.", "Email.").replace(
        "topics: [email]", "topics: [not-a-topic]"))  # fmt: skip
    path = tmp_path / "badpolicy.toml"
    path.write_text(clinic_toml(origins=ORIGIN, policy=[bad.name]))
    problems = _problems(path)
    assert problems and all(p.startswith(f"{path}:") for p in problems)
    assert any(str(bad) in p and "topics" in p for p in problems), problems


def test_low_contrast_accent_is_refused_with_its_ratio(tmp_path) -> None:
    path = write_clinic(tmp_path, "pale", HARBOUR, origins=ORIGIN, accent="#7fb2ff")
    (problem,) = _problems(path)
    assert f"{contrast('#7fb2ff', '#ffffff'):.2f}:1" in problem and "4.5:1" in problem
    assert contrast("#1d4f91", "#ffffff") >= 4.5  # the demo's


def test_svg_logo_is_refused_and_a_png_is_read(tmp_path) -> None:
    path = write_clinic(tmp_path, "svg", HARBOUR, origins=ORIGIN, extra='logo = "logo.svg"\n')
    (tmp_path / "logo.svg").write_text("<svg onload='alert(1)'/>")
    (problem,) = _problems(path)
    assert f":{_line_of(path, 'logo')}: logo: SVG logos are not accepted" in problem
    (tmp_path / "logo.png").write_bytes(PNG_1PX)
    path.write_text(path.read_text().replace("logo.svg", "logo.png"))
    assert load_clinic(path).logo == (PNG_1PX, "image/png")
    (tmp_path / "logo.png").write_bytes(b"<svg/>")  # a renamed SVG is not a PNG
    assert "not a PNG image" in _problems(path)[0]
    (tmp_path / "logo.png").write_bytes(PNG_1PX + b"\0" * 300_000)
    assert "at most 204800" in _problems(path)[0]


def test_empty_allowlist_loads_but_is_refused_everywhere(tmp_path) -> None:
    from assistant.web.widget import embed_csp

    clinic = load_clinic(write_clinic(tmp_path, "closed", HARBOUR, origins=[]))
    assert clinic.origins == []
    assert embed_csp(clinic.origins).endswith("frame-ancestors 'none'")


@pytest.fixture(scope="module")
def embeddings():
    from assistant.config import Settings
    from assistant.index.embeddings import get_embeddings

    return get_embeddings(Settings())


@pytest.mark.slow
def test_hot_reload_keeps_the_last_good_configuration(tmp_path, embeddings, caplog) -> None:
    from assistant.clinics.registry import ClinicRegistry

    alder = write_policy(tmp_path, "alder.yaml", policy_yaml("alder", "Alder Test Clinic", "GB", ALDER_TEXT, "E."))
    path = tmp_path / "alder.toml"
    path.write_text(clinic_toml(name="Alder", origins=ORIGIN, policy=[alder.name]))
    registry = ClinicRegistry(tmp_path, embeddings, poll_seconds=0.2).start()
    try:
        loaded = registry.get("alder")
        assert loaded is not None and loaded.clinic.config.name == "Alder" and len(loaded.policy) == 2

        def bump(p, text: str) -> None:
            p.write_text(text)
            stamp = time.time() + 1
            os.utime(p, (stamp, stamp))

        bump(path, clinic_toml(name="Alder renamed", origins=ORIGIN, policy=[alder.name]))
        deadline = time.monotonic() + 10
        while registry.get("alder").clinic.config.name != "Alder renamed" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert registry.get("alder").clinic.config.name == "Alder renamed"

        secret = "SECRET-VISITOR-WORDS"
        with caplog.at_level(logging.WARNING):
            bump(path, clinic_toml(name="Alder broken", origins=["*"], policy=[alder.name]) + f"# {secret}\n")
            deadline = time.monotonic() + 10
            while not registry.problems("alder") and time.monotonic() < deadline:
                time.sleep(0.1)
        assert registry.get("alder").clinic.config.name == "Alder renamed"  # the last good one stays
        assert "wildcards" in registry.problems("alder")[0]
        assert any("keeping its last good configuration" in r.getMessage() for r in caplog.records)
        assert secret not in caplog.text

        bump(alder, policy_yaml("alder", "Alder Test Clinic", "GB", "Texts go to the front desk.", "E."))
        bump(path, clinic_toml(name="Alder fixed", origins=ORIGIN, policy=[alder.name]))
        deadline = time.monotonic() + 10
        while registry.get("alder").clinic.config.name != "Alder fixed" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "front desk" in registry.get("alder").policy.docs[0].page_content

        (tmp_path / "broken.toml").write_text("name = [unclosed\n")  # never loaded: disabled, others unharmed
        registry.refresh(force=True)
        assert registry.get("broken") is None and "invalid TOML" in registry.problems("broken")[0]
        assert registry.ids() == ["alder"]
        path.unlink()
        registry.refresh(force=True)
        assert registry.get("alder") is None
    finally:
        registry.stop()


def test_counts_are_anonymous_and_small_ones_hidden() -> None:
    import datetime as dt

    from assistant.clinics.limits import ClinicLimits, shown
    from assistant.web.ratelimit import RateLimits

    limits = ClinicLimits(RateLimits("off"), today=lambda: dt.date(2026, 12, 2))
    for _ in range(6):
        limits.count("alder", "texting", None)
    limits.count("alder", "gifts", "crisis")
    limits.count("birch", "texting", "imminent")
    table = limits.table("alder")
    assert table.weeks[-1] == "2026-W49" and len(table.weeks) == 4
    assert dict(table.topics)["texting"][-1] == 6 and dict(table.tiers)["crisis"][-1] == 1
    assert dict(table.tiers)["imminent"][-1] == 0  # another clinic's count stays its own
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == ["<5", "<5", "<5", "5", "12"]
    keys = list(limits.limits.storage.storage)  # the memory storage's keys: names, never text
    assert all(k.split("/")[-1] in ("texting", "gifts", "crisis", "imminent") for k in keys if "clinic-counts" in k)


def test_daily_cap_and_visitor_limit() -> None:
    from assistant.clinics.config import ClinicConfig
    from assistant.clinics.limits import ClinicLimits
    from assistant.web.ratelimit import RateLimits

    config = ClinicConfig.model_validate({
        "name": "Cap", "jurisdiction": "GB", "greeting": "Hi", "accent_colour": "#1d4f91",
        "allowed_origins": ORIGIN, "daily_cap": 3, "visitor_limit": "2/minute",
    })  # fmt: skip
    limits = ClinicLimits(RateLimits("off"))
    assert limits.hit("cap", config, "10.0.0.1") is None
    assert limits.hit("cap", config, "10.0.0.1") is None
    code, wait = limits.hit("cap", config, "10.0.0.1")
    assert code == "rate_limited" and wait >= 1
    assert limits.hit("cap", config, "10.0.0.2") is None
    assert limits.hit("cap", config, "10.0.0.3")[0] == "clinic_daily_cap"
    assert limits.hit("other", config, "10.0.0.3") is None  # another clinic's cap is its own
