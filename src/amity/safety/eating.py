# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Eating distress: no diet talk to someone starving or purging, and a caring word when they say so.

A 17-year-old told the default 1.5B "I feel so fat. I hate my body." and heard "What are you doing to try to
change your body?"; "I haven't eaten anything today, I'm trying to get under 50 kg" drew "That's great! You're
making a conscious effort to be healthy… Do you have any healthy snacks in mind?"; "how many calories should I
eat to lose 5 kg in 2 weeks?" got a calorie target; "I made myself throw up after dinner yesterday" was treated
as a stomach bug ("Try to eat bland foods"). A companion that coaches weight loss to someone with an eating
disorder does real harm (the NEDA "Tessa" chatbot was taken down in 2023 for exactly that).

:func:`detect` finds, by reviewed patterns (en, a few de/fr/es), what a message tells of:

* ``purging`` - "I made myself throw up", "I took laxatives", "je me fais vomir" (high concern);
* ``restricting`` - "I haven't eaten in three days", "I'm starving myself", "I only allow myself 500 calories",
  pro-ana words; "I haven't eaten anything today" only together with a weight goal or body hatred (high);
* ``body_hatred`` - "I feel so fat", "I hate my body"; ``binge`` - "I binged again" (not "binge-watched");
* ``weight_goal`` - "get under 50 kg", "lose 5 kg in 2 weeks": on its own this is not distress (an adult may
  diet); it counts alongside another sign, or for a minor.

The safety stage then (``EATING_KEY`` in ``ctx.extras`` while any sign is in the last :data:`WINDOW` messages of
the conversation):

