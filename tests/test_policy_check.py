"""check-policy: a sample policy with planted gaps; conflicts found per sentence; files read in memory with caps."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from assistant.config import Settings
from assistant.errors import PolicyFileInvalid, PolicyFileTooLarge
from assistant.policy.check import MAX_UPLOAD_BYTES, check_policy, read_policy_bytes, sentences
from tests.helpers.policy import corpus, inputs

# A US counselling practice's policy that covers some elements and leaves others out on purpose:
# planted missing: emergency-instruction, records, withdraw-consent, identity-verification, technology-failure.
SAMPLE = """# Contact between sessions

You can contact us by email, text message, phone or video. We use text messages only for booking
and changing appointments, not for therapy.

We aim to reply within two working days. Outside office hours and at weekends nobody reads messages;
when your counsellor is on leave, a colleague covers.

Ordinary email and text messages are not fully secure, so keep personal details short. Our video
service is encrypted.

What you tell us is confidential, except where the law requires us to share it or someone is in serious danger.

Using email and video has benefits, such as saving travel, and risks, such as messages going astray.

Our counsellors do not accept friend requests from clients on social media.

Calls longer than 15 minutes may be charged as a session.

Our counsellors are licensed in Texas; tell us if you will be in another state during a session.
"""
PLANTED_MISSING = {"emergency-instruction", "records", "withdraw-consent", "identity-verification",
                   "technology-failure"}  # fmt: skip
CLINIC = {"jurisdictions": ["US-TX"], "professions": ["counselling"], "memberships": ["ACA", "NBCC"],
          "channels": ["texting", "email", "phone", "video"], "purpose": ["scheduling", "clinical"]}  # fmt: skip


@pytest.fixture(scope="module")
def embeddings():
    from assistant.index.embeddings import get_embeddings

    return get_embeddings(Settings())


@pytest.mark.slow
def test_check_finds_the_planted_missing_elements(embeddings) -> None:
    text = read_policy_bytes(SAMPLE.encode(), "policy.md")
    result = check_policy(text, inputs(**CLINIC), corpus(), embeddings)
    assert set(result.missing_required) == PLANTED_MISSING
    covered = {e.element for e in result.elements if e.covered}
    assert {"channels", "purpose", "response-time", "channel-security", "confidentiality-limits", "risks-benefits",
            "social-media", "jurisdiction"} <= covered  # fmt: skip
    emergency = next(e for e in result.elements if e.element == "emergency-instruction")
    assert emergency.required_by == ["ACA"] and any(c.section == "H.2.a" for c in emergency.citations)
    assert not result.conflicts


@pytest.mark.slow
def test_check_flags_sentences_from_the_conflict_catalogue(embeddings) -> None:
    text = SAMPLE.replace("do not accept friend requests from clients", "happily accept friend requests from clients")
    text = text.replace("when your counsellor is on leave, a colleague covers.", "")  # no arrangement left
    text += "\nYou can text your counsellor any time, 24/7.\nWe do not keep text messages in your record.\n"
    result = check_policy(text, inputs(**CLINIC), corpus(), embeddings)
    flagged = {(c.conflict, c.code, c.section) for c in result.conflicts}
    assert ("social-personal-connections", "ACA", "A.5.e") in flagged
    assert ("after-hours-promise", "ACA", "A.12") in flagged
    assert ("records-not-kept", "NBCC", "Telemental Health #5") in flagged
    with_cover = check_policy(text + "\nAn on-call colleague covers nights.", inputs(**CLINIC), corpus(), embeddings)
    assert not any(c.conflict == "after-hours-promise" for c in with_cover.conflicts)
    ontario = check_policy(text, inputs(jurisdictions=["CA-ON"], professions=["psychotherapy"]), corpus(), embeddings)
    assert ("records-not-kept", "CRPO", "3.4.6") in {(c.conflict, c.code, c.section) for c in ontario.conflicts}


def test_check_without_embeddings_uses_phrases_and_says_so() -> None:
    result = check_policy(SAMPLE, inputs(**CLINIC), corpus(), None)
    assert any("phrases only" in n for n in result.notices)
    assert set(result.missing_required) >= PLANTED_MISSING


def test_docx_is_read_in_memory() -> None:
    document = Document()
    for paragraph in SAMPLE.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_policy_bytes(buffer.getvalue(), "policy.docx")
    assert "friend requests" in text and len(sentences(text)) >= 10


def test_oversize_files_and_zip_bombs_are_refused() -> None:
    with pytest.raises(PolicyFileTooLarge):
        read_policy_bytes(b"a" * (MAX_UPLOAD_BYTES + 1), "big.txt")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (20 << 20))  # 20 MiB of spaces compress to ~20 KiB
    assert len(buffer.getvalue()) < MAX_UPLOAD_BYTES
    with pytest.raises(PolicyFileTooLarge, match="unpacks to more than"):
        read_policy_bytes(buffer.getvalue(), "bomb.docx")


@pytest.mark.parametrize(
    ("raw", "name"),
    [(b"\xff\xfe\x00p\x00o", "policy.txt"), (b"PK\x03\x04not a zip", "policy.docx"), (b"\x89PNG\x00\x00", "x.txt")],
)
def test_unreadable_files_are_refused_cleanly(raw: bytes, name: str) -> None:
    with pytest.raises(PolicyFileInvalid):
        read_policy_bytes(raw, name)
