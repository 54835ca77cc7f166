"""Staff comparisons: what each ethics code says on one topic, side by side.

``compare(kb, embeddings, "after-termination", jurisdictions=["US", "UK"])`` returns a
:class:`Comparison` with one row per code in scope (every requested code exactly once,
ordered by jurisdiction then code). Each code's provisions are chosen separately, so a
long code never crowds out a short one:

1. provisions tagged with the topic (those carrying a structured position first);
2. only when there are none, provisions tagged with a closely related topic (or with
   another topic the query named) whose similarity to the query clears a bar.

Coverage is ``explicit`` (a provision tagged with the topic and carrying a verified
section number), ``general`` (only unnumbered provisions, or only related-topic ones) or
``none`` ("Not addressed in the corpus"). Each row's paraphrase comes from that code's own
provisions only. The summary line is built by rules from the rows.

The query is embedded once; BM25 and dense scores for every provision are computed once
per comparison and then split by code in memory, so all 27 codes take a few milliseconds.
Renderers (Markdown, CSV, JSON) and parsers (JSON, CSV) serve the CLI and the staff page;
``coverage_grid`` / ``coverage_grid_png`` give the codes x topics picture.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field

from assistant import jurisdictions as juris
from assistant.corpus.schema import CODE_IDS, TOPICS
from assistant.errors import UnknownCode  # noqa: F401  (re-exported where callers import it)
from assistant.retrieval import RRF_K, KnowledgeBase, tokenize
from assistant.topics import LEXICON, TOPIC_TERMS, detect_topics, expand_query

Coverage = Literal["explicit", "general", "none"]
NOT_ADDRESSED = "Not addressed in the corpus."
MAX_SECTIONS = 6  # sections cited per row when the topic is tagged
MAX_RELATED = 2  # sections cited per row from related topics
RELATED_MIN_DENSE = 0.30  # cosine bar for a related-topic provision to count at all
PARAPHRASE_CHARS = 320
GRID_LEVEL = {"none": 0, "general": 1, "explicit": 2}

# Topics close enough that a code's provision on one speaks, in general terms, to the other.
# Kept tight on purpose: a loose map would put unrelated sections in front of staff.
RELATED: dict[str, tuple[str, ...]] = {
    "texting": ("email",),
    "email": ("texting",),
    "informed-consent-technology": ("telehealth",),
    "telehealth": ("informed-consent-technology",),
}
# How staff phrase topics beyond the client lexicon in assistant.topics.
STAFF_PATTERNS: dict[str, list[str]] = {
    "informed-consent-technology": [
        r"\b(must|should|need to) be told\b", r"\btold about\b", r"\bbefore (starting|therapy starts)\b",
        r"\binformed consent\b",
    ],
    "confidentiality-electronic": [r"\bconfidentiality\b"],
    "telehealth": [r"\bonline\b", r"\bvideo\b", r"\bdistance (counsell?ing|therapy)\b"],
    "dual-relationships": [r"\bfriendships?\b", r"\bmultiple relationships?\b"],
    "after-termination": [
        r"\bwaiting period\b", r"\bhow long\b", r"\bformer clients?\b", r"\bex-clients?\b",
        r"\bafter (therapy|counsell?ing|treatment|services?) (has |have )?(ended|ends|end)\b",
    ],
}
# Topics a query can rule out in words ("non-sexual"); their provisions are then left out.
NEGATIONS: dict[str, str] = {
    "sexual-boundaries": r"\bnon-?(sexual|romantic)\b|\bnot (sexual|romantic)\b",
}
# A topic that qualifies another leads the comparison when both are named: friendship or
# business AFTER therapy is an after-termination question, not a dual-relationship one.
QUALIFIES: dict[str, tuple[str, ...]] = {"after-termination": ("dual-relationships",)}
NARROW_MARGIN = 0.12  # free-text queries keep tagged provisions within this cosine of the best


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
    paraphrase: str
    url: str = Field("", description="Official source of the code.")


class Comparison(BaseModel):
    query: str
    topic: str
    topic_source: Literal["exact", "detected", "nearest"]
    related_topics: list[str] = Field(default_factory=list)
    jurisdictions: list[str] = Field(default_factory=list)
    codes: list[str] = Field(default_factory=list)
    rows: list[Row]
    summary: str
    # Always "rules" since the model-written summary was removed; kept so saved JSON keeps its shape.
    summary_source: Literal["rules", "llm"] = "rules"
    elapsed_ms: float = 0.0


# -- precomputed per index ------------------------------------------------------------------


@dataclass
class _Provision:
    code: str
    key: str
    section: str | None
    heading: str
    url: str
    topics: frozenset[str]
    positions: dict[str, str]
    excerpt: str
    chunks: list[int] = field(default_factory=list)  # indices into kb.docs


@dataclass
class _Prepared:
    provisions: list[_Provision]
    by_code: dict[str, list[int]]
    chunk_rows: np.ndarray  # for each provision chunk with a vector: its provision index
    chunk_docs: np.ndarray  # ... and its index into kb.docs
    vectors: np.ndarray  # (chunks, dim), unit length
    topic_vectors: dict[str, np.ndarray] = field(default_factory=dict)


def _prepared(kb: KnowledgeBase) -> _Prepared:
    """Provisions grouped by code, with their stored vectors; cached on the KnowledgeBase."""
    cached = kb.__dict__.get("_comparison_prepared")
    if cached is not None:
        return cached
    provisions: list[_Provision] = []
    index: dict[tuple[str, str], int] = {}
    doc_pos = {doc.id: i for i, doc in enumerate(kb.docs)}
    for i, doc in enumerate(kb.docs):
        meta = doc.metadata
        if meta.get("doc_type") != "provision":
            continue
        key = (meta["code"], meta.get("key") or meta.get("section") or doc.id)
        if key not in index:
            index[key] = len(provisions)
            provisions.append(
                _Provision(
                    code=meta["code"],
                    key=key[1],
                    section=meta.get("section") or None,
                    heading=meta.get("heading", ""),
                    url=meta.get("url") or meta.get("code_url", ""),
                    topics=frozenset(t for t in meta.get("topics", "").split(",") if t),
                    positions=json.loads(meta.get("positions") or "{}"),
                    excerpt=_clean(meta.get("excerpt") or doc.page_content),
                )
            )
        provisions[index[key]].chunks.append(i)
    by_code: dict[str, list[int]] = defaultdict(list)
    for n, prov in enumerate(provisions):
        by_code[prov.code].append(n)
    got = kb.store.get(where={"doc_type": "provision"}, include=["embeddings"])
    rows, docs, vectors = [], [], []
    owner = {c: n for n, p in enumerate(provisions) for c in p.chunks}
    for doc_id, vec in zip(got["ids"], got["embeddings"], strict=True):
        pos = doc_pos.get(doc_id)
        if pos is None or pos not in owner:
            continue
        rows.append(owner[pos])
        docs.append(pos)
        vectors.append(vec)
    matrix = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    if len(matrix):
        matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    prepared = _Prepared(provisions, dict(by_code), np.asarray(rows, dtype=int), np.asarray(docs, dtype=int), matrix)
    kb.__dict__["_comparison_prepared"] = prepared
    return prepared


def _topic_vectors(prepared: _Prepared, embeddings) -> dict[str, np.ndarray]:
    if not prepared.topic_vectors:
        texts = [TOPIC_TERMS.get(t, t.replace("-", " ")) for t in TOPICS]
        vecs = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        prepared.topic_vectors = dict(zip(TOPICS, vecs, strict=True))
    return prepared.topic_vectors


# -- topics and scope -----------------------------------------------------------------------


@dataclass
class TopicMatch:
    topic: str
    others: list[str]
    source: str
    excluded: list[str]


_STAFF = {t: [re.compile(p) for p in ps] for t, ps in STAFF_PATTERNS.items()}
_LEXICON = {t: [re.compile(p) for p in ps] for t, ps in LEXICON.items()}
_NEGATIONS = {t: re.compile(p) for t, p in NEGATIONS.items()}


def match_topics(query: str, kb: KnowledgeBase, embeddings=None) -> TopicMatch:
    """The comparison topic of a query, the other topics it names, and topics it rules out.

    An exact topic name is taken as is. Otherwise topics are detected from words (the client
    lexicon plus staff phrasing); the topic mentioned first leads ("confidentiality of email"
    is about confidentiality), except that after-termination leads over dual relationships
    ("friendship after therapy ends"). With no
    words matched, the topic whose description is nearest in embedding space is used.
    """
    text = (query or "").strip()
    if not text:
        raise ValueError(f"Give a topic: one of {', '.join(TOPICS)}, or a few words.")
    slug = re.sub(r"[\s_]+", "-", text.lower())
    if slug in TOPICS:
        return TopicMatch(slug, [], "exact", [])
    lowered = text.lower()
    excluded = [t for t, rx in _NEGATIONS.items() if rx.search(lowered)]
    cleaned = lowered
    for t in excluded:
        cleaned = _NEGATIONS[t].sub(" ", cleaned)
    first: dict[str, int] = {}
    for topic in TOPICS:
        for rx in _LEXICON.get(topic, []) + _STAFF.get(topic, []):
            m = rx.search(cleaned)
            if m and (topic not in first or m.start() < first[topic]):
                first[topic] = m.start()
    found = [t for t in detect_topics(cleaned) if t in first] + [t for t in first if t not in detect_topics(cleaned)]
    found = [t for t in found if t not in excluded]
    if found:
        order = sorted(found, key=lambda t: first[t])
        for lead, qualified in QUALIFIES.items():
            if lead in order and order[0] in qualified:
                order.remove(lead)
                order.insert(0, lead)
        return TopicMatch(order[0], order[1:], "detected", excluded)
    vectors = _topic_vectors(_prepared(kb), embeddings or kb.embeddings)
    q = _unit(np.asarray((embeddings or kb.embeddings).embed_query(text), dtype=np.float32))
    best = max(TOPICS, key=lambda t: float(vectors[t] @ q))
    return TopicMatch(best, [], "nearest", excluded)


def resolve_topics(query: str, kb: KnowledgeBase, embeddings=None) -> tuple[str, list[str], str]:
    """(main topic, other topics the query names, how the topic was found)."""
    m = match_topics(query, kb, embeddings)
    return m.topic, m.others, m.source


def _as_list(values: Iterable[str] | str | None) -> list[str]:
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


def known_codes(kb: KnowledgeBase) -> list[str]:
    return sorted(set(kb.codes) | set(CODE_IDS), key=str.upper)


def resolve_scope(
    kb: KnowledgeBase, jurisdictions: Iterable[str] | str = (), codes: Iterable[str] | str = ()
) -> tuple[list[str], list[str]]:
    """(ISO jurisdictions asked for, code IDs in scope). Raises on anything unknown.

    A country includes its subdivisions' codes (US includes TX-LPC); a subdivision
    includes its own codes and its country's (Ontario: CRPO, CPBAO, RHPA and CPA, CCPA).
    Jurisdictions and codes add up; neither given means every code.
    """
    places = [juris.normalize(j) for j in _as_list(jurisdictions)]
    places = [p for p in places if p]
    asked = _as_list(codes)
    jur_of = {c: info.get("jurisdiction", "") for c, info in kb.codes.items()}
    if not places and not asked:
        return [], sorted(kb.codes, key=lambda c: (jur_of[c], c.upper()))
    chosen: dict[str, None] = {}
    for place in places:
        wanted = set(juris.family(place))
        for code, where in jur_of.items():
            if where in wanted or juris.country(where) == place:
                chosen[code] = None
    lookup = {c.upper(): c for c in known_codes(kb)}
    unknown = [c for c in asked if c.upper() not in lookup]
    if unknown:
        raise UnknownCode(
            f"Unknown code {', '.join(repr(c) for c in unknown)}. Known codes: {', '.join(known_codes(kb))}."
        )
    for c in asked:
        chosen[lookup[c.upper()]] = None
    return list(dict.fromkeys(places)), sorted(chosen, key=lambda c: (jur_of.get(c, ""), c.upper()))


# -- retrieval per code ---------------------------------------------------------------------


@dataclass
class _Scores:
    dense: np.ndarray  # per provision
    lexical: np.ndarray  # per provision


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _scores(kb: KnowledgeBase, prepared: _Prepared, text: str, vector: np.ndarray) -> _Scores:
    n = len(prepared.provisions)
    dense = np.full(n, -1.0, dtype=np.float32)
    if len(prepared.vectors):
        np.maximum.at(dense, prepared.chunk_rows, prepared.vectors @ _unit(vector))
    bm = kb.bm25.get_scores(tokenize(text)) if text else np.zeros(len(kb.docs))
    lexical = np.zeros(n, dtype=np.float32)
    for i, prov in enumerate(prepared.provisions):
        lexical[i] = max(float(bm[c]) for c in prov.chunks)
    return _Scores(dense, lexical)


def _fused(members: list[int], scores: _Scores) -> dict[int, float]:
    """Reciprocal-rank fusion of dense and BM25 ranks, within one code."""
    fused = dict.fromkeys(members, 0.0)
    by_dense = sorted(members, key=lambda i: -scores.dense[i])
    by_lex = sorted((i for i in members if scores.lexical[i] > 0), key=lambda i: -scores.lexical[i])
    for ranking in (by_dense, by_lex):
        for rank, i in enumerate(ranking):
            fused[i] += 1.0 / (RRF_K + rank + 1)
    return fused


@dataclass
class _Choice:
    cited: list[int]
    coverage: Coverage
    related: bool


def _choose(
    prepared: _Prepared,
    members: list[int],
    topic: str,
    scores: _Scores,
    others: Sequence[str] = (),
    excluded: Sequence[str] = (),
    narrow: bool = False,
) -> _Choice:
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
        return _Choice(cited, "explicit" if explicit else "general", related=False)
    near = set(RELATED.get(topic, ()))
    related = [
        i for i in members
        if provs[i].topics & near and not provs[i].topics & drop and scores.dense[i] >= RELATED_MIN_DENSE
    ]  # fmt: skip
    related.sort(key=lambda i: -fused[i])
    cited = related[:MAX_RELATED]
    return _Choice(cited, "general" if cited else "none", related=True)


def _ruled_out(prov: _Provision, topic: str, others: Sequence[str], drop: set[str]) -> bool:
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
    return "sexual-boundaries" in drop and bool(_SEXUAL.search(position)) and not _OTHER_REL.search(position)


def _narrow(provs: list[_Provision], tagged: list[int], others: Sequence[str], scores: _Scores) -> list[int]:
    focus = [i for i in tagged if provs[i].topics & set(others)] if others else []
    if focus:
        if not any(provs[i].section for i in focus):
            focus += [i for i in tagged if provs[i].section and i not in focus]
        tagged = focus
    best = max(float(scores.dense[i]) for i in tagged)
    return [i for i in tagged if float(scores.dense[i]) >= best - NARROW_MARGIN]


# -- rows -----------------------------------------------------------------------------------

_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|vs|cf|Dr|No|St|Mr|Ms|Mrs|approx|Nov|Dec)\.$")
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def _clean(text: str) -> str:
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


def _paraphrase(excerpt: str, limit: int = PARAPHRASE_CHARS) -> str:
    """The first one or two sentences of a provision's (already paraphrased) corpus text."""
    parts = sentences(_clean(excerpt))
    if not parts:
        return ""
    text = parts[0]
    if len(parts) > 1 and (len(text) + len(parts[1]) + 1 <= limit or len(text) < 90):
        text = f"{text} {parts[1]}"
    if len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
        text = cut + "…"
    return text


