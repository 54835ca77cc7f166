"""What a clinic tells the policy engine, and what the engine gives back (drafts, conflicts, checks).

Inputs are strict, like the corpus schema: an unknown channel, profession or place is an error with
a readable message, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.corpus.schema import CodeId, Profession

Channel = Literal["texting", "email", "phone", "video", "portal", "none"]
Purpose = Literal["scheduling", "clinical"]
SocialMedia = Literal["none", "professional-page", "personal"]
Document = Literal["policy", "consent"]
ClauseKind = Literal["required", "recommended"]
CHANNELS: tuple[str, ...] = ("texting", "email", "phone", "video", "portal", "none")
ELECTRONIC: tuple[str, ...] = ("texting", "email", "phone", "video", "portal")

# The privacy laws the documents name as not checked (the list, plus the same law for every country served).
PRIVACY_LAWS_NOT_CHECKED: tuple[str, ...] = (
    "HIPAA (United States)",
    "PHIPA (Ontario) and other Canadian health-privacy laws",
    "the UK GDPR and the Data Protection Act 2018 (United Kingdom)",
    "the GDPR as applied in Ireland (Data Protection Act 2018)",
    "the Privacy Act 1988 (Australia)",
    "the Privacy Act 2020 and Health Information Privacy Code (New Zealand)",
)
DISCLAIMER = (
    "This document is general information drafted from published professional codes. It is not legal advice. "
    "It does not check privacy or health-information law, such as "
    + ", ".join(PRIVACY_LAWS_NOT_CHECKED[:-1])
    + " or "
    + PRIVACY_LAWS_NOT_CHECKED[-1]
    + ". Have it checked before you use it."
)

_DURATION = re.compile(
    r"^\s*(\d{1,3})\s*(h|hr|hrs|hours?|d|days?|wd|working days?|business days?|w|wks?|weeks?)\s*$", re.I
)


def response_time_words(value: str) -> str:
    """'2d' -> '2 working days', '4h' -> '4 hours', '1w' -> '1 week'; other text is kept as written."""
    match = _DURATION.match(value)
    if not match:
        return value.strip()
    number, unit = int(match.group(1)), match.group(2).lower()
    if unit.startswith("h"):
        word = "hour"
    elif unit.startswith("w") and unit != "wd" and not unit.startswith("working"):
        word = "week"
    else:
        word = "working day"
    return f"{number} {word}{'' if number == 1 else 's'}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PolicyInputs(Strict):
    """A clinic's choices. Jurisdictions are ISO codes (US, US-TX, CA-ON, GB-SCT ...), normalised on input."""

    clinic: str = Field("our practice", min_length=1, max_length=200)
    jurisdictions: list[str] = Field(min_length=1)
    professions: list[Profession] = Field(min_length=1)
    memberships: list[CodeId] | None = Field(
        None,
        description="Codes of the associations, registers and colleges the clinicians belong to; None = not "
        "stated (every membership and registration listed for the place and profession is assumed).",
    )
    channels: list[Channel] = Field(min_length=1)
    purpose: list[Purpose] = Field(default_factory=lambda: ["scheduling"])  # type: ignore[arg-type]  # Literal list
    response_time: str = Field("2d", min_length=1, max_length=200)
    after_hours: str | None = Field(None, max_length=2000)
    emergency: str | None = Field(None, max_length=2000, description="The clinic's own emergency instruction.")
    social_media: SocialMedia = "none"
    records: Literal["yes", "no"] = "yes"
    secure_messaging: bool = Field(False, description="Text messages go through an encrypted service, not SMS.")
    written_consent: bool = Field(True, description="Clients sign the consent form before electronic contact.")

    @field_validator("jurisdictions")
    @classmethod
    def _places(cls, values: list[str]) -> list[str]:
        from assistant.jurisdictions import normalize

        out: list[str] = []
        for value in values:
            code = normalize(value)  # raises UnknownJurisdiction with the list of accepted places
            if code is None:
                raise ValueError(f"{value!r} is not a place")
            if code not in out:
                out.append(code)
        return out

    @model_validator(mode="after")
    def _consistent(self) -> PolicyInputs:
        if "none" in self.channels and len(self.channels) > 1:
            raise ValueError("channel 'none' cannot be combined with other channels")
        self.channels = [c for c in self.channels if c in CHANNELS]
        self.channels.sort(key=CHANNELS.index)  # canonical order
        self.professions = list(dict.fromkeys(self.professions))
        self.purpose = list(dict.fromkeys(self.purpose))
        if not self.purpose:
            raise ValueError("purpose needs scheduling, clinical or both")
        return self

    @property
    def electronic(self) -> list[str]:
        return [c for c in self.channels if c != "none"]


