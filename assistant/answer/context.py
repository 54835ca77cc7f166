"""What one turn hands to the composers: the question, its place and topics, and the ranked passages."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.index.knowledge_base import Hit


@dataclass
class Context:
    """Everything the composers need for one turn, already retrieved and ranked."""

    question: str
    jurisdiction: str | None
    topics: list[str]
    guide: Hit | None = None
    local: list[Hit] = field(default_factory=list)
    other: list[Hit] = field(default_factory=list)
    policy: list[Hit] = field(default_factory=list)
    in_scope: bool = True
    decline_reason: str = ""
    brief: bool = False  # a crisis reply: the short answer and the two strongest passages only
    place_reason: str | None = None  # why these codes: "you mentioned Sydney", "you chose Ontario"

    @property
    def passages(self) -> list[Hit]:
        return self.policy + self.local + self.other
