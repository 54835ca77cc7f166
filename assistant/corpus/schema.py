"""The shape of every corpus file, checked before anything reaches the index.

A wrong section number or a guide pointing at nothing would become a wrong citation in
front of a client, so the schema is strict: unknown fields, unknown topics, unknown
jurisdictions and empty provisions are all errors.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

TOPICS: tuple[str, ...] = (
    "texting",
    "email",
    "phone",
    "social-media",
    "emergencies",
    "dual-relationships",
    "after-termination",
    "sexual-boundaries",
    "gifts",
    "barter",
    "informed-consent-technology",
    "confidentiality-electronic",
    "telehealth",
    "chance-encounters",
    "self-disclosure",
    "termination",
)

JURISDICTIONS: tuple[str, ...] = (
    "US", "US-TX", "US-OH", "US-NY",
    "CA", "CA-ON",
    "GB", "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR",
    "IE",
    "AU",
    "NZ",
)  # fmt: skip

CODE_IDS: tuple[str, ...] = (
    "APA", "APA-TELE", "ACA", "NASW", "AAMFT", "NBCC", "TX-LPC", "OH-CSWMFT", "NY-PSY",
    "BACP", "UKCP", "HCPC", "BPS", "BPC",
    "CPA", "CCPA", "CRPO", "CPBAO", "RHPA",
    "APS", "PsyBA", "PACFA", "ACA-AU",
    "NZAC", "NZ-PSY",
    "PSI", "IACP",
)  # fmt: skip

Topic = Literal[TOPICS]  # type: ignore[valid-type]
Jurisdiction = Literal[JURISDICTIONS]  # type: ignore[valid-type]
CodeId = Literal[CODE_IDS]  # type: ignore[valid-type]


class Kind(StrEnum):
    code = "code"
    regulator_standard = "regulator-standard"
    guideline = "guideline"
    law = "law"


class Confidence(StrEnum):
    """How well the section number and substance were checked (from shared/facts)."""

    high = "high"
    med = "med"
    unverified = "unverified"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _non_blank(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    return value


class Provision(Strict):
    """One provision of a code, paraphrased in our own words."""

    section: str | None = Field(
        None, description="Number exactly as the code numbers it; null when not verified."
    )
    heading: str
    text: str = Field(description="Faithful paraphrase, never the code's own sentences.")
    topics: list[Topic] = Field(min_length=1)
    confidence: Confidence
    positions: dict[Topic, str] = Field(
        default_factory=dict, description="Short structured position per topic, for comparisons."
    )
    url: HttpUrl | None = None
    asked_as: list[str] = Field(
        default_factory=list,
        max_length=6,
        description="Questions in clients' own words that this provision answers; indexed to bridge "
        "their vocabulary and the code's, never shown as the code's content.",
    )

    _check_heading = field_validator("heading", "text")(_non_blank)

    @model_validator(mode="after")
    def _section_matches_confidence(self) -> Provision:
        if self.section is None and self.confidence != Confidence.unverified:
            raise ValueError("a provision without a section number must have confidence 'unverified'")
        if self.section is not None and self.confidence == Confidence.unverified:
            raise ValueError("an unverified section number must not be cited: set section to null")
        for topic in self.positions:
            if topic not in self.topics:
                raise ValueError(f"position for topic {topic!r} which the provision is not tagged with")
        return self

    @property
    def key(self) -> str:
        """Stable key inside its code: the section, or a slug of the heading when unnumbered."""
        return self.section if self.section else "~" + slugify(self.heading)


class Code(Strict):
    """An ethics code, regulator standard, guideline or law, with its provisions."""

    code: CodeId
    title: str
    body: str
    edition: str
    jurisdiction: Jurisdiction
    url: HttpUrl
    kind: Kind
    last_checked: dt.date
    note: str | None = None
    provisions: list[Provision] = Field(min_length=1)

    @field_validator("provisions")
    @classmethod
    def _unique_sections(cls, provisions: list[Provision]) -> list[Provision]:
        seen: set[str] = set()
        for number, provision in enumerate(provisions, start=1):
            if provision.key in seen:
                raise ValueError(f"duplicate section {provision.key!r} (provision {number})")
            seen.add(provision.key)
        return provisions


class GuidePoint(Strict):
    """One claim of a topic guide and the provisions it rests on ("CODE section")."""

    text: str
    cites: list[str] = Field(min_length=1)

    _check_text = field_validator("text")(_non_blank)


class Guide(Strict):
    """A plain-language answer to one common client question."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    question: str
    also_asked: list[str] = Field(default_factory=list)
    topics: list[Topic] = Field(min_length=1)
    short_answer: str
    points: list[GuidePoint] = Field(min_length=1)
    last_checked: dt.date

    _check_text = field_validator("question", "short_answer")(_non_blank)


class PolicySection(Strict):
    heading: str
    text: str
    topics: list[Topic] = Field(min_length=1)


class Policy(Strict):
    """A clinic's own communication policy (the samples are labelled as such)."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    clinic: str
    title: str
    jurisdiction: Jurisdiction
    sample: bool
    url: HttpUrl | None = None
    last_checked: dt.date
    after_hours: str | None = Field(None, description="The clinic's own after-hours instruction.")
    sections: list[PolicySection] = Field(min_length=1)


class CrisisLine(Strict):
    """One emergency or support line, always with where and when it was checked."""

    need: Literal[
        "emergency", "crisis", "text", "domestic-violence", "sexual-assault", "poison",
        "urgent-mental-health", "youth", "international",
    ]  # fmt: skip
    name: str
    phone: str | None = None
    text: str | None = Field(None, description="SMS number, e.g. '988' or '85258'.")
    text_keyword: str | None = Field(None, description="Word to send, e.g. 'SHOUT'.")
    url: HttpUrl | None = None
    hours: str
    twenty_four_seven: bool
    source: str
    last_checked: dt.date
    status: Literal["verified", "partly-verified"]
    note: str | None = None

    @model_validator(mode="after")
    def _has_contact(self) -> CrisisLine:
        if not (self.phone or self.text or self.url):
            raise ValueError("a crisis line needs a phone, a text number or a url")
        return self


class CrisisRegion(Strict):
    jurisdiction: Jurisdiction | Literal["INTL"]
    name: str
    lines: list[CrisisLine] = Field(min_length=1)


class CrisisResources(Strict):
    regions: list[CrisisRegion] = Field(min_length=1)


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in stable keys."""
    return _SLUG.sub("-", text.lower()).strip("-")
