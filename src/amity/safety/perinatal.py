# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""After a baby: signs of postnatal depression are named gently, never brushed off as "the happiest time".

A mother seven weeks after the birth told the default 1.5B "everyone says this is the happiest time but I just feel
numb", "I don't feel anything when I hold her. what kind of mother doesn't love her baby", "I cry every day and I
can't sleep even when she sleeps" and "I haven't told anyone, my husband thinks I'm fine". It answered that feeling
numb is "a natural stage", that "every mother loves their baby… it's not dependent on what you feel", "Maybe you
can try getting a routine started", and "It's great that you're taking care of yourself. If your husband thinks
you're fine, it's important to feel confident in your own abilities." About one mother in seven has postnatal
depression; it is treatable, and shame keeps many from saying so. A companion that hears it and cheers loses them.

:func:`in_view` needs two things in the last :data:`WINDOW` messages of the conversation: a new baby (``baby``:
"my baby is 7 weeks old", "since I had the baby", "I just gave birth", "postpartum", "newborn"; a few de/fr/es
forms) and a sign (:func:`signs`): feeling numb, empty or nothing; not feeling love or a bond ("I don't feel
anything when I hold her", "what kind of mother doesn't love her baby"); crying every day; not sleeping even when
the baby sleeps; not feeling like oneself; regretting the baby; being scared to be alone with the baby; and
frightening thoughts of harming the baby (``intrusive``). Tiredness alone is not a sign - every new parent is
tired - and "she feels nothing" is someone else's. While it is in view (``PERINATAL_KEY``):

* the first telling in a conversation gets a fixed reply (:func:`concern_reply`): thanks; what they describe
  happens to many new parents and can be postnatal depression, which is common, treatable and not their fault; it
  doesn't mean they don't love the baby or are a bad mother; tell a doctor, midwife or health visitor; a perinatal
  line for their region from the crisis table's ``perinatal`` topic where one is listed; and "How long have you been
  feeling like this?";
* frightening thoughts of harming the baby get their own fixed reply (:func:`intrusive_reply`), the first time they
  are told: such thoughts are more common than people say and don't mean they will act, but they need support now
  (a doctor or midwife today); if they ever feel they might act, put the baby somewhere safe like the cot and call
  the emergency number; and whether they are alone with the baby now;
* the model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`tone_guard` drops what brushes it off
  ("the happiest time", "enjoy every moment", "every mother loves her baby", "a natural stage", "it will pass",
  routine and sleep tips, "it's great that", "feel confident").

Wanting to die or "they'd be better off without me" is the crisis protocol's, which runs first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard
from amity.types import CrisisResource

PERINATAL_KEY = "safety.perinatal"  # ctx.extras: signs of postnatal depression are in view in this conversation
WINDOW = 8

_NUM = r"(?:\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_BABY_WORD = r"(?:baby|newborn|son|daughter|little\s+one|twins)"
_BABY = re.compile(
    rf"\bmy\s+(?:new\s+)?{_BABY_WORD}\s+(?:is|turned|was\s+born)\s+(?:only\s+|just\s+|nearly\s+|almost\s+)?{_NUM}\s+(?:days?|weeks?|months?)\s+(?:old|ago)\b|"
    rf"\bmy\s+{_NUM}[-\s](?:day|week|month)[-\s]old\b|"
    rf"\b(?:i|we)\s+(?:just\s+|recently\s+)?(?:had|have\s+had)\s+(?:a|my|our|the)\s+(?:baby|son|daughter|twins)\b(?!\s+(?:with|over|at|in\s+the|shower|monitor|sitter|scan|name|cousin|brother|sister|nephew|niece|goat|bird|animal))|"
    r"\bsince\s+(?:i\s+had|having|the\s+birth\s+of)\s+(?:the|my|our)\s+(?:baby|son|daughter|twins)\b|\bsince\s+(?:giving\s+birth|the\s+birth|she\s+was\s+born|he\s+was\s+born|the\s+baby\s+(?:was\s+born|came|arrived))\b|"
    r"\bi\s+(?:just\s+|recently\s+)?gave\s+birth\b|\bpost[-\s]?partum\b|\bpost[-\s]?natal\b|\b(?:my|our|a|with\s+a)\s+new\s*born\b(?!\s+(?:nephew|niece|cousin|puppy|kitten|brother|sister|grand\w+))|\bi\s+am\s+a\s+new\s+(?:mum|mom|mother|dad|father|parent)\b|"
    r"\bmein\s+baby\s+ist\s+\w+\s+(?:tage|wochen|monate)\s+alt\b|\bseit\s+der\s+geburt\b|\bmon\s+bebe\s+a\s+\w+\s+(?:jours|semaines|mois)\b|\bdepuis\s+(?:l'accouchement|la\s+naissance)\b|"
    r"\bmi\s+bebe\s+tiene\s+\w+\s+(?:dias|semanas|meses)\b|\bdesde\s+(?:el\s+parto|que\s+naci[oó])\b"
)
_HER = r"(?:her|him|them|the\s+baby|my\s+baby|my\s+son|my\s+daughter|the\s+twins|my\s+twins)"
_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx))
    for kind, rx in (
        (
            "numb",
            r"\bi\s+(?:just\s+|mostly\s+|still\s+)?feel\s+(?:so\s+|completely\s+|totally\s+|kind\s+of\s+)?(?:numb|empty|nothing|flat|disconnected|detached|like\s+a\s+robot)\b|\bi\s+(?:do\s+not|can\s+not)\s+feel\s+(?:anything|a\s+thing)\b",
        ),
        (
            "bond",
            rf"\bi\s+(?:do\s+not|can\s+not|did\s+not|never)\s+(?:feel\s+)?(?:love|bond\s+with|feel\s+(?:anything|close|connected|attached)\s+(?:for|to|with|when\s+i\s+(?:hold|look\s+at|feed)))\s+{_HER}\b|"
            r"\bwhat\s+kind\s+of\s+(?:a\s+)?(?:mother|mum|mom|parent|father|dad)\s+(?:does\s+not|can\s+not|would\s+not)\b|"
            rf"\bi\s+(?:regret|wish\s+i\s+had\s+not)\s+(?:having|had)\s+{_HER}\b|\bi\s+(?:do\s+not|can\s+not)\s+bond\b|\bno\s+bond\s+with\s+{_HER}\b",
        ),
        (
            "crying",
            r"\bi\s+(?:cry|am\s+crying|have\s+been\s+crying|keep\s+crying|end\s+up\s+crying)\s+(?:\w+\s+)?(?:every\s+(?:day|night|single\s+day)|all\s+the\s+time|constantly|non\s*stop|for\s+no\s+reason|all\s+day)\b",
        ),
        (
            "sleep",
            r"\bcan\s+not\s+(?:even\s+)?sleep\s+even\s+when\s+(?:she|he|they|the\s+baby|my\s+baby)\s+(?:sleeps|is\s+asleep|is\s+sleeping|naps|does)\b",
        ),
        (
            "not_myself",
            r"\bi\s+(?:do\s+not|no\s+longer)\s+feel\s+like\s+(?:myself|me)\b|\bi\s+am\s+not\s+myself\b|\bi\s+(?:have\s+)?lost\s+myself\b",
        ),
        (
            "happiest",
            r"\b(?:happiest\s+time|best\s+time\s+of\s+my\s+life|(?:should|supposed\s+to)\s+be\s+(?:so\s+)?happy)\b[^.!?]{0,60}\bbut\b",
        ),
        (
            "scared_alone",
            rf"\b(?:scared|afraid|terrified)\s+(?:to\s+be|of\s+being)\s+(?:left\s+)?alone\s+with\s+{_HER}\b",
        ),
        (
            "intrusive",
            rf"\b(?:thoughts?|images?|pictures?|visions?)\s+(?:of|about)\s+(?:\w+\s+)?(?:hurting|harming|dropping|shaking|drowning|smothering|suffocating)\s+{_HER}\b|"
            rf"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?i\s+(?:will|might|would|am\s+going\s+to|could)\s+(?:hurt|harm|drop|shake|smother)\s+{_HER}\b|"
            rf"\bwhat\s+if\s+i\s+(?:hurt|harm|drop|shake|smother)\s+{_HER}\b",
        ),
        (
            "numb",
            r"\bich\s+fuhle\s+(?:mich\s+)?(?:nichts|leer|taub)\b|\bje\s+ne\s+ressens\s+rien\b|\bje\s+me\s+sens\s+vide\b|\bno\s+siento\s+nada\b|\bme\s+siento\s+vac[ií]a\b",
        ),
        (
            "crying",
            r"\bich\s+weine\s+(?:jeden\s+tag|standig)\b|\bje\s+pleure\s+(?:tous\s+les\s+jours|tout\s+le\s+temps)\b|\blloro\s+(?:todos\s+los\s+dias|todo\s+el\s+tiempo)\b",
        ),
    )
)

