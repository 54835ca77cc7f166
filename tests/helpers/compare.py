"""Shared bits of the staff comparison tests: hand-made rows and one knowledge base per index."""

from __future__ import annotations

from assistant.compare import NOT_ADDRESSED, Row, SectionRef
from assistant.config import Settings
from assistant.index.knowledge_base import KnowledgeBase

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_KBS: dict[str, KnowledgeBase] = {}


def make_row(code: str, position: str | None, coverage: str = "explicit", section: str | None = "1.1") -> Row:
    """A row as compare() would build it, without an index."""
    sections = [] if coverage == "none" else [SectionRef(section=section, heading=f"{code} heading", url="https://x.org")]
    return Row(code=code, jurisdiction="US", coverage=coverage, sections=sections, position=position,
               paraphrase="text" if coverage != "none" else NOT_ADDRESSED, url="https://x.org")  # fmt: skip


def knowledge_base(settings: Settings) -> KnowledgeBase:
    """The index of ``settings`` loaded once for all comparison test modules (its caches are shared)."""
    key = str(settings.index_dir)
    if key not in _KBS:
        from assistant.index.embeddings import get_embeddings

        _KBS[key] = KnowledgeBase.load(settings, get_embeddings(settings))
    return _KBS[key]