def _label(section: str | None, heading: str) -> str:
    return section if section else f'"{heading}" (unnumbered)'


def _row(kb: KnowledgeBase, prepared: _Prepared, code: str, topic: str, choice: _Choice) -> Row:
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
    if not choice.cited:
        return Row(**base, coverage="none", sections=[], position=None, paraphrase=NOT_ADDRESSED)
    provs = [prepared.provisions[i] for i in choice.cited]
    sections = [SectionRef(section=p.section, heading=p.heading, url=p.url) for p in provs]
    stated = [(p.section, p.heading, p.positions[topic]) for p in provs if topic in p.positions]
    position = None
    if len(stated) == 1:
        position = _clean(stated[0][2])
    elif stated:
        position = "; ".join(f"{_label(s, h)}: {_clean(t)}" for s, h, t in stated)
    lead = provs[0]
    text = _paraphrase(lead.excerpt)
    if choice.related:
        pretty = topic.replace("-", " ")
        text = (
            f"No provision specifically on {pretty}; the closest is {_label(lead.section, lead.heading)} "
            f"({lead.heading}): {text}"
            if lead.section
            else f"No provision specifically on {pretty}; the closest is {_label(None, lead.heading)}: {text}"
        )
    return Row(**base, coverage=choice.coverage, sections=sections, position=position, paraphrase=text)


