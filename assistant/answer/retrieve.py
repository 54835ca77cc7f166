"""Retrieval and ranking for one standalone question: guide, provisions, places, clinic policy.

Hybrid search (dense + BM25) over the knowledge base, then: the matched guide's cited
provisions move up (a person chose them), weakly checked or out-of-place rules move down,
passages off the question's topics drop out, the person's own jurisdiction comes first, and
no single code may fill every slot.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence

from langchain_core.embeddings import Embeddings

from assistant import jurisdictions
from assistant.answer.context import Context
from assistant.answer.profession import codes_named, professions_named
from assistant.answer.scope import in_scope
from assistant.clinics.index import PolicyIndex
from assistant.index.knowledge_base import Hit, KnowledgeBase, SearchFilter
from assistant.topics import detect_topics, expand_query

GUIDE_MIN_SIMILARITY = 0.45
GUIDE_TOPIC_MIN_SIMILARITY = 0.3
GUIDE_CITE_BONUS = 0.02
# A guide point on a side topic the question does not raise (the "after therapy ends" point of the sexual-contact
# guide, for someone with a crush now) lends its citations this share of the bonus.
GUIDE_SIDE_POINT_SHARE = 0.5
PROFESSION_BONUS = 0.01  # the code binds or guides the profession the question names
NAMED_CODE_BONUS = 0.02  # the question names the code or its body ("she's BACP registered")
# The code binds only other professions (the HCPC for a counsellor): it loses what a guide's citation
# gave it, because the person's own practitioner is not bound by it.
PROFESSION_MISMATCH = GUIDE_CITE_BONUS
# A local passage is shown when its similarity is at least this share of the best passages' from
# elsewhere: weak local matches must not crowd out strong ones, but a foreign passage's boosts (a
# guide cites it) must not hide the person's own codes either. Passages a guide cites are always shown,
# and those of the code binding the practitioner the person names clear a lower bar.
LOCAL_MIN_DENSE_SHARE = 0.75
NAMED_MIN_DENSE_SHARE = 0.6  # lower for the code binding the practitioner the person names
LOCAL_MIN_CANDIDATES = 5  # fewer of the person's own codes among the top candidates: search them on their own
TOP_CANDIDATES = 15
# Rank by how well the substance was checked, never by whether the passage has a number.
CONTENT_PENALTY = {"high": 0.0, "med": 0.002, "low": 0.008}
ELSEWHERE_LOCAL_PENALTY = 0.008
RELEVANT_OFF_TOPIC = 0.55  # cosine similarity a passage needs when it shares no topic with the question
RELEVANT_NO_TOPIC = 0.0
POLICY_MIN_SIMILARITY = 0.35  # a clinic policy passage sharing no topic with the question must be this close


class Retriever:
    """Ranks passages for a question from the knowledge base the provider returns at call time."""

    def __init__(self, kb_provider: Callable[[], KnowledgeBase], embeddings: Embeddings, top_k: int):
        self.kb_provider = kb_provider  # the index may be swapped or come back after an outage
        self.embeddings = embeddings
        self.top_k = top_k

    def retrieve(
        self,
        question: str,
        jurisdiction: str | None,
        policy_id: str | None = None,
        vector: Sequence[float] | None = None,
        focus_topics: Sequence[str] = (),
        guide_id: str | None = None,
        scope: bool | None = None,
        policy_index: PolicyIndex | None = None,
    ) -> Context:
        """Rank passages for a standalone question.

        ``guide_id`` is the guide the question-understanding layer read it as (else the nearest
        guide is used) and ``scope`` its decision on scope (else the rules decide). ``policy_index`` is a
        clinic's own policy, searched in memory (``policy_id`` names a policy of the shared index instead).
        """
        topics = list(focus_topics) or detect_topics(question)
        asked_topics = set(topics)  # before the guide's own topic is added
        ctx = Context(question=question, jurisdiction=jurisdiction, topics=topics)
        query = expand_query(question, topics)
        lexical_query = jurisdictions.without_places(query)  # the place filters; it must not also rank
        kb = self.kb_provider()
        if vector is None:
            vector = self.embeddings.embed_query(query)
        guide = kb.guide(guide_id) if guide_id else None
        if guide is None and not guide_id:
            guide = _pick_guide(kb.hybrid(lexical_query, vector, SearchFilter(doc_types=("guide",)), topics), topics)
        if guide is not None:  # the guide's topics catch what the word list missed
            topics = list(dict.fromkeys(topics + guide.meta.get("topics", "").split(",")[:1]))
        hits = kb.hybrid(lexical_query, vector, SearchFilter(doc_types=("provision",)), topics)
        if jurisdiction:  # the person's own codes are searched on their own too: none can be crowded out
            places = tuple(p for p in kb.jurisdictions() if applies_to(p, jurisdiction))
            own_found = sum(h.meta.get("jurisdiction") in places for h in hits[:TOP_CANDIDATES])
            if places and own_found < LOCAL_MIN_CANDIDATES:
                own_codes = SearchFilter(doc_types=("provision",), jurisdictions=places)
                hits = _union(hits, kb.hybrid(lexical_query, vector, own_codes, topics, near_only=True))
        if scope is None:
            scope = in_scope(question, topics, max((h.dense for h in hits), default=0.0))
        ctx.in_scope = scope
        if not ctx.in_scope:
            return ctx
        ctx.topics, ctx.guide = topics, guide
        if ctx.guide is not None:
            hits = _boost_guide_cites(kb, hits, ctx.guide, asked_topics)
        hits = _boost_named(hits, professions_named(question), codes_named(question, kb.codes), jurisdiction)
        hits = _demote_uncertain(hits, jurisdiction)
        hits = [h for h in hits if _relevant(h, topics)]
        local, other = jurisdiction_first(hits, jurisdiction)
        if local and other:  # weak local matches must not crowd out strong ones from elsewhere
            best = max(h.dense for h in other[:3])
            local = [h for h in local if h.curated or h.dense >= _dense_share(h) * best]
        k = self.top_k
        if jurisdiction:
            ctx.local = diversify(local, k - 2 if len(local) >= k else k)
            ctx.other = diversify(other, max(0, k - len(ctx.local)), per_code=1)[:2]
        else:
            ctx.local = diversify(hits, k)
        if policy_index is not None:
            found = policy_index.search(question, vector, topics)
            ctx.policy = [h for h in found if set(topics) & set(h.meta.get("topics", "").split(","))
                          or h.dense >= POLICY_MIN_SIMILARITY][:2]  # fmt: skip
        elif policy_id:
            policy_hits = kb.hybrid(
                question, vector, SearchFilter(doc_types=("policy",), codes=(f"POLICY:{policy_id}",)), topics
            )
            ctx.policy = policy_hits[:2]
        return ctx


def _union(first: list[Hit], second: list[Hit]) -> list[Hit]:
    """Both rankings' hits once each, with the better of their two scores, best first."""
    best: dict[str, Hit] = {}
    for hit in [*first, *second]:
        key = str(hit.doc.id)
        if key not in best or hit.score > best[key].score:
            best[key] = hit
    return sorted(best.values(), key=lambda h: -h.score)


