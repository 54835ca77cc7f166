"""Drafting: code selection, required vs recommended, the catalogued conflicts, renderers (DOCX read back
with python-docx), and the corpus policy format for adoption."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from assistant.corpus.schema import Policy
from assistant.policy.adopt import adopt_policy, policy_yaml
from assistant.policy.draft import draft_policy
from assistant.policy.models import PRIVACY_LAWS_NOT_CHECKED
from assistant.policy.render import to_docx, to_html, to_json, to_markdown
from assistant.policy.select import select_codes
from tests.helpers.policy import corpus, inputs

ALL = ["texting", "email", "phone", "video", "portal"]


def _flags(draft, conflict_id: str) -> set[str]:
    return {f"{c.code} {c.section}" for c in draft.conflicts if c.conflict == conflict_id}


# --- conflicts ---------------------------------------------------------------------------------------------------
def test_personal_social_media_under_aca_is_flagged_next_to_its_clause() -> None:
    draft = draft_policy(inputs(social_media="personal"), corpus())
    flags = [c for c in draft.conflicts if c.conflict == "social-personal-connections"]
    assert ("ACA", "A.5.e", "forbids") in {(c.code, c.section, c.effect) for c in flags}
    assert {c.clause for c in flags} == {"social-personal"}
    clause = next(c for c in draft.clauses if c.id == "social-personal")
    assert clause.kind == "required" and "ACA" in clause.required_by


def test_personal_social_media_is_not_flagged_for_a_code_that_does_not_bind() -> None:
    # Texas counsellors who are not ACA members: the ACA ban does not bind them (TX-LPC says nothing on it).
    draft = draft_policy(inputs(jurisdictions=["US-TX"], memberships=[], social_media="personal"), corpus())
    assert not _flags(draft, "social-personal-connections")
    assert {b.code for b in draft.bindings} == {"TX-LPC"}


def test_professional_page_is_not_a_conflict() -> None:
    assert not draft_policy(inputs(social_media="professional-page"), corpus()).conflicts


def test_clinical_texting_needs_encryption_and_written_consent() -> None:
    base = {"channels": ["texting"], "purpose": ["clinical"], "jurisdictions": ["US-OH"],
            "professions": ["counselling"]}  # fmt: skip
    plain = draft_policy(inputs(**base), corpus())
    assert {"NBCC Telemental Health #4", "ACA H.2.d"} <= _flags(plain, "clinical-texting-without-security")
    assert not _flags(plain, "clinical-texting-without-consent")
    secure = draft_policy(inputs(**base, secure_messaging=True), corpus())
    assert not _flags(secure, "clinical-texting-without-security")
    unsigned = draft_policy(inputs(**base, secure_messaging=True, written_consent=False), corpus())
    assert "OH-CSWMFT 4757-5-13(A)(4)" in _flags(unsigned, "clinical-texting-without-consent")
    scheduling = draft_policy(inputs(**{**base, "purpose": ["scheduling"]}), corpus())
    assert not scheduling.conflicts


@pytest.mark.parametrize(
    ("after_hours", "flagged"),
    [
        ("Text me any time, 24/7.", True),
        ("We answer 24/7: an on-call colleague covers nights and weekends.", False),
        ("24/7 texting, solo practice with no on-call cover.", True),
        ("Closed evenings and weekends; messages wait until Monday.", False),
    ],
)
def test_an_after_hours_promise_needs_a_named_arrangement(after_hours: str, flagged: bool) -> None:
    draft = draft_policy(inputs(professions=["counselling", "psychology"], after_hours=after_hours), corpus())
    flags = _flags(draft, "after-hours-promise")
    assert bool(flags) is flagged
    if flagged:
        assert {"ACA A.12", "APA 3.12"} <= flags
        assert {c.clause for c in draft.conflicts if c.conflict == "after-hours-promise"} == {"after-hours"}


def test_records_no_conflicts_where_a_binding_code_requires_keeping_messages() -> None:
    clinical = {"jurisdictions": ["CA-ON"], "professions": ["psychotherapy"], "channels": ["texting", "email"],
                "purpose": ["clinical"], "records": "no"}  # fmt: skip
    assert "CRPO 3.4.6" in _flags(draft_policy(inputs(**clinical), corpus()), "records-not-kept")
    scheduling = {**clinical, "purpose": ["scheduling"]}
    assert not _flags(draft_policy(inputs(**scheduling), corpus()), "records-not-kept")
    kept = {**clinical, "records": "yes"}
    draft = draft_policy(inputs(**kept), corpus())
    records = next(c for c in draft.clauses if c.id == "records-kept")
    assert records.kind == "required" and records.required_by == ["CRPO"]


# --- selection, required and recommended ---------------------------------------------------------------------------
def test_guidance_never_makes_a_clause_required() -> None:
    draft = draft_policy(inputs(professions=["psychology"], memberships=[], channels=ALL,
                                purpose=["clinical"]), corpus())  # fmt: skip
    assert {b.code: b.requires for b in draft.bindings} == {"APA-TELE": False}
    assert all(c.kind == "recommended" and not c.required_by for c in draft.clauses)
    assert any(cit.code == "APA-TELE" for c in draft.clauses for cit in c.citations)


def test_no_clause_cites_a_code_that_does_not_bind_the_chosen_professions() -> None:
    draft = draft_policy(inputs(channels=ALL, purpose=["scheduling", "clinical"]), corpus())
    cited = {cit.code for c in draft.clauses for cit in c.citations}
    assert cited <= {"ACA", "NBCC"}
    assert not cited & {"APA", "APA-TELE", "NASW", "AAMFT", "CRPO"}


def test_memberships_narrow_the_codes_and_unlisted_ones_are_reported() -> None:
    selection = select_codes(inputs(memberships=["NBCC", "BACP"]), corpus())
    assert set(selection.codes) == {"NBCC"}
    assert any("BACP" in n and "not used" in n for n in selection.notices)
    assumed = select_codes(inputs(), corpus())
    assert {c.code for c in assumed.codes.values() if c.assumed} == {"ACA", "NBCC"}


def test_registration_gated_and_via_bindings() -> None:
    # Ontario counsellors: CRPO binds only CRPO registrants, and RHPA rides on CRPO.
    registered = select_codes(inputs(jurisdictions=["CA-ON"], memberships=["CRPO"]), corpus())
    assert {"CRPO", "RHPA"} <= set(registered.codes)
    unregistered = select_codes(inputs(jurisdictions=["CA-ON"], memberships=["CCPA"]), corpus())
    assert "CRPO" not in unregistered.codes and "RHPA" not in unregistered.codes


def test_a_subdivision_gets_national_and_state_codes_and_every_clause_has_an_element() -> None:
    draft = draft_policy(inputs(jurisdictions=["US-TX"], channels=ALL), corpus())
    assert {"ACA", "TX-LPC"} <= {b.code for b in draft.bindings}
    assert all(c.element and c.citations is not None for c in draft.clauses)
    assert len({c.id for c in draft.clauses}) == len(draft.clauses)


def test_emergency_clause_names_the_jurisdictions_numbers() -> None:
    draft = draft_policy(inputs(jurisdictions=["NZ", "AU"], emergency="Call your GP first if you can"), corpus())
    text = next(c for c in draft.clauses if c.id == "emergency-instruction").text
    assert "111 (New Zealand)" in text and "000 (Australia)" in text and "Call your GP first if you can." in text


# --- renderers -----------------------------------------------------------------------------------------------------
def _rich_draft():
    return draft_policy(inputs(clinic="<b>Lake</b> & Co", channels=ALL, purpose=["clinical"], social_media="personal",
                               after_hours="Available 24/7"), corpus())  # fmt: skip


def test_json_has_the_issue_shape() -> None:
    body = json.loads(to_json(_rich_draft()))
    clause = body["clauses"][0]
    assert {"id", "element", "text", "citations", "required_by", "kind"} <= set(clause)
    assert {"code", "section", "url"} <= set(clause["citations"][0])
    assert {"choice", "code", "section", "reason"} <= set(body["conflicts"][0])
    assert body["by_code"]["ACA"] and body["privacy_laws_not_checked"] == list(PRIVACY_LAWS_NOT_CHECKED)


def test_markdown_and_html_carry_the_disclaimer_in_both_documents_and_escape_everything() -> None:
    draft = _rich_draft()
    markdown, page = to_markdown(draft), to_html(draft)
    for text in (markdown, page):
        assert text.count("not legal advice") >= 2
        for law in ("HIPAA", "UK GDPR", "PHIPA", "Privacy Act 1988", "Privacy Act 2020", "applied in Ireland"):
            assert law in text
        assert "Which code asks for what" in text and "A.5.e" in text
    assert "<b>Lake</b>" not in page and "&lt;b&gt;Lake&lt;/b&gt; &amp; Co" in page
    assert "@media print" in page


def test_docx_reads_back_with_the_same_library() -> None:
    draft = _rich_draft()
    document = Document(io.BytesIO(to_docx(draft)))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "Contact policy" in headings and "Consent to electronic communication" in headings
    assert "Conflicts to resolve before use" in headings and "Which code asks for what" in headings
    assert sum("not legal advice" in p for p in paragraphs) >= 3
    for clause in draft.clauses:
        assert clause.text in paragraphs
    assert any("A.5.e" in p and "Conflict" in p for p in paragraphs)
    table = document.tables[0]
    assert table.rows[0].cells[0].text == "code" and any(r.cells[0].text == "ACA" for r in table.rows)


# --- adoption -------------------------------------------------------------------------------------------------------
def test_adopt_policy_gives_a_valid_corpus_policy(tmp_path) -> None:
    from assistant.corpus.loader import load_file

    draft = draft_policy(inputs(channels=ALL, after_hours="Closed at weekends."), corpus())
    policy = adopt_policy(draft, "lakeside", "alice")
    assert policy.id == "lakeside-contact-policy" and not policy.sample and policy.after_hours == "Closed at weekends."
    assert draft.drafted_on.isoformat() in policy.title
    path = tmp_path / "lakeside.yaml"
    path.write_text(policy_yaml(policy), encoding="utf-8")
    assert load_file(path, Policy) == policy
    with pytest.raises(ValueError):
        adopt_policy(draft, "lakeside", " ")
