"""Text helpers shared by row building, the summary and the renderers.

Corpus text arrives with line breaks and abbreviations ("e.g."); rows show one or two
clean sentences, and positions are labelled by section, or by heading when unnumbered.
"""

from __future__ import annotations

import re

PARAPHRASE_CHARS = 320

_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|cf|Dr|No|St|Mr|Ms|Mrs|approx|Nov|Dec)\.$")
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")

# Wording of structured positions: sexual matters versus other relationships. Selection uses
# them to honour a query that rules sex out ("non-sexual"); the summary to split waiting periods.
SEXUAL = re.compile(r"sexual|romantic|intima", re.I)
OTHER_REL = re.compile(r"friendship|business|non-therapeutic|non-professional|of any kind|personal", re.I)


def clean(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", text or "").strip()


def sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking after 'e.g.' and similar."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start : m.start()]
        if _ABBREV.search(piece):
            continue
        out.append(piece.strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def paraphrase(excerpt: str, limit: int = PARAPHRASE_CHARS) -> str:
    """The first one or two sentences of a provision's (already paraphrased) corpus text."""
    parts = sentences(clean(excerpt))
    if not parts:
        return ""
    text = parts[0]
    if len(parts) > 1 and (len(text) + len(parts[1]) + 1 <= limit or len(text) < 90):
        text = f"{text} {parts[1]}"
    if len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
        text = cut + "…"
    return text


def label(section: str | None, heading: str) -> str:
    """How a provision is named in a row's position: its number, else its quoted heading."""
    return section if section else f'"{heading}" (unnumbered)'


_ALLOWED = {"yes": "allowed", "conditional": "allowed with conditions", "no": "not allowed"}


def at_a_glance(topic: str, typed: dict | None) -> str | None:
    """A code's typed position on ``topic`` in a few words ("at least 5 years; document the decision")."""
    if not typed:
        return None
    parts: list[str] = []
    if topic == "after-termination":
        if typed.get("ban"):
            parts.append("never, whatever the time")
        elif typed.get("min_years") is not None:
            parts.append(f"not for at least {typed['min_years']} years")
        else:
            parts.append("no fixed waiting period")
    if typed.get("allowed"):
        parts.append(_ALLOWED[typed["allowed"]])
    if typed.get("cap"):
        parts.append(f"cap {typed['cap']}")
    if typed.get("personal_connections"):
        parts.append(f"personal connections with clients: {typed['personal_connections']}")
    flags = [
        label
        for key, label in (
            ("consent_required", "consent required"),
            ("in_writing", "in writing"),
            ("records_required", "kept in the record"),
        )
        if typed.get(key)
    ]
    parts += flags
    if typed.get("conditions"):
        parts.append(clean(str(typed["conditions"])))
    return "; ".join(parts) or None