def diversify(hits: list[Hit], k: int, per_code: int = 2) -> list[Hit]:
    """Top ``k`` hits with at most ``per_code`` from any one code."""
    counts: dict[str, int] = defaultdict(int)
    chosen: list[Hit] = []
    for hit in hits:
        code = hit.meta.get("code", "")
        if counts[code] < per_code:
            chosen.append(hit)
            counts[code] += 1
        if len(chosen) == k:
            break
    return chosen


def applies_to(code_jurisdiction: str, where: str) -> bool:
    """Whether a code's jurisdiction covers a person in ``where``.

    National codes cover their subdivisions; for a person who only named the country,
    that country's provincial or state rules count too (labelled as such in answers).
    """
    if not code_jurisdiction:
        return False
    if code_jurisdiction == where or code_jurisdiction in jurisdictions.family(where):
        return True
    return "-" not in where and jurisdictions.country(code_jurisdiction) == where


def jurisdiction_first(hits: list[Hit], jurisdiction: str | None) -> tuple[list[Hit], list[Hit]]:
    """Split hits into those that apply where the person is, and the rest."""
    if not jurisdiction:
        return hits, []
    local = [h for h in hits if applies_to(h.meta.get("jurisdiction", ""), jurisdiction)]
    return local, [h for h in hits if not applies_to(h.meta.get("jurisdiction", ""), jurisdiction)]


