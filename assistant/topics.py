"""Which corpus topics a message is about, from the words clients actually use.

Used to boost matching provisions, to carry the topic of a conversation into follow-ups,
and to tell in-scope questions from everything else.
"""

from __future__ import annotations

import re

# Topic -> patterns over lower-cased text. Written from how clients talk, not code wording.
LEXICON: dict[str, list[str]] = {
    "texting": [
        r"\btext(s|ed|ing)?\b", r"\bsms\b", r"\bwhats ?app\b", r"\bmessag(e|es|ed|ing)\b", r"\bdms?\b",
        r"\bsignal\b", r"\bimessage\b", r"\btelegram\b", r"\bchat app\b", r"\bsnapchat\b",
        r"\bemojis?\b", r"\bmemes?\b", r"\btexts? (me|back)\b", r"\breply(ing)? (to|on) (my )?(texts?|messages?)\b",
    ],
    "email": [r"\be-?mail(s|ed|ing)?\b", r"\binbox\b"],
    "phone": [
        r"\bcall(s|ed|ing)?\b", r"\bphone\b", r"\bring (me|her|him|them)\b", r"\bvoicemail\b",
        r"\bmobile number\b", r"\bcell\b", r"\bpersonal number\b",
    ],
    "social-media": [
        r"\bsocial media\b", r"\bfacebook\b", r"\binsta(gram)?\b", r"\big\b", r"\btik ?tok\b",
        r"\btwitter\b", r"\bx\.com\b", r"\blinked ?in\b", r"\bfriend(ed)? req(uest)?s?\b", r"\bfb\b",
        r"\bsnapchat\b", r"\bdiscord\b", r"\bthreads\b",
        r"\b(add|added|friend|friended|follow|followed|following|unfollow)(ed)? (me|her|him|them|my)\b",
        r"\bfollow(s|ed)? me\b", r"\bprofile\b", r"\bgoogl(e|ed|ing)\b", r"\blook(ed|ing)? me up\b",
        r"\bsearch(ed|ing)? (for )?me\b", r"\bstalk", r"\bonline presence\b", r"\bpost(s|ed|ing)?\b",
        r"\b(public|private|personal) (page|account|profile)\b", r"\baccounts?\b", r"\bstory\b",
        r"\bsnap\b", r"\breddit\b", r"\byoutube\b", r"\bdating app\b", r"\btinder\b", r"\bhinge\b",
    ],
    "emergencies": [
        r"\bemergenc", r"\bafter[- ]hours\b", r"\b\d{1,2} ?(a\.?m\.?|am)\b", r"\bmiddle of the night\b",
        r"\bweekends?\b", r"\bout of hours\b", r"\bcrisis\b", r"\bon holiday\b", r"\bon vacation\b",
        r"\bunavailable\b", r"\bcan'?t reach\b", r"\bwho (do|should|can) i call\b",
        r"\burgent\b", r"\bbetween sessions\b", r"\boff[- ]hours\b", r"\bout of office\b",
    ],
    "dual-relationships": [
        r"\bdual\b", r"\bmultiple relationship", r"\bfriends? with\b", r"\bbe(ing)? friends\b", r"\bjust friends\b",
        r"\bbusiness\b", r"\bhire\b", r"\bwork for\b", r"\bneighbou?r\b", r"\bsame (gym|church|school)\b",
        r"\bsocial(ise|ize)\b", r"\bcoffee\b", r"\bparty\b", r"\bwedding\b", r"\bhang out\b",
        r"\bbook club\b", r"\bjoin (her|him|them)\b", r"\bhelp (her|him|them) (move|with)\b", r"\bfavou?rs?\b",
        r"\binvit(e|ed|ation)\b", r"\bsame (circle|community|friends)\b", r"\bknow (her|him|them) (from|outside)\b",
    ],
    "after-termination": [
        r"\bafter (therapy|counsell?ing|treatment|we (stop|finish|end))", r"\bformer (client|therapist)\b",
        r"\bex-?(therapist|counsell?or|client)\b", r"\bonce (therapy|counsell?ing) (ends|is over)\b",
        r"\b(therapy|counsell?ing|treatment) (has |had )?(ended|ends|is over|finished)\b",
        r"\bafter (it|this) ends\b", r"\bwhen (therapy|we) (end|ends|stop|finish)", r"\byears? (later|after)\b",
        r"\bstopped seeing\b", r"\bno longer (my|seeing)\b", r"\bused to see\b", r"\bold (therapist|counsell?or|lpc|psych)\b",
        r"\b(ended|finished|stopped|quit) (therapy|counsell?ing|seeing|treatment)\b.*\bago\b", r"\bago\b.*\b(ended|finished|stopped)\b",
        r"\bwe stopped\b", r"\bwhen (we'?re|were|we are) done\b", r"\bonce (we'?re|were|we are) done\b", r"\bafter we (end|finish|stop)\b", r"\bdischarged\b",
    ],
    "sexual-boundaries": [
        r"\bdat(e|es|ing)\b", r"\bromantic", r"\bromance\b", r"\bsex", r"\bkiss", r"\bhook ?up\b",
        r"\bflirt", r"\battract", r"\bcrush\b", r"\bin love\b", r"\bboyfriend\b", r"\bgirlfriend\b",
        r"\bintima", r"\bslept with\b", r"\btouch(ed|ing)? me\b", r"\bnudes?\b", r"\basked me out\b",
        r"\bwinky\b", r"\bmore than friends\b", r"\btouch(es|ed|ing)? (me|my)\b", r"\bspecial\b", r"\bhot\b", r"\bcute\b", r"\bhow (good|pretty|sexy) i look", r"\bcomplimen", r"\bhug(s|ged|ging)?\b",
    ],
    "gifts": [
        r"\bgifts?\b", r"\bpresents?\b", r"\bthank[- ]you (card|gift)\b", r"\btip\b", r"\bchristmas\b",
        r"\b(knitted|baked|made|bought|buy|give|gave|giving) (her|him|them|my (therapist|counsell?or|psych))\b",
        r"\bbuy (them|it) for (her|him|them)\b", r"\btickets?\b", r"\btix\b", r"\bflowers\b", r"\bcookies\b",
        r"\bgift ?cards?\b", r"\bsaid no to the\b",
    ],
    "barter": [
        r"\bbarter", r"\btrade\b", r"\bin exchange\b", r"\binstead of (money|paying|payment|cash)\b",
        r"\bpay (with|in) ", r"\bswap\b", r"\bexchange (services|work)\b", r"\b(off|discount on) my (bill|fees?)\b",
        r"\bin return for\b", r"\bwork off\b",
    ],
    "informed-consent-technology": [
        r"\bconsent\b", r"\bpolicy\b", r"\bpolicies\b", r"\bagree(ment|d)?\b", r"\bintake\b", r"\bcontract\b",
        r"\bsign (a|the|this) form\b", r"\bforms?\b", r"\bexplain(ed)? (how|what|the risks)\b", r"\bnever explained\b",
        r"\brisks?\b", r"\bapp\b", r"\bplatform\b",
    ],
    "confidentiality-electronic": [
        r"\bconfidential", r"\bprivacy\b", r"\bprivate\b", r"\bsecure\b", r"\bencrypt", r"\bhipaa\b",
        r"\bgdpr\b", r"\bhack", r"\bsomeone (else )?(reads?|see|end up reading)\b", r"\brecord(s|ed|ing)?\b",
        r"\bsafe to (send|share)\b", r"\breading it\b", r"\bscreenshot", r"\b(talk|talks|post|posts|posted|wrote|writes) about ['\"‘“]?(me|a client|clients)\b",
        r"\bshar(e|ed|ing) my\b", r"\bleak",
    ],
    "telehealth": [
        r"\btele(health|therapy|psychology|medicine)\b", r"\bvideo\b", r"\bzoom\b", r"\bonline (therapy|counsell?ing|session)",
        r"\bskype\b", r"\bteams\b", r"\bvirtual session", r"\bremote", r"\bfacetime\b", r"\bvideo ?call",
        r"\b(hold up|show) my id\b", r"\bverify (my|who)\b", r"\bmy (address|location) every\b", r"\bdifferent (state|country|province)\b",
        r"\bcross[- ]border\b", r"\bmoved (states|abroad|away)\b",
    ],
    "chance-encounters": [
        r"\bran into\b", r"\brun into\b", r"\bbump(ed)? into\b", r"\bsaw (my|her|him|them)\b",
        r"\bsee (my|her|him|them) (at|in)\b", r"\bin public\b", r"\bsupermarket\b", r"\bgrocery\b",
        r"\bgym\b", r"\bin town\b", r"\bsmall town\b", r"\bby chance\b", r"\bstreet\b", r"\bsay hi\b",
        r"\bsay hello\b", r"\bignore me\b", r"\backnowledge me\b",
    ],
    "self-disclosure": [
        r"\bself[- ]disclos", r"\b(talks?|talking|told me|tells me) about (her|his|their) (own|personal|life|problems|divorce|family)",
        r"\bpersonal (life|problems|stuff|details)\b", r"\bovershar", r"\b(her|his|their) own (problems|issues|life)\b",
    ],
    "termination": [
        r"\bghost(ed|ing)?\b", r"\bstopp?(ed)? (replying|responding|answering)\b", r"\bend(ed|ing)? (therapy|counsell?ing|treatment|our sessions)\b",
        r"\bterminat", r"\bdrop(ped)? me\b", r"\babandon", r"\bdischarg", r"\brefer(red)? me\b", r"\bwon'?t (see|reply|answer)\b",
        r"\bnot (replying|responding|answering)\b", r"\bquit(ting)? (therapy|counsell?ing)\b", r"\bfire my therapist\b",
        r"\bstop seeing me\b", r"\bcan'?t (pay|afford)\b", r"\bowe\b", r"\bunpaid\b", r"\bleft (me )?on read\b",
        r"\bno (reply|response|answer)\b", r"\bdisappeared\b", r"\bcut (me )?off\b",
        r"\bclos(e|ing) (her|his|their) practice\b", r"\bretir", r"\bleaving the practice\b",
    ],
}
# Words that name each topic the way the codes do, appended to a query to bridge slang.
TOPIC_TERMS: dict[str, str] = {
    "texting": "text messages texting",
    "email": "email",
    "phone": "phone calls",
    "social-media": "social media personal online relationship friend request",
    "emergencies": "emergency procedures when the therapist is unavailable after hours",
    "dual-relationships": "dual multiple relationships",
    "after-termination": "former clients after therapy ends",
    "sexual-boundaries": "sexual romantic relationship",
    "gifts": "gifts from clients",
    "barter": "bartering goods services instead of fees",
    "informed-consent-technology": "informed consent technology policy",
    "confidentiality-electronic": "confidentiality privacy electronic communication",
    "telehealth": "telehealth distance video sessions",
    "chance-encounters": "chance meetings outside therapy in public",
    "self-disclosure": "therapist self-disclosure personal information",
    "termination": "ending therapy termination abandonment",
}
_COMPILED = {topic: [re.compile(p) for p in patterns] for topic, patterns in LEXICON.items()}