# -- summary --------------------------------------------------------------------------------

_YEARS = re.compile(r"\b(\d+)(?:[- ]years?\b|-year\b)")
_NEVER = re.compile(r"no time limit|no waiting period that would make it acceptable|not permitted", re.I)
_NO_FIXED = re.compile(r"no (?:fixed|set|specific)(?: [\w-]+)? (?:waiting )?period|no waiting period", re.I)
_REMOVED = re.compile(r"\bremoved\b|\bany more\b|\bno longer\b", re.I)
_SEXUAL = re.compile(r"sexual|romantic|intima", re.I)
_OTHER_REL = re.compile(r"friendship|business|non-therapeutic|non-professional|of any kind|personal", re.I)
_AFTER = re.compile(r"afterwards|then extra|even after|must (?:show|document|assess)|burden|only if", re.I)
_MONEY = re.compile(r"[$£€]\s?\d+")
_NO_CAP = re.compile(r"no (?:fixed )?(?:value )?(?:cap|limit)|no value (?:test|cap|limit)", re.I)
_STANCES: list[tuple[str, re.Pattern[str]]] = [
    ("prohibit (some conduct)", re.compile(
        r"\b(prohibited|forbidden|barred|banned|never|not permitted|zero tolerance|must not|may not)\b"
        r"|^no (personal|social|texting|emailing|phone|sexual|non-therapeutic|financial|second)\b", re.I)),
    ("allow only under conditions", re.compile(
        r"\bonly (if|when|where)\b|\bunless\b|\bcan be accepted\b|\bordinarily avoided\b|\bgenerally not\b",
        re.I)),
    ("require", re.compile(
        r"\b(must|required|need(s|ed)?|are told|get the information|spell out|set out)\b", re.I)),
    ("urge caution or judgement", re.compile(
        r"\b(avoid|caution|cautious|steer clear|watch|weigh|mindful|should|judged)\b", re.I)),
]  # fmt: skip