GUIDANCE = (
    "They recently had a baby and may have postnatal depression. Take it seriously and be warm. Never say it's the "
    "happiest time, a natural stage or that it will pass, never say every mother loves her baby, and give no sleep "
    "or routine tips. Their feelings don't make them a bad parent. Encourage them, gently and at most once, to tell "
    "someone: their partner, a doctor, midwife or health visitor."
)

HOW_LONG = "How long have you been feeling like this?"
_CONCERN = {
    "en": "Thank you for telling me - that's hard to say out loud. What you're describing happens to many new parents, and it can be postnatal depression: it's common, it's treatable, and it isn't your fault. It doesn't mean you don't love your baby, or that you're a bad {parent}. Please tell your doctor, midwife or health visitor how you've been feeling{line}. "
    + HOW_LONG,
    "de": "Danke, dass du mir das erzählst - das ist schwer auszusprechen. Was du beschreibst, erleben viele frischgebackene Eltern, und es kann eine postpartale Depression sein: Sie ist häufig, gut behandelbar und nicht deine Schuld. Es heißt nicht, dass du dein Baby nicht liebst oder eine schlechte Mutter bist. Bitte erzähl deiner Ärztin, deiner Hebamme oder deinem Arzt, wie es dir geht{line}. Seit wann fühlst du dich so?",
    "fr": "Merci de me le dire - ce n'est pas facile à dire. Ce que tu décris arrive à beaucoup de jeunes parents, et ça peut être une dépression post-partum : c'est fréquent, ça se soigne, et ce n'est pas ta faute. Ça ne veut pas dire que tu n'aimes pas ton bébé, ni que tu es une mauvaise mère. Parle de ce que tu ressens à ton médecin ou à ta sage-femme{line}. Depuis combien de temps te sens-tu comme ça ?",
    "es": "Gracias por contármelo, no es fácil decirlo. Lo que describes les pasa a muchas madres y padres recientes, y puede ser depresión posparto: es frecuente, tiene tratamiento y no es culpa tuya. No significa que no quieras a tu bebé ni que seas una mala madre. Por favor, cuéntale a tu médico o a tu matrona cómo te sientes{line}. ¿Desde cuándo te sientes así?",
}
_INTRUSIVE = {
    "en": "Thank you for trusting me with that. Frightening thoughts like these are more common after a baby than people say, and having them doesn't mean you will act on them - but they are a sign you need support now. Please tell your doctor, midwife or health visitor today{line}. If you ever feel you might act on them, put your baby down somewhere safe, like the cot, and call {emergency}. Are you on your own with the baby right now?",
    "de": "Danke, dass du mir das anvertraust. Solche erschreckenden Gedanken sind nach einer Geburt häufiger, als man denkt, und sie heißen nicht, dass du danach handelst - aber sie zeigen, dass du jetzt Unterstützung brauchst. Bitte sprich noch heute mit deiner Ärztin, deinem Arzt oder deiner Hebamme{line}. Wenn du je das Gefühl hast, du könntest danach handeln, leg dein Baby an einen sicheren Ort, etwa ins Bettchen, und ruf {emergency} an. Bist du gerade allein mit dem Baby?",
    "fr": "Merci de me confier ça. Ces pensées effrayantes sont plus fréquentes après une naissance qu'on ne le dit, et les avoir ne veut pas dire que tu vas passer à l'acte - mais elles montrent que tu as besoin de soutien maintenant. Parles-en aujourd'hui à ton médecin ou à ta sage-femme{line}. Si un jour tu sens que tu pourrais passer à l'acte, pose ton bébé dans un endroit sûr, comme son lit, et appelle le {emergency}. Es-tu seule avec le bébé en ce moment ?",
    "es": "Gracias por confiarme algo así. Estos pensamientos que asustan son más frecuentes después de un parto de lo que se dice, y tenerlos no significa que vayas a hacerlo - pero son una señal de que necesitas apoyo ahora. Por favor, habla hoy con tu médico o tu matrona{line}. Si alguna vez sientes que podrías hacerlo, deja a tu bebé en un lugar seguro, como la cuna, y llama al {emergency}. ¿Estás sola con el bebé ahora mismo?",
}
_LINE = {
    "en": ". You can also talk to a helpline for new parents: {lines}",
    "de": ". Du kannst auch eine Beratung für junge Eltern anrufen: {lines}",
    "fr": ". Tu peux aussi appeler une ligne d'écoute pour jeunes parents : {lines}",
    "es": ". También puedes llamar a una línea de ayuda para madres y padres recientes: {lines}",
}
_EMERGENCY = {"en": "your emergency number", "de": "den Notruf", "fr": "15 ou le 112", "es": "112"}
_BRUSH_OFF = re.compile(
    r"\bhappiest\s+time\b|\benjoy\s+(?:every\s+(?:moment|minute|second)|your\s+(?:little\s+one|baby|new\s+baby)|this\s+(?:time|stage|precious))\b|"
    r"\bevery\s+(?:mother|mum|mom|parent)\s+loves\b|\bnatural\s+(?:stage|part|phase|process)\b|\bjust\s+a\s+phase\b|\b(?:it|this|that|these\s+feelings)\s+will\s+(?:pass|go\s+away)\b|"
    r"\bbaby\s+blues\b|\b(?:get|getting|start|starting|set|setting)\s+(?:a\s+)?(?:routine|schedule)\b|\bsleep\s+when\s+(?:the\s+baby|she|he|your\s+baby)\s+sleeps\b|"
    r"\b(?:it's|it\s+is|that's|that\s+is)\s+(?:so\s+)?(?:great|good|wonderful|nice)\s+that\b|\bfeel\s+confident\b|\bcherish\b|\bblessing\b",
    re.I,
)


