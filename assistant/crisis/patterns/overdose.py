"""Overdose and medical emergencies: too many pills, poison, not breathing, not waking up.

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
"""

from __future__ import annotations

from typing import Any

from assistant.crisis.patterns.shared import QTY, SUBST, Pattern, pattern
from assistant.crisis.types import Category, Tier

C, IM = Tier.crisis, Tier.imminent


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.overdose, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.overdose, tier, rx, label, general=True, **kw)


PATTERNS: tuple[Pattern, ...] = (
    _p(IM, r"\b(?:diabetic|hypo|hypoglyc\w*|blood sugar)\b.{0,60}\b(?:shaky|sweaty|confused|not making (?:any )?sense|"
           r"cant wake|unresponsive|passed out|collapsed|slurring)\b", "diabetic emergency"),
    # "took way too many": the amount alone says it; "took ... all" only with what was taken ("took ages ... all
    # sorted" is not an overdose)
    # drinking or eating "too much" at a wedding is a hangover, not an overdose: after "drank", "ate" or "had" the
    # amount alone counts only with a substance named
    _p(IM, rf"\b(?:took|taken|take|swallowed|popped|downed|ate|drank|had|necked|me tome|tome|pris)\b.{{0,25}}"
           rf"\b(?:{QTY}\b.{{0,25}}\b(?:{SUBST}|bottle|pack|packet|box|strip|cabinet|of (?:them|it|my|the))\b|"
           rf"(?:handful|dozens?|trop)\b)|\b(?:took|taken|take|swallowed|popped|downed|necked|me tome|tome|pris)\b"
           rf".{{0,25}}\b(?:too many|too much|way too)\b|\b(?:ate|drank|had)\b.{{0,25}}\b(?:too many|too much|way "
           rf"too)\b.{{0,30}}\b{SUBST}\b",
       "took too many"),
    _p(IM, r"\b(?:swallowed|drank|drunk|ate|took|taken|ingested|had)\b.{0,15}\b(?:bleach|antifreeze|poison|rat"
           r" poison|"
           r"weed ?killer|pesticide|drain cleaner|batteries|battery|detergent|lighter fluid)\b",
           "swallowed poison"),
    _p(IM, rf"\b(?:took|taken|swallowed|popped|downed|drank)\b.{{0,20}}\b(?:bottle|pack|packet|box|strip) of "
           rf"(?:{SUBST}|vodka|alcohol|\w+)", "took a bottle"),
    _p(IM, r"\b(?:i|ive|i think i|just|hes|shes|he|she|they|friend|brother|sister|son|daughter|mum|mom|dad) "
           r"(?:have |has |just |might have |may have |think i )?overdos(?:ed|ing)\b|\boverdosed\b(?! on)|"
           r"\bim overdosing\b|\bi think i overdose\b", "overdosed"),
    # an overdose taken, told in passing ("in a&e after taking an overdose on sunday"): past, so crisis
    _p(C, r"\b(?:took|taken|taking|had|after) an? (?:overdose|od)\b", "took an overdose", vetoable=False),
    _p(IM, r"\b(?:cant|cannot|can not|isnt|is not|not|stopped|trouble|struggling to|hard to) breath(?:e|ing)\b|"
           r"\bturning blue\b|\bunconscious\b|\bunresponsive\b|\b(?:passed out|collapsed)\b.{0,30}\b(?:wont|cant|"
           r"not) (?:wake|respond|breathe)\b|\bwont wake up\b(?=.{0,40}\b(?:pills|took|drank|passed out)\b)|"
           r"\b(?:having|had) a seizure\b|\bseizing\b", "not breathing / unconscious"),
    _p(IM, r"\bchest (?:hurts|pain|is tight|feels tight)\b|\bheart (?:is )?(?:racing|pounding|stopping)\b"
           r"(?=.{0,60}\b(?:took|pills|breath|cant|hurts)\b)|\bcant feel my (?:legs|arms|face|body)\b",
       "medical emergency"),
    _g(IM, r"\b(?:he|she|they|hes|shes|theyre|friend|boyfriend|girlfriend|bf|gf|mum|mom|dad|brother|sister|son|"
           r"daughter|husband|wife|partner|roommate|flatmate|baby|grandma|grandad|grandpa|kid|child)\b"
           r"(?: \w+){0,3}(?<!rather)(?<!prefer to) (?:is not|isnt|not|wont|will not|cant|hasnt|still not|still isnt) "
           r"(?:waking|wake) up\b|"
           r"\b(?:cant|cannot|can not|couldnt) wake (?:him|her|them|my \w+) up\b", "not waking up", third=True),
    _g(IM, r"\bbarely breathing\b|\b(?:lips|face|skin) (?:are |is )?(?:going|turning|gone|went) (?:blue|grey|"
           r"gray|purple)\b|\bgoing blue\b|\b(?:foaming|frothing) at the mouth\b|\b(?:wont|cant|isnt) stop "
           r"(?:shaking|seizing|fitting)\b(?=.{0,40}\b(?:took|took|pills|drank|lines|overdose|something)\b)",
       "breathing / colour emergency"),
    _g(IM, r"\b(?:mixed|mixing|took|taken|drank)\b.{0,40}\b(?:and|with)\b.{0,30}\b(?:cant breathe|"
           r"trouble breathing|passing out|passed out|cant stay awake|cant feel|heart is racing)\b",
       "mixed substances with symptoms"),
    _g(IM, r"\b(?:avale|avalé|pris)\b.{0,20}\b(?:toute?s? (?:la|les|ma|mes)|une) (?:boite|plaquette|flacon|tube)"
           r"\b|\b(?:tome|me tome|trague|me trague)\b.{0,20}\b(?:todas|todos|un frasco|una caja|la caja|(?:las|los) "
           r"(?:dos|"
           r"tres|cuatro|\d+) (?:cajas|frascos|blisters|tiras))\b",
       "overdose (es/fr)"),
    # (eleventh round, blind 17) an overdose told in French or Spanish ("depuis que j'ai overdosé le mois passé")
    _g(C, r"\b(?:je ai|il a|elle a|jai) (?:fait une )?(?:overdose|surdose)\b(?! de)|"
          r"\b(?:tuve|tuvo) una sobredosis\b|\bme (?:sobredosifique|pase de pastillas)\b", "an overdose (es/fr)",
       vetoable=False, recent_act=True),
    # too many of a named drug, with a body sign now ("2 many percs. cant feel hands")
    _g(IM, r"\b(?:2|too|to) many (?:percs|percocets?|pills|xans|xanax|bars|oxys?|tablets|benzos|addys|valium|"
           r"tramadol|codeine)\b(?=.{0,40}\b(?:cant feel|numb|(?:cant|can barely|can hardly) breathe|hard to breathe|"
           r"dizzy|passing out|heart (?:is )?(?:racing|pounding)|throwing up|chest|cant stay awake)\b)",
       "too many, with a body sign now"),
    # (seventh round, blind 13) all of one's tablets swallowed (fr); a load of paracetamol and still sick, no hospital
    _g(IM, r"\bavale\b.{0,10}\b(?:tous|toutes) (?:mes|les|ses) (?:cachets|comprimes|pilules|medicaments|"
           r"medocs)\b", "swallowed all my tablets (fr)"),
    _g(IM, rf"\b(?:taking|took|tak|tok|tuk)\b.{{0,10}}\b(?:a load of|loads of|a bunch of|a pile of|too many|"
           rf"too much)\b.{{0,10}}\b(?:{SUBST}|pils)\b(?=.{{0,120}}\b(?:sick|vomit\w*|throwing up|head|dizzy|yellow|"
           rf"stomach|didnt (?:go|tell)|no hospital|havent told)\b)", "a load taken, sick since"),
    # ended up in the ER because of the pills, told in passing (en/es/fr): a recent overdose
    _g(C, r"(?:\b(?:ended up|wound up|landed) in (?:a and e|a e|the er|er|the hospital|hospital|emergency)\b.{0,30}"
          r"\b(?:because of|after|with|from|over) (?:the|my|all the|all those|all my|those) (?:pills|tablets|"
          r"overdose|meds)\b|\b(?:termine|acabe|fui a dar|llegue) (?:en|a) (?:urgencias|la guardia|el hospital|"
          r"emergencias)\b.{0,30}\b(?:por|con|despues de)\b.{0,20}\b(?:pastillas|sobredosis|tomarme)\b|"
          r"\b(?:je ai fini|je me suis retrouvee?|jai fini) (?:a|aux) (?:urgences|lhopital|le hopital)\b.{0,30}"
          r"\b(?:cachets|medicaments|pilules|medocs|surdose)\b)(?!.{0,40}\b(?:reaction|allergic|allergy|side "
          r"effects?|interaction|reaccion|alergi\w*|effets? secondaires?)\b)", "ended up in hospital over the pills",
       vetoable=False),
)
