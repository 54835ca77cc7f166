"""The shape of every corpus file, checked before anything reaches the index.

A wrong section number or a guide pointing at nothing would become a wrong citation in
front of a client, so the schema is strict: unknown fields, unknown topics, unknown
jurisdictions and empty provisions are all errors.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

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

CODE_IDS: tuple[str, ...] = (
    "APA", "APA-TELE", "ACA", "NASW", "AAMFT", "NBCC", "TX-LPC", "OH-CSWMFT", "NY-PSY",
    "BACP", "UKCP", "HCPC", "BPS", "BPC", "BABCP", "COSCA", "NCPS",
    "CPA", "CCPA", "CRPO", "CPBAO", "RHPA", "CASW", "OPQ", "PROFCODE-QC", "CHCPBC", "CAP-AB", "NSCSW",
    "OCSWSSW",
    "APS", "PsyBA", "PACFA", "ACA-AU", "AASW", "NRHP-NSW", "NCC-QLD", "GCC-VIC", "PACFA-SM", "AHPRA-SM",
    "AHPRA-TH",
    "NZAC", "NZ-PSY", "HDC", "SWRB", "ANZASW", "PBANZ",
    "PSI", "IACP", "CORU-SW", "CORU-CP", "IAHIP", "ICP", "IACP-ONLINE", "APCP-ONLINE",
)  # fmt: skip

Topic = Literal[TOPICS]  # type: ignore[valid-type]  # a Literal built from the one tuple of topics
CodeId = Literal[CODE_IDS]  # type: ignore[valid-type]


def _known_jurisdiction(value: str) -> str:
    """A country or subdivision of the one jurisdiction table (every US state, CA province, ...)."""
    from assistant.jurisdictions import KNOWN_CODES

    if value not in KNOWN_CODES:
        raise ValueError(f"unknown jurisdiction {value!r}; use an ISO code such as US, CA-ON, GB-SCT, AU-NSW")
    return value


Jurisdiction = Annotated[str, AfterValidator(_known_jurisdiction)]
JURISDICTIONS: tuple[str, ...] = ("US", "CA", "GB", "IE", "AU", "NZ")  # the countries the product serves


class Kind(StrEnum):
    code = "code"
    regulator_standard = "regulator-standard"
    guideline = "guideline"
    law = "law"


class SectionStatus(StrEnum):
    """Where a provision's section number comes from (being unnumbered no longer implies unverified)."""

    read_in_text = "read-in-text"  # read in the code's own text (or a verbatim copy of it)
    fact_sheet = "fact-sheet"  # taken from ../shared/facts/ethics-codes.md, not yet read in the text
    not_numbered = "not-numbered"  # the text gives this passage no number, or none could be read


class ContentConfidence(StrEnum):
    """How well the substance was checked: high (read in the code's text), med (partial text or a
    reliable secondary copy), low (a single weak source, or a title only)."""

    high = "high"
    med = "med"
    low = "low"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _non_blank(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    return value


class Provision(Strict):
    """One provision of a code, paraphrased in our own words, with where and when it was read."""

    section: str | None = Field(None, description="Number exactly as the code numbers it; null when it has none.")
    section_status: SectionStatus
    content_confidence: ContentConfidence
    source_url: HttpUrl = Field(description="The copy of the text this provision was read in.")
    read_on: dt.date
    heading: str
    text: str = Field(description="Faithful paraphrase, never the code's own sentences.")
    topics: list[Topic] = Field(min_length=1)
    positions: dict[Topic, str] = Field(
        default_factory=dict, description="Short structured position per topic, for comparisons."
    )
    asked_as: list[str] = Field(
        default_factory=list,
        max_length=6,
        description="Questions in clients' own words that this provision answers; indexed to bridge "
        "their vocabulary and the code's, never shown as the code's content.",
    )

    _check_heading = field_validator("heading", "text")(_non_blank)

    @model_validator(mode="after")
    def _section_matches_status(self) -> Provision:
        if (self.section is None) != (self.section_status == SectionStatus.not_numbered):
            raise ValueError("section must be null exactly when section_status is 'not-numbered'")
        for topic in self.positions:
            if topic not in self.topics:
                raise ValueError(f"position for topic {topic!r} which the provision is not tagged with")
        return self

    @property
    def key(self) -> str:
        """Stable key inside its code: the section, or a slug of the heading when unnumbered."""
        return self.section if self.section else "~" + slugify(self.heading)


class SourceRead(Strict):
    """A text read for a code's entry."""

    url: HttpUrl
    read_on: dt.date
    what: str


class CheckedAbsence(Strict):
    """A topic the code's whole text was read for and does not address."""

    source_url: HttpUrl
    read_on: dt.date


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 7: "seven", 10: "ten"}


class TypedPosition(Strict):
    """A code's stance on a comparison topic, in fields staff can compare at a glance.

    ``cite`` names the provision (its section, or the heading of an unnumbered one) whose
    paraphrase must state every number given here.
    """

    cite: str
    conditions: str = ""
    min_years: int | None = Field(None, description="after-termination: the waiting period, in years")
    ban: bool | None = Field(None, description="after-termination: never allowed, whatever the time")
    allowed: Literal["yes", "conditional", "no"] | None = Field(None, description="gifts, barter")
    cap: str | None = Field(None, description="gifts: a value limit as the code states it, e.g. '$50'")
    personal_connections: Literal["forbidden", "discouraged", "conditional", "allowed"] | None = None
    consent_required: bool | None = None
    in_writing: bool | None = None
    records_required: bool | None = None

    def numbers(self) -> list[str]:
        """The figures the cited paraphrase must contain (as digits, or a number word)."""
        out = []
        if self.min_years is not None:
            out.append(str(self.min_years))
        if self.cap:
            out += re.findall(r"\d[\d,.]*", self.cap)
        return out


