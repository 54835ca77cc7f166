"""The answer pipeline: one LCEL chain from a message and its history to a ``Reply``.

crisis screen -> contextualise follow-ups -> retrieve -> compose. The crisis screen runs
first and independently of retrieval, so emergency guidance is never late or missing
because a search failed.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings
from langchain_core.runnables import RunnableLambda

from assistant import jurisdictions
from assistant.answer.compose import NOTICE_UNCHECKED, Composed, Composer, join_parts
from assistant.answer.compose.extractive import ExtractiveComposer
from assistant.answer.context import Context
from assistant.answer.followup import contextualise, jurisdiction_from_history
from assistant.answer.retrieve import Retriever
from assistant.answer.scope import clean_message, declined_subject
from assistant.answer.understand import (
    CONVERSATION_SURE,
    CONVERSATION_SURE_OVER_NONE,
    OWN_WEAK,
    PART_MIN,
    PART_MIN_SIGNALLED,
    Interpretation,
    QuestionUnderstanding,
    asks_more_than_one_thing,
    clauses,
    conversation_text,
    interpret,
    is_asking,
    says_it_asks_more,
)
from assistant.clinics.scope import PUBLIC, ClinicScope
from assistant.config import Settings
from assistant.corpus.loader import corpus_digest
from assistant.crisis.detector import CrisisDetector
from assistant.crisis.layer import BuildMode, build_detector
from assistant.crisis.resources import load_crisis_resources
from assistant.crisis.response import build_crisis_block, crisis_only_text
from assistant.crisis.semantic import semantic_key
from assistant.crisis.types import Assessment
from assistant.crisis.wording import framing
from assistant.errors import EmptyMessage, LLMConfigError
from assistant.index.embeddings import get_embeddings
from assistant.index.knowledge_base import KnowledgeBase
from assistant.index.store import IndexUnavailable, store_failure
from assistant.language import ENGLISH_ONLY, Language, detect_language
from assistant.reply import Alternative, Ask, CrisisBlock, GuideRef, Notice, Part, Reply
from assistant.topics import detect_topics, plain_words

log = logging.getLogger(__name__)
HISTORY_WINDOW = 8


SEARCH_UNAVAILABLE = (
    "Search is unavailable right now, so I can't answer the rest of your message at the moment. Please try again later."
)
KB_RETRY_SECONDS = 5.0  # how often a missing or unreachable index is looked for again


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
    clinic: ClinicScope = PUBLIC
    place_named: str | None = None  # the words a message used for the place it names ("Sydney")
    place_source: str | None = None  # "picker", "message" or "history"
    language: Language = "en"
    interpretation: Interpretation = field(default_factory=Interpretation)
    parts: list[tuple[str, Context]] = field(default_factory=list)  # (clause, its context) when it asks two things

    @property
    def user_turns(self) -> list[str]:
        """The person's own earlier messages in this conversation, oldest first."""
        return [t.content for t in self.ask.history if t.role == "user"]


def place_reason(turn: Turn) -> str | None:
    """Why the answer uses this place's codes, in the person's terms."""
    if not turn.jurisdiction:
        return None
    why = {
        "message": f"you mentioned {turn.place_named}",
        "picker": f"you picked {jurisdictions.label(turn.jurisdiction)}",
        "history": f"you mentioned {jurisdictions.label(turn.jurisdiction)} earlier",
    }.get(turn.place_source or "", "")
    country = jurisdictions.country(turn.jurisdiction)
    if country and country != turn.jurisdiction:
        national = f"{jurisdictions.COUNTRIES.get(country, country)}'s national codes apply there too"
        why = f"{why}; {national}" if why else national
    return why or None


