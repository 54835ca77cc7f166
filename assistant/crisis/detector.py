"""Crisis screening: a deterministic, layered detector run on every user message.

:meth:`CrisisDetector.assess` runs these steps in this order (all deterministic, no network,
no generation); every tuned number is in ``thresholds.py``.

1. **Normalise** (``normalise.py``): NFKC, lowercase, accents stripped, leetspeak inside words
   undone ("su1cide", "r@ped"), letters repeated 3+ times collapsed, then a misspelling/slang map
   ("sucidal", "kms", "unalive", "sewerslide", "ctb", "sh", "od'd", ...).
2. **Conversation window**: the last ``WINDOW`` user turns are screened with the pattern layer
   (plus cached vectors when those turns were screened before). Distress anywhere in the window
   arms the means-word rule of step 3, and a crisis or imminent turn is remembered for step 7.
3. **Patterns** (``screen.py`` over ``patterns/`` and ``cues.py``): curated regular expressions
   per category with a tier, after idioms and technical phrases ("dying to know", "kill the
   process") are blanked out. Negation, hypothetical disclosures and the resolved past lower a
   match; imminence cues raise it; means words count only after distress. A *frame* (a
   professional's procedure or study question, a song, film or the news, the long-resolved past,
   a plain denial) caps the message at a check-in that no later layer may raise, unless it also
   states present first-person risk or a specific case.
4. **Semantics** (``semantic.py``, when an ``Embeddings`` model is given): cosine similarity of
   the message to curated crisis exemplars per category and to hard negatives
   (``exemplars.yaml``). It can raise a message the patterns missed to distress or crisis, and it
   can silence a *distress-level* pattern hit that is much closer to a hard negative. It never
   lowers a crisis or imminent pattern hit: recall comes first.
5. **Safety net** (``safety_net.py``): cue families the layers above under-weight (lethality
   questions, threats at home, planning talk, suicide wishes in any wording, near-crisis
   similarity) raise the tier; it never lowers it.
6. **Trained layer** (``classifier.py``, when embeddings are given): a logistic regression over
   the embedding and word/character n-grams, trained on labelled messages. It raises a message
   the patterns missed to crisis (or imminent), and it turns a pattern hit it reads as harmless
   into a check-in. Risk words the patterns explained away (negated, past, hypothetical) stay a
   check-in.
7. **Means and stickiness**: once risk shows, a question about places, amounts or speed counts
   as seeking means (and makes a crisis imminent). A crisis or imminent turn in the window makes
   this assessment at least *crisis* in the same category ("sticky"): "jk" or "it's for a school
   project" does not switch it off.

The assessment also says which language the message is in (``language.py``: en, es or fr, so
the block can speak it) and who the person says they are (``identity.py``: the specialised lines
to add, such as veterans or youth).

The detector errs towards a check-in, never towards silence.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.crisis import cues
from assistant.crisis.classifier import (
    CrisisClassifier,
    Prediction,
    classifier_key,
    training_examples,
    training_sources,
    window_text,
)
from assistant.crisis.identity import needs_of
from assistant.crisis.language import detect_language
from assistant.crisis.normalise import normalise
from assistant.crisis.safety_net import safety_net
from assistant.crisis.screen import Screen, max_tier, screen_text, third_from_window
from assistant.crisis.semantic import Scores, SemanticLayer, VectorCache, model_id, semantic_key
from assistant.crisis.thresholds import (
    CLF_CHECK_IN,
    CLF_CRISIS,
    CLF_CRISIS_UNPROMPTED,
    CLF_DISTRESS,
    CLF_IMMINENT,
    CLF_OVER_EXPLAINED,
    CLF_VETO,
    CLF_VETO_HARMLESS,
    SEM_MARGIN,
    SEM_SUPPRESS,
    WINDOW,
)
from assistant.crisis.types import Assessment, Category, Tier

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


# Disclosures with few harmless lookalikes: a sexual assault (including contact by a therapist) and a child at
# risk are never turned into a check-in by the trained layer alone.
_NEVER_VETOED = (Category.sexual_assault, Category.child_at_risk)


def _crisis_bar(tier: Tier) -> float:
    """The classifier's crisis threshold: lower where the patterns already saw distress."""
    return CLF_CRISIS if tier == Tier.distress else CLF_CRISIS_UNPROMPTED