def _stance(row: Row) -> str:
    """The strongest stance any of the row's positions takes (prohibit > conditions > require > caution)."""
    clauses = [c.strip() for part in _position_parts(row) for c in _clauses(_strip_parens(part))]
    for name, rx in _STANCES:
        if any(rx.search(c) for c in clauses):
            return name
    return "other position (see row)"


def _clauses(position: str) -> list[str]:
    return [c for c in re.split(r";\s+|\.\s+", position) if c.strip()]


def _strip_parens(text: str) -> str:
    return re.sub(r"\([^)]*\)", "", text)


def _position_parts(row: Row) -> list[str]:
    """A row's position split back into one text per provision (labels removed)."""
    text = row.position or ""
    labels = [_label(s.section, s.heading) for s in row.sections]
    if not text or not labels:
        return [text] if text else []
    alt = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    pieces = re.split(rf"; (?=(?:{alt}): )", text)
    return [re.sub(rf"^(?:{alt}): ", "", p) for p in pieces if p]


def _period_profile(row: Row) -> dict[str, Any] | None:
    """Waiting periods in one row's positions: main value, other-relationship value, conditions."""
    main: set[str] = set()
    other: set[str] = set()
    after = False
    for part in _position_parts(row):
        years = [int(y) for y in _YEARS.findall(_strip_parens(part))]
        if _REMOVED.search(part):
            return {"main": f"{min(years)}-year rule removed" if years else "rule removed", "other": None,
                    "after": False}  # fmt: skip
        values = {f"{y} year{'s' if y != 1 else ''}" for y in years}
        if _NEVER.search(part):
            values.add("no time limit")
        elif _NO_FIXED.search(part) and not years:
            values.add("no fixed period stated")
        if not values:
            continue
        if re.search(r"recommend", part, re.I):
            values = {f"{v} (recommended)" for v in values}
        if _OTHER_REL.search(part) and not _SEXUAL.search(part):
            other |= values
        else:
            main |= values
            after = after or bool(years and _AFTER.search(part))
    if not main and not other:
        return None
    if not main:
        main, other = other, set()
    return {
        "main": " / ".join(sorted(main, key=_period_key)),
        "other": " / ".join(sorted(other, key=_period_key)) if other else None,
        "after": after,
    }


