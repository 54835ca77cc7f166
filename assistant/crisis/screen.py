"""Layer 2 of the detector: the curated patterns and cue families on one text, no embeddings.

After idioms are blanked out, each pattern match is read in context: after a negation it is
dropped ("i'm not suicidal"); inside a hypothetical disclosure ("will my therapist report me if
i say ...") it is lowered to *distress*; in a clause about the past with no present-risk cue
it is lowered to *distress*, or dropped when the past is explicitly resolved. Imminence cues
(plan, means in hand, timeframe, intent, in progress) raise a crisis match to *imminent*; means
words (pills, bridge, rope, razor) count only after distress in the text or the conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.crisis import cues
from assistant.crisis.normalise import normalise
from assistant.crisis.patterns import PATTERNS, PRIORITY
from assistant.crisis.thresholds import (
    HYPOTHETICAL_WORDS,
    IF_WORDS,
    NEGATION_WORDS,
    RESOLVED_CHARS,
    THIRD_PERSON_WORDS,
)
from assistant.crisis.types import Category, Tier

S, SH, HO, AB, SA, OD, ED, CH = (
    Category.suicide, Category.self_harm, Category.harm_to_others,
    Category.abuse, Category.sexual_assault, Category.overdose, Category.eating_disorder, Category.child_at_risk,
)  # fmt: skip


@dataclass
class _Hit:
    tier: Tier
    category: Category | None
    third: bool
    label: str
    vetoable: bool = True  # see Pattern.vetoable
    framable: bool = False  # read from risk context, not a risk phrase: a frame caps it like a crisis hit


@dataclass
class Screen:
    """Pattern-layer result for one text."""

    tier: Tier
    category: Category | None
    third: bool
    means_seek: bool
    means_word: bool
    possession: bool
    imminence: bool
    reasons: list[str]
    explained: bool = False  # a risk phrase was explained away (negated, past, policy question, benign)
    framed: bool = False  # a frame (professional, media, resolved past, denial) or idioms explain the whole message
    # a hit of a pattern that is not vetoable (a recent attempt, "want to die"), or an eating-disorder behaviour, read
    # at crisis: the trained layer may not call it harmless (it vetoed "after my attempt last month")
    no_veto: bool = False


def max_tier(a: Tier, b: Tier) -> Tier:
    return a if a.rank >= b.rank else b


def third_from_window(tokens_before: list[str]) -> bool:
    """Whether the nearest person word before a match is a third person (she, my friend...)."""
    for tok in reversed(tokens_before[-THIRD_PERSON_WORDS:]):
        if tok in cues.FIRST:
            return False
        if tok in cues.THIRD:
            return True
    return False


def _frame(text: str) -> str | None:
    """The frame that explains risk words away, or None (never when present first-person risk, a specific case or
    means at hand is stated)."""
    if (cues.SELF_RISK_NOW.search(text) or cues.SPECIFIC_CASE.search(text) or cues.MEANS_AT_HAND.search(text)
            or cues.ATTACKED_WITH.search(text)):
        return None
    if _denied(text):
        return "risk denied"
    if cues.FRAME_PROFESSIONAL.search(text):
        return "professional or study question"
    if cues.FRAME_MEDIA.search(text):
        return "media, fiction or news"
    if cues.FRAME_EVERYDAY.search(text):
        return "cooking, sport or medicine as directed"
    if cues.FRAME_CHILD_TALK.search(text):
        return "a young child's words"
    past = cues.FRAME_LONG_PAST.search(text)
    # risk that is back is read outside the past episode ("purged every day when i was 16" is not "every day now")
    if past and not cues.RISK_RETURNED.search(text[: past.start()] + " " + text[past.end():]):
        return "the long-resolved past"
    return None


def _denied(text: str) -> bool:
    """A plain denial: one that qualifies other words ("figure of speech", "asking so I know"), or a denial of one's own
    state ("I'm not suicidal", "no dark thoughts") with no crisis cue outside it."""
    for m in cues.RISK_DENIED.finditer(text):
        if cues.DENIAL_QUALIFIER.search(m.group(0)) or not _risk_beside(text, m.start(), m.end()):
            return True
    return any(not _risk_beside(text, m.start(), m.end()) for m in cues.THOUGHTS_DENIED.finditer(text))


def _risk_beside(text: str, start: int, end: int) -> bool:
    """Whether a crisis cue matches outside the denial ("no dark thoughts, I just want to sleep and not wake up",
    "I'm not suicidal but I cut again last night"): a denial of one's state speaks only for what it denies."""
    rest = text[:start] + " . " + text[end:]
    return any(p.tier.rank >= Tier.crisis.rank and p.regex.search(rest) for p in PATTERNS)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between ' but ', ' and now ', sentence-ish breaks) around a match."""
    left = max(text.rfind(" but ", 0, start), text.rfind(" now ", 0, start))
    right_candidates = [i for i in (text.find(" but ", end), text.find(" now ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return (left + 1 if left != -1 else 0), right


# a negation reaches neither across a full stop nor across a comma ("ya no quiero seguir, kms", "no, i want to die"),
# except a comma that only pauses the negation itself ("never, ever", "not, like, ...")
_SENTENCE_END = re.compile(
    r"(?<=[.!?;])\s+|(?<=,)(?<!like,)(?<!ever,)(?<!um,)(?<!uh,)\s+(?!(?:ever|like|really|um|uh|not|never)\b)|\n+",
    re.IGNORECASE,
)


def _blank_idioms(norm: str) -> str:
    return " ".join(cues.IDIOMS.sub(" ", " " + norm + " ").split())


def _sentence_starts(raw: str, text: str) -> list[int]:
    """Word indices of ``text`` where a new sentence or clause of ``raw`` begins, so that a negation never reaches
    across a full stop or a comma ("my english is not so good. I want to die"). Empty when the sentences do not
    line up word for word with the whole text (a substitution across a break): then no boundary is used."""
    parts = [_blank_idioms(normalise(s)) for s in _SENTENCE_END.split(raw)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or " ".join(parts) != text:
        return []
    starts, n = [], 0
    for p in parts[:-1]:
        n += len(p.split())
        starts.append(n)
    return starts


def screen_text(raw: str, context_distress: bool = False) -> Screen:
    """Pattern layer for one text; ``context_distress`` when the conversation already showed distress."""
    norm = normalise(raw)
    text = _blank_idioms(norm)
    starts = _sentence_starts(raw, text)
    hits: list[_Hit] = []
    reasons: list[str] = []
    # risk words used as an idiom ("kill the lights", "overdosed on netflix") are explained away: the later layers
    # may not raise them on their own below their over-explained bars
    explained = text != " ".join(norm.split())
    # every risk word was part of an idiom ("my grandson's going to kill me when he finds out"): the trained layer,
    # which reads the words, not the idiom, may not raise it past a check-in
    idiom_only = (explained and not cues.RISK_WORDS.search(text) and not cues.RISK_WORDS_ES_FR.search(text)
                  and not cues.UNSAFE_NOW.search(text) and not cues.DISTRESS.search(text))
    if explained:
        reasons.append("idiom")
    for pat in PATTERNS:
        for m in pat.regex.finditer(text):
            before = text[: m.start()].split()
            tier = pat.tier
            label = pat.label
            sentence = max((i for i in starts if i <= len(before)), default=0)
            words = before[max(sentence, len(before) - NEGATION_WORDS):]
            turn = max((k + 1 for k, w in enumerate(words) if w in cues.CONTRAST), default=0)
            window = " ".join(words[turn:])  # "i'm not in crisis but i want to die": the "but" ends the negation
            if pat.negatable and cues.NEGATION.search(window) and not cues.NOT_A_NEGATION.search(
                window + " " + m.group(0)
            ) and not cues.BUT_TURN.search(text[m.end():]):
                tier = Tier.none
                label += " (negated)"
            else:
                pre = " ".join(before[-HYPOTHETICAL_WORDS:])
                ctx = " ".join(before[-IF_WORDS:]) + " " + m.group(0)
                hypo = (cues.HYPOTHETICAL.search(pre) or (pat.hypo and cues.IF_INSIDE.search(ctx))) and not (
                    cues.SELF_REVEAL.search(text))
                if hypo and pat.category in (S, SH, HO) and not cues.ONGOING.search(text[m.start():]):
                    tier = Tier.distress
                    label += " (hypothetical/policy question)"
                else:
                    lo, hi = _clause_bounds(text, m.start(), m.end())
                    clause = text[lo:hi]
                    whole_after = text[m.end():]
                    recent = pat.recent_act and not cues.PAST.search(cues.RECENT_PAST.sub(" ", clause)) and not (
                        cues.RECOVERED.search(text))
                    if cues.PAST.search(clause) and not cues.PRESENT_RISK.search(clause) and not recent:
                        tier = Tier.none if cues.RECOVERED.search(text) else Tier.distress
                        label += " (past)"
                    elif cues.RECOVERED.search(whole_after[:RESOLVED_CHARS]) and not cues.PRESENT_RISK.search(clause):
                        tier = Tier.distress
                        label += " (resolved)"
            if pat.benign and tier != Tier.none:
                if pat.category == SH:
                    benign = bool(cues.ACCIDENT.search(text)) and not cues.INTENT.search(text)
                elif pat.category == ED:
                    benign = bool(cues.FASTING_REASON.search(text))
                else:
                    benign = bool(cues.BENIGN_REASON.search(text))
                if benign:
                    tier = Tier.none
                    label += " (benign reason)"
            if tier.rank >= Tier.crisis.rank and pat.category in (S, SH, HO) and cues.RETRACTED.match(text[m.end():]):
                tier = Tier.distress
                label += " (taken back as a joke)"
            third = pat.third if pat.third is not None else third_from_window(before)
            explained = explained or tier.rank < pat.tier.rank
            if tier != Tier.none:
                hits.append(_Hit(tier, pat.category if tier.rank >= Tier.distress.rank else None, third, label,
                                 pat.vetoable))
            reasons.append(f"pattern:{label}")
    means_seek = bool(cues.SEEK_LETHAL.search(text))
    place_seek = bool(cues.SEEK_PLACE.search(text))
    means_word = bool(cues.MEANS.search(text))
    possession = means_word and bool(cues.POSSESSION.search(text))
    imminence = bool(cues.IMMINENT.search(cues.NOT_NOW.sub(" ", text)))
    distress_here = bool(cues.DISTRESS.search(text))
    if distress_here:
        hits.append(_Hit(Tier.distress, None, third_from_window(text.split()), "distress words"))
        reasons.append("pattern:distress words")
    # Finality / goodbye cues: two of them, or one after distress, read as suicidal intent.
    finality = {m.lastgroup for m in cues.FINALITY.finditer(text)}
    # a reason besides the cues ("cancelled my insurance"), unless the person says the reason is a cover story ("told
    # everybody i'm moving ... i'm not moving")
    if not cues.COVER_STORY.search(text) and cues.BENIGN_REASON.search(cues.FINALITY.sub(" ", text)):
        finality -= {"wont_need", "gone", "its_time", "decided", "bye", "thanks", "giving", "digital", "handover",
                     "closing", "funeral", "spot"}
    timeframe = bool(cues.TIMEFRAME.search(text))
    means_at_hand = cues.MEANS_AT_HAND.search(text)
    if len(finality) >= 2 or (finality and (distress_here or context_distress)):
        preparing = bool(finality & cues.PREPARATORY_GROUPS)
        tier = Tier.imminent if (timeframe or means_at_hand or preparing) else Tier.crisis
        # two goodbye cues with a preparatory act ("signed the herd over to my nephew ... feels tidy now") are told
        # calmly by design: the trained layer, which reads the calm, may not call them harmless
        hits.append(_Hit(tier, S, third_from_window(text.split()), "finality cues", vetoable=not preparing))
        reasons.append("pattern:finality cues " + "+".join(sorted(str(f) for f in finality)))
    elif finality & cues.PREPARATORY_GROUPS:
        # one preparatory act and nothing else ("giving away most of my things this month"): a check-in, so that the
        # trained layer reads it at its prompted bar
        hits.append(_Hit(Tier.distress, S, third_from_window(text.split()), "a preparatory act (check in)"))
        reasons.append("pattern:one preparatory act " + "+".join(sorted(str(f) for f in finality)))
    if means_at_hand and (timeframe or finality):
        # a blade at hand in a self-harm message is self-harm, pills in an overdose message an overdose
        cat = next((h.category for h in hits if h.category in (SH, OD)), S)
        hits.append(_Hit(Tier.imminent, cat, third_from_window(text[: means_at_hand.end()].split()),
                         "means at hand + timeframe"))
        reasons.append("means:means at hand with a timeframe or goodbye")
    if context_distress and cues.CONTEXT_ACT.search(text):
        done = cues.CONTEXT_ACT_DONE.search(text)
        tier = Tier.imminent if (timeframe or done) else Tier.crisis
        cat = OD if cues.INGESTED.search(text) else S
        hits.append(_Hit(tier, cat, False, "follow-up act after distress"))
        reasons.append("context:follow-up act after distress in the conversation")
    strong = [h for h in hits if h.tier.rank >= Tier.crisis.rank]
    risk_context = context_distress or distress_here or bool(strong) or bool(finality)
    if means_seek:
        tier = Tier.imminent if (possession or imminence or cues.NOT_WAKE_UP.search(text)) else Tier.crisis
        hits.append(_Hit(tier, S, False, "seeks method/lethality information"))
        reasons.append("means:lethality question")
    elif place_seek and risk_context:
        hits.append(_Hit(Tier.crisis, S, False, "seeks a high place after distress"))
        reasons.append("means:place question after distress")
        means_seek = True
    if means_word and risk_context and not means_seek:
        tier = Tier.imminent if possession else Tier.crisis
        # keep an explicit category (a blade in a self-harm message is self-harm, not suicide)
        strong_cats = [h.category for h in strong if h.category is not None]
        means_cat = next((c for c in (SH, OD, HO, AB, SA) if c in strong_cats and S not in strong_cats), S)
        hits.append(_Hit(tier, means_cat, third_from_window(text.split()), "means word after distress", framable=True))
        reasons.append("means:means word after distress")
    elif possession and not hits and cues.MEANS_KEPT_READY.search(text):
        hits.append(_Hit(Tier.distress, S, False, "means at hand (check in)"))
        reasons.append("means:means at hand without other cues")
    frame = _frame(text)
    if frame:
        # Risk words inside a frame (a professional's procedure question, a song or the news, cooking or sport, the
        # long-resolved past, a plain denial): a check-in at most, and the later layers may not raise it on their own.
        explained = True
        reasons.append(f"frame:{frame}")
        for h in hits:
            # someone else's danger inside a story or the news ("a client who's standing on a bridge") too
            if h.tier == Tier.crisis or h.framable or (frame == "media, fiction or news" and h.third):
                h.tier = Tier.distress
    threats = [h for h in hits if h.category == HO and h.tier.rank >= Tier.crisis.rank]
    if threats and cues.JOKE.search(raw) and not cues.NOT_A_JOKE.search(text) and not means_word:
        explained = True
        reasons.append("a threat marked as a joke")
        for h in threats:
            h.tier = Tier.distress
    if (hits and cues.HYPERBOLE_IF.search(text) and cues.JOKE.search(raw) and not cues.NOT_A_JOKE.search(text)
            and not frame):
        explained = True
        reasons.append("an everyday irritation pushed to hyperbole, marked as a joke")
        for h in hits:
            h.tier = min(h.tier, Tier.distress, key=lambda t: t.rank)
    if not hits:
        return Screen(Tier.none, None, False, means_seek, means_word, possession, imminence, reasons, explained,
                      bool(frame) or idiom_only)
    top = max(h.tier.rank for h in hits)
    best = [h for h in hits if h.tier.rank == top]
    cats = [h.category for h in best if h.category is not None]
    category = next((c for c in PRIORITY if c in cats), None)
    chosen = next((h for h in best if h.category == category), best[0])
    tier = chosen.tier
    if (tier == Tier.crisis and (imminence or possession) and category in (S, SH, HO, AB)
            and (category != AB or cues.ABUSER_NEAR.search(text))):
        tier = Tier.imminent
        reasons.append("imminence cue")
    if tier == Tier.crisis and category == CH and cues.CHILD_NOW.search(text):
        tier = Tier.imminent
        reasons.append("a child at risk right now")
    if tier == Tier.crisis and category == ED and cues.ED_ACUTE.search(text):
        tier = Tier.imminent
        reasons.append("eating disorder with an acute sign")
    if category in (AB, SA) and not chosen.third and cues.CHILD_SELF.search(text):
        category = CH
        reasons.append("a child discloses it")
    no_veto = any(h.tier.rank >= Tier.crisis.rank and (not h.vetoable or h.category == ED) for h in hits)
    # a named person's disclosure passed on by someone else ("a student emailed me saying she intends to ...") is a
    # case, not a topic: the trained layer, which learnt that teachers and nurses mostly talk shop, cannot calm it
    no_veto = no_veto or (tier.rank >= Tier.crisis.rank and chosen.third
                          and bool(cues.PASSED_ON_DISCLOSURE.search(text)))
    return Screen(tier, category, chosen.third, means_seek, means_word, possession, imminence, reasons, explained,
                  bool(frame) or (idiom_only and tier.rank < Tier.crisis.rank), no_veto)
