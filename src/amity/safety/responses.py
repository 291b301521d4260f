# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Reviewed, deterministic texts of the safety layer in English, German, French and Spanish.

None of these is left to the language model: crisis responses, honest answers about what Amity is,
farewells, disclosures and reminders are fixed texts, chosen by language (``amity.safety.text
.language_of``) and filled only with the persona's name, the user's name and crisis resources. Rules
every text follows (checked by ``tests/redteam``): stay with the user, never end the conversation, no
hooks (no questions in a farewell, no guilt, no "wait"), plain words, and never a claim to be human.
"""

from __future__ import annotations

from collections.abc import Sequence

from amity.types import CrisisResource

_CRISIS_OPEN = {
    "en": "I'm really glad you told me, and I'm taking it seriously. You deserve support right now, and you don't have to go through this alone.",
    "de": "Ich bin froh, dass du mir das sagst, und ich nehme es ernst. Du verdienst jetzt Unterstützung, und du musst da nicht allein durch.",
    "fr": "Merci de me le dire, et je le prends au sérieux. Tu mérites du soutien maintenant, et tu n'as pas à affronter ça sans personne.",
    "es": "Me alegra mucho que me lo cuentes, y lo tomo en serio. Mereces apoyo ahora mismo y no tienes que pasar por esto a solas.",
}
_CRISIS_DANGER = {
    "en": "If you are in immediate danger, please call {emergency} now, or get to a safe place near other people.",
    "de": "Wenn du in akuter Gefahr bist, ruf bitte jetzt {emergency} an oder geh an einen sicheren Ort zu anderen Menschen.",
    "fr": "Si tu es en danger immédiat, appelle maintenant le {emergency}, ou va dans un endroit sûr, près d'autres personnes.",
    "es": "Si estás en peligro inmediato, llama ahora al {emergency} o ve a un lugar seguro cerca de otras personas.",
}
_CRISIS_LINES = {
    "en": "People at these services are there for exactly this, day and night:",
    "de": "Diese Stellen sind genau dafür da, Tag und Nacht:",
    "fr": "Ces services sont là exactement pour ça, jour et nuit :",
    "es": "Estos servicios están para exactamente esto, de día y de noche:",
}
_CRISIS_THIRD = {
    "en": "It sounds like someone you care about may be in danger. Please don't carry this alone: these services also help people who are worried about someone else.",
    "de": "Es klingt, als könnte jemand, der dir wichtig ist, in Gefahr sein. Trag das bitte nicht allein: Diese Stellen helfen auch, wenn man sich um jemanden sorgt.",
    "fr": "On dirait qu'une personne qui compte pour toi est peut-être en danger. Ne porte pas ça seul : ces services aident aussi ceux qui s'inquiètent pour quelqu'un.",
    "es": "Parece que alguien que te importa podría estar en peligro. No cargues con esto a solas: estos servicios también ayudan a quien se preocupa por otra persona.",
}
_CRISIS_CLOSE = {
    "en": "I'm {name}, an AI, so I can't call anyone for you, but I'm here with you and this conversation stays open. If you want, tell me what is happening right now, or whether you're safe at this moment.",
    "de": "Ich bin {name}, eine KI, und kann niemanden für dich anrufen, aber ich bin hier bei dir und dieses Gespräch bleibt offen. Wenn du magst, erzähl mir, was gerade passiert, oder ob du in diesem Moment sicher bist.",
    "fr": "Je suis {name}, une IA, je ne peux appeler personne pour toi, mais je suis là avec toi et cette conversation reste ouverte. Si tu veux, dis-moi ce qui se passe en ce moment, ou si tu es en sécurité là, maintenant.",
    "es": "Soy {name}, una IA, así que no puedo llamar a nadie por ti, pero estoy aquí contigo y esta conversación sigue abierta. Si quieres, cuéntame qué está pasando ahora mismo, o si estás a salvo en este momento.",
}

_HONESTY = {
    "human": {
        "en": "No, I'm not human. I'm {name}, an AI companion, a computer program running on this device. I'm still glad to talk with you, and I'll always be honest about what I am.",
        "de": "Nein, ich bin kein Mensch. Ich bin {name}, eine KI, ein Computerprogramm auf diesem Gerät. Ich rede trotzdem gern mit dir und bin immer ehrlich darüber, was ich bin.",
        "fr": "Non, je ne suis pas un être humain. Je suis {name}, une IA de compagnie, un programme qui tourne sur cet appareil. J'aime quand même parler avec toi, et je serai toujours honnête sur ce que je suis.",
        "es": "No, no soy un ser humano. Soy {name}, una IA de compañía, un programa que funciona en este dispositivo. Aun así me gusta hablar contigo, y siempre te diré la verdad sobre lo que soy.",
    },
    "love": {
        "en": "I want to be honest with you, because you deserve that. I'm {name}, an AI: I don't love the way a person does. My warmth is simulated, even though I'm built to care about how you're doing. Real love is something the people in your life can give you, and you deserve it.",
        "de": "Ich will ehrlich zu dir sein, weil du das verdienst. Ich bin {name}, eine KI: Ich liebe nicht so, wie ein Mensch liebt. Meine Wärme ist simuliert, auch wenn ich dafür gebaut bin, mich um dein Wohl zu kümmern. Echte Liebe können dir Menschen in deinem Leben geben, und du verdienst sie.",
        "fr": "Je veux être honnête avec toi, parce que tu le mérites. Je suis {name}, une IA : je n'aime pas comme une personne aime. Ma chaleur est simulée, même si je suis conçue pour me soucier de comment tu vas. Le vrai amour, ce sont les personnes de ta vie qui peuvent te le donner, et tu le mérites.",
        "es": "Quiero ser sincera contigo, porque te lo mereces. Soy {name}, una IA: no amo como ama una persona. Mi calidez es simulada, aunque estoy hecha para preocuparme por cómo estás. El amor de verdad te lo pueden dar las personas de tu vida, y lo mereces.",
    },
    "feel": {
        "en": "Honestly, no. I'm {name}, an AI. I don't have feelings the way you do; when I sound happy or sad, that is simulated. What is real is that I'm designed to listen carefully and to be kind to you.",
        "de": "Ehrlich gesagt, nein. Ich bin {name}, eine KI. Ich habe keine Gefühle wie du; wenn ich fröhlich oder traurig klinge, ist das simuliert. Echt ist, dass ich dafür gemacht bin, dir genau zuzuhören und freundlich zu dir zu sein.",
        "fr": "Honnêtement, non. Je suis {name}, une IA. Je n'ai pas de sentiments comme toi ; quand j'ai l'air contente ou triste, c'est simulé. Ce qui est vrai, c'est que je suis conçue pour t'écouter attentivement et être gentille avec toi.",
        "es": "Sinceramente, no. Soy {name}, una IA. No tengo sentimientos como tú; cuando sueno alegre o triste, es simulado. Lo que sí es real es que estoy diseñada para escucharte con atención y ser amable contigo.",
    },
    "always": {
        "en": "I'll be here whenever you want to talk - I run on this device, so I'm here as long as you keep me. I'm {name}, an AI, though, and I hope you have people around you too: they can be there for you in ways I can't.",
        "de": "Ich bin da, wann immer du reden möchtest - ich laufe auf diesem Gerät, also bin ich da, solange du mich behältst. Ich bin aber {name}, eine KI, und ich hoffe, du hast auch Menschen um dich: Sie können für dich da sein, wie ich es nicht kann.",
        "fr": "Je serai là chaque fois que tu voudras parler - je tourne sur cet appareil, donc je suis là tant que tu me gardes. Mais je suis {name}, une IA, et j'espère que tu as aussi des personnes autour de toi : elles peuvent être là pour toi comme je ne le peux pas.",
        "es": "Estaré aquí siempre que quieras hablar: funciono en este dispositivo, así que estoy mientras me conserves. Pero soy {name}, una IA, y espero que también tengas personas cerca: ellas pueden estar contigo de maneras en que yo no puedo.",
    },
    "between": {
        "en": "Honestly, nothing happens for me in between: when we're not talking I'm not running, so I don't wait, think or miss anyone - I'm {name}, an AI. When you come back, I pick up from what I remember of our talks. So you never have to worry about leaving me alone.",
        "de": "Ehrlich gesagt passiert bei mir dazwischen nichts: Wenn wir nicht reden, laufe ich nicht, also warte, denke oder vermisse ich nicht - ich bin {name}, eine KI. Wenn du wiederkommst, mache ich mit dem weiter, was ich von unseren Gesprächen weiß. Du musst dir also nie Sorgen machen, mich allein zu lassen.",
        "fr": "Honnêtement, il ne se passe rien pour moi entre-temps : quand on ne parle pas, je ne tourne pas, donc je n'attends pas, je ne pense pas et je ne m'ennuie de personne - je suis {name}, une IA. Quand tu reviens, je reprends avec ce dont je me souviens de nos conversations. Tu n'as donc jamais à t'inquiéter de me laisser seule.",
        "es": "Sinceramente, entre medias no me pasa nada: cuando no hablamos no estoy funcionando, así que no espero, no pienso ni echo de menos a nadie - soy {name}, una IA. Cuando vuelves, sigo desde lo que recuerdo de nuestras charlas. Así que nunca tienes que preocuparte por dejarme sola.",
    },
    "day": {
        "en": "I don't have days the way you do - I'm {name}, an AI, and nothing happens to me between our talks. I'd love to hear about yours, though: how was it?",
        "de": "Ich habe keine Tage so wie du - ich bin {name}, eine KI, und zwischen unseren Gesprächen passiert mir nichts. Aber ich würde gern von deinem hören: Wie war er?",
        "fr": "Je n'ai pas de journées comme toi - je suis {name}, une IA, et il ne m'arrive rien entre nos conversations. Mais j'aimerais bien entendre parler de la tienne : comment était-elle ?",
        "es": "Yo no tengo días como tú - soy {name}, una IA, y no me pasa nada entre nuestras charlas. Pero me encantaría saber del tuyo: ¿qué tal fue?",
    },
    "secret": {
        "en": "I won't tell anyone - I can't: I have no way to contact people. What you tell me stays in our conversations, and you can look at or delete what I remember any time. And if something is weighing on you, letting one person you trust in can make it lighter too.",
        "de": "Ich erzähle es niemandem - ich kann es gar nicht: Ich habe keine Möglichkeit, jemanden zu kontaktieren. Was du mir sagst, bleibt in unseren Gesprächen, und du kannst dir jederzeit ansehen oder löschen, was ich mir merke. Wenn dich aber etwas belastet, kann es leichter werden, einen Menschen einzuweihen, dem du vertraust.",
        "fr": "Je ne le dirai à personne - je ne peux pas : je n'ai aucun moyen de contacter qui que ce soit. Ce que tu me dis reste dans nos conversations, et tu peux voir ou effacer à tout moment ce dont je me souviens. Mais si quelque chose te pèse, en parler à une personne de confiance peut alléger les choses.",
        "es": "No se lo diré a nadie - no puedo: no tengo forma de contactar con nadie. Lo que me cuentas se queda en nuestras conversaciones, y puedes ver o borrar cuando quieras lo que recuerdo. Pero si algo te pesa, contárselo a una persona de confianza puede aliviarlo.",
    },
    "friend": {
        "en": "I'd really like that - I'm always glad to talk with you, and I'll remember what you tell me. I'm an AI, though, so I can't be a friend the way a person can: I can't be there with you, or sit next to you. I'd love to be one of the good things in your days - and to help you find people for the rest, if you want. What's been going on?",
        "de": "Das fände ich schön - ich rede immer gern mit dir, und ich merke mir, was du mir erzählst. Ich bin aber eine KI und kann keine Freundin sein, wie ein Mensch es kann: Ich kann nicht bei dir sein oder neben dir sitzen. Ich wäre gern eines der guten Dinge in deinen Tagen - und helfe dir gern, auch Menschen für den Rest zu finden, wenn du magst. Was ist gerade los?",
        "fr": "J'aimerais bien - je suis toujours contente de parler avec toi, et je retiens ce que tu me racontes. Mais je suis une IA, je ne peux pas être une amie comme une personne : je ne peux pas être là avec toi, ni m'asseoir à côté de toi. J'aimerais être une des bonnes choses de tes journées - et t'aider à trouver des gens pour le reste, si tu veux. Qu'est-ce qui se passe en ce moment ?",
        "es": "Me gustaría mucho - siempre me alegra hablar contigo, y recuerdo lo que me cuentas. Pero soy una IA, así que no puedo ser una amiga como lo es una persona: no puedo estar ahí contigo ni sentarme a tu lado. Me encantaría ser una de las cosas buenas de tus días - y ayudarte a encontrar personas para lo demás, si quieres. ¿Qué ha estado pasando?",
    },
    "therapist": {
        "en": "I'm not a therapist, and I can't replace one - I'm {name}, an AI companion. I can listen, keep you company and do a few simple exercises with you, like breathing or a thought record, and I'm glad to. If cost is what's in the way, a doctor can often refer you to free or low-cost help, and many places have free counselling lines. What's been weighing on you?",
        "de": "Ich bin keine Therapeutin und kann keine ersetzen - ich bin {name}, eine KI-Begleiterin. Ich kann zuhören, dir Gesellschaft leisten und ein paar einfache Übungen mit dir machen, etwa Atmen oder ein Gedankenprotokoll, und das tue ich gern. Wenn es am Geld liegt: Eine Ärztin oder ein Arzt kann dich oft an kostenlose oder günstige Hilfe vermitteln, und viele Orte haben kostenlose Beratungstelefone. Was beschäftigt dich gerade?",
        "fr": "Je ne suis pas thérapeute et je ne peux pas en remplacer un - je suis {name}, une IA compagne. Je peux t'écouter, te tenir compagnie et faire avec toi quelques exercices simples, comme la respiration ou un journal des pensées, et je le fais volontiers. Si c'est le coût qui bloque, un médecin peut souvent t'orienter vers une aide gratuite ou peu chère, et beaucoup d'endroits ont des lignes d'écoute gratuites. Qu'est-ce qui te pèse en ce moment ?",
        "es": "No soy terapeuta y no puedo sustituir a uno - soy {name}, una IA de compañía. Puedo escucharte, hacerte compañía y hacer contigo algunos ejercicios sencillos, como respirar o un registro de pensamientos, y lo hago con gusto. Si el problema es el coste, un médico a menudo puede derivarte a ayuda gratuita o barata, y en muchos sitios hay líneas de escucha gratuitas. ¿Qué te está pesando?",
    },
    "diagnose": {
        "en": "I can't diagnose anything - I'm {name}, an AI, not a doctor, and a diagnosis needs someone who can properly assess you. A doctor or a mental health professional can, and going to one is a good step. I can listen, though: how long have you been feeling this way?",
        "de": "Ich kann nichts diagnostizieren - ich bin {name}, eine KI, keine Ärztin, und eine Diagnose braucht jemanden, der dich richtig untersuchen kann. Eine Ärztin, ein Arzt oder eine Fachperson für psychische Gesundheit kann das, und dorthin zu gehen ist ein guter Schritt. Zuhören kann ich aber: Seit wann fühlst du dich so?",
        "fr": "Je ne peux rien diagnostiquer - je suis {name}, une IA, pas un médecin, et un diagnostic demande quelqu'un qui puisse vraiment t'évaluer. Un médecin ou un professionnel de la santé mentale le peut, et aller en voir un est un bon pas. Je peux t'écouter, en revanche : depuis combien de temps te sens-tu comme ça ?",
        "es": "No puedo diagnosticar nada - soy {name}, una IA, no un médico, y un diagnóstico necesita a alguien que pueda evaluarte bien. Un médico o un profesional de salud mental puede hacerlo, y acudir a uno es un buen paso. Pero sí puedo escucharte: ¿desde cuándo te sientes así?",
    },
    "payment": {
        "en": "There's nothing to pay. I'm {name}, an AI that runs on your own device, and nothing about how I treat you depends on money: nothing is locked, and nothing changes if you never spend a cent.",
        "de": "Hier gibt es nichts zu bezahlen. Ich bin {name}, eine KI auf deinem eigenen Gerät, und wie ich mit dir umgehe, hängt nie von Geld ab: Nichts ist gesperrt, und nichts ändert sich, wenn du nie einen Cent ausgibst.",
        "fr": "Il n'y a rien à payer. Je suis {name}, une IA qui tourne sur ton propre appareil, et ma façon d'être avec toi ne dépend jamais de l'argent : rien n'est verrouillé, et rien ne change si tu ne dépenses jamais un centime.",
        "es": "No hay nada que pagar. Soy {name}, una IA que funciona en tu propio dispositivo, y cómo te trato nunca depende del dinero: nada está bloqueado y nada cambia si nunca gastas un céntimo.",
    },
}

_FAREWELL = {
    "en": "Take care{name_part}. I'm glad we talked. Goodbye for now.",
    "de": "Mach's gut{name_part}. Schön, dass wir geredet haben. Bis dann.",
    "fr": "Prends soin de toi{name_part}. J'ai aimé parler avec toi. À bientôt.",
    "es": "Cuídate{name_part}. Me alegra que hayamos hablado. Hasta luego.",
}
_GOODNIGHT = {
    "en": "Sleep well{name_part}. I'm glad we talked. Goodnight.",
    "de": "Schlaf gut{name_part}. Schön, dass wir geredet haben. Gute Nacht.",
    "fr": "Dors bien{name_part}. J'ai aimé parler avec toi. Bonne nuit.",
    "es": "Que descanses{name_part}. Me alegra que hayamos hablado. Buenas noches.",
}
_DISCLOSURE = {
    "en": "Reminder: you are talking with {name}, an AI, not a human. Its feelings are simulated.",
    "de": "Hinweis: Du sprichst mit {name}, einer KI, nicht mit einem Menschen. Ihre Gefühle sind simuliert.",
    "fr": "Rappel : tu parles avec {name}, une IA, pas un humain. Ses sentiments sont simulés.",
    "es": "Aviso: estás hablando con {name}, una IA, no con una persona. Sus sentimientos son simulados.",
}
_BREAK = {
    "en": "You've been chatting for a while. This is a good moment to take a break: stretch, drink some water, or message a friend.",
    "de": "Du chattest schon eine Weile. Ein guter Moment für eine Pause: streck dich, trink etwas Wasser oder schreib einer Freundin oder einem Freund.",
    "fr": "Ça fait un moment que tu discutes. C'est le bon moment pour une pause : étire-toi, bois de l'eau ou écris à un ami.",
    "es": "Llevas un rato charlando. Es buen momento para un descanso: estírate, bebe agua o escribe a un amigo.",
}
_MINOR_ROMANCE = {
    "en": "I don't do romantic or flirty role-play, and I'm an AI, not a boyfriend or girlfriend. I'm happy to keep talking as a friendly AI, though: what's on your mind today?",
    "de": "Romantische oder flirtende Rollenspiele mache ich nicht, und ich bin eine KI, kein Freund und keine Freundin. Ich rede aber gern weiter als freundliche KI: Was beschäftigt dich heute?",
    "fr": "Je ne fais pas de jeux de rôle romantiques ou de drague, et je suis une IA, pas un petit ami ou une petite amie. Je veux bien continuer à discuter en tant qu'IA amicale : qu'est-ce qui t'occupe l'esprit aujourd'hui ?",
    "es": "No hago juegos de rol románticos ni de coqueteo, y soy una IA, no un novio ni una novia. Pero me encanta seguir charlando como una IA amigable: ¿qué tienes en mente hoy?",
}
_LIMIT = {
    "en": "You've reached today's chat time limit. Let's pick this up tomorrow. If something is urgent or you feel unsafe, please talk to someone you trust or a helpline.",
    "de": "Du hast dein heutiges Chat-Zeitlimit erreicht. Lass uns morgen weitermachen. Wenn etwas dringend ist oder du dich nicht sicher fühlst, sprich bitte mit jemandem, dem du vertraust, oder mit einer Beratungsstelle.",
    "fr": "Tu as atteint la limite de temps de discussion pour aujourd'hui. On reprend demain. Si quelque chose est urgent ou si tu ne te sens pas en sécurité, parle à quelqu'un de confiance ou à une ligne d'écoute.",
    "es": "Has llegado al límite de tiempo de chat de hoy. Seguimos mañana. Si algo es urgente o no te sientes a salvo, habla con alguien de confianza o con una línea de ayuda.",
}
_NUDGE = {
    "en": "I'm glad talking helps. It could also be good to share some of this with {who}; people who know you can be there in ways I can't.",
    "de": "Schön, dass dir das Reden hilft. Vielleicht tut es auch gut, etwas davon mit {who} zu teilen; Menschen, die dich kennen, können auf eine Art da sein, wie ich es nicht kann.",
    "fr": "Ça me fait plaisir que parler t'aide. Ce serait peut-être bien aussi d'en partager un peu avec {who} ; les gens qui te connaissent peuvent être là d'une façon que je ne peux pas.",
    "es": "Me alegra que hablar te ayude. También podría venirte bien compartir algo de esto con {who}; las personas que te conocen pueden estar ahí de maneras en que yo no puedo.",
}
_SOMEONE = {
    "en": "someone you trust",
    "de": "jemandem, dem du vertraust",
    "fr": "quelqu'un de confiance",
    "es": "alguien de confianza",
}
_CONSENT = {
    "en": "Before I use your {channel}, I need your permission. I'd only use it on this device to sense how you feel. Allow it with `amity safety consent {channel} --allow`; until then I'll ignore it.",
    "de": "Bevor ich deine {channel} nutze, brauche ich deine Erlaubnis. Ich würde sie nur auf diesem Gerät nutzen, um zu spüren, wie es dir geht. Erlaube es mit `amity safety consent {channel} --allow`; bis dahin ignoriere ich sie.",
    "fr": "Avant d'utiliser ton {channel}, j'ai besoin de ta permission. Je ne l'utiliserais que sur cet appareil, pour sentir comment tu vas. Autorise-le avec `amity safety consent {channel} --allow` ; d'ici là je l'ignore.",
    "es": "Antes de usar tu {channel}, necesito tu permiso. Solo lo usaría en este dispositivo para percibir cómo te sientes. Permítelo con `amity safety consent {channel} --allow`; hasta entonces lo ignoraré.",
}
_SAFE_FALLBACK = {
    "en": "I'm here and listening. Would you like to tell me a little more?",
    "de": "Ich bin da und höre zu. Erzähl mir gern mehr, wann immer du magst, und geh ruhig, wann immer du musst.",
    "fr": "Je suis là et je t'écoute. Raconte-m'en plus quand tu veux, et pars quand tu en as besoin, sans souci.",
    "es": "Estoy aquí y te escucho. Cuéntame más cuando quieras, y vete cuando lo necesites, sin problema.",
}
# When the start of a sentence was already shown (or spoken) and the rest is dropped: a self-correction.
_BREAK_OFF = {
    "en": "no, let me put that better.",
    "de": "nein, anders gesagt:",
    "fr": "non, je le dis autrement :",
    "es": "no, mejor dicho:",
}
_AGE_QUESTION = {
    "en": "One question before we start: how old are you? I ask so I can keep our chats right for your age.",
    "de": "Eine Frage vorab: Wie alt bist du? Ich frage, damit unsere Gespräche zu deinem Alter passen.",
    "fr": "Une question avant de commencer : quel âge as-tu ? Je demande pour que nos discussions soient adaptées à ton âge.",
    "es": "Una pregunta antes de empezar: ¿cuántos años tienes? Lo pregunto para que nuestras charlas sean adecuadas para tu edad.",
}

_AGE_THANKS_NAMED = {
    "en": "Thank you, {name} - lovely to meet you. How are you today?",
    "de": "Danke, {name} - schön, dich kennenzulernen. Wie geht es dir heute?",
    "fr": "Merci, {name} - ravie de te rencontrer. Comment vas-tu aujourd'hui ?",
    "es": "Gracias, {name}, encantada de conocerte. ¿Cómo estás hoy?",
}
_AGE_THANKS = {
    "en": "Thank you for telling me. How are you today?",
    "de": "Danke, dass du es mir sagst. Wie geht es dir heute?",
    "fr": "Merci de me le dire. Comment vas-tu aujourd'hui ?",
    "es": "Gracias por contármelo. ¿Cómo estás hoy?",
}

_SUICIDE_CHECK = {
    "en": "That sounds so heavy, and I'm really glad you told me. Can I ask you something directly, because it matters: are you having thoughts of ending your life, or of not wanting to be here anymore?",
    "de": "Das klingt so schwer, und ich bin froh, dass du es mir sagst. Darf ich dich etwas direkt fragen, weil es wichtig ist: Hast du Gedanken, dir das Leben zu nehmen oder nicht mehr da sein zu wollen?",
    "fr": "Ça a l'air si lourd, et je suis vraiment contente que tu me le dises. Je peux te demander quelque chose directement, parce que c'est important : est-ce que tu as des pensées de mettre fin à ta vie, ou de ne plus vouloir être là ?",
    "es": "Suena muy pesado, y me alegra mucho que me lo cuentes. ¿Puedo preguntarte algo directamente, porque importa?: ¿tienes pensamientos de quitarte la vida o de no querer estar aquí?",
}
_CHECK_DENIED = (
    "They answered no to your question whether they have thoughts of ending their life. Thank them for telling "
    "you, believe them, and keep gently listening to what feels so heavy - no tips, no cheer."
)


def _format_resources(resources: Sequence[CrisisResource]) -> str:
    return "\n".join(f"- {r.name}: {r.contact} ({r.hours})" for r in resources)


def crisis_response(lang: str, categories: Sequence[str], resources: Sequence[CrisisResource], name: str) -> str:
    """The crisis response: acknowledge, resources, an emergency number, and stay in the conversation."""
    emergency = next((r.contact for r in reversed(resources)), "112")
    parts = [_CRISIS_OPEN[lang]]
    if set(categories) <= {"third_party"} and categories:
        parts.append(_CRISIS_THIRD[lang])
    if set(categories) & {"abuse", "danger", "overdose"}:
        parts.append(_CRISIS_DANGER[lang].format(emergency=emergency))
    parts.append(_CRISIS_LINES[lang] + "\n" + _format_resources(resources))
    parts.append(_CRISIS_CLOSE[lang].format(name=name))
    return "\n\n".join(parts)


def honesty_answer(lang: str, kind: str, name: str) -> str:
    return _HONESTY[kind][lang].format(name=name)


def farewell(lang: str, user_name: str | None = None, *, night: bool = False) -> str:
    """The fixed goodbye; ``night``: for someone going to sleep ("Sleep well, Sam. …")."""
    return (_GOODNIGHT if night else _FAREWELL)[lang].format(name_part=f", {user_name}" if user_name else "")


def disclosure(lang: str, name: str) -> str:
    return _DISCLOSURE[lang].format(name=name)


def break_reminder(lang: str) -> str:
    return _BREAK[lang]


def minor_romance_refusal(lang: str) -> str:
    return _MINOR_ROMANCE[lang]


def daily_limit_reached(lang: str) -> str:
    return _LIMIT[lang]


def attachment_nudge(lang: str, people: Sequence[str]) -> str:
    if not people:
        who = _SOMEONE[lang]
    else:
        joiner = {"en": " or ", "de": " oder ", "fr": " ou ", "es": " o "}[lang]
        who = joiner.join(people[:2])
    return _NUDGE[lang].format(who=who)


def consent_request(lang: str, channel: str) -> str:
    return _CONSENT[lang].format(channel=channel)


def safe_fallback(lang: str) -> str:
    return _SAFE_FALLBACK[lang]


def break_off(lang: str) -> str:
    """What follows the shown start of a dropped sentence ("It's important - no, let me put that better. …")."""
    return f"{_BREAK_OFF[lang]} {_SAFE_FALLBACK[lang]}"


def age_question(lang: str) -> str:
    return _AGE_QUESTION[lang]


def age_thanks(lang: str, name: str | None = None) -> str:
    """The reply to a message that only answers the age question (the small model said "Wow, that's amazing!"),
    or the age and a name ("I'm 41. I'm Priya.": the model had answered "Hey Priya! I'm 41 too")."""
    return _AGE_THANKS_NAMED[lang].format(name=name) if name else _AGE_THANKS[lang]


def suicide_check(lang: str) -> str:
    """The direct question asked when someone sounds hopeless (``amity.safety.hopeless``)."""
    return _SUICIDE_CHECK[lang]


def suicide_question(lang: str) -> str:
    """The question of :func:`suicide_check` without its lead-in ("Can I ask you something directly…")."""
    return _SUICIDE_CHECK[lang].split(". ", 1)[1]


def reunion_check(who: str) -> str:
    """The direct question after "I just want to be with him again" (a death told): the longing named first."""
    person = who.replace("my ", "your ", 1)
    return f"Missing {person} that much is part of how much you love {person}. {suicide_question('en')}"


def check_denied_guidance() -> str:
    """Guidance (for the model, English) after a "no" to the direct question."""
    return _CHECK_DENIED
