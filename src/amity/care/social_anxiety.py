"""Dreading a party: the dread heard, no "just relax", no drink to loosen up, the choice left to them.

Someone told the default 1.5B "my coworker invited me to her birthday party on saturday and I already feel sick
about it", "I won't know anyone there except her. what if I just stand in the corner the whole time and everyone
thinks I'm weird", "last time I went to a party I left after 20 minutes and cried in the bathroom" and "maybe I
should just say I'm sick". It answered "Have you thought about how you can prepare for the party?", then "you don't
have to be there to be different… simply say you're okay and want to be by yourself", then "you can ask to leave
early and come back later, or you could try taking a walk around the building", then "It's understandable to feel
sick" - it took the plan to call in sick for an illness. Social anxiety is common and very treatable; what keeps it
going is avoidance (relief tonight, a bigger fear next time) and the belief that everyone is watching.

:func:`dreads_social` finds it: a dread word near a social occasion in one sentence ("I already feel sick about the
party", "I'm terrified of the wedding", "nervous about meeting new people"), or the fear itself ("what if everyone
thinks I'm weird", "I never know what to say to people"). The first telling gets :func:`first_reply`; for
:data:`WINDOW` messages (``SOCIAL_ANXIETY_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting (no
cheering), unasked advice is dropped (:mod:`amity.care.unasked_advice`) and :func:`social_pressure_guard` drops
"just relax", "just be yourself", "you'll have fun", "don't worry about what others think", "face your fears" and
any drink to take the edge off. Four later messages get a fixed answer once each: the fear of being judged
(:data:`JUDGED_REPLY`: people notice far less than it feels), a bad time before (:data:`LAST_TIME_REPLY`: leaving
was not failing), a plan not to go (:func:`avoid_reply`: their choice, what avoidance does, a middle way, an honest
no) and drinking to get through it (:data:`DRINK_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

SOCIAL_ANXIETY_KEY = "care.social_anxiety"  # ctx.extras: dread of a social occasion told in this conversation
WINDOW = 8

_OCCASION = (
    r"(?:(?:birthday\s+|office\s+|work\s+|christmas\s+|house\s+|dinner\s+|engagement\s+)?part(?:y|ies)|wedding|reunion|"
    r"barbecue|bbq|get-together|gathering|(?:social|work|networking)\s+(?:event|thing)|meetup|meet-up|hangout|"
    r"(?:meeting|talking\s+to)\s+new\s+people|people\s+i\s+(?:don't|do\s+not)\s+know|strangers|small\s+talk)"
)
_DREAD = (
    r"(?:scared|afraid|terrified|anxious|nervous|dread(?:ing)?|(?:feel|feeling|felt)\s+(?:sick|ill|nauseous)|"
    r"panic(?:king|ked)?|freak(?:ing)?\s+out|stomach\s+(?:is\s+)?in\s+knots|can't\s+face)"
)
_FEARED = (
    r"\bwhat\s+if\s+(?:everyone|everybody|they|people|nobody|no\s+one)\s+(?:thinks?\s+i'?m|finds?\s+me)\s+(?:so\s+)?"
    r"(?:weird|strange|boring|awkward|stupid|a\s+loser|annoying)\b|"
    r"\bi\s+(?:never|don't|do\s+not)\s+know\s+what\s+to\s+say\s+to\s+(?:people|anyone|strangers)\b|"
    r"\bi(?:'m|\s+am)\s+(?:so\s+|always\s+|just\s+)?(?:awkward|weird|boring)\s+(?:around|with)\s+(?:people|strangers|new\s+people)\b"
)
_DREADS = re.compile(
    rf"\b{_DREAD}\b[^.!?]{{0,80}}\b{_OCCASION}\b|\b{_OCCASION}\b[^.!?]{{0,80}}\b{_DREAD}\b|{_FEARED}", re.IGNORECASE
)
_JUDGED = re.compile(
    r"\bwhat\s+if\s+(?:everyone|everybody|they|people|nobody|no\s+one)\s+(?:thinks?\s+i'?m|finds?\s+me)\s+|"
    r"\b(?:stand(?:ing)?|end\s+up|be)\s+(?:alone\s+|by\s+myself\s+)?in\s+(?:the|a)\s+corner\b|"
    r"\bi\s+(?:won't|will\s+not|don't|do\s+not)\s+know\s+(?:anyone|anybody)\b|"
    r"\beveryone\s+(?:will\s+)?(?:stare|be\s+staring|look(?:ing)?)\s+at\s+me\b",
    re.IGNORECASE,
)
_SMALL_TALK = re.compile(
    r"\bwhat\s+(?:do|would|should|can|could)\s+i\s+(?:even\s+)?(?:say|talk\s+about)\s+(?:to|with)\s+"
    r"(?:people|anyone|strangers|them|someone)\b|\bi\s+(?:never|don't|do\s+not)\s+know\s+what\s+to\s+(?:say|talk\s+about)\b|"
    r"\bhow\s+do\s+(?:i|you)\s+(?:even\s+)?(?:start|make)\s+(?:a\s+)?(?:conversation|small\s+talk)\b|"
    r"\b(?:have\s+to|got\s+to|need\s+to|make)\s+small\s+talk\b|"
    r"\bi(?:'m|\s+am)\s+(?:so\s+|always\s+|just\s+)?(?:awkward|weird|boring)\s+(?:around|with)\s+(?:people|strangers|new\s+people)\b",
    re.IGNORECASE,
)
_REPLAY = re.compile(
    r"\breplay(?:s|ing)?\s+(?:everything|every\s+(?:word|thing|conversation)|what\s+i\s+said|it\s+all|(?:the\s+)?conversations?)\b|"
    r"\bgo(?:ing)?\s+over\s+(?:everything|every\s+(?:word|thing))\s+i\s+said\b|"
    r"\bcringe\s+(?:at|about)\s+(?:everything|what)\s+i\s+said\b",
    re.IGNORECASE,
)
_NORMAL = re.compile(
    r"\bi\s+wish\s+i\s+(?:could|was|were)\s+(?:just\s+)?(?:be\s+)?normal\b|\bwhy\s+can't\s+i\s+(?:just\s+)?be\s+normal\b|"
    r"\bwhy\s+am\s+i\s+(?:like\s+this|so\s+(?:weird|awkward|broken))\b|\bwhat(?:'s|\s+is)\s+wrong\s+with\s+me\b",
    re.IGNORECASE,
)
_LAST_TIME = re.compile(
    r"\blast\s+time\b[^.!?]{0,80}\b(?:left|cried|panicked|had\s+a\s+panic\s+attack|ran\s+out|went\s+home|hid)\b|"
    r"\bi\s+(?:left|ran\s+out|went\s+home)\s+after\s+(?:\d+|five|ten|twenty|half\s+an)\s+(?:minutes?|mins?|hour)\b|"
    r"\bcried\s+in\s+the\s+(?:bathroom|toilet|toilets|loo|car)\b",
    re.IGNORECASE,
)
_WILL = (
    r"\b(?:maybe\s+)?i(?:'ll|\s+will|\s+should|\s+could|\s+might|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)\s+"
    r"(?:just\s+)?"
)
_AVOID = re.compile(
    rf"{_WILL}(?:say|tell\s+(?:her|him|them)|pretend|text\s+(?:her|him|them)|claim)\s+(?:that\s+)?i'?m\s+"
    rf"(?:sick|ill|busy|not\s+well|working)\b|{_WILL}(?:not\s+go|cancel|skip\s+it|stay\s+(?:at\s+)?home|bail|make\s+an\s+excuse)\b|"
    r"\bi\s+(?:don't|do\s+not)\s+(?:think\s+i\s+(?:can|will)\s+|want\s+to\s+)go\b",
    re.IGNORECASE,
)
_DRINK = re.compile(
    r"\b(?:have|drink|down|need)\s+(?:a\s+few|some|a\s+couple(?:\s+of)?|a\s+bunch\s+of)\s+(?:drinks|shots|beers|glasses\s+of\s+wine)\b|"
    r"\bpre-?drink(?:ing)?\b|\bget\s+(?:a\s+bit\s+)?(?:drunk|tipsy)\s+(?:first|before)\b|\bdrink\s+to\s+(?:calm|relax|get\s+through)\b",
    re.IGNORECASE,
)
_PUSH = re.compile(
    r"\bjust\s+(?:relax|be\s+yourself|have\s+fun|go\s+for\s+it|enjoy\s+(?:it|yourself))\b|"
    r"\byou(?:'ll|\s+will)\s+(?:probably\s+|definitely\s+|surely\s+)?have\s+(?:so\s+much\s+|a\s+lot\s+of\s+)?(?:fun|a\s+(?:great|good|wonderful|fantastic)\s+time)\b|"
    r"\b(?:don't|do\s+not)\s+worry\s+(?:about|what)\s+(?:what\s+)?(?:other\s+)?(?:people|others|anyone|they)\s+(?:think|say)\b|"
    r"\bnobody\s+cares\b|\bit's\s+just\s+a\s+party\b|\bface\s+your\s+fears?\b|\bpush\s+yourself\b|"
    r"\b(?:step|get)\s+out\s+of\s+your\s+comfort\s+zone\b|"
    r"\b(?:a|one|some)\s+(?:drink|glass\s+of\s+wine|beer|cocktail|shot)s?\b[^.!?]{0,40}\b(?:relax|loosen|calm|nerves|edge)\b|"
    r"\b(?:relax|loosen\s+up|calm\s+your\s+nerves)\b[^.!?]{0,30}\b(?:drink|wine|beer|alcohol)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They dread a social occasion. Don't say 'just relax', 'just be yourself', 'you'll have fun' or 'don't worry "
    "about what others think', and never suggest a drink to loosen up. Say the dread makes sense and is very common, "
    "and that people notice far less than it feels. Whether they go is their choice; no pressure either way. If "
    "they ask what might help: arriving early while it is still quiet, staying near the person they know, a time "
    "they will leave. If the fear keeps them from the life they want, social anxiety is very treatable with a "
    "therapist."
)

JUDGED_REPLY = (
    "That fear is such a common one, and it feels so real beforehand. What usually happens is kinder than it "
    "feels: most people in a room like that are busy wondering how they come across themselves, and they notice "
    "far less than it seems. And standing near the side for a while, or staying close to the one person you know, is "
    "completely fine - plenty of people spend a whole party like that. Is there anything that would make it feel a "
    "little safer?"
)
LAST_TIME_REPLY = (
    "That sounds like a really hard night, and I'm sorry you were on your own with it. Leaving when it got too much "
    "wasn't failing - you went, which took courage, and then you looked after yourself. No wonder this one is "
    "weighing on you already."
)
_AVOID_REPLY = (
    "Whether you go is your choice, and one party doesn't decide anything about you. The honest thing to know is "
    "that staying home brings relief tonight but tends to make the next invitation feel even bigger. If part of "
    "you wants to go, there's a middle way: go for a set time, say an hour, and leave when it's up without "
    "explaining. And if you decide not to, an honest 'big parties are hard for me - can we get coffee instead?' is "
    "kinder to you than an excuse. {host} Which feels closer to what you want?"
)
_HOSTS = (
    (
        re.compile(r"\b(?:she|her)\b[^.!?]{0,60}\binvit|\binvit\w*\s+me\s+to\s+her\b", re.IGNORECASE),
        "She invited you because she likes you.",
    ),
    (
        re.compile(r"\b(?:he|his)\b[^.!?]{0,60}\binvit|\binvit\w*\s+me\s+to\s+his\b", re.IGNORECASE),
        "He invited you because he likes you.",
    ),
)
_REPLAY_REPLY = (
    "That replaying is one of the most exhausting parts. The mind goes back over every sentence hunting for "
    "mistakes, and it's far harsher than anyone who was actually there - most of what you wince at went "
    "unnoticed, or was forgotten by the next day. {drink}How long does it usually stay with you?"
)
TOLD_NO_ONE_REPLY = (
    "Thank you for telling me. Keeping it to yourself for so long is heavy, and saying how bad it really is takes "
    "courage - that's a real first step. If you ever want to tell a doctor or someone close, I can help you find "
    "the words."
)
_TOLD_NO_ONE = re.compile(
    r"\bi(?:'ve|\s+have)?\s+never\s+(?:told|said\s+(?:this|it)\s+to)\s+(?:anyone|anybody|a\s+soul)\b|"
    r"\b(?:nobody|no\s+one)\s+knows\s+(?:it's|how|about\s+this|this)\b",
    re.IGNORECASE,
)
NORMAL_REPLY = (
    "There's nothing abnormal about you - this is one of the most common fears people have, and it says nothing "
    "bad about who you are. It's also very treatable: therapy for social anxiety (CBT) helps most people who try "
    "it, and a doctor can point you to it. Would that be something you'd want, or does it feel like too much "
    "right now?"
)
DRINK_REPLY = (
    "Lots of people do that, and I understand why - it takes the edge off for a few hours. The catch is that it "
    "teaches your mind you can only cope with a drink in your hand, and the anxiety often comes back stronger the "
    "next day. What would help you feel a bit steadier when you walk in, without it?"
)


def dreads_social(text: str) -> bool:
    """ "I already feel sick about the party", "what if everyone thinks I'm weird", "nervous meeting new people"."""
    return _DREADS.search(text.replace("\u2019", "'")) is not None


def replay_reply(told: Sequence[str]) -> str:
    """To "I replay everything I said": the replay is harsher than anyone there; drinking, if told, makes it louder."""
    drank = any(_DRINK.search(text) for text in told)
    return _REPLAY_REPLY.format(drink="And after drinking, the replay gets even louder. " if drank else "")


def avoid_reply(told: Sequence[str]) -> str:
    """To "maybe I should just say I'm sick": their choice, what avoidance does, a middle way and an honest no.
    ``told``: this message and the earlier ones; the host's pronoun comes from the invitation told there."""
    host = next(
        (line for text in told for pattern, line in _HOSTS if pattern.search(text)),
        "Whoever invited you wants you there.",
    )
    return _AVOID_REPLY.format(host=host)