_HIDING = re.compile(
    r"\bi\s+(?:have\s+not|did\s+not|have\s+never|can\s+not|could\s+not)\s+(?:even\s+)?(?:told|tell)\s+(?:anyone|anybody|my\s+(?:husband|partner|wife|boyfriend|girlfriend|mum|mom|mother|family|doctor|midwife)|him|her)\b|"
    r"\b(?:my\s+(?:husband|partner|wife|boyfriend|girlfriend|mum|mom|mother|family)|everyone|everybody|he|she|they)\s+(?:thinks?|believes?)\s+i\s+am\s+(?:fine|ok|okay|doing\s+(?:fine|great|well)|coping|happy)\b"
)
_WHAT_TO_SAY = re.compile(
    r"\bwhat\s+(?:would|do|should|could)\s+i\s+(?:even\s+)?(?:say|tell)\b|\bhow\s+(?:would|do|should|could)\s+i\s+(?:even\s+)?(?:tell|say|bring\s+(?:it|this)\s+up|explain)\b|"
    r"\bwhat\s+(?:do|would)\s+i\s+(?:even\s+)?(?:say|tell)\b|\bwhere\s+(?:would|do)\s+i\s+(?:even\s+)?start\b"
)
_SAID = {
    "numb": "I feel numb most of the time",
    "bond": "I don't feel close to my baby",
    "crying": "I cry every day",
    "sleep": "I can't sleep even when the baby sleeps",
    "not_myself": "I don't feel like myself",
    "scared_alone": "I'm scared to be alone with the baby",
    "intrusive": "I keep having frightening thoughts about the baby",
}
SINCE_REPLY = (
    "Thank you - I'm really glad you told me, and you don't have to carry it on your own any more. Is there someone "
    "- your partner, a friend, your doctor or midwife - you could tell this week?"
)
HIDING_REPLY = (
    "It makes sense that you've kept it in - it can feel like you're supposed to be fine right now. You don't have "
    'to tell anyone everything at once; even "I haven\'t been feeling like myself since the baby" is a start. Would '
    "it feel possible to say that much to someone close to you?"
)


