"""Which provisions each code cites on the topic, and the row that shows them.

Each code's provisions are chosen separately, so a long code never crowds out a short one:

1. provisions tagged with the topic (those carrying a structured position first);
2. only when there are none, provisions tagged with a closely related topic whose
   similarity to the query clears a bar.

Coverage is ``explicit`` (a provision tagged with the topic and carrying a verified
section number), ``general`` (only unnumbered provisions, or only related-topic ones) or
``none`` ("Not addressed in the corpus"). Each row's paraphrase comes from that code's own
provisions only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.compare.models import CHECKED_ABSENT, NOT_ADDRESSED, Coverage, Row, SectionRef
from assistant.compare.provisions import Prepared, Provision, Scores
from assistant.compare.text import OTHER_REL, SEXUAL, at_a_glance, clean, label, paraphrase
from assistant.index.knowledge_base import RRF_K, KnowledgeBase

MAX_SECTIONS = 6  # sections cited per row when the topic is tagged
MAX_RELATED = 2  # sections cited per row from related topics
RELATED_MIN_DENSE = 0.30  # cosine bar for a related-topic provision to count at all
NARROW_MARGIN = 0.12  # free-text queries keep tagged provisions within this cosine of the best

# Topics close enough that a code's provision on one speaks, in general terms, to the other.
# Kept tight on purpose: a loose map would put unrelated sections in front of staff.
RELATED: dict[str, tuple[str, ...]] = {
    "texting": ("email",),
    "email": ("texting",),
    "informed-consent-technology": ("telehealth",),
    "telehealth": ("informed-consent-technology",),
}


@dataclass
class Choice:
    cited: list[int]
    coverage: Coverage
    related: bool


def _fused(members: list[int], scores: Scores) -> dict[int, float]:
    """Reciprocal-rank fusion of dense and BM25 ranks, within one code."""
    fused = dict.fromkeys(members, 0.0)
    by_dense = sorted(members, key=lambda i: -scores.dense[i])
    by_lex = sorted((i for i in members if scores.lexical[i] > 0), key=lambda i: -scores.lexical[i])
    for ranking in (by_dense, by_lex):
        for rank, i in enumerate(ranking):
            fused[i] += 1.0 / (RRF_K + rank + 1)
    return fused


def choose(
    prepared: Prepared,
    members: list[int],
    topic: str,
    scores: Scores,
    others: Sequence[str] = (),
    excluded: Sequence[str] = (),
    narrow: bool = False,
) -> Choice:
    """This code's provisions on the topic: tagged ones first, else related ones above the bar.

    For a free-text query (``narrow``) the tagged provisions are narrowed to what the query
    is about: those also tagged with another topic it names (numbered ones kept when that
    would leave only unnumbered ones), then those within NARROW_MARGIN of the best match.
    """
    provs = prepared.provisions
    fused = _fused(members, scores)
    drop = set(excluded) - {topic}
    tagged = [i for i in members if topic in provs[i].topics and not _ruled_out(provs[i], topic, others, drop)]
    if tagged:
        if narrow:
            tagged = _narrow(provs, tagged, others, scores)
        tagged.sort(key=lambda i: (topic not in provs[i].positions, provs[i].section is None, -fused[i]))
        cited = tagged[:MAX_SECTIONS]
        explicit = any(provs[i].section for i in cited)
        return Choice(cited, "explicit" if explicit else "general", related=False)
    near = set(RELATED.get(topic, ()))
    related = [
        i for i in members
        if provs[i].topics & near and not provs[i].topics & drop and scores.dense[i] >= RELATED_MIN_DENSE
    ]  # fmt: skip
    related.sort(key=lambda i: -fused[i])
    cited = related[:MAX_RELATED]
    return Choice(cited, "general" if cited else "none", related=True)


def _ruled_out(prov: Provision, topic: str, others: Sequence[str], drop: set[str]) -> bool:
    """Whether a query that rules a topic out ("non-sexual") leaves this provision out.

    Kept when it is also tagged with another topic the query names, or when its structured
    position on the topic is not specifically about the ruled-out matter (e.g. BACP's
    former-client entry also covers business ties).
    """
    if not prov.topics & drop or prov.topics & set(others):
        return False
    position = prov.positions.get(topic)
    if position is None:
        return True
    return "sexual-boundaries" in drop and bool(SEXUAL.search(position)) and not OTHER_REL.search(position)


def _narrow(provs: list[Provision], tagged: list[int], others: Sequence[str], scores: Scores) -> list[int]:
    focus = [i for i in tagged if provs[i].topics & set(others)] if others else []
    if focus:
        if not any(provs[i].section for i in focus):
            focus += [i for i in tagged if provs[i].section and i not in focus]
        tagged = focus
    best = max(float(scores.dense[i]) for i in tagged)
    return [i for i in tagged if float(scores.dense[i]) >= best - NARROW_MARGIN]


def build_row(kb: KnowledgeBase, prepared: Prepared, code: str, topic: str, choice: Choice) -> Row:
    """The row for one code: its details, cited sections, structured position and paraphrase."""
    info = kb.codes.get(code, {})
    base = {
        "code": code,
        "body": info.get("body", ""),
        "title": info.get("title", ""),
        "jurisdiction": info.get("jurisdiction", ""),
        "edition": info.get("edition", ""),
        "kind": info.get("kind", ""),
        "url": info.get("url", ""),
    }
    glance = at_a_glance(topic, json.loads(info.get("code_typed_positions") or "{}").get(topic))
    if not choice.cited:
        absent = topic in json.loads(info.get("code_not_addressed") or "{}")
        return Row(
            **base, coverage="none", sections=[], position=None, at_a_glance=glance, checked_absent=absent,
            paraphrase=CHECKED_ABSENT if absent else NOT_ADDRESSED,
        )  # fmt: skip
    provs = [prepared.provisions[i] for i in choice.cited]
    sections = [SectionRef(section=p.section, heading=p.heading, url=p.url) for p in provs]
    stated = [(p.section, p.heading, p.positions[topic]) for p in provs if topic in p.positions]
    position = None
    if len(stated) == 1:
        position = clean(stated[0][2])
    elif stated:
        position = "; ".join(f"{label(s, h)}: {clean(t)}" for s, h, t in stated)
    lead = provs[0]
    text = paraphrase(lead.excerpt)
    if choice.related:
        pretty = topic.replace("-", " ")
        text = (
            f"No provision specifically on {pretty}; the closest is {label(lead.section, lead.heading)} "
            f"({lead.heading}): {text}"
            if lead.section
            else f"No provision specifically on {pretty}; the closest is {label(None, lead.heading)}: {text}"
        )
    return Row(
        **base, coverage=choice.coverage, sections=sections, position=position, at_a_glance=glance, paraphrase=text
    )
