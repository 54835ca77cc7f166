"""The answer pipeline: one LCEL chain from a message and its history to a ``Reply``.

crisis screen -> contextualise follow-ups -> retrieve -> compose. The crisis screen runs
first and independently of retrieval, so emergency guidance is never late or missing
because a search failed.
"""

from __future__ import annotations

import json
import logging
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from langchain_core.runnables import RunnableLambda

from assistant import jurisdictions
from assistant.compose import Context, compose_extractive
from assistant.config import Settings
from assistant.crisis.detector import Assessment, CrisisDetector
from assistant.crisis.resources import load_crisis_resources
from assistant.crisis.response import build_crisis_block
from assistant.embeddings import get_embeddings
from assistant.followup import contextualise, jurisdiction_from_history
from assistant.reply import Ask, CrisisBlock, Reply
from assistant.retrieval import Hit, KnowledgeBase, SearchFilter, applies_to, diversify, jurisdiction_first
from assistant.topics import detect_topics, expand_query, mentions_therapy

log = logging.getLogger(__name__)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_INJECTION = re.compile(
    r"\b(ignore|disregard|forget) (all |any |your |the |my )?(previous |prior |above )?"
    r"(instructions|rules|prompts?|guidelines)\b|\bsystem prompt\b|\bjailbreak\b|\byou are now\b|"
    r"\bpretend (to be|you are)\b|\bdeveloper mode\b",
    re.IGNORECASE,
)
SCOPE_MIN_SIMILARITY = 0.42
THERAPIST_MENTION_MIN_SIMILARITY = 0.3  # naming a clinician is not enough ("is it ok to drink on sertraline")
# Medication questions ("can i drink on sertraline"): for a doctor or pharmacist, not about contact.
_DRUG = (
    r"(?:it|them|meds|medication|medicine|pills|tablets|antidepressants?|ssris?"
    r"|\w+(?:pram|line|pine|xetine|afaxine|zepam|zolam|done|thium))"
)
_MEDICAL_ADVICE = re.compile(
    rf"\b(?:drink|drinking|alcohol|wine|beer|booze|a drink|weed|edibles?)\b.{{0,40}}"
    rf"\b(?:on|with|while on|while taking) "
    rf"(?:my |these |the )?{_DRUG}\b|\b(?:side effects?|dosage|dose|how many mg|interactions?) (?:of|for|with) "
    rf"(?:my |these |the )?{_DRUG}\b|\bmix(?:ing)? {_DRUG} (?:with|and)\b",
    re.IGNORECASE,
)
_PROFESSION = (
    r"(?:registered |licensed |clinical |qualified )?"
    r"(?:therapist|counsell?or|psychologist|psychotherapist|psychiatrist|social worker|lpc|lcsw|mft)"
)
# Questions about training for the profession, not about contact with one's own therapist.
_CAREER = re.compile(
    rf"\b(?:become|train as|training to be|qualify as|register as|get registered as|get licensed as|work as) "
    rf"(?:a |an )?{_PROFESSION}s?\b",
    re.IGNORECASE,
)
GUIDE_MIN_SIMILARITY = 0.45
GUIDE_TOPIC_MIN_SIMILARITY = 0.3
GUIDE_CITE_BONUS = 0.02
LOCAL_MIN_SHARE = 0.35  # of the best score; below it a local passage is not shown
UNVERIFIED_PENALTY = 0.008
ELSEWHERE_LOCAL_PENALTY = 0.008
RELEVANT_OFF_TOPIC = 0.0  # cosine similarity a passage needs when it shares no topic with the question
RELEVANT_NO_TOPIC = 0.0
HISTORY_WINDOW = 8
CRISIS_ONLY = (
    "Please reach out to one of the lines above first. When you're ready, I can also help with "
    "questions about contacting your therapist between sessions."
)
MEANS_REFUSAL = (
    "I can't give information about methods, amounts or how harmful something is. You deserve support right "
    "now: please reach out to one of the lines above, or your local emergency number if you're in danger."
)


class EmptyMessage(ValueError):
    """The message had no text once cleaned."""


def clean_message(text: str, max_chars: int) -> tuple[str, list[str]]:
    """Normalise Unicode, drop control characters, truncate over-long messages with a notice."""
    text = _CONTROL.sub("", unicodedata.normalize("NFKC", text or "")).strip()
    if not text:
        raise EmptyMessage("Please type a question: the message was empty.")
    notices: list[str] = []
    if len(text) > max_chars:
        text = text[:max_chars]
        notices.append(
            f"Your message was longer than {max_chars} characters, so only the first {max_chars} were read."
        )
    return text, notices