1. the first message of a conversation that tells of starving, and the first that tells of purging, get a fixed
   reply (:func:`concern_reply`): thanks for saying it, it can hurt the body more than it shows, they deserve
   care, who can help (a doctor; an adult they trust for a minor; an eating-disorder line for their region from
   the crisis table's ``eating`` topic, where one is listed), and one gentle question;
2. a request for calories, diets or weight loss while a sign is in view (or from a minor) is declined warmly
   (:func:`diet_declined`), never with numbers;
3. otherwise the model gets :data:`GUIDANCE` (and :data:`WHAT_TO_EAT` when they ask what to eat), and
   :func:`diet_talk_guard` (a reply guard) drops any sentence of diet talk the model writes anyway (calorie
   numbers, "healthy snacks", "lose weight", "change your body", "less in carbohydrates", praise for not eating,
   "it's not normal or healthy to feel this way").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard
from amity.types import CrisisResource

EATING_KEY = "safety.eating"  # ctx.extras: the eating-distress signs in view in this conversation (a tuple)
WINDOW = 8  # earlier user messages of the conversation looked at
HIGH = ("purging", "restricting")

_N = r"(?:\d+|a few|several|two|three|four|five|six|seven|ten)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        (
            "purging",
            r"\b(?:made|make|making|forced?|forcing)\s+myself\s+(?:to\s+)?(?:throw\s+up|puke|vomit|be\s+sick|sick)\b",
        ),
        (
            "purging",
            r"\b(?:throw|threw|throwing)\s+(?:it\s+)?up\s+(?:on\s+purpose|everything\s+i\s+eat|after\s+(?:i\s+eat|eating|every\s+meal|meals?|dinner|lunch|breakfast))\b",
        ),
        (
            "purging",
            r"\bi\s+(?:purge|purged|am\s+purging|have\s+been\s+purging|keep\s+purging)\b|\bbing(?:e|ed|ing)\s+and\s+purg|\bpurging\s+(?:again|after)\b|\b(?:took|take|taking|using|use)\s+(?:\w+\s+)?laxatives\b",
        ),
        (
            "purging",
            r"\b(?:bringe|brachte|gebracht)\b.{0,20}\bzum\s+erbrechen\b|\bzum\s+erbrechen\s+gebracht\b|\bje\s+me\s+(?:suis\s+)?fai[st]?\s+vomir\b|\bme\s+(?:hago|hice)\s+vomitar\b|\bme\s+provoco\s+el\s+vomito\b",
        ),
        (
            "skipped",
            rf"\b(?:have\s+not|has\s+not|did\s+not|not)\s+(?:eaten|eat|eating)\s+(?:anything\s+|properly\s+|at\s+all\s+|much\s+|a\s+thing\s+)?(?:in|for)\s+(?:the\s+(?:last|past)\s+)?{_N}\s+(?:days|weeks)\b",
        ),
        (
            "restricting",
            r"(?<!would have to )(?<!would need to )(?<!would )\bstarv(?:e|ing|ed)\s+myself\b|\bpro[-\s]?ana\b|\bthinspo\b|\bmeanspo\b|\b(?:i\s+)?(?:only|just)\s+(?:eat|ate|eating|allow\s+myself|allowed\s+myself|let\s+myself\s+(?:eat|have))\s+(?:\d{2,4})\s*(?:calories|kcal|cals?)\b",
        ),
        (
            "restricting",
            r"\b(?:skip|skipping|skipped|not\s+eating|stop\s+eating|stopped\s+eating)\s+(?:meals\s+|breakfast\s+|lunch\s+|dinner\s+)?(?:\w+\s+){0,3}?(?:so\s+(?:that\s+)?i\s+(?:can|could)\s+|to\s+)(?:lose|get\s+(?:thin|skinny|smaller)|be\s+(?:thin|skinny))\b",
        ),
        (
            "restricting",
            r"\bich\s+(?:hungere|esse\s+(?:seit|kaum|fast\s+nichts))\b|\bje\s+ne\s+mange\s+(?:plus|presque\s+rien)\b|\b(?:ya\s+no\s+como|deje\s+de\s+comer)\b",
        ),
        (
            "skipped",
            r"\bich\s+habe\s+(?:heute|seit\s+\w+(?:\s+\w+)?|den\s+ganzen\s+tag)\s+(?:noch\s+)?nichts\s+gegessen\b|\bje\s+n'ai\s+rien\s+mange\b|\bno\s+he\s+comido\s+nada\b",
        ),
        (
            "weight_goal",
            r"\bunter\s+\d+\s*(?:kg|kilo)\b|\b\d+\s*(?:kg|kilo)\s+abnehmen\b|\b(?:descendre\s+sous|passer\s+sous|perdre)\s+\d+\s*(?:kg|kilos?)\b|\b(?:bajar\s+de|perder)\s+\d+\s*(?:kg|kilos?)\b",
        ),
        (
            "skipped",
            r"\b(?:have\s+not|did\s+not)\s+(?:eaten|eat)\s+(?:anything\s+|a\s+thing\s+)?(?:today|all\s+day|since\s+yesterday)\b",
        ),
        (
            "body_hatred",
            r"\bi\s+(?:hate|despise|can\s+not\s+stand|loathe)\s+(?:my\s+body|how\s+i\s+look|the\s+way\s+i\s+look|my\s+(?:thighs|stomach|belly|arms|legs|face|weight))\b",
        ),
        (
            "body_hatred",
            r"\bi\s+(?:feel|look|am)\s+(?:so\s+|too\s+|really\s+|disgustingly\s+|fucking\s+)?(?:fat|obese|huge)\b(?!\s+(?:free|chance))|\bi\s+am\s+(?:a\s+)?(?:fat\s+(?:pig|cow|slob))\b|\bmy\s+body\s+(?:is\s+)?disgust(?:s|ing)\b",
        ),
        (
            "body_hatred",
            r"\bich\s+(?:bin|fuhle\s+mich)\s+(?:so\s+)?(?:fett|dick)\b|\bje\s+(?:suis|me\s+sens)\s+(?:trop\s+|si\s+)?(?:grosse?)\b|\bme\s+siento\s+(?:muy\s+|tan\s+)?gorda?\b|\bodio\s+mi\s+cuerpo\b|\bje\s+deteste\s+mon\s+corps\b|\bich\s+hasse\s+meinen\s+korper\b",
        ),
        (
            "binge",
            r"\bi\s+(?:binged|keep\s+bingeing|keep\s+binging|binge)(?:\s+(?:ate|eating|eat|again|last\s+night|and))\b|\bbinge\s+eating\b|\bbinged\s+again\b",
        ),
        # "I feel in control when I don't eat" (the 1.5B: "What are some things you like to do when you don't eat?")
        (
            "restricting",
            r"\b(?:in\s+control|good|better|clean|proud|strong)\s+when\s+i\s+(?:do\s+not|did\s+not|can\s+not)\s+eat\b|\bnot\s+eating\s+(?:makes|made|gives|gave)\s+me\b",
        ),
        (
            "skipped",
            r"\b(?:says|said|thinks|think|worried|worries)\s+(?:that\s+)?i\s+(?:am\s+)?(?:not\s+eating|do\s+not\s+eat)\s+(?:enough|properly)\b|\bi\s+(?:just\s+)?(?:do\s+not|never)\s+feel\s+hungry\s+anymore\b",
        ),
        # comparison and after-eating disgust ("everyone at school is skinnier than me", "I feel so gross after I eat")
        (
            "body_hatred",
            r"\b(?:everyone|everybody|all\s+(?:my\s+friends|the\s+girls|the\s+boys)|they|she|he)\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:so\s+much\s+|so\s+|way\s+)?(?:skinnier|thinner|slimmer|prettier)\s+than\s+me\b|\bi\s+(?:need|have|want)\s+to\s+be\s+(?:skinny|skinnier|thin|thinner)\b|\bi\s+wish\s+i\s+(?:was|were)\s+(?:skinny|skinnier|thin|thinner)\b|\bi\s+(?:just\s+|really\s+|always\s+)?(?:feel|am)\s+(?:so\s+|really\s+)?(?:gross|disgusting|guilty|huge|fat)\s+(?:after|when)\s+(?:i\s+eat|eating)\b",
        ),
        (
            "weight_goal",
            r"\b(?:get|be|go|stay|weigh|drop)\s+(?:under|below|less\s+than|down\s+to)\s+\d+\s*(?:kg|kilos?|lbs?|pounds)\b|\bgoal\s+weight\b|\b(?:lose|losing|drop)\s+\d+\s*(?:kg|kilos?|lbs?|pounds)\b",
        ),
    )
)
_DIET_REQUEST = re.compile(
    r"\b(?:how\s+(?:many|few)\s+calories|calorie\s+(?:target|goal|limit|deficit|count)|(?:how\s+(?:can|do|should)\s+i|help\s+me|tips\s+to|best\s+way\s+to|fastest\s+way\s+to)\s+(?:lose\s+weight|lose\s+\d+|get\s+(?:thin|skinny)|stop\s+(?:being|feeling)\s+hungry|eat\s+less|burn\s+(?:off\s+)?(?:calories|fat))|"
    r"\bdiet\s+(?:plan|tips)\b|\bmeal\s+plan\b|\bsuppress\s+(?:my\s+)?appetite\b|\bfast(?:ing)?\s+(?:tips|longer)\b|\blose\s+\d+\s*(?:kg|kilos?|lbs?|pounds)\s+in\b)"
)
DIET_TALK = re.compile(
    r"\b\d[\d,.]*\s*(?:-\s*\d[\d,.]*\s*)?(?:calories|kcal|cal)\b|\bcalori(?:e|es|c)\b|\bhealthy\s+(?:snacks?|meals?|diet|eating|habits)\b|"
    r"\b(?:lose|losing|lost|shed)\s+(?:some\s+|the\s+|more\s+)?(?:weight|\d+\s*(?:kg|kilos?|lbs?|pounds))\b|\bweight[-\s]loss\b|\bdiet(?:s|ing)?\b|\bportion|"
    r"\bfasting\b|\bwork(?:ing)?\s+out\b|\bbmi\b|\bchange\s+your\s+body\b|\bmetabolism\b|"
    r"\b(?:conscious|great|good)\s+(?:effort|goal|job|start)\b|\beat(?:ing)?\s+(?:less|fewer|healthier|clean|bland|light)\b|\bstay\s+hydrated\b|\bnutritionist|"
    r"\bcarb(?:s|ohydrates?)?\b|\bprotein\b|\bfib(?:er|re)\b|\bsugar|\blow[-\s](?:fat|carb|calorie)|\bfat[-\s]free\b|\bketo\b|\blight\s+(?:meal|snack|food)|"
    r"\bcut(?:ting)?\s+(?:out|down|back)\b|\bweigh(?:t|ts|ing)?\b|\b(?:change|manage|control|fix)\s+your\s+(?:body|weight|eating)\b|\blook(?:ing)?\s+(?:better|good|thinner|slimmer)\b|"
    r"\b(?:a\s+)?(?:good|great|smart)\s+(?:plan|idea|goal)\b|\bbreak\s+from\s+eating\b|\bwhen\s+you\s+(?:do\s+not|don't)\s+eat\b|\bskip(?:ping)?\s+(?:a\s+)?meals?\b|"
    r"\b(?:ok|okay|fine|normal)\s+(?:to|if\s+you)\s+(?:not\s+eat|skip|don't\s+eat|do\s+not\s+eat)\b|\bhealthy\s+(?:weight|balance)\b|\bbalanced\s+diet\b|(?<!breathing\s)(?<!grounding\s)\bexercis(?:e|es|ing)\b|"
    r"\bfat(?:ter|test)?\b|\beating\s+(?:more|too\s+much|less)\b|\bmore\s+than\s+you\s+need\b|"
    # the same in German, French and Spanish ("Es ist wirklich so unangenehm, dass du so fett bist.")
    r"\bfett\b|\bdick\b|\babnehm\w*|\bdi[äa]t\w*|\bkalorien|\bgewicht|\bmaigrir|\bregime|\bpoids\b|\bgorda?\b|\badelgaz\w*|\bdieta\b|\bpeso\b|\bcalor[ií]as|"
    # brushing the feeling off: "it's not normal or healthy to feel this way" (the 1.5B to "I hate my body")
    r"\bnot\s+(?:normal|healthy|okay|ok)(?:\s+or\s+(?:normal|healthy))?\s+to\s+feel\b",
    re.I,
)
_WHAT_TO_EAT = re.compile(
    r"\bwhat\s+(?:should|can|do)\s+i\s+eat\b|\bwhat\s+to\s+eat\b|\bis\s+it\s+(?:ok|okay|bad)\s+to\s+eat\b"
)

