"""Change notifications: which provisions a drafted or adopted policy cites, with a digest of their text,
and which of them a later corpus has changed.

A :class:`CitedRecord` is written beside an adopted policy (:func:`record_json`, a small JSON sidecar)
and embedded in every document the staff page hands out (:func:`embed_in_text`, :func:`embed_in_docx`),
so a policy uploaded to "Check an existing policy" months later still says what it was drafted from.
:func:`changed_provisions` compares a record with the corpus now: a provision whose heading or text
changed, or that is gone, is listed. Nothing here reads or keeps the policy's own wording.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from typing import Literal

from pydantic import Field, ValidationError

from assistant.corpus.loader import Corpus
from assistant.corpus.schema import Provision, Strict
from assistant.policy.models import Draft

RECORD_FORMAT = 1
MAX_RECORD_CHARS = 64 * 1024  # a record cites a few dozen provisions: anything longer is not one of ours
MARKER = "cea-policy-record:"
_EMBEDDED = re.compile(re.escape(MARKER) + r"([A-Za-z0-9_=-]{16,90000})")


class CitedProvision(Strict):
    code: str = Field(max_length=40)
    key: str = Field(max_length=200, description="the provision's stable key in its code (section or heading slug)")
    section: str | None = Field(max_length=60)
    heading: str = Field(max_length=400)
    digest: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the provision's heading and text")


class CitedRecord(Strict):
    """The provisions a policy cites, as the corpus had them when it was drafted (or adopted)."""

    format: Literal[1] = 1
    version: str = Field(max_length=80, description="the policy's version (adopt.policy_version)")
    drafted_on: dt.date
    corpus_digest: str = Field(max_length=64)
    provisions: list[CitedProvision] = Field(max_length=500)


class ProvisionChange(Strict):
    code: str
    key: str
    section: str | None
    heading: str
    status: Literal["changed", "removed"]
    url: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.section}" if self.section else f"{self.code} ({self.heading})"


def provision_digest(provision: Provision) -> str:
    """What a change is measured on: the heading and the paraphrase, whitespace-normalised."""
    text = " ".join(provision.heading.split()) + "\n" + " ".join(provision.text.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _find(corpus: Corpus, code_id: str, key: str) -> Provision | None:
    code = corpus.code(code_id)
    if code is None:
        return None
    return next((p for p in code.provisions if p.key == key), None)


def provision_for(corpus: Corpus, code_id: str, section: str | None, heading: str) -> Provision | None:
    """The provision a citation names: by its section, or by its heading when it has no number."""
    code = corpus.code(code_id)
    if code is None:
        return None
    if section is not None:
        return next((p for p in code.provisions if p.section == section), None)
    return next((p for p in code.provisions if p.section is None and p.heading == heading), None)


def cited_record(draft: Draft, corpus: Corpus) -> CitedRecord:
    """The record of a draft: every provision its clauses and conflicts cite, once, in order of first use."""
    from assistant.policy.adopt import policy_version

    seen: dict[tuple[str, str], CitedProvision] = {}
    wanted: list[tuple[str, str | None, str]] = [
        (c.code, c.section, c.heading) for clause in draft.clauses for c in clause.citations
    ]
    for conflict in draft.conflicts:
        wanted.append((conflict.code, conflict.section, ""))
    for code_id, section, heading in wanted:
        provision = provision_for(corpus, code_id, section, heading)
        if provision is None or (code_id, provision.key) in seen:
            continue
        seen[(code_id, provision.key)] = CitedProvision(
            code=code_id,
            key=provision.key,
            section=provision.section,
            heading=provision.heading,
            digest=provision_digest(provision),
        )
    return CitedRecord(
        version=policy_version(draft),
        drafted_on=draft.drafted_on,
        corpus_digest=draft.corpus_digest,
        provisions=list(seen.values()),
    )


def changed_provisions(record: CitedRecord, corpus: Corpus) -> list[ProvisionChange]:
    """The cited provisions whose heading or text the corpus has changed since the record, or removed."""
    out: list[ProvisionChange] = []
    for cited in record.provisions:
        code = corpus.code(cited.code)
        url = str(code.url) if code is not None else ""
        now = _find(corpus, cited.code, cited.key)
        if now is None:
            out.append(
                ProvisionChange(
                    code=cited.code,
                    key=cited.key,
                    section=cited.section,
                    heading=cited.heading,
                    status="removed",
                    url=url,
                )
            )
        elif provision_digest(now) != cited.digest:
            out.append(
                ProvisionChange(
                    code=cited.code, key=cited.key, section=now.section, heading=now.heading, status="changed", url=url
                )
            )
    return out


# -- the sidecar and the embedded copy ---------------------------------------------------------------


def record_json(record: CitedRecord) -> str:
    """The sidecar's text (``<policy file>.cited.json`` beside an adopted policy)."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2)


def read_record_json(text: str) -> CitedRecord | None:
    """A sidecar's record, or None when the text is not one (never an error: it may be anything)."""
    if len(text) > MAX_RECORD_CHARS:
        return None
    try:
        return CitedRecord.model_validate_json(text)
    except (ValidationError, ValueError):
        return None


def _token(record: CitedRecord) -> str:
    raw = json.dumps(record.model_dump(mode="json"), separators=(",", ":")).encode("utf-8")
    return MARKER + base64.urlsafe_b64encode(raw).decode("ascii")


def embed_in_text(text: str, record: CitedRecord, kind: Literal["md", "html"]) -> str:
    """A Markdown or HTML document with the record in a comment at its end (invisible when rendered)."""
    return text.rstrip("\n") + f"\n\n<!-- {_token(record)} -->\n"


CUSTOM_XML_PART = "/customXml/cea-policy-record.xml"
CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"


def embed_in_docx(data: bytes, record: CitedRecord) -> bytes:
    """A DOCX with the record in a custom XML part (the standard place for data a document carries)."""
    from docx import Document
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = Document(io.BytesIO(data))
    xml = f'<?xml version="1.0" encoding="UTF-8"?><ceaPolicyRecord xmlns="urn:cea:policy-record">{_token(record)}'
    xml += "</ceaPolicyRecord>"
    part = Part(PackURI(CUSTOM_XML_PART), "application/xml", xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, CUSTOM_XML_REL)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _decode(match: re.Match[str] | None) -> CitedRecord | None:
    if match is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(match.group(1))
    except (binascii.Error, ValueError):
        return None
    return read_record_json(raw.decode("utf-8", errors="replace"))


def record_from_upload(raw: bytes, filename: str = "") -> CitedRecord | None:
    """The record embedded in an uploaded policy (Markdown, HTML, text or DOCX), or None.

    Call after :func:`assistant.policy.check.read_policy_bytes` accepted the bytes (size caps checked);
    a DOCX is read in memory, only its record part.
    """
    if filename.lower().endswith(".docx") or raw[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                info = archive.getinfo(CUSTOM_XML_PART.lstrip("/"))
                if info.file_size > MAX_RECORD_CHARS * 2:
                    return None
                text = archive.read(info).decode("utf-8", errors="replace")
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return None
        return _decode(_EMBEDDED.search(text))
    return _decode(_EMBEDDED.search(raw.decode("utf-8", errors="replace")))
