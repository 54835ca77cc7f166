"""The shape of a comparison: one row per code, plus the topic, scope and summary.

Pydantic models, so the JSON renderer and reader are ``model_dump_json`` and
``model_validate_json`` and the schema is documented in one place.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Coverage = Literal["explicit", "general", "none"]
TopicSource = Literal["exact", "detected", "nearest"]  # a topic name, words matched, nearest description
NOT_ADDRESSED = "Not addressed in the corpus."  # the paraphrase of a row with coverage "none"
CHECKED_ABSENT = "Checked: its text does not address this."  # ... when the whole text was read for it


class SectionRef(BaseModel):
    section: str | None = Field(description="Verified section number; null when unnumbered.")
    heading: str
    url: str


class Row(BaseModel):
    """What one code says on the topic."""

    code: str
    body: str = ""
    title: str = ""
    jurisdiction: str = ""
    edition: str = ""
    kind: str = ""
    coverage: Coverage
    sections: list[SectionRef] = Field(default_factory=list)
    position: str | None = Field(None, description="Structured position(s) from the corpus.")
    at_a_glance: str | None = Field(
        None, description="The code's typed position on the topic (waiting period, cap, ban), when it states one."
    )
    checked_absent: bool = Field(
        False, description="True when the code's whole text was read and says nothing on the topic."
    )
    paraphrase: str
    url: str = Field("", description="Official source of the code.")


class Comparison(BaseModel):
    query: str
    topic: str
    topic_source: TopicSource
    related_topics: list[str] = Field(default_factory=list)
    jurisdictions: list[str] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)
    rows: list[Row]
    summary: str
    # Always "rules" since the model-written summary was removed; kept so saved JSON keeps its shape.
    summary_source: Literal["rules", "llm"] = "rules"
    elapsed_ms: float = 0.0
