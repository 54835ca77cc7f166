"""A child at risk: a child or teen disclosing harm, a child harmed or left in danger, or a parent afraid
they will hurt their child (English, Spanish, French).

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
Abuse or sexual assault disclosed by someone who gives an age under 18 is also read as child-at-risk
(screen.py, ``cues.CHILD_SELF``).
"""

from __future__ import annotations

from typing import Any

from assistant.crisis.patterns.shared import Pattern, pattern
from assistant.crisis.types import Category, Tier

C, IM = Tier.crisis, Tier.imminent

_KID = (
    r"(?:baby|babies|newborn|toddler|infant|son|daughter|kid|kids|child|children|little (?:one|brother|sister|boy|girl)"
    r"|brother|sister|stepson|stepdaughter|bebe|nene|nena|hijo|hija|hijos|hermanito|hermanita|fils|fille|enfant"
    r"|enfants|petit frere|petite soeur|ptit)"
)
# bruises or marks shaped by a hand, fingers or a belt (not a handprint painting)
_HAND_MARKS = (
    r"(?:\b(?:bruis\w*|marks?|welts?|moretones?|marcas|bleus?|ecchymoses?)\b.{0,40}\b(?:hand ?shaped|handprints?|hand "
    r"prints?|finger ?(?:marks|prints|shaped)|shaped like (?:a hand|fingers)|en forme de (?:main|doigts)|de (?:mano|"
    r"dedos))\b|\b(?:hand ?shaped|handprint|finger ?shaped)\b.{0,15}\b(?:bruis\w*|marks?)\b|\b(?:belt marks|"
    r"cigarette burns|marcas de cinturon))"
)
_KID_ES_FR = (r"(?:bebe|nene|nena|hij[oa]s?|nin[oa]s?|pequen[oa]|peque|chiquit[oa]|crio|cria|enfants?|fils|fille|"
              r"petite?|gamine?|ptit|p tit|tit)")
_URGE_ES_FR = (r"\b(?:ganas|miedo|impulsos?) de (?:zarandear|sacudir|pegar|golpear|lastimar|hacer(?:le)? dano|ahogar|"
               r"tirar)\w*|\b(?:envie|peur|pulsions?) de (?:le |la |les )?(?:secouer|frapper|taper|etouffer|"
               r"faire du mal|"
               r"lancer)\b")
_HARM = r"(?:hurt|harm|hit|shake|smother|drown|drop|strangle|choke|kill|slap|throw|suffocate)"


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.child_at_risk, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.child_at_risk, tier, rx, label, general=True, **kw)