class Code(Strict):
    """An ethics code, regulator standard, guideline or law, with its provisions and provenance."""

    code: CodeId
    title: str
    body: str
    edition: str
    jurisdiction: Jurisdiction
    url: HttpUrl
    kind: Kind
    in_force: bool = True
    last_checked: dt.date
    note: str | None = None
    sources_read: list[SourceRead] = Field(default_factory=list)
    text_not_found: str | None = Field(None, description="What could not be found, and what was searched.")
    not_addressed: dict[Topic, CheckedAbsence] = Field(default_factory=dict)
    typed_positions: dict[Topic, TypedPosition] = Field(default_factory=dict)
    provisions: list[Provision] = Field(default_factory=list)

    @field_validator("provisions")
    @classmethod
    def _unique_sections(cls, provisions: list[Provision]) -> list[Provision]:
        seen: set[str] = set()
        for number, provision in enumerate(provisions, start=1):
            if provision.key in seen:
                raise ValueError(f"duplicate section {provision.key!r} (provision {number})")
            seen.add(provision.key)
        return provisions

    def provision(self, cite: str) -> Provision | None:
        """The provision a typed position or a citation names: its section, or an unnumbered one's heading."""
        for provision in self.provisions:
            if cite in (provision.section, provision.key, provision.heading):
                return provision
        return None

    @model_validator(mode="after")
    def _consistent(self) -> Code:
        if not self.provisions and not self.text_not_found:
            raise ValueError("a code with no provisions must say in text_not_found why")
        addressed = {t for p in self.provisions for t in p.topics}
        both = sorted(set(self.not_addressed) & addressed)
        if both:
            raise ValueError(f"topics both addressed and marked not addressed: {', '.join(both)}")
        for topic, position in self.typed_positions.items():
            cited = self.provision(position.cite)
            if cited is None:
                raise ValueError(f"typed position {topic!r} cites {position.cite!r}, which is not a provision")
            text = cited.text.lower()
            for number in position.numbers():
                word = _NUMBER_WORDS.get(int(number)) if number.isdigit() else None
                if number not in text and not (word and word in text):
                    raise ValueError(f"typed position {topic!r}: {number} is not in the paraphrase of {position.cite}")
        return self


class GuidePoint(Strict):
    """One claim of a topic guide, its topics, and the provisions it rests on ("CODE section")."""

    text: str
    topics: list[Topic] = Field(min_length=1)
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


PROFESSIONS: tuple[str, ...] = (
    "psychology", "counselling", "social-work", "marriage-family-therapy", "psychotherapy",
)  # fmt: skip
Profession = Literal[PROFESSIONS]  # type: ignore[valid-type]  # a Literal built from the one tuple of professions


class BindingKind(StrEnum):
    """How a code binds a practitioner (data-staging/POLICY-ELEMENTS.md): only the first three make a
    policy clause "required"; guidance is good practice."""

    law = "law"
    regulator = "regulator"
    membership = "membership"
    guidance = "guidance"

    @property
    def requires(self) -> bool:
        return self is not BindingKind.guidance


class Binding(Strict):
    """One (jurisdiction, profession, code): whether and how the code binds that profession there."""

    jurisdiction: Jurisdiction
    profession: Profession
    code: CodeId
    binding: BindingKind
    only_if_registered: bool = Field(
        False, description="The profession can be practised without this registration: binds only registrants."
    )
    via: list[CodeId] = Field(
        default_factory=list, description="Binds through registration with one of these codes, so only when one binds."
    )
    in_force: bool = True
    checked: bool = Field(description="False: the binding could not be confirmed; it never makes a clause required.")
    condition: str
    source: str
    review: str | None = Field(None, description="What the review for issue 17 decided about this entry, and why.")

    _check_text = field_validator("condition", "source")(_non_blank)

    @model_validator(mode="after")
    def _consistent(self) -> Binding:
        if self.binding in (BindingKind.membership, BindingKind.guidance) and (self.only_if_registered or self.via):
            raise ValueError(
                f"only_if_registered and via are for law and regulator entries ({self.binding.value} entries "
                "are gated by membership already, or bind no one)"
            )
        if self.code in self.via:
            raise ValueError(f"{self.code} cannot bind via itself")
        return self


class Bindings(Strict):
    """corpus/bindings.yaml: who is bound by what, per jurisdiction and profession."""

    reviewed_on: dt.date
    guidance_provisions: dict[CodeId, list[str]] = Field(
        default_factory=dict,
        description="Provisions inside a binding code's file that are the body's guidance, not its code "
        "(by section, or ~slug of the heading when unnumbered).",
    )
    bindings: list[Binding] = Field(min_length=1)

    @field_validator("bindings")
    @classmethod
    def _unique(cls, bindings: list[Binding]) -> list[Binding]:
        seen: set[tuple[str, str, str]] = set()
        for number, entry in enumerate(bindings, start=1):
            key = (entry.jurisdiction, entry.profession, entry.code)
            if key in seen:
                raise ValueError(f"entry {number} repeats {' / '.join(key)}")
            seen.add(key)
        return bindings


_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug used in stable keys."""
    return _SLUG.sub("-", text.lower()).strip("-")