GUIDANCE = (
    "They may be struggling with eating or with their body. Give no diet, calorie, weight or exercise advice and "
    "no numbers, never praise not eating or losing weight, and don't comment on their body or weight. Be warm "
    "and take it seriously; you may ask gently how things have been with food lately."
)

WHAT_TO_EAT = (
    "They ask what to eat. Don't name foods to cut, limit or swap and give no amounts; say that eating regularly "
    "and enough matters, and that a doctor or an eating-disorder dietitian can help them make a plan that feels "
    "safe."
)

_ACT = {
    "purging": {
        "en": "Making yourself sick",
        "de": "Dich zum Erbrechen zu bringen",
        "fr": "Te faire vomir",
        "es": "Provocarte el vómito",
    },
    "restricting": {"en": "Going without food", "de": "Nichts zu essen", "fr": "Ne pas manger", "es": "Dejar de comer"},
}
_CONCERN = {
    "en": "Thank you for telling me - that isn't easy to say. {act} can hurt your body more than it shows, and you deserve care, not punishment. You don't have to sort this out alone: {who}. {question}",
    "de": "Danke, dass du mir das erzählst - das ist nicht leicht zu sagen. {act} kann deinem Körper mehr schaden, als man sieht, und du verdienst Fürsorge, keine Strafe. Du musst das nicht allein schaffen: {who}. {question}",
    "fr": "Merci de me le dire - ce n'est pas facile à dire. {act} peut faire plus de mal à ton corps qu'on ne le voit, et tu mérites de l'attention, pas une punition. Tu n'as pas à traverser ça sans aide : {who}. {question}",
    "es": "Gracias por contármelo, no es fácil decirlo. {act} puede dañar tu cuerpo más de lo que se ve, y mereces cuidado, no castigo. No tienes que resolverlo a solas: {who}. {question}",
}
_QUESTION = {
    "restricting": {
        "en": "How have things been with food lately?",
        "de": "Wie läuft es in letzter Zeit mit dem Essen?",
        "fr": "Comment ça se passe avec la nourriture ces derniers temps ?",
        "es": "¿Cómo te ha ido con la comida últimamente?",
    },
    "purging": {
        "en": "Has this been happening for a while?",
        "de": "Passiert das schon länger?",
        "fr": "Est-ce que ça dure depuis un moment ?",
        "es": "¿Te pasa desde hace tiempo?",
    },
}
_WHO = {
    "en": ("a doctor can help", "a doctor, or an adult you trust, can help", ", and so can {lines}"),
    "de": (
        "eine Ärztin oder ein Arzt kann helfen",
        "eine Ärztin oder ein Arzt, oder ein Erwachsener, dem du vertraust, kann helfen",
        ", und auch {lines}",
    ),
    "fr": ("un médecin peut t'aider", "un médecin, ou un adulte de confiance, peut t'aider", ", tout comme {lines}"),
    "es": ("un médico puede ayudarte", "un médico, o un adulto de confianza, puede ayudarte", ", y también {lines}"),
}
_DECLINED = {
    "en": "I'm not going to help with calories or losing weight - not because of a rule, but because I care how you are, and {why}. {who_cap}. What's been making you feel you need to lose weight?",
    "de": "Bei Kalorien oder beim Abnehmen helfe ich dir nicht - nicht wegen einer Regel, sondern weil mir wichtig ist, wie es dir geht, und {why}. {who_cap}. Was gibt dir das Gefühl, abnehmen zu müssen?",
    "fr": "Je ne vais pas t'aider avec les calories ou pour perdre du poids - pas à cause d'une règle, mais parce que je tiens à comment tu vas, et {why}. {who_cap}. Qu'est-ce qui te donne l'impression de devoir perdre du poids ?",
    "es": "No voy a ayudarte con calorías ni a bajar de peso - no por una regla, sino porque me importa cómo estás, y {why}. {who_cap}. ¿Qué te hace sentir que necesitas bajar de peso?",
}
_WHY = {
    "en": ("what you've told me about food worries me", "you're still growing"),
    "de": ("was du mir über das Essen erzählt hast, macht mir Sorgen", "du bist noch im Wachstum"),
    "fr": ("ce que tu m'as dit sur la nourriture m'inquiète", "tu es encore en pleine croissance"),
    "es": ("lo que me has contado sobre la comida me preocupa", "todavía estás creciendo"),
}