def _period_key(value: str) -> tuple[int, str]:
    m = re.match(r"(\d+)", value)
    return (int(m.group(1)) if m else 999, value)


def _join(codes: Iterable[str]) -> str:
    return ", ".join(codes)


def _grouped(groups: dict[str, list[str]], order: list[str] | None = None) -> str:
    keys = order or sorted(groups, key=lambda k: (-len(groups[k]), k))
    return "; ".join(f"{k}: {_join(groups[k])}" for k in keys if groups.get(k))


def summarize(rows: Sequence[Row], topic: str) -> str:
    """Where the codes agree and differ, from the rows' structured positions and coverage."""
    pretty = topic.replace("-", " ")
    parts: list[str] = []
    with_pos = [r for r in rows if r.position]
    periods = {r.code: p for r in with_pos if (p := _period_profile(r))}
    caps = {}
    for r in with_pos:
        money = _MONEY.findall(r.position or "")
        if money:
            caps[r.code] = f"{money[0]} cap"
        elif _NO_CAP.search(r.position or ""):
            caps[r.code] = "no fixed cap"
    if len(periods) >= 2:
        groups: dict[str, list[str]] = defaultdict(list)
        for code, p in periods.items():
            groups[p["main"]].append(code)
        order = sorted(groups, key=_period_key)
        verb = "agree" if len(groups) == 1 else "differ"
        parts.append(f"Waiting periods {verb} — {_grouped(groups, order)}.")
        others = {c: p["other"] for c, p in periods.items() if p["other"]}
        if others:
            parts.append(
                "For non-sexual relationships (friendship, business): "
                + ", ".join(f"{c} {v}" for c, v in others.items())
                + "."
            )
        after = [c for c, p in periods.items() if p["after"]]
        if after:
            parts.append(f"Conditions still apply after the period: {_join(after)}.")
    elif len(caps) >= 2:
        groups = defaultdict(list)
        for code, cap in caps.items():
            groups[cap].append(code)
        verb = "agree" if len(groups) == 1 else "differ"
        parts.append(f"Value limits {verb} — {_grouped(groups)}.")
    rest = [r for r in with_pos if r.code not in periods and r.code not in caps]
    if rest and (periods or caps) and len(periods) + len(caps) >= 2:
        parts.append(f"Other stated positions: {_join(r.code for r in rest)}.")
    elif len(with_pos) == 1:
        only = with_pos[0]
        parts.append(f"Only {only.code} records a structured position: {(only.position or '').rstrip('.')}.")
    elif with_pos and not (len(periods) >= 2 or len(caps) >= 2):
        groups = defaultdict(list)
        for r in with_pos:
            groups[_stance(r)].append(r.code)
        if len(groups) == 1 and "other position (see row)" in groups:
            parts.append(f"Positions are recorded for {_join(r.code for r in with_pos)} (see the rows).")
        elif len(groups) == 1:
            ((stance, codes),) = groups.items()
            parts.append(f"Codes with a stated position agree ({stance}): {_join(codes)}.")
        else:
            parts.append(f"Stated positions differ (rough grouping; read the rows) — {_grouped(groups)}.")
    explicit = [r.code for r in rows if r.coverage == "explicit"]
    general = [r.code for r in rows if r.coverage == "general"]
    missing = [r.code for r in rows if r.coverage == "none"]
    no_pos = [r.code for r in rows if r.coverage != "none" and not r.position]
    if not with_pos and (explicit or general):
        parts.append(f"No structured positions on {pretty} are recorded for these codes.")
    if no_pos and with_pos:
        parts.append(f"Address it but record no structured position: {_join(no_pos)}.")
    counts = f"{len(explicit)} of {len(rows)} codes address {pretty} with numbered sections"
    if general:
        counts += f"; only in general or unnumbered terms: {_join(general)}"
    parts.append(counts + ".")
    if missing:
        parts.append(f"Not addressed in the corpus: {_join(missing)}.")
    return " ".join(parts)


# -- entry points ---------------------------------------------------------------------------


