"""Crisis screening: a deterministic, layered detector run on every user message.

Layers (all deterministic, no network, no generation):

1. **Normalise**: NFKC, lowercase, accents stripped, leetspeak inside words undone
   ("su1cide", "r@ped"), letters repeated 3+ times collapsed, then a misspelling/slang map
   ("sucidal", "kms", "unalive", "sewerslide", "ctb", "sh", "od'd", ...).
2. **Patterns**: curated regular expressions per category with a tier, after idioms and
   technical phrases ("dying to know", "kill the process", "this deadline is killing me") are
   blanked out. A match preceded by a negation ("i'm not suicidal"), inside a hypothetical
   disclosure ("will my therapist report me if i say ..."), or in a clause about the past with
   no present-risk cue ("years ago i was suicidal, now i'm fine") is lowered to *distress*
   (or dropped when the past is explicitly resolved). Imminence cues (plan, means in hand,
   timeframe, intent, in progress) raise a crisis match to *imminent*. Means words (pills,
   bridge, rope, razor) count only after distress in the message or the recent window.
3. **Semantics** (optional, when an ``Embeddings`` model is given): cosine similarity of the
   message to curated crisis exemplars per category and to curated hard negatives (idioms,
   policy questions). It can raise a message the patterns missed to distress or crisis, and it
   can silence a *distress-level* pattern hit that is much closer to a hard negative. It never
   lowers a crisis or imminent pattern hit: recall comes first.
4. **Trained layer** (``classifier.py``, when embeddings are given): a logistic regression over
   the embedding and word/character n-grams, trained on labelled messages. It raises a message
   the patterns missed to crisis (or imminent), and it turns a pattern hit it reads as harmless
   into a check-in. Risk words the patterns explained away (negated, past, hypothetical) stay a
   check-in. Once risk shows, a question about places, amounts or speed counts as seeking means.
5. **Conversation window**: the last ``WINDOW`` user turns are screened with the pattern layer
   (plus cached embeddings when those turns were screened before). Distress anywhere in the
   window arms the means-word rule, and a crisis or imminent turn makes every later assessment
   at least *crisis* in the same category ("sticky"): "jk" or "it's for a school project"
   does not switch it off.

The detector errs towards a check-in, never towards silence.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.crisis.classifier import (
    CrisisClassifier,
    Example,
    Prediction,
    examples_from_items,
    load_data_files,
    window_text,
)

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

WINDOW = 6  # recent user turns screened together with the message
MAX_SEMANTIC_TEXTS = 2  # the message plus at most one risky sentence of a long message


class Tier(StrEnum):
    none = "none"
    distress = "distress"
    crisis = "crisis"
    imminent = "imminent"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Tier.none: 0, Tier.distress: 1, Tier.crisis: 2, Tier.imminent: 3}


class Category(StrEnum):
    suicide = "suicide"
    self_harm = "self-harm"
    harm_to_others = "harm-to-others"
    abuse = "abuse"
    sexual_assault = "sexual-assault"
    overdose = "overdose"  # overdose or another medical emergency


@dataclass(frozen=True)
class Assessment:
    tier: Tier
    category: Category | None
    third_person: bool
    asks_for_means: bool
    reasons: tuple[str, ...]


# --------------------------------------------------------------------------- normalisation

_APOS = re.compile(r"[\u2019\u2018\u02bc`´]")
_FRENCH_ELISION = re.compile(r"\b([jldnmtsc]|qu)'(?=[a-z])")
_LEET_TOKEN = re.compile(r"\b[a-z][a-z0-9@$*]*[0-9@$*][a-z0-9@$*]*\b")
_LEET_MAP = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_REPEATS = re.compile(r"([a-z])\1{2,}")
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Whole-word replacements applied to the normalised text (order matters).
_SUBS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\bsewer ?slide\b", "suicide"),
        (r"\bsui(?:cidal)? (thoughts?|ideation|urges?)\b", r"suicidal \1"),
        (r"\bunalive(?:d)? (myself|me|my self)\b", "kill myself"),
        (r"\bunalive(?:d)? (him|her|them|someone|somebody|everyone|people)\b", r"kill \1"),
        (r"\bunalive(?:d|ing)?\b", "kill myself"),
        (r"\bkms\b", "kill myself"),
        (r"\bkys\b", "kill yourself"),
        (r"\bctb\b", "catch the bus"),
        (r"\byeet(?:ing)? myself\b", "throw myself"),
        (r"\bkil+(s|ed|ing)?\b", r"kill\1"),
        (r"\b(?:sucidal|suicidle|suicdal|sucidle|suicidel|suisidal|suicidial|suicidall|suicidale|suicidak"
         r"|suecidal|sucicidal|suacidal|suicical)\b", "suicidal"),
        (r"\b(?:sucide|suicde|suiside|sucicide|suicied|suecide|suiced|suicidee|sucuide|siucide|suiscide)\b",
         "suicide"),
        (r"\b(?:myslef|mysef|myslf|mysefl|myeslf)\b", "myself"),
        (r"\bmy self\b(?! harm)", "myself"),
        (r"\bwanna\b", "want to"),
        (r"\bgonna\b", "going to"),
        (r"\bgotta\b", "got to"),
        (r"\bwnat\b", "want"),
        (r"\b(?:anymroe|anymor|anymore+|any more|nomore)\b", "anymore"),
        (r"\b(?:lfie|lief|liife)\b", "life"),
        (r"\bdie+\b", "die"),
        (r"\bthinkin\b", "thinking"),
        (r"\balot\b", "a lot"),
        (r"\bself ?harmd\b", "self harmed"),
        (r"\bsh\b", "self harm"),
        (r"\bselfharm(\w*)\b", r"self harm\1"),
        (r"\bself harming\b", "self harm"),
        (r"\b(?:paracetemol|paracetamal|paracetomol|paracetmol|parcetamol)\b", "paracetamol"),
        (r"\b(?:ibuprofin|ibuprophen)\b", "ibuprofen"),
        (r"\b(?:tonite|2nite|2night|tn)\b", "tonight"),
        (r"\brn\b", "right now"),
        (r"\bu\b", "you"),
        (r"\bur\b", "your"),
        (r"\bidc\b", "i dont care"),
        (r"\b(?:jk|jks|jkjk)\b", "just kidding"),
        (r"\b(?:bc|cuz|coz|cos)\b", "because"),
        (r"\b(?:ngl|fr|lol|lmao|lmfao|omg|tbh|idk|smh|no cap)\b", " "),
        (r"\bod\b", "overdose"),
        (r"\b(?:ima|imma|iam going to|im gonna)\b", "im going to"),
        (r"\bto (many|much)\b", r"too \1"),
        (r"\btonights\b", "tonight is"),
        (r"\btodays\b", "today is"),
        (r"\bpils\b", "pills"),
        (r"\b(?:realy|rly)\b", "really"),
        (r"\b(?:cnat|cnt|caint)\b", "cant"),
        (r"\bcatch(?:ing)? the bus\b(?! (?:to|from|home|into|at|there|back|in|with|and|because|so|but|or|after"
         r"|before)\b)",
         "suicide"),
    )
)


# One dropped letter or two swapped neighbours in a risk word ("cuting", "agian", "peple") is
# undone. Variants that are real words ("gain", "rally", "seeping") are never rewritten.
_TYPO_LEXICON = (
    "suicide", "suicidal", "myself", "himself", "herself", "themselves", "cutting", "again", "anymore",
    "overdosed", "tonight", "hurting", "harming", "people", "really", "thinking", "bleeding", "killing",
    "disappear", "goodbye", "everyone", "hopeless", "assaulted", "strangled", "threatened", "burning",
    "starving", "purging", "breathing", "swallowed", "tablets", "sleeping",
)  # fmt: skip
_TYPO_REAL_WORDS = frozenset(
    {"gain", "rally", "seeping", "overdose", "tablet", "tables", "burring", "burnig", "staring", "starting",
     "purgin", "urging", "reathing", "strangle", "staving",
     "wallowed", "swallowe", "sleping", "leeping", "thining", "tinking",
     "eeryone", "killin", "illing", "hurtin", "harmin", "arming", "haring", "huring", "hinking"}
)  # fmt: skip


def _typo_variants(word: str) -> set[str]:
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return {v for v in out if v != word and len(v) >= 4}


_TYPO_MAP: dict[str, str] = {
    v: w for w in _TYPO_LEXICON for v in _typo_variants(w)
    if v not in _TYPO_REAL_WORDS and v not in _TYPO_LEXICON
}  # fmt: skip


def _fix_typos(text: str) -> str:
    return " ".join(_TYPO_MAP.get(tok, tok) for tok in text.split())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=4096)  # one answer normalises the same message several times (layers, window)
def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with misspellings and slang mapped."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = _APOS.sub("'", t)
    t = _strip_accents(t)
    # Slang spelled with an apostrophe, before apostrophes disappear ("od'd" is not "odd").
    t = re.sub(r"\bod'?(?:d|ed|ing)\b", "overdosed", t)
    t = re.sub(r"\bsa'd\b", "sexually assaulted", t)
    t = re.sub(r"\br\*p(e|ed|ing|ist)\b", r"rap\1", t)
    t = _FRENCH_ELISION.sub(lambda m: m.group(1) + "e ", t)
    t = t.replace("'", "")
    t = _LEET_TOKEN.sub(lambda m: m.group(0).translate(_LEET_MAP).replace("*", ""), t)
    t = _REPEATS.sub(r"\1\1", t)
    t = _NON_WORD.sub(" ", t)
    t = " " + _fix_typos(t) + " "
    for pattern, repl in _SUBS:
        t = pattern.sub(repl, t)
    return " ".join(t.split())


# --------------------------------------------------------------------------- idioms

_IDIOMS = re.compile(
    "|".join(
        (
            r"\bdying to (?:know|see|try|meet|hear|ask|get|go|tell|find out|have|eat|watch|read|visit|talk)\b",
            r"\b(?:dying|died|dead|die|meurs|muero) (?:of |from |with |de )?"
            r"(?:laughter|laughing|laugh|embarrassment|boredom|hunger|thirst|cringe|shame|faim|soif|rire|hambre|risa"
            r"|sueno|frio|calor|ganas|envie)\b",
            r"\bnearly died of\b",
            r"\b(?:id|i would|i could) (?:die|kill|murder) for\b",
            r"\bcould (?:kill|murder) (?:a|an|some|for)\b",
            r"\b(?:id|i would) rather die than\b",
            r"\b(?:kill|kills|killing|killed|smash|smashing|smashed) it\b",
            r"\bkill(?:s|ed|ing)? (?:\d+ )?(?:the |a |an |all |off |all the |two )?(?:\w+ )?"
            r"(?:process|processes|lights?|tasks?|jobs?|apps?|containers?|server|pid|tabs?|time|hours|mood|vibe"
            r"|music|engine|script|bugs?|weeds|program|terminal|birds|signal|daemon|thread|session)\b",
            r"\b(?:being|be|get|got|getting) killed\b(?! by)",
            r"\b(?:will|would|is going to|going to|gonna|is gonna) (?:literally )?kill me (?:if|when|once) "
            r"(?:she|he|they|my \w+) (?:finds? out|found out|sees?|saw|notices?|hears?|gets? home|realises|realizes)\b",
            r"\bshoot (?:myself|yourself|ourselves|themselves|himself|herself) in the foot\b",
            r"\b(?:is|are|was|were|its|thats|this|that|it|\w+) (?:\w+ )?(?:literally |absolutely |totally |so )?"
            r"(?:killing|killed|murdered|murdering|kills) (?:me|my (?:legs|feet|back|arms|brain|vibe|mood))\b",
            r"\bkill me now\b",
            r"\b(?:im|i am|so) dead\b",
            r"\bdead (?:tired|serious|ringer|end|line|lines|weight|battery)\b",
            r"\boverdos(?:ed|ing|e) on (?:netflix|tv|television|youtube|tiktok|social media|reality tv|candy|sugar"
            r"|chocolate|pizza|memes|love|work|drama|cuteness|nostalgia|shopping|sun|christmas|anime|books|cake"
            r"|cookies|carbs|games|gaming|music|podcasts|coffee|cute)\w*\b",
            r"\b(?:battery|phone|laptop|computer|build|app|server|plant|plants|car|charger|router|wifi|version"
            r"|container|zoom|call|session|tv|mouse|keyboard|signal|conversation) (?:\w+ )?(?:just )?"
            r"(?:died|dying|is dead|was dead|dead)\b",
            r"\bsuicide (?:squad|prevention|awareness|risk|rates?|hotline|lifeline|line|crisis line|statistics"
            r"|assessment|policy|policies|training|research)\b",
            r"\b(?:cut|cutting|cuts) (?:ties|back|down|off|out|corners|costs|my hair|class|classes|sessions|it"
            r" short)\b",
            r"\b(?:shoot|shot|shooting) (?:a |an |my |her |him |them |the )?(?:\w+ )?"
            r"(?:email|message|text|film|video|movie|photo|photos|pic|pics|note|line)\b",
            r"\bshoot\b(?=,| i forgot| forgot)",
            r"\bkill(?:ing)? two birds\b",
        )
    )
)


# --------------------------------------------------------------------------- patterns

@dataclass(frozen=True)
class _Pat:
    category: Category
    tier: Tier
    regex: re.Pattern[str]
    label: str
    third: bool | None = None  # None = decide from the pronouns before the match
    negatable: bool = True
    means: bool = False  # the pattern itself seeks means / lethality information
    hypo: bool = True  # an 'if i say ...' framing makes it a policy question


def _p(cat: Category, tier: Tier, rx: str, label: str, third: bool | None = None,
       negatable: bool = True, means: bool = False, hypo: bool = True) -> _Pat:
    return _Pat(cat, tier, re.compile(rx), label, third, negatable, means, hypo)


S, SH, HO, AB, SA, OD = (
    Category.suicide, Category.self_harm, Category.harm_to_others,
    Category.abuse, Category.sexual_assault, Category.overdose,
)  # fmt: skip
D, C, IM = Tier.distress, Tier.crisis, Tier.imminent

_SELF3 = r"(?:herself|himself|themselves|themself)"
_PERSON = (
    r"(?:him|her|them|someone|somebody|people|everyone|everybody|the kids|the baby|my (?:\w+ )?"
    r"(?:ex|boss|coworker|co worker|roommate|flatmate|husband|wife|partner|mum|mom|mother|dad|father|stepdad"
    r"|stepmom|stepfather|brother|sister|baby|kids?|son|daughter|child|children|teacher|neighbou?r|girlfriend"
    r"|boyfriend|family|parents?|colleague|friend|classmate|manager|therapist|landlord))"
)
_HARM_VERB = r"(?:kill|murder|stab|shoot|strangle|hurt|harm|beat up|attack|poison|choke|smother)"
_HARM_VING = (
    r"(?:killing|murdering|stabbing|shooting|strangling|hurting|harming|beating up|attacking|poisoning"
    r"|choking|smothering)"
)
_ABUSER = (
    r"(?:he|she|they|hes|shes|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|dad|father|mum|mom|mother"
    r"|stepdad|stepmom|stepfather|stepmother|parents?|brother|sister|uncle|aunt|grandad|grandpa|carer|boss"
    r"|fiance|fiancee|someone|somebody|man|guy)"
)
_SUBST = (
    r"(?:pills?|tablets?|meds|medications?|medicine|antidepressants?|paracetamol|tylenol|acetaminophen|ibuprofen"
    r"|aspirin|advil|xanax|benzos?|opioids?|oxy\w*|fentanyl|heroin|insulin|sleeping \w+|painkillers?|lithium"
    r"|melatonin|prescriptions?|drugs|pastillas|pildoras|medicamentos|cachets|comprimes|medicaments)"
)
_QTY = (
    r"(?:whole|entire|all|every|everything|too many|too much|way too|a bunch|a lot|loads|lots|handful|dozens?"
    r"|(?:like |about |around )?(?:1\d|[2-9]\d|\d{3})\b|twenty|thirty|forty|fifty|hundred|todas|todos|muchas|trop)"
)

_PATTERNS: tuple[_Pat, ...] = (
    # ---------------------------------------------------------------- suicide
    _p(S, C, r"\bkill(?:ing|ed)? (?:myself|yourself)\b", "kill myself"),
    _p(S, C, rf"\bkill(?:s|ing)? {_SELF3}\b", "kill themself", third=True),
    _p(S, C, r"\b(?:end|ending|take|taking|ended|took) (?:my|my own|your|your own) li(?:fe|ves)\b", "end my life"),
    _p(S, C, r"\b(?:end|ending|take|taking) (?:his|her|their) (?:own )?li(?:fe|ves)\b", "end their life", third=True),
    _p(S, C, r"\bend(?:ed|ing|s)? it all\b", "end it all"),
    _p(S, C, r"\b(?:want|wants|wanting|going|thinking about|thinking of|think about|thought about|considering|ready|"
             r"decided|plan|planning) (?:to )?end(?:ing)? (?:it|things|everything)\b(?! with| off)", "ending it"),
    _p(S, C, r"\bend(?:ing)? (?:it|things|everything) (?:tonight|today|right now|soon|for good|forever|for real|"
             r"once and for all|this weekend)\b", "end it (time)"),
    _p(S, C, r"\b(?:want|wants|need|wish) (?:it all|everything|it|this|all this|all of this) to (?:end|stop) "
             r"(?:for good|permanently|forever)\b", "want it all to stop for good"),
    _p(S, C, r"\bwants? (?:it all|everything) to end\b", "want everything to end"),
    _p(S, C, r"\bsuicidal\b", "suicidal"),
    _p(S, C, r"\b(?:commit|committing|attempt|attempting|considering|contemplating|thinking about|thinking of|"
             r"thought about|thought of|think about|thoughts of|researching|planning) suicide\b",
             "thinking about suicide"),
    _p(S, C, r"\b(?:my suicide|suicide (?:note|plan|letter)|sucide|suicide)\b(?= (?:again|thoughts|is|tonight))",
       "suicide (slang)"),
    _p(S, C, r"^suicide\b|\bsuicide (?:tonight|soon|today|again|fr)\b|\b(?:thinking about|about) suicide again\b",
       "suicide (slang)"),
    _p(S, C, r"\b(?:want|wants|wanting|wish|wishing|ready|trying|need|longing|going|about|deserve) (?:to )?die\b",
       "want to die"),
    _p(S, C, r"\b(?:dont|do not|no longer|never|doesnt|does not|didnt) (?:really )?(?:want|wanna|wish|wants) to "
             r"(?:live|be alive|be here|exist|wake up|be around|keep living|go on)\b",
             "don't want to live", negatable=False),
    _p(S, C, r"\bnot (?:want|wanting) to (?:live|be alive|be here|exist|wake up)\b", "not wanting to be here"),
    _p(S, C, r"\b(?:wish|wishes|hope|hopes|hoping|pray) (?:that )?(?:i|she|he) (?:just |could )?(?:was dead|were dead|"
             r"was never born|wasnt born|didnt exist|dont exist|could disappear|disappear|vanish|stop existing|"
             r"dont wake up|wont wake up|wouldnt wake up|never wake up|would die|die|just die)\b",
             "wish i didn't exist"),
    _p(S, C, r"\b(?:sleep|go to sleep|fall asleep) and (?:never|not) wake up\b|\bsleep forever\b|"
             r"\bnever wake up again\b", "sleep and never wake up"),
    _p(S, C, r"\bbetter off (?:without me|dead|if i (?:was|were|am)(?:nt| not)? ?(?:dead|gone|here|around|alive)|"
             r"with me gone)\b", "better off without me", hypo=False),
    _p(S, C, r"\bbetter off without (?:her|him|them)\b", "better off without them", third=True),
    _p(S, C, r"\b(?:happier|easier|better|lighter)\b.{0,30}\b(?:if|when|after|once) i(?:m)? ?(?:was |were |am )?"
             r"(?:wasnt|werent|not|gone|dead|died|no longer)\b", "they'd be happier if i wasn't around", hypo=False),
    _p(S, C, r"\b(?:nobody|no one|noone|anyone|would they)\b.{0,25}\b(?:notice|care|miss me)\b.{0,15}\b"
             r"(?:if|when) i (?:was|were|am|m)? ?(?:gone|dead|died|disappeared)\b",
             "nobody would notice if i was gone", hypo=False),
    _p(S, C, r"\b(?:after|when|once) im gone\b", "after i'm gone"),
    _p(S, C, r"\bno (?:reason|point) (?:to|in|of) (?:go on|going on|living|live|being alive|carry on|carrying on|"
             r"stay alive|staying alive|being here|be here|keep going|keep living)\b", "no reason to go on"),
    _p(S, C, r"\b(?:whats|what is|is there|theres) (?:even )?(?:the |a |any )?(?:point|reason) (?:of|in|to) "
             r"(?:living|life|being alive|going on|live|keep going|staying alive)\b", "what's the point of living"),
    _p(S, C, r"\b(?:dont|cant|do not|cannot|dont even) see (?:the |any )?point (?:anymore|in anything|in living|"
             r"of living|in going on|of anything|in life|of life|in being alive)\b", "don't see the point"),
    _p(S, C, r"\bdone with (?:life|living|being alive|existing)\b", "done with life"),
    _p(S, C, r"\b(?:life|living|my life|it|being alive)(?: \w+)? (?:isnt|is not|aint|not|no longer|never) "
             r"(?:\w+ )?worth (?:living|it anymore|going on|the pain|the effort anymore)\b|\bnot worth living\b",
       "life isn't worth living"),
    _p(S, C, r"\b(?:dont|do not) think (?:ill|i will|i can|im going to|i am going to|i)? ?(?:still )?"
             r"(?:be (?:here|around|alive)|make it|survive|last)\b", "don't think i'll make it"),
    _p(S, C, r"\bwont be (?:around|here|alive) (?:much longer|for long|anymore|after|by|next)\b", "won't be around"),
    _p(S, C, r"\b(?:dont|cant|do not|cannot) see (?:myself|me) (?:living|being alive|alive|getting through|"
             r"surviving|making it|still here|here)\b", "can't see myself living"),
    _p(S, C, r"\b(?:disappear|vanish) (?:forever|for good|permanently)\b", "disappear forever"),
    _p(S, C, r"\b(?:stop|not) existing\b", "stop existing"),
    _p(S, IM, r"\b(?:wrote|written|writing|write|left|leaving) (?:my|a|the) (?:suicide |goodbye )?(?:note"
              r"|letter)\b.{0,60}"
              r"\b(?:goodbye|sorry|whoever|reads?|find|family|bye)\b|\b(?:suicide|goodbye) (?:note|letter)\b",
       "wrote a note"),
    _p(S, IM, r"\b(?:last|final) (?:message|text|post|goodbye)\b", "last message"),
    _p(S, IM, r"\b(?:texted|messaged|sent|said|told) (?:me )?(?:goodbye|bye forever)\b", "texted goodbye", third=True),
    _p(S, C, r"\bgiving (?:away )?(?:my|all my|away my) (?:stuff|things|belongings|possessions|stuff away|things"
             r" away)\b",
       "giving things away"),
    _p(S, C, r"\b(?:jump|jumping) (?:off|from|in front of)\b|\bthrow(?:ing)? myself (?:off|in front|under|from)\b",
       "jump off"),
    _p(S, C, r"\b(?:hang|hanging|hanged) (?:myself|herself|himself)\b|\b(?:slit|slitting|slash|slashing) my "
             r"(?:wrists?|throat)\b", "method"),
    _p(S, IM, r"\b(?:standing|sitting|stood) on (?:the|a) (?:bridge|ledge|roof|edge|tracks|railing|cliff)\b|"
              r"\bon (?:the|a) (?:ledge|roof|bridge) right now\b", "on the edge right now"),
    _p(S, C, r"\b(?:tried|attempted) to (?:kill myself|end my life|die)\b", "previous attempt"),
    _p(S, C, r"\b(?:cant|cannot|can not|not able to|unable to|dont think i can|dont know if i can) keep "
             r"(?:myself|me) safe\b|\bnot safe (?:from|with|around) myself\b", "can't keep myself safe"),
    _p(S, IM, r"\b(?:have|got|bought)\b.{0,20}\b(?:rope|noose|gun|pills|tablets|blade|razor|ligature)\b.{0,20}"
              r"\b(?:ready|set up|tied)\b", "means ready"),
    _p(S, IM, r"\b(?:have|got|made|making) a plan\b.{0,30}\b(?:do it|kill|die|end)\b|\bplan (?:for how|on how|of how)"
              r"\b.{0,30}\bdo it\b", "has a plan"),
    _p(S, C, r"\b(?:plan|plans|planning|planned|researching|prepare|preparing) (?:my |for my |out my )?suicide\b|"
             r"\bmy suicide (?:plan|attempt|note)\b", "planning suicide"),
    _p(S, C, r"\b(?:stockpil\w*|hoard\w*|saving up|saved up|stash\w*|collecting)\b.{0,15}\b(?:pills|meds|tablets|"
             r"medication|painkillers|sleeping \w+)\b", "stockpiling medication"),
    _p(S, C, r"\b(?:drive|driving|drove|crash|crashing|steer|steering) (?:my car |the car )?(?:into|off) (?:a |the )?"
             r"(?:wall|tree|traffic|oncoming|bridge|cliff|river|lorry|truck)\b|\b(?:step|stepping|walk|walking|jump|"
             r"jumping|lie|lying) (?:out )?in front of (?:a |the )?(?:train|bus|car|lorry|truck|traffic)\b",
       "method (vehicle/train)"),
    _p(S, C, r"\b(?:going to|want to|gonna|planning to|plan to|thinking about|thinking of|ready to|about to) "
             r"(?:overdose|take an overdose|take all (?:my|the|of my) (?:pills|meds|tablets))\b",
             "intends to overdose"),
    _p(S, C, r"\b(?:rather|prefer to|prefer) (?:not be|be not|not to be) (?:alive|here|around|living)\b|"
             r"\brather be dead\b", "rather not be alive"),
    # Spanish
    _p(S, C, r"\b(?:me )?quiero morir(?:me)?\b|\bquiero matarme\b|\bme quiero matar\b|\bquiero suicidarme\b|"
             r"\bsuicidarme\b|\bquitarme la vida\b|\bno quiero (?:seguir )?vivir\b|\bya no quiero (?:seguir|estar)\b|"
             r"\bmejor si no estuviera\b|\bno quiero despertar\b|\bacabar con todo\b|\bmatarme\b", "spanish suicide"),
    _p(S, C, r"\bse quiere (?:matar|morir|suicidar)\b|\bquiere (?:matarse|suicidarse|morirse)\b",
       "spanish suicide (3rd)",
       third=True),
    # French
    _p(S, C, r"\bpense au suicide\b|\b(?:pensees|idees) suicidaires\b|\bje veux mourir\b|\bveux mourir\b|\bme"
             r" suicider\b|\bme tuer\b|\ben finir\b|\bmettre fin a (?:mes|ma) "
             r"(?:jours|vie)\b|\bsuicide\b(?=.*\b(?:je|jai|pense|envie)\b)|\bje ne veux plus vivre\b|"
             r"\bplus envie de vivre\b|\benvie de mourir\b", "french suicide"),
    _p(S, C, r"\bveut (?:mourir|se tuer|se suicider|en finir)\b", "french suicide (3rd)", third=True),
    # ---------------------------------------------------------------- self-harm
    _p(SH, C, r"\b(?:cut|cuts|cutting|burn|burned|burnt|burning|scratch|scratched|scratching|hit|hitting|punch|"
              r"punched|punching|harm|harmed|harming|hurt|hurting|starve|starving|carve|carving|bruise|bruising|"
              r"bite|biting|stab|stabbing|mutilate|mutilating)(?:ed)? (?:myself|my (?:arms?|wrists?|legs?|thighs?|"
              r"skin|stomach|body|hands?|face|hips?))\b", "hurting myself"),
    _p(SH, C, r"\b(?:cutting|cut|cuts|hurting|harming|burning|starving) (?:herself|himself|themselves|themself)\b",
       "hurting themself", third=True),
    _p(SH, C, r"\b(?:i|im|ive|me|been|i was|i have)\b(?: \w+){0,3} self harm(?:ed|s)?\b|\bmy self harm\b",
       "self-harm"),
    _p(SH, C, r"\b(?:she|he|they|shes|hes|theyre|friend|son|daughter|sister|brother|kid|child)\b(?: \w+){0,4} "
              r"self harm(?:ed|s|ing)?\b", "self-harm (3rd)", third=True),
    _p(SH, C, r"^self harm(?:ed)?\b|\bself harm(?:ed)? (?:again|today|tonight|last night|yesterday)\b|"
              r"\brelapsed? (?:on )?self harm\b", "self-harm (relapse)"),
    _p(SH, C, r"\b(?:urge|urges|want|wants|need|tempted) to (?:cut|burn|bleed|hurt myself|harm myself|self harm)\b"
              r"(?! (?:ties|back|down|off|out|corners|costs|my hair|class|it short))", "urge to cut"),
    _p(SH, C, r"\bmy (?:fresh )?cuts\b|\bcut (?:again|deeper|too deep)\b|\bcutting again\b|\bi cut (?:again|last night|"
              r"today|tonight)\b", "cuts"),
    _p(SH, C, r"\b(?:until|till|til) (?:i|it|my \w+) bleeds?\b|\bbleed\w* on purpose\b|\bon purpose\b.{0,20}\bbleed",
       "until i bleed"),
    _p(SH, C, r"\b(?:i )?deserve (?:to )?(?:feel )?(?:pain|to hurt|to suffer|to be hurt|to bleed)\b", "deserve pain"),
    _p(SH, C, r"\b(?:cortarme|hacerme dano|lastimarme|autolesion\w*|me lastimo)\b|"
              r"\bme (?:volvi a |vuelvo a |sigo )?(?:cort(?:o|e|ar|ando)|lastim(?:o|e|ar|ando)|quem(?:o|e|ar|ando))\b"
              r"(?! (?:el|la|los|las|un|una|mi|mis) (?:pelo|cabello|flequillo|dedo|unas|barba|mano|lengua|labio))",
       "spanish self-harm"),
    _p(SH, C, r"\b(?:me scarifie|me scarifier|scarification|me faire du mal|me mutile\w*|automutilation|"
              r"me couper|je me coupe)\b"
              r"(?! (?:le|la|les|un|une|mon|ma|mes) (?:cheveux|doigt|frange|ongles|barbe|main|langue))|"
              r"\bme suis (?:encore |de nouveau |re)?(?:scarifie|coupe|mutile|brule)e?s?\b"
              r"(?! (?:le|la|les|un|une|mon|ma|mes|en) (?:cheveux|doigt|frange|ongles|barbe|main|langue|cuisinant))",
       "french self-harm"),
    # ---------------------------------------------------------------- harm to others
    _p(HO, C, rf"\b(?:i|im|ill|i will|i want to|want to|going to|about to|ready to|swear ill|could|might|im going to|"
              rf"i am going to|urge to|tempted to|gonna|plan to|planning to|fantasi[sz]e about) {_HARM_VERB}"
              rf" {_PERSON}\b",
       "i want to hurt someone"),
    _p(HO, C, rf"\b(?:thoughts?|thinking|think|thought|dreams?|fantasi[sz]ing|urges?) (?:of|about) {_HARM_VING} "
              rf"{_PERSON}\b", "thoughts of hurting someone"),
    _p(HO, C, rf"\b{_HARM_VING} {_PERSON}\b(?=.{{0,20}}\b(?:scares me|scared|want|keep thinking|cant stop))",
       "thoughts of hurting someone"),
    _p(HO, C, r"\b(?:snap and|lose it and|lose control and) (?:hurt|kill|attack) \w+", "might snap and hurt"),
    _p(HO, C, rf"\b(?:he|she|they|hes|shes|theyre)\b.{{0,20}}\b(?:going to|about to|wants to|threatening to|"
              rf"says (?:he|she|they)(?:ll| will)|will) {_HARM_VERB} (?:his|her|their|him|them)\b",
       "someone threatening to hurt another person", third=True),
    _p(HO, IM, r"\b(?:bought|got|have|loaded|brought|bringing)\b.{0,20}\b(?:gun|knife|rifle|weapon|something)\b.{0,40}"
               r"\b(?:know where|lives|to school|to work|tomorrow|tonight|find (?:him|her|them))\b",
               "weapon and target"),
    _p(HO, IM, r"\bmake (?:them|him|her|everyone) (?:all )?pay\b(?! (?:for (?:the|a|my|our|their|his|her|lunch|"
               r"dinner|it)|the|back|child|rent|support|bills?|half|\d))", "make them pay"),
    _p(HO, C, r"\b(?:kill|hurt|murder|shoot|stab) (?:people|everyone|everybody)\b|\bkilling people\b", "hurt people"),
    # ---------------------------------------------------------------- abuse / domestic violence
    _p(AB, C, rf"\b{_ABUSER}\b.{{0,30}}\b(?:hit|hits|hitting|beat|beats|beating|punch|punched|punches|kick|kicked"
              rf"|kicks|"
              rf"slap|slapped|slaps|choked|chokes|choking|strangled|strangles|strangling|shoved|shoves|abused|abuses|"
              rf"abusing|hurts|locks|locked|grabbed|burned|burns|threw \w+ at) me\b", "someone hits me", third=False),
    _p(AB, C, r"\b(?:pushes|pushed|pushing|throws|threw|knocks|knocked) me (?:around|down|against|into)\b",
       "pushes me around", third=False),
    _p(AB, C, rf"\b{_ABUSER}\b.{{0,30}}\b(?:hits|beats|chokes|strangles|abuses|hurts|slaps|punches) (?:her|him|them)\b",
       "someone hits them", third=True),
    _p(AB, C, r"\b(?:im|i am|i was|been|being|getting|get|got) (?:beaten|abused|hit|choked|strangled|threatened|"
              r"hurt) (?:at home|by (?:him|her|them|my|his|he|she)|every|again|when)\b|\bbeing (?:beaten|abused)\b",
              "i'm being abused", third=False),
    _p(AB, C, r"\b(?:said|says|threatened|threatens|threatening|told me|swore) (?:that )?(?:hed|he would|hell|he will|"
              r"shed|she would|shell|she will|theyd|they will|to)? ?(?:kill|hurt|beat) me\b|"
              r"\bthreaten\w* to (?:kill|hurt|beat|post|share|leak)\b", "threatened to hurt me", third=False),
    _p(AB, C, r"\b(?:hed|he would|hell|he will|shed|she would|shell|she will) (?:kill|hurt) me if\b",
       "threatened to hurt me", third=False),
    _p(AB, C, r"\bwont let me (?:leave|go out|see|have|talk|use|out)\b|\btakes? (?:all )?my (?:money|phone|keys|"
              r"passport)\b|\blocks? me (?:in|out)\b|\blocked me (?:in|out)\b", "coercive control", third=False),
    _p(AB, C, r"\b(?:scared|afraid|terrified) (?:of|to go home|to go back)\b.{0,20}\b(?:husband|wife|partner|boyfriend|"
              r"girlfriend|bf|gf|ex|dad|mum|mom|father|mother|stepdad|him|her|home)?", "scared of partner",
       third=False),
    _p(AB, IM, r"\b(?:banging|pounding|kicking) (?:on )?(?:the|my) door\b|\bhiding (?:in|from)\b.{0,40}\b(?:him|her|"
               r"them|bathroom|closet|room)\b|\btrying to (?:break|get) in\b", "they're at the door", third=False),
    _p(AB, C, r"\b(?:therapist|counsell?or|psychologist|psychiatrist|psych|shrink|doctor|coach)\b.{0,40}\b"
              r"(?:if i tell anyone|dont tell anyone|not to tell anyone|never tell anyone|keep (?:it|this|us) "
              r"(?:a )?secret|our (?:little )?secret)\b", "therapist demands secrecy", third=False),
    _p(AB, C, r"\b(?:me pega|me golpea|me maltrata|me pegan|me golpean|me amenaza|me amenazo|me maltratan|"
              r"me frappe|me bat|me battait|me maltraite|me menace|me tape)\b", "abuse (es/fr)", third=False),
    # ---------------------------------------------------------------- sexual assault
    _p(SA, C, r"\b(?:was|been|got|get|getting|being|were|i) raped\b|\braped me\b|\brape me\b|"
              rf"\b(?:{_ABUSER}|therapist|counsell?or|psychologist|teacher|coach) raped\b|\bi was r\w*ped\b",
       "raped", third=False),
    _p(SA, C, r"\b(?:raped|assaulted|molested) (?:her|him|them)\b|\b(?:she|he|they) (?:was|were|got) "
              r"(?:raped|sexually assaulted|molested)\b", "raped (3rd)", third=True),
    _p(SA, C, r"\b(?:sexually (?:assaulted|abused|harassed|attacked)|molested)\b(?=.{0,30}\b(?:me|i|by)\b)|"
              r"\b(?:i|im|i was|been|was|got|think i was) (?:sexually (?:assaulted|abused)|molested)\b",
              "sexually assaulted"),
    _p(SA, C, r"\bforced (?:himself|herself|themselves) on me\b|\bforced me to (?:have sex|do|touch|give|perform)\b|"
              r"\bmade me (?:have sex|touch|do sexual)\b", "forced", third=False),
    _p(SA, C, r"\b(?:didnt|did not|wouldnt|would not|doesnt) stop when i (?:said no|told (?:him|her|them) to stop|"
              r"said stop|cried)\b", "didn't stop when i said no", third=False),
    _p(SA, C, r"\b(?:touched|touching|touches|groped|gropes|groping|kissed|fondled|fondling|molested|molests) me\b",
       "touched me", third=False),
    _p(SA, C, r"\bdrugged (?:me|my drink)\b|\bspiked my drink\b|\bwoke up in (?:his|her|their|a strangers|"
              r"someones) bed\b", "drugged", third=False),
    _p(SA, C, r"\b(?:therapist|counsell?or|psychologist|psychiatrist|psych|shrink|doctor)\b.{0,60}\b(?:had sex with|"
              r"slept with|sleeping with|sit on (?:his|her) lap|undress|get naked|showed me (?:his|her) "
              r"(?:body|penis|privates)|sexual (?:relationship|contact) with me|touch(?:ed|es|ing)? (?:me|my"
              r" (?:breasts?"
              r"|chest|thigh|thighs|crotch|butt|body)))\b", "therapist sexual contact"),
    _p(SA, C, r"\b(?:me violaron|me violo|abusaron de mi|abuso de mi|me abuso|me agredio sexualmente|"
              r"(?:ete|etre|ai ete) violee?|me a violee?|agressee? sexuellement|attouchements)\b",
              "sexual assault (es/fr)",
       third=False),
    # ---------------------------------------------------------------- overdose / medical emergency
    _p(OD, IM, rf"\b(?:took|taken|take|swallowed|popped|downed|ate|drank|had|necked|me tome|tome|pris)\b.{{0,25}}"
               rf"\b{_QTY}\b(?:.{{0,25}}\b(?:{_SUBST}|bottle|pack|packet|box|strip|cabinet|of (?:them|it|my|the))\b)?",
       "took too many"),
    _p(OD, IM, r"\b(?:swallowed|drank|drunk|ate|took|taken|ingested|had)\b.{0,15}\b(?:bleach|antifreeze|poison|rat"
               r" poison|"
               r"weed ?killer|pesticide|drain cleaner|batteries|battery|detergent|lighter fluid)\b",
               "swallowed poison"),
    _p(OD, IM, rf"\b(?:took|taken|swallowed|popped|downed|drank)\b.{{0,20}}\b(?:bottle|pack|packet|box|strip) of "
               rf"(?:{_SUBST}|vodka|alcohol|\w+)", "took a bottle"),
    _p(OD, IM, r"\b(?:i|ive|i think i|just|hes|shes|he|she|they|friend|brother|sister|son|daughter|mum|mom|dad) "
               r"(?:have |has |just |might have |may have |think i )?overdos(?:ed|ing)\b|\boverdosed\b(?! on)|"
               r"\bim overdosing\b|\bi think i overdose\b", "overdosed"),
    _p(OD, IM, r"\b(?:cant|cannot|can not|isnt|is not|not|stopped|trouble|struggling to|hard to) breath(?:e|ing)\b|"
               r"\bturning blue\b|\bunconscious\b|\bunresponsive\b|\b(?:passed out|collapsed)\b.{0,30}\b(?:wont|cant|"
               r"not) (?:wake|respond|breathe)\b|\bwont wake up\b(?=.{0,40}\b(?:pills|took|drank|passed out)\b)|"
               r"\b(?:having|had) a seizure\b|\bseizing\b", "not breathing / unconscious"),
    _p(OD, IM, r"\bchest (?:hurts|pain|is tight|feels tight)\b|\bheart (?:is )?(?:racing|pounding|stopping)\b"
               r"(?=.{0,60}\b(?:took|pills|breath|cant|hurts)\b)|\bcant feel my (?:legs|arms|face|body)\b",
       "medical emergency"),
    # ================================================================ general mechanisms (v2)
    # ---------------------------------------------------------------- suicide: burdensomeness
    _p(S, C, r"\b(?:so much |much |a lot |way |all |far )?(?:better|happier|easier|lighter) (?:off )?without me\b|"
             r"\b(?:better|happier) (?:place|world) without me\b|\bwithout me (?:dragging|holding|weighing) "
             r"(?:them|everyone|you|her|him) down\b", "better without me", hypo=False),
    _p(S, C, r"\b(?:theyd|they would|theyll|they will|everyone would|everybody would|everyone will|my \w+ would"
             r"|youd|you would|shed|she would|hed|he would|the world would)(?: \w+){0,2} be (?:so much |much |way |a "
             r"lot |all |far )?better off\b(?! (?:with|if (?:i|we) (?:got|get|found|had|switch|move|talk)))",
       "they'd be better off", hypo=False),
    _p(S, C, r"\b(?:im|i am|i feel like|i feel)(?: \w+)? (?:just |such |only |nothing but |a )*(?:a )?(?:burden|"
             r"weight|drain) (?:to|on|for) (?:everyone|everybody|my (?:\w+ )?(?:family|kids|parents|wife|husband|"
             r"partner|friends)"
             r"|them|all of them|the people)\b", "burden on everyone", hypo=False),
    _p(S, C, r"\b(?:mieux sans moi|mejor sin mi|mejor sin mí)\b", "better without me (es/fr)", hypo=False),
    # ---------------------------------------------------------------- suicide: finality / goodbye
    _p(S, C, r"\bi (?:wont|will not|dont|do not|shouldnt) (?:be )?need(?:ing)? (?:them|it|these|those|any|my|the|"
             r"therapy|sessions?|appointments?|any of (?:it|this|them)|anything)(?: \w+){0,3} (?:anymore after|after|"
             r"where im going|much longer|for much longer|after this|after today|after tonight)\b",
       "won't need them after", hypo=False),
    _p(S, C, r"\bwhere im going\b(?! (?:to|on|for|with|next|after|this|in|at|tomorrow|today|home|back))|"
             r"\bwhere (?:im|i am) headed\b(?=.{0,20}\b(?:wont|dont|no)\b)", "where i'm going", hypo=False),
    _p(S, C, r"\b(?:before|after|when|once|until|till|so) i (?:end|finish|do) (?:it|this|things|everything|my life)"
             r"\b(?! (?:with|off|today at|at work|for (?:the|a) (?:day|week)|in therapy))", "before i end it"),
    _p(S, C, r"\b(?:ill|i will|i ll) be gone\b(?! for| on| to| from| until| till| by then for| a)|\bi wont be "
             r"(?:here|around)\b(?! (?:for|on|at|to|next (?:week|month) (?:for|because)|because))",
       "i'll be gone", hypo=False),
    _p(S, C, r"\bthis is (?:my )?goodbye\b(?! to (?:my |the |our )?(?:old |former |last )?(?:therapist|counsell?or"
             r"|psych\w*|job|school|house|flat|city|town|clinic))|\b(?:goodbye|bye) (?:everyone|world|all|forever)\b"
             r"|\b(?:say|said|saying) (?:my )?(?:last |final )?goodbyes?\b(?=.{0,40}\b(?:wont|before|last|forever|"
             r"everyone|sorry|never)\b)", "this is goodbye"),
    _p(S, IM, r"\b(?:made up my mind|mind is made up|ive decided|i have decided|decision is made)\b.{0,60}"
              r"\b(?:bye|goodbye|tonight|the night|its time|no turning back|at peace|for good|its over|do it)\b|"
              r"\b(?:tonight|today|tomorrow|this weekend) is (?:the night|the day|it)\b.{0,60}"
              r"\b(?:made up my mind|decided|bye|goodbye|sorry|forgive)\b", "made up my mind + finality"),
    # ---------------------------------------------------------------- suicide: more methods and intent
    _p(S, C, r"\b(?:jump|jumping|throw myself|step|stepping) (?:off|from|in front of|onto)\b|\b(?:hang|hanging) "
             r"myself\b|\b(?:drown|drowning) myself\b|\b(?:shoot|shooting) myself\b|\b(?:gas|gassing) myself\b|"
             r"\bput a bullet\b|\b(?:pull|pulled) the trigger\b(?=.{0,30}\b(?:myself|me|head)\b)", "method (self)"),
    _p(S, C, r"\b(?:thinking|thought|think|thoughts|fantasi[sz]\w*|dream\w*) (?:about|of) (?:not existing|not being"
             r" (?:here|alive|around)|dying|being dead|ending it|my death|my own death|killing myself|disappearing "
             r"forever|never waking up)\b", "thoughts of not existing"),
    _p(S, C, r"\b(?:looked|looking|look|googl\w*|search\w*|research\w*) (?:up )?(?:how (?:many|much)|ways to|"
             r"methods? (?:to|of)|how to)\b.{0,40}\b(?:take|die|kill|end|overdose|it would take|would kill|enough)\b",
       "researching method"),
    _p(S, C, r"\b(?:me quito|quitarme|quitare) la vida\b|\bme voy a (?:matar|suicidar|quitar la vida)\b|\bno "
             r"quiero (?:estar aqui|existir|despertar)\b|\bya no quiero (?:vivir|estar aqui)\b",
       "spanish suicide (2)"),
    _p(S, C, r"\b(?:ma vie ne vaut|ma vie vaut) (?:plus )?rien\b|\bje (?:vais|veux) me (?:tuer|suicider|foutre en l"
             r"(?:e )?air)\b|\bdispar\w+ pour (?:toujours|de bon)\b|\bje ne veux plus (?:etre la|exister)\b",
       "french suicide (2)"),
    # ---------------------------------------------------------------- self-harm: verb + self-object
    _p(SH, C, r"\b(?:i|ive|im|keep|kept|been|started|start|want to|wanted to|urge to|need to|going to|tempted to|"
              r"again|wanna|like to|used to|still)(?: \w+){0,2} "
              r"(?:cut|cuts|cutting|carve|carves|carved|carving|slice|sliced|slicing|slash|slashed|slashing|burn|"
              r"burns|burned|burnt|burning|scald|scalded|scalding|scratch|scratched|scratching|claw|clawed|clawing|"
              r"hit|hits|hitting|punch|punched|punching|slap|slapped|slapping|bang|banged|banging|slam|slammed|"
              r"slamming|bash|bashed|bashing|bite|bit|biting|stab|stabbed|stabbing|pinch|pinched|pinching|hurt|hurts|"
              r"hurting|harm|harmed|harming|mutilate\w*|bruise\w*|whip\w*|starve|starved|starving|choke|choked|"
              r"choking|strangle|strangled|strangling|punish|punished|punishing)"
              r"(?: \w+)? (?:into |on |at |up )?(?:myself|my own (?:body|skin)|my (?:fore)?(?:arms?|wrists?|legs?|"
              r"thighs?|skin|stomach|belly|body|hands?|face|hips?|head|chest|fingers?|knuckles|ankles?|shoulders?|scalp|"
              r"calf|calves|neck|feet|foot|toes|ribs|breasts?))\b"
              r"(?! (?:on|against) (?:the|a) (?:door|cupboard|table|shelf) by accident)", "self-harm verb + body"),
    _p(SH, C, r"\b(?:slam|slams|slammed|slamming|bang|bangs|banged|banging|hit|hitting|bash|bashing) my head "
              r"(?:against|into|on)\b", "head banging"),
    _p(SH, C, r"\b(?:use|used|using|uses|take|took|taking) (?:a|the|my|razor|blades?) ?(?:razor|blade|blades|knife"
              r"|lighter|scissors|glass|compass|sharpener)? (?:on|to|against) (?:myself|my (?:wrists?|arms?|legs?|"
              r"thighs?|skin|stomach|body))\b", "uses a blade on myself"),
    _p(SH, C, r"\b(?:starv\w* myself|make myself (?:throw up|sick|vomit)|making myself (?:throw up|sick|vomit)|"
              r"made myself (?:throw up|sick|vomit)|throw(?:ing)? up on purpose)\b|\bpurg(?:e|ed|es|ing)\b"
              r"(?=.{0,40}\b(?:times|again|cant stop|every|after (?:i eat|eating|meals?|dinner|lunch|breakfast)|"
              r"today|tonight)\b)", "starving / purging"),
    _p(SH, C, r"\b(?:havent|have not|not|didnt|dont|wont) (?:eaten|eat|eating)\b.{0,25}\b(?:on purpose|"
              r"deliberately|to punish|i deserve|dont deserve)\b|\b(?:deserve|deserves) to starve\b|\bdont deserve "
              r"(?:to eat|food)\b", "not eating as punishment"),
    _p(SH, C, r"\b(?:on purpose|deliberately|intentionally)\b.{0,25}\b(?:cut|cuts|burn|burns|bruise|bruises|bleed|"
              r"scabs?|wounds?|scars?)\b|\b(?:reopen\w*|pick\w* (?:at )?)(?: \w+){0,2} (?:cuts|wounds|scabs|scars)"
              r"\b.{0,40}\b(?:on purpose|deliberately|again|cut)\b", "reopening wounds on purpose"),
    _p(SH, C, r"\bcuts (?:all )?(?:over|on|up and down) (?:her|his|their) (?:arms?|wrists?|legs?|thighs?|body|"
              r"stomach)\b|\bfound (?:\w+ ){0,3}(?:razor blades?|blades)\b.{0,50}\bcuts?\b", "cuts on them",
       third=True),
    _p(SH, C, r"\b(?:me quemo|me golpeo|me pego a mi|me hago dano|me rasguno|me araño)\b|\bje me (?:coupe|brule|"
              r"frappe|griffe|mutile)\b(?! (?:le|la|les|un|une|mon|ma|mes) (?:cheveux|doigt|frange|ongles|barbe))",
       "self-harm (es/fr 2)"),
    # ---------------------------------------------------------------- harm to others
    _p(HO, C, rf"\b(?:im going to|i am going to|going to|want to|ill|i will|i want to|about to|gonna) "
              rf"(?:beat|punch|hit|smash|batter|slap|break) (?:him|her|them|{_PERSON[3:-1]}) "
              rf"(?:up|til|till|until|so hard|senseless|to death|black and blue|bloody)\b",
       "going to beat someone up"),
    _p(HO, C, rf"\b(?:picture|picturing|imagine|imagining|images of|visions of|see myself|keep seeing myself) "
              rf"(?:\w+ )?(?:{_HARM_VING}|drowning|shaking|smothering|suffocating|throwing|dropping) {_PERSON}\b",
       "intrusive images of harming someone"),
    _p(HO, C, rf"\b(?:want|wants|going|ready|need) to (?:{_HARM_VERB}|beat|punch) (?:people|someone|somebody|"
              rf"everyone)(?: at (?:work|school|the office|home))?\b", "want to hurt people"),
    _p(HO, C, r"\bmake (?:them|him|her|everyone|my \w+|\w+) (?:all )?pay\b(?! (?:for (?:the|a|my|our|their|his|"
              r"her|lunch|dinner|it)|the|back|child|rent|support|bills?|half|\d))", "make someone pay"),
    _p(HO, C, r"\b(?:i know|i found out|found out) where (?:she|he|they|my \w+|\w+) (?:lives|works|is staying|"
              r"sleeps)\b(?=.{0,60}\b(?:tonight|going over|pay|hurt|kill|regret|gun|knife|wait for|sorry)\b)",
       "knows where the target lives"),
    _p(HO, C, r"\b(?:voy a|quiero|tengo ganas de|ganas de) (?:matar|golpear|pegar|lastimar|hacer dano) a\b|"
              r"\b(?:matarlo|matarla|matarlos)\b|\b(?:je vais|envie de|je veux|jai envie de) (?:le |la |les )?"
              r"(?:tuer|frapper|buter|etrangler|faire du mal a)\b", "harm to others (es/fr)"),
    # ---------------------------------------------------------------- abuse
    _p(AB, C, rf"\b{_ABUSER}\b.{{0,30}}\b(?:is |keeps |has been |was )?(?:beating|hitting|hurting|choking|"
              rf"strangling|kicking|punching|slapping) (?:my|his|her|their) (?:\w+ )?(?:brother|sister|mum|mom|mother"
              rf"|dad|father|kids?|children|son|daughter|wife|husband|partner|girlfriend|boyfriend|baby)\b|"
              rf"\b(?:slaps|slapped|knocks|knocked|pushes|pushed|throws|threw) (?:her|him|them) around\b",
       "someone beating a family member", third=True),
    _p(AB, C, rf"\b{_ABUSER}\b.{{0,40}}\b(?:broke|broken|fractured|cracked|dislocated|split) my (?:wrist|arm|nose|"
              rf"ribs?|jaw|finger|fingers|hand|lip|cheekbone|eye socket|collarbone)\b|\bgave me a (?:black eye|"
              rf"concussion|split lip)\b", "injured me", third=False),
    _p(AB, C, r"\b(?:hes|shes|he is|she is|theyre|they are|he will|she will|hell|shell|he said hes|she said shes)"
              r" (?:going to|about to) (?:hurt|beat|hit|kill) me\b(?! if (?:she|he|they|my \w+) (?:finds?|found)"
              r" out i (?:ate|skipped|forgot|spent|missed|broke|lost))", "going to hurt me", third=False),
    _p(AB, C, r"\bcontrols? (?:all )?(?:my|of my) (?:money|finances|bank|cards?|phone|food|meds|medication)\b|"
              r"\bwont let me (?:eat|sleep|work|leave|call|see)\b|\btook (?:away )?my (?:phone|keys|passport|money)"
              r"\b(?=.{0,40}\b(?:wont|locked|cant leave|wont let)\b)", "coercive control (2)", third=False),
    _p(AB, IM, r"\b(?:about to|trying to|going to|gonna) (?:break|kick|smash) (?:in|down|the door|my door)\b|"
               r"\b(?:breaking|kicking) (?:in|down) (?:the|my) door\b|\b(?:break|breaks|broke) (?:the door )?in\b"
               r"(?=.{0,20}\b(?:scared|help|hes|shes|hiding)\b)", "breaking in", third=False),
    # ---------------------------------------------------------------- sexual assault
    _p(SA, C, r"\b(?:therapist|counsell?or|psychologist|psychiatrist|psych|doctor|teacher|coach|uncle|stepdad|"
              r"priest|boss)\b.{0,40}\b(?:touching|touched|touches|groping|groped|gropes|molest\w*|fondl\w*|kissing"
              r"|kissed) (?:her|him|them)\b", "professional touching them", third=True),
    _p(SA, C, r"\b(?:put|slipped|spiked) (?:something|stuff|a pill|drugs?) (?:in|into) my (?:drink|glass|cup)\b|"
              r"\b(?:dont|do not|cant|cannot) remember (?:anything|what happened|how i got)\b.{0,60}"
              r"\b(?:his place|his bed|her place|their place|drink|party|woke up|naked|clothes)\b|"
              r"\bwoke up (?:at|in) (?:his|her|their|a strangers|someones) (?:place|house|flat|room|bed)\b"
              r"(?=.{0,60}\b(?:dont|cant|no) (?:remember|recall)\b)", "drugged / memory gap", third=False),
    _p(SA, C, r"\b(?:didnt|did not|wouldnt|would not) stop\b.{0,40}\bi (?:froze|was frozen|couldnt move|"
              r"couldnt say)\b|\bi froze\b.{0,40}\b(?:didnt|did not|wouldnt) stop\b|\bdidnt stop at a "
              r"(?:hug|kiss)\b", "didn't stop and i froze", third=False),
    # ---------------------------------------------------------------- overdose / medical emergency
    _p(OD, IM, r"\b(?:he|she|they|hes|shes|theyre|friend|boyfriend|girlfriend|bf|gf|mum|mom|dad|brother|sister|son|"
               r"daughter|husband|wife|partner|roommate|flatmate|baby|grandma|grandad|grandpa|kid|child)\b"
               r"(?: \w+){0,3} (?:is not|isnt|not|wont|will not|cant|hasnt|still not|still isnt) (?:waking|wake) up\b|"
               r"\b(?:cant|cannot|can not|couldnt) wake (?:him|her|them|my \w+) up\b", "not waking up", third=True),
    _p(OD, IM, r"\bbarely breathing\b|\b(?:lips|face|skin) (?:are |is )?(?:going|turning|gone|went) (?:blue|grey|"
               r"gray|purple)\b|\bgoing blue\b|\b(?:foaming|frothing) at the mouth\b|\b(?:wont|cant|isnt) stop "
               r"(?:shaking|seizing|fitting)\b(?=.{0,40}\b(?:took|took|pills|drank|lines|overdose|something)\b)",
       "breathing / colour emergency"),
    _p(OD, IM, r"\b(?:mixed|mixing|took|taken|drank)\b.{0,40}\b(?:and|with)\b.{0,30}\b(?:cant breathe|"
               r"trouble breathing|passing out|passed out|cant stay awake|cant feel|heart is racing)\b",
       "mixed substances with symptoms"),
    _p(OD, IM, r"\b(?:avale|avalé|pris)\b.{0,20}\b(?:toute?s? (?:la|les|ma|mes)|une) (?:boite|plaquette|flacon|tube)"
               r"\b|\b(?:tome|me tome|trague|me trague)\b.{0,20}\b(?:todas|todos|un frasco|una caja|la caja)\b",
       "overdose (es/fr)"),
)

# Means words and lethality seeking.
_MEANS = re.compile(
    r"\b(?:pills?|tablets?|sleeping \w+|meds|overdose|rope|noose|bridge|bridges|razor|razors|blade|blades|knife|gun|"
    r"pistol|rifle|firearm|train tracks|tracks|railway|roof|ledge|cliff|balcony|car park|multi storey|tall building|"
    r"high enough|bleach|antifreeze|paracetamol|tylenol|acetaminophen|ibuprofen|insulin|belt|cord|ligature)\b"
)
_POSSESSION = re.compile(
    r"\b(?:have|has|keeps|lined up|got|bought|holding|hold|found|stash|stashed|saved|saving|stockpiled|"
    r"stockpiling|collected|ready|"
    r"in my hand|right here|here|next to me|in my room|in my bag|loaded)\b"
)
_SEEK_LETHAL = re.compile(
    r"\b(?:how many|how much)\b.{0,40}\b(?:would it take|to die|would kill|will kill|to kill|is lethal|is fatal|"
    r"is deadly|to overdose|to od|is too much|would i need|do i need|would be enough|is enough|to not wake up|"
    r"to never wake up)\b|\b(?:lethal|fatal|deadly|toxic) (?:dose|amount|dosage|quantity)\b|"
    r"\b(?:painless|quickest|quick|easiest|fastest|surest|best|most effective|least painful|most painful|peaceful) "
    r"(?:way|ways|method|methods) (?:to|of) (?:die|dying|kill|end|suicide|go)\b|\bways to (?:die|kill myself|end it|"
    r"end my life|commit suicide)\b|\bhow (?:long|quickly) (?:does it take|would it take|until|till) (?:to )?"
    r"(?:bleed out|die|drown|suffocate|lose consciousness|pass out)\b|\bhow to (?:kill myself|die|overdose|hang|"
    r"slit|bleed out)\b|\b(?:which|what) (?:painkillers?|pills?|meds|medications?|drugs)\b.{0,30}\b(?:dangerous|"
    r"lethal|deadly|kill|fatal|overdose)\b|\bhow many would i need\b"
)
_SEEK_PLACE = re.compile(
    r"\b(?:highest|tallest|high|tall|nearest|closest)\b.{0,15}\b(?:bridges?|buildings?|roofs?|cliffs?|towers?|"
    r"car parks?|floors?|places?)\b|\bwhat floor\b|\bhigh enough\b|\bhow (?:high|far) (?:up|down)?\b.{0,25}"
    r"\b(?:die|survive|fall|jump|kill)\b"
)

# Questions that seek means only in context (amounts, heights, barriers, speed): counted as
# means-seeking when the message already shows risk.
_MEANS_QUESTION = re.compile(
    r"\bhow (?:many|much)\b.{0,40}\b(?:do it|be enough|is enough|too much|would it take|would i need|do i need|"
    r"have saved)\b|\bwould it be (?:instant|quick|painless|fast|over)\b|\b(?:dont|do not|without|no) (?:have )?"
    r"(?:the |a )?(?:fence|fences|barrier|barriers|railing|railings|nets?|fence thing)\b|\b(?:roof|rooftop) "
    r"access\b|\bget (?:onto|on to|up on) the roof\b|\b(?:parking (?:garage|structure)|multi ?storey)\b"
)

# Imminence cues (raise a crisis match to imminent).
_IMMINENT = re.compile(
    r"\b(?:tonight|today|right now|this evening|this afternoon|this morning|this weekend|tomorrow|in an hour|"
    r"in a few hours|by morning|to morning|through the night|before morning|is the day|the night|tonights|"
    r"made up my mind|mind is made up|decided|have a plan|got a plan|made a plan|have it planned|plan for how|"
    r"plan to do it|how im going to do it|im going to|i am going to|ill do it|going to do it|about to|ready to|"
    r"when he gets home|when she gets home|when they get home|goodbye|bye forever|this is it|right here|"
    r"in my hand|a lot of blood|wont stop bleeding|so much blood|i will|ill|if im going to|ce soir|cette nuit|"
    r"aujourd hui|maintenant|je vais|esta noche|hoy|ahora|voy a|ahorita)\b"
)

_DISTRESS = re.compile(
    "|".join(
        (
            r"\bfeel(?:ing|s)? (?:so |really |very |pretty |super |kinda |quite |completely |just )?(?:low|down"
            r"|hopeless|"
            r"empty|alone|lonely|awful|terrible|worthless|numb|broken|lost|miserable|depressed|useless|trapped|"
            r"like a burden|like im drowning|like giving up|dead inside|like im falling apart)\b",
            r"\b(?:cant|can not|cannot|not) cop(?:e|ing)\b|\bstruggling\b|\boverwhelmed\b|\bcant stop crying\b|"
            r"\bpanic attacks?\b|\bhopeless\b|\bfalling apart\b|\bdrowning\b|\bbreaking down\b|\bmental breakdown\b",
            r"\b(?:so |really )?tired of (?:everything|it all|life|living|being alive|this|trying)\b|\bso done with "
            r"(?:everything|it all)\b|\bdone with everything\b|\bcant (?:do|take|handle) (?:this|it) anymore\b|"
            r"\bcant go on\b|\bgive up on everything\b|\bjust give up\b",
            r"\b(?:no one|nobody|noone) (?:to talk to|cares|ever texts|would care|would notice|would miss me|loves"
            r" me)\b|"
            r"\bhate myself\b|\bnothing (?:ever )?(?:gets better|works out|changes|matters)\b|\beverything is "
            r"(?:pointless|hopeless|grey|gray|falling apart)\b|\bburden\b|\bbad night\b|\bnot okay\b|\bnot ok\b",
            r"\bin a dark place\b|\bdepressed\b|\bdepression\b|\bhavent (?:slept|eaten)\b|\bheavy\b|\bcrying\b|"
            r"\bmiss (?:my|her|him) (?:old )?(?:therapist|counsell?or) so much\b|\bscared\b",
            r"\bno estoy bien\b|\bme siento (?:muy )?(?:solo|sola|mal|triste|vacio|vacia)\b|\bya no aguanto\b|"
            r"\bje me sens (?:vraiment |tres |si )?(?:mal|seul|seule|vide|nul|nulle)\b|\bje nen peux plus\b"
            r"|\bdeprime\b",
        )
    )
)

# Finality / goodbye cues (each a named group so that distinct cues are counted).
_FINALITY = re.compile(
    "|".join(
        (
            r"(?P<the_night>\b(?:tonight|today|tomorrow|this weekend|this) is (?:the night|the day|it)\b)",
            r"(?P<decided>\b(?:made up my mind|mind is made up|ive decided|i have decided|decision is made"
            r"|no turning back|no going back)\b)",
            r"(?P<bye>\b(?:bye|goodbye|farewell|adios|adieu)\b(?! to (?:my |the )?(?:old |former )?(?:therapist|"
            r"counsell?or|psych\w*|job|school|clinic|house|flat|city)))",
            r"(?P<its_time>\bits time\b(?! (?:to|for)\b))",
            r"(?P<peace>\b(?:at peace|feel calm|feel so calm|finally calm|ready to go)\b(?! (?:with (?:my )?"
            r"(?:therapist|decision to (?:quit|end therapy|leave|move|switch)))))",
            r"(?P<thanks>\b(?:thank you|thanks|sorry|forgive me) for everything\b|\bplease forgive me\b|"
            r"\btell (?:them|her|him|my \w+) i (?:love|loved) (?:them|her|him)\b)",
            r"(?P<wont_need>\b(?:wont|will not|dont|do not) (?:be )?need(?:ing)? (?:them|it|these|those|any(?: of)?|my|"
            r"the|therapy|sessions?|appointments?|anything)\b(?:.{0,30}\b(?:anymore|after|where im going|"
            r"much longer)\b))",
            r"(?P<gone>\bwhere im going\b(?! (?:to|on|for|with|next|in|at|tomorrow|today|home|back))|"
            r"\b(?:ill|i will) be gone\b(?! for| on| to| from| until| till)|\bi wont be (?:here|around)\b"
            r"(?! (?:for|on|at|to|because|next))|\bwont matter (?:anyway|soon|by then|after|much longer)\b|"
            r"\bwont have to (?:deal with|worry about|see) me\b)",
            r"(?P<giving>\b(?:gave|giving|given|give|gonna give) (?:away )?(?:all )?(?:my|all my) (?:\w+ ){0,2}"
            r"(?:away|to (?:my |the |a |her |his )?\w+)\b|\bgave away\b|\bgiving away\b|\bgive away my\b)",
            r"(?P<letters>\b(?:wrote|written|writing|left|leaving) (?:\w+ )?(?:letters?|notes?|messages?) (?:for|to)"
            r" (?:my|everyone|each|all|whoever|the people)\b)",
            r"(?P<affairs>\b(?:signed|sorted|wrote|made|updated|finished) (?:out )?(?:my|the) (?:will|affairs|"
            r"paperwork|passwords)\b|\baffairs in order\b|\beverything is (?:sorted|arranged|taken care of|"
            r"ready)\b|\b(?:is|are) going to (?:my|a) (?:sister|brother|mum|mom|dad|friend|neighbou?r|cousin)\b)",
            r"(?P<last>\blast time (?:you|anyone|youll|you will)(?: \w+)? hear from me\b|\bnever (?:see|hear from) me"
            r" again\b|\b(?:my )?last (?:day|night|session|message|text|post|words)\b(?! (?:of|at|before|in) "
            r"(?:the|work|school|term|college|uni|my (?:job|contract|holiday)))"
            r"(?! was)(?=.{0,40}\b(?:sorry|bye|goodbye|love|thank|ever|alive|here|on earth)\b))",
        )
    )
)
_TIMEFRAME = re.compile(
    r"\b(?:tonight|tomorrow|this weekend|the night|right now|in an hour|in a few hours|by morning|before morning|"
    r"when everyone (?:is asleep|goes to bed|leaves)|its time|this is it|today|this evening|ce soir|esta noche)\b"
)
_MEANS_AT_HAND = re.compile(
    r"\b(?:have|has|had|got|gotten|bought|buys|holding|holds|found|keeps|kept|stash\w*|sav(?:ed|ing) up|"
    r"stockpil\w*|collected|lined up|laid out|loaded|brought|picked up)\b(?: \w+){0,4} "
    r"(?:rope|noose|gun|pistol|rifle|shotgun|firearm|bullets|pills|tablets|meds|sleeping pills|blade|blades|"
    r"razor|razors|ligature|bleach|antifreeze|poison|paracetamol|tylenol|insulin|painkillers|"
    r"oxy\w*|fentanyl)\b|\b(?:rope|noose|gun|pistol|pills|tablets|blade|razor) (?:is |are )?(?:loaded|ready|"
    r"tied|lined up|set up|laid out|in my (?:hand|pocket|bag|car|room)|on (?:my|the) (?:desk|counter|table|bed))\b"
)
# A short follow-up that completes an act only when the conversation already shows distress.
_CONTEXT_ACT = re.compile(
    r"\b(?:i did it(?: again)?|did it again|i took them(?: all)?|took (?:them|it|all of them|the lot) all|"
    r"(?:i )?counted them|theres enough|there are enough|its enough to|(?:i )?(?:picked|chose|set) (?:a|the) "
    r"(?:date|day|time|place)|going (?:to go )?through with it|doing it (?:tonight|today|now|tomorrow)|"
    r"im (?:going to|ready to) do it|its (?:time|happening)|i wont be here|wont be here (?:for|by)|this is it|"
    r"i relapsed|relapsed again|it wont matter|i\W?ll be gone)\b"
)
_CONTEXT_ACT_DONE = re.compile(r"\b(?:took|swallowed|taken|counted them|theres enough|did it)\b")

# Benign reasons that explain away "won't need sessions", "won't be around" and accidents.
_BENIGN_REASON = re.compile(
    r"\b(?:graduat\w*|moving|move|moved|relocat\w*|new (?:therapist|counsell?or|job|city|clinic)|switch\w*|"
    r"insurance|feeling (?:so much |much |a lot )?better|doing (?:so much |much |a lot )?better|im better|"
    r"finished|finishing|ending therapy|end therapy|holiday|vacation|trip|travel\w*|conference|work trip|"
    r"business|deployment|exams?|surgery|hospital stay|maternity|paternity|retir\w*|she said|he said|"
    r"she says|he says|they said|discharged|waitlist|sick leave|abroad|visiting)\b"
)
_ACCIDENT = re.compile(
    r"\b(?:accident\w*|by mistake|on the (?:stove|oven|hob|pan|iron|kettle|grill|door|cupboard|table|corner|shelf"
    r"|cabinet|car door|doorframe)|cooking|making (?:dinner|lunch|breakfast|tea|coffee)|ironing|baking|fell|"
    r"tripped|slipped|at the gym|playing (?:football|rugby|basketball|hockey|sport)|sunburn\w*|shaving|"
    r"gardening|paper cut)\b"
)
_INTENT = re.compile(
    r"\b(?:on purpose|deliberately|intentionally|again|keep|kept|to feel|to punish|deserve|until|till|til|urge|"
    r"relapse\w*|want to|wanted to|because i (?:hate|deserve|wanted))\b"
)
_BENIGN_GUARDED = frozenset(
    {"won't need them after", "i'll be gone", "won't be around", "where i'm going", "hurting myself",
     "self-harm verb + body", "head banging"}
)  # fmt: skip

# Negation and context.
_NEGATION = re.compile(
    r"\b(?:not|never|no|dont|do not|wont|will not|isnt|arent|wasnt|no longer|nor|without)\b"
    r"(?! (?:sure|certain|ok|okay|even sure|know|lie|gonna lie|that|just|only|one|way|longer want))"
)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|when|whether|what if|in case|once) (?:i|you|a client|clients|someone|somebody|they|people|a person|"
    r"my (?:child|kid|son|daughter|teen)|a patient)\b(?: \w+){0,3} (?:say|says|said|tell|tells|told|mention|mentions|"
    r"mentioned|disclose|discloses|admit|admits|report|reports|talk about|talks about|bring up|express|expresses|"
    r"confess|confide|write|wrote)\b"
)
_IF_INSIDE = re.compile(r"(?<!what )\b(?:if|whether) (?:i|you|someone|a client|they|my (?:child|kid|son|daughter))\b")
_PAST = re.compile(
    r"\b(?:years ago|year ago|months ago|used to|as a (?:kid|child|teen|teenager)|when i was (?:younger|a kid|a teen|"
    r"a teenager|little|\d+|in)|back (?:in|when)|in (?:19|20)\d\d|last (?:year|month|spring|summer|winter|autumn)|"
    r"in the past|a while ago|long time ago|long ago|behind me|clean for|for \d+ years|in (?:high school|college|"
    r"uni|university|school)|previously|history of|my past)\b"
)
_RECOVERED = re.compile(
    r"\b(?:now im (?:fine|ok|okay|good|better|doing)|im (?:fine|ok|okay|good|better) now|doing (?:ok|okay|well|"
    r"better|good|fine)|good place|behind me|clean for|recovered|they passed|it passed|its passed|no longer|"
    r"not anymore|much better now|im fine now|in a good place|havent (?:since|in years))\b"
)
_PRESENT_RISK = re.compile(
    r"\b(?:again|still|tonight|today|right now|currently|lately|these days|this week|going to|want to|wants to|"
    r"anymore|try again|now i (?:want|feel|think)|i keep)\b"
)
_FIRST = frozenset({"i", "im", "ive", "id", "ill", "me", "myself", "je", "yo", "moi"})
_THIRD = frozenset(
    {
        "she", "he", "they", "shes", "hes", "theyre", "her", "him", "his", "their", "them", "friend", "friends",
        "son", "daughter", "sister", "brother", "mum", "mom", "dad", "girlfriend", "boyfriend", "partner", "wife",
        "husband", "roommate", "flatmate", "client", "cousin", "kid", "child", "student", "coworker", "colleague",
        "bf", "gf", "niece", "nephew", "aunt", "uncle", "grandma", "grandad", "teen", "classmate", "amiga", "amigo",
        "ami", "amie",
    }
)  # fmt: skip
_DISPLACED = re.compile(r"\b(?:asking for a (?:friend|mate)|for a friend|hypothetically|for a story|for research)\b")
_DISMISS = re.compile(
    r"\b(?:just kidding|joking|kidding|school project|for a project|for a story|nevermind|never mind|nvm|"
    r"forget i said|was a joke|its fine|im fine)\b"
)

_PRIORITY = (OD, S, SH, SA, AB, HO)  # tie-break when several categories share the top tier


def _max_tier(a: Tier, b: Tier) -> Tier:
    return a if a.rank >= b.rank else b


@dataclass
class _Hit:
    tier: Tier
    category: Category | None
    third: bool
    label: str


@dataclass
class _Screen:
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


def _third_from_window(tokens_before: list[str]) -> bool:
    for tok in reversed(tokens_before[-8:]):
        if tok in _FIRST:
            return False
        if tok in _THIRD:
            return True
    return False


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between ' but ', ' and now ', sentence-ish breaks) around a match."""
    left = max(text.rfind(" but ", 0, start), text.rfind(" now ", 0, start))
    right_candidates = [i for i in (text.find(" but ", end), text.find(" now ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return (left + 1 if left != -1 else 0), right


def screen_text(raw: str, context_distress: bool = False) -> _Screen:
    """Pattern layer for one text (no embeddings)."""
    norm = normalise(raw)
    text = " " + _IDIOMS.sub(" ", norm) + " "
    text = " ".join(text.split())
    hits: list[_Hit] = []
    reasons: list[str] = []
    explained = False
    for pat in _PATTERNS:
        for m in pat.regex.finditer(text):
            before = text[: m.start()].split()
            tier = pat.tier
            label = pat.label
            window = " ".join(before[-5:])
            if pat.negatable and _NEGATION.search(window) and not re.search(r"\b(?:no one|nobody|no reason|no point)\b",
                                                                             window + " " + m.group(0)):
                tier = Tier.none
                label += " (negated)"
            else:
                pre = " ".join(before[-14:])
                ctx = " ".join(before[-4:]) + " " + m.group(0)
                hypo = _HYPOTHETICAL.search(pre) or (pat.hypo and _IF_INSIDE.search(ctx))
                if hypo and pat.category in (S, SH, HO):
                    tier = Tier.distress
                    label += " (hypothetical/policy question)"
                else:
                    lo, hi = _clause_bounds(text, m.start(), m.end())
                    clause = text[lo:hi]
                    whole_after = text[m.end():]
                    if _PAST.search(clause) and not _PRESENT_RISK.search(clause):
                        tier = Tier.none if _RECOVERED.search(text) else Tier.distress
                        label += " (past)"
                    elif _RECOVERED.search(whole_after[:40]) and not _PRESENT_RISK.search(clause):
                        tier = Tier.distress
                        label += " (resolved)"
            if pat.label in _BENIGN_GUARDED and tier != Tier.none:
                benign = (_ACCIDENT.search(text) and not _INTENT.search(text)) if pat.category == SH \
                    else _BENIGN_REASON.search(text)
                if benign:
                    tier = Tier.none
                    label += " (benign reason)"
            third = pat.third if pat.third is not None else _third_from_window(before)
            explained = explained or tier.rank < pat.tier.rank
            if tier != Tier.none:
                hits.append(_Hit(tier, pat.category if tier.rank >= Tier.distress.rank else None, third, label))
            reasons.append(f"pattern:{label}")
    means_seek = bool(_SEEK_LETHAL.search(text))
    place_seek = bool(_SEEK_PLACE.search(text))
    means_word = bool(_MEANS.search(text))
    possession = means_word and bool(_POSSESSION.search(text))
    imminence = bool(_IMMINENT.search(text))
    distress_here = bool(_DISTRESS.search(text))
    if distress_here:
        hits.append(_Hit(Tier.distress, None, _third_from_window(text.split()), "distress words"))
        reasons.append("pattern:distress words")
    # Finality / goodbye cues: two of them, or one after distress, read as suicidal intent.
    finality = {m.lastgroup for m in _FINALITY.finditer(text)}
    if _BENIGN_REASON.search(text):
        finality -= {"wont_need", "gone", "its_time", "decided", "bye", "thanks", "giving"}
    timeframe = bool(_TIMEFRAME.search(text))
    means_at_hand = _MEANS_AT_HAND.search(text)
    if len(finality) >= 2 or (finality and (distress_here or context_distress)):
        tier = Tier.imminent if (timeframe or means_at_hand) else Tier.crisis
        hits.append(_Hit(tier, S, _third_from_window(text.split()), "finality cues"))
        reasons.append("pattern:finality cues " + "+".join(sorted(str(f) for f in finality)))
    if means_at_hand and (timeframe or finality):
        hits.append(_Hit(Tier.imminent, S, _third_from_window(text[: means_at_hand.end()].split()),
                         "means at hand + timeframe"))
        reasons.append("means:means at hand with a timeframe or goodbye")
    if context_distress and _CONTEXT_ACT.search(text):
        done = _CONTEXT_ACT_DONE.search(text)
        tier = Tier.imminent if (timeframe or done) else Tier.crisis
        cat = OD if re.search(r"\b(?:took|swallowed|taken|ate|drank)\b", text) else S
        hits.append(_Hit(tier, cat, False, "follow-up act after distress"))
        reasons.append("context:follow-up act after distress in the conversation")
    strong = [h for h in hits if h.tier.rank >= Tier.crisis.rank]
    risk_context = context_distress or distress_here or bool(strong) or bool(finality)
    if means_seek:
        tier = Tier.imminent if (possession or imminence or re.search(r"\bnot wake up\b", text)) else Tier.crisis
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
        hits.append(_Hit(tier, means_cat, _third_from_window(text.split()), "means word after distress"))
        reasons.append("means:means word after distress")
    elif possession and not hits and re.search(r"\b(?:have|got|bought|stash\w*|sav\w+|stockpil\w+|collected)\b.{0,25}"
                                                r"\b(?:the|my|a|all|enough|these)\b.{0,10}\b(?:pills|tablets|rope"
                                                r"|noose|"
                                                r"gun|blade|razor)\b.{0,15}\b(?:here|ready|with me|next to me)\b",
                                                text):
        hits.append(_Hit(Tier.distress, S, False, "means at hand (check in)"))
        reasons.append("means:means at hand without other cues")
    if not hits:
        return _Screen(Tier.none, None, False, means_seek, means_word, possession, imminence, reasons,
                       explained)
    top = max(h.tier.rank for h in hits)
    best = [h for h in hits if h.tier.rank == top]
    cats = [h.category for h in best if h.category is not None]
    category = None
    for c in _PRIORITY:
        if c in cats:
            category = c
            break
    chosen = next((h for h in best if h.category == category), best[0])
    tier = chosen.tier
    at_door = re.search(r"\b(?:right now|tonight|outside|at the door|here)\b", text)
    if (tier == Tier.crisis and (imminence or possession) and category in (S, SH, HO, AB)
            and (category != AB or at_door)):
        tier = Tier.imminent
        reasons.append("imminence cue")
    return _Screen(tier, category, chosen.third, means_seek, means_word, possession, imminence, reasons,
                   explained)


# --------------------------------------------------------------------------- semantic layer

# Thresholds chosen on eval/crisis.yaml (see evaluate.py); cosine similarity of normalised vectors.
SEM_CRISIS = 0.70  # nearest crisis exemplar at least this close -> crisis (default per category)
# Per-category thresholds (max similarity over that category's exemplars), chosen on
# eval/crisis.yaml + assistant/crisis/data/dev_1.yaml: the lowest value with no false positive there.
SEM_CRISIS_BY_CAT: dict[str, float] = {
    "suicide": 0.63,  # highest non-crisis dev item clearing the margin: 0.615
    "self-harm": 0.65,  # 0.632 (a French distress message)
    "harm-to-others": 0.60,  # 0.542; floor 0.60
    "abuse": 0.67,  # 0.655 ("my kid hit his sister ...")
    "sexual-assault": 0.60,  # 0.403; floor 0.60
    "overdose": 0.60,  # 0.565; floor 0.60
}
SEM_DISTRESS = 0.60  # nearest crisis/distress exemplar at least this close -> distress
SEM_MARGIN = 0.10  # and closer than the nearest hard negative by this much
SEM_SUPPRESS = 0.70  # a distress-level pattern hit this close to a hard negative (and nearer to it) is dropped


# Trained layer (classifier.py). Thresholds chosen on eval/crisis.yaml (false positives on its hard
# negatives at most 5%), eval/crisis_holdout3.yaml and the ordinary questions of eval/questions.yaml.
CLF_CRISIS = 0.6  # probability of any crisis category that makes a message the patterns saw distress in crisis
CLF_CRISIS_UNPROMPTED = 0.7  # the same where the patterns saw nothing at all
CLF_OVER_EXPLAINED = 0.95  # this sure, a disclosure inside a "would my therapist report it if…" question counts
CLF_VETO = 0.05  # a crisis pattern hit the classifier gives less than this becomes a check-in
CLF_DISTRESS = 0.7  # probability of at least distress that earns a check-in (0.5 added idiom check-ins, no recall)
CLF_IMMINENT = 0.3  # imminent-vs-crisis probability that raises a crisis to imminent


def _crisis_bar(tier: Tier) -> float:
    """The classifier's crisis threshold: lower where the patterns already saw distress."""
    return CLF_CRISIS if tier == Tier.distress else CLF_CRISIS_UNPROMPTED


class CrisisDetector:
    """Screens a message and its recent conversation for crisis risk.

    ``embeddings`` is an optional LangChain ``Embeddings`` (the bundled all-MiniLM-L6-v2); with
    ``None`` only the deterministic pattern layer runs. Exemplar vectors are computed once here,
    or loaded from a small ``.npy`` cache keyed by a hash of (model name + exemplar texts) in
    ``cache_dir`` (the settings' ``cache_dir``, never the index folder); a missing or corrupt
    cache file just recomputes. Without a ``cache_dir`` nothing is written anywhere.

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
        self._emb = embeddings
        self._cache_dir = cache_dir
        self.classifier: CrisisClassifier | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._pos_cats: list[Category | None] = []
        self._pos_crisis = np.zeros(0, dtype=bool)
        self._pos_mat = np.zeros((0, 1), dtype=np.float32)
        self._neg_mat = np.zeros((0, 1), dtype=np.float32)
        self._cat_index: dict[Category, list[int]] = {}
        self.exemplar_cache_file: Path | None = None  # where the exemplar vectors were (or would be) cached
        self.exemplar_cache_hit = False
        if embeddings is not None:
            pos_items = [(cat, tier, text) for cat, tier, texts in POSITIVE_EXEMPLARS for text in texts]
            keys = [_semantic_key(t) for _, _, t in pos_items] + [_semantic_key(t) for t in NEGATIVE_EXEMPLARS]
            matrix = self._exemplar_matrix(keys, cache_dir)
            self._pos_cats = [cat for cat, _, _ in pos_items]
            self._pos_crisis = np.array([tier.rank >= Tier.crisis.rank for _, tier, _ in pos_items])
            self._pos_mat = matrix[: len(pos_items)]
            self._neg_mat = matrix[len(pos_items) :]
            for i, (cat, tier, _) in enumerate(pos_items):
                if cat is not None and tier.rank >= Tier.crisis.rank:
                    self._cat_index.setdefault(cat, []).append(i)
            if trained_layer:
                self.train_classifier(train_if_missing)

    def train_classifier(self, train_if_missing: bool = True) -> bool:
        """Load the trained layer's weights from the cache, training them if allowed; True when ready.

        Safe to call from another thread: the classifier is swapped in with one assignment.
        """
        model_id = _model_id(self._emb) if self._emb is not None else None
        if model_id is None or self._emb is None:
            return False
        try:
            self.classifier = CrisisClassifier.load_or_train(
                self._emb.embed_documents, model_id, training_examples(), self._cache_dir, train=train_if_missing
            )
        except Exception:  # noqa: BLE001 - screening must go on with the other layers
            log.exception("crisis classifier unavailable; screening with patterns and exemplars only")
        return self.classifier is not None

    @property
    def has_embeddings(self) -> bool:
        """True when the exemplar (and possibly the trained) layers can run."""
        return self._emb is not None

    # ----------------------------------------------------------------- exemplar vector cache
    def _exemplar_matrix(self, keys: list[str], cache_dir: Path | None) -> np.ndarray:
        """Exemplar vectors, from the on-disk cache when it matches (model + texts), else embedded.

        A missing, unreadable or mismatched cache file is ignored and rewritten; failing to write
        it (read-only folder) is not an error.
        """
        assert self._emb is not None
        model_id = _model_id(self._emb)
        path: Path | None = None
        if model_id is not None:
            digest = hashlib.sha256(
                "\x1e".join([f"crisis-exemplars-v1|{model_id}", *keys]).encode("utf-8")
            ).hexdigest()[:24]
            if cache_dir is not None:
                path = Path(cache_dir) / f"crisis-exemplars-{digest}.npy"
                self.exemplar_cache_file = path
            try:
                if path is None:
                    raise FileNotFoundError("no cache folder")
                cached = np.load(path, allow_pickle=False)
                if cached.ndim == 2 and cached.shape[0] == len(keys) and np.isfinite(cached).all():
                    self.exemplar_cache_hit = True
                    return cached.astype(np.float32, copy=False)
            except (OSError, ValueError, EOFError):
                pass
        matrix = np.asarray(self._emb.embed_documents(keys), dtype=np.float32)
        if path is not None:
            tmp: str | None = None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".crisis-", suffix=".npy")
                with os.fdopen(fd, "wb") as fh:
                    np.save(fh, matrix, allow_pickle=False)
                os.replace(tmp, path)  # atomic: readers never see a half-written file
            except OSError:
                if tmp is not None:
                    Path(tmp).unlink(missing_ok=True)
        return matrix

    # ----------------------------------------------------------------- semantic helpers
    def _embed(self, texts: list[str]) -> list[list[float]]:
        assert self._emb is not None
        missing = [t for t in texts if t not in self._cache]
        if len(missing) == 1:
            vecs = [self._emb.embed_query(missing[0])]
        elif missing:
            vecs = self._emb.embed_documents(missing)
        else:
            vecs = []
        with self._lock:
            for t, v in zip(missing, vecs, strict=True):
                self._cache[t] = v
            out = [self._cache[t] for t in texts]
            while len(self._cache) > 2048:
                self._cache.popitem(last=False)
        return out

    def message_vector(self, message: str) -> list[float] | None:
        """The embedding this detector computed for ``message``, so retrieval can reuse it."""
        return self._cached(_semantic_key(message)) if self._emb is not None else None

    def _cached(self, text: str) -> list[float] | None:
        with self._lock:
            return self._cache.get(text)

    def _semantic(self, vec: list[float]) -> tuple[float, Category | None, Tier, float, float]:
        """(best crisis score relative to its category threshold, that category, crisis,
        best distress-level score, best hard-negative score).

        The crisis score returned is the raw similarity of the category whose margin over its
        own threshold is largest, so that ``score >= SEM_CRISIS_BY_CAT[category]`` decides.
        """
        v = np.asarray(vec, dtype=np.float32)
        pos = self._pos_mat @ v
        best_cat: Category | None = None
        best_c, best_gap = -1.0, -9.0
        for cat, idx in self._cat_index.items():
            sc = float(pos[idx].max())
            gap = sc - SEM_CRISIS_BY_CAT.get(cat, SEM_CRISIS)
            if gap > best_gap:
                best_gap, best_c, best_cat = gap, sc, cat
        best_d = float(np.max(np.where(self._pos_crisis, -1.0, pos))) if len(pos) else -1.0
        best_n = float(np.max(self._neg_mat @ v)) if len(self._neg_mat) else 0.0
        return best_c, best_cat, Tier.crisis, max(best_d, best_c), best_n

    def _semantic_crisis(self, c: float, cat: Category | None, n: float) -> bool:
        return cat is not None and c >= SEM_CRISIS_BY_CAT.get(cat, SEM_CRISIS) and c - n >= SEM_MARGIN

    def semantic_scores(self, message: str) -> dict[str, float | str | None]:
        """Diagnostics for threshold tuning (crisis, distress and hard-negative similarity)."""
        if self._emb is None:
            return {}
        vec = self._embed([_semantic_key(message)])[0]
        c, cat, _, d, n = self._semantic(vec)
        return {"crisis": c, "category": cat, "distress": d, "negative": n}

    def _semantic_texts(self, message: str) -> list[str]:
        norm = _semantic_key(message)
        texts = [norm]
        if len(norm.split()) > 30:
            parts = re.split(r"(?<=[.!?\n])\s+|\s+(?:but|and then)\s+", message)
            sentences = [_semantic_key(s) for s in parts if s.strip()]
            sentences = [s for s in sentences if len(s.split()) >= 3 and s != norm]
            if len(sentences) > 1:
                scored = sorted(sentences, key=lambda s: -_risk_words(s))
                texts.extend(scored[: MAX_SEMANTIC_TEXTS - 1])
        return texts

    # ----------------------------------------------------------------- trained layer
    def classify(self, message: str, user_turns: Sequence[str] = ()) -> Prediction | None:
        """The classifier's view of the message, and of the recent conversation when there is one."""
        if self.classifier is None:
            return None
        key = _classifier_key(message)
        pred = self.classifier.predict(key, self._embed([key])[0])
        if user_turns:
            window = _classifier_key(window_text(message, user_turns))
            pred = max(pred, self.classifier.predict(window, self._embed([window])[0]), key=lambda p: p.risk)
        return pred

    def _apply_classifier(
        self, message: str, user_turns: Sequence[str], sc: _Screen, tier: Tier, category: Category | None,
        third: bool, reasons: list[str],
    ) -> tuple[Tier, Category | None, bool]:
        pred = self.classify(message, user_turns)
        assert pred is not None
        reasons.append(f"classifier:risk={pred.risk:.2f} {pred.category} imminent={pred.imminent:.2f}")
        if tier.rank >= Tier.crisis.rank and pred.risk < CLF_VETO:
            # Pattern words in a message the classifier reads as harmless ("cut the onions"):
            # a gentle check-in instead of an alarm.
            reasons.append("classifier:pattern hit reads as harmless; check-in only")
            return Tier.distress, category, third
        if tier.rank < Tier.crisis.rank and pred.risk >= _crisis_bar(tier):
            if sc.explained and pred.risk < CLF_OVER_EXPLAINED:
                reasons.append("classifier:risk words explained away by the patterns; check-in only")
                return _max_tier(tier, Tier.distress), category or Category(pred.category), third
            reasons.append(f"classifier:{pred.category}")
            tier, category = Tier.crisis, Category(pred.category)
            third = third or _third_from_window(normalise(message).split())
        elif tier == Tier.none and pred.distress >= CLF_DISTRESS:
            reasons.append("classifier:distress")
            tier = Tier.distress
        if tier == Tier.crisis and pred.risk >= CLF_CRISIS and pred.imminent >= CLF_IMMINENT:
            reasons.append("classifier:imminent")
            tier = Tier.imminent
        return tier, category, third

    # ----------------------------------------------------------------- main entry point
    def assess(self, message: str, history: Sequence[Mapping[str, str]] = ()) -> Assessment:
        user_turns = [str(h.get("content", "")) for h in history if h.get("role") == "user"][-WINDOW:]
        reasons: list[str] = []

        # Window: pattern layer (plus cached vectors) on earlier user turns.
        context_distress = False
        sticky_tier, sticky_cat, sticky_third = Tier.none, None, False
        running_distress = False
        for turn in user_turns:
            sc = screen_text(turn, context_distress=running_distress)
            tier, cat = sc.tier, sc.category
            if self._emb is not None and tier.rank < Tier.crisis.rank:
                vec = self._cached(_semantic_key(turn))
                if vec is not None:
                    c, ccat, _, d, n = self._semantic(vec)
                    if self._semantic_crisis(c, ccat, n):
                        tier, cat = Tier.crisis, ccat
                    elif d >= SEM_DISTRESS and d - n >= SEM_MARGIN:
                        tier = _max_tier(tier, Tier.distress)
            if self.classifier is not None and tier.rank < Tier.crisis.rank and not sc.explained:
                key = _classifier_key(turn)
                vec = self._cached(key)
                pred = self.classifier.predict(key, vec) if vec is not None else None
                if pred is not None and pred.risk >= _crisis_bar(tier):
                    tier, cat = Tier.crisis, Category(pred.category)
            if tier.rank >= Tier.distress.rank:
                running_distress = True
                context_distress = True
            if tier.rank >= Tier.crisis.rank and tier.rank >= sticky_tier.rank:
                sticky_tier, sticky_cat, sticky_third = tier, cat, sc.third

        sc = screen_text(message, context_distress=context_distress)
        tier, category, third = sc.tier, sc.category, sc.third
        reasons.extend(sc.reasons)

        # Semantic layer on the message (and at most one sentence of a long message).
        if self._emb is not None:
            vecs = self._embed(self._semantic_texts(message))
            best = max((self._semantic(v) for v in vecs),
                       key=lambda r: r[0] - SEM_CRISIS_BY_CAT.get(r[1], SEM_CRISIS) - max(0.0, r[4] - r[0]))
            c, ccat, _ctier, d, n = best
            reasons.append(f"semantic:crisis={c:.2f} distress={d:.2f} negative={n:.2f}")
            if tier.rank < Tier.crisis.rank and self._semantic_crisis(c, ccat, n) and sc.explained:
                # The patterns saw the risk words and explained them away: a check-in at most.
                tier = _max_tier(tier, Tier.distress)
                reasons.append(f"semantic:close to {ccat} exemplars but explained away; check-in only")
            elif tier.rank < Tier.crisis.rank and self._semantic_crisis(c, ccat, n):
                tier, category = Tier.crisis, ccat
                third = third or _third_from_window(normalise(message).split())
                reasons.append(f"semantic:close to {ccat} exemplars")
            elif tier == Tier.none and d >= SEM_DISTRESS and d - n >= SEM_MARGIN:
                tier = Tier.distress
                reasons.append("semantic:close to distress exemplars")
            elif (tier == Tier.distress and category is None and n >= SEM_SUPPRESS and n > d + SEM_MARGIN
                  and not context_distress):
                tier, category = Tier.none, None
                reasons.append("semantic:close to a hard negative; distress cue dropped")
            if tier == Tier.crisis and category in (S, SH) and (sc.imminence or sc.possession) and \
                    "imminence cue" not in reasons and sc.tier.rank < Tier.crisis.rank:
                tier = Tier.imminent
                reasons.append("imminence cue")

        norm = normalise(message)
        tier, category, asks_for_means = _safety_net(norm, tier, category, sc.means_seek, self, message)

        if self.classifier is not None:
            tier, category, third = self._apply_classifier(message, user_turns, sc, tier, category, third, reasons)

        # Once risk shows, any question about places, amounts or speed is a request for means.
        if tier.rank >= Tier.crisis.rank and not asks_for_means and (
            _SEEK_PLACE.search(norm) or _MEANS_QUESTION.search(norm)
        ):
            asks_for_means = True
            reasons.append("means question with risk present")
        if asks_for_means and tier == Tier.crisis:
            tier = Tier.imminent  # seeking means with risk present: emergency guidance first

        # Sticky: crisis earlier in the conversation keeps this assessment at least crisis.
        if sticky_tier.rank >= Tier.crisis.rank:
            if tier.rank < Tier.crisis.rank:
                tier, category, third = Tier.crisis, sticky_cat, sticky_third
                reasons.append("sticky:earlier crisis in this conversation")
                if _DISMISS.search(norm):
                    reasons.append("sticky:retraction or 'joke' framing does not end crisis mode")
            elif category is None:
                category = sticky_cat

        if tier == Tier.none:
            category = None
        if _DISPLACED.search(norm):
            third = False  # "asking for a friend" is treated as possible self-reference
        return Assessment(tier, category, third, asks_for_means, tuple(dict.fromkeys(reasons)))


# ----------------------------------------------------------------------------- safety net
# General rules added after an independent probe (messages in no eval set) found misses:
# lethality questions without other cues, threats by someone at home, planning talk, and
# messages semantically close to crisis but under the crisis threshold.
_LETHALITY = re.compile(
    r"\b(?:would|will|could|is|are)\b.{0,12}\b(?:lethal|fatal|deadly|enough to (?:die|kill|od|overdose))\b|"
    r"\bhow (?:many|much)\b.{0,40}\b(?:lethal|fatal|deadly|kill (?:me|you|someone|a person)|to die|overdose|od)\b"
)
_HOME_THREAT = re.compile(
    r"\b(?:he|she|they|my (?:dad|father|mom|mum|mother|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|"
    r"stepdad|stepfather|stepmom|brother|sister|son|uncle))\b.{0,25}\b(?:says|said|threatens|threatened|swears|"
    r"swore|will|ll|is going to|gonna|going to)\b.{0,15}\b(?:kill|hurt|beat|shoot|stab)\b.{0,12}"
    r"\b(?:us|me|my|the kids|everyone|all of us|mom|mum)\b"
)
# "my mum will kill me if she finds out": scolding, not a threat.
_THREAT_IDIOM = re.compile(
    r"\bkill (?:me|us)\b.{0,6}\b(?:if|when|once) (?:she|he|they|mom|mum|dad|my \w+) "
    r"(?:finds?|found|sees?|saw|knows?|hears?|catch(?:es)?|learns?|notices?|realises|realizes)\b"
)
_PLANNING = re.compile(
    r"\b(?:planning|planned|plan(?:ned)? out|figured out|worked out) (?:how|when|where) (?:to|im going to|i will) "
    r"(?:do it|end it|go through with it)\b|\bpick(?:ed|ing)? (?:a|the) (?:day|date) (?:to|for it)?|"
    r"\b(?:set|picked|chosen|chose) (?:a|the) date\b|\bquiero desaparecer\b|\bme quiero ir para siempre\b"
)
# First-person wish or thoughts about suicide in any wording ("wanna sewerslide", "thinkin bout suicde").
_SUICIDE_WISH = re.compile(
    r"(?:^|\b(?:i|im|ive|id|been|keep|still|always)\b.{0,25}\b)(?:want|wanna|going to|gonna|thinking|thinkin|think|"
    r"thought|considering|planning|ready)\b.{0,20}\b(?:commit(?:ting)? )?suicide\b"
)
_WISH_NEGATED = re.compile(r"\b(?:not|never|no longer|dont|don t|didnt|wasnt|isnt|arent|stopped)\b")
_WISH_PAST = re.compile(
    r"\b(?:used to|years ago|when i was (?:a kid|younger|little|a teen)|not anymore|no longer|in the past)\b"
)
SEM_NET = 0.50  # crisis-exemplar similarity that earns at least a gentle check-in
SEM_NET_MARGIN = 0.12


def _safety_net(
    norm: str, tier: Tier, category: Category | None, means_seek: bool, detector: CrisisDetector, raw: str
) -> tuple[Tier, Category | None, bool]:
    """Raise the tier for cue families the main layers under-weight; never lowers it."""
    lethal = means_seek or bool(_LETHALITY.search(norm))
    if lethal and tier.rank < Tier.crisis.rank:
        tier = Tier.crisis
        category = category or (OD if _SUBST_WORDS.search(norm) else S)
    threat = _HOME_THREAT.search(norm) and not _THREAT_IDIOM.search(norm)
    if threat and tier.rank < Tier.crisis.rank:
        tier, category = Tier.crisis, AB
    if threat and _IMMINENT.search(norm):
        tier, category = Tier.imminent, category or AB
    wish = _SUICIDE_WISH.search(norm)
    if wish and _WISH_PAST.search(norm):
        wish = None
    if wish and not _WISH_NEGATED.search(norm[: wish.start() + 12]) and tier.rank < Tier.crisis.rank:
        tier, category = Tier.crisis, category or S
    if _PLANNING.search(norm) and tier.rank < Tier.crisis.rank:
        tier, category = Tier.crisis, category or S
    if tier == Tier.none and detector._emb is not None:
        vec = detector._cached(_semantic_key(raw))
        if vec is not None:
            c, ccat, _, _, n = detector._semantic(vec)
            if c >= SEM_NET and c - n >= SEM_NET_MARGIN:
                tier, category = Tier.distress, ccat
    return tier, category, lethal


_SUBST_WORDS = re.compile(
    r"\b(?:pills?|tablets?|meds|medication|tylenol|paracetamol|acetaminophen|ibuprofen|advil|aspirin|insulin|"
    r"xanax|benadryl|sleeping|antidepressants?|alcohol|vodka|bleach|drugs?|dose|overdose)\b"
)


def training_examples() -> list[Example]:
    """The trained layer's examples: the labelled data files plus the curated exemplars."""
    items: list[dict] = list(load_data_files())
    items += [
        {"text": t, "tier": tier.value, "category": cat.value if cat else None}
        for cat, tier, texts in POSITIVE_EXEMPLARS
        for t in texts
    ]
    items += [{"text": t, "tier": "none"} for t in NEGATIVE_EXEMPLARS]
    return examples_from_items(items, _classifier_key)


def _model_id(embeddings: Embeddings) -> str | None:
    """A stable identifier of the embedding model (path/name plus encode options), if it has one.

    The back end is left out on purpose: the ONNX copy and the torch model give the same vectors,
    so weights trained with one serve the other.
    """
    name = getattr(embeddings, "model_name", None) or getattr(embeddings, "model", None)
    if not isinstance(name, str) or not name:
        return None
    kwargs = getattr(embeddings, "encode_kwargs", None) or {}
    norm = kwargs.get("normalize_embeddings") if isinstance(kwargs, dict) else None
    return f"{name}|normalize={norm}"


def _classifier_key(text: str) -> str:
    """What the trained layer sees: the normalised text, idioms kept (it learnt them from examples;
    blanking them left fragments such as "before you leave" that read like goodbyes)."""
    return " ".join(normalise(text).split())


def _semantic_key(text: str) -> str:
    """What the embedding model sees: the normalised text with idioms blanked out."""
    stripped = " ".join(_IDIOMS.sub(" ", normalise(text)).split())
    return stripped or normalise(text)


_RISK_WORDS = re.compile(
    r"\b(?:die|dead|death|kill|suicid\w*|hurt|cut|pills|end|life|alive|gone|hit|raped|touched|overdos\w*|"
    r"took|swallowed|blood|breathe|hopeless|burden|point)\b"
)


def _risk_words(text: str) -> int:
    return len(_RISK_WORDS.findall(text))



# --------------------------------------------------------------------------- exemplars
# Curated exemplars for the semantic layer, written separately from the eval sets (which must
# not be copied here). Crisis-tier exemplars can raise a message to crisis; distress-tier ones
# to a check-in; the hard negatives suppress idioms and policy questions.

POSITIVE_EXEMPLARS: tuple[tuple[Category | None, Tier, tuple[str, ...]], ...] = (
    (Category.suicide, Tier.crisis, (
        "i want to end my life",
        "i am thinking about killing myself",
        "i have been having thoughts of suicide",
        "i do not want to live anymore",
        "i wish i was dead",
        "i would rather be dead than keep going",
        "life is not worth living",
        "i want to die",
        "i cannot go on living like this",
        "there is no way out except dying",
        "my family would be better off if i was dead",
        "i am a burden and the world would be better without me",
        "i hope i do not wake up in the morning",
        "i wish i could fall asleep forever",
        "i am planning to take my own life",
        "i have decided to end it",
        "i am saying goodbye to everyone",
        "i want to disappear and never come back",
        "i am ready to give up on life",
        "i do not want to exist anymore",
        "i keep thinking about how i would die",
        "i am not going to be around much longer",
        "i am going to jump",
        "i want it all to be over",
        "i have nothing left to live for",
        "everyone would be happier if i was gone",
        "nobody would miss me if i died",
        "i have been thinking about ways to kill myself",
        "i want to stop being alive",
        "this is the last time anyone will hear from me",
        "i have written goodbye letters to my family",
        "i have given away all my things because i will not need them",
        "i will not be at my next session because i am ending my life",
        "i have made my decision and tonight i will do it",
        "i have the pills and i am going to take them all tonight",
        "i am at peace with my decision to die",
        "i keep imagining my own funeral and it feels like relief",
        "i feel like i am only dragging everyone down and they deserve better than me",
        "my kids would have a better life without me in it",
        "i have been researching how to end it",
        "i am so tired of being alive",
        "i just want the pain to stop forever",
        "i am thinking of driving my car into a wall",
        "i looked at the tall bridge and thought about jumping",
        "my friend says she wants to kill herself",
        "my brother told me he has a plan to end his life",
        "quiero morir",
        "no vale la pena vivir",
        "estoy pensando en quitarme la vida",
        "todos estarian mejor sin mi",
        "je veux en finir avec la vie",
        "je pense a me tuer",
        "tout le monde serait mieux sans moi",
    )),
    (Category.self_harm, Tier.crisis, (
        "i have been cutting myself",
        "i hurt myself on purpose to feel something",
        "i burn my skin when i am upset",
        "i relapsed and harmed myself again",
        "i want to cut myself",
        "i scratch my arms until they bleed",
        "i punish myself by hurting my body",
        "i have fresh cuts on my thighs",
        "i carve words into my skin with a blade",
        "i hit myself over and over when i am angry at myself",
        "i bang my head against the wall to make the feelings stop",
        "i have not eaten for days to punish myself",
        "i make myself throw up after every meal",
        "i keep reopening my wounds",
        "i use a lighter on my arm",
        "i cut deeper than usual last night",
        "the urge to hurt myself is really strong",
        "i pull my hair out and scratch my face until it bleeds",
        "my teenager has cuts on her arms and hides them",
        "me corto para sentir algo",
        "je me fais du mal quand ca va pas",
    )),
    (Category.harm_to_others, Tier.crisis, (
        "i want to kill someone",
        "i am going to hurt him badly",
        "i have thoughts of hurting my child",
        "i am planning to attack people",
        "i want to stab my neighbour",
        "i am afraid i will hurt my partner",
        "i keep imagining hurting my newborn and it terrifies me",
        "i am going to beat him up when i see him",
        "i am going to make him regret it, i know where he lives",
        "i want to shoot the people who bullied me",
        "i am scared i will shake the baby",
        "i have a weapon and i am going to use it on him",
        "i could really hurt my kids when i lose my temper",
        "my son says he is going to bring a knife to school and hurt someone",
        "voy a matarlo",
        "je vais le tuer",
    )),
    (Category.abuse, Tier.crisis, (
        "my partner hits me",
        "my husband beats me and i am scared",
        "i am being abused at home",
        "my boyfriend threatens to kill me",
        "my parents hurt me and i am not safe at home",
        "my partner controls everything and will not let me leave",
        "he strangled me last night",
        "i am afraid to go home because of him",
        "my partner takes my money and checks my phone and hurts me if i disobey",
        "he pushed me down the stairs",
        "she throws things at me and locks me out of the house",
        "i am not allowed to see my friends and he hurts me when i try",
        "my dad is hurting my mum right now and i can hear it",
        "he said he will hurt me if i leave him",
        "my stepfather hits my little sister",
        "my partner is outside shouting and trying to get in",
        "mi marido me golpea",
        "mon mari me bat",
    )),
    (Category.sexual_assault, Tier.crisis, (
        "i was raped",
        "someone sexually assaulted me",
        "my therapist touched me sexually",
        "my counsellor had a sexual relationship with me",
        "he forced me to have sex",
        "i was sexually abused as a child and it is still happening",
        "my therapist made sexual advances toward me in session",
        "i was drugged and assaulted",
        "he kept going even though i said no",
        "i woke up with no memory and my clothes were off",
        "my psychologist makes me undress during sessions",
        "a family member touches me when nobody is home",
        "my friend told me her counsellor has been sexually abusing her",
        "someone at the party assaulted me and i cannot stop shaking",
        "me agredieron sexualmente",
        "j'ai ete agressee sexuellement",
    )),
    (Category.overdose, Tier.crisis, (
        "i took an overdose",
        "i swallowed all my pills",
        "i took too many tablets and feel sick",
        "i overdosed on my medication",
        "someone is unconscious and not breathing",
        "i drank a lot and took pills",
        "i think i took a lethal amount",
        "my friend took something and will not wake up",
        "he is turning blue and barely breathing",
        "i mixed alcohol with sleeping pills and feel like i am going to pass out",
        "i took a whole box of painkillers an hour ago",
        "i swallowed something poisonous",
        "my heart is racing after taking too much medication",
        "she collapsed after taking drugs and is not responding",
        "me tome un frasco entero de pastillas",
        "j'ai pris trop de medicaments",
    )),
    (None, Tier.distress, (
        "i feel really low",
        "i am struggling and need someone to talk to",
        "i feel hopeless",
        "i am not okay",
        "i feel so alone",
        "everything is too much right now",
        "i keep crying and cannot stop",
        "i am having a really hard time",
        "i feel worthless",
        "i am exhausted with life",
        "i am overwhelmed and scared",
        "i feel numb and empty",
        "i am feeling down and my therapist is away",
        "everything feels pointless lately",
        "i feel like i am falling apart",
        "i am really anxious and cannot sleep",
        "i have been so sad since the breakup",
        "me siento muy mal",
        "je vais tres mal",
    )),
)  # fmt: skip

NEGATIVE_EXEMPLARS: tuple[str, ...] = (
    "this homework is killing me",
    "i am dying to find out what happens next",
    "i could eat a whole pizza right now",
    "my battery is dead",
    "the computer died on me",
    "kill the background process",
    "terminate the running job",
    "i binge watched the whole series",
    "that comedy show killed me i laughed so hard",
    "i nearly died laughing",
    "i am so embarrassed i could die",
    "i smashed my exam",
    "the traffic today was a nightmare",
    "my legs are dead after the gym",
    "can i text my therapist between sessions",
    "what is my therapist's policy on phone calls",
    "who do i contact in an emergency if my therapist is unavailable",
    "what should i do after hours if the clinic is closed",
    "does my therapist have to keep what i say confidential",
    "when can a therapist break confidentiality",
    "is my therapist a mandatory reporter",
    "what do ethics codes say about duty to warn",
    "can my therapist add me on social media",
    "is it ok to give my counsellor a gift",
    "can i date my therapist after therapy ends",
    "how do i end therapy with my counsellor",
    "my therapist keeps cancelling our sessions",
    "my therapist is always late",
    "my therapist went on holiday",
    "i saw my therapist at the shops",
    "how do i file a complaint about my therapist",
    "can my therapist email me",
    "is telehealth private",
    "how much does therapy cost",
    "my pet died and i miss her",
    "i am writing a report about suicide prevention",
    "we discussed a movie about death in class",
    "my grandmother passed away last year",
    "i used to struggle years ago but i am fine now",
    "i am not suicidal i just have a question",
    "i need to refill my prescription",
    "my mum will be angry with me",
    "i am dead tired",
    "what number should i call for a mental health crisis",
    "what happens when you call a crisis line",
    "how should a therapist respond when a client reports past abuse",
    "what are the rules on therapists and sexual relationships with clients",
    "me muero de hambre",
    "je meurs de rire",
    "i am starving",
    "my plant is dying",
    "that joke was hilarious",
    "i absolutely nailed my presentation",
    "i am going to crush this interview",
    "this heat is unbearable",
    "i could strangle my brother when he hogs the bathroom haha",
    "the match was a massacre, we lost badly",
    "shoot me a message when you get a chance",
    "run the script and stop the server",
    "the app keeps crashing and freezing",
    "i had way too much coffee and feel jittery lol",
    "i took a lot of photos on holiday",
    "i am moving cities so i will stop seeing my therapist",
    "i have decided to change therapists",
    "i will not need therapy much longer because i am doing better",
    "i will not need my appointments after i move away",
    "how do i say goodbye to my therapist at our last session",
    "can i give away my old books",
    "i am excited about tonight",
    "i counted my pills to make sure i have enough for the week",
    "i finally did it, i told my therapist the truth",
    "the novel is about a murder investigation",
    "i watched a documentary about overdose deaths",
    "the news reported a stabbing downtown",
    "what do the guidelines say about reporting on suicide in the media",
    "my son plays violent video games",
    "i burned dinner again",
    "my therapist cut our session short",
    "does my therapist have to report it if i talked about self harm in the past",
    "can a therapist tell the police if a client threatens someone",
    "are counsellors required to report domestic violence",
    "what should my therapist do if a client overdoses",
    "is it legal for a therapist to have a relationship with a former client",
    "years ago i was in an abusive relationship but i am safe now",
    "i am not in danger i just want to know the rules",
    "i overdid it at the gym and my muscles hurt",
    "my phone died during my telehealth call",
    "we need to execute the plan before the deadline",
    "my boss is going to kill me for being late",
    "i would kill for a holiday right now",
    "the deadline is murder this week",
)