def _warn_if_other_corpus(kb: KnowledgeBase, settings: Settings) -> None:
    """Log when this machine's corpus folder is not the one the shared index was built from (server mode:
    the replica answers from the shared generation anyway, so that every replica gives the same answers)."""
    folder = settings.corpus_dir
    if folder.is_dir() and corpus_digest(folder) != kb.manifest.corpus_digest:
        log.warning(
            "index generation %s was built from another corpus than %s; answering from it (the shared index "
            "wins in server mode)",
            kb.manifest.active,
            folder,
        )


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
        composer: Composer | None = None,
        *,
        embeddings: Embeddings | None = None,
        detector: CrisisDetector | None = None,
        crisis_build: BuildMode = "sync",
        understanding: QuestionUnderstanding | None = None,
    ):
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.detector = detector or build_detector(settings, self.embeddings, crisis_build)
        self.resources = load_crisis_resources(settings.corpus_dir)
        self.understanding = understanding or QuestionUnderstanding(None, {})
        self._kb = kb
        self._kb_error = ""
        self._kb_tried = 0.0
        self._kb_lock = threading.Lock()
        self._kb_polled = time.monotonic()
        self._swapping = threading.Event()
        if kb is None:
            self._load_kb()
        self.startup_notices: list[Notice] = []
        self.composer: Composer = composer or self._composer_from_settings(settings)
        rewrite = getattr(self.composer, "rewrite_followup", None)  # only a language model can rewrite
        self.rewrite_followup: Callable[[str, list[dict]], str | None] | None = rewrite
        self.retriever = Retriever(self.knowledge_base, self.embeddings, settings.top_k)
        # Screening never touches the index; answering does, and may fail without losing the screen.
        self.screen_chain = RunnableLambda(self._prepare, name="prepare") | RunnableLambda(
            self._screen, name="crisis_screen"
        )
        self.answer_chain = RunnableLambda(self._contextualise, name="contextualise") | RunnableLambda(
            self._retrieve, name="retrieve"
        )

    def _composer_from_settings(self, settings: Settings) -> Composer:
        """The LLM composer when one is configured and can be set up, else the extractive one."""
        if not settings.llm:
            return ExtractiveComposer()
        from assistant.answer.compose.llm import LLMComposer

        try:
            llm = LLMComposer.from_settings(settings)
        except LLMConfigError as exc:  # a bad setting must not take the assistant down
            log.warning("LLM disabled: %s", exc)
            self.startup_notices.append(
                Notice(code="llm_not_configured", text=f"The language model is not configured correctly ({exc}).")
            )
            return ExtractiveComposer()
        return llm or ExtractiveComposer()

    # -- the index -------------------------------------------------------------------------

    def _load_kb(self) -> None:
        self._kb_tried = time.monotonic()
        try:
            # With a Chroma server the manifest is the authority: every replica answers from the generation
            # it names, whatever corpus copy this machine has (an embedded index must match its corpus).
            server = self.settings.server_mode
            self._kb = KnowledgeBase.load(self.settings, self.embeddings, check_stale=not server)
            if server:
                _warn_if_other_corpus(self._kb, self.settings)
            self._kb_error = ""
        except Exception as exc:  # a missing, stale, damaged or unreachable index
            error = store_failure(self.settings, exc)
            if str(error) != self._kb_error:
                log.warning("index unavailable: %s", error)
            self._kb_error = str(error)

    def _poll_generation(self, kb: KnowledgeBase) -> None:
        self._kb_polled = time.monotonic()
        try:
            active = kb.active_generation()
        except Exception:  # noqa: BLE001 - an unreachable store shows in readiness, not here
            return
        if active and active != kb.manifest.active and not self._swapping.is_set():
            self._swapping.set()
            threading.Thread(target=self._swap_in, name="index-swap", daemon=True).start()

    def _swap_in(self) -> None:
        try:
            fresh = KnowledgeBase.load(self.settings, self.embeddings, check_stale=False)
            self._kb = fresh  # one assignment: a request uses the old or the new index, never half of each
            log.warning("switched to index generation %s", fresh.manifest.active)
        except Exception as exc:  # noqa: BLE001 - keep answering from the generation in service
            log.warning("index generation not swapped in: %s", type(exc).__name__)
        finally:
            self._swapping.clear()

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
        """The index, looked for again when it was missing; ``IndexUnavailable`` when it still is.

        Every ``index_poll_seconds`` the manifest is read again: when a build has switched it to a
        new generation, that generation is loaded in the background and swapped in between requests.
        """
        if self._kb is not None and time.monotonic() - self._kb_polled >= self.settings.index_poll_seconds:
            self._poll_generation(self._kb)
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
            picked = jurisdictions.normalize(turn.ask.jurisdiction)
        except jurisdictions.UnknownJurisdiction as exc:  # refused after the screen, never before it
            picked, turn.refusal = None, exc
        named = jurisdictions.detect_named(turn.message, prefer=picked)
        if named is not None:  # a place named in the message wins over the picker for this turn
            (turn.jurisdiction, turn.place_named), turn.place_source = named, "message"
            if picked and picked != turn.jurisdiction and picked not in jurisdictions.family(turn.jurisdiction):
                turn.notices.append(
                    Notice(
                        code="place_from_message",
                        text=f"You mentioned {turn.place_named}, so this answer uses the codes for "
                        f"{jurisdictions.label(turn.jurisdiction)} rather than {jurisdictions.label(picked)}.",
                    )
                )
        elif picked:
            turn.jurisdiction, turn.place_source = picked, "picker"
        else:
            turn.jurisdiction = jurisdiction_from_history(history)
            turn.place_source = "history" if turn.jurisdiction else None
        turn.language = detect_language(turn.message)
        return turn

    def _screen(self, turn: Turn) -> Turn:
        with _Timer(turn, "crisis_ms"):
            history = [t.model_dump() for t in turn.ask.history]
            turn.assessment = self.detector.assess(turn.message, history)
            turn.crisis = build_crisis_block(
                turn.assessment, turn.jurisdiction, self.resources, turn.clinic.after_hours
            )
        return turn

    def _contextualise(self, turn: Turn) -> Turn:
        turn.standalone = contextualise(turn.message, turn.ask.history, self.rewrite_followup)
        return turn

    def _retrieve(self, turn: Turn) -> Turn:
        with _Timer(turn, "retrieve_ms"):
            # A message that needed no rewriting reuses the crisis screen's embedding of it.
            followup = turn.standalone != turn.message
            vector = None if followup else self.detector.message_vector(turn.message)
            # A follow-up that names its own subject ("what about just being friends?") is about that.
            focus = detect_topics(turn.message) if followup else []
            turn.interpretation = self._interpret(turn, followup)
            reading = turn.interpretation
            scope = reading.scope
            if declined_subject(turn.message, turn.user_turns):
                scope = False
            if turn.language != "en" or turn.crisis is not None:
                scope = None if scope is False else scope  # never declined for its language or after a crisis reading
            turn.context = self.retriever.retrieve(
                turn.standalone, turn.jurisdiction, policy_id=turn.clinic.policy_id, vector=vector, focus_topics=focus,
                guide_id=reading.guide_id, scope=scope, policy_index=turn.clinic.policy_index,
            )  # fmt: skip
            if turn.language != "en" and not turn.context.in_scope:
                turn.context = self.retriever.retrieve(
                    turn.standalone, turn.jurisdiction, policy_id=turn.clinic.policy_id, vector=vector,
                    focus_topics=focus, guide_id=reading.guide_id, scope=True, policy_index=turn.clinic.policy_index,
                )  # fmt: skip
            if (reading.second or asks_more_than_one_thing(turn.message)) and turn.context.in_scope:
                turn.parts = self._parts(turn)
            for ctx in [turn.context, *(c for _, c in turn.parts)]:
                ctx.place_reason = place_reason(turn)
        return turn

    def _interpret(self, turn: Turn, followup: bool) -> Interpretation:
        """The question-understanding layer's reading of the message (with the conversation for a follow-up)."""
        # the lexical features read idioms plainly ("is it just her call"); the vector is the screen's own
        key = semantic_key(plain_words(turn.message))
        own = self.understanding.read(key, self.detector.message_vector(turn.message))
        carried = followup and not self.understanding.names_its_subject(own, detect_topics(turn.message))
        # a message unsure on its own ("ok and if I reply to the reminder with an update...") or read as out of
        # scope on its own ("right, a bottle of whisky then?") is read with the conversation when that is sure
        unsure = bool(turn.user_turns) and (own is None or own.guide is None or own.confidence < OWN_WEAK)
        if carried or unsure:
            key = semantic_key(plain_words(conversation_text(turn.message, turn.user_turns)))
            conversation = self.understanding.read(key, self.embeddings.embed_query(key))
            bar = CONVERSATION_SURE if own is None or own.confidence < OWN_WEAK else CONVERSATION_SURE_OVER_NONE
            sure = conversation is not None and conversation.guide is not None and conversation.confidence >= bar
            if carried or sure:
                return interpret(conversation)
        return interpret(own)

    def _parts(self, turn: Turn) -> list[tuple[str, Context]]:
        """Two contexts, in the order asked, when the message's clauses ask about two different guides."""
        pieces = clauses(turn.message)
        if len(pieces) < 2:
            return []
        guides: list[tuple[str, str]] = []
        bar = PART_MIN_SIGNALLED if says_it_asks_more(turn.message) else PART_MIN
        story: list[str] = []
        for piece in pieces:
            if not is_asking(piece):
                story.append(piece)  # the story around the questions: read with the question after it
                continue
            key = semantic_key(plain_words(" ".join([*story, piece])))  # "she mentioned my job ... Is that allowed?"
            story = []
            reading = self.understanding.read(key, self.embeddings.embed_query(key))
            likely = reading.guides(bar) if reading is not None else []
            if likely and likely[0][0] not in {g for _, g in guides}:
                guides.append((piece, likely[0][0]))
        if len(guides) < 2:
            return []
        retrieve = self.retriever.retrieve
        return [
            (piece, retrieve(piece, turn.jurisdiction, policy_id=turn.clinic.policy_id, guide_id=guide, scope=True,
                             policy_index=turn.clinic.policy_index))
            for piece, guide in guides[:2]
        ]

    # -- retrieval -----------------------------------------------------------------------

    # -- public API ----------------------------------------------------------------------

    def screen(
        self,
        ask: Ask,
        clinic: ClinicScope = PUBLIC,
    ) -> Turn:
        """Clean the message and screen it: needs neither the index nor the LLM."""
        turn = Turn(ask=ask, clinic=clinic)
        return self.screen_chain.invoke(turn)

    def run(
        self,
        ask: Ask,
        clinic: ClinicScope = PUBLIC,
    ) -> Turn:
        """Everything but composing: screen, contextualise and retrieve."""
        turn = self.screen(ask, clinic)
        if turn.refusal is not None:
            raise turn.refusal
        return self.answer_chain.invoke(turn)

    def answer(
        self,
        ask: Ask,
        clinic: ClinicScope = PUBLIC,
    ) -> Reply:
        """One complete reply (crisis block first when there is one)."""
        *_, last = self.stream(ask, clinic)
        return last

    def crisis_reply(self, ask: Ask, notice: Notice, clinic: ClinicScope = PUBLIC) -> Reply | None:
        """For a request about to be refused: the crisis block with the refusal as a notice, or None.

        Every refusal (a bad field, a rate limit, a full queue, an outage) calls this first, so
        that a message with any crisis reading still gets its block (contracts, rule 1).
        """
        try:
            turn = self.screen(ask, clinic)
        except EmptyMessage:
            return None
        if turn.crisis is None:
            return None
        return self._crisis_only(turn, [*turn.notices, notice])

    def _crisis_only(self, turn: Turn, notices: list[Notice]) -> Reply:
        return Reply(
            answer=_crisis_only_words(turn),
            crisis=turn.crisis,
            jurisdiction=turn.jurisdiction,
            in_scope=False,
            notices=notices,
            timings_ms=dict(turn.timings),
        )

    def stream(
        self,
        ask: Ask,
        clinic: ClinicScope = PUBLIC,
    ) -> Iterator[Reply]:
        """Replies with a growing answer; the crisis block is present from the first one.

        The screen runs first. When the message then has to be refused (an unknown place) or
        the index fails, a message with any crisis reading still gets a complete reply with
        its block and the reason as a notice; any other message gets the error raised.
        """
        started = time.perf_counter()
        turn = self.screen(ask, clinic)
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
        notices = self.startup_notices + turn.notices + self._reading_notices(turn)
        means = turn.assessment is not None and turn.assessment.asks_for_means
        if means:  # never method, means, dose or lethality information
            ctx.in_scope = False
        crisis_only = self._crisis_only_reply(turn, ctx, means)
        base = Reply(
            answer="",
            crisis=turn.crisis,
            jurisdiction=turn.jurisdiction,
            in_scope=ctx.in_scope,
            # a two-part answer leads with the first part asked, so its guide is the one the reply names
            guide=None if crisis_only else self._guide_ref(turn.parts[0][1] if turn.parts else ctx),
            parts=[] if crisis_only else [Part(question=q, guide=self._guide_ref(c)) for q, c in turn.parts],
            alternatives=[] if crisis_only else self._alternatives(turn),
        )
        compose_started = time.perf_counter()
        if crisis_only:
            composed = Composed(_crisis_only_words(turn), [], "extractive", [])
        elif turn.parts:
            composed = yield from self._compose_parts(turn, base)
        else:
            composed = yield from self._compose(ctx, turn, base)
        turn.timings["compose_ms"] = round((time.perf_counter() - compose_started) * 1000, 2)
        turn.timings["total_ms"] = round((time.perf_counter() - started) * 1000, 2)
        yield base.model_copy(
            update={
                "answer": composed.text,
                "citations": composed.citations,
                "backend": composed.backend,
                "notices": notices + composed.notices,
                "timings_ms": dict(turn.timings),
            }
        )

    def _crisis_only_reply(self, turn: Turn, ctx: Context, means: bool) -> bool:
        """The reply's shape follows the tier.

        imminent: the block and a few caring sentences, nothing about codes. crisis: the block,
        then a short answer only when the message asks about contact with a therapist and the
        reading of it is confident. distress: a check-in, then the answer. A message with any
        crisis reading never gets the out-of-scope decline: it gets the crisis-only reply instead.
        """
        if turn.crisis is None:
            return False
        if means or turn.crisis.tier == "imminent" or not ctx.in_scope:
            return True
        if turn.crisis.tier == "crisis":
            confident = turn.interpretation.scope is True or (
                turn.interpretation == Interpretation() and ctx.guide is not None and bool(ctx.topics)
            )
            ctx.brief = True
            return not confident
        return False

    def _guide_ref(self, ctx: Context) -> GuideRef | None:
        if ctx.guide is None or not ctx.in_scope:
            return None
        guide_id = str(ctx.guide.meta.get("guide_id", ""))
        return GuideRef(id=guide_id, title=str(ctx.guide.meta.get("title", "")), url=f"/guides/{guide_id}")

    def _alternatives(self, turn: Turn) -> list[Alternative]:
        other = self.understanding.guides.get(turn.interpretation.alternative or "")
        if other is None or turn.parts:
            return []
        return [Alternative(id=other.id, title=other.title, question=other.title)]

    def _reading_notices(self, turn: Turn) -> list[Notice]:
        notices = []
        if turn.language in ENGLISH_ONLY:
            notices.append(Notice(code="answered_in_english", text=ENGLISH_ONLY[turn.language]))
        ctx, alternatives = turn.context, self._alternatives(turn)
        if ctx is not None and ctx.guide is not None and alternatives:
            notices.append(
                Notice(
                    code="other_reading",
                    text=f"I read your question as: “{ctx.guide.meta.get('title', '')}” If you meant "
                    f"“{alternatives[0].title}”, ask me that and I'll answer it.",
                )
            )
        return notices

    def _compose_parts(self, turn: Turn, base: Reply) -> Generator[Reply, None, Composed]:
        """Each part answered in order under its own heading; citations numbered across the whole reply."""
        done: list[tuple[str, Composed]] = []
        for question, ctx in turn.parts:
            prefix = join_parts(done).text
            heading = f"**{len(done) + 1}. {question.rstrip('?')}?**\n\n"
            lead = (prefix + "\n\n" if prefix else "") + heading
            composed = yield from self._compose(ctx, turn, base, lead=lead)
            done.append((heading, composed))
        return join_parts(done)

    def _compose(self, ctx: Context, turn: Turn, base: Reply, lead: str = "") -> Generator[Reply, None, Composed]:
        """Stream the composer's answer (each partial reply keeps the crisis block), then finish it.

        ``lead`` is text already shown above this answer (earlier parts). Any failure of the composer,
        including in its final check, falls back to the extractive answer.
        """
        history = [t.model_dump() for t in turn.ask.history]
        streamed, error = "", None
        try:
            for delta in self.composer.stream(ctx, history):
                streamed += delta
                yield base.model_copy(update={"answer": lead + streamed, "backend": self.composer.backend})
        except Exception as exc:  # LLMUnavailable or anything the client library raised
            error = f"{type(exc).__name__}"
        try:
            return self.composer.finish(streamed, ctx, error=error)
        except Exception as exc:  # a bug in checking must never cost the person an answer
            log.error("answer check failed: %s", type(exc).__name__)
            text, citations, backend, _ = ExtractiveComposer().finish(None, ctx)
            return Composed(text, citations, backend, [NOTICE_UNCHECKED])


def _crisis_only_words(turn: Turn) -> str:
    """The caring sentences around a block that stands alone, in the message's language and shaped by its
    tier (imminent: what to do now; a request for means refused first); a distress reading that still has
    to stand alone (a refusal, an outage) gets the plain crisis-only line."""
    assessment = turn.assessment
    if assessment is None:
        return framing("en").crisis_only
    return crisis_only_text(assessment) or framing(assessment.language).crisis_only