class Citation(Strict):
    code: str
    section: str | None = Field(description="null where the provision has no number: never invented")
    url: str
    heading: str


class Clause(Strict):
    id: str
    element: str
    text: str
    citations: list[Citation]
    required_by: list[str]
    kind: ClauseKind
    documents: list[Document]


class Conflict(Strict):
    choice: str
    code: str
    section: str | None
    reason: str
    conflict: str = Field(description="catalogue id")
    clause: str | None = Field(description="the drafted clause it is shown next to")
    effect: Literal["forbids", "conditions"]
    url: str = ""


class BoundCode(Strict):
    """A code selected for the clinic, and why."""

    code: str
    title: str
    binding: Literal["law", "regulator", "membership", "guidance"]
    requires: bool = Field(description="law, regulator or membership, confirmed, in force: can make clauses required")
    jurisdictions: list[str]
    professions: list[str]
    assumed: bool = Field(description="a membership or registration assumed because the clinic listed none")
    checked: bool
    condition: str


class Draft(Strict):
    """A drafted contact policy and consent form, with conflicts, for one clinic's inputs."""

    inputs: PolicyInputs
    drafted_on: dt.date
    corpus_digest: str
    bindings: list[BoundCode]
    clauses: list[Clause]
    conflicts: list[Conflict]
    notices: list[str]
    disclaimer: str = DISCLAIMER
    privacy_laws_not_checked: list[str] = Field(default_factory=lambda: list(PRIVACY_LAWS_NOT_CHECKED))

    def document(self, name: str) -> list[Clause]:
        return [c for c in self.clauses if name in c.documents]

    def by_code(self) -> dict[str, list[tuple[Clause, list[str | None]]]]:
        """Which code asks for (or backs) what: code -> [(clause, its sections cited)], codes in binding order."""
        out: dict[str, list[tuple[Clause, list[str | None]]]] = {b.code: [] for b in self.bindings}
        for clause in self.clauses:
            for code in dict.fromkeys(c.code for c in clause.citations):
                out.setdefault(code, []).append((clause, [c.section for c in clause.citations if c.code == code]))
        return {k: v for k, v in out.items() if v}


class ElementCheck(Strict):
    element: str
    required: bool
    required_by: list[str]
    covered: bool
    how: str = Field(description="'phrases', 'similarity 0.62' or 'not found'")
    sentence: int | None = Field(None, description="1-based number of the best matching sentence")
    citations: list[Citation]


class SentenceConflict(Strict):
    sentence: int
    text: str
    conflict: str
    choice: str
    code: str
    section: str | None
    reason: str
    url: str = ""


class CheckResult(Strict):
    """check-policy: which elements an existing policy covers, which required ones are missing, and flags."""

    sentences: int
    elements: list[ElementCheck]
    missing_required: list[str]
    conflicts: list[SentenceConflict]
    bindings: list[BoundCode]
    notices: list[str]
    disclaimer: str = (
        "Coverage is found by phrases and by meaning (a sentence-similarity model), and conflicts only from a "
        "fixed catalogue of known ones: this is not a general contradiction check, and not legal advice."
    )