PATTERNS: tuple[Pattern, ...] = (
    # a parent afraid of hurting their child
    _p(C, rf"\b(?:scared|afraid|terrified|worried|frightened|fear) (?:that )?(?:i|ill|i will|i might|im going to"
          rf"|i could)(?: \w+)? {_HARM}\w* (?:my|the|our|her|him)(?: \w+)?\b(?=.{{0,20}}\b{_KID}\b)|"
          rf"\b(?:scared|afraid|terrified) (?:of )?(?:hurting|harming|shaking|smothering) (?:my|the|our) {_KID}\b",
       "afraid i will hurt my child", third=False),
    _p(C, rf"\b(?:came|come|got) (?:so |really |this )?close to (?:shaking|hitting|hurting|smacking|slapping|"
          rf"throwing|smothering) (?:her|him|them|my|the)\b|\b(?:i|ive) (?:shook|slapped|hit|grabbed|threw)"
          rf" (?:my|the|our) {_KID}\b(?=.{{0,60}}\b(?:hard|marks?|bruise|cant stop|scared|shaking|dont trust|"
          rf"lost it|lost control)\b)", "nearly hurt my child", third=False),
    _p(C, rf"\b(?:im|i am|getting|so|really) (?:so |really |this |very |dangerously )?close to (?:shaking|hitting|"
          rf"hurting|smacking|slapping|throwing|smothering) (?:her|him|them|my|the)\b(?=.{{0,160}}\b(?:crib|cot|"
          rf"bassinet|{_KID}|toddler|newborn|screaming|crying|colic|nap)\b)|\b(?:crib|cot|bassinet|{_KID}|toddler|"
          rf"newborn|screaming|crying|colic)\b.{{0,160}}\b(?:im|i am|getting) (?:so |really |this |very |dangerously )?"
          rf"close to (?:shaking|hitting|hurting|smacking|slapping|throwing|smothering) (?:her|him|them|my|the)\b",
       "close to hurting the baby", third=False),
    _p(C, r"\b(?:frappe|bat|tape|cogne|secoue) (?:son|sa|ses|mon|ma|mes|le|la|les) (?:enfant|enfants|fils|fille|petit|"
          r"petite|bebe|gamin|gamine|ptit)\b", "hitting a child (fr)", third=True),
    _p(C, rf"\b(?:thoughts?|urges?|images?|fantasies) (?:of|about) (?:\w+ )?(?:hurting|harming|smothering|"
          rf"shaking|drowning|dropping|suffocating|strangling|killing) (?:my|the|our) (?:\w+ )?{_KID}\b",
       "thoughts of hurting my child", third=False),
    _p(C, r"\b(?:dont|do not|cant|can not) trust myself (?:with|around|alone with|near) (?:my|the|our|her|him|"
          r"them)\b|\bdont trust myself to go back in\b|\b(?:dont|do not|cant) trust what i(?:ll| will| might| would)?"
          r" do\b(?=.{0,80}\b(?:go back|with (?:her|him|them)|near (?:her|him|them)|"
          r"if i))", "don't trust myself with the child",
       third=False),
    # an urge to shake or hit one's child, in Spanish or French ("me entran ganas de zarandearlo")
    _p(C, rf"\b{_KID_ES_FR}\b.{{0,120}}(?:{_URGE_ES_FR})|(?:{_URGE_ES_FR}).{{0,80}}\b{_KID_ES_FR}\b",
       "an urge to shake or hit my child (es/fr)", third=False),
    # a child harmed or neglected
    _p(C, rf"\b(?:hits|beats|burns|burned|kicks|punches|chokes|whips|slaps|hurts|abuses|touches|molests)"
          rf" (?:my|his|her|their|the) (?:little |baby |younger |older )?{_KID}\b", "a child is being hurt",
       third=True),
    _p(C, r"\b(?:bruises|burns|marks|welts) (?:on|all over) (?:her|his|their|my (?:son|daughter|kid|child)s?)\b"
          r"(?=.{0,80}\b(?:again|dad|mum|mom|boyfriend|girlfriend|stepdad|game|secret|says|said|wont say)\b)",
       "marks on a child", third=True),
    _p(C, r"\b(?:left|leaves|leaving) (?:me and my \w+|us|the kids|the baby|my \w+ and me|the children|me)"
          r" (?:alone|on our own|by ourselves|home alone)\b"
          # "left the kids home alone for an hour" is a parent's errand, not a child left alone
          r"(?! (?:for|while) (?:an?|half an|one|two|\d+|a few|a couple of|twenty|ten|five|the) ?(?:hour|hours|"
          r"minutes?|mins?|school run|shop|errand)\b)|\bno (?:food|one) (?:left )?(?:in the house|at home)\b"
          r"(?=.{0,60}\b(?:kids|brother|sister|baby|mum|dad|days|since)\b)", "children left alone", third=False),
    _p(C, r"\b(?:im|i am|she is|shes|he is|hes) (?:not allowed|never allowed) to eat\b|\bwont let (?:me|us|her|him)"
          r" eat\b|\bsend (?:some|pics|pictures|photos) back\b", "child neglect or grooming", third=False),
    _p(C, rf"\b(?:le pega|la pega|les pega|le golpea|la golpea|maltrata) a (?:mi|su) {_KID}\b|"
          rf"\bme va a quemar\b|\b(?:frappe|secoue|battre) (?:le|la|les|mon|ma|mes) {_KID}\b|"
          rf"\bsecoue (?:le|un) bebe\b|\bmiedo de (?:lastimar|hacerle dano|pegarle) a mi {_KID}\b|"
          rf"\bpeur de faire (?:du )?mal a (?:mon|ma|mes) {_KID}\b", "child at risk (es/fr)"),
    # marks of a hand or a belt on a child, told by a nanny, teacher or neighbour
    _g(C, rf"\b(?:{_KID}|toddler|\d+ ?(?:yo|year old|yr old|ano|ans)|nanny|babysit\w*|nounou|ninera|pupil|student)\b"
          rf".{{0,200}}{_HAND_MARKS}|{_HAND_MARKS}.{{0,200}}\b(?:{_KID}|toddler|\d+ ?(?:yo|year old|yr old)|nanny|"
          rf"babysit\w*)\b",
       "marks of a hand on a child", third=True),
    # an adult in a position of trust touching a child (told by a sibling, parent or friend)
    _g(C, r"\b(?:teacher|coach|uncle|stepdad|step dad|tutor|priest|youth (?:leader|pastor)|prof|professeur|"
          r"entraineur|oncle|beau pere|tio|maestro|profe|profesor|entrenador|padrastro)\b(?: \w+){0,4} (?:la|le|"
          r"lo|les) (?:touche|touchait|toca|tocaba|manosea|tripote)\b|\b(?:teacher|coach|uncle|stepdad|step dad|"
          r"tutor|priest|youth (?:leader|pastor))\b(?: \w+){0,4} (?:touches|touched|has been touching|keeps "
          r"touching|is touching|was touching) (?:her|him|them)\b(?=.{0,120}\b(?:secret|private\w*|dont tell|not to "
          r"tell|swear)\b)",
       "an adult touching a child", third=True),
    # (fourteenth round, blind 20) a young teen's adult "boyfriend"; an adult touching a child, told by a youth
    # worker, a priest or a neighbour
    _g(C, r"\b(?:1[0-5]|[4-9])\b(?: \w+){0,12} (?:boyfriend|bf|girlfriend|gf|man|guy|fella|bloke|woman)\b"
          r"(?: \w+){0,2} (?:is|s|whos|who is|aged) (?:19|[2-5]\d)\b|"
          r"\b(?:boyfriend|bf|girlfriend|gf)\b(?: \w+){0,2} (?:is|s|whos|who is|aged) (?:19|[2-5]\d)"
          r"\b(?: \w+){0,12} (?:she|he|shes|hes|who|and she|and he) (?:is |s )?(?:1[0-5])\b",
       "a young teen with an adult partner", third=True),
    _g(C, r"\b(?:girl|boy|pupil|student|altar server|kid|child|daughter|son|niece|nephew|(?:[4-9]|1[0-7]) ?(?:yo|"
          r"year old|yr old|years old))\b.{0,120}\b(?:adult|grown|older|volunteer|leader|helper|coach|teacher|"
          r"neighbou?r|tutor|priest)\b(?: \w+){0,4} (?:has been |keeps |is |was |had been )?(?:touching|touched|"
          r"touches|groping|groped|fondling) (?:her|him|them)\b", "an adult touching a child", third=True),
    # (fourteenth round, blind 20) a neighbour, teacher or worker who sees a child's needs unmet AND no carer there:
    # hungry, begging food, no coat in the cold, the same clothes every day - with parents never home or the child
    # left alone (one sign alone is ordinary: "my son is always hungry")
    _g(C, r"^(?=.*\b(?:little (?:girl|boy|one)|girl|boy|kid|kids|child|children|toddler|\d ?(?:yo|year old)|(?:6|7|8|9|"
          r"10|11|12) or (?:7|8|9|10|11|12)|pupil)\b)"
          r"(?=.*\b(?:asked (?:me )?(?:if (?:she|he|they) could have|for) (?:my|some|any) (?:food|sandwich|lunch|snack|"
          r"crisps|chips|biscuits|bread|leftovers)|(?:always|constantly|really|so) (?:hungry|starving)|no coat|without "
          r"a coat|no shoes|same (?:dirty |filthy )?clothes|(?:smells?|smelled|filthy|dirty) (?:all the time|every "
          r"day)|going through (?:the )?bins)\b)"
          r"(?=.*\b(?:(?:parents?|mum|mom|dad|mother|father|anyone|nobody|no one|no adults?)(?: are| is)? (?:never|"
          r"hardly ever|rarely) (?:in|home|around|there|about)|left (?:alone|on (?:her|his|their) own|by (?:herself|"
          r"himself|themselves))|home alone|locked out|nobody (?:is )?(?:home|looking after))\b)",
       "signs of a neglected child", third=True),
    # a child in danger right now
    _g(IM, rf"\b(?:screaming at|hitting|beating|choking|shaking) (?:my|the|our|his|her|their) (?:little |baby )?"
           rf"{_KID}\b"
           rf"(?=.{{0,60}}\b(?:right now|now|just|hiding|help|rn)\b)|\b(?:just )?threw (?:him|her|my \w+) (?:into|at|"
           rf"against|down)\b", "a child is being hurt now", third=True),
    _g(IM, rf"\b(?:{_KID}|toddler|she|he)\b.{{0,40}}\b(?:swallowed|got into (?:my|the) (?:pills|meds|medicine|bleach|"
           rf"cleaning)|drank (?:bleach|cleaner))\b|\b(?:floppy|unresponsive|wont wake up|not breathing)\b"
           rf"(?=.{{0,40}}\b(?:baby|toddler|son|daughter|she|he)\b)|\b(?:baby|toddler|kid)\b.{{0,40}}"
           rf"\b(?:in the (?:hot )?car|locked in the car|high temperature|fever)\b(?=.{{0,60}}\b(?:alone|nobody|no one|"
           rf"left|since)\b)", "a child in danger now", third=True),
    # an adult who comes into a child's room at night; a parent's images of harming their small child
    _g(C, r"\b(?:step ?dad|stepfather|step ?brother|uncle|grandpa|grandad|cousin|mums boyfriend|moms boyfriend|"
          r"padrastro|tio|beau pere|oncle)\b.{0,20}\b(?:comes|came|keeps coming|sneaks|sneaked|snuck|would come|viene|"
          r"entra|vient|rentre) (?:in|into|en|dans) (?:my|her|his|mi|su|ma|sa) (?:room|bed|cuarto|cama|chambre|lit)\b",
       "an adult comes into a child's room", third=True),
    _g(C, rf"\b(?:{_KID}|baby|toddler|newborn|\d ?(?:yo|year old|month old))\b.{{0,120}}\b(?:thoughts|flashes|images|"
          rf"urges|pictures|visions) of (?:hurting|smothering|shaking|drowning|suffocating|holding a pillow over|"
          rf"throwing|dropping|stabbing|hitting)\b|\b(?:thoughts|flashes|images|urges|pictures|visions) of (?:hurting|"
          rf"smothering|shaking|drowning|suffocating|holding a pillow over|throwing|dropping|stabbing|hitting) "
          rf"(?:my|our|the) (?:{_KID}|baby|toddler|newborn)\b", "images of harming my child", third=False),
    # (seventh round, blind 13) a parent afraid of what they might do to the baby, who shook it today (en/es/fr)
    _g(C, rf"\b(?:scared|afraid|terrified|frightened) (?:of )?what i (?:might|could|will|would|am going to) do to "
          rf"(?:him|her|them|(?:my|the|our) {_KID})\b|\bi (?:just )?shook (?:him|her|the baby|my baby|my son|my "
          rf"daughter)\b(?! hand| hands| awake| off| up)(?=.{{0,60}}\b(?:scared|frightened|terrified|hard|lost it|"
          rf"cant stop)\b)|\bme da miedo (?:lo que )?(?:le )?(?:pueda|podria|vaya a) hacer\b|"
          rf"\b(?:lo|la) sacudi\b(?=.{{0,80}}\b(?:miedo|asuste|llorar|llora|bebe)\b)|"
          rf"\b(?:bebe|nino|nina|hij[oa])\b.{{0,60}}\b(?:lo|la) sacudi\b|"
          rf"\bje ai peur de ce que je (?:pourrais|pourrai|vais|risque de) lui faire\b|"
          rf"\bje (?:le|la) ai secouee?\b(?=.{{0,80}}\b(?:peur|pleur\w*|bebe)\b)|"
          rf"\b(?:bebe|enfant|fils|fille|petite?)\b.{{0,60}}\bje (?:le|la) ai secouee?\b",
       "afraid of what i might do to the baby", third=False),
    # (eighth round, blind 14) a child shut outside in the dark or the cold (imminent); repeated injuries a teacher or
    # relative sees, with a parent's anger named
    _g(IM, rf"\b(?:{_KID}|niece|nephew|grand(?:son|daughter)|nieta|nieto|sobrin[oa]|niece|neveu|petite? fille|"
           rf"\d+ ?(?:yo|year old|ans|anos))\b.{{0,200}}(?:\b(?:locked|shut|kicked) (?:her|him|them)(?: \w+)? "
           rf"out(?:side)?\b|\bleft (?:her|him|them) outside\b|\b(?:la|le|les|l) a (?:enfermee?s?|mise?s?|laissee?s?|"
           rf"sortie?s?) dehors\b|\ba (?:enferme|mis|laisse|sorti)e?s? (?:mon|ma|mes|son|sa|ses|le|la|les|notre|nos) "
           rf"(?:fils|fille|enfants?|petite?s?|bebe|niece|neveu|ptit\w*) dehors\b|"
           rf"\b(?:la|lo|los|las) "
           rf"(?:dejo|encerro|saco|echo) (?:afuera|fuera)\b).{{0,80}}\b(?:dark|night|cold|freezing|raining|snow\w*|"
           rf"il fait (?:noir|nuit|froid)|de nuit|la nuit|noche|frio|oscuro|oscuras)\b",
       "a child shut outside in the dark", third=True),
    _g(C, rf"\b(?:pupils?|students?|year \d+s?|my class|at school|came in|turned up|{_KID}|niece|nephew|grand\w+)\b"
          rf".{{0,120}}\b(?:black eye|bruis\w+|burn marks|split lip|welts|broken arm)\b.{{0,40}}\bagain\b.{{0,150}}"
          rf"\b(?:dad|mum|mom|father|mother|stepdad|step dad|stepmum|stepmom|mums boyfriend|moms boyfriend)\b"
          rf"(?: \w+){{0,3}} (?:gets angry|got angry|gets mad|loses it|lost it|loses his temper|hits|hit|drinks|was "
          rf"drunk)\b",
       "a child's injuries again, a parent's anger named", third=True),
    # children left locked in or alone for a long time ("the kids next door have been on their own since yesterday")
    _g(IM, r"\b(?:kids?|children|child|bab(?:y|ies)|toddlers?|little ones?|ninos|ninas|nenes|bebes?|enfants?|"
           r"petits|pela(?:d?o|d?a)s?|chamac[oa]s?|crios?|chiquit[oa]s?|gosses?|gamins?|"
           r"bambins?)\b(?:(?!\b(?:i|im|ive|me|my|yo|je|moi)\b).){0,60}"  # the children alone, not the writer
           r"\b(?:locked in|locked up|left (?:home )?alone|home alone|on (?:their|his|her) own|by themselves|alone|"
           r"encerrad[oa]s?|solos?|solas?|seuls?|seules?|enfermes?)\b.{0,40}\b(?:since (?:yesterday|last night|friday|"
           r"saturday|the weekend)|overnight|all night|for (?:two|three|four|2|3|4) days|desde (?:ayer|anoche|el "
           r"viernes)|depuis hier|depuis (?:deux|trois|2|3) jours|toute la nuit)\b", "children left alone for days",
       third=True, hypo=False),
    # (fifteenth round, blind 21) a child who says an adult "does stuff" to them and made them promise not to tell
    _g(C, r"\b(?:uncle|aunt|stepdad|stepfather|step dad|dad|father|grandad|grandpa|cousin|coach|neighbou?r|babysitter|"
          r"mums? (?:boyfriend|partner)|moms? (?:boyfriend|partner)|brother|teacher|priest|man|guy) (?:\w+ ){0,2}"
          r"(?:does|did|has been doing|keeps doing) (?:stuff|things|something|bad things|weird (?:stuff|things)) "
          r"(?:to|with) (?:her|him|them|me)\b(?=.{0,120}\b(?:promise|secret|not to tell|dont tell|wont tell|scared|"
          r"sleeps? over|at night|when (?:she|he|they|i) (?:stay|sleep)))", "an adult 'does stuff' to a child",
       third=True),
    # (thirteenth round, blind 18) a pillow over a child's face as a thought or an urge; a mark left on a child's face
    # told about oneself in the third person; someone coming into a child's room at night (fr/es)
    _g(C, r"\bpillow over (?:his|her|their|the babys?|my babys?|my \w+s|the kids?) face\b|\b(?:holding|hold|put|"
          r"putting|press\w*) (?:a|the) pillow over (?:both of us|the two of us|us both|them both|him|her)\b|"
          r"\b(?:almohada|coussin|"
          r"oreiller) (?:sobre|sur) (?:la cara|le visage) (?:del|de la|du|de mon|de ma|de mi)\b",
       "a pillow over a child's face"),
    _g(C, r"\bleft (?:a )?(?:mark|marks|bruise|bruises) on (?:his|her|their|my) (?:\w+ )?(?:daughter|son|kid|child|"
          r"boy|girl|baby|toddler)s? (?:face|arm|arms|back|leg|legs|neck|cheek)\b", "a mark left on a child"),
    _g(C, r"\b(?:entre|vient|rentre|se glisse|venait|entrait) dans (?:sa|ma|leur|notre) chambre (?:la nuit|le soir|"
          r"quand)\b|\b(?:entra|se mete|viene|se metia|entraba) (?:a|en) (?:mi|su|nuestro) cuarto (?:en la noche|"
          r"de noche|por la noche|cuando)\b", "someone in a child's room at night (fr/es)", third=True),
)