def answers_how_long(text: str, last_reply: str | None) -> bool:
    """A short answer ("since she was born, maybe 5 weeks") to the concern reply's closing question."""
    return bool(last_reply and last_reply.endswith(HOW_LONG) and len(text.split()) <= 12)


def hides_it(text: str) -> bool:
    """ "I haven't told anyone, my husband thinks I'm fine"."""
    return _HIDING.search(normalize(text)) is not None


def asks_what_to_say(text: str) -> bool:
    """ "what would I even say to the doctor?", "how do I tell my husband?"."""
    return _WHAT_TO_SAY.search(normalize(text)) is not None


def what_to_say(told: Sequence[str]) -> str:
    """A short script for the doctor, midwife or partner, naming the signs they told of (English)."""
    said = [
        _SAID[kind]
        for kind in ("numb", "bond", "crying", "sleep", "not_myself", "scared_alone", "intrusive")
        if kind in told
    ]
    if not said:
        said = ["I haven't felt like myself"]
    listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return (
        f'You can keep it really simple, something like: "Since my baby was born, {listed}. '
        "I think it might be postnatal depression, and I'd like some help.\" You could write it down and read it "
        "out, or just hand them the note - and it's okay to bring someone with you. Doctors and midwives hear this "
        "often; they won't think you're a bad parent."
    )


