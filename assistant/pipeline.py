"""The answer pipeline: one LCEL chain from a message and its history to a ``Reply``.

crisis screen -> contextualise follow-ups -> retrieve -> compose. The crisis screen runs
first and independently of retrieval, so emergency guidance is never late or missing
because a search failed.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings
from langchain_core.runnables import RunnableLambda

from assistant import jurisdictions
from assistant.compose import Context, compose_extractive
from assistant.config import Settings
from assistant.crisis.detector import CrisisDetector
from assistant.crisis.layer import BuildMode, build_detector
from assistant.crisis.resources import load_crisis_resources
from assistant.crisis.response import build_crisis_block
from assistant.crisis.types import Assessment
from assistant.embeddings import get_embeddings
from assistant.errors import EmptyMessage  # noqa: F401  (re-exported where callers import it)
from assistant.followup import contextualise, jurisdiction_from_history
from assistant.reply import Ask, CrisisBlock, Notice, Reply
from assistant.retrieval import Hit, KnowledgeBase, SearchFilter, applies_to, diversify, jurisdiction_first
from assistant.store import IndexUnavailable, store_failure
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


SEARCH_UNAVAILABLE = (
    "Search is unavailable right now, so I can't answer the rest of your message at the moment. "
    "Please try again later."
)
KB_RETRY_SECONDS = 5.0  # how often a missing or unreachable index is looked for again


def clean_message(text: str, max_chars: int) -> tuple[str, list[Notice]]:
    """Normalise Unicode, drop control characters, truncate over-long messages with a notice."""
    text = _CONTROL.sub("", unicodedata.normalize("NFKC", text or "")).strip()
    if not text:
        raise EmptyMessage("Please type a question: the message was empty.")
    notices: list[Notice] = []
    if len(text) > max_chars:
        text = text[:max_chars]
        notices.append(
            Notice(
                code="message_truncated",
                text=f"Your message was longer than {max_chars} characters, so only the first {max_chars} were read.",
            )
        )
    return text, notices


@dataclass
class Turn:
    """State carried through the chain for one message."""

    ask: Ask
    message: str = ""
    notices: list[Notice] = field(default_factory=list)
    refusal: jurisdictions.UnknownJurisdiction | None = None  # raised after the screen, unless it found a crisis
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
    """Loads the model, crisis layer and index once; answers any number of messages.

    The crisis layer is built from the package and the cache folder only (contracts, rule 2),
    so an Assistant exists, and screens, even when the index is missing, damaged or
    unreachable; the index is looked for again every few seconds until it answers.
    """

    def __init__(
        self,
        settings: Settings,
        kb: KnowledgeBase | None = None,
        llm_composer=None,
        *,
        embeddings: Embeddings | None = None,
        detector: CrisisDetector | None = None,
        crisis_build: BuildMode = "sync",
    ):
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.detector = detector or build_detector(settings, self.embeddings, crisis_build)
        self.resources = load_crisis_resources(settings.corpus_dir)
        self._kb = kb
        self._kb_error = ""
        self._kb_tried = 0.0
        self._kb_lock = threading.Lock()
        if kb is None:
            self._load_kb()
        self.llm = llm_composer
        self.startup_notices: list[Notice] = []
        if self.llm is None and settings.llm:
            from assistant.llm import LLMComposer, LLMConfigError

            try:
                self.llm = LLMComposer.from_settings(settings)
            except LLMConfigError as exc:  # a bad setting must not take the assistant down
                log.warning("LLM disabled: %s", exc)
                self.startup_notices.append(
                    Notice(code="llm_not_configured", text=f"The language model is not configured correctly ({exc}).")
                )
        # Screening never touches the index; answering does, and may fail without losing the screen.
        self.screen_chain = RunnableLambda(self._prepare, name="prepare") | RunnableLambda(
            self._screen, name="crisis_screen"
        )
        self.answer_chain = RunnableLambda(self._contextualise, name="contextualise") | RunnableLambda(
            self._retrieve, name="retrieve"
        )

    # -- the index -------------------------------------------------------------------------

    def _load_kb(self) -> None:
        self._kb_tried = time.monotonic()
        try:
            self._kb = KnowledgeBase.load(self.settings, self.embeddings)
            self._kb_error = ""
        except Exception as exc:  # a missing, stale, damaged or unreachable index
            error = store_failure(self.settings, exc)
            if str(error) != self._kb_error:
                log.warning("index unavailable: %s", error)
            self._kb_error = str(error)

    def reload_index(self) -> bool:
        """Open the index again now (after a build); True when it loaded."""
        with self._kb_lock:
            self._load_kb()
        return self._kb is not None

    @property
    def kb(self) -> KnowledgeBase | None:
        """The loaded index, or None while it is unavailable."""
        return self._kb

    def knowledge_base(self) -> KnowledgeBase:
        """The index, looked for again when it was missing; ``IndexUnavailable`` when it still is."""
        if self._kb is None and time.monotonic() - self._kb_tried >= KB_RETRY_SECONDS:
            with self._kb_lock:
                if self._kb is None and time.monotonic() - self._kb_tried >= KB_RETRY_SECONDS:
                    self._load_kb()
        if self._kb is None:
            raise IndexUnavailable(self._kb_error or "No index found. Build it with `python ingest.py`.")
        return self._kb

    def readiness(self) -> tuple[bool, str]:
        """(ready, reason): whether the store answers right now."""
        try:
            self.knowledge_base().ping()
        except IndexUnavailable as exc:
            return False, str(exc)
        return True, "ok"

    # -- chain steps ---------------------------------------------------------------------

    def _prepare(self, turn: Turn) -> Turn:
        turn.message, turn.notices = clean_message(turn.ask.question, self.settings.max_message_chars)
        history = turn.ask.history[-HISTORY_WINDOW:]
        turn.ask = turn.ask.model_copy(update={"history": history})
        try:
            explicit = jurisdictions.normalize(turn.ask.jurisdiction)
        except jurisdictions.UnknownJurisdiction as exc:  # refused after the screen, never before it
            explicit, turn.refusal = None, exc
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
        kb = self.knowledge_base()
        if vector is None:
            vector = self.embeddings.embed_query(query)
        guides = kb.hybrid(query, vector, SearchFilter(doc_types=("guide",)), topics)
        guide = _pick_guide(guides, topics)
        if guide is not None:  # the guide's topics catch what the word list missed
            topics = list(dict.fromkeys(topics + guide.meta.get("topics", "").split(",")[:1]))
        hits = kb.hybrid(query, vector, SearchFilter(doc_types=("provision",)), topics)
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
            hits = _boost_guide_cites(kb, hits, ctx.guide)
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
            policy_hits = kb.hybrid(
                question, vector, SearchFilter(doc_types=("policy",), codes=(f"POLICY:{policy_id}",)), topics
            )
            ctx.policy = policy_hits[:2]
        return ctx

    # -- public API ----------------------------------------------------------------------

    def screen(self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None) -> Turn:
        """Clean the message and screen it: needs neither the index nor the LLM."""
        turn = Turn(ask=ask, clinic_after_hours=clinic_after_hours, policy_id=policy_id)
        return self.screen_chain.invoke(turn)

    def run(self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None) -> Turn:
        """Everything but composing: screen, contextualise and retrieve."""
        turn = self.screen(ask, clinic_after_hours, policy_id)
        if turn.refusal is not None:
            raise turn.refusal
        return self.answer_chain.invoke(turn)

    def answer(self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None) -> Reply:
        """One complete reply (crisis block first when there is one)."""
        *_, last = self.stream(ask, clinic_after_hours, policy_id)
        return last

    def crisis_reply(self, ask: Ask, notice: Notice, clinic_after_hours: str | None = None) -> Reply | None:
        """For a request about to be refused: the crisis block with the refusal as a notice, or None.

        Every refusal (a bad field, a rate limit, a full queue, an outage) calls this first, so
        that a message with any crisis reading still gets its block (contracts, rule 1).
        """
        try:
            turn = self.screen(ask, clinic_after_hours)
        except EmptyMessage:
            return None
        if turn.crisis is None:
            return None
        return self._crisis_only(turn, [*turn.notices, notice])

    def _crisis_only(self, turn: Turn, notices: list[Notice]) -> Reply:
        means = turn.assessment is not None and turn.assessment.asks_for_means
        return Reply(
            answer=MEANS_REFUSAL if means else CRISIS_ONLY,
            crisis=turn.crisis,
            jurisdiction=turn.jurisdiction,
            in_scope=False,
            notices=notices,
            timings_ms=dict(turn.timings),
        )

    def stream(
        self, ask: Ask, clinic_after_hours: str | None = None, policy_id: str | None = None
    ) -> Iterator[Reply]:
        """Replies with a growing answer; the crisis block is present from the first one.

        The screen runs first. When the message then has to be refused (an unknown place) or
        the index fails, a message with any crisis reading still gets a complete reply with
        its block and the reason as a notice; any other message gets the error raised.
        """
        started = time.perf_counter()
        turn = self.screen(ask, clinic_after_hours, policy_id)
        if turn.crisis is not None:
            yield Reply(answer="", crisis=turn.crisis, jurisdiction=turn.jurisdiction, in_scope=True)
        if turn.refusal is not None:
            if turn.crisis is None:
                raise turn.refusal
            notice = Notice(code="unknown_jurisdiction", text=str(turn.refusal))
            yield self._crisis_only(turn, [*turn.notices, notice])
            return
        try:
            turn = self.answer_chain.invoke(turn)
        except IndexUnavailable as exc:
            if turn.crisis is None:
                raise
            log.warning("answered with the crisis block only: %s", type(exc).__name__)
            notice = Notice(code="search_unavailable", text=SEARCH_UNAVAILABLE)
            yield self._crisis_only(turn, [*self.startup_notices, *turn.notices, notice])
            return
        ctx = turn.context
        assert ctx is not None
        backend = "extractive"
        notices = self.startup_notices + turn.notices
        means = turn.assessment is not None and turn.assessment.asks_for_means
        if means:  # never method, means, dose or lethality information
            ctx.in_scope = False
        crisis_only = turn.crisis is not None and turn.crisis.tier != "distress" and not ctx.in_scope
        base = Reply(answer="", crisis=turn.crisis, jurisdiction=turn.jurisdiction, in_scope=ctx.in_scope)
        compose_started = time.perf_counter()
        if crisis_only:
            text, citations = (MEANS_REFUSAL if means else CRISIS_ONLY), []
        elif self.llm is not None and ctx.in_scope:
            text, citations, backend, extra = yield from self._compose_llm(ctx, turn, base)
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

    def _compose_llm(self, ctx: Context, turn: Turn, base: Reply):
        """Stream the LLM's answer (each partial reply keeps the crisis block), then check it.

        Any failure, including in the final check, falls back to the extractive answer.
        """
        assert self.llm is not None
        history = [t.model_dump() for t in turn.ask.history]
        streamed, error = "", None
        try:
            for delta in self.llm.stream(ctx, history):
                streamed += delta
                yield base.model_copy(update={"answer": streamed, "backend": self.llm.backend})
        except Exception as exc:  # LLMUnavailable or anything the client library raised
            error = f"{type(exc).__name__}"
        try:
            return self.llm.finish(streamed, ctx, error=error)
        except Exception as exc:  # a bug in checking must never cost the person an answer
            log.error("LLM answer check failed: %s", type(exc).__name__)
            from assistant.llm import NOTICE_UNCHECKED

            text, citations = compose_extractive(ctx)
            return text, citations, "extractive", [NOTICE_UNCHECKED]


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
