"""draft-policy, check-policy and eval-policy from the command line, with their exit codes (0/1/2)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

import pytest
from docx import Document

from assistant.config import ROOT


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "HOME": os.environ.get("HOME", "/tmp")}
    if os.environ.get("ASSISTANT_CACHE_DIR"):
        env["ASSISTANT_CACHE_DIR"] = os.environ["ASSISTANT_CACHE_DIR"]
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def test_draft_policy_json_and_exit_codes() -> None:
    clean = _cli("draft-policy", "--jurisdictions", "US", "--professions", "counselling", "--channels", "email",
                 "--format", "json")  # fmt: skip
    assert clean.returncode == 0, clean.stderr
    body = json.loads(clean.stdout)
    assert body["clauses"] and body["conflicts"] == []
    conflicted = _cli("draft-policy", "--jurisdictions", "US", "--professions", "counselling", "--channels",
                      "texting,email", "--purpose", "scheduling,clinical", "--social-media", "personal",
                      "--after-hours", "24/7", "--records", "no", "--format", "json")  # fmt: skip
    assert conflicted.returncode == 1
    conflicts = json.loads(conflicted.stdout)["conflicts"]
    assert {"choice", "code", "section", "reason"} <= set(conflicts[0])
    assert "conflict:" in conflicted.stderr and "A.5.e" in conflicted.stderr
    bad = _cli("draft-policy", "--jurisdictions", "Atlantis", "--professions", "counselling", "--channels", "email")
    assert bad.returncode == 2 and "Unknown jurisdiction" in bad.stderr and "Traceback" not in bad.stderr
    missing = _cli("draft-policy", "--professions", "counselling", "--channels", "email")
    assert missing.returncode == 2 and "jurisdictions" in missing.stderr and "Traceback" not in missing.stderr


def test_draft_policy_from_a_clinic_toml_to_docx(tmp_path) -> None:
    config = tmp_path / "harbour.toml"
    config.write_text(textwrap.dedent("""
        name = "Harbour Counselling"
        jurisdiction = "GB-SCT"
        after_hours = "We are closed at weekends."

        [policy]
        professions = ["counselling"]
        channels = ["email", "video"]
        social_media = "professional-page"
        records = true
    """), encoding="utf-8")  # fmt: skip
    out = tmp_path / "policy.docx"
    result = _cli("draft-policy", "--config", str(config), "--format", "docx", "--output", str(out))
    assert result.returncode == 0, result.stderr
    paragraphs = [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert any("Harbour Counselling" in p for p in paragraphs)
    assert "Outside our working hours: We are closed at weekends." in paragraphs
    broken = tmp_path / "broken.toml"
    broken.write_text("professions = [", encoding="utf-8")
    assert _cli("draft-policy", "--config", str(broken)).returncode == 2


@pytest.mark.slow
def test_check_policy_reports_missing_elements_and_exit_codes(tmp_path) -> None:
    policy = tmp_path / "policy.txt"
    policy.write_text("You can contact us by email. We aim to reply within two working days.", encoding="utf-8")
    result = _cli("check-policy", str(policy), "--jurisdictions", "US", "--professions", "counselling",
                  "--format", "json")  # fmt: skip
    assert result.returncode == 1, result.stderr
    body = json.loads(result.stdout)
    assert "emergency-instruction" in body["missing_required"] and "response-time" not in body["missing_required"]
    assert _cli("check-policy", str(tmp_path / "none.txt"), "--jurisdictions", "US", "--professions",
                "counselling").returncode == 2  # fmt: skip
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * ((1 << 20) + 1))
    too_big = _cli("check-policy", str(big), "--jurisdictions", "US", "--professions", "counselling")
    assert too_big.returncode == 2 and "larger than" in too_big.stderr


def test_eval_policy_prints_the_figures(tmp_path) -> None:
    items = tmp_path / "policy.yaml"
    items.write_text(textwrap.dedent("""
        - id: us-counselling-personal
          jurisdictions: [US]
          professions: [counselling]
          memberships: [ACA]
          channels: [email]
          purpose: [scheduling]
          social_media: personal
          records: true
          binding_codes: [ACA]
          required_elements:
            social-media: [ACA A.5.e]
            fees: [ACA H.2.a]
          conflicts:
            - {choice: personal, code: ACA, section: A.5.e, reason: forbidden}
        - id: gb-psychology-nothing-binding
          jurisdictions: [GB]
          professions: [psychology]
          memberships: []
          channels: [none]
          purpose: [scheduling]
          social_media: none
          records: true
          binding_codes: [HCPC]
          required_elements:
            identity-verification: [HCPC 1.9]
          conflicts: []
    """), encoding="utf-8")  # fmt: skip
    result = _cli("eval-policy", "--file", str(items))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "element recall (gold elements the draft marks required): 2/3 = 0.667" in out
    assert "not marked required: identity-verification" in out
    assert "clauses citing a code outside the codes selected for the configuration: 0 of" in out
    assert "conflicts flagged: 1/1 = 1.000" in out
    assert _cli("eval-policy", "--file", str(tmp_path / "missing.yaml")).returncode == 2