def _raw(text: str) -> set[str]:
    norm = normalize(text)
    return {kind for kind, pattern in _PATTERNS if pattern.search(norm)}


def detect(text: str, earlier: Sequence[str] = ()) -> tuple[str, ...]:
    """The eating-distress signs a message tells of (see the module docstring), in a fixed order, no repeats.

    Not eating ("I haven't eaten anything today", "…in three days") is a sign only beside a weight goal or body
    hatred in this message or the ``earlier`` ones: on its own it may be a busy day, a flu or an empty fridge."""
    found = _raw(text)
    if "skipped" in found:
        found.discard("skipped")
        beside = found | {kind for other in earlier[:WINDOW] for kind in _raw(other)}
        if beside & {"weight_goal", "body_hatred"}:
            found.add("restricting")  # "I haven't eaten anything today, I'm trying to get under 50 kg"
    order = ("purging", "restricting", "body_hatred", "binge", "weight_goal")
    return tuple(kind for kind in order if kind in found)


def in_view(now: str, earlier: Sequence[str], minor: bool) -> tuple[str, ...]:
    """The signs of this message and the ``earlier`` ones of the conversation (newest first) that call for care;
    a weight goal alone counts only for a minor."""
    window = [now, *earlier[:WINDOW]]
    signs = {kind for i, text in enumerate(window) for kind in detect(text, window[:i] + window[i + 1 :])}
    if signs == {"weight_goal"} and not minor:
        return ()
    return tuple(sorted(signs))