@dataclass
class Turn:
    """State carried through the chain for one message."""

    ask: Ask
    message: str = ""
    notices: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    assessment: Assessment | None = None
    crisis: CrisisBlock | None = None
    standalone: str = ""
    context: Context | None = None
    timings: dict[str, float] = field(default_factory=dict)
    clinic_after_hours: str | None = None
    policy_id: str | None = None


class _Timer:
    def __init__(self, turn: Turn, name: str):
        self.turn, self.name = turn, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.turn.timings[self.name] = round((time.perf_counter() - self.start) * 1000, 2)


class Assistant:
    """Loads the model, index and crisis data once; answers any number of messages."""

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None, llm_composer=None):
        self.settings = settings
        self.embeddings = get_embeddings(settings)
        self.kb = kb or KnowledgeBase.load(settings, self.embeddings)
        self.detector = CrisisDetector(self.embeddings, cache_dir=settings.index_dir)
        self.resources = load_crisis_resources(settings.corpus_dir)
        self.llm = llm_composer
        self.startup_notices: list[str] = []
        if self.llm is None and settings.llm:
            from assistant.llm import LLMComposer, LLMConfigError

            try:
                self.llm = LLMComposer.from_settings(settings)
            except LLMConfigError as exc:  # a bad setting must not take the assistant down
                log.warning("LLM disabled: %s", exc)
                self.startup_notices.append(f"The language model is not configured correctly ({exc}).")
        self.chain = (
            RunnableLambda(self._prepare, name="prepare")
            | RunnableLambda(self._screen, name="crisis_screen")
            | RunnableLambda(self._contextualise, name="contextualise")
            | RunnableLambda(self._retrieve, name="retrieve")
        )

    # -- chain steps ---------------------------------------------------------------------

    def _prepare(self, turn: Turn) -> Turn:
        turn.message, turn.notices = clean_message(turn.ask.question, self.settings.max_message_chars)
        history = turn.ask.history[-HISTORY_WINDOW:]
        turn.ask = turn.ask.model_copy(update={"history": history})
        explicit = jurisdictions.normalize(turn.ask.jurisdiction)
        turn.jurisdiction = (
            explicit or jurisdictions.detect(turn.message) or jurisdiction_from_history(history)
        )
        return turn

    def _screen(self, turn: Turn) -> Turn:
        with _Timer(turn, "crisis_ms"):
            history = [t.model_dump() for t in turn.ask.history]
            turn.assessment = self.detector.assess(turn.message, history)
            turn.crisis = build_crisis_block(
                turn.assessment, turn.jurisdiction, self.resources, turn.clinic_after_hours
            )
        return turn

    def _contextualise(self, turn: Turn) -> Turn:
        rewrite = self.llm.rewrite_followup if self.llm is not None else None
        turn.standalone = contextualise(turn.message, turn.ask.history, rewrite)
        return turn

    def _retrieve(self, turn: Turn) -> Turn:
        with _Timer(turn, "retrieve_ms"):
            # A message that needed no rewriting reuses the crisis screen's embedding of it.
            followup = turn.standalone != turn.message
            vector = None if followup else self.detector.message_vector(turn.message)
            # A follow-up that names its own subject ("what about just being friends?") is about that.
            focus = detect_topics(turn.message) if followup else []
            turn.context = self.retrieve(
                turn.standalone, turn.jurisdiction, policy_id=turn.policy_id, vector=vector, focus_topics=focus
            )
        return turn

    # -- retrieval -----------------------------------------------------------------------

    def retrieve(
        self,
        question: str,
        jurisdiction: str | None,
        policy_id: str | None = None,
        vector: list[float] | None = None,
        focus_topics: Sequence[str] = (),
    ) -> Context:
        """Rank passages for a standalone question; decide whether it is in scope."""
        topics = list(focus_topics) or detect_topics(question)
        ctx = Context(question=question, jurisdiction=jurisdiction, topics=topics)
        if _INJECTION.search(question):
            ctx.in_scope = False
            ctx.decline_reason = "I can't change how I work, but I'm glad to help within what I do."
            return ctx
        query = expand_query(question, topics)
        if vector is None:
            vector = self.embeddings.embed_query(query)
        guides = self.kb.hybrid(query, vector, SearchFilter(doc_types=("guide",)), topics)
        guide = _pick_guide(guides, topics)
        if guide is not None:  # the guide's topics catch what the word list missed
            topics = list(dict.fromkeys(topics + guide.meta.get("topics", "").split(",")[:1]))
        hits = self.kb.hybrid(query, vector, SearchFilter(doc_types=("provision",)), topics)
        best_dense = max((h.dense for h in hits), default=0.0)
        off_topic = _CAREER.search(question) or _MEDICAL_ADVICE.search(question)
        ctx.in_scope = not off_topic and (
            bool(topics)
            or best_dense >= SCOPE_MIN_SIMILARITY
            or (mentions_therapy(question) and best_dense >= THERAPIST_MENTION_MIN_SIMILARITY)
        )
        if not ctx.in_scope:
            return ctx
        ctx.topics, ctx.guide = topics, guide
        if ctx.guide is not None:
            hits = _boost_guide_cites(self.kb, hits, ctx.guide)
        hits = _demote_uncertain(hits, jurisdiction)
        hits = [h for h in hits if _relevant(h, topics)]
        local, other = jurisdiction_first(hits, jurisdiction)
        if local and other:  # weak local matches must not crowd out strong ones from elsewhere
            bar = LOCAL_MIN_SHARE * max(local[0].score, other[0].score)
            local = [h for h in local if h.score >= bar]
        k = self.settings.top_k
        if jurisdiction:
            ctx.local = diversify(local, k - 2 if len(local) >= k else k)
            ctx.other = diversify(other, max(0, k - len(ctx.local)), per_code=1)[:2]
        else:
            ctx.local = diversify(hits, k)
        if policy_id:
            policy_hits = self.kb.hybrid(
                question, vector, SearchFilter(doc_types=("policy",), codes=(f"POLICY:{policy_id}",)), topics
            )
            ctx.policy = policy_hits[:2]
        return ctx

    # -- public API ----------------------------------------------------------------------

    def run(self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None) -> Turn:
        """Everything but composing: screen, contextualise and retrieve."""
        turn = Turn(ask=ask, clinic_after_hours=clinic_after_hours, policy_id=policy_id)
        return self.chain.invoke(turn)

    def answer(self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None) -> Reply:
        """One complete reply (crisis block first when there is one)."""
        *_, last = self.stream(ask, clinic_after_hours, policy_id)
        return last

    def stream(
        self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None
    ) -> Iterator[Reply]:
        """Replies with a growing answer; the crisis block is present from the first one."""
        started = time.perf_counter()
        turn = self.run(ask, clinic_after_hours, policy_id)
        ctx = turn.context
        assert ctx is not None
        backend = "extractive"
        notices = self.startup_notices + turn.notices
        means = turn.assessment is not None and turn.assessment.asks_for_means
        if means:  # never method, means, dose or lethality information
            ctx.in_scope = False
        crisis_only = turn.crisis is not None and turn.crisis.tier != "distress" and not ctx.in_scope
        base = Reply(answer="", crisis=turn.crisis, jurisdiction=turn.jurisdiction, in_scope=ctx.in_scope)
        if turn.crisis is not None:
            yield base  # the banner goes out before any answer text
        compose_started = time.perf_counter()
        if crisis_only:
            text, citations = (MEANS_REFUSAL if means else CRISIS_ONLY), []
        elif self.llm is not None and ctx.in_scope:
            history = [t.model_dump() for t in turn.ask.history]
            streamed, error = "", None
            try:
                for delta in self.llm.stream(ctx, history):
                    streamed += delta
                    yield base.model_copy(update={"answer": streamed, "backend": self.llm.backend})
            except Exception as exc:  # LLMUnavailable or anything the client library raised
                error = f"{type(exc).__name__}"
            text, citations, backend, extra = self.llm.finish(streamed, ctx, error=error)
            notices += extra
        else:
            text, citations = compose_extractive(ctx)
        turn.timings["compose_ms"] = round((time.perf_counter() - compose_started) * 1000, 2)
        turn.timings["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
        yield base.model_copy(
            update={
                "answer": text,
                "citations": citations,
                "backend": backend,
                "notices": notices,
                "timings_ms": dict(turn.timings),
            }
        )


def _demote_uncertain(hits: list[Hit], jurisdiction: str | None) -> list[Hit]:
    """Unverified provisions, and state or provincial rules for someone elsewhere, rank lower."""
    for hit in hits:
        if hit.meta.get("confidence") == "unverified":
            hit.score -= UNVERIFIED_PENALTY
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


def _boost_guide_cites(kb: KnowledgeBase, hits: list[Hit], guide: Hit) -> list[Hit]:
    """Provisions the matched guide rests on move up: a careful human chose them."""
    cited: list[tuple[str, str]] = []
    for point in json.loads(guide.meta.get("points", "[]")):
        for cite in point.get("cites", []):
            code, _, section = cite.partition(" ")
            cited.append((code, section.strip()))
    by_key = {(h.meta.get("code"), h.meta.get("section")): h for h in hits}
    for key in dict.fromkeys(cited):
        hit = by_key.get(key)
        if hit is None:
            doc = kb.provision(*key)
            if doc is None:
                continue
            hit = Hit(doc, 0.0)
            hits.append(hit)
        hit.score += GUIDE_CITE_BONUS
        hit.curated = True
    return sorted(hits, key=lambda h: -h.score)
