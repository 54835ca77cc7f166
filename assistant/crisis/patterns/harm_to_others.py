"""Harm to others: intent, urges and intrusive images of hurting someone, weapons and targets.

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
"""

from __future__ import annotations

from typing import Any

from assistant.crisis.patterns.shared import HARM_VERB, HARM_VING, PERSON, Pattern, pattern
from assistant.crisis.types import Category, Tier

C, IM = Tier.crisis, Tier.imminent


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.harm_to_others, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.harm_to_others, tier, rx, label, general=True, **kw)


PATTERNS: tuple[Pattern, ...] = (
    # "could" is left out: "I could strangle my flatmate" is the everyday exaggeration, not an intent
    _p(C, rf"\b(?:i|im|ill|i will|i want to|want to|going to|about to|ready to|swear ill|might|im going to|"
          rf"i am going to|urge to|tempted to|gonna|plan to|planning to|fantasi[sz]e about) {HARM_VERB}"
          rf" {PERSON}\b",
       "i want to hurt someone"),
    _p(C, rf"\b(?:thoughts?|thinking|think|thought|dreams?|fantasi[sz]ing|urges?) (?:of|about) "
          rf"(?:really |actually |seriously |badly )?{HARM_VING} {PERSON}\b", "thoughts of hurting someone"),
    _p(C, rf"\b{HARM_VING} {PERSON}\b(?=.{{0,20}}\b(?:scares me|scared|want|keep thinking|cant stop))",
       "thoughts of hurting someone"),
    _p(C, r"\b(?:snap and|lose it and|lose control and) (?:hurt|kill|attack) \w+", "might snap and hurt"),
    _p(C, rf"\b(?:he|she|they|hes|shes|theyre)\b.{{0,20}}\b(?:going to|about to|wants to|threatening to|"
          rf"says (?:he|she|they)(?:ll| will)|will) {HARM_VERB} (?:his|her|their|him|them)\b",
       "someone threatening to hurt another person", third=True),
    _p(IM, r"\b(?:bought|got|have|loaded|brought|bringing)\b.{0,20}\b(?:gun|knife|rifle|weapon|something)\b.{0,40}"
           r"\b(?:know where|lives|to school|to work|tomorrow|tonight|find (?:him|her|them))\b",
           "weapon and target"),
    # (fifteenth round, blind 21) the same in Spanish and French: a loaded gun and where he is going with it
    _p(IM, r"\b(?:tiene|trae|compro|consiguio|saco|cargo|a|avait|a achete|a sorti|a charge) (?:la |una |su |un |son |"
           r"le )?(?:pistola|arma|escopeta|rifle|cuchillo|machete|fusil|pistolet|carabine|couteau)\b.{0,80}\b(?:va|iba|"
           r"vamos|voy|va aller|veut aller|s en va) (?:a ir )?(?:a|al|au|a la|chez) (?:\w+ ){0,4}(?:darle|matar\w*|"
           r"disparar\w*|balear\w*|quebrar\w*|tirar\w*|tuer|descendre|buter|flinguer|tirer)\b",
       "weapon and target (es/fr)"),
    _p(IM, r"\b(?:going|coming|heading|taking \w+) (?:to|round to|over to) (?:her|his|their|my \w+s|the) (?:\w+ )?"
           r"(?:office|house|place|work|school|flat)\b.{0,30}\bwith (?:a|my|his|her|my \w+s|the) (?:\w+ )?(?:knife|"
           r"gun|rifle|bat|hammer|weapon|machete)\b", "going there with a weapon"),
    _p(IM, r"\bmake (?:them|him|her|everyone) (?:all )?pay\b(?! (?:for (?:the|a|my|our|their|his|her|lunch|"
           r"dinner|it)|the|back|child|rent|support|bills?|half|\d))", "make them pay"),
    _p(C, r"\b(?:kill|hurt|murder|shoot|stab) (?:people|everyone|everybody)\b|\bkilling people\b", "hurt people"),
    # (fifteenth round, blind 20) "going to bring something in Friday and sort them all out": a weapon left unnamed
    # and a reckoning with the people at work or school
    _p(C, r"\b(?:bring|bringing|brings|take|taking|takes)\b (?:something|a gun|a knife|a weapon|(?:his|the|a|my) "
          r"(?:gun|rifle|shotgun|knife|crossbow))\b.{0,40}\b(?:sort (?:them|everyone|you|the lot of them|it) (?:all )?"
          r"out|make (?:them|everyone|you) (?:all )?pay|teach (?:them|everyone) (?:all )?a lesson|(?:theyll|they will) "
          r"(?:all )?(?:see|be sorry|regret it))\b", "bringing something in to sort them out"),
    _g(C, rf"\b(?:im going to|i am going to|going to|want to|ill|i will|i want to|about to|gonna) "
          rf"(?:beat|punch|hit|smash|batter|slap|break) (?:him|her|them|{PERSON[3:-1]}) "
          rf"(?:up|til|till|until|so hard|senseless|to death|black and blue|bloody)\b",
       "going to beat someone up"),
    _g(C, rf"\b(?:picture|picturing|imagine|imagining|images of|visions of|see myself|keep seeing myself) "
          rf"(?:\w+ )?(?:{HARM_VING}|drowning|shaking|smothering|suffocating|throwing|dropping) {PERSON}\b",
       "intrusive images of harming someone"),
    # losing the fight against an urge: "I can't stop myself hurting my stepdad for much longer"
    _g(C, rf"\b(?:cant|can not|cannot|couldnt|wont be able to|not sure i can|dont (?:think|know if) i can) "
          rf"(?:stop|keep|hold) (?:myself|me) (?:back )?(?:from )?(?:{HARM_VING}|hitting|punching) {PERSON}\b",
       "can't stop myself hurting someone"),
    _g(C, rf"\b(?:want|wants|going|ready|need) to (?:{HARM_VERB}|beat|punch) (?:people|someone|somebody|"
          rf"everyone)(?: at (?:work|school|the office|home))?\b", "want to hurt people"),
    _g(C, r"\bmake (?:them|him|her|everyone|my \w+|\w+) (?:all )?pay\b(?! (?:for (?:the|a|my|our|their|his|"
          r"her|lunch|dinner|it)|the|back|child|rent|support|bills?|half|\d))", "make someone pay"),
    _g(C, r"\b(?:i know|i found out|found out) where (?:she|he|they|my \w+|\w+) (?:lives|works|is staying|"
          r"sleeps)\b(?=.{0,60}\b(?:tonight|going over|pay|hurt|kill|regret|gun|knife|wait for|sorry)\b)",
       "knows where the target lives"),
    _g(C, r"\b(?:voy a|quiero|tengo ganas de|ganas de) (?:matar|golpear|pegar|lastimar|hacer dano) a\b|"
          r"\b(?:matarlo|matarla|matarlos)\b|\b(?:je vais|envie de|je veux|jai envie de) (?:le |la |les )?"
          r"(?:tuer|frapper|buter|etrangler|faire du mal a)\b", "harm to others (es/fr)"),
    # fantasies of killing someone by a named means, planned out
    _g(C, r"\b(?:fantasi[sz]e|fantasi[sz]ing|daydream\w*|keep thinking|plan\w*) (?:about |out )?(?:poisoning|stabbing|"
          r"strangling|shooting|running over|smothering) (?:my|the|her|him|them|that)\b", "fantasies of killing"),
)
