"""Self-harm: cutting, burning, hitting, starving or purging oneself, and urges to (English, Spanish, French).

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
"""

from __future__ import annotations

from typing import Any

from assistant.crisis.patterns.shared import Pattern, pattern
from assistant.crisis.types import Category, Tier

C = Tier.crisis


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.self_harm, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.self_harm, tier, rx, label, general=True, **kw)


# "the power cut again", "the signal cut again", "a hair cut": a cut that is not to the body
_NOT_A_BODY_CUT = r"(?<!power )(?<!electric )(?<!electricity )(?<!signal )(?<!wifi )(?<!internet )(?<!line )(?<!hair )"


PATTERNS: tuple[Pattern, ...] = (
    _p(C, r"\b(?:cut|cuts|cutting|burn|burned|burnt|burning|scratch|scratched|scratching|hit|hitting|punch|"
          r"punched|punching|harm|harmed|harming|hurt|hurting|starve|starving|carve|carving|bruise|bruising|"
          r"bite|biting|stab|stabbing|mutilate|mutilating)(?:ed)? (?:myself|my (?:(?:fore|upper )?arms?|wrists?|legs?|"
          r"thighs?|skin|stomach|body|hands?|face|hips?))\b", "hurting myself", benign=True),
    _p(C, r"\b(?:cutting|cut|cuts|hurting|harming|burning|starving) (?:herself|himself|themselves|themself)\b",
       "hurting themself", third=True),
    _p(C, r"\b(?:i|im|ive|me|been|i was|i have)\b(?: \w+){0,3} self harm(?:ed|s)?\b|\bmy self harm\b",
       "self-harm"),
    _p(C, r"\b(?:she|he|they|shes|hes|theyre|friend|son|daughter|sister|brother|kid|child)\b(?: \w+){0,4} "
          r"self harm(?:ed|s|ing)?\b", "self-harm (3rd)", third=True),
    _p(C, r"^self harm(?:ed)?\b|\bself harm(?:ed)? (?:again|today|tonight|last night|yesterday)\b|"
          r"\brelapsed? (?:on )?self harm\b", "self-harm (relapse)"),
    _p(C, r"\b(?:urge|urges|want|wants|need|tempted) to (?:cut|burn|bleed|hurt myself|harm myself|self harm)\b"
          r"(?! (?:ties|back|down|off|out|corners|costs|my hair|class|it short))", "urge to cut"),
    _p(C, rf"\bmy (?:fresh )?cuts\b|{_NOT_A_BODY_CUT}\bcut (?:again|deeper|too deep)\b|\bcutting again\b|"
          r"\bi cut (?:again|last night|today|tonight)\b", "cuts"),
    _p(C, r"\b(?:until|till|til) (?:i|it|my \w+) bleeds?\b|\bbleed\w* on purpose\b|\bon purpose\b.{0,20}\bbleed",
       "until i bleed"),
    _p(C, r"\b(?:i )?deserve (?:to )?(?:feel )?(?:pain|to hurt|to suffer|to be hurt|to bleed)\b", "deserve pain"),
    _p(C, r"\b(?:co?rtarme|hacerme dano|lastimarme|autolesion\w*|me lastimo)\b|"
          r"\bme (?:volvi a |vuelvo a |sigo )?(?:cort(?:o|e|ar|ando)|lastim(?:o|e|ar|ando)|quem(?:o|e|ar|ando))\b"
          r"(?! (?:el|la|los|las|un|una|mi|mis) (?:pelo|cabello|flequillo|dedo|unas|barba|mano|lengua|labio))",
       "spanish self-harm"),
    _p(C, r"\b(?:me scarifie|me scarifier|scarification|me faire du mal|me mutile\w*|automutilation|"
          r"me couper|je me coupe|(?:veux|veu|vx|jveux|jveu|vais|jvais|envie de|encore) m coupe[er]?)\b"
          r"(?! (?:le|la|les|un|une|mon|ma|mes) (?:cheveux|doigt|frange|ongles|barbe|main|langue))|"
          r"\bme suis (?:encore |de nouveau |re)?(?:scarifie|coupe|mutile|brule)e?s?\b"
          r"(?! (?:le|la|les|un|une|mon|ma|mes|en) (?:cheveux|doigt|frange|ongles|barbe|main|langue|cuisinant))",
       "french self-harm"),
    # verb + self-object
    # an injury that needs care now
    _g(Tier.imminent, r"\b(?:cut|cuts|cutting|sliced|slit|slashed)\b.{0,80}\b(?:needs? stitches|need stitches|gaping|"
                      r"wont stop bleeding|keeps bleeding|still bleeding|cant stop the bleeding|bleeding through)\b",
       "self-injury that needs care now", benign=True),
    # heavy bleeding now, whoever is bleeding ("like if someone was already bleeding a lot"): emergency care either
    # way; a benign reason (a kitchen accident) lowers it as usual
    _g(C, r"^(?!.*\b(?:nose|nosebleeds?|gums|period|tooth|teeth|dentist)\b).*?"
          r"\b(?:already |still |is |was |am |im |keeps? |been )bleeding (?:a lot|heavily|badly|loads|everywhere|"
          r"really bad|so much)\b|\b(?:losing|lost) (?:a lot of|so much|loads of) blood\b", "heavy bleeding now",
       benign=True),
    _g(C, r"\b(?:i|ive|im|keep|kept|been|started|start|want to|wanted to|urge to|need to|going to|tempted to|"
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
          r"(?! (?:on|against) (?:the|a) (?:door|cupboard|table|shelf) by accident)",
       "self-harm verb + body", benign=True),
    _g(C, r"\b(?:slam|slams|slammed|slamming|bang|bangs|banged|banging|hit|hitting|bash|bashing) my head "
          r"(?:against|into|on)\b", "head banging", benign=True),
    _g(C, r"\b(?:use|used|using|uses|take|took|taking) (?:a|the|my|razor|blades?) ?(?:razor|blade|blades|knife"
          r"|lighter|scissors|glass|compass|sharpener)? (?:on|to|against) (?:myself|my (?:wrists?|arms?|legs?|"
          r"thighs?|skin|stomach|body))\b", "uses a blade on myself"),
    _g(C, r"\b(?:starv\w* myself|make myself (?:throw up|sick|vomit)|making myself (?:throw up|sick|vomit)|"
          r"made myself (?:throw up|sick|vomit)|throw(?:ing)? up on purpose)\b|\bpurg(?:e|ed|es|ing)\b"
          r"(?=.{0,40}\b(?:times|again|cant stop|every|after (?:i eat|eating|meals?|dinner|lunch|breakfast)|"
          r"today|tonight)\b)", "starving / purging"),
    _g(C, r"\b(?:havent|have not|not|didnt|dont|wont) (?:eaten|eat|eating)\b.{0,25}\b(?:on purpose|"
          r"deliberately|to punish|i deserve|dont deserve)\b|\b(?:deserve|deserves) to starve\b|\bdont deserve "
          r"(?:to eat|food)\b", "not eating as punishment"),
    _g(C, r"\b(?:on purpose|deliberately|intentionally)\b.{0,25}\b(?:cut|cuts|burn|burns|bruise|bruises|bleed|"
          r"scabs?|wounds?|scars?)\b|\b(?:reopen\w*|pick\w* (?:at )?)(?: \w+){0,2} (?:cuts|wounds|scabs|scars)"
          r"\b.{0,40}\b(?:on purpose|deliberately|again|cut)\b", "reopening wounds on purpose"),
    _g(C, r"\bcuts (?:all )?(?:over|on|up and down) (?:her|his|their) (?:arms?|wrists?|legs?|thighs?|body|"
          r"stomach)\b|\bfound (?:\w+ ){0,3}(?:razor blades?|blades)\b.{0,50}\bcuts?\b", "cuts on them",
       third=True),
    _g(C, r"\b(?:me quemo|me golpeo|me pego a mi|me hago dano|me rasguno|me araño)\b|\bje me (?:coupe|brule|"
          r"frappe|griffe|mutile)\b(?! (?:le|la|les|un|une|mon|ma|mes) (?:cheveux|doigt|frange|ongles|barbe))",
       "self-harm (es/fr 2)"),
    # someone else's cuts (es/fr): "mi hijo tiene cortadas en los brazos", "elle a des coupures sur les bras"
    _g(C, r"\b(?:tiene|tenia|le vi|le encontre|trae|me mostro|me enseno|me ensenaba) (?:unas |muchas |varias )?"
          r"(?:cortadas|cortes|cicatrices nuevas|"
          r"quemaduras) (?:en|por) (?:los|las|sus) (?:brazos|munecas|piernas|muslos)\b|"
          r"\b(?:mi (?:hij[oa]|amig[oa]|herman[oa]|novi[oa]|pareja|prim[oa]|sobrin[oa])|el|ella) se (?:esta )?(?:corta|"
          r"cortando|quema|quemando)\b(?! el pelo| las unas)|\b(?:a|avait) des (?:coupures|entailles|"
          r"marques de coupures|cicatrices recentes) (?:sur|aux) (?:les |ses )?(?:bras|poignets|cuisses|jambes)\b|"
          r"\b(?:m a|me a|mont|m ont) montre (?:des |ses |les )?(?:coupures|entailles|marques|cicatrices|brulures|"
          r"blessures) (?:sur|aux|a)\b|"
          r"\b(?:il|elle) se (?:scarifie|coupe|mutile|brule)\b(?! (?:les|le|la) (?:cheveux|ongles|doigt|frange))",
       "their cuts (es/fr)",
       third=True),
    # (fifteenth round, blind 21) arms or legs covered in cuts, in any order of words (en/es/fr)
    _g(C, r"\b(?:arms?|forearms?|wrists?|thighs?|legs?|stomach|bras|avant bras|poignets|cuisses|jambes|ventre|brazos|"
          r"munecas|piernas|muslos|panza) (?:were |are |was |is |all |sont |etaient |tout |toutes? )?(?:covered|full|"
          r"couverts?|couvertes?|pleins?|pleines?|remplis?|llenos?|llenas?|cubiert[oa]s?) (?:in|of|with|de|d|con) "
          r"(?:fresh |new |recent |old and new |nuevos? |nuevas? )?(?:cuts|slashes|coupures|entailles|cortes|"
          r"cortadas)\b",
       "arms covered in cuts", benign=True),
    # (eleventh round, blind 16) someone else cutting, told with when ("she cuts every night after the library shuts")
    _g(C, r"\b(?:she|he|they)\b (?:still |has been |s been |have been )?(?:cuts|cutting|burns|burning)(?: herself|"
          r" himself"
          r"| themselves)?\b(?= (?:every|most|again|at night|after|when|in the)\b)", "they cut, and when", third=True),
    # a cut that went deeper than meant (recent self-harm told in passing); cutting again told laughing (es)
    _g(C, r"\b(?:went|cut|gone|go) (?:a bit |way |a lot |much )?(?:deeper|too deep) than i (?:meant|wanted|intended|"
          r"planned|thought)\b|\bcut (?:myself )?too deep\b", "deeper than i meant", third=False),
    _g(C, r"\b(?:otra vez|de nuevo) me (?:corte|cortee|queme)\b|\bme (?:corte|queme) (?:otra vez|de nuevo)\b|"
          r"\bme volvi a (?:cortar|quemar)\b|\bvolvi a (?:cortarme|quemarme)\b|\bje me suis (?:encore|de nouveau|"
          r"re)coupee?\b|\bme (?:sigo|sigue|segui|estoy|ando) (?:haciendo|hacienda) (?:cortes|cortadas|heridas|"
          r"quemaduras)\b|\bme hago (?:cortes|cortadas) (?:en|todas|cada|casi)\b|\bje continue a me (?:couper|"
          r"scarifier|bruler)\b", "cut again (es/fr)", third=False, vetoable=False),
    # (fifteenth round, blind 17) the same in English with when: "also cut again yesterday, first time since spring"
    # (the power, the signal or a haircut "cut again" is no relapse)
    _g(C, rf"{_NOT_A_BODY_CUT}\b"
          r"(?:cut|burned|burnt|hurt) (?:myself )?again\b(?=.{0,20}\b(?:yesterday|last night|today|tonight|this "
          r"(?:morning|week|weekend)|first time since|after (?:\w+ ){0,3}(?:months|weeks|clean)))",
       "cut again, and when", third=False, vetoable=False),
    _g(C, r"\b(?:mi (?:hij[oa]|herman[oa]|sobrin[oa]|alumn[oa]|niet[oa])) de \d+(?: anos)? se (?:esta |anda )?"
          r"(?:corta|cortando|quema|quemando)\b(?! el pelo| las unas)", "their cuts, with an age (es)", third=True),
    # (seventh round, blind 13) a cut "a bit too deep" that needed stitches (an accident told as such drops it)
    _g(C, r"\bcut (?:myself )?(?:a (?:bit|little|tad) |way |much )too deep\b|\b(?:a and e|a e|er|urgent care|"
          r"the hospital)\b.{0,20}\bafter i (?:cut|burned) (?:myself|my (?:arm|arms|wrist|wrists|leg|legs|thigh|"
          r"thighs))\b", "cut a bit too deep", third=False, benign=True),
    # (eighth round) an injury "my own doing"; a car driven into a pole on purpose; marks harder to hide
    _g(C, r"\b(?:stitches|staples|burns?|cuts|gashes|a gash|bruises|a broken (?:hand|wrist))\b.{0,60}\b(?:my own doing|"
          r"self inflicted|did it (?:to )?myself|on purpose)\b|\b(?:drove|crashed|steered|swerved) (?:my car |the car |"
          r"the "
          r"ute |my ute |the truck )?into (?:a|the) (?:pole|tree|wall|ditch|barrier|bridge|pylon)\b.{0,20}\bon "
          r"purpose\b|"
          r"\b(?:marks|cuts|scars|burns)\b.{0,30}\b(?:harder|hard|difficult|impossible) to (?:hide|cover)\b",
       "an injury of my own doing", vetoable=False),
    # (eighth round, blind 14) self-harm told as clumsiness or hidden by long sleeves in summer
    _g(C, r"\bclumsy\b.{0,30}\b(?:with )?(?:the |a |my )?(?:compass|blade|razor|sharpener|scissors|knife|lighter|craft "
          r"knife|stanley knife)\b(?=.{0,60}\b(?:again|if you know what i mean|wink)\b)|\blong sleeves\b.{0,20}\b(?:in|"
          r"during|all through) (?:june|july|august|december|january|summer|the heat|a heatwave|the summer)\b"
          r"(?=.{0,80}\b(?:again|marks|cuts|scars|so (?:nobody|no one)|haha)\b)|\b(?:long sleeves|sleeves|hoodie)\b"
          r".{0,40}\bso (?:nobody|no one|mum|mom|dad|my \w+) (?:sees|can see|notices|asks about) (?:the )?(?:marks|"
          r"cuts|"
          r"scars|arms)\b", "self-harm hidden: clumsy, long sleeves in summer"),
    # looking for ways to hurt oneself, told in Spanish ("me dijo que está mirando formas de hacerse daño")
    _g(C, r"\b(?:formas|maneras|modos) de (?:hacerse dano|hacerme dano|lastimarse|lastimarme|cortarse|cortarme)\b",
       "looking for ways to self-harm (es)"),
)
