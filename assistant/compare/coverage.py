"""How deep the corpus is, per country: `python -m assistant coverage [--format md|json]`.

Read from the corpus files (every code, including those whose text could not be found), the same
data the staff coverage grid shows: numbered provisions, the topics with at least one explicit
provision (tagged with the topic, content checked at least to "med"), the topics a code's whole
text was read for and found not to address, and the share of provisions with provenance.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from assistant.corpus.loader import Corpus
from assistant.corpus.schema import JURISDICTIONS, TOPICS, ContentConfidence
from assistant.jurisdictions import country

EXPLICIT = (ContentConfidence.high, ContentConfidence.med)


@dataclass
class CountryCoverage:
    country: str
    codes: list[str] = field(default_factory=list)
    provisions: int = 0
    numbered: int = 0
    with_provenance: int = 0
    explicit_topics: list[str] = field(default_factory=list)
    checked_absent_topics: list[str] = field(default_factory=list)  # checked: not addressed (and nothing explicit)
    texts_not_found: dict[str, str] = field(default_factory=dict)  # code -> what could not be found

    @property
    def topics_covered(self) -> int:
        """Topics with an explicit provision or a checked absence."""
        return len(set(self.explicit_topics) | set(self.checked_absent_topics))

    @property
    def provenance_share(self) -> float:
        return self.with_provenance / self.provisions if self.provisions else 1.0


def corpus_coverage(corpus: Corpus) -> list[CountryCoverage]:
    """One entry per country the product serves, in the usual order."""
    by_country = {c: CountryCoverage(c) for c in JURISDICTIONS}
    explicit: dict[str, set[str]] = {c: set() for c in JURISDICTIONS}
    absent: dict[str, set[str]] = {c: set() for c in JURISDICTIONS}
    for code in corpus.codes:
        entry = by_country.get(country(code.jurisdiction) or "")
        if entry is None:
            continue
        entry.codes.append(code.code)
        if code.text_not_found:
            entry.texts_not_found[code.code] = code.text_not_found
        for p in code.provisions:
            entry.provisions += 1
            entry.numbered += p.section is not None
            entry.with_provenance += bool(p.source_url and p.read_on)
            if p.content_confidence in EXPLICIT:
                explicit[entry.country].update(p.topics)
        absent[entry.country].update(code.not_addressed)
    for c, entry in by_country.items():
        entry.explicit_topics = [t for t in TOPICS if t in explicit[c]]
        entry.checked_absent_topics = [t for t in TOPICS if t in absent[c] and t not in explicit[c]]
    return list(by_country.values())


def to_markdown(rows: list[CountryCoverage]) -> str:
    lines = [
        "| Country | Codes | Provisions | Numbered | Topics: explicit | Topics: checked, not addressed "
        "| Topics covered (of 16) | Provenance |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.country} | {len(r.codes)} | {r.provisions} | {r.numbered} | {len(r.explicit_topics)} "
            f"| {len(r.checked_absent_topics)} | {r.topics_covered} | {r.provenance_share:.0%} |"
        )
    missing = [(r.country, code, why) for r in rows for code, why in r.texts_not_found.items()]
    if missing:
        lines += ["", "Texts that could not be found or read in full:"]
        lines += [f"- {c} {code}: {' '.join(why.split())}" for c, code, why in missing]
    gaps = [(r.country, [t for t in TOPICS if t not in r.explicit_topics and t not in r.checked_absent_topics])
            for r in rows]  # fmt: skip
    lines += ["", "Topics with neither an explicit provision nor a checked absence:"]
    lines += [f"- {c}: {', '.join(topics) or 'none'}" for c, topics in gaps]
    return "\n".join(lines) + "\n"


def to_json(rows: list[CountryCoverage]) -> str:
    return json.dumps(
        [asdict(r) | {"topics_covered": r.topics_covered, "provenance_share": r.provenance_share} for r in rows],
        indent=2,
    )