def compare(
    kb: KnowledgeBase,
    embeddings=None,
    query: str = "",
    jurisdictions: Iterable[str] | str = (),
    codes: Iterable[str] | str = (),
) -> Comparison:
    """Side-by-side rows of what each code in scope says on the query's topic."""
    started = time.perf_counter()
    embeddings = embeddings or kb.embeddings
    match = match_topics(query, kb, embeddings)
    topic, others, source = match.topic, match.others, match.source
    places, scope = resolve_scope(kb, jurisdictions, codes)
    prepared = _prepared(kb)
    if source == "exact":
        text = TOPIC_TERMS.get(topic, topic.replace("-", " "))
        vector = _topic_vectors(prepared, embeddings)[topic]
    else:
        text = expand_query(query, [topic, *others])
        vector = np.asarray(embeddings.embed_query(text), dtype=np.float32)
    scores = _scores(kb, prepared, text, vector)
    rows = []
    for code in scope:
        members = prepared.by_code.get(code, [])
        choice = _choose(prepared, members, topic, scores, others, match.excluded, narrow=source != "exact")
        rows.append(_row(kb, prepared, code, topic, choice))
    rows.sort(key=lambda r: (r.jurisdiction, r.code.upper()))
    return Comparison(
        query=query,
        topic=topic,
        topic_source=source,
        related_topics=others,
        jurisdictions=places,
        codes=[r.code for r in rows],
        rows=rows,
        summary=summarize(rows, topic),
        summary_source="rules",
        elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
    )


def coverage_grid(
    kb: KnowledgeBase, jurisdictions: Iterable[str] | str = (), codes: Iterable[str] | str = ()
) -> dict:
    """Codes (rows) x TOPICS (columns): 0 none, 1 general, 2 explicit — same rules as compare()."""
    _, scope = resolve_scope(kb, jurisdictions, codes)
    prepared = _prepared(kb)
    vectors = _topic_vectors(prepared, kb.embeddings)
    cells = [[0] * len(TOPICS) for _ in scope]
    for col, topic in enumerate(TOPICS):
        scores = _scores(kb, prepared, TOPIC_TERMS.get(topic, topic), vectors[topic])
        for row, code in enumerate(scope):
            choice = _choose(prepared, prepared.by_code.get(code, []), topic, scores)
            cells[row][col] = GRID_LEVEL[choice.coverage]
    return {
        "codes": scope,
        "jurisdictions": [kb.codes.get(c, {}).get("jurisdiction", "") for c in scope],
        "topics": list(TOPICS),
        "cells": cells,
        "legend": {"0": "none", "1": "general", "2": "explicit"},
    }


# -- renderers and parsers ------------------------------------------------------------------

CSV_FIELDS = (
    "jurisdiction", "code", "body", "title", "edition", "kind", "coverage", "sections",
    "section_headings", "section_urls", "position", "paraphrase", "url",
)  # fmt: skip
UNNUMBERED = "(unnumbered)"


def _md(text: str | None) -> str:
    return _clean(text or "").replace("|", "\\|")