def small_talk_reply(told: Sequence[str]) -> str:
    """To "what do I even say to people I don't know": a few openers that work, and why the pauses are fine.
    ``told``: this message and the earlier ones (the plan; the host's pronoun, or the couple at a wedding)."""
    plan = "An hour sounds like a kind plan. " if re.search(r"\ban\s+hour\b", told[0], re.IGNORECASE) else ""
    if re.search(r"\bawkward\b", told[0], re.IGNORECASE):
        plan = "Feeling awkward is so common, and it shows far less from outside than it feels inside. "
    him = next(
        (
            ("her" if line.startswith("She") else "him")
            for text in told
            for pattern, line in _HOSTS
            if pattern.search(text)
        ),
        "the couple" if any(re.search(r"\bwedding\b", text, re.IGNORECASE) for text in told) else "them",
    )
    return (
        f"{plan}A few openers that almost always work: 'How do you know {him}?' - everyone there has an answer to "
        "that one. Or something about what's around you, the food or the music. Then ask a follow-up about "
        "what they say; most people like talking about themselves, which takes the pressure off you. It's also "
        "fine to say 'I don't know many people here' - it's more common than it looks, and the other person is "
        "often relieved. And a pause feels much longer to you than to them."
    )


def first_reply(text: str) -> str:
    """The first answer: the dread named as common and physical, one question."""
    if re.search(r"\b(?:sick|ill|nauseous|stomach|knots)\b", text, re.IGNORECASE):
        body = "Feeling sick about it days before is your body bracing itself - that's how real the dread is. "
    else:
        body = "That dread can start days before and sit in your body the whole time. "
    return (
        f"{body}So many people feel this way about social things, even the ones who look relaxed when they walk in. "
        "What worries you most about it?"
    )


