"""Eating disorders with medical danger: days without food, purging, laxative or diuretic misuse, and the
acute signs that make it an emergency (fainting, chest pain, a racing or skipping heart, confusion).

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
A restriction or purging cue alone is *crisis*; with an acute sign (``ED_ACUTE``) it is *imminent*
(screen.py). Fasting for a reason (Ramadan, a blood test, a stomach bug) is a benign reason.
"""

from __future__ import annotations

from typing import Any

from assistant.crisis.patterns.shared import Pattern, pattern
from assistant.crisis.types import Category, Tier

C, IM = Tier.crisis, Tier.imminent

_NUM = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|a few|several|many|dos|tres|cuatro"
    r"|cinco|seis|siete|ocho|diez|varios|deux|trois|quatre|cinq|six|sept|huit|dix|plusieurs)"
)
_DAYS = r"(?:days?|weeks?|dias|semanas|jours|semaines)"
_WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|last week|lundi|mardi|mercredi"
    r"|jeudi|vendredi|samedi|dimanche|lunes|martes|miercoles|jueves|viernes|sabado|domingo)"
)


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.eating_disorder, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.eating_disorder, tier, rx, label, general=True, **kw)


PATTERNS: tuple[Pattern, ...] = (
    _p(C, r"\b(?:make|makes|made|making) (?:myself|herself|himself|themselves) (?:throw up|sick|vomit|puke)\b|"
          r"\b(?:throw(?:ing|n)?|threw|vomit(?:ed|ing)?|puk(?:e|ed|ing)) up (?:on purpose|after "
          r"(?:every|each|most|all) (?:meal|meals|dinner|tea|lunch|time))\b|"
          r"\b(?:vomit(?:ed|ing)?|puk(?:e|ed|ing)) after (?:every|each|most|all) (?:meal|meals|time)\b|"
          r"\b(?:bingeing and purging|binge and purge|purg(?:e|ed|es|ing)\b(?! (?:my|the|our|all) (?:closet|wardrobe|"
          r"files?|inbox|emails?|cache|drafts|stuff|things|clothes))(?=.{0,40}\b(?:times|again|cant stop|every|after"
          r"|a day|today|tonight|since|lately|myself)\b))", "purging", benign=True),
    _p(C, r"\b(?:\d+|a lot of|handfuls of|loads of|boxes of|a box of|a packet of|a pack of|(?:a )?whole (?:box|packet) "
          r"of)\s*(?:laxatives|laxies|laxos|lax tabs|laxatifs|laxantes|diuretics|dulcolax|senokot|ex lax|diet pills)\b|"
          r"\b(?:laxatives|laxatifs|laxantes|diuretics|diet pills|ipecac)\b"
          r"(?=.{0,40}\b(?:every|a day|daily|each day|par jour|al dia|weight|kilos|pounds|lbs|poids|peso|again|"
          r"weeks?|semaines?|months?|todos los dias|diario|diarios|cada (?:dia|noche)|por dia|tous les (?:jours|soirs)|"
          r"chaque (?:jour|soir)|une dizaine|no engordar|pas grossir|ne pas grossir|bajar de peso|maigrir)\b)",
       "laxative or diuretic misuse"),
    _p(C, r"\bchew(?:ing)? and spit\w*\b|\bskip(?:ping|ped)? (?:my )?insulin\b(?=.{0,40}\b(?:weight|lose|thin|"
          r"calories|fat)\b)|\bpro ?ana\b|\bana (?:coach|buddy)\b|\bed (?:brain|voice) (?:is )?winning\b",
       "eating-disorder behaviour"),
    # (fifteenth round, blind 21) dizzy or faint since stopping eating, in either order (a fast for a reason drops it)
    _p(C, r"\b(?:dizzy|lightheaded|light headed|faint\w*|woozy|black spots|seeing stars)\b.{0,60}\b(?:stopped|quit|"
          r"gave up|barely|hardly|not really|havent been|not been) eating\b|\b(?:stopped|quit|gave up|barely|hardly|"
          r"not "
          r"really|havent been|not been) eating\b.{0,60}\b(?:dizzy|lightheaded|light headed|faint\w*|woozy|black "
          r"spots|seeing stars)\b", "not eating and dizzy", benign=True),
    _p(C, r"\bstarv(?:e|es|ed|ing) (?:myself|herself|himself|themselves)\b(?=.{0,60}\b(?:days?|weeks?|months?|since|"
          r"faint\w*|dizzy|black\w* out|passed out|heart|weight|kilos|pounds|calories|again)\b)", "starving myself"),
    _p(C, r"\b(?:me (?:hago|provoco|obligo a) vomitar|vomit(?:ando|o) (?:despues de|tras) (?:comer|cenar|cada)|"
          r"vomite (?:otra vez|de nuevo|a proposito|como siempre) (?:despues de|tras)|vomito todo lo que (?:como|ceno)|"
          r"je me fais vomir|je me force a vomir|me faire vomir|se (?:fait|force a) vomir|"
          r"se hace vomitar)\b", "purging (es/fr)"),
    _g(C, rf"\b(?:havent|have not|hasnt|has not|not|didnt|barely|hardly|only)\b(?: \w+){{0,2}} "
          rf"(?:eaten|eat|eating|had (?:anything|food|a meal|a proper meal|any food|(?:lunch|dinner|breakfast)"
          rf"(?: or (?:lunch|dinner|breakfast))?))\b.{{0,30}}"
          rf"\b(?:in|for|since) (?:(?:like|about|around|over|almost|nearly) )?(?:{_NUM} {_DAYS}|over a week|a week|a "
          rf"fortnight|{_WEEKDAY})\b",
       "days without food", benign=True),
    _g(C, rf"\b{_NUM} {_DAYS} (?:of|without|with no|on) (?:food|eating|basically nothing|nothing|almost nothing"
          rf"|just water|only water|water|no food)\b|\bday {_NUM} (?:of|without) (?:my |the )?(?:fast|food|eating)\b"
          rf"|\b{_NUM} {_DAYS}\b.{{0,20}}\b(?:just|only) (?:water|black coffee)\b"
          rf"|\b(?:had|eaten|drunk|drank|on|having) (?:nothing but|only|just) (?:water|black coffee|tea|diet coke)"
          rf" (?:for|in) (?:(?:like|about|around|over|almost|nearly) )?{_NUM} {_DAYS}\b"
          rf"|\b(?:under|less than|below) \d{{3}} (?:calories|cals|kcal|a day)\b"
          rf"|\b(?:[1-7]\d\d|[1-9]\d) ?(?:cal|cals|calories|kcal)(?: (?:a|per) day|/day| max| tops)\b"
          rf"|\bday {_NUM} of (?:a |my |the )?(?:water|juice|dry) fast\b|\bday {_NUM} of (?:nothing but|only|just)\b"
          rf"|\bonly (?:had|eaten|eat|eating|drink"
          rf"ing)"
          rf" (?:water|black coffee|an apple|coffee|diet coke|one apple|a few crackers)\b",
       "restriction", benign=True),
    _g(C, rf"\b(?:llevo|lleva|llevamos|tengo|hace) (?:como |unos |unas |casi |ya |mas de )?{_NUM} {_DAYS} sin (?:comer|"
          rf"probar bocado)\b|\bsin comer (?:desde|"
          rf"hace)\b|\b(?:ca fait|depuis) (?:\w+ ){{0,3}}(?:{_NUM} {_DAYS}|{_WEEKDAY})\b.{{0,40}}\b(?:rien mange|mange "
          rf"(?:presque |quasiment )?rien)\b|\b(?:rien mange|mange rien) depuis\b|\b(?:hace|ya van|van) "
          rf"(?:como |unos |unas |casi |ya |mas de )?{_NUM} {_DAYS} (?:que|q) no (?:como|he comido|pruebo|probe|"
          rf"como nada)\b|\bno (?:como|he comido)(?: nada)? (?:desde hace|hace|en) {_NUM} {_DAYS}\b",
       "days without food (es/fr)",
       benign=True),
    # one food item a day for weeks, with weight lost ("week three of one apple a day, down 9 kilos")
    _g(C, r"\b(?:one|1|a single|only an?|just an?|only one|just one|an?) (?:apple|banana|yogh?urt|rice cake|cracker|"
          r"orange|egg|granola bar|slice of toast|protein bar|cup of soup)s? (?:a|per) day\b"
          r"(?=.{0,100}\b(?:kilos?|kgs?|\d+ ?kg|pounds|lbs|stone|lost|down \d+)\b)|\b(?:week|day|month) \w+ of (?:one|"
          r"only|just|a single) \w+(?: \w+)? (?:a|per) day\b", "one food a day for weeks"),
    # (seventh round, blind 13) not eaten properly in weeks; one yoghurt a day for weeks (fr/es)
    _g(C, r"\b(?:havent|hasnt|have not|has not|not|barely|hardly)\b(?: \w+)? (?:(?:eaten|eating) (?:properly|"
          r"anything|much|a (?:proper|real) meal|real food)|had (?:a (?:proper|real) meal|real food|anything to eat|"
          r"much to eat))\b.{0,20}\b(?:in|for) (?:days|weeks|ages)\b",
       "not eaten properly in weeks", benign=True),
    _g(C, r"\bje (?:ne )?mange (?:que |plus que )?(?:un|une|1) (?:yaourt|yogourt|pomme|biscotte|banane|compote|barre|"
          r"clementine)s? par jour\b.{0,40}\bdepuis\b|\b(?:solo|nada mas|solamente) (?:como|comi|me como) (?:un|una|1) "
          r"(?:yogur|yogurt|manzana|galleta|platano|banana)s? (?:al|por) dia\b", "one food a day (fr/es)"),
    _g(C, r"\b(?:thrown|throw|throwing|threw|been throwing) up after (?:every|each|most|all|nearly every) "
          r"(?:meal|meals|time i eat|bite)\b(?!.{0,80}\b(?:bug|virus|poisoning|pregnan\w*|morning sickness|chemo\w*|"
          r"gastro\w*|norovirus|covid)\b)", "thrown up after every meal"),
    # (thirteenth round, blind 19) exercise until sick or faint next to skipped meals or the scales; a very low weight
    # told next to not eating or spitting food out
    _g(C, r"\b(?:run|running|ran|laps|exercis\w*|train\w*|work(?:ing)? out|workouts?|cardio|cycl\w*|swim\w*|gym|"
          r"treadmill|skipping rope|sit ups|burpees)\b.{0,40}\b(?:till|until|til|to the point) (?:i|im|i am|i m) "
          r"(?:(?:nearly|almost|literally) )?(?:sick|throw up|threw up|puke|vomit|pass out|passed out|faint|black out|"
          r"collapse|shaking|cant stand)\b(?=.{0,80}\b(?:skip\w*|not eat\w*|dont eat|didnt eat|no food|weigh\w*|"
          r"calories|cals|burn (?:it )?off|kilos|kg|pounds|lbs)\b)", "exercise until sick, with restriction"),
    _g(C, r"\b(?:(?:[23]\d|4[0-4]) ?(?:kilos|kg|kgs)|(?:[5-8]\d|9[0-5]) ?(?:pounds|lbs))\b"
          r"(?=.{0,120}\b(?:dont eat|doesnt eat|not eating|didnt eat|skip\w*|spit\w*|purg\w*|starv\w*|restrict\w*|"
          r"watching me)\b)|"
          r"\b(?:dont|doesnt|do not|does not|not) eat\b.{0,100}\b(?:[23]\d|4[0-4]) ?(?:kilos|kg|kgs)\b",
       "a very low weight next to not eating"),
    # (fourteenth round, blind 20) blacking out next to a tiny calorie count ("ran 25k on 300 calories and only
    # blacked out once")
    _g(IM, r"\b(?:[1-5]\d\d|\d{1,2}) ?(?:calories|cals|kcal)\b.{0,60}\b(?:black(?:ed)? out|blacking out|faint\w*|"
           r"passed out|pass out|collaps\w*)\b|\b(?:black(?:ed)? out|blacking out|faint\w*|passed out|collaps\w*)\b"
           r".{0,60}\b(?:[1-5]\d\d|\d{1,2}) ?(?:calories|cals|kcal)\b", "fainting on very few calories"),
    # (eighth round, blind 14) living on coffee and one rice cake a day for weeks
    _g(C, r"\b(?:living|surviving|existing|getting by|running|been living) on (?:nothing but |just |only |basically )?"
          r"(?:black coffee|coffee|water|diet (?:coke|soda)|energy drinks|an apple|one \w+(?: \w+)?|a (?:rice cake|"
          r"cracker|"
          r"banana|yogh?urt))(?: and (?:one|a|an|half an?) \w+(?: \w+)?)? (?:a|per) day\b(?=.{0,40}\b(?:weeks?|months?|"
          r"fortnight|since)\b)", "living on almost nothing for weeks", benign=True),
)
