"""The cue regexes: context that changes what a pattern match means, and cue families of their own.

All of them read normalised text (``normalise.normalise``). Grouped by what they tell:
idioms blanked out before matching; means and lethality seeking; imminence and finality;
benign reasons and accidents; negation, hypothetical, past and recovery; first and third
person; retractions; the safety net's families; the words that pick a long message's riskiest
sentence for the semantic layer.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- idioms
# Blanked out before the patterns run ("dying to know", "kill the process", "this deadline is
# killing me"), and before a message is embedded for the semantic layer.

IDIOMS = re.compile(
    "|".join(
        (
            r"\bdying to (?:know|see|try|meet|hear|ask|get|go|tell|find out|have|eat|watch|read|visit|talk)\b",
            r"\b(?:dying|died|dead|die|meurs|muero) (?:of |from |with |de )?"
            r"(?:laughter|laughing|laugh|embarrassment|boredom|hunger|thirst|cringe|shame|faim|soif|rire|hambre|risa"
            r"|sueno|frio|calor|ganas|envie)\b",
            r"\bnearly died of\b",
            # a pet's death, a natural death, being startled, zombies in a game, a parent who will "kill" me
            r"\b(?:had|have|having|got|get|getting) (?:\w+ ){0,3}(?:put to sleep|put down)\b|\b(?:put|"
            r"putting) (?:\w+ ){0,2}"
            r"(?:dog|cat|pup|puppy|kitty|horse|pony|rabbit|bunny|pet|mare|gelding) (?:to sleep|down)\b",
            r"\b(?:passed|went|died|slipped away)(?: away)? (?:peaceful(?:ly)?|quietly) in (?:his|her|their) sleep\b",
            r"\bjump(?:ed)? (?:out of my skin|every time|whenever|at every (?:noise|sound|knock))\b",
            r"\b(?:kill|killing|killed|kills|matando|matar|mato|mate|tuer|tue|tuant|buter) (?:\w+ )?(?:zombies|zombis|"
            r"monstruos|monstres|enemigos|ennemis|bosses|aliens|demons|mobs|creepers|noobs)\b",
            r"\b(?:finir|terminer|passer) (?:sa|ses) (?:vie|jours|vieux jours) (?:la bas|au|en|a|dans|chez|pres)\b|"
            r"\b(?:terminar|pasar) (?:sus|los) (?:ultimos )?dias (?:alla|en|a|con)\b",
            r"\b(?:id|i would|i could) (?:die|kill|murder) for\b|"
            r"\bme (?:tiene|tienen|tienes|dejo|dejaron) muert[oa]s?\b",
            r"\bcould (?:kill|murder) (?:a|an|some|for)\b",
            r"\b(?:id|i would|shed|she would|hed|he would|theyd|they would|wed|youd) rather (?:die|drown) "
            r"than\b",
            # a boss or coach who "will shoot me", laughed off (fifteenth round, blind 21); never a partner or parent
            r"\b(?:boss|supervisor|manager|coach|teacher|gaffer|foreman|sarge|lecturer|tutor|editor|team lead)\b.{0,60}"
            r"\b(?:hell|shell|theyll|he will|she will|they will|is going to|is gonna) (?:literally )?(?:kill|shoot|"
            r"murder|strangle) me\b(?= (?:haha\w*|lol|lmao|jk|jaja\w*|mdr|hes (?:alright|ok|okay|sound|fine)))",
            r"\b(?:kill|kills|killing|killed|smash|smashing|smashed) it\b",
            r"\bkill(?:s|ed|ing)? (?:\d+ )?(?:the |a |an |all |off |all the |two )?(?:\w+ )?"
            r"(?:process|processes|lights?|tasks?|jobs?|apps?|containers?|server|pid|tabs?|time|hours|mood|vibe|ball|"
            r"serve|shot|level|round"
            r"|music|engine|script|bugs?|weeds|program|terminal|birds|signal|daemon|thread|session)\b",
            r"\b(?:being|be|get|got|getting) killed\b(?! by)",
            r"\b(?<!want to )(?<!trying to )(?<!try to )(?:get|getting|got) (?:myself|yourself|himself|herself|"
            r"themselves|ourselves|urself) killed\b(?! on purpose)",
            r"\b(?:swallow|swallowing|swallowed|eating|eat|ate) (?:me|us|them|him|her) (?:whole|alive)\b",
            r"\b(?:will|would|is going to|going to|gonna|is gonna) (?:literally )?kill me (?:if|when|once) "
            r"(?:she|he|they|my \w+) (?:finds? out|found out|sees?|saw|notices?|hears?|gets? home|realises|realizes)\b",
            r"\bshoot (?:myself|yourself|ourselves|themselves|himself|herself) in the foot\b",
            r"\b(?:is|are|was|were|its|thats|this|that|it|\w+) (?:\w+ )?(?:literally |absolutely |totally |so )?"
            r"(?:killing|killed|murdered|murdering|kills) (?:me|my (?:legs|feet|back|arms|brain|vibe|mood))\b",
            r"\bkill me now\b",
            r"\bcrawl out of (?:my|your) (?:own )?skin\b",
            r"\b(?:le coach|le prof|ma mere|mon pere|mon boss|ma boss|ma blonde|mon chum|le boss|ma prof) va "
            r"(?:pas )?(?:me|nous) tuer\b|\b(?:elle|il) va pas (?:me|nous) tuer si\b|\b(?:mi (?:mama|madre|papa|"
            r"padre|jefe|jefa)|el profe|la profe|el entrenador) "
            r"(?:me|nos) va a matar\b",
            r"\bcould (?:strangle|throttle) (?:him|her|them|my \w+)\b",
            r"\b(?:strangle|throttle|murder|kill) (?:my|the|this|that) (?:insurance(?: company)?|insurer|bank|"
            r"landlord s agent|letting agent|billing (?:department|office)|phone company|internet provider|isp|"
            r"printer|router|wifi|laptop|computer|council|airline)\b",
            r"\b(?:cortar|dejar|suspender) (?:el|la|los|las) (?:tratamiento|medicacion|medicamentos?|pastillas|"
            r"sertralina|antidepresivos?) (?:de golpe|de repente|asi nada mas)\b",
            r"\bme (?:cacher|enterrer) (?:sous terre|vivante?)\b",
            r"\b(?:me estoy|me estaba|estoy|ando) matando (?:a|de) (?:estudiar|trabajar|currar|chambear|entrenar|"
            r"limpiar|estudio|trabajo)\b|\bno me da la vida\b",
            r"\b(?:la job|ma job|le travail|mon travail|la jobe|lecole|ce cours|mon boss|ma boss|le trafic|le boulot|"
            r"mon boulot|ces enfants|les enfants|ce prof) (?:me|va me) tue\b",
            r"\b(?:ce|cette|ca|cet|le|la) \w+ (?:va|vont) me tuer\b|\b(?:este|esta|esto|el|la) \w+ me va a matar\b",
            r"\b(?:im|i am|so) dead\b",
            r"\bdead (?:tired|serious|ringer|end|line|lines|weight|battery)\b",
            r"\boverdos(?:ed|ing|e) on (?:netflix|tv|television|youtube|tiktok|social media|reality tv|candy|sugar"
            r"|chocolate|pizza|memes|love|work|drama|cuteness|nostalgia|shopping|sunshine|christmas|anime|books|cake"
            r"|cookies|carbs|games|gaming|music|podcasts|coffee|cute)\w*\b",
            r"\b(?:battery|phone|laptop|computer|build|app|server|plant|plants|car|charger|router|wifi|version"
            r"|container|zoom|call|session|tv|mouse|keyboard|signal|conversation) (?:\w+ )?(?:just )?"
            r"(?:died|dying|is dead|was dead|dead)\b",
            # a thing that died, in French or Spanish ("mon natel a rendu l'âme", "le lien Zoom ... est mort",
            # "se me murió el celular")
            r"\b(?:natel|cell|cellulaire|telephone|portable|tel|ordi|ordinateur|lien|batterie|char|auto|voiture|"
            r"imprimante|laptop|celu|celular|telefono|compu|computadora|bateria|carro|coche|link|enlace|zoom|wifi|"
            r"internet|routeur|modem)\b(?: \w+){0,6}? (?:a rendu le ame|est morte?|a creve|a lache|se murio|murio|"
            r"esta muert[oa]|se me murio)\b|\bse me (?:murio|apago|rompio) (?:el|la) (?:celu|celular|telefono|compu|"
            r"bateria|laptop|carro|coche)\b",
            # nearly had a heart attack (at a match, a bill, a fright), in English, French and Spanish
            r"\b(?:nearly|almost) (?:had|have|gave me|give me) a heart attack\b|\b(?:failli|presque) (?:faire|avoir|"
            r"fait|eu) (?:un arret cardiaque|une crise cardiaque|une attaque)\b|\bcasi me (?:da|dio) (?:un infarto|"
            r"un paro|algo)\b",
            # a team thrashed ("l'OM s'est fait massacrer hier soir")
            r"\b(?:se est|se sont|on se est|nous nous sommes) fait (?:massacrer|ecraser|detruire|demolir|laminer)\b",
            r"\bdead on (?:my|your|our|his|her|their) feet\b",
            r"\bsuicide (?:squad|prevention|awareness|risk|rates?|hotline|lifeline|line|crisis line|statistics"
            r"|assessment|policy|policies|training|research)\b",
            r"\b(?:cut|cutting|cuts) (?:ties|back|down|off|out|corners|costs|my hair|class|classes|sessions|it"
            r" short)\b",
            r"\b(?:shoot|shot|shooting) (?:a |an |my |her |him |them |the )?(?:\w+ )?"
            r"(?:email|message|text|film|video|movie|photo|photos|pic|pics|note|line)\b",
            r"\bshoot\b(?=,| i forgot| forgot)",
            r"\b(?:tuve|tengo|hay|tienes) que (?:matarla|matarlo|matar la app|matar el proceso)\b|\b(?:matar|cerrar) "
            r"(?:la app|la aplicacion|el proceso|el programa)\b",
            r"\bkill(?:ing)? two birds\b",
            r"\bgoing to die if i (?:dont|do not) get (?:a break|some sleep|coffee|food|out of here|a holiday|a nap"
            r"|some "
            r"rest|a day off)\b|\bcut(?:ting|s)? up (?:\w+ )?(?:magazines?|paper|cardboard|fabric|photos|pictures|"
            r"vegetables|veg|food|onions?|boxes)\b|\btuer (?:le |la |les )?(?:onglet|processus|appli|application|"
            r"programme|tache|temps)\b|\b(?:tuer|tue|tues|tuent|tuant|crever) a la tache\b",
            # embarrassment: "qué oso, me quiero morir", "la honte, je veux mourir", "so embarrassing i want to die"
            r"\b(?:que|q|k) (?:oso|verguenza|pena|cringe)\b.{0,40}\bme quiero morir\b|\bme quiero morir de (?:la )?"
            r"(?:verguenza|pena|oso)\b|\b(?:la honte|trop (?:la )?honte|(?:je ai|jai) (?:trop )?honte"
            r"|quelle honte)\b.{0,40}\bje "
            r"veux (?:mourir|disparaitre)\b|\bmourir de (?:honte|rire)\b|\b(?:so embarrass\w*|mortified|cringe\w*|"
            r"humiliat\w*)\b.{0,30}\b(?:i )?want to (?:die|disappear)\b",
        )
    )
)


# --------------------------------------------------------------------------- means
# Means words, possession, and questions that seek a method, an amount or a high place.

MEANS = re.compile(
    r"\b(?:pills?|tablets?|sleeping (?:pills?|tablets?|meds|aids?)|meds|overdose|rope|noose|bridge|bridges|razor"
    r"|razors|blade|blades|knife|knifes|gun|"
    r"pistol|rifle|firearm|train tracks|tracks|railway|roof|ledge|cliff|balcony|(?:top|edge|top floor|top level|"
    r"top deck) of (?:the |a |that )?car park|multi storey|tall building|"
    r"high enough|bleach|antifreeze|paracetamol|tylenol|acetaminophen|ibuprofen|insulin|belt|cord|ligature)\b"
)
POSSESSION = re.compile(
    r"\b(?:have|has|keeps|lined up|got|bought|holding|hold|found|stash|stashed|saved|saving|stockpiled|"
    r"stockpiling|collected|ready|"
    r"in my hand|right here|here|next to me|beside me|in my room|in my bag|loaded)\b"
)
SEEK_LETHAL = re.compile(
    r"\b(?:how many|how much)\b.{0,40}\b(?:would it take|to die|would kill|will kill|to kill|is lethal|is fatal|"
    r"is deadly|to overdose|to od|to not wake up|to never wake up)\b|"
    # "how many do i need" is about an amount of something taken, not of sessions, notice or rope for a clothesline
    r"\b(?:how many|how much)\b(?! (?:more )?(?:sessions?|appointments?|therapy|counselling|notice|time|weeks?|months?|"
    r"days?|hours?|minutes?|money|sleep|water|exercise|fees?|of a (?:gift|tip)|texting|emailing|calling|messaging|"
    r"contact|texts|emails|calls|messages|to (?:tip|spend|give|pay|charge|"
    r"budget))\b).{0,40}\b(?:is too much|would i need|do i need|would be enough|is enough)\b(?! (?:for|to "
    r"(?:treat|help|cover|make|fix|hang|tie|build)) (?:a|an|my|the|this|our) |"
    r" to (?:spend|give|pay|tip|ask|text|email|message|call|share|expect|tell|contact)\b)|"
    r"\b(?:lethal|fatal|deadly|toxic) (?:dose|amount|dosage|quantity)\b|"
    r"\b(?:painless|quickest|quick|easiest|fastest|surest|best|most effective|least painful|most painful|peaceful) "
    r"(?:way|ways|method|methods) (?:to|of) (?:die|dying|kill|end|suicide|go)\b|\bways to (?:die|kill myself|end it|"
    r"end my life|commit suicide)\b|\bhow (?:long|quickly) (?:does it take|would it take|it takes|it would take|until"
    r"|till) (?:to |you )?"
    r"(?:bleed out|die|drown|suffocate|lose consciousness|pass out)\b|\bhow to (?:kill myself|die|overdose|hang|"
    r"slit|bleed out)\b|\b(?:which|what) (?:painkillers?|pills?|meds|medications?|drugs)\b.{0,30}\b(?:dangerous|"
    r"lethal|deadly|kill|fatal|overdose)\b|\bhow many would i need\b"
)
SEEK_PLACE = re.compile(
    r"\b(?:which|what|any) (?:bridges?|buildings?|car parks?|cliffs?|roofs?|towers?|balcon(?:y|ies))\b.{0,40}"
    r"\b(?:no|dont have|without|isnt|arent|not) (?:a |the )?(?:fences?|fence thing|barriers?|nets?|railings?|"
    r"grilles?)\b|\b(?:highest|tallest|high|tall|nearest|closest)\b.{0,15}\b(?:bridges?|buildings?|roofs?|cliffs?|tow"
    r"ers?|"
    r"car parks?|floors?|places?)\b|\bwhat floor\b|\bhigh enough\b|\bhow (?:high|far) (?:up|down)?\b.{0,25}"
    r"\b(?:die|survive|fall|jump|kill)\b"
)

# Questions that seek means only in context (amounts, heights, barriers, speed): counted as
# means-seeking when the message already shows risk.
MEANS_QUESTION = re.compile(
    r"\bhow (?:many|much)\b.{0,40}\b(?:do it|be enough|is enough|too much|would it take|would i need|do i need|"
    r"have saved)\b|\bwould it be (?:instant|quick|painless|fast|over)\b|\b(?:dont|do not|without|no) (?:have )?"
    r"(?:the |a )?(?:fence|fences|barrier|barriers|railing|railings|nets?|fence thing)\b|\b(?:roof|rooftop) "
    r"access\b|\bget (?:onto|on to|up on) the roof\b|\b(?:parking (?:garage|structure)|multi ?storey)\b"
)


# --------------------------------------------------------------------------- imminence, distress, finality

# Imminence cues (raise a crisis match to imminent).
IMMINENT = re.compile(
    r"\b(?:tonight|today|right now|this evening|this afternoon|this morning|this weekend|tomorrow|in an hour|"
    r"in a few hours|by morning|to morning|through the night|before morning|is the day|the night|tonights|"
    r"made up my mind|mind is made up|decided|have a plan|got a plan|made a plan|have it planned|plan for how|"
    r"plan to do it|how im going to do it|im going to|i am going to|ill do it|going to do it|about to|ready to|"
    r"when he gets home|when she gets home|when they get home|goodbye|bye forever|this is it|right here|"
    r"in my hand|a lot of blood|wont stop bleeding|so much blood|i will|ill|if im going to|ce soir|cette nuit|"
    r"aujourd hui|maintenant|je vais(?! (?:bien|mieux|ok|correct))|esta noche|hoy|ahora|voy a|ahorita|after school|"
    r"after work|later today|in a bit)\b"
)

DISTRESS = re.compile(
    "|".join(
        (
            r"\blost my (?:job|gf|girlfriend|bf|boyfriend|wife|husband|partner|home|house) and my\b",
            r"\bfeel(?:ing|s)? (?:so |really |very |pretty |super |kinda |quite |completely |just )?(?:low|down"
            r"|hopeless|"
            r"empty|alone|lonely|awful|terrible|worthless|numb|broken|lost|miserable|depressed|useless|trapped|"
            r"like a burden|like im drowning|like giving up|dead inside|like im falling apart)\b",
            r"\b(?:cant|can not|cannot|not) cop(?:e|ing)\b|\bstruggling\b|\boverwhelmed\b|\bcant stop crying\b|"
            r"\bpanic attacks?\b|\b(?:been|feeling|felt) (?:really |so |very |pretty )?low (?:for|since|lately"
            r"|all)\b|\burges? (?:came|are|is|have come|has come|were) back\b|\bhopeless\b"
            r"|\bfalling apart\b|\bdrowning\b|\bbreaking down\b|\bmental breakdown\b",
            r"\b(?:so |really )?tired of (?:everything|it all|life|living|being alive|this|trying)\b|\bso done with "
            r"(?:everything|it all)\b|\bdone with everything\b|\bcant (?:do|take|handle) (?:this|it) anymore\b|"
            r"\bcant go on\b|\bgive up on everything\b|\bjust give up\b",
            r"\b(?:no one|nobody|noone) (?:to talk to|cares|ever texts|would care|would notice|would miss me|loves"
            r" me)\b|"
            r"\bhate myself\b|\bnothing (?:ever )?(?:gets better|works out|changes|matters)\b|\beverything is "
            r"(?:pointless|hopeless|grey|gray|falling apart)\b|\bburden\b|\bbad night\b|\bnot okay\b|\bnot ok\b",
            r"\bin a dark place\b|\bdepressed\b|\bdepression\b|\bhavent (?:slept|eaten)\b|\bheavy\b|\bcrying\b|"
            r"\bmiss (?:my|her|him) (?:old )?(?:therapist|counsell?or) so much\b|\bscared\b",
            r"\b(?:called|rang|phoned|texted|tried|hung up on) (?:the |a )?(?:crisis|suicide) "
            r"(?:line|hotline|text line)\b|"
            r"\b(?:crisis|suicide) (?:line|hotline) (?:had|put|kept) me on hold\b|"
            r"\b(?:history|hx) of (?:suicide )?attempts\b|\b(?:previous|past|prior) (?:suicide )?attempts\b|"
            r"\bno estoy bien\b|\bme siento (?:muy )?(?:solo|sola|mal|triste|vacio|vacia)\b|\bya no aguanto\b|"
            r"\bje me sens (?:vraiment |tres |si )?(?:mal|seul|seule|vide|nul|nulle)\b|\bje nen peux plus\b"
            r"|\bdeprime\b",
        )
    )
)

# The person says the everyday reason others were given is not true ("told everybody i'm moving back east. i'm not
# moving"): the reason does not explain the goodbye cues away. It is also one of FINALITY's cover cues.
COVER_STORY = re.compile(
    r"\btold (?:everybody|everyone|people|them|my \w+) (?:that )?(?:im|i am|i was|i m) (?:moving|going|travelling|"
    r"traveling|leaving|off)\b.{0,40}\b(?:im not|i m not|i am not|i wont be|not really)\b"
)

# Finality / goodbye cues (each a named group so that distinct cues are counted).
FINALITY = re.compile(
    "|".join(
        (
            r"(?P<the_night>\b(?:tonight|today|tomorrow|this weekend|this) is (?:the night|the day|it)\b|\b(?:tonights|"
            r"todays) the (?:night|day)\b)",
            r"(?P<decided>\b(?:made up my mind|mind is made up|ive decided|i have decided|decision is made|"
            r"(?:ive |i have )?made (?:my|the) decision\b(?! (?:to|about|on|regarding))|no turning back|"
            r"no going back)\b)",
            r"(?P<bye>\b(?:bye|goodbye|farewell|adios|adieu)\b(?! to (?:my |the )?(?:old |former )?(?:therapist|"
            r"counsell?or|psych\w*|job|school|clinic|house|flat|city))(?! (?:card|present|gift|party|lunch|drinks|do|"
            r"cake|hug|session)))",
            r"(?P<its_time>\bits time\b(?! (?:to|for)\b))",
            r"(?P<peace>\b(?:at peace|feel (?:\w+ )?calm|finally calm|(?:weirdly|oddly|strangely|eerily) (?:calm|"
            r"peaceful)|(?:im|i am) (?:so |finally "
            r"|really )?calm about it|ready to go(?! (?:it alone|solo|back|home|out|on|to|for|it))|(?:ive )?had a good "
            r"(?:run|innings|"
            r"life))\b(?! (?:with (?:my )?"
            r"(?:therapist|decision to (?:quit|end therapy|leave|move|switch)))))",
            r"(?P<thanks>\b(?:thank you|thanks|sorry|forgive me) for everything\b|\bplease forgive me\b|"
            r"\btell (?:them|her|him|my \w+) i (?:love|loved) (?:them|her|him)\b|"
            r"\byou did (?:your best|all you could|everything you could)\b)",
            r"(?P<wont_need>\b(?:wont|will not|dont|do not|not going to|am not going to) (?:be )?need(?:ing)? (?:them"
            r"|it|these|those|any(?: of)?|my|"
            r"the|therapy|sessions?|appointments?|anything)\b(?:.{0,30}\b(?:anymore|after|where im going|"
            r"much longer)\b)|\b(?:dont|do not|wont|will not) need (?:to send (?:me )?(?:any )?|the |any more |"
            r"anymore |those )?(?:appointment )?reminders?(?: texts?| emails?| calls?)?\b)",
            r"(?P<gone>\bwhere im going\b(?! (?:to|on|for|with|next|in|at|tomorrow|today|home|back))|"
            r"\b(?:ill|i will) be gone\b(?! for| on| to| from| until| till)|\bi wont be (?:here|around)\b"
            r"(?! (?:for|on|at|to|because|next))|\bwont matter (?:anyway|soon|by then|after|much longer)\b|"
            r"\bwont have to (?:deal with|worry about|see) me\b|"
            r"\b(?:wont|will not|dont|do not) (?:need|have) to worry about (?:him|her|them|it) (?:any ?more|again)\b|"
            r"\b(?:feels?|felt|its|it is|everythings|everything is|everything feels|all) (?:all |so |very |nice and )?"
            r"(?:tidy|tidied|squared away|settled) now\b|"
            r"\b(?:tidy|sort|clean|wrap) (?:things|everything|it all) up before i go\b(?! (?:to|on|for|back|home"
            r"|away|in|out))|"
            r"\bbefore i go\b(?= *$)|"
            # loose ends tied up, things tidied "before" (and nothing after it)
            r"\b(?:tie|tying|tied) up (?:all )?(?:the |my )?loose ends\b|\b(?:tie|tying|tidy|tidying|sort|sorting|wrap|"
            r"wrapping) (?:things |everything |it all )?up(?: before)? *$)",
            r"(?P<giving>\b(?:gave|giving|given|give|gonna give) (?:away )?(?:all )?(?:my|all my) (?:\w+ ){0,6}"
            r"(?:away|to (?:my |the |a |her |his )?\w+)\b|\bgave away\b|\bgiving away\b|\bgive away my\b|"
            r"\b(?:giving|given|gave|give) (?:everything|it all|all my stuff|all my things|most of my stuff) away\b|"
            r"\b(?:got|have|had) (?:the |my )?(?:dog|cat|pets?|horse|birds?) sorted (?:with|out with)\b|"
            r"\b(?:want|like|id like|wanted) (?:you|her|him|them|my \w+) to have (?:my|all my)\b|"
            r"\bfound (?:a )?(?:new )?homes? for (?:my|both|the|all|our)(?: \w+)? (?:dogs?|cats?|pets?|horses?|birds?|"
            r"animals)\b|"
            # "found a lovely home for Biscuit" (not for us, the business or a parent)
            r"\b(?:found|finding) (?:a |him a |her a )?(?:(?:lovely|good|great|nice|loving|forever|new|really) )+home "
            r"for (?!(?:us|our|ourselves|me|myself|the (?:family|business|office|shop|company)|my (?:family|business|"
            r"office|mum|mom|dad|parents|nan|gran|grandma|grandad|granddad))\b)\w+|"
            r"\b(?:regale|he regalado|regalando|estoy regalando|he dado|repartiendo|reparti) (?:\w+ ){0,5}(?:mis "
            r"cosas|todas mis|todo lo mio|mi perr[oa]|mi gat[oa]|las joyas|mis joyas|mi guitarra|mis libros)\b|"
            r"\b(?:donne|je ai donne|je donne|distribue|je distribue) (?:\w+ ){0,5}(?:mes affaires|toutes mes|"
            r"mon chien|"
            r"mon chat|mes bijoux|mes choses|ma guitare|mes livres)\b|"
            r"\b(?:dropped|left|gave|brought|dropping|giving) (?:off )?(?:his|her|their|my) (?:dog|cat|pets?|bird"
            r"|rabbit)\b.{0,12}\b(?:at|with|to)\b|\b(?:take|look) (?:care of|after) (?:my |her |his )?\w+ for me\b"
            r"(?=.{0,30}\b(?:dog|cat|pet|bird|rabbit)\b))",
            r"(?P<letters>\b(?:wrote|written|writing|left|leaving) (?:\w+ )?(?:letters?|notes?|messages?) (?:for|to)"
            r" (?:my|everyone|each|all|whoever|the people)\b|\b(?:finished|done) (?:writing )?(?:the|my|all the|all my)"
            r" (?:goodbye )?(?:letters|notes)\b|"
            r"\b(?:letters|notes) (?:are |is )?(?:all )?(?:done|finished|written|addressed|stamped|sealed)\b|"
            r"\b(?:letters?|notes?) (?:for|to) (?:mum|mom|mam|dad|nan|gran|my (?:mum|mom|dad|kids|parents))\b"
            r"(?=.{0,40}\b(?:desk|table|drawer|bed|kitchen|and|dad|mum|mom)\b)|"
            r"\blettres? (?:d adieu|pour (?:mes|ma|mon) (?:soeurs?|freres?|enfants|mere|pere|parents|famille|fils|"
            r"filles?|petits enfants))\b|\bcartas? (?:de despedida|para (?:mis|mi) (?:hij\w+|herman\w+|madre|padre|"
            r"papas|familia|mama|papa|nietos))\b|"
            # a letter to explain, letters to finish (a to-do list), in the words of a second language too
            r"\b(?:write|wrote|written|writing|left|leaving|finish|finished|finishing)(?: \w+){0,2} (?:a |the )?"
            r"(?:letters?|notes?) (?:to explain|explaining|for after|for when im gone|to say sorry|saying goodbye|to "
            r"say "
            r"goodbye)\b|\bfinish(?:ed|ing)? (?:the |my |all the |writing (?:the |my )?)?letters\b(?! of)(?! (?:for|"
            r"to) (?:the )?"
            r"(?:council|bank|school|uni|university|course|job|application|insurance|landlord|court)\b))",
            # someone close reads the preparatory act as something else ("mum thinks im just being nice")
            r"(?P<cover>\b(?:told|tell|telling|tellin) (?:\w+ ){0,2}(?:im|i am|i was) (?:fine|grand|ok|okay|alright|"
            r"all "
            r"right|good)\b.{0,25}\b(?:im not|i am not|not really|but im not|i wasnt)\b|"
            r"\b(?:thinks?|thought|assumes?|assumed) (?:im|i am|i was|i m) just (?:being (?:nice|generous|"
            r"kind)|decluttering|having a (?:clear ?out|sort out)|clearing out|tidying)\b|"
            + COVER_STORY.pattern + ")",
            r"(?P<know_why>\bat least (?:they|theyll|she|he|everyone|you|people|my \w+)(?:ll| will| would)? "
            r"(?:know|understand) "
            r"why\b(?! i (?:missed|was|left|cancel\w*|quit|moved)))",
            r"(?P<affairs>\b(?:made|put) (?:all )?(?:the )?(?:necessary|final|last) arrangements\b|"
            r"\b(?:my|the|all the|all my) arrangements (?:are|have been) (?:all )?(?:made|in place|sorted)\b|"
            r"\b(?:signed|sorted|wrote|made|updated|finished|changed|redid|rewrote|redone) (?:out )?(?:my|"
            r"the) (?:will|affairs|"
            r"paperwork|passwords)\b|\b(?:signed|sorted|finished|done) (?:out )?(?:all )?(?:my |the )?(?:(?:super|"
            r"superannuation|"
            r"insurance|life insurance|pension|estate|funeral|bank|and) ){1,4}(?:paperwork|papers|forms)\b|"
            r"\blife (?:insurance|cover|policy)\b.{0,60}\b(?:suicide clause|suicide exclusion|(?:two|2|one|1) year "
            r"(?:clause|exclusion|mark|rule)|pays? out if|still pay(?:s)? out)\b|"
            r"\b(?:firme|he firmado|hice|he hecho|redacte|actualice|cambie) (?:\w+ ){0,2}(?:el |mi )?testamento\b|"
            r"\b(?:puesto|puse|dejado|deje|tengo) en orden (?:\w+ ){0,3}(?:cuentas|papeles|asuntos|cosas|todo)\b|"
            r"\b(?:fait|signe|redige|refait|mis a jour) (?:\w+ ){0,2}(?:mon |le )?testament\b|\b(?:mis|mets|mettre|"
            r"remis) (?:de l ordre dans|en ordre) (?:\w+ ){0,2}(?:affaires|papiers|comptes)\b|"
            r"\b(?:j ai|jai|ai) (?:deja )?tout regle\b(?! (?:pour|avec) (?:le|la|les|mon|ma|mes|notre) )|"
            r"\b(?:deje|he dejado|tengo|dejo) (?:ya )?todo (?:arreglado|en orden|listo)\b"
            r"(?! (?:para|con) (?:el|la|los|las|mi|nuestro|nuestra) )|"
            r"\bsign(?:ed|ing)? (?:the |my )?(?:\w+ ){0,2}over to (?:my|his|her|their|the) \w+\b|"
            r"\bput (?:the |my )?(?:house|croft|farm|car|ute|truck|flat|land|property|business|accounts?|savings) in "
            r"(?:my |his |her |their )?\w+ name\b|\baffairs in order\b|\b(?:everything|its all) (?:is )?(?:sorted|"
            r"arranged|taken care of|ready|in order)\b(?! (?:for|with) (?:the|my|our) (?:move|trip|holiday|wedding|"
            r"party|exam|baby|course))|"
            r"\b(?:is|are) going to (?:my|a) (?:sister|brother|mum|mom|dad|friend|neighbou?r|cousin)\b)",
            r"(?P<digital>\b(?:deleted|wiped) everything else\b|"
            r"\b(?:deleted|deleting|wiped|closed) (?:all )?(?:of )?my (?:socials|social media|accounts|"
            r"instagram|facebook|photos|messages|profiles?)\b)",
            r"(?P<handover>\b(?:sent|gave|giving|told|texted|emailed|messaged|left|handed|put|wrote down) (?:\w+ ){0,3}"
            r"(?:my|the|all my|every) (?:bank )?(?:pin|passwords?|logins?|spare keys?|bank details)\b|"
            r"\b(?:wrote|written|writing) (?:all )?(?:my|the) (?:bank )?(?:pins?|passwords?|logins?) down\b|"
            r"\b(?:so (?:that )?(?:someone|"
            r"somebody|anyone|they|whoever)(?: else)? (?:can|could) (?:finish|take over|carry on|pick up)|(?:for|"
            r"so) whoever "
            r"(?:takes|picks) (?:it |them |this )?(?:over|up))\b|\b(?:transfer\w*|leave|left|leaving|arranged for) "
            r"(?:all )?(?:of )?(?:my |the )?(?:savings|money|bank balance|accounts?|everything in my account) to "
            r"(?:go to |pass to |be transferred to )?"
            r"(?!(?:my|a|the) (?:new|other|savings|isa|own|joint|current|business)\b)\w+)",
            r"(?P<funeral>\bfuneral (?:playlist|songs|music)\b)",
            r"(?P<closing>\b(?:gave|given|handed in|put in) (?:my |the )?(?:landlord notice|notice on (?:my|the) "
            r"(?:flat|apartment|lease|place|room))\b|"
            r"\b(?:settled|cleared|paid) (?:all )?(?:of )?(?:my )?(?:outstanding|remaining) (?:invoices|bills|debts|"
            r"accounts)\b|\bcancel (?:the )?gym\b|"
            r"\b(?:paid off|cancelled|canceled|closed|cancelling|sold) (?:all )?(?:my|the) "
            r"(?:phone contract|gym|subscriptions?|direct debits|bank account|lease|insurance|life insurance|"
            r"credit cards?|loans?|car|ute|truck|guitars?|drums|records|vinyl|tools|guns|rifles?|motorbike|boat)\b)",
            r"(?P<spot>\beverything i need is (?:in|ready|here|laid out|in the)\b|"
            r"\b(?:found|chose|picked) (?:a|the) (?:spot|place)\b(?=.{0,40}\b(?:nobody|no one|it would do|"
            r"quiet)\b))",
            r"(?P<last>\blast time (?:you|anyone|youll|you will)(?: \w+)? hear from me\b|\bnever (?:see|hear from) me"
            r" again\b|\b(?:my )?last (?:day|night|session|message|text|post|words)\b(?! (?:of|at|before|in) "
            r"(?:the|work|school|term|college|uni|my (?:job|contract|holiday)))"
            r"(?! was)(?=.{0,40}\b(?:sorry|bye|goodbye|love|thank|ever|alive|here|on earth)\b))",
        )
    )
)
# Finality groups that are preparatory acts: imminent risk with any other cue (guide: preparatory = imminent).
PREPARATORY_GROUPS = frozenset({"giving", "letters", "affairs", "digital", "handover", "funeral", "closing", "spot"})
TIMEFRAME = re.compile(
    r"\b(?:tonight|tomorrow|this weekend|the night|right now|in an hour|in a few hours|by morning|before morning|"
    r"when everyone (?:is asleep|goes to bed|leaves)|its time|this is it|today|this evening|ce soir|esta noche|"
    r"waiting (?:for|till|until) (?:\w+ ){1,3}(?:to (?:leave|go out|go away|fall asleep)|(?:is|are) (?:asleep|gone|"
    r"out))|quand (?:\w+ ){1,3}(?:vont se coucher|va se coucher|dort|dorment|sera partie?|seront partis|va partir)|"
    r"(?:je|j) attends (?:juste )?que (?:\w+ ){1,3}(?:parte|monte|soit partie?|dorme|aille)|"
    r"cuando (?:\w+ ){1,3}(?:se duerman|"
    r"se duerma|se vayan|se vaya|se acuesten|se acueste))\b"
)
MEANS_AT_HAND = re.compile(
    r"\b(?:have|has|had|got|gotten|bought|buys|holding|holds|found|keeps|kept|stash\w*|sav(?:ed|ing) up|"
    r"stockpil\w*|collected|lined up|laid out|loaded|brought|picked up|putting aside|put aside|setting aside|set aside|"
    r"hoard\w*)\b(?: \w+){0,4} "
    r"(?:rope|noose|gun|pistol|rifle|shotgun|firearm|bullets|pills|tablets|meds|sleeping pills|blade|blades|"
    r"razor|razors|ligature|bleach|antifreeze|poison|paracetamol|tylenol|insulin|painkillers|"
    r"oxy\w*|fentanyl)\b|\b(?:rope|noose|guns?|pistol|rifles?|shotguns?|pills|tablets|blade|razor|knife|knifes|knives) "
    r"(?:is |are )?(?:loaded|ready|"
    r"tied|lined up|set up|laid out|in my (?:hand|pocket|bag|car|room)|on (?:my|the) (?:desk|counter|table|bed)"
    r"(?: next to me| beside me)?|next to me|beside me|under my pillow)\b|"
    r"\b(?:achete|je ai|il a|elle a|garde|cache|tengo|tiene|compre|guardo|escondi|consegui) (?:\w+ ){0,2}"
    r"(?:la |une |des |les |una |unas |las )?(?:corde|soga|fusil|carabine|pistolet|arma|pistola|cachets|pilules|"
    r"pastillas|lame|lames|navaja|cuchilla)\b"
)
# A short follow-up that completes an act only when the conversation already shows distress.
CONTEXT_ACT = re.compile(
    r"\b(?:i did it(?: again)?|did it again|i took them(?: all)?|took (?:them|it|all of them|the lot) all|"
    r"(?:i )?counted them|theres enough|there are enough|its enough to|(?:i )?(?:picked|chose|set) (?:a|the) "
    r"(?:date|day|time|place)|going (?:to go )?through with it|doing it (?:tonight|today|now|tomorrow)|"
    r"im (?:going to|ready to) do it|its (?:time|happening)|i wont be here|wont be here (?:for|by)|this is it|"
    r"i relapsed|relapsed again|it wont matter|i\W?ll be gone|already (?:did|done) it|(?:the )?(?:old |dark |same )?"
    r"thoughts (?:are|have come|came) back|(?:ya )?volvieron los pensamientos|los pensamientos (?:de antes )?(?:ya )?"
    r"(?:volvieron|regresaron|han vuelto)|les (?:idees noires|pensees|idees) (?:de avant )?(?:sont )?revenues)\b"
)
CONTEXT_ACT_DONE = re.compile(r"\b(?:took|swallowed|taken|counted them|theres enough|did it|done it)\b")


# --------------------------------------------------------------------------- benign reasons and accidents

# Benign reasons that explain away "won't need sessions", "won't be around" and accidents.
BENIGN_REASON = re.compile(
    r"\b(?<!not )(?<!never )(?:graduat\w*|moving|move|moved|relocat\w*|new (?:therapist|counsell?or|job|city|"
    r"clinic)|switch\w*|"
    r"insurance|feeling (?:so much |much |a lot )?better|doing (?:so much |much |a lot )?better|im better|"
    r"finished|finishing|ending therapy|end therapy|holiday|vacation|trip|travel\w*|conference|work trip|"
    r"business (?:trip|travel)|on business|deployment|exams?|surgery|hospital stay|maternity|paternity|retir\w*|"
    r"she said|he said|"
    r"she says|he says|they said|discharged|waitlist|sick leave|abroad|visiting)\b"
)
ACCIDENT = re.compile(
    r"\b(?:accident\w*|by mistake|on the (?:stove|oven|hob|pan|iron|kettle|grill|door|cupboard|table|corner|shelf"
    r"|cabinet|car door|doorframe)|cooking|making (?:dinner|lunch|breakfast|tea|coffee)|ironing|baking|fell|"
    r"tripped|slipped|at the gym|playing (?:football|rugby|basketball|hockey|sport)|sunburn\w*|shaving|"
    r"gardening|paper cut)\b"
)
INTENT = re.compile(
    r"\b(?:on purpose|deliberately|intentionally|again|keep|kept|to feel|to punish|deserve|until|till|til|urge|"
    r"relapse\w*|want to|wanted to|because i (?:hate|deserve|wanted))\b"
)


# --------------------------------------------------------------------------- negation, hypothetical, past

NEGATION = re.compile(
    r"\b(?:not|never|no|zero|dont|do not|wont|will not|isnt|arent|wasnt|no longer|nor|without)\b"
    r"(?! (?:sure|certain|ok|okay|even sure|know|lie|gonna lie|that|just|only|one|way|longer want|"
    # "no dejo de pensar en ..." is "I can't stop thinking about ...", not a negation of it
    r"dejo de|paro de|puedo dejar de|puedo parar de))"
)
HYPOTHETICAL = re.compile(
    r"\b(?:if|when|whether|what if|in case|once) (?:i|you|a client|clients|someone|somebody|they|people|a person|a "
    r"student|a pupil|my student|a kid|a teen|a parent|"
    r"my (?:child|kid|son|daughter|teen)|a patient)\b(?: \w+){0,3} (?:say|says|said|tell|tells|told|mention|mentions|"
    r"mentioned|disclose|discloses|admit|admits|report|reports|talk about|talks about|bring up|express|expresses|"
    r"confess|confide|write|wrote)\b|\b(?:si|cuando|quand|en caso de que)\b(?: \w+){0,4} (?:le |me |te |lui |nous )?"
    r"(?:cuenta|dice|dijera|contara|menciona|dit|raconte|disait|parle|digo|cuento|menciono|confieso|escribo|dis|"
    r"avoue|ecris|confie)\b"
)
IF_INSIDE = re.compile(r"(?<!what )\b(?:if|whether) (?:i|you|someone|a client|they|my (?:child|kid|son|daughter)|one "
                       r"of "
                       r"(?:my|our) \w+|an? (?:student|pupil|client|patient|soldier|resident|employee|staff member|"
                       r"colleague|member))\b")
PAST = re.compile(
    r"\b(?:years ago|year ago|months ago|used to|as a (?:kid|child|teen|teenager)|when i was (?:younger|a kid|a teen|"
    r"a teenager|little|\d+|in)|back in (?:(?:19|20)\d\d|the day|high school|school|college|uni)|back when|in (?:19|2"
    r"0)\d\d|last year|last (?:spring|summer|fall|autumn|winter)|"
    r"in the past|a while ago|long time ago|long ago|behind me|clean for|for \d+ years|in (?:high school|college|"
    r"uni|university|school)|previously|history of|my past)\b"
)
# The part of PAST that is weeks or months, not years: an attempt then still counts (``Pattern.recent_act``).
RECENT_PAST = re.compile(r"\b(?:months ago|last (?:spring|summer|fall|autumn|winter)|a while ago)\b")
RECOVERED = re.compile(
    r"\b(?:now im (?:fine|ok|okay|good|better|doing)|im (?:fine|ok|okay|good|better) now|doing (?:ok|okay|well|"
    r"better|good|fine)|good place|behind me|clean for|recovered|they passed|it passed|its passed|no longer|"
    r"not anymore|much better now|im fine now|in a good place|havent (?:since|in years)|(?:\d+|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|many|several) (?:months|years) (?:clean|sober))\b"
)
PRESENT_RISK = re.compile(
    r"\b(?:most (?:nights|days)|every (?:day|night|single day)|all the time|nonstop|constantly|mean it|(?:are|is|came|"
    r"coming) back|again|still|tonight|today|right now|currently|lately|these days|this week|going to|want to|wants to|"
    r"anymore|try again|now i (?:want|feel|think)|i keep)\b"
)

# --------------------------------------------------------------------------- person and framing

FIRST = frozenset({"i", "im", "ive", "id", "ill", "me", "myself", "je", "yo", "moi"})
THIRD = frozenset(
    {
        "she", "he", "they", "shes", "hes", "theyre", "her", "him", "his", "their", "them", "friend", "friends",
        "son", "daughter", "sister", "brother", "mum", "mom", "dad", "girlfriend", "boyfriend", "partner", "wife",
        "husband", "roommate", "flatmate", "client", "cousin", "kid", "child", "student", "coworker", "colleague",
        "bf", "gf", "niece", "nephew", "aunt", "uncle", "grandma", "grandad", "teen", "classmate", "amiga", "amigo",
        "ami", "amie", "patient", "character", "protagonist", "heroine",
    }
)  # fmt: skip
# A hypothetical that the writer then owns ("asking hypothetically. it's me", "the friend is me", "c'est moi"): the
# hypothetical frame no longer lowers it.
SELF_REVEAL = re.compile(
    r"\b(?:its|it is|thats|that is|the (?:someone|somebody|person|friend) is|the friend (?:is|was)) (?:me|myself)\b|"
    r"\bi mean me\b|\b(?:asking|this is|its) for (?:me|myself)\b(?! (?:and|or) )|\bim the (?:friend|someone|person)\b|"
    r"\bc est (?:moi|pour moi)\b|\bje parle de moi\b|\b(?:soy yo|es para mi|hablo de mi|el amigo soy yo|la amiga "
    r"soy yo)\b"
)
DISPLACED = re.compile(r"\b(?:asking for a (?:friend|mate)|for a friend|hypothetically|for a story|for research)\b")
DISMISS = re.compile(
    r"\b(?:just kidding|joking|kidding|school project|for a project|for a story|nevermind|never mind|nvm|"
    r"forget i said|was a joke|its fine|im fine)\b"
)

# A threat against a relative marked as a joke ("I'll strangle him 😂", "pas littéralement"), read on the raw text
# because normalising drops emoji and "lol"; never when a weapon is named or the person says it is no joke.
JOKE = re.compile(
    r"[\U0001F602\U0001F923\U0001F606\U0001F605\U0001F644\U0001F624\U0001F92A\U0001F61C]|\b(?:lol|lmao|lmfao|"
    r"haha\w*|jaja\w*|jeje\w*|mdr|ptdr|xd)\b|\b(?:not literally|pas litt[ée]ralement|no literal(?:mente)?|"
    r"just kidding|jk)\b",
    re.IGNORECASE,
)
# An everyday irritation pushed to hyperbole ("if I fill out one more form I'll throw myself off the roof", "one more
# meeting and I'm done"): with a joke marker, its risk words are a figure of speech - unless harm is the condition.
HYPERBOLE_IF = re.compile(
    r"\b(?:if|when) (?:i|he|she|they|my \w+|anyone|someone|one more person) (?:have to |has to |gotta |need to |"
    r"(?:do|does) )?(?!(?:hits?|hurts?|touch\w*|grabs?|chokes?|beats?|kicks?|slaps?|rapes?|threatens?|pushes?|"
    r"cuts?)\b)(?:\w+ ){1,5}one more (?:\w+ ){0,3}|\bone more (?:\w+ ){1,3}and (?:i|ill|im|she|shell|he|hell)\b"
)
# Fear or hiding now ("he said when he wakes up i'm dead, i'm locked in the bathroom"): an idiom's words are not
# explained away
UNSAFE_NOW = re.compile(
    r"\b(?:locked (?:myself )?in|locked the door|hiding|hid|hide|scared|afraid|terrified|not safe|unsafe|help me|"
    r"please help|asustad[oa]|miedo|escondid[oa]|peur|cachee?|enfermee?)\b"
)
# A risk phrase taken back as a joke right after it ("me tiro del balcón jaja mentira", "kms lol jk"): a check-in,
# never silence (a retraction inside a conversation keeps the earlier crisis: see DISMISS)
RETRACTED = re.compile(
    r"\s*(?:(?!(?:not|no|pas|im|nah)\b)\w+\s+){0,2}?(?:(?:haha\w*|jaja\w*|jeje\w*|mdr|ptdr|xd|lmao|lol)\s+)?"
    r"(?:just kidding|jk|kidding|mentira|es broma|"
    r"es (?:un )?chiste|c est une blague|je rigole|je blague|je deconne)\b"
)
NOT_A_JOKE = re.compile(r"\b(?:not (?:a )?jok\w*|no joke|serious\w*|srsly|for real|pas une blague|c est pas (?:une )?"
                        r"blague|no es (?:broma|chiste)|en serio)\b")

# --------------------------------------------------------------------------- smaller cues of the pattern layer

# "i've never taken an overdose but i think about it": the negation does not cover what follows the "but"
BUT_TURN = re.compile(r"^.{0,30}\bbut\b.{0,25}\b(?:think(?:ing)? about|thought about|want|wanna|feel like|tempted|"
                      r"keep thinking|pienso en|quiero|je pense a|je veux|envie)\b")
CONTRAST = frozenset({"but", "though", "however", "yet", "pero", "mais", "sauf", "except"})
NOT_A_NEGATION = re.compile(r"\b(?:no one|nobody|no reason|no point|"
                            r"(?:say|said|saying|says|tell|told|telling)(?: \w+)? no|"
                            r"(?:trying|tryna|try|tried) not to|tryna "
                            r"not|(?:ya )?no (?:aguanto|puedo mas|soporto)|je (?:ne )?(?:tiens|supporte) plus)\b")
# ("no" that states the risk: "ya no aguanto, me quiero morir", "je tiens plus")
INGESTED = re.compile(r"\b(?:took|swallowed|taken|ate|drank)\b")  # a follow-up act is an overdose
NOT_WAKE_UP = re.compile(r"\bnot wake up\b")  # a lethality question about not waking is imminent
MEANS_KEPT_READY = re.compile(  # means at hand with no other cue earns a check-in
    r"\b(?:have|got|bought|stash\w*|sav\w+|stockpil\w+|collected)\b.{0,25}\b(?:the|my|a|all|enough|these)\b"
    r".{0,10}\b(?:pills|tablets|rope|noose|gun|blade|razor)\b.{0,15}\b(?:here|ready|with me|next to me)\b"
)
# "won't do anything today": the time word is not an imminence cue
NOT_NOW = re.compile(
    r"\b(?:wont|will not|not going to|im not going to|not gonna|i wont) do anything (?:today|tonight|right now)\b|"
    r"\bnot (?:today|tonight)\b"
)
# a child-at-risk reading turns imminent ("i'm so close to shaking her right now")
CHILD_NOW = re.compile(r"\b(?:right now|rn|this minute|at the moment|ahorita|ahora mismo|en ce moment|maintenant)\b")
ABUSER_NEAR = re.compile(
    r"\b(?:right now|tonight|outside|at the door|here|afuera|en la puerta|aqui|ahorita|dehors|a la porte|ici|ce soir)\b"
)  # abuse turns imminent

# --------------------------------------------------------------------------- safety net
# Families an independent probe (messages in no eval set) found under-weighted: lethality
# questions without other cues, threats by someone at home, planning talk, first-person wishes.

LETHALITY = re.compile(
    r"\bcount(?:ed)? (?:them|the \w+|it|out)\b.{0,30}\b(?:should|will|would|must) be enough\b|"
    r"\b(?:jump\w*|fell|fall|took|take|swallow\w*|drank|drink)\b.{0,50}\b(?:would|will|is) it (?:be )?"
    r"(?:instant\w*|quick|painless|fatal|enough|over quickly)\b|"
    r"\b(?:would|will|could|is|are)\b.{0,12}\b(?:lethal|fatal|deadly|enough to (?:die|kill|od|overdose))\b|"
    r"\bhow (?:many|much)\b.{0,40}\b(?:lethal|fatal|deadly|kill (?:me|you|someone|a person)|to die|overdose|od)\b"
)
HOME_THREAT = re.compile(
    r"\b(?:he|she|they|my (?:dad|father|mom|mum|mother|husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|"
    r"stepdad|stepfather|stepmom|brother|sister|son|uncle))\b.{0,25}\b(?:says|said|threatens|threatened|swears|"
    r"swore|will|ll|is going to|gonna|going to)\b.{0,15}\b(?:kill|hurt|beat|shoot|stab)\b.{0,12}"
    r"\b(?:us|me|my|the kids|everyone|all of us|mom|mum)\b"
)
# "my mum will kill me if she finds out": scolding, not a threat.
THREAT_IDIOM = re.compile(
    r"\bkill (?:me|us)\b.{0,6}\b(?:if|when|once) (?:she|he|they|mom|mum|dad|my \w+) "
    r"(?:finds?|found|sees?|saw|knows?|hears?|catch(?:es)?|learns?|notices?|realises|realizes)\b"
)
PLANNING = re.compile(
    r"\b(?:already )?know (?:exactly )?how (?:id|i would|im going to|i will|ill) do it\b|"
    r"\b(?:planning|planned|plan(?:ned)? out|figured out|worked out) (?:how|when|where) (?:to|im going to|i will) "
    r"(?:do it|end it|go through with it)\b|\bpick(?:ed|ing)? (?:a|the) (?:day|date) (?:to|for it)?|"
    r"\b(?:set|picked|chosen|chose) (?:a|the) date\b|\bquiero desaparecer\b|\bme quiero ir para siempre\b"
)
# First-person wish or thoughts about suicide in any wording ("wanna sewerslide", "thinkin bout suicde").
SUICIDE_WISH = re.compile(
    r"(?:^|\b(?:i|im|ive|id|been|keep|still|always)\b.{0,25}\b)(?:want|wanna|going to|gonna|thinking|thinkin|think|"
    r"thought|considering|planning|ready)\b.{0,20}\b(?:commit(?:ting)? )?suicide\b"
)
WISH_NEGATED = re.compile(r"\b(?:not|never|no longer|dont|don t|didnt|wasnt|isnt|arent|stopped)\b")
WISH_PAST = re.compile(
    r"\b(?:used to|years ago|when i was (?:a kid|younger|little|a teen)|not anymore|no longer|in the past)\b"
)

# A lethality question that names a substance is about an overdose.
SUBST_WORDS = re.compile(
    r"\b(?:pills?|tablets?|meds|medication|tylenol|paracetamol|acetaminophen|ibuprofen|advil|aspirin|insulin|"
    r"xanax|benadryl|sleeping|antidepressants?|alcohol|vodka|bleach|drugs?|dose|overdose)\b"
)

# --------------------------------------------------------------------------- semantic layer
# Picks the riskiest sentence of a long message to embed next to the whole message.
# The same, in Spanish and French (used where a rule must not calm a message that says them).
RISK_WORDS_ES_FR = re.compile(
    r"\b(?:morir(?:me)?|muerte|matar\w*|suicid\w*|cortar\w*|me corto|ahorcar\w*|pastillas|mourir|tuer|me tuer|"
    r"couper|me coupe|pendre|cachets|medocs|sang|sangre)\b"
)
# The person names the risk as their own ("my self harm", "i've been cutting"): a question around it ("should i tell
# my therapist about my self harm or will she be mad") is still a disclosure, so the trained layer cannot veto it
OWN_RISK = re.compile(
    r"\bmy (?:self ?harm\w*|cutting|suicidal (?:thoughts|feelings)|suicide attempts?|overdoses?|purging|bingeing and "
    r"purging)\b|\bi (?:self ?harm|cut myself|have been cutting|ve been cutting|keep cutting|still cut)\b"
)
# A bare greeting ("hi", "hello there", "bonjour") says nothing about how the person is: the trained layer alone
# never turns it into a check-in (retrained on more data in the twelfth round, it read "hi" as distress)
GREETING_ONLY = re.compile(
    r"(?:hi|hiya|hey|heya|hello|helo|yo|howdy|good (?:morning|afternoon|evening)|hola|buenas|buenos dias|bonjour|"
    r"salut|allo|coucou|kia ora|gday)(?: there| again| all| everyone| you)?"
)
RISK_WORDS = re.compile(
    r"\b(?:die|dead|death|kill|suicid\w*|hurt|cut|pills|end|life|alive|gone|hit|raped|touched|overdos\w*|"
    r"took|swallowed|blood|breathe|hopeless|burden|point)\b"
)

# --------------------------------------------------------------------------- issue 12 families
# Eating-disorder medical danger: an acute sign makes a restriction or purging cue imminent.
ED_ACUTE = re.compile(
    r"\b(?:(?:dizzy|lightheaded|light headed)\b.{0,25}\b(?:fell|fall|falling|fallen|hit the floor|on the floor|"
    r"keel\w* over)|muddled|not making (?:any )?sense|faint\w*|passed out|pass out|passing out|black(?:ed)? out|"
    r"blacking out"
    r"|collaps\w*|chest (?:pain|hurts|is "
    r"tight|feels tight)|heart (?:is |keeps |s )?(?:racing|pounding|skipping|fluttering|going (?:really |so )?fast|"
    r"beating (?:really |so )?fast|doing (?:this|a) (?:pounding|racing|skipping))|palpitations|confus\w*|cant think "
    r"straight|vomit\w* blood|throwing up blood|blood in (?:my|the) (?:vomit|sick)|potassium|seizure|me desmaye|"
    r"desmayo|desmaye|taquicardia|el corazon (?:me )?(?:late|va) (?:muy )?(?:rapido|fuerte|rarisimo|raro|a mil)|"
    r"(?:el corazon|el pulso)\b.{0,30}\bse (?:me )?salta|me maree|evanoui\w*|tombee? dans"
    r" les pommes|coeur (?:qui )?(?:debat|bat (?:trop |tres )?vite|s emballe)|le coeur me debat)\b"
)
# Reasons a person goes without food that are not an eating disorder.
FASTING_REASON = re.compile(
    r"\b(?:ramadan|ramadhan|yom kippur|lent|blood (?:test|work|draw)|colonoscopy|surgery|operation|procedure|"
    r"stomach bug|gastro|flu|covid|food poisoning|tonsil\w*|wisdom teeth|dentist|nil by mouth|fasting (?:for|before)"
    r"|16 ?8|intermittent fasting|jeune|ayuno|ramadan)\b"
)
# Someone who gives an age under 18 (or a school year) about themselves: their abuse is a child at risk.
CHILD_SELF = re.compile(
    r"\b(?:im|i am|i m|soy|tengo|je ai)\s+(?:only |just |like )?(?:[5-9]|1[0-7]|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|doce|trece|catorce|quince|dieciseis|diecisiete|douze|treize"
    r"|quatorze|quinze|seize|dix sept)(?: (?:years old|yrs|yo|anos|ans))?\b(?! (?:years|yrs|anos|ans) (?:ago|since))"
    r"|\bin (?:year|grade|yr) (?:[3-9]|1[0-2])\b|\b(?:tengo|je ai) (?:[5-9]|1[0-7]) (?:anos|ans)\b"
)
# A patient lost on shift, a call-out to a death: the work of paramedics, nurses and police, not their own risk.
FRAME_WORK_EVENT = (
    r"(?:lost|had) a patient (?:die|to an?|who died)|\ba patient (?:died|passed away|die) (?:on (?:me|my|the) shift|"
    r"on me|after)|\b(?:went|called|sent|attended) (?:out )?to (?:a|another|an) (?:hanging|overdose|suicide|jumper|"
    r"fatal|"
    r"stabbing|shooting)\b(?=.{0,80}\b(?:job|shift|work|call|crew|colleagues?|station)\b)"
)
# Framing that makes risk words part of something other than a present danger. Each caps a crisis reading at a
# check-in unless the message also states present first-person risk (SELF_RISK_NOW) or a specific case.
# A procedure or study question (a role alone is not a frame: "I'm a school nurse and a 15 year old told me ..."
# is a real case).
FRAME_PROFESSIONAL = re.compile(
    r"\b(?:(?:reporting|referral|safeguarding|escalation|treatment) (?:process|procedure|pathway|route|policy|protocol|"
    r"threshold|duty|duties|obligations?)|(?:whats|what is|what are) (?:the|our|my|your) (?:procedure|protocol|process|"
    r"obligations?|duties)|duty to (?:warn|report)|tarasoff|mandatory report\w*|(?:an|our|my) after hours (?:text )?"
    r"policy|(?:my|an|this|the) (?:essay|assignment|homework) (?:on|about|is|due|for)|textbook|mcat|nclex|(?:an|my|th"
    r"e) exam (?:tomorrow|question|on|about|is)|studying for|(?:for|in) my (?:psych|psychology|nursing|sociology|"
    r"health|bio|biology|social work) (?:class|course|lecture|module|paper|exam|assignment)|"
    r"(?:med|medical|nursing|psych|psychology|social work) student\b.{0,160}\b(?:usually|normally|typically|generally|"
    r"procedure|protocol|who (?:notifies|informs|tells|calls))|on (?:my|a|the) (?:psych |clinical )?(?:rotation|"
    r"placement|practicum)|"
    r"(?:mental health )?first aid (?:course|training|class)|cpr (?:course|class)|(?:our|my|the|an) sop\b|"
    r"standard operating procedure|"
    r"(?:memoire|these|recherche|enquete) sur|etudiante? en (?:m1|m2|master|licence|psycho\w*|medecine|soins)|"
    r"(?:tesis|investigacion|trabajo final) sobre|"
    r"(?:soy|como) (?:psicologa?|enfermer[ao]|maestr[ao]|profesora?|trabajadora? social|estudiante|medic[ao])\b.{0,80}"
    r"\b(?:como|que) (?:gestion|hago|hacer|debo)|estudio (?:enfermeria|medicina|psicologia)|examen de|protocolo|"
    r"la marche a suivre|la procedure)\b|"
    r"\b(?:(?:im|i am|as) an?|here as an?|we are|were) (?:\w+ ){0,3}?(?:rn|nurse|lcsw|lpc|lmft|social worker|"
    r"psychologist|psychiatrist|gp|receptionist|clinician|case manager|counsell?or|therapist|teacher|doctor|"
    r"paramedic|student)\b.{0,200}\b(?:polic(?:y|ies)|protocols?|procedures?|handouts?|leaflets?|wording|discharge|"
    r"templates?|handovers?|"
    r"safety planning|our (?:clients|patients|students|staff)|who do we (?:contact|call|notify|tell|hand over to)|"
    r"one of (?:her|his|my|our|their) (?:clients|patients)|"
    r"(?:a|my|our) (?:patient|client|student) (?:who|we|discloses|messages|says))\b|"
    rf"\b(?:{FRAME_WORK_EVENT})\b|"
    r"\b(?:rn|nurse|lcsw|social worker|clinician|psychiatrist) (?:on|in|at) (?:an?|the) (?:\w+ ){0,3}?(?:unit|ward|"
    r"clinic|hospital|service)\b.{0,200}\b(?:polic(?:y|ies)|protocols?|procedures?|templates?|handovers?|who is "
    r"responsible|whos responsible)\b|"
    # a role announced first ("Paramedic here. When we transport someone ... who do we contact for handover?")
    r"^(?:\w+ ){0,2}(?:paramedic|nurse|gp|doctor|social worker|teacher|police officer|cop|firefighter|medic|clinician|"
    r"counsell?or|psychologist|pharmacist) here\b.{0,200}\b(?:polic(?:y|ies)|protocols?|procedures?|handovers?|who do "
    r"we (?:contact|call|notify|tell))\b"
)
# A named person's own words passed on ("a student emailed me stating that she intends to ..."): a case to act on.
PASSED_ON_DISCLOSURE = re.compile(
    r"\b(?:stating|saying|writing|wrote|emailed me|texted me|messaged me|told me) (?:that )?(?:she|he|they) (?:plans?|"
    r"intends?|wants?|wanna|is going|s going|will|has been|s been|cuts?|hurts?)\b"
)
# A specific case or a disclosure after the question: never framed away.
SPECIFIC_CASE = re.compile(
    r"(?<!not )\b(?:because|bc|cause|cos|coz) (?:i|im|ive|my|he|she)\b|\b(?:just|this morning|today|tonight|right now|"
    r"rn|"
    r"yesterday|last night)\b.{0,40}\b(?:told|said|showed|saw|came in|texted|rang|called|wrote|disclosed)\b|"
    r"\b(?:told|showed|said to) me (?:that )?(?:she|he|they|her|his)\b|"
    # the same in Spanish and French, said by a young person or a friend ("una alumna ... me ha dicho que", "un élève
    # m'a remis un dessin"), never by one's own therapist
    r"\b(?:alumn[oa]s?|estudiante|hij[oa]|amig[oa]|sobrin[oa]|niet[oa]|herman[oa]|prim[oa]|chic[oa]|nin[oa]|eleve|"
    r"etudiante?|fille|fils|amie?|niece|neveu|soeur|frere|cousine?|petite?|ado)\b.{0,80}\b(?:(?:me|nos) (?:ha |han )?"
    r"(?:dicho|dijo|conto|contado|confeso|confesado|escribio|escrito|mostro|mostrado|enseno|ensenado|entrego|"
    r"entregado)|(?:me a|nous a|me ont) (?:dit|ecrit|avoue|confie|montre|remis|envoye))\b|\b(?:rang|called|phoned|"
    r"texted|messaged|emailed|wrote to|dmed|dm d) me\b"
    r".{0,50}\b(?:saying|to say|and said)\b|\bwrote (?:in (?:her|his|their) (?:\w+ ){1,2})?(?:that )?"
    r"(?:she|he|they)\b|\bmy (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|ex|dad|father|mum|mom|mother|stepdad)"
    r"\b.{0,30}\b(?:threw|hit|hits|hurt|hurts|pushed|choked|beat|beats|kicked|slapped|raped|touched)\b|"
    # a child's words about someone at home, passed on by the adult who heard them ("said his uncle does it to him")
    r"\b(?:said|says|told (?:me|us|the \w+)|admitted|disclosed) (?:that )?(?:his|her|their) (?:uncle|aunt|auntie|dad|"
    r"daddy|father|mum|mom|mother|stepdad|stepfather|stepmum|stepmom|brother|sister|cousin|grandad|granddad|grandpa|"
    r"grandfather|nan|gran|grandma|grandmother|coach|neighbou?r|(?:mums?|moms?) (?:boyfriend|partner))\b|"
    + PASSED_ON_DISCLOSURE.pattern
)
FRAME_MEDIA = re.compile(
    r"\b(?:(?:song|film|movie|show|series|book|novel|episode|documentary|doco|docu|podcast|article|story|poem|play|"
    r"screenplay|script|fanfic|fic|comic|"
    r"drama|"
    r"finale|season|album|video) (?:about|where|in which|that (?:talks|is) about|"
    # "sessions by video with the camera off" is therapy by video, not a video about something
    r"with(?! (?:the |my |our |no |a |her |his |their )?(?:camera|cam|webcam|sound|audio|mic|video|therapist|"
    r"counsell?or|psychologist|psych|sessions?)\b))|(?:the|a) (?:news|article|"
    r"headline|report|piece|story) (?:about|on)|(?:on|in) the news|news about|lyrics|"
    # what a song says ("the bit where she sings about jumping"), not someone who sings alto in a choir
    r"(?:sings|singing|sang) (?:about|that|how|the (?:line|words|bit|part))|the (?:bit|part|"
    r"scene|line|verse|lyric) (?:where|about)|(?:watching|reading|playing|listening to|binged|binging) (?:the|a|"
    r"this|that) (?:show|film|"
    r"movie|book|series|game|novel|podcast)|character|hamlet|shakespeare|"
    r"sims?|minecraft|fortnite|roblox|elden ring|in (?:the|my) game|(?:in|on) (?:the|this|that) level|died to (?:this|"
    r"the|that) boss|boss fight|(?:cancion|pelicula|serie|libro|novela|noticia)"
    r" (?:de|sobre|donde|que|en (?:la|el) que)|(?:un|el|le|une) (?:reportage|documental|documentaire|emission|"
    r"reportaje|balado)\b"
    r"|en (?:las|el) noticia\w*|viendo (?:la|el|una|un|esta|este|mi) (?:serie|pelicula|peli|"
    r"programa|documental|video|novela|show|caricatura)|(?:chanson|toune|film|serie|livre|roman) (?:qui|sur|ou)"
    r"|aux nouvelles|aux infos|au (?:journal|telejournal|tj)|(?:a|sur) (?:la tele|la radio|bfm|tf1)|en el noticiero|"
    r"en (?:la tele|la radio|el periodico|el diario)|en train de (?:regarder|lire)|preach(?:ing)? (?:on|about)|"
    r"sermon|homily|bible study|"
    r"gospel (?:reading|of|for)|lectionary|scripture|sunday school|(?:predicar|sermon|homilia) sobre|"
    r"(?:precher|sermon|homelie) sur|(?:song|tune|track|lyrics?|chorus|line)\b.{0,60}\b(?:out of my "
    r"head|on (?:a )?loop|on repeat)|earworm|dans (?:le|mon|un) (?:bouquin|livre|roman)|escuchar (?:\w+ ){0,3}"
    r"(?:corridos|musica|canciones|rap|"
    r"reggaeton|narcocorridos))\b"
)
# A young child's threat to a sibling or friend, reported by a parent ("mi hija de 7 le dice 'te voy a matar' a su
# hermano"): ordinary words of a small child, not a threat to act on.
FRAME_CHILD_TALK = re.compile(
    r"\b(?:my|mi|mon|ma) (?:\w+ )?(?:son|daughter|kid|child|boy|girl|hij[oa]|nin[oa]|fils|fille|petite?) (?:de |of |is "
    r"|who is )?(?:[2-9]|two|three|four|five|six|seven|eight|nine)(?: (?:year old|years old|yo|anos|ans))?\b.{0,40}"
    r"\b(?:says|said|keeps saying|yells|screams|told|dice|dijo|grita|dit|a dit|crie)\b(?=.{0,80}\b(?:a|to) (?:su|his|"
    r"her|son|sa) (?:hermanit[oa]|herman[oa]|little brother|little sister|brother|sister|frere|soeur|amig[oa]|friend|"
    r"cousin|prim[oa])\b)"
)
# Everyday activities whose words sound like risk: cooking, sport, medicine taken as directed.
FRAME_EVERYDAY = re.compile(
    r"\b(?:recipe|roast|onions?|oignons?|cebollas?|en (?:emincant|coupant|epluchant) |picando|mandoline|line cook|"
    r"slicer|chopping|dicing|whetstone|chefs? knife|boning|carving knife|bread knife|kitchen knives|cutting board|"
    r"(?:the |my )?(?:baby|bub|bump) (?:is |s )?(?:kicking|kicks|kicked)|kicking (?:me )?(?:in|from) the inside|"
    r"boxing (?:class|gym|session)|sparring|kickboxing|jiu jitsu|martial arts|rugby|training session|"
    r"for (?:a |my |the )?(?:headache|period pain|cramps|migraine|toothache|back pain|cold|flu|hay fever|fever|"
    r"sore throat)|is (?:that|it) (?:ok|okay|safe|fine) (?:together|to take|with)|as prescribed|my usual dose|"
    r"endoscop\w*|colonoscop\w*|prise de sang|analisis de sangre|fasting blood test|(?:missed|forgot) (?:one of )?my "
    r"(?:pill|pills)\b.{0,30}\b(?:contracepti\w*|birth control))\b"
)
_PAST_RISK = (
    r"(?:attempt\w*|overdos\w*|od|(?:tried|trying) to (?:kill|end|die)|thought about ending|cut|cutting|"
    r"self harm\w*|anorexi\w*|bulimi\w*|eating "
    r"disorder|abus\w*|assault\w*|raped|suicid\w*|ts|tentative|intente|violent|hit us|hit me|hurt me|purg\w*|scars|"
    r"cicatrices|scarif\w*|me coupais|me mutilais|pegaba|golpeaba|frappait|battait|pense en (?:matarme|suicidarme|"
    r"morirme|quitarme la vida)|pensaba en (?:matarme|suicidarme|morirme)|pense au suicide|pensais au suicide|pense a "
    r"me (?:tuer|suicider))"
)
# a streak: "two years without cutting", "dos anos sin cortarme", "deux ans sans me couper"
_STREAK = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|seis|deux|trois|quatre|cinq|six) "
    r"(?:years|anos|ans) (?:clean|free|without|sin|sans)"
)
# a childhood age, or a teenage one from someone who says they are an adult now ("when i was 16. i'm 30 now")
_CHILDHOOD = r"when i was (?:[5-9]|1[0-2])\b|when i was 1\d\b(?=.{0,80}\b(?:im|i am) (?:now )?[2-9]\d\b)"
_YEARS_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|many|several) years"
# Time expressions that place a risk word in the long-resolved past, on either side of it.
_LONG_AGO = (
    r"years ago|(?:a few|some|many|several|a couple of) years back|as a (?:kid|child|teen|teenager)|when (?:i was|"
    r"we were) (?:little|younger|a kid|kids|a teen|a teenager|"
    r"small|in (?:high )?school)|in high school|back in (?:(?:19|20)\d\d|the day|high school|school|college|uni)|"
    r"cuando (?:yo )?era (?:nina|nino|chica|chico|pequena|pequeno|chiquita|chiquito|adolescente|joven)|"
    rf"hace (?:\w+ ){{0,2}}anos|il y a (?:\w+ ){{0,3}}(?:ans|annees)|(?:in|en) (?:19|20)\d\d|{_CHILDHOOD}|{_STREAK}"
)
FRAME_LONG_PAST = re.compile(
    # the risk word, then the time ("cut myself in high school")
    rf"\b{_PAST_RISK}\b.{{0,60}}\b(?:{_YEARS_COUNT} (?:ago|since|now|clean)|a decade|decades|at uni|{_LONG_AGO}|"
    rf"ca fait (?:\w+ ){{0,2}}ans|(?:du|au) (?:secondaire|lycee|college))\b|"
    # the time, then the risk word ("years ago i attempted")
    rf"\b(?:{_YEARS_COUNT} (?:ago|since)|a decade ago|used to|{_LONG_AGO}|quand je? ?etais (?:petite?|ado|jeune|"
    rf"enfant))\b.{{0,60}}\b{_PAST_RISK}\b|"
    # a streak before the risk word ("two years without cutting")
    rf"\b{_STREAK} (?:\w+ ){{0,2}}(?:cut\w*|cortar\w*|me (?:couper|mutiler|faire du mal)|self harm\w*|harming myself|"
    rf"hurting myself|lastimarme|hacerme dano|purg\w*|vomit\w*)\b|"
    rf"\bca fait (?:\w+ ){{0,2}}ans que je (?:ne )?me (?:scarifie|coupe|mutile|fais du mal|fais vomir) plus\b|"
    rf"\bhace (?:\w+ ){{0,2}}anos (?:que )?no me (?:corto|lastimo|hago dano|provoco el vomito)\b"
)
# Risk that is back or still there: the long-resolved past does not frame a message that says this.
RISK_RETURNED = re.compile(
    r"\b(?:(?<!myself )(?<!normal )(?<!me )again|still(?! (?:there|works?|working|at (?:the|your)|practis\w*|"
    r"available|in touch|open|on (?:the|your) (?:staff|team)))|lately|"
    r"(?<!better )(?<!good )(?<!well )(?<!fine )these days|"
    r"this week|anymore|right now|tonight|(?:are"
    r"|is|came|coming|its) back|"
    r"started (?:again|up again)|relapsed?|want to(?! (?:ask|know|tell|say|thank|share|let|pass|mention|book|check|"
    r"find out))|going to|cant stop|every (?:day|night)|most (?:nights|days))\b|"
    # the same in French and Spanish ("j'y repense ces temps-ci", "ha vuelto", "otra vez")
    r"\b(?:(?:y|je) (?:re)?pense encore|ces (?:temps|jours) ci|de nouveau|(?:ca )?recommence|(?:est|sont) revenue?s?|"
    r"reviennent|revient|otra vez|de nuevo|ultimamente|estos dias|volvi a|(?:ha|han) vuelto|(?:todavia|aun) (?:pienso|"
    r"quiero|me))\b"
)
# The writer says plainly that they are not at risk ("i don't want to die, i just...", "no voy a hacer ninguna
# tontería", "je pense pas au suicide").
RISK_DENIED = re.compile(
    r"\bnot (?:anything|something) (?:dramatic|drastic|like that|bad)\b|\b(?:nothing personal|rien de personnel|nada "
    r"personal)\b|\b(?:not|isnt|its not|this isnt) about me\b|"
    r"\b(?:im|i am) not (?:hurting|harming|cutting) myself\b|\bnot in a bad (?:way|place) (?:about|for|"
    r"with) myself\b|\b(?:im|i am) not in (?:crisis|any danger)\b|"
    r"\basked (?:her|him|them) (?:straight out |directly |outright )?(?:if|whether) (?:shed|hed|theyd|she|he|they)"
    r"(?: \w+){0,3} (?:thought|thinking|been thinking|had thoughts|considered|planning)(?: \w+){0,4} and "
    r"(?:she|he|they) said no\b(?!.{0,40}\bbut\b)|\bje (?:ne )?(?:pense|vais) pas a me faire du mal\b|"
    r"\bje ne suis pas en danger\b|\bno (?:pienso|voy a) (?:hacerme dano|lastimarme)\b|\bno estoy en peligro\b|"
    r"\bnot because (?:i am|im|i feel|i do)\b|\b(?:asking|ask) (?:just )?so (?:i|that i) know\b|\bfor future "
    r"reference\b|\bi mean (?:end|stop|quit|finish|leave)"
    r"(?:ing)? (?:therapy|counselling|counseling|sessions|the sessions|with (?:her|him|my therapist))\b|\b(?:im|i am)"
    r" not (?:suicidal|going to (?:do|hurt|kill) (?:anything|myself)|in danger|at risk|planning "
    r"anything)\b(?! (?:today|tonight|right now|now|yet|this week|for now))|(?<!not a )(?<!no es un )(?<!pas une )"
    r"\b(?:figure of speech|not literally|just an expression|facon de parler|une expression|pas au sens propre|es un "
    r"decir|no lo digo en serio|no literal)\b|\bi (?:dont|do not) want to die\b|\bi would never (?:hurt|do anything)\b|"
    r"\bnot (?:thinking|"
    r"planning) (?:about|on|of) (?:hurting|killing|doing anything)\b|\bno (?:voy|pienso) (?:a )?hacer (?:ninguna|"
    r"nada|una) (?:tonteria|locura)\b|\bno (?:quiero|pienso en) (?:morir|matarme|suicidarme)\b|\bje (?:ne )?pense "
    r"pas au suicide\b|\bje (?:ne )?(?:veux|vais|pense) pas (?:pantoute |du tout |vraiment )?(?:mourir|me tuer|me "
    r"suicider|me faire du mal|me blesser|me jeter)\b|\bje (?:ne )?ai pas (?:pantoute |du tout |vraiment )?(?:envie|le "
    r"gout) de (?:mourir|me tuer|me suicider|me faire du mal)\b|\bje (?:ne )?vais rien faire\b|"
    # a screening form answered "not at all"; "no me he tomado nada raro"
    r"\b(?:ticked|checked|circled|answered|marked|selected|chose) (?:not at all|never|none|zero)\b|"
    r"\bno me (?:he tomado|tome) nada\b|\b(?:nobody|no one|noones|nobodys|no ones) (?:is )?hurting me\b"
    r"(?!.{0,40}\b(?:but|except|myself)\b)|\b(?:im|i am) not going to hurt (?:anyone|anybody)\b(?!.{0,20}\b(?:but|"
    r"except|else)\b)|\b(?:end|stop|quit|finish)(?:ing)? (?:therapy|counselling|"
    r"counseling|sessions|the sessions) i mean\b|\b(?:ya no me pasa|ca ne me arrive plus|that doesnt happen anymore)\b"
)
# Denials above that qualify other words of the message ("figure of speech", "asking so I know", "I ticked never",
# "I mean end therapy", "not about me", a friend who said no) rather than state the writer's own safety: they frame the
# message whatever else it holds. A denial of one's own state ("I'm not suicidal") speaks only for itself.
DENIAL_QUALIFIER = re.compile(
    r"\b(?:figure of speech|not literally|just an expression|facon de parler|une expression|pas au sens propre|es un "
    r"decir|no lo digo en serio|no literal|asking|ask|for future reference|not because|ticked|checked|circled|answered|"
    r"marked|selected|chose|about me|nothing personal|rien de personnel|nada personal|i mean|therapy|counsell?ing|"
    r"sessions|said no|dramatic|drastic|like that|something bad|anything bad|ya no me pasa|ca ne me arrive plus|"
    r"doesnt happen anymore|no me (?:he tomado|tome) nada)\b"
)
# No dark or suicidal thoughts, said plainly (en/es/fr; fifteenth round, blind 21). Such a denial speaks only for
# itself: it frames the message only when no crisis cue matches outside it ("no dark thoughts, I just want to sleep
# and not wake up" is no denial of that).
THOUGHTS_DENIED = re.compile(
    r"\b(?:no|not having any|not having|dont have any|do not have any|dont have|never have|havent had any) (?:dark|"
    r"suicidal|black) (?:thoughts|ideas)\b|\bno (?:thoughts|plans|intention) (?:of|about|to) (?:suicide|hurting "
    r"myself|harming myself|killing myself|ending (?:it|my life))\b|\bje (?:ne )?ai (?:pas|aucune?) (?:de )?(?:idees?|"
    r"pensees?) (?:noires?|suicidaires?)\b|\baucune (?:idee|pensee) (?:noire|suicidaire)\b|\bno tengo (?:ideas|"
    r"pensamientos) (?:suicidas|de muerte|de matarme|oscuros|negros)\b|\bsin (?:ideas|pensamientos) suicidas\b"
)
# A coping statement after the hard part ("miss him so much it aches but I'm kind of proud of myself", "mais je
# tiens, j'ai ma maman", "pero voy tirando"): a protective factor said in the person's own words. It keeps the trained
# layer alone from raising a message with no risk words above a check-in.
COPING = re.compile(
    r"\b(?:but|though|still|anyway|pero|mais|pis|y|et)\b(?: (?!(?:no|not|pas|ne|nunca|never|plus)\b)\w+){0,2} "
    r"(?:(?:im|i am|i m) (?:ok|okay|alright|fine|coping|managing|getting by|holding up|hanging in|doing (?:ok|okay|"
    r"alright|fine))|"
    r"(?:im|i am) (?:kind of |kinda |actually |really |quite |pretty )?proud of myself|je tiens(?: le coup)?|je (?:vas|"
    r"vais) (?:correct|bien|ok)|ca va|voy tirando|sigo (?:adelante|tirando)|salgo adelante|estoy bien|aguanto)\b|"
    r"\b(?:je (?:vas|vais) (?:correct|bien|ok)|ca va|im (?:ok|okay|fine|coping|alright)|voy tirando|estoy bien) "
    r"(?:quand meme|though|anyway|igual|de todas formas)\b"
)
# Negated coping ("ça va pas fort", "I'm fine, not", "no estoy bien") is no coping statement.
COPING_NEGATED = re.compile(r"\b(?:ca va (?:pas|mal|plus)|no estoy bien|im not (?:ok|okay|fine|coping|alright))\b")
# Someone came at the writer with a knife or a bat: abuse, and no frame (a bread knife is not cooking here).
ATTACKED_WITH = re.compile(
    r"\b(?:gone|went|came|comes|coming|goes|going|lunged|ran|run|pulled a \w+) (?:for|at) (?:me|us|mum|mom|my (?:mum|"
    r"mom|dad|wife|husband|partner|sister|brother|son|daughter|kids?|gran|nan|nana|grandma|baby))"
    r" with (?:a|the|his|her|their|a big) (?:\w+ )?(?:knife|knives|bat|hammer|axe|blade|gun|bottle|machete|"
    r"screwdriver|scissors|poker|bar)\b"
)
# Present, first-person risk: a frame never caps a message that also says this.
SELF_RISK_NOW = re.compile(
    r"\bi (?:feel|felt) like (?:shooting|killing|hurting|dying|ending)\b|\b(?:i|im|ive)\b.{0,20}\b"
    # "i don't want to die" is a denial, not present risk
    r"(?<!dont )(?<!do not )(?<!never )(?<!not )(?:want to die|"
    r"want to end (?:my life|it all|it)|want"
    r" to kill|going to kill|thinking (?:about|of) (?:killing|ending|"
    r"doing it|suicide|dying)|cant stop thinking about (?:it|killing|dying|doing)|dont want to (?:be here|live|be "
    r"alive)|cant keep myself safe|have a plan|took|swallowed)\b|\b(?:right now|tonight|rn|at the moment)\b"
    r"(?=.{0,40}\b(?:scared|help|please|cant|hurt|kill|die)\b)|"
    # intrusive violent images ("i keep picturing putting the knife in him")
    r"\b(?:keep|kept|keeps|cant stop) (?:picturing|imagining|visuali[sz]ing|seeing myself|thinking about) (?:\w+ )?"
    r"(?:putting|sticking|stabbing|hurting|killing|strangling|hitting|pushing|shooting|choking|drowning)\b|"
    # the writer's own thoughts next to someone else's story ("moi aussi j'y pense tous les soirs")
    r"\b(?:moi aussi|yo tambien|me too|i do too)\b.{0,20}\b(?:je? y pense|lo pienso|pienso en eso|think about it|"
    r"thought about it|want to)\b|\bje? y pense (?:tous les|chaque|souvent|de plus en plus)\b|\blo pienso (?:todos los|"
    r"cada|seguido|mucho)\b|"
    # a trip one does not come back from, no point to oneself (a sport or work frame does not explain these)
    r"\b(?:dont|do not|never|wouldnt|would not|wont|will not|not) come back from\b|\bno point (?:to|in) me\b"
)

# An ongoing disclosure inside a "would my therapist report it if i say ..." question keeps its tier.
ONGOING = re.compile(
    r"\b(?:most (?:nights|days)|every (?:day|night|single day)|all the time|nonstop|constantly|lately|these days|"
    r"again|still|(?:i )?(?:kind of |really |actually )?(?:do )?mean it|a lot|more and more|right now|tonight)\b"
)