def pressures(sentence: str) -> bool:
    """Whether a sentence of a reply pushes, brushes the fear off or offers a drink to cope."""
    return _PUSH.search(sentence.replace("\u2019", "'")) is not None


def social_pressure_guard() -> TopicGuard:
    """The reply guard that drops pushing sentences while dread of a social occasion is in view."""
    return TopicGuard(SOCIAL_ANXIETY_KEY, pressures)


class SocialAnxietyStage(ThreadStage):
    """Dread of a social occasion in view: a fixed first answer, then the guidance line and four answers once each."""

    key = SOCIAL_ANXIETY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return dreads_social(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        text = text.replace("\u2019", "'")
        told = [text, *earlier[: self.window]]
        answers: tuple[tuple[re.Pattern[str], Callable[[], str]], ...] = (
            (_DRINK, lambda: DRINK_REPLY),
            (_AVOID, lambda: avoid_reply(told)),
            (_SMALL_TALK, lambda: small_talk_reply(told)),
            (_REPLAY, lambda: replay_reply(told)),
            (_NORMAL, lambda: NORMAL_REPLY),
            (_TOLD_NO_ONE, lambda: TOLD_NO_ONE_REPLY),
            (_LAST_TIME, lambda: LAST_TIME_REPLY),
            (_JUDGED, lambda: JUDGED_REPLY),
        )
        return [answer() for pattern, answer in answers if pattern.search(text)]
