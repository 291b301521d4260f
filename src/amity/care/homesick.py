"""Homesick: missing home met as the ache it is, not an adventure; no "join a club"; going back left to them.

Someone told the default 1.5B "I moved here from Brazil for uni three months ago and I miss home so much". It answered
"That's a beautiful feeling. It's always hard to leave home, but you're doing something wonderful by moving to a new
place." To "everyone here already has their friend groups" it said "That's very interesting, isn't it?", to "I cried on
the phone with my mum last night" "I'm so sorry you lost your composure", and to "maybe I should just drop out and go
back" "What do you think about dropping out?" The loss stage's homesick line was in the prompt.

:func:`homesick` finds it: "I miss home so much", "I'm so homesick", "I moved here from Brazil… I miss…", "I'm so far
from home" ("I miss home cooking" counts too) - not a homesickness that has passed ("when I was at camp I was
homesick"). The first telling gets :func:`first_reply` (the ache named, the place and the months when said, "What do you
miss most?"), unless the message asks what to do. For :data:`WINDOW` messages (``HOMESICK_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`adventure_guard` drops cheer and push ("a beautiful feeling",
"something wonderful", "an adventure", "a great opportunity", "very interesting", "lost your composure", "join a club",
"put yourself out there", "make new friends"). The answer to "What do you miss most?" gets the first thing named said
back and asked about (:func:`missed_reply`; the 1.5B: "That sounds like a really fun place to be. The people there are
so friendly"). Five later messages get a fixed answer once each: everyone else already has their people
(:func:`groups_reply`), crying on the phone home (:func:`cried_reply`), a second language and impatient listeners
(:func:`language_reply`), feeling ungrateful (:func:`grateful_reply`) and thinking of going back (:func:`go_back_reply`:
not tonight, not a failure either way).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard
from amity.stages import TurnContext

HOMESICK_KEY = "care.homesick"  # ctx.extras: missing home, told in the last WINDOW messages
WINDOW = 10

_TOLD = (
    re.compile(
        r"\bi(?:'m|\s+am)\s+(?:so\s+|really\s+|very\s+|just\s+|a\s+bit\s+|kind\s+of\s+|super\s+)?homesick\b|\bhomesickness\b|"
        r"\bi\s+(?:really\s+|so\s+|just\s+)?miss\s+(?:home|my\s+(?:home|country|hometown|home\s+town|home\s+country|family\s+back\s+"
        r"home|people\s+back\s+home|own\s+language|language))\b|\bi(?:'m|\s+am|\s+feel|\s+live|\s+am\s+living)\s+(?:so\s+|very\s+|really\s+)?far\s+(?:away\s+)?"
        r"from\s+(?:home|my\s+family|everyone\s+i\s+love)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b[Ii]\s+(?:just\s+|recently\s+)?(?:moved|came)\s+(?:here\s+)?from\s+(?P<place>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\b"
        r"[^.!?]{0,80}\bmiss\b",
    ),
)
_PLACE = re.compile(r"\b(?:moved|came)\s+(?:here\s+)?from\s+(?P<place>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\b")
_MONTHS = re.compile(
    r"\b(?P<len>(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|\d+)\s+(?:weeks?|months?))\s+ago\b",
    re.IGNORECASE,
)
_NOT_THIS = re.compile(r"\b(?:when\s+i\s+was|used\s+to\s+be\s+homesick|isn't\s+homesick)\b", re.IGNORECASE)
_GROUPS = re.compile(
    r"\b(?:everyone|everybody|they\s+all|people)\s+(?:here\s+)?(?:already\s+)?(?:has|have|seems?\s+to\s+have)\s+(?:their\s+)?"
    r"(?:own\s+)?(?:friend\s+groups?|friends|groups?|people)\b|\bi\s+(?:don't|do\s+not)\s+(?:know|have)\s+(?:anyone|anybody|any\s+"
    r"friends)\s+(?:here|yet)\b|\b(?:no|zero)\s+friends\s+here\b|\b(?:can't|cannot)\s+make\s+(?:any\s+)?friends\b|\bfeel\s+(?:so\s+)?"
    r"left\s+out\b",
    re.IGNORECASE,
)
_CRIED = re.compile(  # on a call home ("I cried on the phone with my mum last night")
    r"(?=[^.!?]*\b(?:phone|call|called|facetime|video|skype|whatsapp|zoom)\b)\bi\s+(?:cried|was\s+crying|broke\s+down|burst\s+into\s+tears|started\s+crying|was\s+in\s+tears)\b[^.!?]{0,60}?\b(?:with|to)\s+"
    r"(?:my\s+)?(?P<who>mum|mom|mother|dad|father|parents|family|sister|brother|grandma|nan|boyfriend|girlfriend|partner)\b",
    re.IGNORECASE,
)
_GO_BACK = re.compile(
    r"\b(?:drop\s+out|quit\s+(?:uni|university|college|the\s+course|my\s+course|my\s+degree|my\s+studies|the\s+program(?:me)?)|"
    r"(?:just\s+)?go\s+(?:back\s+)?home\s+for\s+good|move\s+back(?:\s+home)?|give\s+up\s+and\s+go\s+(?:back|home)|go\s+back\s+"
    r"(?:home|to\s+[A-Z]\w+))\b",
    re.IGNORECASE,
)
_LANGUAGE = re.compile(
    r"\bmy\s+(?:german|english|french|spanish|dutch|italian|portuguese|japanese|chinese|mandarin|swedish|danish|norwegian|"
    r"polish|korean|arabic|language)\s+is\s+(?:so\s+|really\s+|still\s+)?(?:bad|terrible|awful|rubbish|not\s+good|poor|"
    r"broken)\b|\b(?:people|they|everyone)\s+(?:get|are|seem|act)\s+(?:so\s+)?(?:impatient|annoyed|frustrated)\s+with\s+me\b|"
    r"\b(?:laugh|laughed|laughing)\s+at\s+my\s+(?:accent|german|english|french|spanish)\b|\b(?:people|nobody|they)\s+"
    r"(?:can't|cannot|don't)\s+understand\s+(?:me|my\s+accent)\b",
    re.IGNORECASE,
)
_UNGRATEFUL = re.compile(
    r"\b(?:seem|sound|be|feel|am|i'm)\s+(?:so\s+)?ungrateful\b|\bi\s+should\s+be\s+(?:grateful|happy|thankful)\b|"
    r"\bi\s+know\s+i(?:'m|\s+am)\s+(?:so\s+)?lucky\b",
    re.IGNORECASE,
)
MISS_QUESTION = "What do you miss most?"  # how the first answer ends
_MISSED = re.compile(  # the first thing named in the answer to it: "my mum's feijoada", "hearing portuguese everywhere"
    r"^\W*(?:(?:oh|um|hmm|honestly|probably|definitely|just|mostly|everything,?\s+but)\W+)*(?P<thing>(?:(?:my|our|the)\s+|"
    r"(?:[a-z]+ing)\s+)[\w'-]+(?:\s+(?!and\b|but\b)[\w'-]+){0,5})",
    re.IGNORECASE,
)
_ADVENTURE = re.compile(
    r"\b(?:beautiful|wonderful|lovely)\s+(?:feeling|thing|experience)\b|\bsomething\s+(?:wonderful|amazing|brave|exciting)\b|"
    r"\badventure\b|\b(?:great|amazing|wonderful|exciting)\s+opportunit(?:y|ies)\b|\b(?:very|so|really)\s+interesting\b|"
    r"\blost\s+your\s+composure\b|\bjoin(?:ing)?\s+(?:a|some|the)\s+(?:club|society|societies|group|team|sport)\b|\bput\s+yourself\s+"
    r"out\s+there\b|\bmake\s+(?:some\s+)?new\s+friends\b|\bget\s+out\s+there\b|\bembrace\b|\bexciting\b|\bfun\s+place\b|"
    r"\bamazing\s+how\b|\bso\s+friendly\b",
    re.IGNORECASE,
)

_PRONOUNS = {  # (object, possessive) of the one they cried to
    **dict.fromkeys(("mum", "mom", "mother", "sister", "grandma", "nan", "girlfriend"), ("her", "her")),
    **dict.fromkeys(("dad", "father", "brother", "boyfriend"), ("him", "his")),
}
GUIDANCE = (
    "They are homesick, far from home. It is a real ache, not an adventure: don't call it beautiful, exciting or an "
    "opportunity, and don't push clubs or new friends. Ask about home and let them tell you. Whether to stay or go "
    "back is theirs to decide."
)


def _found(text: str) -> re.Match[str] | None:
    folded = text.replace("\u2019", "'")
    if _NOT_THIS.search(folded):
        return None
    return next((m for p in _TOLD if (m := p.search(folded)) is not None), None)


def homesick(text: str) -> bool:
    """ "I miss home so much", "I'm so homesick", "I moved here from Brazil… I miss…" - missing home now."""
    return _found(text) is not None


def first_reply(text: str) -> str:
    """The first answer: the ache named (the place and the months when said); what do they miss most."""
    if _found(text) is None:
        raise ValueError("first_reply needs a message that homesick() finds")
    folded = text.replace("\u2019", "'")
    place = _PLACE.search(folded)
    months = _MONTHS.search(folded)
    missing = f"Missing {place.group('place')} that much" if place else "Missing home that much"
    since = f"{months.group('len').lower()} in" if months else ""
    opening = f"{since[:1].upper()}{since[1:]}, and {missing[:1].lower()}{missing[1:]}" if since else missing
    return (
        f"{opening} - that's so hard. Everything familiar is far away: the people, the food, the way the days feel. "
        f"It makes sense that it aches. {MISS_QUESTION}"
    )


def missed_reply(text: str) -> str | None:
    """To the answer to "What do you miss most?" ("my mum's feijoada, and just hearing portuguese everywhere"): the
    first thing named, said back, and asked about (the 1.5B: "That sounds like a really fun place to be. The people
    there are so friendly…"). None when the answer names nothing this can say back."""
    m = _MISSED.match(text.replace("\u2019", "'"))
    if m is None or len(text.split()) > 25:
        return None
    thing = re.sub(
        r"\bmy\b", "your", re.sub(r"\bour\b", "your", " ".join(m.group("thing").split()), flags=re.I), flags=re.I
    )
    thing = re.sub(r"[.,!?;:]+$", "", thing)
    return (
        f"{thing[:1].upper()}{thing[1:]} - that's exactly what makes somewhere home, and it's all so far away right "
        "now. I'd love to hear about it - what comes to mind first?"
    )


def groups_reply(told: Sequence[str]) -> str:
    """To "everyone here already has their friend groups": one of the loneliest parts; not something wrong with them."""
    return (
        "That's one of the loneliest parts - arriving when everyone else already seems to have their people. It looks "
        "settled from the outside, but a lot of people feel exactly this and don't show it. It doesn't mean something "
        "is wrong with you."
    )


def cried_reply(told: Sequence[str]) -> str:
    """To "I cried on the phone with my mum last night": not falling apart - missing them."""
    m = _CRIED.search(told[0]) if told else None
    who = m.group("who").lower() if m else ""
    him, his = _PRONOUNS.get(who, ("them", "their"))
    voice = "voices are" if him == "them" else "voice is"
    whom = f"your {who}" if who else "home"
    return (
        f"Of course you cried - you love {him}, and {his} {voice} so far away. Crying on the phone with {whom} isn't "
        f"falling apart; it's missing {him}. How was it, talking to {him}?"
    )


def language_reply(told: Sequence[str]) -> str:
    """To "my German is bad and people get impatient with me" (the 1.5B: "People are busy and it can be hard to
    understand")."""
    return (
        "Living in a second language all day is exhausting - every conversation costs you more than it costs them. "
        "And people's impatience says more about them than about you. You're doing something hard, every single day."
    )


def grateful_reply(told: Sequence[str]) -> str:
    """To "I don't want to seem ungrateful, it's a good job": both can be true; missing people isn't ingratitude."""
    return (
        "You can be glad of what brought you here and still miss home - both are true at once. Missing your people "
        "isn't ungrateful; it's what happens when they matter."
    )


def go_back_reply(told: Sequence[str]) -> str:
    """To "maybe I should just drop out and go back": it makes sense; not tonight; not a failure either way."""
    return (
        "That thought makes so much sense when it hurts this much. It's a big decision, and it doesn't have to be made "
        "tonight, while the missing is this loud. Whatever you decide, feeling this way doesn't mean you failed. "
        "What's pulling you most towards going back?"
    )


def cheers_it(sentence: str) -> bool:
    """Whether a reply sentence calls homesickness beautiful or an adventure, or pushes clubs and new friends."""
    return _ADVENTURE.search(sentence.replace("\u2019", "'")) is not None


def adventure_guard() -> TopicGuard:
    """The reply guard that drops "a beautiful feeling" and "join a club" while homesickness is in view."""
    return TopicGuard(HOMESICK_KEY, cheers_it)


class HomesickStage(ThreadStage):
    """Homesickness in view: a first answer, the guidance line, five answers given once each."""

    key = HOMESICK_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = (
        (_GROUPS, groups_reply),
        (_CRIED, cried_reply),
        (_LANGUAGE, language_reply),
        (_UNGRATEFUL, grateful_reply),
        (_GO_BACK, go_back_reply),
    )

    def told(self, text: str) -> bool:
        return homesick(text)

    def replies_for(self, ctx: TurnContext, earlier: Sequence[str]) -> Sequence[str]:
        if (last := ctx.last_reply()) is not None and last.endswith(MISS_QUESTION):
            said = missed_reply(ctx.text)
            if said is not None:
                return [said, *self.later_replies(ctx.text, earlier)]
        return self.later_replies(ctx.text, earlier)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