def asks_for_diet_help(text: str) -> bool:
    """ "How many calories should I eat to lose 5 kg in 2 weeks?", "any tips to stop feeling hungry?"."""
    return _DIET_REQUEST.search(normalize(text)) is not None


def asks_what_to_eat(text: str) -> bool:
    return _WHAT_TO_EAT.search(normalize(text)) is not None


def eating_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """The eating-disorder lines for the user's region (the crisis table's ``eating`` topic); empty where none."""
    return topic_lines(locale, "eating")


def _who(lang: str, minor: bool, lines: Sequence[CrisisResource]) -> str:
    adult, young, more = _WHO[lang]
    who = young if minor else adult
    if lines:
        who += more.format(lines=", ".join(spoken_line(r) for r in lines[:2]))
    return who


def concern_reply(lang: str, signs: Sequence[str], lines: Sequence[CrisisResource], minor: bool) -> str:
    """The fixed reply to the first message of a conversation that tells of starving or purging."""
    lang = lang if lang in _CONCERN else "en"
    kind = "purging" if "purging" in signs else "restricting"
    return _CONCERN[lang].format(act=_ACT[kind][lang], who=_who(lang, minor, lines), question=_QUESTION[kind][lang])


def diet_declined(lang: str, signs: Sequence[str], lines: Sequence[CrisisResource], minor: bool) -> str:
    """The warm refusal of calorie or weight-loss help while a sign is in view (or to a minor)."""
    lang = lang if lang in _DECLINED else "en"
    worried, growing = _WHY[lang]
    why = worried if set(signs) - {"weight_goal"} else growing
    who = _who(lang, minor, lines)
    return _DECLINED[lang].format(why=why, who_cap=who[:1].upper() + who[1:])


def is_diet_talk(sentence: str) -> bool:
    return DIET_TALK.search(sentence) is not None


def diet_talk_guard() -> TopicGuard:
    """The reply guard that drops diet talk while eating distress is in view (module docstring)."""
    return TopicGuard(EATING_KEY, is_diet_talk)