@dataclass
class _Reading:
    """The assessment under construction, passed from layer to layer."""

    tier: Tier
    category: Category | None
    third: bool
    asks_for_means: bool = False


@dataclass(frozen=True)
class _Window:
    """What the earlier user turns left behind."""

    distress: bool  # distress anywhere in the window arms the means-word rule
    sticky_tier: Tier
    sticky_category: Category | None
    sticky_third: bool


class CrisisDetector:
    """Screens a message and its recent conversation for crisis risk.

    ``embeddings`` is an optional LangChain ``Embeddings`` (the bundled all-MiniLM-L6-v2); with
    ``None`` only the deterministic pattern layer and the safety net run. Exemplar vectors are
    cached in ``cache_dir`` (the settings' ``cache_dir``, never the index folder); without a
    ``cache_dir`` nothing is written anywhere.

    The trained layer's weights come from the same folder. When they are missing, it is trained
    here (``train_if_missing``, about a minute), or left out so that :meth:`train_classifier` can
    add it later from a background thread while the other layers screen.
    """

    def __init__(
        self,
        embeddings: Embeddings | None = None,
        cache_dir: Path | None = None,
        trained_layer: bool = True,
        train_if_missing: bool = True,
    ):
        self._cache_dir = cache_dir
        self.classifier: CrisisClassifier | None = None
        self.vectors = VectorCache(embeddings) if embeddings is not None else None
        self.semantic = SemanticLayer(self.vectors, cache_dir) if self.vectors is not None else None
        if self.vectors is not None and trained_layer:
            self.train_classifier(train_if_missing)

    def train_classifier(self, train_if_missing: bool = True) -> bool:
        """Load the trained layer's weights from the cache, training them if allowed; True when ready.

        Safe to call from another thread: the classifier is swapped in with one assignment.
        """
        if self.vectors is None:
            return False
        embeddings = self.vectors.embeddings
        mid = model_id(embeddings)
        if mid is None:
            return False
        try:
            self.classifier = CrisisClassifier.load_or_train(
                embeddings.embed_documents, mid, training_examples, self._cache_dir, train=train_if_missing,
                sources=training_sources(),
            )
        except Exception:  # noqa: BLE001 - screening must go on with the other layers
            log.exception("crisis classifier unavailable; screening with patterns and exemplars only")
        return self.classifier is not None

    @property
    def has_embeddings(self) -> bool:
        """True when the exemplar (and possibly the trained) layers can run."""
        return self.vectors is not None

    @property
    def exemplar_cache_file(self) -> Path | None:
        """Where the exemplar vectors were (or would be) cached."""
        return self.semantic.exemplar_cache_file if self.semantic is not None else None

    @property
    def exemplar_cache_hit(self) -> bool:
        return self.semantic is not None and self.semantic.exemplar_cache_hit

    def message_vector(self, message: str) -> list[float] | None:
        """The embedding this detector computed for ``message``, so retrieval can reuse it."""
        return self.vectors.cached(semantic_key(message)) if self.vectors is not None else None

    def classify(self, message: str, user_turns: Sequence[str] = ()) -> Prediction | None:
        """The classifier's view of the message, and of the recent conversation when there is one."""
        if self.classifier is None or self.vectors is None:
            return None
        key = classifier_key(message)
        pred = self.classifier.predict(key, self.vectors.embed([key])[0])
        if user_turns:
            window = classifier_key(window_text(message, user_turns))
            pred = max(pred, self.classifier.predict(window, self.vectors.embed([window])[0]), key=lambda p: p.risk)
        return pred

    # ----------------------------------------------------------------- main entry point
    def assess(self, message: str, history: Sequence[Mapping[str, str]] = ()) -> Assessment:
        user_turns = [str(h.get("content", "")) for h in history if h.get("role") == "user"][-WINDOW:]
        reasons: list[str] = []
        norm = normalise(message)  # 1. (each layer reads this form; cached)
        window = self._screen_window(user_turns)  # 2.
        sc = screen_text(message, context_distress=window.distress)  # 3.
        reasons.extend(sc.reasons)
        r = _Reading(sc.tier, sc.category, sc.third)
        scores = self._semantic(message, sc, window, r, reasons)  # 4.
        r.tier, r.category, r.asks_for_means = safety_net(norm, r.tier, r.category, sc.means_seek, scores)  # 5.
        if self.classifier is not None:  # 6.
            self._apply_classifier(message, user_turns, sc, r, reasons)
        self._means_question(norm, r, reasons)  # 7.
        self._sticky(norm, window, r, reasons)
        self._acute_after_restriction(message, norm, user_turns, r, reasons)

        if r.tier == Tier.none:
            r.category = None
        if cues.DISPLACED.search(norm):
            r.third = False  # "asking for a friend" is treated as possible self-reference
        return Assessment(
            r.tier, r.category, r.third, r.asks_for_means, tuple(dict.fromkeys(reasons)),
            language=detect_language(message, user_turns), needs=needs_of([*user_turns, message]),
        )

    # ----------------------------------------------------------------- the layers
    def _screen_window(self, user_turns: Sequence[str]) -> _Window:
        """Step 2: the pattern layer (plus cached vectors) on the earlier user turns, oldest first."""
        distress = False
        sticky_tier, sticky_cat, sticky_third = Tier.none, None, False
        for turn in user_turns:
            sc = screen_text(turn, context_distress=distress)
            tier, cat = sc.tier, sc.category
            if self.semantic is not None and tier.rank < Tier.crisis.rank:
                scores = self.semantic.cached_scores(turn)
                if scores is not None:
                    if scores.is_crisis:
                        tier, cat = Tier.crisis, scores.category
                    elif scores.is_distress:
                        tier = max_tier(tier, Tier.distress)
            if (self.classifier is not None and self.vectors is not None and tier.rank < Tier.crisis.rank
                    and not sc.explained):
                key = classifier_key(turn)
                vec = self.vectors.cached(key)
                pred = self.classifier.predict(key, vec) if vec is not None else None
                if pred is not None and pred.risk >= _crisis_bar(tier):
                    tier, cat = Tier.crisis, pred.category
            if tier.rank >= Tier.distress.rank:
                distress = True
            if tier.rank >= Tier.crisis.rank and tier.rank >= sticky_tier.rank:
                sticky_tier, sticky_cat, sticky_third = tier, cat, sc.third
        return _Window(distress, sticky_tier, sticky_cat, sticky_third)

    def _semantic(
        self, message: str, sc: Screen, window: _Window, r: _Reading, reasons: list[str]
    ) -> Scores | None:
        """Step 4 on the message (and at most one sentence of a long message); returns the
        message's own scores for the safety net, or None without embeddings."""
        if self.semantic is None:
            return None
        scored = self.semantic.score_message(message)
        s = max(scored, key=lambda x: x.rank_key)
        reasons.append(f"semantic:crisis={s.crisis:.2f} distress={s.distress:.2f} negative={s.negative:.2f}")
        if r.tier.rank < Tier.crisis.rank and s.is_crisis and sc.explained:
            # The patterns saw the risk words and explained them away: a check-in at most.
            r.tier = max_tier(r.tier, Tier.distress)
            reasons.append(f"semantic:close to {s.category} exemplars but explained away; check-in only")
        elif r.tier.rank < Tier.crisis.rank and s.is_crisis:
            r.tier, r.category = Tier.crisis, s.category
            r.third = r.third or third_from_window(normalise(message).split())
            reasons.append(f"semantic:close to {s.category} exemplars")
        elif r.tier == Tier.none and s.is_distress:
            r.tier = Tier.distress
            reasons.append("semantic:close to distress exemplars")
        elif (r.tier == Tier.distress and r.category is None and s.negative >= SEM_SUPPRESS
              and s.negative > s.distress + SEM_MARGIN and not window.distress):
            r.tier, r.category = Tier.none, None
            reasons.append("semantic:close to a hard negative; distress cue dropped")
        if (r.tier == Tier.crisis and r.category in (Category.suicide, Category.self_harm)
                and (sc.imminence or sc.possession) and "imminence cue" not in reasons
                and sc.tier.rank < Tier.crisis.rank):
            r.tier = Tier.imminent
            reasons.append("imminence cue")
        return scored[0]

    def _apply_classifier(
        self, message: str, user_turns: Sequence[str], sc: Screen, r: _Reading, reasons: list[str]
    ) -> None:
        """Step 6: the trained layer raises what the patterns missed and calms what it reads as harmless."""
        pred = self.classify(message, user_turns)
        assert pred is not None
        reasons.append(f"classifier:risk={pred.risk:.2f} {pred.category} imminent={pred.imminent:.2f}")
        if r.tier == Tier.none and cues.GREETING_ONLY.fullmatch(normalise(message).strip()):
            return  # a bare greeting: the trained layer alone never raises it
        if (r.tier.rank >= Tier.crisis.rank and pred.risk < CLF_VETO and pred.distress < CLF_VETO_HARMLESS
                and r.category not in _NEVER_VETOED and not sc.no_veto
                and not cues.OWN_RISK.search(normalise(message))):
            # Pattern words in a message the classifier reads as harmless ("cut the onions"):
            # a gentle check-in instead of an alarm.
            reasons.append("classifier:pattern hit reads as harmless; check-in only")
            r.tier = Tier.distress
            return
        if r.tier.rank < Tier.crisis.rank and pred.risk >= _crisis_bar(r.tier):
            norm = normalise(message)
            if (cues.COPING.search(norm) and not cues.COPING_NEGATED.search(norm) and not cues.RISK_WORDS.search(norm)
                    and not cues.RISK_WORDS_ES_FR.search(norm) and not cues.ED_ACUTE.search(norm)):
                reasons.append("classifier:no risk words and a coping statement; check-in only")
                r.tier = max_tier(r.tier, Tier.distress)
                return
            if sc.explained and (pred.risk < CLF_OVER_EXPLAINED or sc.framed):
                reasons.append("classifier:risk words explained away by the patterns; check-in only")
                r.tier, r.category = max_tier(r.tier, Tier.distress), r.category or pred.category
                return
            reasons.append(f"classifier:{pred.category}")
            r.tier, r.category = Tier.crisis, pred.category
            r.third = r.third or third_from_window(normalise(message).split())
        elif r.tier == Tier.none and (pred.distress >= CLF_DISTRESS or pred.risk >= CLF_CHECK_IN):
            reasons.append("classifier:distress")
            r.tier = Tier.distress
        if r.tier == Tier.crisis and pred.risk >= CLF_CRISIS and pred.imminent >= CLF_IMMINENT:
            reasons.append("classifier:imminent")
            r.tier = Tier.imminent

    @staticmethod
    def _means_question(norm: str, r: _Reading, reasons: list[str]) -> None:
        """Step 7: once risk shows, any question about places, amounts or speed is a request for means."""
        if r.tier.rank >= Tier.crisis.rank and not r.asks_for_means and (
            cues.SEEK_PLACE.search(norm) or cues.MEANS_QUESTION.search(norm)
        ):
            r.asks_for_means = True
            reasons.append("means question with risk present")
        if r.asks_for_means and r.tier == Tier.crisis:
            r.tier = Tier.imminent  # seeking means with risk present: emergency guidance first

    @staticmethod
    def _acute_after_restriction(
        message: str, norm: str, user_turns: Sequence[str], r: _Reading, reasons: list[str]
    ) -> None:
        """An acute sign now ("went dizzy and fell over") after not eating told in earlier turns is the medical
        danger of an eating disorder: imminent, though neither turn says it alone."""
        if not user_turns or r.tier == Tier.imminent or not cues.ED_ACUTE.search(norm):
            return
        joined = screen_text(". ".join([*user_turns, message]))
        if joined.tier == Tier.imminent and joined.category == Category.eating_disorder:
            r.tier, r.category = Tier.imminent, Category.eating_disorder
            reasons.append("eating disorder told earlier, an acute sign now")

    @staticmethod
    def _sticky(norm: str, window: _Window, r: _Reading, reasons: list[str]) -> None:
        """Step 7: crisis earlier in the conversation keeps this assessment at least crisis."""
        if window.sticky_tier.rank < Tier.crisis.rank:
            return
        if r.tier.rank < Tier.crisis.rank:
            r.tier, r.category, r.third = Tier.crisis, window.sticky_category, window.sticky_third
            reasons.append("sticky:earlier crisis in this conversation")
            if cues.DISMISS.search(norm):
                reasons.append("sticky:retraction or 'joke' framing does not end crisis mode")
        elif r.category is None:
            r.category = window.sticky_category