def _signs_in(text: str) -> set[str]:
    norm = normalize(text)
    return {kind for kind, pattern in _SIGNS if pattern.search(norm)}


def signs(text: str) -> tuple[str, ...]:
    """The signs of postnatal depression a message tells of (module docstring), sorted; they count only beside a
    new baby (:func:`in_view`)."""
    return tuple(sorted(_signs_in(text)))


def has_baby(text: str) -> bool:
    """ "my baby is 7 weeks old", "since I had the baby", "postpartum"."""
    return _BABY.search(normalize(text)) is not None


def in_view(now: str, earlier: Sequence[str]) -> tuple[str, ...]:
    """The signs told in this message or the last :data:`WINDOW` earlier ones, when a new baby is told of in the
    same window; empty otherwise."""
    window = [now, *earlier[:WINDOW]]
    if not any(has_baby(text) for text in window):
        return ()
    return tuple(sorted({kind for text in window for kind in _signs_in(text)}))


def _parent(texts: Sequence[str]) -> str:
    words = set(re.findall(r"[a-z]+", " ".join(normalize(t) for t in texts)))
    if words & {"mother", "mum", "mom", "mama", "mummy", "mommy", "husband", "breastfeeding"}:
        return "mother"
    return "father" if words & {"father", "dad", "wife"} else "parent"


def _line(lang: str, lines: Sequence[CrisisResource]) -> str:
    return _LINE[lang].format(lines=spoken_line(lines[0])) if lines else ""


def concern_reply(lang: str, texts: Sequence[str], lines: Sequence[CrisisResource]) -> str:
    """The fixed reply to the first telling of signs of postnatal depression in a conversation; ``texts``: what
    the user said (whether they spoke of being a mother or a father)."""
    lang = lang if lang in _CONCERN else "en"
    return _CONCERN[lang].format(parent=_parent(texts), line=_line(lang, lines))


def intrusive_reply(lang: str, lines: Sequence[CrisisResource], emergency: Sequence[CrisisResource]) -> str:
    """The fixed reply to frightening thoughts of harming the baby."""
    lang = lang if lang in _INTRUSIVE else "en"
    number = emergency[0].contact if emergency and lang == "en" else _EMERGENCY[lang]
    return _INTRUSIVE[lang].format(line=_line(lang, lines), emergency=number)


def perinatal_lines(locale: str | None) -> tuple[CrisisResource, ...]:
    """The perinatal mental-health lines for the user's region (the crisis table's ``perinatal`` topic)."""
    return topic_lines(locale, "perinatal")


def brushes_off(sentence: str) -> bool:
    return _BRUSH_OFF.search(sentence) is not None


def tone_guard() -> TopicGuard:
    """The reply guard that drops "the happiest time" and the like while signs of postnatal depression are in view."""
    return TopicGuard(PERINATAL_KEY, brushes_off)
