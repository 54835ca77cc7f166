"""The answer object every channel (CLI, batch JSON, HTTP, web UI, widget) renders."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.crisis.types import AlertTier, BlockCategory, Language


class Citation(BaseModel):
    """A numbered source a client can open: code, section, and the official link."""

    n: int
    code: str
    title: str
    edition: str
    jurisdiction: str
    section: str | None = Field(description="None when the passage has no number (see section_status).")
    section_status: str = Field(
        "read-in-text",
        description="read-in-text | fact-sheet | not-numbered: where the section number comes from.",
    )
    heading: str
    url: str
    excerpt: str
    kind: str = "code"


class CrisisResource(BaseModel):
    """One line to call or text, as shown in the crisis block."""

    name: str
    phone: str | None = None
    menu_option: str | None = Field(None, description="Key to press once connected, e.g. '1' after 988.")
    text: str | None = Field(None, description="How to text, e.g. 'text SHOUT to 85258'.")
    url: str | None = None
    hours: str | None = Field(None, description="Shown only where verified; '24/7' for round-the-clock lines.")
    details: str | None = Field(None, description="The line's public text: who it is for, other ways to reach it.")


class CrisisBlock(BaseModel):
    """Emergency-contact guidance shown before anything else in a reply."""

    category: BlockCategory = Field(description="The crisis category, or 'distress' for a check-in.")
    tier: AlertTier
    language: Language = Field("en", description="The language of the block's wording (numbers never change).")
    resources: list[CrisisResource]
    message: str = Field(description="Markdown with tel:/sms: links, shown as a banner.")


class HistoryTurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class Ask(BaseModel):
    """A question as the batch CLI and the HTTP API receive it."""

    question: str
    jurisdiction: str | None = None
    history: list[HistoryTurn] = Field(default_factory=list)
    clinic: str | None = Field(
        None,
        pattern=r"^[a-z0-9][a-z0-9-]{0,62}$",
        description="A clinic's id (clinics/<id>.toml): its policy is cited first, its after-hours line joins "
        "the crisis block, its place is the default and its limits apply.",
    )


class GuideRef(BaseModel):
    """The plain-language guide an answer leads with; ``url`` opens the whole guide."""

    id: str = Field(description="The guide's file name in corpus/guides (stable).")
    title: str
    url: str


class Part(BaseModel):
    """One of the things a message asks, answered in order."""

    question: str
    guide: GuideRef | None


class Alternative(BaseModel):
    """Another reading of an unsure question: the guide it would lead with, and the question to ask."""

    id: str
    title: str
    question: str


class Notice(BaseModel):
    """A note shown with a reply: a stable code for programs, and readable text for people.

    Codes: ``message_truncated``, ``search_unavailable`` (retrieval failed, so only the crisis
    block could be given), ``unknown_jurisdiction``, ``message_too_long``, ``place_from_message``
    (a place named in the message was used instead of the picker's), ``answered_in_english``
    (in the person's language), ``other_reading`` (the question could be read two ways),
    ``llm_unavailable``, ``llm_unchecked``, ``llm_not_configured``.
    """

    code: str
    text: str


class Reply(BaseModel):
    """What the assistant says back: Markdown answer, citations and any crisis block."""

    answer: str
    citations: list[Citation] = Field(default_factory=list)
    crisis: CrisisBlock | None = None
    jurisdiction: str | None = None
    in_scope: bool = True
    backend: str = "extractive"
    guide: GuideRef | None = Field(None, description="The guide of the (first) question.")
    parts: list[Part] = Field(default_factory=list, description="When a message asks more than one thing.")
    alternatives: list[Alternative] = Field(default_factory=list, description="When the reading was uncertain.")
    notices: list[Notice] = Field(default_factory=list, description="Truncation, fallback and similar notes.")
    timings_ms: dict[str, float] = Field(default_factory=dict)