def _demote_uncertain(hits: list[Hit], jurisdiction: str | None) -> list[Hit]:
    """Provisions whose content was checked less well, and state or provincial rules for someone
    elsewhere, rank lower."""
    for hit in hits:
        hit.score -= CONTENT_PENALTY.get(hit.meta.get("content_confidence", "high"), 0.0)
        code_place = hit.meta.get("jurisdiction", "")
        if "-" in code_place and not (jurisdiction and applies_to(code_place, jurisdiction)):
            hit.score -= ELSEWHERE_LOCAL_PENALTY
    return sorted(hits, key=lambda h: -h.score)


def _relevant(hit: Hit, topics: list[str]) -> bool:
    """A passage worth citing: on one of the question's topics, or close in meaning."""
    if hit.curated or set(topics) & set(hit.meta.get("topics", "").split(",")):
        return True
    return hit.dense >= (RELEVANT_OFF_TOPIC if topics else RELEVANT_NO_TOPIC)


def _pick_guide(guides: list[Hit], topics: list[str]) -> Hit | None:
    """The best guide if it is close enough, with a lower bar when it shares the topic."""
    if not guides:
        return None
    best = guides[0]
    shares_topic = bool(set(topics) & set(best.meta.get("topics", "").split(",")))
    bar = GUIDE_TOPIC_MIN_SIMILARITY if shares_topic else GUIDE_MIN_SIMILARITY
    return best if best.dense >= bar else None


def _dense_share(hit: Hit) -> float:
    return NAMED_MIN_DENSE_SHARE if hit.named else LOCAL_MIN_DENSE_SHARE


def _boost_named(hits: list[Hit], professions: set[str], codes: set[str], jurisdiction: str | None) -> list[Hit]:
    """Codes of the profession the question names, and codes it names outright, move up. Another profession's code
    moves down only where it applies: a code from elsewhere is shown for what it says, not for whom it binds."""
    if not professions and not codes:
        return hits
    for hit in hits:
        bound = set(filter(None, hit.meta.get("professions", "").split(",")))
        applies = not jurisdiction or applies_to(hit.meta.get("jurisdiction", ""), jurisdiction)
        if professions & bound:
            hit.score += PROFESSION_BONUS
            hit.named = True
        elif professions and bound and applies:
            hit.score -= PROFESSION_MISMATCH
        if hit.meta.get("code") in codes:
            hit.score += NAMED_CODE_BONUS
            hit.named = True
    return sorted(hits, key=lambda h: -h.score)


def _boost_guide_cites(kb: KnowledgeBase, hits: list[Hit], guide: Hit, asked_topics: set[str]) -> list[Hit]:
    """Provisions the matched guide rests on move up: a careful human chose them. Those of its main point (the
    first) and of points on a topic the question raises move up most."""
    share: dict[tuple[str, str], float] = {}
    points = json.loads(guide.meta.get("points", "[]"))
    main = set(points[0].get("topics") or ()) if points else set()
    for point in points:
        own = set(point.get("topics") or ()) - main  # what the point adds to the guide's main subject
        weight = 1.0 if not own or asked_topics & own else GUIDE_SIDE_POINT_SHARE
        for cite in point.get("cites", []):
            code, _, section = cite.partition(" ")
            key = (code, section.strip())
            share[key] = max(share.get(key, 0.0), weight)
    by_key = {(h.meta.get("code"), h.meta.get("section")): h for h in hits}
    for key, weight in share.items():
        hit = by_key.get(key)
        if hit is None:
            doc = kb.provision(*key)
            if doc is None:
                continue
            hit = Hit(doc, 0.0)
            hits.append(hit)
        hit.score += GUIDE_CITE_BONUS * weight
        hit.curated = hit.curated or weight == 1.0
    return sorted(hits, key=lambda h: -h.score)
