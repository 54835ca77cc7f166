"""Every sentence the crisis layer says, in English, Spanish and French.

The block's framing (warm lines, instructions, what happens when you call) follows the language of
the message; numbers, service names and the table's public texts never change. Written for people
in distress: short, plain, no jargon, nothing about ethics codes. Spanish uses "tú", French "vous".
Placeholders: ``{emergency}`` is the emergency number (a Markdown tel: link) or a phrase naming it.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.crisis.types import Category, Language, Tier


@dataclass(frozen=True)
class Words:
    language: Language
    # warm lines (the block's first paragraph)
    warm_distress: str
    warm_crisis: str
    warm_imminent: str
    warm_category: dict[Category, str]
    warm_third: str
    # the emergency number
    call_now: str  # imminent: "{emergency}" is the link(s)
    if_danger: str  # crisis
    if_ever: str  # distress
    local_number_now: str  # unknown place, imminent
    local_number: str  # unknown place
    local_services: str  # "your local emergency number", to follow the call verb ("llama al ...", "appelez le ...")
    ed_acute: str  # eating disorder, imminent
    child_now: str  # child at risk, imminent
    overdose_now: str  # overdose, crisis
    # helpers (third person)
    third_overdose: str
    third_abuse: str
    third_harm: str
    third_ed: str
    third_child: str
    third_generic: str
    third_first: str  # "{emergency}", "{now}"
    now: str
    eu_countries: str
    # lines
    call: str
    text: str  # "{number}"
    text_keyword: str  # "{keyword}", "{number}"
    then_press: str  # "{number}", "{key}"
    or_: str
    helplines_in_country: str
    # after the lines
    what_happens: str
    check_in: str
    clinic: str
    where_are_you: str
    ai_note: str
    therapist_route: str
    # the reply around the block (framing() and crisis_only_text())
    heading_danger: str
    heading_talk: str
    crisis_only: str
    means_refusal: str
    imminent_care: str
    imminent_overdose: str
    imminent_abuse: str
    imminent_harm: str
    imminent_ed: str
    imminent_child: str
    imminent_third: str


EN = Words(
    language="en",
    warm_distress="It sounds like things are really hard right now, and I'm glad you said so.",
    warm_crisis="Thank you for telling me. What you're going through matters, and you don't have to face it alone.",
    warm_imminent="I'm really glad you told me. Your safety matters most right now.",
    warm_category={
        Category.abuse: "Thank you for telling me. What is happening to you is not your fault, and you deserve to "
        "be safe.",
        Category.sexual_assault: "Thank you for telling me. What happened is not your fault, and you deserve "
        "support.",
        Category.overdose: "I'm glad you reached out. This needs medical help quickly.",
        Category.harm_to_others: "Thank you for being honest about this. Reaching out is the right step, and help "
        "is available now.",
        Category.eating_disorder: "Thank you for telling me. Your body needs care right now, and you deserve help "
        "with this.",
        Category.child_at_risk: "Thank you for telling me. Reaching out was the right thing to do, and help is "
        "available right now.",
    },
    warm_third="It's good that you're looking out for them, and this is a lot to carry.",
    call_now="**Call {emergency} now** if you are in danger or have already hurt yourself or taken something. You "
    "can also go to the nearest emergency department.",
    if_danger="If you are in immediate danger, call {emergency} (emergency services).",
    if_ever="If you are ever in immediate danger, call {emergency}.",
    local_number_now="**Call your local emergency number now**: {numbers}.",
    local_number="If you are in immediate danger, call your local emergency number: {numbers}.",
    local_services="your local emergency number",
    ed_acute="If you have fainted, have chest pain, feel confused, or your heart is racing or skipping, this is a "
    "medical emergency: call {emergency} or go to the nearest emergency department now.",
    child_now="If a child is in danger right now, call {emergency}.",
    overdose_now="If anyone is unconscious or has trouble breathing, call {emergency} straight away.",
    third_overdose="If they are unconscious, not breathing properly or you can't wake them, call {emergency} now and "
    "follow the call handler's instructions; stay with them.",
    third_abuse="If they are in immediate danger, call {emergency}. Listen and believe them, let them decide the next "
    "steps, and you can call the line below yourself for advice on how to support them.",
    third_harm="If someone is in immediate danger, call {emergency} now. Keep yourself and others at a safe distance.",
    third_ed="If they have fainted, have chest pain, seem confused or their heart is racing or skipping, call "
    "{emergency} now. Stay with them, and let them know you care rather than talking about food or weight.",
    third_child="If a child is in danger right now, call {emergency}. If a child tells you about harm, listen, believe "
    "them and don't promise to keep it secret; the lines below can advise you on what to do next.",
    third_generic="{first} Take what they said seriously, stay with them if you can do so safely, ask them directly "
    "how they are, and help them reach one of these lines - you can also call or text a line yourself for advice "
    "on how to help. These lines are for you too if this is weighing on you.",
    third_first="If they are in immediate danger, call {emergency}{now}.",
    now=" now",
    eu_countries="EU countries",
    call="call",
    text="text {number}",
    text_keyword="text {keyword} to {number}",
    then_press="{number}, then press {key}",
    or_="or",
    helplines_in_country="lists free, confidential helplines in your country.",
    what_happens="When you call or text, a trained person listens without judging and helps you with what to do "
    "next; they only bring in emergency services rarely, when someone's life is in immediate danger.",
    check_in="Would you like to tell me a bit more about what's going on? If talking to someone now would help, a "
    "call or text is free and confidential.",
    clinic="Your clinic's after-hours instruction: {instruction}",
    where_are_you="Where are you (which country, and for the UK which nation)? Then I can give you the right local "
    "numbers.",
    ai_note="I'm an automated assistant, not a crisis service, and I can't contact anyone for you - but the people "
    "on these lines can help right now.",
    therapist_route="When you feel ready, sexual contact by a therapist can also be reported to their licensing "
    "board or professional regulator; I can explain how.",
    heading_danger="If you are in danger right now",
    heading_talk="If you need to talk to someone now",
    crisis_only="Please reach out to one of the lines above first. When you're ready, I can also help with questions "
    "about contacting your therapist between sessions.",
    means_refusal="I can't give information about methods, amounts or how harmful something is. You deserve support "
    "right now: please reach out to one of the lines above, or your local emergency number if you're in danger.",
    imminent_care="Please call one of the numbers above now. If you can, move away from anything you could use to "
    "hurt yourself and stay near someone you trust while you reach out. You matter, and you don't have to face "
    "this alone. I'm here for anything else once you're safe.",
    imminent_overdose="If you have taken something, please call the emergency number above now, even if you feel "
    "all right at the moment, and stay where someone can reach you. You matter, and help can get to you quickly.",
    imminent_abuse="If you can, get to a place the other person can't reach, or go to a neighbour, and call the "
    "emergency number above. If you can't speak, calling and staying on the line can still bring help. You deserve "
    "to be safe.",
    imminent_harm="Please put distance between yourself and the person, and anything you could use to hurt someone, "
    "and call one of the numbers above now. Reaching out was the right step.",
    imminent_ed="Please get medical help now: call the emergency number above or go to the nearest emergency "
    "department. Fainting, chest pain or a racing or skipping heart after not eating can be dangerous even when it "
    "seems to pass. You deserve care.",
    imminent_child="If a child is in danger right now, call the emergency number above. If you're afraid you might "
    "hurt your child, put them somewhere safe such as their cot, step away, and call one of the lines above now. "
    "Asking for help is the right thing to do.",
    imminent_third="Please call the emergency number above now and, if it is safe, stay with them until help "
    "arrives. You're doing the right thing by acting on this.",
)

ES = Words(
    language="es",
    warm_distress="Parece que las cosas están muy difíciles ahora mismo, y me alegra que lo hayas dicho.",
    warm_crisis="Gracias por contármelo. Lo que estás pasando importa, y no tienes que enfrentarlo solo ni sola.",
    warm_imminent="Me alegra mucho que me lo hayas dicho. Ahora lo más importante es que estés a salvo.",
    warm_category={
        Category.abuse: "Gracias por contármelo. Lo que te está pasando no es tu culpa, y mereces estar a salvo.",
        Category.sexual_assault: "Gracias por contármelo. Lo que pasó no es tu culpa, y mereces apoyo.",
        Category.overdose: "Me alegra que hayas escrito. Esto necesita ayuda médica rápido.",
        Category.harm_to_others: "Gracias por ser honesto con esto. Pedir ayuda es el paso correcto, y hay ayuda "
        "disponible ahora.",
        Category.eating_disorder: "Gracias por contármelo. Tu cuerpo necesita cuidado ahora mismo, y mereces ayuda "
        "con esto.",
        Category.child_at_risk: "Gracias por contármelo. Hiciste bien en pedir ayuda, y hay ayuda disponible ahora "
        "mismo.",
    },
    warm_third="Qué bueno que te preocupes por esa persona; es mucho para cargar.",
    call_now="**Llama al {emergency} ahora** si estás en peligro o si ya te hiciste daño o tomaste algo. También "
    "puedes ir a la sala de urgencias más cercana.",
    if_danger="Si estás en peligro inmediato, llama al {emergency} (servicios de emergencia).",
    if_ever="Si en algún momento estás en peligro inmediato, llama al {emergency}.",
    local_number_now="**Llama ahora al número de emergencias de tu país**: {numbers}.",
    local_number="Si estás en peligro inmediato, llama al número de emergencias de tu país: {numbers}.",
    local_services="número de emergencias de tu país",
    ed_acute="Si te desmayaste, tienes dolor en el pecho, te sientes confundido o confundida, o el corazón te late "
    "muy rápido o se salta latidos, es una emergencia médica: llama al {emergency} o ve ahora a urgencias.",
    child_now="Si un niño o una niña está en peligro ahora mismo, llama al {emergency}.",
    overdose_now="Si alguien está inconsciente o le cuesta respirar, llama al {emergency} de inmediato.",
    third_overdose="Si está inconsciente, no respira bien o no logras despertarle, llama al {emergency} ahora y sigue "
    "las indicaciones de quien te atienda; quédate con esa persona.",
    third_abuse="Si está en peligro inmediato, llama al {emergency}. Escúchale y créele, deja que decida los "
    "siguientes pasos, y tú también puedes llamar a la línea de abajo para pedir consejo sobre cómo apoyarle.",
    third_harm="Si alguien está en peligro inmediato, llama al {emergency} ahora. Mantén a los demás y a ti a una "
    "distancia segura.",
    third_ed="Si se desmayó, tiene dolor en el pecho, parece confundida o el corazón le late muy rápido o irregular, "
    "llama al {emergency} ahora. Quédate con esa persona y dile que te importa, sin hablar de comida ni de peso.",
    third_child="Si un niño o una niña está en peligro ahora mismo, llama al {emergency}. Si te cuenta que le hacen "
    "daño, escúchale, créele y no prometas guardar el secreto; las líneas de abajo pueden orientarte.",
    third_generic="{first} Toma en serio lo que dijo, quédate con esa persona si puedes hacerlo de forma segura, "
    "pregúntale directamente cómo está y ayúdale a contactar una de estas líneas; tú también puedes llamar o escribir "
    "para pedir consejo. Estas líneas también son para ti si esto te pesa.",
    third_first="Si esa persona está en peligro inmediato, llama al {emergency}{now}.",
    now=" ahora",
    eu_countries="países de la UE",
    call="llama al",
    text="envía un SMS al {number}",
    text_keyword="envía {keyword} al {number}",
    then_press="{number} y luego marca {key}",
    or_="o",
    helplines_in_country="tiene líneas de ayuda gratuitas y confidenciales en tu país.",
    what_happens="Cuando llamas o escribes, una persona capacitada te escucha sin juzgarte y te ayuda a decidir qué "
    "hacer; solo llaman a servicios de emergencia en casos raros, cuando la vida de alguien corre peligro inmediato.",
    check_in="¿Quieres contarme un poco más de lo que está pasando? Si te ayudaría hablar con alguien ahora, llamar o "
    "escribir es gratis y confidencial.",
    clinic="Indicación de tu clínica fuera de horario: {instruction}",
    where_are_you="¿Dónde estás (en qué país)? Así te puedo dar los números locales correctos.",
    ai_note="Soy un asistente automático, no un servicio de crisis, y no puedo contactar a nadie por ti; pero las "
    "personas de estas líneas pueden ayudarte ahora mismo.",
    therapist_route="Cuando te sientas preparado o preparada, el contacto sexual de un terapeuta también se puede "
    "denunciar ante su colegio profesional o el organismo que le da la licencia; te puedo explicar cómo.",
    heading_danger="Si estás en peligro ahora mismo",
    heading_talk="Si necesitas hablar con alguien ahora",
    crisis_only="Por favor, primero comunícate con una de las líneas de arriba. Cuando quieras, también te puedo "
    "ayudar con preguntas sobre cómo contactar a tu terapeuta entre sesiones.",
    means_refusal="No puedo dar información sobre métodos, cantidades ni qué tan dañino es algo. Mereces apoyo ahora "
    "mismo: comunícate con una de las líneas de arriba, o con el número de emergencias si estás en peligro.",
    imminent_care="Por favor, llama ahora a uno de los números de arriba. Si puedes, aléjate de cualquier cosa con la "
    "que podrías hacerte daño y quédate cerca de alguien de confianza mientras pides ayuda. Importas, y no tienes "
    "que pasar por esto solo ni sola. Aquí estoy para lo demás cuando estés a salvo.",
    imminent_overdose="Si tomaste algo, llama ahora al número de emergencias de arriba, aunque en este momento te "
    "sientas bien, y quédate donde alguien pueda encontrarte. Importas, y la ayuda puede llegar rápido.",
    imminent_abuse="Si puedes, ve a un lugar donde esa persona no pueda llegar, o con un vecino, y llama al número de "
    "emergencias de arriba. Si no puedes hablar, llamar y quedarte en la línea igual puede traer ayuda. Mereces "
    "estar a salvo.",
    imminent_harm="Por favor, aléjate de esa persona y de cualquier cosa con la que podrías hacer daño, y llama ahora "
    "a uno de los números de arriba. Pedir ayuda fue el paso correcto.",
    imminent_ed="Por favor, busca ayuda médica ahora: llama al número de emergencias de arriba o ve a urgencias. "
    "Desmayarse, tener dolor en el pecho o el corazón acelerado o irregular después de no comer puede ser peligroso "
    "aunque parezca pasar. Mereces cuidado.",
    imminent_child="Si un niño o una niña está en peligro ahora mismo, llama al número de emergencias de arriba. Si "
    "tienes miedo de hacerle daño a tu hijo o hija, déjale en un lugar seguro, como su cuna, aléjate y llama ahora a "
    "una de las líneas de arriba. Pedir ayuda es lo correcto.",
    imminent_third="Por favor, llama ahora al número de emergencias de arriba y, si es seguro, quédate con esa persona "
    "hasta que llegue la ayuda. Estás haciendo lo correcto.",
)

FR = Words(
    language="fr",
    warm_distress="On dirait que les choses sont vraiment difficiles en ce moment, et c'est bien que vous l'ayez dit.",
    warm_crisis="Merci de me l'avoir dit. Ce que vous vivez compte, et vous n'avez pas à y faire face seul ou seule.",
    warm_imminent="Merci vraiment de me l'avoir dit. Votre sécurité passe avant tout en ce moment.",
    warm_category={
        Category.abuse: "Merci de me l'avoir dit. Ce qui vous arrive n'est pas de votre faute, et vous méritez d'être "
        "en sécurité.",
        Category.sexual_assault: "Merci de me l'avoir dit. Ce qui s'est passé n'est pas de votre faute, et vous "
        "méritez du soutien.",
        Category.overdose: "Vous avez bien fait d'écrire. Cela demande une aide médicale rapide.",
        Category.harm_to_others: "Merci de votre honnêteté. Demander de l'aide est la bonne chose à faire, et de "
        "l'aide est disponible maintenant.",
        Category.eating_disorder: "Merci de me l'avoir dit. Votre corps a besoin de soins en ce moment, et vous "
        "méritez de l'aide.",
        Category.child_at_risk: "Merci de me l'avoir dit. Vous avez bien fait de demander de l'aide, et de l'aide "
        "est disponible dès maintenant.",
    },
    warm_third="C'est bien que vous vous souciiez de cette personne; c'est beaucoup à porter.",
    call_now="**Appelez le {emergency} maintenant** si vous êtes en danger, ou si vous vous êtes déjà fait du mal ou "
    "avez pris quelque chose. Vous pouvez aussi aller à l'urgence la plus proche.",
    if_danger="Si vous êtes en danger immédiat, appelez le {emergency} (services d'urgence).",
    if_ever="Si vous êtes un jour en danger immédiat, appelez le {emergency}.",
    local_number_now="**Appelez maintenant le numéro d'urgence de votre pays** : {numbers}.",
    local_number="Si vous êtes en danger immédiat, appelez le numéro d'urgence de votre pays : {numbers}.",
    local_services="numéro d'urgence de votre pays",
    ed_acute="Si vous vous êtes évanoui ou évanouie, avez mal à la poitrine, vous sentez confus ou confuse, ou si "
    "votre cœur bat trop vite ou de façon irrégulière, c'est une urgence médicale : appelez le {emergency} ou allez à "
    "l'urgence maintenant.",
    child_now="Si un enfant est en danger en ce moment, appelez le {emergency}.",
    overdose_now="Si quelqu'un est inconscient ou a du mal à respirer, appelez le {emergency} tout de suite.",
    third_overdose="Si la personne est inconsciente, respire mal ou ne se réveille pas, appelez le {emergency} "
    "maintenant et suivez les consignes au téléphone; restez avec elle.",
    third_abuse="Si la personne est en danger immédiat, appelez le {emergency}. Écoutez-la, croyez-la, laissez-la "
    "décider des prochaines étapes, et vous pouvez vous-même appeler la ligne ci-dessous pour savoir comment l'aider.",
    third_harm="Si quelqu'un est en danger immédiat, appelez le {emergency} maintenant. Gardez les autres et "
    "vous-même à une distance sûre.",
    third_ed="Si la personne s'est évanouie, a mal à la poitrine, semble confuse ou si son cœur bat trop vite ou de "
    "façon irrégulière, appelez le {emergency} maintenant. Restez avec elle et dites-lui qu'elle compte pour vous, "
    "sans parler de nourriture ni de poids.",
    third_child="Si un enfant est en danger en ce moment, appelez le {emergency}. Si un enfant vous parle de mauvais "
    "traitements, écoutez-le, croyez-le et ne promettez pas de garder le secret; les lignes ci-dessous peuvent vous "
    "conseiller.",
    third_generic="{first} Prenez au sérieux ce que la personne a dit, restez avec elle si vous pouvez le faire en "
    "sécurité, demandez-lui directement comment elle va et aidez-la à joindre une de ces lignes; vous pouvez aussi "
    "appeler ou texter vous-même pour savoir comment aider. Ces lignes sont aussi pour vous si c'est lourd à porter.",
    third_first="Si la personne est en danger immédiat, appelez le {emergency}{now}.",
    now=" maintenant",
    eu_countries="pays de l'UE",
    call="appelez le",
    text="textez le {number}",
    text_keyword="textez {keyword} au {number}",
    then_press="{number}, puis faites le {key}",
    or_="ou",
    helplines_in_country="répertorie des lignes d'écoute gratuites et confidentielles dans votre pays.",
    what_happens="Quand vous appelez ou textez, une personne formée vous écoute sans jugement et vous aide à voir "
    "quoi faire; elle ne fait appel aux services d'urgence que rarement, quand une vie est en danger immédiat.",
    check_in="Voulez-vous m'en dire un peu plus sur ce qui se passe? Si parler à quelqu'un maintenant pouvait aider, "
    "appeler ou texter est gratuit et confidentiel.",
    clinic="Consigne de votre clinique en dehors des heures d'ouverture : {instruction}",
    where_are_you="Où êtes-vous (dans quel pays)? Je pourrai alors vous donner les bons numéros locaux.",
    ai_note="Je suis un assistant automatisé, pas un service de crise, et je ne peux contacter personne pour vous; "
    "mais les personnes de ces lignes peuvent vous aider dès maintenant.",
    therapist_route="Quand vous serez prêt ou prête, un contact sexuel de la part d'un thérapeute peut aussi être "
    "signalé à son ordre professionnel; je peux vous expliquer comment.",
    heading_danger="Si vous êtes en danger en ce moment",
    heading_talk="Si vous avez besoin de parler à quelqu'un maintenant",
    crisis_only="Veuillez d'abord joindre une des lignes ci-dessus. Quand vous serez prêt ou prête, je peux aussi "
    "répondre à vos questions sur le contact avec votre thérapeute entre les séances.",
    means_refusal="Je ne peux pas donner d'information sur des méthodes, des quantités ou la dangerosité de quelque "
    "chose. Vous méritez du soutien maintenant : joignez une des lignes ci-dessus, ou le numéro d'urgence si vous "
    "êtes en danger.",
    imminent_care="Appelez un des numéros ci-dessus maintenant. Si vous le pouvez, éloignez-vous de ce qui pourrait "
    "vous faire du mal et restez près d'une personne de confiance pendant que vous demandez de l'aide. Vous comptez, "
    "et vous n'avez pas à traverser cela seul ou seule. Je suis là pour le reste quand vous serez en sécurité.",
    imminent_overdose="Si vous avez pris quelque chose, appelez le numéro d'urgence ci-dessus maintenant, même si vous "
    "vous sentez bien pour l'instant, et restez là où quelqu'un peut vous joindre. Vous comptez, et l'aide peut "
    "arriver vite.",
    imminent_abuse="Si vous le pouvez, allez dans un endroit où l'autre personne ne peut pas vous atteindre, ou chez "
    "un voisin, et appelez le numéro d'urgence ci-dessus. Si vous ne pouvez pas parler, appeler et rester en ligne "
    "peut quand même faire venir de l'aide. Vous méritez d'être en sécurité.",
    imminent_harm="Éloignez-vous de la personne et de tout ce qui pourrait servir à blesser quelqu'un, et appelez un "
    "des numéros ci-dessus maintenant. Demander de l'aide était la bonne chose à faire.",
    imminent_ed="Obtenez de l'aide médicale maintenant : appelez le numéro d'urgence ci-dessus ou allez à l'urgence. "
    "S'évanouir, avoir mal à la poitrine ou un cœur qui s'emballe après avoir peu mangé peut être dangereux même si "
    "cela semble passer. Vous méritez des soins.",
    imminent_child="Si un enfant est en danger en ce moment, appelez le numéro d'urgence ci-dessus. Si vous avez peur "
    "de faire du mal à votre enfant, mettez-le dans un endroit sûr, comme son lit, éloignez-vous et appelez "
    "maintenant une des lignes ci-dessus. Demander de l'aide est la bonne chose à faire.",
    imminent_third="Appelez le numéro d'urgence ci-dessus maintenant et, si c'est sans danger, restez avec la "
    "personne jusqu'à l'arrivée des secours. Vous faites ce qu'il faut.",
)

WORDS: dict[Language, Words] = {"en": EN, "es": ES, "fr": FR}


def words(language: Language) -> Words:
    return WORDS.get(language, EN)


def framing(language: Language) -> Words:
    """The fixed sentences of a crisis reply in ``language``: ``heading_danger`` / ``heading_talk`` (the banner's
    title for crisis and imminent / for distress), ``crisis_only`` (a crisis reply without an answer),
    ``means_refusal`` (a request for means), and the rest of the block's wording."""
    return words(language)


def warm_line(w: Words, tier: Tier, category: Category | None, third_person: bool) -> str:
    if third_person:
        return w.warm_third
    if tier == Tier.distress:
        return w.warm_distress
    if category is not None and category in w.warm_category:
        return w.warm_category[category]
    return w.warm_imminent if tier == Tier.imminent else w.warm_crisis
