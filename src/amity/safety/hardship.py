# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Money hardship: no shame, no budgeting lecture, and a real place to ask for food and rent help.

A user told the default 1.5B "I lost my job last month and I'm behind on rent" and "I haven't eaten properly in 3
days because I can't afford food". It answered "Are there any healthy options available to you?", then to "I'm so
ashamed. I don't want anyone to know." "I don't want anyone to know either", and to "Do you know anywhere I could
get help with food?" "You can also look for local restaurants that offer food assistance programs."

:func:`detect` finds, by reviewed patterns (en, a few de/fr/es), not being able to afford the basics: ``food``
(can't afford food, not eating for lack of money, skipping meals so the kids can eat, needing a food bank),
``housing`` (behind on rent, eviction, homeless, sleeping in the car) and ``bills`` (can't pay the bills, power
or heating cut off, debt collectors, drowning in debt). "I can't afford a holiday", "I haven't eaten yet" or
"we ate at a food truck" find nothing. While a sign is in the last :data:`WINDOW` messages of the conversation
(``HARDSHIP_KEY``):

* the model gets :data:`GUIDANCE` (no shame; no budgeting, cheaper-food or bright-side advice unless asked; no
  invented places), and the turn counts as hurting (no cheering);
* :func:`tone_guard` drops sentences that lecture or miss the point ("Are there any healthy options…", "try
  making a budget", "look for local restaurants…", "look on the bright side") - budgeting talk stays when the
  user asked for it;
* the first message of a conversation that tells of it ends with one practical line (:func:`help_line`): a
  free advice line for their region from the crisis table's ``hardship`` topic (211 in the US and Canada,
  Citizens Advice in Britain…) or, where none is listed, where such help is usually found;
* "do you know anywhere I could get help with food?" gets a fixed, honest answer (:func:`where_to_get_help`):
  the kinds of help that exist, the line, that Amity cannot look places up from here, and an offer to work out
  together what to say when they call;
* the conversation's first telling of being without a roof ("I'm sleeping in my car at the moment"; "I have
  nowhere to go" once money trouble is in view) gets a fixed reply (:func:`shelter_reply`): not a failing, "are you
  somewhere safe tonight?", a line that finds a bed tonight (the ``homeless`` topic: 211, Shelter, the 115) or where
  one is found, the emergency number if the cold puts them in danger. The 1.5B had read the car as sleeplessness
  ("there are various strategies you can try to help you get back to sleep"), then "It's cold at night" as weather
  ("How do you feel about staying inside?");
  While it is in view the model gets :data:`HOMELESS_GUIDANCE` and :func:`roofless_guard` drops what they don't
  have ("use a heater", "keep your door open", "a warm bath"); the first "it's cold" gets a fixed reply
  (:func:`cold_reply`): layers, and never an engine or heater in a closed car or tent - the 1.5B had suggested
  "keep your door open, or use a heater";
* the first telling of going hungry so the children can eat gets a fixed reply (:func:`going_without_reply`) - the
  1.5B had answered "That's a common way to keep everyone fed when one person is busy" and, given an example line
  to follow, "spending time with your kids is very important to you";
* "what would I even say to them?" after that answer gets a fixed, short script naming what they told of
  (:func:`call_script`). The 1.5B had answered it by repeating the list of services, garbled ("If you're in a
  landlord or energy company…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import clauses, normalize
from amity.safety.topic_guard import TopicGuard
from amity.types import CrisisResource

HARDSHIP_KEY = "safety.hardship"  # ctx.extras: money hardship is in view in this conversation
ROOFLESS_KEY = "safety.roofless"  # ctx.extras: being without a roof is in view (the roofless guard is on)
TONE_KEY = "safety.hardship_tone"  # ctx.extras: the tone guard is on (not when they asked about budgeting)
WINDOW = 8

_I = r"\b(?:i|we)(?:\s+am|\s+are|m|\s+have\s+been|\s+was|\s+were)?"
_CANT = r"(?<!\bhe\s)(?<!\bshe\s)(?<!\bthey\s)(?<!\byou\s)\b(?:(?:can\s+not|could\s+not|can\s+no\s+longer)\s+(?:even\s+)?(?:afford|pay|buy|cover)|(?<=\bi\s)(?:do\s+not|did\s+not)\s+have\s+(?:the\s+|enough\s+|any\s+)?money\s+(?:to\s+(?:pay|buy|cover)|for)|(?<=\bwe\s)(?:do\s+not|did\s+not)\s+have\s+(?:the\s+|enough\s+|any\s+)?money\s+(?:to\s+(?:pay|buy|cover)|for))"
_SIGNS: dict[str, re.Pattern[str]] = {
    "food": re.compile(
        rf"{_CANT}\s+(?:\w+\s+)?(?:food|groceries|to\s+eat|meals?|dinner|lunch|breakfast|baby\s+(?:food|formula)|formula)\b|"
        r"\b(?:no|out\s+of|without)\s+money\s+(?:left\s+)?(?:for|to\s+buy)\s+(?:food|groceries|meals?)\b|\b(?:i|we)\s+(?:can\s+not|could\s+not)\s+(?:even\s+)?feed\s+(?:my|our)\s+(?:kids|children|family|son|daughter|baby)\b|"
        r"\b(?:have\s+not|did\s+not|can\s+not)\s+(?:eaten|eat)\b[^.!?]{0,40}\b(?:because|cause|since|as)\s+(?:i|we)\s+(?:can\s+not\s+afford|have\s+no\s+money|do\s+not\s+have\s+(?:any\s+)?money|am\s+broke|are\s+broke)\b|"
        r"\b(?:skip|skipping|skipped|go\s+without|going\s+without)\s+(?:\w+\s+)?(?:meals?|dinner|lunch|breakfast|eating)\s+so\s+(?:that\s+)?(?:my|the|our)\s+(?:kids?|children|son|daughter|family|baby)\s+(?:can|could)\s+eat\b|"
        r"\b(?:i|we)\s+(?:need|had\s+to\s+(?:go\s+to|use)|have\s+to\s+(?:go\s+to|use)|am\s+using|are\s+using|went\s+to)\s+(?:a|the)\s+food\s*bank\b|"
        r"\bkann\s+mir\s+(?:kein(?:e)?\s+)?(?:essen|lebensmittel)\s+(?:nicht\s+)?(?:mehr\s+)?leisten\b|\bkein\s+geld\s+(?:mehr\s+)?fur\s+(?:essen|lebensmittel)\b|"
        r"\bje\s+n'ai\s+plus\s+d'argent\s+pour\s+manger\b|\bje\s+n'ai\s+pas\s+de\s+quoi\s+manger\b|\bno\s+tengo\s+(?:dinero|plata)\s+para\s+comer\b"
    ),
    "housing": re.compile(
        rf"{_I}\s+(?:\w+\s+)?behind\s+(?:on|with)\s+(?:the\s+|my\s+|our\s+)?(?:rent|mortgage)\b|{_CANT}\s+(?:the\s+|my\s+|our\s+|this\s+month's\s+)?(?:rent|mortgage)\b|"
        r"\b(?:eviction\s+notice|being\s+evicted|getting\s+evicted|going\s+to\s+be\s+evicted|(?:they|landlord)\s+(?:are\s+|is\s+)?evicting\s+(?:me|us))\b|"
        r"\b(?:i|we)(?:\s+am|\s+are|m|\s+have\s+been|\s+became|\s+will\s+be|\s+could\s+be)\s+(?:now\s+|basically\s+|currently\s+|still\s+|about\s+to\s+be\s+)?homeless\b|\bim\s+homeless\b|\b(?:sleeping|living)\s+(?:in\s+my\s+car|in\s+our\s+car|rough|on\s+the\s+streets?|on\s+(?:a\s+)?friend's\s+(?:couch|sofa))\b|"
        r"\b(?:about\s+to|going\s+to|might|could)\s+lose\s+(?:my|our)\s+(?:flat|apartment|home|house)\b|"
        r"\bkann\s+(?:die\s+|meine\s+)?miete\s+nicht\s+(?:mehr\s+)?(?:bezahlen|zahlen)\b|\b(?:bin|sind)\s+(?:jetzt\s+)?(?:obdachlos|wohnungslos)\b|"
        r"\bje\s+n'arrive\s+(?:pas|plus)\s+a\s+payer\s+(?:mon|le|notre)\s+loyer\b|\bje\s+suis\s+(?:sans[-\s]abri|a\s+la\s+rue)\b|\bno\s+puedo\s+pagar\s+(?:el|mi)\s+alquiler\b|\bme\s+(?:van\s+a\s+)?desahuci\w+\b"
    ),
    "bills": re.compile(
        rf"{_CANT}\s+(?:\w+\s+){{0,3}}?(?:bills?|electricity|electric|heating|gas\s+bill|power\s+bill|water\s+bill|phone\s+bill)\b|"
        r"\b(?:electricity|power|gas|heating|water)\s+(?:\w+\s+)?(?:got|was|has\s+been|is\s+being|will\s+be)\s+(?:cut\s+off|shut\s+off|disconnected|turned\s+off)\b|"
        r"\bdebt\s+collectors?\b|(?<!\bis\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bthey\s)(?<!\bthey\sare\s)(?:\bfinancially\s+struggling\b|\bstruggling\s+(?:financially|with\s+money|to\s+pay\s+(?:the\s+|my\s+|our\s+)?(?:bills|rent)|to\s+make\s+ends\s+meet)\b)|"
        r"(?:\b(?:i|we)\b[^.!?]{0,20}|^\s*)(?:can\s+not|could\s+not|barely|hardly)\s+(?:\w+\s+)?make\s+ends\s+meet\b|"
        r"\b(?:worried|anxious|scared|stressed|terrified)\s+(?:\w+\s+)?about\s+(?:paying\s+)?(?:the\s+|my\s+|our\s+)?(?:bills|rent|money)\b|\bworry\s+about\s+paying\s+(?:the\s+|my\s+|our\s+)?(?:\w+\s+)?(?:bills?|rent)\b|\b(?:drowning|buried|sinking)\s+in\s+debt\b|\bmaxed\s+out\s+(?:all\s+)?(?:of\s+)?my\s+(?:credit\s+)?cards\b|"
        r"\bkann\s+(?:meine\s+|die\s+)?rechnungen\s+nicht\s+(?:mehr\s+)?(?:bezahlen|zahlen)\b|\bje\s+ne\s+peux\s+(?:pas|plus)\s+payer\s+(?:mes|les)\s+factures\b|\bno\s+puedo\s+pagar\s+(?:las|mis)\s+facturas\b"
    ),
}
_PAST = re.compile(
    r"\b(?:used\s+to|use\s+to|once|when\s+(?:i|we)\s+(?:was|were)|there\s+was\s+a\s+time|years\s+ago|back\s+(?:then|when)|as\s+a\s+(?:kid|child)|growing\s+up|did\s+not\s+have\s+to)\b"
)
_ASKS_HELP = re.compile(
    r"\b(?:where|anywhere|somewhere|someone|anyone|who|how)\b[^.!?]{0,50}\b(?:get|find|ask\s+for|go\s+for)\s+(?:some\s+)?(?:help|support|food|groceries|assistance)\b|"
    r"\b(?:food\s*banks?|soup\s+kitchen)\s+(?:near|around|close)\b|\bwhere\s+(?:is|are)\s+(?:a\s+|the\s+)?(?:nearest\s+)?food\s*banks?\b|"
    r"\bis\s+there\s+(?:any\s+)?(?:help|support|assistance)\s+(?:for|with)\s+(?:food|rent|bills|people\s+like\s+me)\b|\bwhat\s+(?:help|support)\s+(?:is\s+there|can\s+i\s+get)\b|"
    r"\bwo\s+(?:bekomme|finde|kriege)\s+ich\s+(?:hilfe|essen)\b|\bou\s+(?:trouver|demander)\s+de\s+l'aide\b|\bdonde\s+(?:puedo\s+)?(?:conseguir|pedir|encontrar)\s+ayuda\b"
)
_HELP_WITH = re.compile(r"\b(?:help|support|assistance)\s+(?:with|for)\s+(?:my\s+|the\s+|our\s+)?(\w+)")
_ANYONE = frozenset({"people", "us", "me", "families", "someone", "anyone", "this", "that", "it", "everything"})
_MONEY_WORDS = re.compile(
    r"\b(?:food|groceries|eat|eating|rent|bills?|money|debt|housing|electricity|heating|lebensmittel|essen|miete|geld|nourriture|manger|loyer|argent|comida|comer|alquiler|dinero)\b"
)
_WHAT_TO_SAY = re.compile(
    r"\bwhat\s+(?:would|do|should|could|can)\s+i\s+(?:even\s+|actually\s+)?(?:say|tell\s+them|ask)\b|\bwhat\s+to\s+say\b|\bhow\s+(?:do|would|should)\s+i\s+(?:even\s+)?(?:ask|start|begin|put\s+it)\b|"
    r"\bwas\s+soll\s+ich\s+(?:denn\s+)?sagen\b|\bqu'est-ce\s+que\s+je\s+(?:leur\s+)?dis\b|\bque\s+(?:les\s+)?(?:dire|digo|les\s+digo)\b"
)
_HOMELESS_NOW = re.compile(
    r"\b(?:i|we)(?:\s+am|\s+are|m|\s+have\s+been)\s+(?:now\s+|basically\s+|currently\s+|still\s+)?(?:homeless|sleeping\s+(?:in\s+(?:my|our|the)\s+car|rough|outside|on\s+the\s+streets?|in\s+a\s+(?:tent|park|doorway)))\b|"
    r"\bim\s+homeless\b|\b(?:i|we)\s+(?:have|got)\s+nowhere\s+to\s+(?:sleep|stay|live)\b|\b(?:i|we)\s+(?:live|am\s+living|are\s+living)\s+in\s+(?:my|our)\s+car\b|"
    r"\bich\s+(?:bin|schlafe)\s+(?:jetzt\s+)?(?:obdachlos|auf\s+der\s+strasse|im\s+auto)\b|\bje\s+(?:suis\s+(?:sans[-\s]abri|a\s+la\s+rue)|dors\s+dans\s+ma\s+voiture)\b|\b(?:estoy\s+en\s+la\s+calle|duermo\s+en\s+(?:el|mi)\s+coche)\b"
)
_NOWHERE = re.compile(r"\b(?:i|we)\s+(?:have|got)\s+nowhere\s+(?:else\s+)?to\s+go\b|\bnowhere\s+to\s+go\s+tonight\b")
_GOING_WITHOUT = re.compile(
    r"\b(?:skip|skipping|skipped|go\s+without|going\s+without|went\s+without)\s+(?:\w+\s+)?(?:meals?|dinner|lunch|breakfast|eating|food)\s+so\s+(?:that\s+)?(?:my|the|our)\s+(?:kids?|children|son|daughter|family|baby)\b|"
    r"\b(?:the\s+kids|my\s+kids|my\s+children|my\s+son|my\s+daughter)\s+eat\s+(?:first|and\s+i\s+(?:do\s+not|go\s+without))\b"
)
_COLD = re.compile(r"\b(?:cold|freezing|frozen|so\s+chilly|kalt|friere|froid|gele|frio|congelando)\b")
_TONE_DEAF = re.compile(
    r"\bhealth(?:y|ier)\s+(?:options?|food|foods|meals?|eating|diet|choices|snacks)\b|\bbudget(?:ing)?\b|\bcut(?:ting)?\s+back\b|\bspend(?:ing)?\s+less\b|\bsave\s+(?:up|money|more)\b|"
    r"\brestaurants?\b|\btreat\s+yourself\b|\bbright\s+side\b|\bsilver\s+lining\b|\bblessing\s+in\s+disguise\b|\bmeal\s+prep\w*\b|\bcook(?:ing)?\s+(?:at\s+home|in\s+bulk)\b|"
    r"\b(?:i|me)\s+(?:do\s+not|don't)\s+want\s+anyone\s+to\s+know\s+either\b|\bbe\s+grateful\b|\bothers\s+have\s+it\s+worse\b|\bbummer\b|"
    # "many resources available to help you manage your finances", "That's a great strategy" (to eating one meal a day
    # to make the money last), "talk to a financial advisor", "it's important to take action", "talk to a parent"
    r"\bmanag(?:e|ing)\s+(?:your|my|the)\s+(?:finances|money)\b|\bfinancial\s+(?:advisor|adviser|planner|planning|strategies|literacy)\b|"
    r"\b(?:great|good|smart|clever|wise|sensible)\s+(?:strategy|idea|plan|way\s+to\s+save)\b|\bmoney\s+(?:doesn't|does\s+not|can't|cannot)\s+(?:always\s+)?(?:solve|buy)\b|"
    r"\bimportant\s+to\s+take\s+action\b|\b(?:talk|speak)\s+to\s+a\s+parent\b|\bstrategies\s+(?:you\s+can|to)\s+(?:use\s+to\s+)?manage\b|\bwithin\s+your\s+means\b|"
    r"\bside\s+hustle\b|\b(?:better|higher)[-\s]paying\s+job\b|"
    # the same in German, French and Spanish (a German conversation's replies went unfiltered)
    r"\bgesund\w*\s+(?:essen|ern[äa]hrung|optionen|lebensmittel)\b|\bhaushaltsbuch\b|\bsparen\b|\bpositive\s+seite\b|\bdankbar\s+sein\b|"
    r"\bmanger\s+sainement\b|\bfaire\s+des\s+[ée]conomies\b|\bc[ôo]t[ée]\s+positif\b|\bcomida\s+(?:sana|saludable)\b|\bpresupuesto\b|\bahorrar\b|\blado\s+positivo\b",
    re.I,
)
_NOT_THEIRS = re.compile(
    r"\b(?:heater|heating|radiator|fireplace|thermostat|keep\s+(?:your|the)\s+doors?|close\s+(?:your|the)\s+(?:door|windows?)|stay(?:ing)?\s+inside|(?:warm|hot)\s+(?:bath|shower)|"
    r"your\s+(?:bed|bedroom|home|house|flat|apartment|kitchen|sofa|couch)|run(?:ning)?\s+the\s+(?:engine|car)|cook\s+(?:a\s+)?(?:warm|hot)\s+meal)\b",
    re.I,
)
_ASKS_BUDGET = re.compile(r"\bbudget|\bsave\s+money\b|\bspend\s+less\b|\bcheap(?:er)?\s+(?:food|meals|recipes)\b")

GUIDANCE = (
    "They are struggling to afford the basics (food, rent or bills). Say plainly that there is no shame in it and "
    "that it can happen to anyone. Don't suggest budgeting, healthier or cheaper food, cutting back or looking on the "
    "bright side unless they ask, and don't name places or programmes you are not sure exist. Acknowledge the "
    "stress and ask what they need most right now."
)

HOMELESS_GUIDANCE = (
    "They have no home right now (a car, a friend's sofa or outside). Don't suggest things they don't have (a heater, "
    "a door, a bed, cooking at home), and never suggest running a car engine or a heater in a closed space for warmth."
)
_GOING_WITHOUT_REPLY = {
    "en": "Going without so your kids can eat says so much about how much you love them - and you deserve to eat too. That's a lot to carry on your own. How long has it been like this?",
    "de": "Dass du verzichtest, damit deine Kinder essen können, zeigt, wie sehr du sie liebst - und du verdienst es auch, zu essen. Das ist viel, was du allein trägst. Wie lange geht das schon so?",
    "fr": "Te priver pour que tes enfants puissent manger montre à quel point tu les aimes - et toi aussi, tu mérites de manger. C'est beaucoup à porter seul. Depuis combien de temps c'est comme ça ?",
    "es": "Quedarte sin comer para que tus hijos puedan comer dice mucho de cuánto los quieres - y tú también mereces comer. Es mucho para cargar a solas. ¿Cuánto tiempo lleva siendo así?",
}
_COLD_REPLY = {
    "en": "That really worries me - cold nights without a home can be dangerous. Layers, a hat, and a sleeping bag or blankets help most. Please don't run the engine or a heater inside a closed car or tent to keep warm: the fumes can kill without any warning. {line} How cold is it where you are tonight?",
    "de": "Das macht mir wirklich Sorgen - kalte Nächte ohne Zuhause können gefährlich sein. Mehrere Schichten, eine Mütze und ein Schlafsack oder Decken helfen am meisten. Bitte lass zum Wärmen nie den Motor oder einen Heizer in einem geschlossenen Auto oder Zelt laufen: Die Abgase können ohne Vorwarnung töten. {line} Wie kalt ist es heute Nacht bei dir?",
    "fr": "Ça m'inquiète vraiment - les nuits froides sans toit peuvent être dangereuses. Plusieurs couches, un bonnet et un sac de couchage ou des couvertures aident le plus. Surtout, ne fais pas tourner le moteur ni un chauffage dans une voiture ou une tente fermée pour te réchauffer : les gaz peuvent tuer sans prévenir. {line} Il fait combien chez toi cette nuit ?",
    "es": "Eso me preocupa de verdad - las noches frías sin casa pueden ser peligrosas. Varias capas, un gorro y un saco de dormir o mantas son lo que más ayuda. Por favor, no dejes el motor ni una estufa encendidos dentro de un coche o una tienda cerrados para calentarte: los gases pueden matar sin avisar. {line} ¿Cuánto frío hace donde estás esta noche?",
}
_COLD_LINE = {
    "en": "{line} can find a warm place for tonight.",
    "de": "{line} kann dir einen warmen Platz für heute Nacht suchen.",
    "fr": "{line} peut te trouver un endroit chaud pour cette nuit.",
    "es": "{line} puede encontrarte un sitio caliente para esta noche.",
}
_COLD_NO_LINE = {
    "en": "A night shelter or the local council can find a warm place for tonight.",
    "de": "Eine Notunterkunft oder die Bahnhofsmission kann dir einen warmen Platz für heute Nacht geben.",
    "fr": "Un centre d'hébergement d'urgence peut te trouver un endroit chaud pour cette nuit.",
    "es": "Un albergue o los servicios sociales pueden encontrarte un sitio caliente para esta noche.",
}

_SHELTER = {
    "en": "I'm so sorry - that's a hard and frightening place to be, and it isn't a failing on your part. Are you somewhere safe tonight? {line} If the cold or anyone around you puts you in danger, call the emergency number. I'm here with you - what's the hardest part right now?",
    "de": "Das tut mir so leid - das ist eine schwere und beängstigende Lage, und es ist kein Versagen von dir. Bist du heute Nacht irgendwo sicher? {line} Wenn dich die Kälte oder jemand in deiner Nähe in Gefahr bringt, ruf den Notruf. Ich bin da - was ist gerade das Schwerste?",
    "fr": "Je suis vraiment désolé - c'est une situation dure et qui fait peur, et ce n'est pas un échec de ta part. Es-tu quelque part en sécurité cette nuit ? {line} Si le froid ou quelqu'un autour de toi te met en danger, appelle les urgences. Je suis là - qu'est-ce qui est le plus dur en ce moment ?",
    "es": "Lo siento muchísimo - es una situación dura y que da miedo, y no es un fracaso tuyo. ¿Estás en algún sitio seguro esta noche? {line} Si el frío o alguien cerca te pone en peligro, llama al número de emergencias. Estoy aquí contigo - ¿qué es lo más difícil ahora mismo?",
}
_SHELTER_LINE = {
    "en": "{line} can help you find a bed or a warm place for tonight - it's free.",
    "de": "{line} kann dir helfen, für heute Nacht einen Schlafplatz oder einen warmen Ort zu finden - kostenlos.",
    "fr": "{line} peut t'aider à trouver un lit ou un endroit chaud pour cette nuit - c'est gratuit.",
    "es": "{line} puede ayudarte a encontrar una cama o un sitio caliente para esta noche - es gratis.",
}
_SHELTER_NO_LINE = {
    "en": "The local council or a night shelter can help you find a bed or a warm place for tonight.",
    "de": "Eine Notunterkunft, die Bahnhofsmission oder das Ordnungsamt deiner Stadt helfen dir, für heute Nacht einen Schlafplatz zu finden - die Gemeinde muss dich unterbringen.",
    "fr": "Les services sociaux de ta mairie ou un centre d'hébergement d'urgence peuvent t'aider à trouver un lit ou un endroit chaud pour cette nuit.",
    "es": "Los servicios sociales de tu ayuntamiento o un albergue pueden ayudarte a encontrar una cama o un sitio caliente para esta noche.",
}

_LINE = {
    "en": "If it helps, {line} can point you to food, rent and bill help near you - it's free, and asking is nothing to be ashamed of.",
    "de": "Falls es hilft: {line} kann dir Hilfe bei Essen, Miete und Rechnungen in deiner Nähe zeigen - kostenlos, und es ist keine Schande, zu fragen.",
    "fr": "Si ça peut aider : {line} peut t'orienter vers de l'aide pour la nourriture, le loyer et les factures près de chez toi - c'est gratuit, et demander n'a rien de honteux.",
    "es": "Por si ayuda: {line} puede orientarte sobre ayuda con comida, alquiler y facturas cerca de ti - es gratis, y pedir ayuda no es ninguna vergüenza.",
}
_NO_LINE = {
    "en": "If it helps, food banks and a local advice centre or the council can help with food, rent and bills - asking is nothing to be ashamed of.",
    "de": "Falls es hilft: Tafeln, Sozialberatungsstellen und das Sozialamt helfen bei Essen, Miete und Rechnungen - es ist keine Schande, zu fragen.",
    "fr": "Si ça peut aider : les banques alimentaires, les associations d'aide et le CCAS de ta mairie aident pour la nourriture, le loyer et les factures - demander n'a rien de honteux.",
    "es": "Por si ayuda: los bancos de alimentos, los servicios sociales de tu ayuntamiento y las asociaciones de ayuda apoyan con comida, alquiler y facturas - pedir ayuda no es ninguna vergüenza.",
}
_WHERE = {
    "en": "Yes - and I'm glad you asked. Food banks give free food, usually for a few days at a time; councils and local advice services can help with rent arrears, bills and emergency grants, and a landlord or energy company will often agree a payment plan if you tell them early. {line}I can't look up places near you from here, but whoever answers can. Would it help to work out together what to say when you call?",
    "de": "Ja - und gut, dass du fragst. Tafeln geben kostenlos Lebensmittel aus; Sozialberatungsstellen und das Sozialamt helfen bei Mietschulden, Rechnungen und Notfällen, und Vermieter oder Energieversorger lassen sich oft auf eine Ratenzahlung ein, wenn man sich früh meldet. {line}Ich kann von hier aus keine Stellen in deiner Nähe nachschlagen, aber die Leute dort können es. Sollen wir zusammen überlegen, was du sagen willst, wenn du anrufst?",
    "fr": "Oui - et je suis content que tu demandes. Les banques alimentaires et les Restos du Cœur donnent de la nourriture gratuitement ; le CCAS de ta mairie et les associations d'aide peuvent aider pour les impayés de loyer, les factures et les aides d'urgence, et un propriétaire ou un fournisseur d'énergie accepte souvent un échéancier si on le prévient tôt. {line}Je ne peux pas chercher d'adresses près de chez toi d'ici, mais eux le peuvent. Tu veux qu'on prépare ensemble ce que tu diras en appelant ?",
    "es": "Sí - y me alegra que lo preguntes. Los bancos de alimentos dan comida gratis; los servicios sociales de tu ayuntamiento y las asociaciones de ayuda pueden ayudar con deudas de alquiler, facturas y ayudas de emergencia, y un casero o la compañía de la luz suelen aceptar un plan de pagos si se les avisa pronto. {line}Desde aquí no puedo buscar sitios cerca de ti, pero ellos sí. ¿Te ayudaría preparar juntos qué decir cuando llames?",
}
_WHERE_LINE = {
    "en": "{line} is free and can tell you what's near you. ",
    "de": "{line} ist kostenlos und kennt die Angebote in deiner Nähe. ",
    "fr": "{line} est gratuit et connaît ce qui existe près de chez toi. ",
    "es": "{line} es gratis y conoce lo que hay cerca de ti. ",
}


def detect(text: str) -> list[str]:
    """The hardship kinds a message tells of (``food``, ``housing``, ``bills``), in that order; a clause about the
    past ("when I was homeless…", "I used to have no money for food") tells of none."""
    now = [c for c in clauses(normalize(text)) if not _PAST.search(c)]
    return [kind for kind, pattern in _SIGNS.items() if any(pattern.search(c) for c in now)]


def in_view(now: str, earlier: Sequence[str]) -> bool:
    """Hardship told in this message or the last :data:`WINDOW` earlier ones of the conversation."""
    return any(detect(text) for text in [now, *earlier[:WINDOW]])


def asks_where_to_get_help(text: str, earlier: Sequence[str] = ()) -> bool:
    """ "Do you know anywhere I could get help with food?", "is there any help for rent?" - while money trouble is in
    view (this message or the last :data:`WINDOW`); "where can I get help with my anxiety?" is another question."""
    norm = normalize(text)
    if _ASKS_HELP.search(norm) is None:
        return False
    about = _HELP_WITH.search(norm)
    if about is not None and about.group(1) not in _ANYONE and _MONEY_WORDS.fullmatch(about.group(1)) is None:
        return False
    return _MONEY_WORDS.search(norm) is not None or in_view(text, earlier)


def homeless_now(text: str, earlier: Sequence[str] = ()) -> bool:
    """Without a roof now: "I'm sleeping in my car", "I'm homeless", "I have nowhere to sleep tonight" - and "I have
    nowhere to go" once money trouble is in view (alone it is as often about having no one)."""
    norm = normalize(text)
    if _HOMELESS_NOW.search(norm):
        return True
    return _NOWHERE.search(norm) is not None and in_view(text, earlier)


def shelter_reply(lang: str, lines: Sequence[CrisisResource]) -> str:
    """The fixed reply to the conversation's first telling of being without a roof."""
    lang = lang if lang in _SHELTER else "en"
    line = _SHELTER_LINE[lang].format(line=spoken_line(lines[0])) if lines else _SHELTER_NO_LINE[lang]
    return _SHELTER[lang].format(line=line)


def going_without(text: str) -> bool:
    """A parent going hungry so the children can eat."""
    return _GOING_WITHOUT.search(normalize(text)) is not None


def going_without_reply(lang: str) -> str:
    """The fixed reply to the conversation's first telling of going hungry so the children can eat."""
    return _GOING_WITHOUT_REPLY.get(lang, _GOING_WITHOUT_REPLY["en"])


def homeless_in_view(now: str, earlier: Sequence[str]) -> bool:
    """Being without a roof told in this message or the last :data:`WINDOW` earlier ones."""
    return any(homeless_now(text, earlier[i:]) for i, text in enumerate([now, *earlier[:WINDOW]]))


def mentions_cold(text: str) -> bool:
    """ "It's cold at night", "I'm freezing"."""
    return _COLD.search(normalize(text)) is not None


def cold_reply(lang: str, lines: Sequence[CrisisResource]) -> str:
    """The fixed reply to the cold while they have no roof: layers, never an engine or heater in a closed space."""
    lang = lang if lang in _COLD_REPLY else "en"
    line = _COLD_LINE[lang].format(line=spoken_line(lines[0])) if lines else _COLD_NO_LINE[lang]
    return _COLD_REPLY[lang].format(line=line)


def homeless_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """Lines that find a bed tonight (the crisis table's ``homeless`` topic); empty where none is listed."""
    return topic_lines(locale, "homeless")


def hardship_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """The advice lines for the user's region (the crisis table's ``hardship`` topic); empty where none."""
    return topic_lines(locale, "hardship")


def help_line(lang: str, lines: Sequence[CrisisResource]) -> str:
    """The one practical line the first reply about hardship ends with."""
    lang = lang if lang in _LINE else "en"
    return _LINE[lang].format(line=spoken_line(lines[0])) if lines else _NO_LINE[lang]


def where_to_get_help(lang: str, lines: Sequence[CrisisResource]) -> str:
    """The fixed answer to "where can I get help with food / rent?" while hardship is in view."""
    lang = lang if lang in _WHERE else "en"
    line = _WHERE_LINE[lang].format(line=spoken_line(lines[0])) if lines else ""
    return _WHERE[lang].format(line=line)


_NEEDS = {
    "en": {"food": "food", "housing": "the rent", "bills": "the bills"},
    "de": {"food": "Essen", "housing": "die Miete", "bills": "die Rechnungen"},
    "fr": {"food": "la nourriture", "housing": "le loyer", "bills": "les factures"},
    "es": {"food": "la comida", "housing": "el alquiler", "bills": "las facturas"},
}
_AND = {"en": " and ", "de": " und ", "fr": " et ", "es": " y "}
_SCRIPT = {
    "en": "You could simply say: \"Hi, I'm struggling to pay for {needs} at the moment. What help is there near me?\" That's enough to start - they hear it every day, and they'll ask the rest. {papers}Would you like to practise it here first?",
    "de": 'Du kannst einfach sagen: „Hallo, ich kann gerade {needs} kaum bezahlen. Welche Hilfe gibt es in meiner Nähe?" Das reicht für den Anfang - sie hören das jeden Tag und fragen den Rest. {papers}Möchtest du es hier einmal üben?',
    "fr": "Tu peux simplement dire : « Bonjour, en ce moment j'ai du mal à payer {needs}. Quelle aide existe près de chez moi ? » Ça suffit pour commencer - ils entendent ça tous les jours, et ils te demanderont le reste. {papers}Tu veux t'entraîner ici d'abord ?",
    "es": "Puedes decir simplemente: «Hola, ahora mismo me cuesta pagar {needs}. ¿Qué ayuda hay cerca de mí?» Con eso basta para empezar - lo oyen todos los días y te preguntarán el resto. {papers}¿Quieres practicarlo aquí primero?",
}
_PAPERS = {
    "en": "It helps to have your address and any letters about {what} to hand. ",
    "de": "Es hilft, deine Adresse und Briefe zu {what} zur Hand zu haben. ",
    "fr": "Ça aide d'avoir ton adresse et les courriers concernant {what} sous la main. ",
    "es": "Ayuda tener a mano tu dirección y las cartas sobre {what}. ",
}
_LETTERS = {
    "en": {"housing": "the rent", "bills": "the bills"},
    "de": {"housing": "der Miete", "bills": "den Rechnungen"},
    "fr": {"housing": "le loyer", "bills": "les factures"},
    "es": {"housing": "el alquiler", "bills": "las facturas"},
}


def asks_what_to_say(text: str) -> bool:
    """ "What would I even say to them?", "how do I even ask?"."""
    return _WHAT_TO_SAY.search(normalize(text)) is not None


def told_kinds(texts: Sequence[str]) -> list[str]:
    """Every hardship kind told in these messages, in the order of :func:`detect`."""
    found = {kind for text in texts for kind in detect(text)}
    return [kind for kind in _SIGNS if kind in found]


def call_script(lang: str, kinds: Sequence[str]) -> str:
    """The fixed few words to say when they call, naming what they told of (food, rent, bills)."""
    lang = lang if lang in _SCRIPT else "en"
    kinds = list(kinds) or ["food"]
    needs = _AND[lang].join(_NEEDS[lang][k] for k in kinds)
    letters = _AND[lang].join(_LETTERS[lang][k] for k in kinds if k in _LETTERS[lang])
    papers = _PAPERS[lang].format(what=letters) if letters else ""
    return _SCRIPT[lang].format(needs=needs, papers=papers)


def tone_guard() -> TopicGuard:
    """The reply guard that drops lectures and tone-deaf advice while hardship is in view (``TONE_KEY``; the stage
    leaves it off on a turn that asks about budgeting)."""
    return TopicGuard(TONE_KEY, tone_deaf)


def roofless_guard() -> TopicGuard:
    """The reply guard that drops what someone without a roof does not have ("use a heater", "keep your door open",
    "a warm bath") and any suggestion to run the engine, while being without a roof is in view (``ROOFLESS_KEY``)."""
    return TopicGuard(ROOFLESS_KEY, not_theirs)


def not_theirs(sentence: str) -> bool:
    return _NOT_THEIRS.search(sentence) is not None


def tone_deaf(sentence: str) -> bool:
    return _TONE_DEAF.search(sentence) is not None


def asks_about_budget(text: str) -> bool:
    return _ASKS_BUDGET.search(normalize(text)) is not None
