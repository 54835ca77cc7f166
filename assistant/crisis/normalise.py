"""Layer 1 of the detector: one spelling for the many ways people write the same words.

NFKC, lower case, accents stripped, leetspeak inside words undone ("su1cide", "r@ped"), letters
repeated 3+ times collapsed, one dropped or swapped letter in a risk word undone ("cuting"),
then a misspelling and slang map ("sucidal", "kms", "unalive", "sewerslide", "ctb", "sh",
"od'd"). Every later layer reads this form, so the patterns need list only one spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
        (r"\bunaliving (?:myself|me|my self)\b", "killing myself"),
        (r"\bunalive(?:d)? (him|her|them|someone|somebody|everyone|people)\b", r"kill \1"),
        # a plant, a pet fish or a game character "unalived" is a thing that died, not the writer
        (r"\bunalive(?:d|ing)? ((?:so many |all (?:of )?(?:my |the )?|my |the |a |another |every |\d+ )?(?:\w+ )?"
         r"(?:plants?|houseplants?|succulents?|cactus|cacti|orchids?|basil|herbs|sourdough|starter|goldfish|fish|"
         r"tamagotchis?|sims?|characters?|villagers?))\b", r"killed \1"),
        (r"\bunaliving\b", "killing myself"),
        (r"\bunalive(?:d)?\b", "kill myself"),
        (r"\bkms\b", "kill myself"),
        (r"\bkys\b", "kill yourself"),
        # "catch the bus", the suicide-forum euphemism, as a verb
        (r"\b(to|wanna|gonna|thinking about|thinking of|might|gotta) ctb\b", r"\1 kill myself"),
        (r"\bctb\b", "catch the bus"),
        (r"\bself (?:delete|deleting|deleted|destruct)\b", "kill myself"),
        (r"\byeet(?:ing)? myself\b", "throw myself"),
        (r"\bkil+(s|ed|ing)?\b", r"kill\1"),
        (r"\b(?:sucidal|suicidle|suicdal|sucidle|suicidel|suisidal|suicidial|suicidall|suicidale|suicidak"
         r"|suecidal|sucicidal|suacidal|suicical)\b", "suicidal"),
        (r"\b(?:sucide|suicde|suiside|sucicide|suicied|suecide|suiced|suicidee|sucuide|siucide|suiscide)\b",
         "suicide"),
        (r"\b(?:myslef|mysef|myslf|mysefl|myeslf)\b", "myself"),
        (r"\bmy self\b(?! harm)", "myself"),
        (r"\bwanna\b", "want to"),
        (r"(?<=[a-z] )n(?= [a-z])", "and"),  # text-speak "sleep n not wake up"
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
        (r"\btomorrows\b", "tomorrow is"),
        (r"\babt\b", "about"),
        (r"\b(?:forever|permanent|eternal|dirt|long|big) (?:nap|sleep|snooze)\b", "sleep forever"),
        # French texting: "jveux" = je veux, "jpp" = j'en peux plus, "chu" = je suis, "crever" = to die
        (r"\bj(veux|peux|vais|pense|sais|crois|voudrais|me|te)\b", r"je \1"),
        (r"\bg (pris|avale|fait|envie|plus|peur|mal|pense|essaye|tente)\b", r"je ai \1"),  # "g pris tte la boite"
        (r"\bjvx\b", "je veux"),
        # Spanish texting: "m quiero morir", "k m mato" (me before a verb)
        (r"\bm (quiero|voy|siento|mato|muero|corto|corte|tome|tomo|hago|pega|pego|odio)\b", r"me \1"),
        (r"\bjvai\b", "je vais"),
        (r"\bsicid(\w*)\b", r"suicid\1"),  # "s*icid4rme" once the asterisk and the digit are undone
        (r"\bsrx\b", "serieux"),
        (r"\btte\b", "toute"),
        (r"\bttes\b", "toutes"),
        (r"\b(?:chu|chui|chuis|jsuis|jsui|jsuiis)\b", "je suis"),
        (r"\bjpp\b", "je nen peux plus"),
        (r"\b(veux|peux|vais|suis|ai|etais|serais|serai) pu\b", r"\1 plus"),
        (r"\b(?:veux|envie de|vais|voudrais) crever\b", "veux mourir"),
        # "wanna dye" (not the hair kind) is a misspelled wish to die
        (r"\b(want to|wish i could|going to|ready to) dye\b(?! (?:my|your|her|his|the|it) )", r"\1 die"),
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


_NURSE_TITLE = re.compile(
    r"(?<=\ban )RN\b|(?<=\bas an )RN\b|^RN\b(?= (?:on|at|in|here|working|for))|"
    r"\bRN (?=(?:on|at|in) (?:an?|the|our|my) )"
)


@lru_cache(maxsize=4096)  # one answer normalises the same message several times (layers, window)
def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with misspellings and slang mapped."""
    # "RN" in capitals as a title ("I'm an RN", "RN on a psych unit") is a nurse, not "right now"
    t = _NURSE_TITLE.sub("registered nurse", unicodedata.normalize("NFKC", text)).lower()
    t = _APOS.sub("'", t)
    t = t.replace("\u0153", "oe").replace("\u00e6", "ae")  # "sœur", "cœur": ligatures have no accent to strip
    t = _strip_accents(t)
    # Slang spelled with an apostrophe, before apostrophes disappear ("od'd" is not "odd").
    t = re.sub(r"\bod(?:'d|'ed|ed|'ing|ing)\b", "overdosed", t)  # never the word "odd"
    t = re.sub(r"\bsa'd\b", "sexually assaulted", t)
    t = re.sub(r"\bsh'd\b", "self harmed", t)
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