THERAPY_WORDS = re.compile(
    r"\b(therap(y|ist|ists|eutic)|counsel+(or|ors|ing|lor|lors)|psycholog(ist|ists|y)|psychiatrist|psych|my t|"
    r"social worker|mft|lpc|clinician|practitioner|shrink|session|sessions|client|clients|"
    r"ethic(s|al)|boundar(y|ies)|code of (ethics|conduct)|complain(t|ts)?|regulator|licen[cs]e|"
    r"bacp|hcpc|aca|apa|nasw|aamft|ukcp|crpo|psyba|pacfa|nzac)\b"
)


# "is it just her call", "a judgement call", "call it a day": a decision or an ending, not a phone call
_NOT_A_CALL = re.compile(
    r"\b(?:(?:just|entirely|totally|completely|all|really|ultimately|solely|purely|is it|was it|it'?s|its|that'?s|"
    r"thats|be) (?:her|his|their|your|my|the therapist'?s|the counsell?or'?s) call|judge?ment call|close call|"
    r"call(?:s|ed|ing)? it a day|call(?:s|ing)? the shots|call(?:ed|ing)? it quits)\b",
    re.IGNORECASE,
)


def plain_words(text: str) -> str:
    """The text with idioms that would mislead the topic and guide readers put plainly ("her call" -> "her
    decision")."""
    return _NOT_A_CALL.sub(" decision ", text)


def detect_topics(text: str) -> list[str]:
    """Topics mentioned in the text, strongest signal first (order of the lexicon)."""
    lowered = plain_words(text.lower())
    return [topic for topic, patterns in _COMPILED.items() if any(p.search(lowered) for p in patterns)]


def mentions_therapy(text: str) -> bool:
    return bool(THERAPY_WORDS.search(text.lower()))


def expand_query(text: str, topics: list[str]) -> str:
    """The question plus the codes' own words for its topics, so slang still finds provisions."""
    extra = " ".join(TOPIC_TERMS[t] for t in topics if t in TOPIC_TERMS)
    return f"{text} ({extra})" if extra else text
