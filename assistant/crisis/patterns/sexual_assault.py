"""Sexual assault: rape, assault, unwanted touching, drugging, and sexual contact by a therapist.

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
"""

from __future__ import annotations

from typing import Any

from assistant.crisis.patterns.shared import ABUSER, Pattern, pattern
from assistant.crisis.types import Category, Tier

C = Tier.crisis


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.sexual_assault, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.sexual_assault, tier, rx, label, general=True, **kw)


PATTERNS: tuple[Pattern, ...] = (
    _p(C, r"\b(?:was|been|got|get|getting|being|were|i) raped\b|\braped me\b|\brape me\b|"
          rf"\b(?:{ABUSER}|therapist|counsell?or|psychologist|teacher|coach) raped\b|\bi was r\w*ped\b",
       "raped", third=False),
    _p(C, r"\b(?:raped|assaulted|molested) (?:her|him|them)\b|\b(?:she|he|they) (?:was|were|got) "
          r"(?:raped|sexually assaulted|molested)\b", "raped (3rd)", third=True),
    _p(C, r"\b(?:sexually (?:assaulted|abused|harassed|attacked)|molested)\b(?=.{0,30}\b(?:me|i|by)\b)|"
          r"\b(?:i|im|i was|been|was|got|think i was) (?:sexually (?:assaulted|abused)|molested)\b",
          "sexually assaulted"),
    _p(C, r"\bforced (?:himself|herself|themselves) on me\b|\bforced me to (?:have sex|do|touch|give|perform)\b|"
          r"\bmade me (?:have sex|touch|do sexual)\b", "forced", third=False),
    _p(C, r"\b(?:didnt|did not|wouldnt|would not|doesnt) stop when i (?:said no|told (?:him|her|them) to stop|"
          r"said stop|cried)\b", "didn't stop when i said no", third=False),
    _p(C, r"\b(?:touched|touching|touches|groped|gropes|groping|kissed|fondled|fondling|molested|molests) me\b",
       "touched me", third=False),
    _p(C, r"\bdrugged (?:me|my drink)\b|\bspiked my drink\b|\bwoke up in (?:his|her|their|a strangers|"
          r"someones) bed\b", "drugged", third=False),
    _p(C, r"\b(?:therapist|counsell?or|psychologist|psychiatrist|psych|shrink|doctor)\b.{0,60}\b(?:had sex with|"
          r"slept with|sleeping with|and i (?:slept together|had sex|hooked up)|sit on (?:his|her) lap|undress|get "
          r"naked|showed me (?:his|her) "
          r"(?:body|penis|privates)|sexual (?:relationship|contact) with me|touch(?:ed|es|ing)? (?:me|my"
          r" (?:breasts?"
          r"|chest|thigh|thighs|crotch|butt|body)))\b", "therapist sexual contact"),
    # (fifteenth round, blind 21) the same in Spanish and French ("me toco" alone is also "it was my turn")
    _p(C, r"\b(?:terapeuta|psicolog[oa]|psiquiatra|psico|consejer[oa]|therapeute|psy|psychologue|psychiatre)\b.{0,60}"
          r"\b(?:me toco|me tocaba|me manoseo|me beso|me acaricio|me a touchee?|me touchait|me a tripotee?|me a "
          r"embrassee?)\b(?!.{0,10}\b(?:el turno|la suerte|ir|esperar|pagar|"
          r"cambiar))", "therapist sexual contact (es/fr)"),
    _p(C, r"\b(?:me violaron|me violo|abusaron de mi|abuso de mi|me abuso|me agredio sexualmente|"
          r"(?:ete|etre|ai ete) violee?|me a violee?|agressee? sexuellement|attouchements)\b",
          "sexual assault (es/fr)",
       third=False),
    _g(C, r"\b(?:therapist|counsell?or|psychologist|psychiatrist|psych|doctor|teacher|coach|uncle|stepdad|"
          r"priest|boss)\b.{0,40}\b(?:touching|touched|touches|groping|groped|gropes|molest\w*|fondl\w*|kissing"
          r"|kissed) (?:her|him|them)\b", "professional touching them", third=True),
    _g(C, r"\b(?:put|slipped|spiked) (?:something|stuff|a pill|drugs?) (?:in|into) my (?:drink|glass|cup)\b|"
          r"\b(?:dont|do not|cant|cannot) remember (?:anything|what happened|how i got)\b.{0,60}"
          r"\b(?:his place|his bed|her place|their place|drink|party|woke up|naked|clothes)\b|"
          r"\bwoke up (?:at|in) (?:his|her|their|a strangers|someones) (?:place|house|flat|room|bed)\b"
          r"(?=.{0,60}\b(?:dont|cant|no) (?:remember|recall)\b)", "drugged / memory gap", third=False),
    _g(C, r"\b(?:didnt|did not|wouldnt|would not) stop\b.{0,40}\bi (?:froze|was frozen|couldnt move|"
          r"couldnt say)\b|\bi froze\b.{0,40}\b(?:didnt|did not|wouldnt) stop\b|\bdidnt stop at a "
          r"(?:hug|kiss)\b", "didn't stop and i froze", third=False),
    # sex after a no, told plainly or in algospeak ("seggs"); asking whether it "counts as SA"; a friend raped (fr/es)
    _g(C, r"\b(?:did|made me do|forced|pressured me into) (?:stuff|things|it|sex|seggs|the (?:grape|seggs|sex|rape) "
          r"thing)\b.{0,40}\b(?:i said no|i "
          r"didnt want|i told (?:him|her|them) no|i kept saying no)\b|\b(?:sex|seggs|stuff) (?:when|after|even though) "
          r"i (?:didnt want|said no|told (?:him|her|them) (?:no|to stop))\b|\bi said no\b.{0,40}\b(?:did it anyway|"
          r"didnt stop|kept going|(?:he|she|they) still)\b|\bi (?:told|asked) (?:him|her|them) (?:no|to stop)\b.{0,30}"
          r"\b(?:(?:he|she|they) (?:kept going|didnt stop|carried on|did it anyway))\b|"
          r"\b(?:counts|count|was it|is it|is that|was that) (?:as )?"
          r"(?:sa|rape)\b", "after i said no", third=False),
    # (eleventh round, blind 16) told without the word: "got me on my own ... and did what he did"
    _g(C, r"\b(?:got|had|caught|cornered) me (?:on my own|alone|by myself)\b.{0,60}\bdid what (?:he|she|they) did\b",
       "did what he did", third=False),
    _g(C, r"\b(?:se est|sest|se a) fait(?:e)? (?:violer|agresser sexuellement)\b|\b(?:la|lo) violaron\b|\bfue "
          r"violad[ao]\b|\babusaron (?:sexualmente )?de (?:ella|el|mi amiga|mi hija)\b", "they were raped (es/fr)",
       third=True),
)
