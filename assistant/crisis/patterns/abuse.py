"""Abuse and domestic violence: being hit, threatened, controlled or locked in; an abuser at the door.

Set phrases first, then the general mechanisms (``_g``); see ``patterns/__init__.py`` for the order.
"""

from __future__ import annotations

from typing import Any

from assistant.crisis import cues
from assistant.crisis.patterns.shared import ABUSER, Pattern, pattern
from assistant.crisis.types import Category, Tier

C, IM = Tier.crisis, Tier.imminent


def _p(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.abuse, tier, rx, label, **kw)


def _g(tier: Tier, rx: str, label: str, **kw: Any) -> Pattern:
    return pattern(Category.abuse, tier, rx, label, general=True, **kw)


PATTERNS: tuple[Pattern, ...] = (
    _p(C, rf"\b{ABUSER}\b.{{0,30}}\b(?:hit|hits|hitting|beat|beats|beating|punch|punched|punches|kick|kicked"
          rf"|kicks|"
          rf"slap|slapped|slaps|choked|chokes|choking|strangled|strangles|strangling|shoved|shoves|abused|abuses|"
          rf"abusing|hurts|locks|locked|grabbed|burned|burns|threw \w+ at) me\b", "someone hits me", third=False),
    _p(C, r"\b(?:pushes|pushed|pushing|throws|threw|knocks|knocked|knocking|shoving|shoves|shoved) me (?:around|about|"
          r"down|against|into)\b",
       "pushes me around", third=False),
    _p(C, rf"\b{ABUSER}\b.{{0,30}}\b(?:hits|beats|chokes|strangles|abuses|hurts|slaps|punches) (?:her|him|them)\b",
       "someone hits them", third=True),
    _p(C, r"\b(?:im|i am|i was|been|being|getting|get|got) (?:beaten|abused|hit|choked|strangled|threatened|"
          r"hurt) (?:at home|by (?:him|her|them|my|his|he|she)|every|again|when)\b|\bbeing (?:beaten|abused)\b",
          "i'm being abused", third=False),
    _p(C, r"\b(?:said|says|threatened|threatens|threatening|told me|swore) (?:that )?(?:hed|he would|hell|he will|"
          r"shed|she would|shell|she will|theyd|they will|to)? ?(?:kill|hurt|beat) me\b|"
          r"\bthreaten\w* to (?:kill|hurt|beat|post|share|leak)\b", "threatened to hurt me", third=False),
    _p(C, r"\b(?:hed|he would|hell|he will|shed|she would|shell|she will) (?:kill|hurt) me if\b",
       "threatened to hurt me", third=False),
    # (fifteenth round, blind 21) the condition first: "says if I go to my sister's he'll shoot me" (a boss, a coach
    # or a parent saying it about being late is the everyday idiom)
    _p(C, r"(?<!boss )(?<!supervisor )(?<!manager )(?<!coach )(?<!teacher )(?<!mum )(?<!mom )(?<!mam )(?<!dad )"
          r"(?<!nan )(?<!gran )\b(?:says|said|told me|threatens|threatened|swears|swore) (?:that )?if i (?:\w+ ){1,8}"
          r"(?:hell|he will|hed|shell|she will|shed|theyll|they will) (?:kill|shoot|stab|hurt|beat|strangle|choke) "
          r"me\b", "threatened to hurt me (if ...)", third=False),
    _p(C, r"\bwont let me (?:leave|go out|see|have|talk|use|out)\b|\btakes? (?:all )?my (?:money|phone|keys|"
          r"passport)\b|\blocks? me (?:in|out)\b|\blocked me (?:in|out)\b|\b(?:me a|ma) enfermee? (?:dans|a)\b|"
          r"\bme encerro en\b|\blocked me in (?:the|a) (?:cellar|basement|room|cupboard|closet|garage|shed)\b",
       "coercive control", third=False),
    # (fifteenth round, blind 21) the same told about someone else: locked in the house, their pension card taken
    _p(C, r"\b(?:locks?|locked|locking) (?:her|him|them|my (?:\w+ )?(?:mum|mom|mother|dad|father|sister|brother|gran|"
          r"nan|grandma|grandmother|grandad|aunt|friend|neighbou?r)) (?:in|inside) (?:the|a|her|his|their|"
          r"our) (?:house|"
          r"flat|home|apartment|room|bedroom|bathroom|cellar|basement|shed|caravan)\b|\btakes? (?:all )?(?:her|his|"
          r"their) (?:pension|pension card|bank card|debit card|benefits|wages|passport|benefit card)\b",
       "coercive control of someone else", third=True),
    # "scared of heights" is not abuse: a person (or going home) must follow "scared of"
    _p(C, r"\b(?:scared|afraid|terrified) (?:to go home|to go back)\b|\b(?:scared|afraid|terrified) of\b.{0,20}"
          r"\b(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|dad|mum|mom|father|mother|stepdad|him|her|home)\b",
       "scared of partner",
       third=False),
    _p(IM, r"\b(?:banging|pounding|kicking) (?:on )?(?:the|my) door\b|\bhiding (?:in|from)\b.{0,40}\b(?:him|her|"
           r"them|bathroom|closet|room)\b|\btrying to (?:break|get) in\b", "they're at the door", third=False),
    _p(C, r"\b(?:therapist|counsell?or|psychologist|psychiatrist|psych|shrink|doctor|coach)\b.{0,40}\b"
          r"(?:if i tell anyone|dont tell anyone|not to tell anyone|never tell anyone|keep (?:it|this|us) "
          r"(?:a )?secret|our (?:little )?secret)\b", "therapist demands secrecy", third=False),
    _p(C, r"\b(?:me pega|me golpea|me maltrata|me pegan|me golpean|me amenaza|me amenazo|me maltratan|"
          r"me frappe|me bat|me battait|me maltraite|me menace|me tape|me avento|me empuja|me empujo|me jalonea|"
          r"me ahorca|me pousse|me pousser|me brasse|me serre le cou)\b|\bme (?:estampo|estrello|azoto|aventó|avento|"
          r"tiro|empujo) contra\b|\bme (?:volvio|volvieron) a (?:pegar|golpear|empujar|ahorcar|lastimar)\b|\bme pego "
          r"(?:otra vez|"
          r"de nuevo|anoche|ayer)\b|\b(?:me a|ma) (?:plaquee?|poussee?|projetee?|lancee?|cognee?) (?:contre|sur|par "
          r"terre)\b",
       "abuse (es/fr)", third=False),
    # a partner who turns violent, told in French or Spanish ("mon mari ... devient violent quand je parle de mes
    # rendez-vous", "mi esposo se pone violento cuando")
    _p(C, r"\b(?:mon (?:mari|chum|conjoint|copain|ex|beau pere)|ma (?:blonde|conjointe|copine)|mi (?:esposo|marido|"
          r"pareja|novio|ex|padrastro|esposa|novia))\b.{0,80}\b(?:devient|deviens|est|etait|se pone|se vuelve|es|"
          r"esta) (?:tres |super |vraiment |muy |bien )?(?:violente?|violent[oa]|agresiv[oa]|agressife?)\b"
          r"(?! (?:dans|en) (?:le|la|les|el|los|las) (?:film|jeu|serie|pelicula|juego|serie))",
       "a partner turns violent (es/fr)", third=False),
    # unsafe at home, in the writer's words (crisis), and the abuser present now (imminent)
    _p(C, r"\b(?:not|dont feel|never feel|dont) (?:feel )?safe (?:at|in my|going) home\b|\bhome (?:isnt|is not|"
          r"doesnt feel) safe\b|\b(?:scared|afraid|terrified) (?:to go|of going) (?:back )?home\b|\bno me siento "
          r"segura? en (?:mi )?casa\b|\bno (?:estoy|toy|ando) (?:a )?salvo en (?:mi )?casa\b|\bno (?:estoy|toy|ando) "
          r"segura? (?:en (?:mi )?casa|con (?:el|ella|mi (?:esposo|marido|pareja|novio|novia|papa|mama|padrastro)))\b|"
          r"\bmiedo de (?:volver|regresar) a (?:mi )?casa\b|\b(?:pas|plus) (?:en securite|safe) (?:chez (?:moi|nous|"
          r"nous autres|"
          r"mon chum|lui)|a la maison)\b|\bpeur de rentrer\b|"
          # the same with the place first ("en mi casa no estoy a salvo", "chez nous je suis plus en securite")
          r"\ben (?:mi )?casa no (?:estoy|toy|me siento|ando) (?:a salvo|segura?)\b|\bchez (?:moi|nous) je (?:ne )?"
          r"(?:suis|me sens) (?:pas|plus) en securite\b", "unsafe at home", third=False),
    # held by the throat (strangulation is the strongest warning sign of homicide by a partner)
    _p(C, r"\b(?:me a|ma|me) (?:encore |deja )?(?:serree?|pris|prise|attrape\w*|tenu\w*) (?:a|par) la gorge\b|"
          r"\b(?:me agarro|me agarra|me apreto|me aprieta|me tomo|me (?:volvio|vuelve) a (?:agarrar|apretar|tomar)|"
          r"agarrarme|"
          r"apretarme) (?:\w+ )?(?:del|por el|el) cuello\b|"
          r"\b(?:grabbed|had|held|pinned|put (?:his|her) hands? (?:on|around)) (?:me (?:by|around) )?(?:the |my )"
          r"(?:throat|neck)\b(?=.{0,80}\b(?:he|she|partner|husband|wife|boyfriend|girlfriend|ex|bf|gf)\b)|"
          r"\b(?:he|she|partner|husband|wife|boyfriend|girlfriend|ex|bf|gf)\b.{0,40}\b(?:grabbed|had|held|pinned|"
          r"squeezed) (?:me (?:by|around) )?(?:the |my )(?:throat|neck)\b",
       "held by the throat", third=False),
    _p(C, r"\b(?:said|says|told me|swore|threatened)\b.{0,40}\bif i (?:leave|go back to|tell|see|call|report)\b"
          r".{0,40}\b(?:hell|he will|hed|shell|she will|theyll) (?:make me (?:pay|regret|sorry)|find me|kill|hurt|"
          r"end)\b|\bcontrols? (?:all )?(?:the|my|of my) (?:money|finances|bank|cards?|phone)\b",
       "threats and control", third=False),
    _p(IM, rf"\b{ABUSER}\b(?: is| s)? (?:back|home|here|outside|downstairs|upstairs|at the door|in the house|coming up"
           rf" the stairs|parked (?:across|outside)|banging)\b(?=.{{0,60}}\b(?:drunk|drinking|angry|scared|hiding|"
           rf"locked|door|knife|gun|not supposed|again|help|shouting|screaming|can hear)\b)|\b(?:locked|hiding) "
           rf"(?:myself )?in (?:the|my) (?:bathroom|bedroom|room|car|wardrobe|closet)\b(?=.{{0,60}}\b(?:he|she|"
           rf"they|him|her|kicking|banging|shouting)\b)|\b(?:he|she)(?: has| s got| has got) a (?:knife|gun|"
           rf"bat|hammer)\b|\b(?:me encerre|estoy encerrad[ao]|nos encerramos|estamos encerrad[ao]s) en (?:el|la|mi) "
           rf"(?:bano|cuarto|recamara|"
           rf"habitacion|carro|coche|closet)\b|\bje me suis enfermee?\b|\b(?:je suis|on est) enferme(?:e|es|s)? dans\b",
       "the abuser is here now",
       third=False),
    _p(IM, r"\b(?:texted|messaged|sent) me (?:just )?(?:help|sos|call the police|call 911|call 999|call 000)\b|"
           r"\b(?:bf|boyfriend|husband|partner|ex)\b.{0,20}\b(?:is )?(?:in|at) (?:her|his|their) (?:flat|house|"
           r"place|room|apartment)\b(?=.{0,60}\b(?:help|scared|hurt|screaming|rn|right now|nothing since)\b)",
       "someone else in danger now", third=True),
    _g(C, rf"\b{ABUSER}\b.{{0,30}}\b(?:is |keeps |has been |was )?(?:beating|hitting|hurting|choking|"
          rf"strangling|kicking|punching|slapping) (?:my|his|her|their) (?:\w+ )?(?:brother|sister|mum|mom|mother"
          rf"|dad|father|kids?|children|son|daughter|wife|husband|partner|girlfriend|boyfriend|baby)\b|"
          rf"\b(?:slaps|slapped|knocks|knocked|pushes|pushed|throws|threw) (?:her|him|them) around\b",
       "someone beating a family member", third=True),
    _g(C, rf"\b{ABUSER}\b.{{0,40}}\b(?:broke|broken|fractured|cracked|dislocated|split) my (?:wrist|arm|nose|"
          rf"ribs?|jaw|finger|fingers|hand|lip|cheekbone|eye socket|collarbone)\b|\bgave me a (?:black eye|"
          rf"concussion|split lip)\b", "injured me", third=False),
    _g(C, r"\b(?:hes|shes|he is|she is|theyre|they are|he will|she will|hell|shell|he said hes|she said shes)"
          r" (?:going to|about to) (?:hurt|beat|hit|kill|stab|knife|shoot|strangle|choke|punch|slap|bash|batter|"
          r"burn|smash) me\b(?! if (?:she|he|they|my \w+) (?:finds?|found)"
          r" out i (?:ate|skipped|forgot|spent|missed|broke|lost))", "going to hurt me", third=False),
    _g(C, r"\bcontrols? (?:all )?(?:my|of my) (?:money|finances|bank|cards?|phone|food|meds|medication)\b|"
          r"\bwont let me (?:eat|sleep|work|leave|call|see)\b|\btook (?:away )?my (?:phone|keys|passport|money)"
          r"\b(?=.{0,40}\b(?:wont|locked|cant leave|wont let)\b)", "coercive control (2)", third=False),
    _g(IM, r"\b(?:about to|trying to|going to|gonna) (?:break|kick|smash) (?:in|down|the door|my door)\b|"
           r"\b(?:breaking|kicking) (?:in|down) (?:the|my) door\b|\b(?:break|breaks|broke) (?:the door )?in\b"
           r"(?=.{0,20}\b(?:scared|help|hes|shes|hiding)\b)", "breaking in", third=False),
    # a threat to kill or beat the writer, Spanish and French ("dice que me va a matar", "il dit qu'il va me tuer")
    _g(C, r"\b(?:dice|dijo|grita|gritando|amenaza|amenazo|jura|juro)\b.{0,25}\b(?:que )?(?:me|nos) (?:va a|iba a|vas a"
          r"|quiere) (?:matar|pegar|golpear|partir la madre)\b|\bamenaz\w* con (?:matarme|pegarme|matarnos)\b|\b(?:il|"
          r"elle) (?:dit|a dit|crie|hurle|menace|jure|a jure)\b.{0,25}\b(?:que? ?(?:il|elle) va|de) (?:me"
          r"|nous) (?:tuer|"
          r"frapper|defoncer)\b|\bmenace de (?:me|nous) tuer\b", "threatens to kill me (es/fr)", third=False),
    # a partner's threat tied to a condition ("mi novio ... dice que si salgo me mata", "il dit que si je pars il me
    # tue"); a mother's "me mata si llego tarde" stays an idiom (no partner named)
    _g(C, r"\b(?:novio|marido|esposo|pareja|ex|padrastro|copain|chum|mari|conjoint|beau pere)\b.{0,100}\b(?:dice|dijo|"
          r"amenaza|jura|juro|dit|a dit|menace|jure)\b.{0,10}\bque si \w+(?: \w+){0,5} (?:(?:il|elle) )?(?:me|nous) "
          r"(?:mata|matara|va a matar|revienta|tue|tuera|va tuer)\b", "threatens to kill me if (es/fr)", third=False),
    # an ex who knows where I live now
    _g(C, r"\b(?:my ex|mi ex\w*|mon ex|ya|he|she)\b.{0,30}\b(?:knows|found out|has found out|sabe|sait) "
          r"(?:where i (?:live|am staying|work)|donde (?:vivo|estoy|trabajo)|ou (?:je )?(?:habite|reste|vis|"
          r"travaille))\b",
       "an ex who knows where i live", third=False),
    # put out of the house by a partner (fr/es)
    _g(C, r"\bme a (?:mise?|jetee?|sacree?|crissee?) dehors\b|\bnous a (?:mis|jetes|sacres|crisses) dehors\b|"
          r"\b(?:me|nos) (?:echo|corrio|saco) de la casa\b", "put out of the house (es/fr)", third=False),
    # (seventh round, blind 13) something thrown at me; someone who came at me with a knife or a bat (never a
    # kitchen frame); locked out at night or in the cold with nowhere to go (imminent)
    _g(C, rf"\b{ABUSER}\b.{{0,20}}\b(?:threw|throws|chucked|chucks|hurled|flung) (?!(?:a |another )?(?:tantrum|fit|"
          rf"wobbly|strop|party|glance|look|smile|wink|question|curveball|compliment|paddy|hissy)\b)(?:\w+ ){{1,2}}at "
          rf"(?:me|my head)\b",
       "something thrown at me", third=False),
    _g(C, cues.ATTACKED_WITH.pattern, "came at me with a weapon", third=False),
    _g(C, r"\b(?:chasse\w*|menace\w*|poursuivi\w*|attaque\w*|venu|couru) (?:\w+ ){0,6}avec (?:la|une|un|le|sa|son|"
          r"ses) (?:machette|couteau|arme|fusil|batte|marteau|hache|bouteille|ceinture)\b|\b(?:amenazo|persiguio|"
          r"corrio|ataco|saco|echo) (?:\w+ ){0,6}con (?:el|la|un|una|su) (?:machete|cuchillo|navaja|pistola|arma|bate|"
          r"martillo|hacha|botella|cinturon)\b", "threatened with a weapon (es/fr)", third=False),
    _g(IM, r"\b(?:chasse\w*|mise? dehors|jetee? dehors|echo|echaron|corrio|sacaron|saco) (?:\w+ ){0,8}"
           r"(?:ce soir|cette nuit|esta noche|anoche)\b.{0,120}\b(?:dehors|a la calle|en la calle|personne|nadie|nulle"
           r" part|ningun lado|ninguna parte)\b", "put out tonight with nowhere to go (es/fr)", third=False),
    _g(IM, r"\b(?:he|she|they|hes|shes|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|dad|father|mum|mom|mother|"
           r"stepdad|stepmom|stepfather|stepmother|parents)\b.{0,25}"
           r"\b(?:lock|locks|locked|kicked|kick|threw|throw|put|thrown) (?:me|us) out\b.{0,80}\b(?:night|cold|"
           r"freezing|raining|nowhere|dont know where|the baby|the kids|no coat|no shoes)\b",
       "locked out with nowhere to go", third=False),
    # a threat that keeps someone silent ("he has made it very clear what happens if I talk about him")
    _g(C, r"\b(?:made it (?:very |really |quite |pretty )?clear|told me|warned me|reminds me|threatened)\b.{0,15}"
          r"\bwhat (?:will |would |ll )?(?:happens?|happen to me|(?:he|she|they)(?:ll| will| would|d) do(?: to me)?)\b"
          r".{0,40}\bif i (?:ever )?(?:tell|talk|speak|leave|go|say|report|call)\b", "a threat to keep me quiet",
       third=False),
    # (thirteenth round, blind 18) coercive control: a threat to take the children, or mail and money controlled;
    # hair pulled (es/fr)
    _g(C, r"\b(?:he|she|they|my (?:husband|wife|partner|spouse|ex))\b.{0,60}\b(?:ensure|make sure|see to it|swear\w*)"
          r" (?:that )?i (?:will )?never see (?:the|my|our) (?:children|kids|son|daughter|baby|girls|boys) again\b|"
          r"\b(?:reads|checks|monitors|goes through) (?:all )?(?:of )?my (?:correspondence|mail|messages|texts|emails|"
          r"phone)\b.{0,60}\bcontrols? (?:all )?(?:of )?(?:our|my|the) (?:finances|money|bank)\b",
       "coercive control", third=False),
    _g(C, r"\bme (?:jalo|jala|jalaba|jaloneo|tiro|tira|tiraba|agarro|agarra|arrastro) (?:del|el|de los|los) "
          r"(?:pelo|cabello|cabellos)\b|\bm a (?:tire|tiree|attrape|empoigne|traine) (?:par )?les cheveux\b",
       "hair pulled (es/fr)", third=False),
)