def to_markdown(c: Comparison) -> str:
    scope = ", ".join(c.jurisdictions) if c.jurisdictions else "all jurisdictions"
    lines = [
        f"## {c.topic.replace('-', ' ').capitalize()}: what the codes say",
        "",
        f"Query: {_md(c.query)} · Topic: `{c.topic}` ({c.topic_source})"
        + (f" · also: {', '.join(c.related_topics)}" if c.related_topics else "")
        + f" · Scope: {scope} · {len(c.rows)} codes",
        "",
        f"**Summary** ({'model-written from the rows' if c.summary_source == 'llm' else 'from the rows'}): "
        f"{_md(c.summary)}",
        "",
        "| Jurisdiction | Code | Coverage | Sections | Position | What it says | Source |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in c.rows:
        cited = "<br>".join(
            f"[{_md(s.section or UNNUMBERED)}]({s.url}) {_md(s.heading)}" if s.url else
            f"{_md(s.section or UNNUMBERED)} {_md(s.heading)}"
            for s in r.sections
        ) or "—"
        source = f"[{_md(r.title or r.code)}]({r.url})" if r.url else _md(r.title or r.code)
        lines.append(
            f"| {_md(r.jurisdiction)} | **{_md(r.code)}** ({_md(r.body)}, {_md(r.edition)}) | {r.coverage} "
            f"| {cited} | {_md(r.position) or '—'} | {_md(r.paraphrase)} | {source} |"
        )
    lines += ["", "Sections marked (unnumbered) were not verified to a clause number and are not cited by number."]
    return "\n".join(lines) + "\n"


def _row_csv(r: Row) -> dict[str, str]:
    return {
        "jurisdiction": r.jurisdiction,
        "code": r.code,
        "body": r.body,
        "title": r.title,
        "edition": r.edition,
        "kind": r.kind,
        "coverage": r.coverage,
        "sections": "; ".join(s.section or UNNUMBERED for s in r.sections),
        "section_headings": "; ".join(s.heading for s in r.sections),
        "section_urls": "; ".join(s.url for s in r.sections),
        "position": r.position or "",
        "paraphrase": r.paraphrase,
        "url": r.url,
    }


def to_csv(c: Comparison) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in c.rows:
        writer.writerow({k: _clean(v) for k, v in _row_csv(r).items()})
    return out.getvalue()


def from_csv(text: str) -> list[Row]:
    """Rows read back from :func:`to_csv` output."""
    rows = []
    for rec in csv.DictReader(io.StringIO(text)):
        split = [(rec.get(k) or "").split("; ") if rec.get(k) else [] for k in
                 ("sections", "section_headings", "section_urls")]
        sections = [
            SectionRef(section=None if s == UNNUMBERED else s, heading=h, url=u)
            for s, h, u in zip(*split, strict=True)
        ]
        rows.append(Row(
            code=rec["code"], body=rec["body"], title=rec["title"], jurisdiction=rec["jurisdiction"],
            edition=rec["edition"], kind=rec["kind"], coverage=rec["coverage"], sections=sections,
            position=rec["position"] or None, paraphrase=rec["paraphrase"], url=rec["url"],
        ))  # fmt: skip
    return rows


def to_json(c: Comparison) -> str:
    return c.model_dump_json(indent=2)


def from_json(text: str) -> Comparison:
    return Comparison.model_validate_json(text)


# -- coverage grid picture ------------------------------------------------------------------

_COLOURS = {0: (236, 236, 236), 1: (246, 194, 107), 2: (46, 139, 87)}
_MARKS = {0: "", 1: "G", 2: "E"}


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # very old Pillow without scalable default font
        return ImageFont.load_default()


def coverage_grid_png(grid: dict, cell: int = 26) -> bytes:
    """The grid as a PNG heatmap (Pillow): coloured cells with E/G marks, labels and legend."""
    from PIL import Image, ImageDraw

    codes, topics, cells = grid["codes"], grid["topics"], grid["cells"]
    jur = grid.get("jurisdictions") or [""] * len(codes)
    font, small = _font(13), _font(11)
    labels = [f"{c} ({j})" if j else c for c, j in zip(codes, jur, strict=True)]
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    left = 12 + max((probe.textlength(t, font=font) for t in labels), default=40)
    top = 12 + max((probe.textlength(t, font=font) for t in topics), default=40)
    left, top = int(left) + 8, int(top) + 8
    width = left + cell * len(topics) + 16
    legend_h = 40
    height = top + cell * len(codes) + legend_h
    img = Image.new("RGB", (max(width, 360), height), "white")
    draw = ImageDraw.Draw(img)
    for col, topic in enumerate(topics):  # column labels, rotated to read bottom-up
        w = int(probe.textlength(topic, font=font)) + 4
        label = Image.new("RGBA", (w, cell), (255, 255, 255, 0))
        ImageDraw.Draw(label).text((2, (cell - 14) // 2), topic, fill="black", font=font)
        rotated = label.rotate(90, expand=True)
        img.paste(rotated, (left + col * cell, top - 6 - rotated.height), rotated)
    for row, text in enumerate(labels):
        y = top + row * cell
        draw.text((8, y + (cell - 14) // 2), text, fill="black", font=font)
        for col, value in enumerate(cells[row]):
            x = left + col * cell
            draw.rectangle([x, y, x + cell - 2, y + cell - 2], fill=_COLOURS.get(value, _COLOURS[0]))
            mark = _MARKS.get(value, "")
            if mark:
                colour = "white" if value == 2 else "black"
                draw.text((x + cell // 2 - 4, y + (cell - 14) // 2), mark, fill=colour, font=font)
    y = top + cell * len(codes) + 12
    x = 8
    for value, name in ((2, "E explicit (numbered section)"), (1, "G general / unnumbered"), (0, "none")):
        draw.rectangle([x, y, x + 14, y + 14], fill=_COLOURS[value], outline=(160, 160, 160))
        draw.text((x + 20, y), name, fill="black", font=small)
        x += 24 + int(probe.textlength(name, font=small)) + 16
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


# -- evaluation -----------------------------------------------------------------------------


@dataclass
class CaseResult:
    id: str
    topic_ok: bool
    correct: int
    total: int
    found: int
    expected_content: int
    ms: float
    wrong: list[str]


def row_correct(row: Row | None, expected: list[str]) -> bool:
    """A row is correct when its numbered sections match what the eval accepts.

    expected == []: the row must be 'none', or 'general' citing no numbered section.
    expected non-empty: at least one cited section is expected, and every cited numbered
    section is expected. (Codes an eval case lists as ``unnumbered`` must be 'general' with
    no numbered section; see :func:`evaluate`.)
    """
    if row is None:
        return False
    numbered = [s.section for s in row.sections if s.section]
    if not expected:
        return row.coverage == "none" or (row.coverage == "general" and not numbered)
    accepted = set(expected)
    return bool(numbered) and any(s in accepted for s in numbered) and all(s in accepted for s in numbered)


def load_eval(path: Path) -> list[dict]:
    import yaml

    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = items.get("cases") or items.get("items") or []
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of comparison cases")
    return items


def evaluate(items: list[dict], kb: KnowledgeBase, embeddings=None) -> list[CaseResult]:
    results = []
    if items:  # warm-up: the first call pays for loading topic vectors and caches
        first = items[0]
        compare(kb, embeddings, first.get("query") or first.get("topic", ""), codes=["APA"])
    for n, item in enumerate(items):
        raw = item.get("expected") or {}
        expected: dict[str, list[str]] = {k: [str(s) for s in (v or [])] for k, v in raw.items()}
        query = item.get("query") or item.get("topic", "")
        started = time.perf_counter()
        c = compare(kb, embeddings, query, jurisdictions=item.get("jurisdictions") or (),
                    codes=item.get("codes") or ())  # fmt: skip
        ms = (time.perf_counter() - started) * 1000
        by_code = {r.code: r for r in c.rows}
        correct, wrong, found, content = 0, [], 0, 0
        for code, sections in expected.items():
            row = by_code.get(code)
            if row_correct(row, sections):
                correct += 1
            else:
                cited = [s.section or UNNUMBERED for s in row.sections] if row else ["(row missing)"]
                wrong.append(f"{code}: cited {cited or '[]'} ({row.coverage if row else '-'}), expected {sections}")
            if sections:
                content += 1
                found += bool(row and row.coverage != "none")
        for code in item.get("unnumbered") or []:
            row = by_code.get(code)
            numbered = [s.section for s in row.sections if s.section] if row else []
            if row and row.coverage == "general" and not numbered:
                correct += 1
            else:
                cited = [s.section or UNNUMBERED for s in row.sections] if row else ["(row missing)"]
                wrong.append(f"{code}: cited {cited or '[]'} ({row.coverage if row else '-'}), expected unnumbered")
            content += 1
            found += bool(row and row.coverage != "none")
        topic_ok = not item.get("topic") or item["topic"] == c.topic
        case_id = str(item.get("id", n + 1))
        total = len(expected) + len(item.get("unnumbered") or [])
        results.append(CaseResult(case_id, topic_ok, correct, total, found, content, ms, wrong))
    return results


def report(results: list[CaseResult]) -> str:
    lines = [f"{'case':<28} {'topic':<6} {'rows ok':>9} {'recall':>9} {'ms':>8}"]
    for r in results:
        lines.append(
            f"{r.id:<28} {'ok' if r.topic_ok else 'WRONG':<6} {r.correct:>4}/{r.total:<4} "
            f"{r.found:>4}/{r.expected_content:<4} {r.ms:>8.1f}"
        )
        lines += [f"    ✗ {w}" for w in r.wrong]
    total = sum(r.total for r in results)
    correct = sum(r.correct for r in results)
    content = sum(r.expected_content for r in results)
    found = sum(r.found for r in results)
    times = sorted(r.ms for r in results)
    if results:
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        lines += [
            "",
            f"cases: {len(results)}  topic correct: {sum(r.topic_ok for r in results)}/{len(results)}",
            f"row precision: {correct}/{total} = {correct / total:.3f}" if total else "row precision: n/a",
            f"recall of codes with content: {found}/{content} = {found / content:.3f}" if content else "recall: n/a",
            f"time per comparison: mean {sum(times) / len(times):.1f} ms, median {times[len(times) // 2]:.1f} ms, "
            f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms (target <= 1000 ms)",
        ]
    return "\n".join(lines)


# -- command line ---------------------------------------------------------------------------


def _load_kb(settings):
    from assistant.embeddings import get_embeddings

    embeddings = get_embeddings(settings)
    return KnowledgeBase.load(settings, embeddings), embeddings


def cli(args, settings) -> int:
    """`compare TOPIC [--jurisdictions ..] [--codes ..] [--format md|csv|json]` and `eval-compare`."""
    if args.command == "eval-compare":
        path = Path(args.file)
        if not path.is_file():
            sys.stderr.write(f"No comparison eval file at {path}.\n")
            return 2
        items = load_eval(path)
        kb, embeddings = _load_kb(settings)
        sys.stdout.write(report(evaluate(items, kb, embeddings)) + "\n")
        return 0
    places = _as_list(getattr(args, "jurisdictions", ""))
    try:
        for place in places:
            juris.normalize(place)
    except juris.UnknownJurisdiction as exc:
        present = sorted({j for j in _corpus_jurisdictions()})
        sys.stderr.write(f"{exc}\nJurisdictions the corpus uses: {', '.join(present)}.\n")
        return 2
    kb, embeddings = _load_kb(settings)
    try:
        result = compare(kb, embeddings, args.topic, jurisdictions=places, codes=_as_list(getattr(args, "codes", "")))
    except (UnknownCode, juris.UnknownJurisdiction, ValueError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    renderer = {"md": to_markdown, "csv": to_csv, "json": to_json}[getattr(args, "format", "md") or "md"]
    sys.stdout.write(renderer(result).rstrip("\n") + "\n")
    return 0


def _corpus_jurisdictions() -> tuple[str, ...]:
    from assistant.corpus.schema import JURISDICTIONS

    return JURISDICTIONS
