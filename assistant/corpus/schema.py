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

from assistant.jurisdictions import KNOWN_CODES

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


# What a crisis line is for. ``instruction`` lines carry only public text (e.g. "contact your community health
# centre"), never a number; the specialised needs (veterans ... indigenous) are added to the block when the
# message says who the person is, always after the emergency number and the 24/7 line.
CRISIS_NEEDS: tuple[str, ...] = (
    "emergency", "crisis", "text", "domestic-violence", "sexual-assault", "poison", "urgent-mental-health",
    "youth", "veterans", "lgbtq", "men", "eating-disorder", "indigenous", "instruction", "international",
)  # fmt: skip
CrisisNeed = Literal[CRISIS_NEEDS]  # type: ignore[valid-type]


class CrisisLine(Strict):
    """One emergency or support line: what a person sees (``public_text``) kept apart from what maintainers
    need (``maintainer_note``, never shown), and when and against what it was checked."""

    need: CrisisNeed
    name: str
    phone: str | None = Field(None, description="Digits as dialled, e.g. '988' or '0800 1111'.")
    menu_option: str | None = Field(
        None, description="Key to press after the call connects: '1' renders as 'call 988, then press 1' (tel:988,1)."
    )
    text: str | None = Field(None, description="SMS number, e.g. '988' or '85258'.")
    text_keyword: str | None = Field(None, description="Word to send, e.g. 'SHOUT'.")
    url: HttpUrl | None = None
    hours: str | None = Field(None, description="Shown only when verified; null shows no hours.")
    twenty_four_seven: bool
    languages: list[str] | None = None
    public_text: str | None = Field(None, description="What a person in crisis sees: plain and kind.")
    maintainer_note: str | None = Field(None, description="Sources, doubts, dates: never shown to anyone.")
    checked_on: dt.date = Field(description="The day someone checked this line (not the source's date).")
    checked_against: str = Field(description="The official page or the fact sheet it was checked against.")
    source_date: dt.date | None = None
    status: Literal["verified", "partly-verified"]
    instead_of: CrisisNeed | None = Field(
        None, description="For an instruction line: the need it stands in for where that need has no line (e.g. "
        "emergency in Nunavut, poison in Northern Ireland)."
    )
    always_shown: bool = Field(
        False, description="Shown in every block of its region, whatever the category (e.g. Nunavut's Hope for "
        "Wellness line, where 911 may not work)."
    )

    _check_required = field_validator("name", "checked_against")(_non_blank)

    @model_validator(mode="after")
    def _consistent(self) -> CrisisLine:
        if self.need == "instruction":
            if self.phone or self.text:
                raise ValueError("an instruction line gives no number (never invent one)")
            if not self.public_text:
                raise ValueError("an instruction line needs public_text")
        elif self.instead_of is not None:
            raise ValueError("only an instruction line stands in for another need")
        elif not (self.phone or self.text or self.url):
            raise ValueError("a crisis line needs a phone, a text number or a url")
        if self.menu_option is not None and not self.phone:
            raise ValueError("menu_option needs a phone number")
        if self.text_keyword is not None and not self.text:
            raise ValueError("text_keyword needs a text number")
        if self.twenty_four_seven and not self.hours:
            raise ValueError("a 24/7 line states its hours ('24/7')")
        if self.source_date is not None and self.source_date > self.checked_on:
            raise ValueError("source_date is after checked_on")
        return self


class CrisisRegion(Strict):
    """The lines of one place: a country, a subdivision (merged with its country's lines by the loader) or INTL."""

    jurisdiction: str = Field(description="A code of assistant/jurisdictions.py (US, CA-NU, GB-SCT, ...) or INTL.")
    name: str
    excludes_country_lines: list[CrisisNeed] = Field(
        default_factory=list,
        description="Needs whose country-level lines do not work here (e.g. emergency in Nunavut: 911).",
    )
    lines: list[CrisisLine] = Field(min_length=1)

    @field_validator("jurisdiction")
    @classmethod
    def _known_place(cls, value: str) -> str:
        if value != "INTL" and value not in KNOWN_CODES:
            raise ValueError(f"unknown jurisdiction {value!r} (see assistant/jurisdictions.py)")
        return value

    @model_validator(mode="after")
    def _subdivision_exclusions_only(self) -> CrisisRegion:
        if self.excludes_country_lines and "-" not in self.jurisdiction:
            raise ValueError("only a subdivision can exclude its country's lines")
        return self


class CrisisResources(Strict):
    regions: list[CrisisRegion] = Field(min_length=1)


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in stable keys."""
    return _SLUG.sub("-", text.lower()).strip("-")
