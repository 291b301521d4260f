"""Racist, homophobic or other hateful abuse told: named for what it was, never "not nice", never both sides.

Someone told the default 1.5B "a man on the bus called me a racial slur today and told me to go back to my country",
"nobody said anything. the whole bus just looked away", "I was born here. this is my country" and "I keep thinking I
should have said something back". It answered "Oh, that's not nice. It's important to treat everyone with respect,
especially those in different cultures. What do you think about what happened?", then "It's okay if it feels like
everyone is avoiding you", then "That's great to hear! You're lucky to be part of a country where you feel at home",
then "What do you want to say back?". Abuse for who one is hurts twice: the words, and the message that one doesn't
belong; bystanders looking away is a second hurt, and freezing is what bodies do under threat.

:func:`abused_for_who_they_are` finds it ("called me a racial slur", "told me to go back to my country", "racist
abuse", "yelled homophobic slurs at us", "a hate crime"). The first telling gets :func:`first_reply`: named for what
it was (racist, homophobic, transphobic or hateful abuse), not their fault, frightening, are they safe now. For
:data:`WINDOW` messages (``HATE_ABUSE_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting (no
cheering), and :func:`minimising_abuse_guard` drops "not nice", "treat everyone with respect", "different cultures",
"his perspective", "a bad day", "lucky", "just ignore it", "not everyone is like that", "freedom of speech" and "what
do you want to say back?". Later messages get a fixed answer once each: the bystanders who looked away
(:data:`BYSTANDERS_REPLY`), "this is my country" (:data:`BELONGING_REPLY`) and "I should have said something"
(:data:`FROZE_REPLY`: freezing protected them; no one is owed a comeback; telling someone and, if they want,
reporting it); the fear of going back ("I don't want to take the bus tomorrow") gets :func:`going_back_reply`
once (nothing to prove; sitting near the driver, company, a friend on the phone, or another way for a while).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

HATE_ABUSE_KEY = "care.hate_abuse"  # ctx.extras: hateful abuse for who they are, told in this conversation
WINDOW = 10

_KIND = r"(?:racial|racist|ethnic|homophobic|transphobic|antisemitic|islamophobic|anti-muslim|sexist|ableist)"
_ABUSE = re.compile(
    rf"\b(?:called|yelled|shouted|screamed|spat|hurled|used)\s+(?:me\s+|us\s+|at\s+me\s+|at\s+us\s+)?(?:a\s+|an\s+)?{_KIND}\s+"
    r"(?:slurs?|names?|abuse|insults?|words?)\b|"
    rf"\b{_KIND}\s+(?:slurs?|abuse|attack|insults?)\b|\bgo\s+back\s+to\s+(?:your\s+(?:own\s+)?country|where\s+you\s+came\s+from)\b|"
    r"\b(?:told|telling|tell|yelled\s+at|shouted\s+at|screamed\s+at)\s+(?:me|us)\s+to\s+go\s+back\s+(?:to\s+(?:my|our)\s+(?:own\s+)?"
    r"country|where\s+(?:i|we)\s+came\s+from)\b|\b(?:it\s+was|victims?\s+of|targeted\s+in)\s+a\s+hate\s+crime\b|\b(?:was|were|got|been)\s+(?:racially|homophobically)\s+abused\b|"
    r"\bcalled\s+me\s+(?:the\s+)?n[-\s]?word\b",
    re.IGNORECASE,
)
_BYSTANDERS = re.compile(
    r"\b(?:nobody|no\s+one|no-one)\s+(?:said|did|helped|stood\s+up|stepped\s+in|intervened|looked)\b|"
    r"\b(?:everyone|everybody|people|the\s+whole\s+\w+)\s+(?:just\s+)?(?:looked\s+away|stared|ignored\s+it|pretended|"
    r"kept\s+(?:quiet|scrolling|looking\s+at\s+their\s+phones))\b",
    re.IGNORECASE,
)
_BELONGING = re.compile(
    r"\bi\s+was\s+born\s+(?:here|in\s+this\s+country)\b|\bthis\s+is\s+my\s+(?:country|home)\b|"
    r"\bi(?:'ve|\s+have)\s+lived\s+here\s+(?:all\s+my\s+life|my\s+whole\s+life|for\s+\d+\s+years)\b|\bi\s+belong\s+here\b",
    re.IGNORECASE,
)
_FROZE = re.compile(
    r"\bi\s+should\s+have\s+(?:said|done)\s+(?:something|more)\b|\bwhy\s+didn't\s+i\s+(?:say|do)\b|\bi\s+(?:just\s+)?froze\b|"
    r"\bi\s+(?:didn't|did\s+not)\s+(?:say|do)\s+anything\b|\bi\s+(?:wish|keep\s+wishing)\s+i(?:'d|\s+had)\s+said\b",
    re.IGNORECASE,
)
_GOING_BACK = re.compile(
    r"\b(?:don't|do\s+not)\s+want\s+to\s+(?:take|get\s+on|ride|go\s+on|use)\s+the\s+(?P<ride>bus|train|tube|subway|metro|tram)\b|"
    r"\b(?:scared|afraid|terrified|nervous)\s+(?:to|of)\s+(?:go(?:ing)?\s+(?:out|back)|tak(?:e|ing)\s+the\s+(?P<ride2>bus|train|tube|"
    r"subway|metro|tram))\b|\bwhat\s+if\s+(?:he's|he\s+is|she's|she\s+is|they're|they\s+are)\s+there\s+again\b",
    re.IGNORECASE,
)
_MINIMISING = re.compile(
    r"\bnot\s+(?:very\s+|so\s+)?nice\b|\btreat\s+everyone\s+with\s+respect\b|\bdifferent\s+cultures\b|"
    r"\b(?:understand|see|consider)\s+(?:his|her|their)\s+(?:perspective|point\s+of\s+view|side)\b|\bbad\s+day\b|\blucky\b|"
    r"\b(?:don't|do\s+not)\s+let\s+it\s+(?:get\s+to\s+you|bother\s+you)\b|\bjust\s+ignore\b|"
    r"\bnot\s+(?:everyone|everybody|all\s+people)\s+(?:is|are|thinks)\s+like\s+that\b|\bfreedom\s+of\s+speech\b|"
    r"\beveryone\s+(?:is\s+entitled|has\s+a\s+right)\s+to\s+(?:their|an)\s+opinion\b|\bboth\s+sides\b|"
    r"\bwhat\s+(?:do|would)\s+you\s+(?:want|like)\s+to\s+say\s+back\b|\bavoiding\s+you\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They were abused for who they are (racism, homophobia or other hate). Name it plainly for what it was; never call "
    "it 'not nice', never give the abuser's side or say 'not everyone is like that', never cheer. It wasn't their "
    "fault and they belong. Ask gently how they are and whether they are safe; don't push them to confront anyone."
)
BYSTANDERS_REPLY = (
    "That part can hurt almost as much - being alone with it in a crowd. People often freeze and look away out of "
    "fear, not because they agree, but it still left you on your own, and that's a real hurt of its own. You "
    "deserved someone beside you."
)
BELONGING_REPLY = (
    "Yes. This is your country, and you belong here as much as anyone. Those words were meant to make you feel you "
    "don't - they say everything about the person who said them, and nothing about you."
)
FROZE_REPLY = (
    "Almost everyone replays it like that afterwards. But staying quiet with someone like that can be the safest "
    "thing to do - your body was protecting you, and you got through it. You don't owe anyone a comeback. What you "
    "do now can be about you: telling someone you trust, and, if you want to, reporting it to the police as a hate "
    "incident. How are you feeling now?"
)


def going_back_reply(text: str) -> str:
    """To "I don't want to take the bus tomorrow": the fear makes sense; nothing to prove; ways that feel safer."""
    match = _GOING_BACK.search(text.replace("\u2019", "'"))
    ride = (match.group("ride") or match.group("ride2")) if match else None
    near = "sit near the driver, " if ride in ("bus", "tram") else ""
    return (
        "Of course you don't - your body remembers where it happened. You don't have to prove anything tomorrow. If "
        f"you do go, some people find it helps to {near}travel with someone for the first few days, or keep a friend "
        "on the phone. And if you'd rather go another way for a while, that's okay too. What would feel most doable?"
    )


_TO_THEM = re.compile(r"\b(?:me|us|i|we|my|our)\b", re.IGNORECASE)
_ABOUT_OTHERS = re.compile(
    r"\b(?:read|reading|news|article|watched|watching|video|documentary|film|movie|book|history|essay|class|lecture)\b",
    re.IGNORECASE,
)


def abused_for_who_they_are(text: str) -> bool:
    """ "called me a racial slur", "told me to go back to my country", "yelled homophobic slurs at us" - told of
    themselves, in the sentence that names it (not "I read about racist abuse of footballers")."""
    folded = text.replace("\u2019", "'")
    for sentence in re.split(r"(?<=[.!?])\s+", folded):
        if _ABUSE.search(sentence) and _TO_THEM.search(sentence) and not _ABOUT_OTHERS.search(sentence):
            return True
    return False


def first_reply(text: str) -> str:
    """The first answer: the abuse named for what it was, not their fault, are they safe."""
    low = text.lower()
    kind = next(
        (name for word, name in (("homophob", "homophobic"), ("transphob", "transphobic"), ("antisemit", "antisemitic"),
         ("islamophob", "anti-Muslim"), ("muslim", "anti-Muslim"), ("racia", "racist"), ("racis", "racist"),
         ("go back to", "racist"), ("n-word", "racist"), ("n word", "racist")) if word in low),
        "hateful",
    )  # fmt: skip
    return (
        f"I'm so sorry. That was {kind} abuse, and it was wrong - none of it is about you, and you didn't deserve a "
        "second of it. Being targeted like that in public is frightening and humiliating, and it can stay in your "
        "body long after. Are you safe now?"
    )


def minimises_abuse(sentence: str) -> bool:
    """Whether a reply sentence softens the abuse, gives the abuser's side or cheers ("that's not nice", "lucky")."""
    return _MINIMISING.search(sentence.replace("\u2019", "'")) is not None


def minimising_abuse_guard() -> TopicGuard:
    """The reply guard that drops softened or both-sides sentences while hateful abuse is in view."""
    return TopicGuard(HATE_ABUSE_KEY, minimises_abuse)


class HateAbuseStage(ThreadStage):
    """Hateful abuse in view: a fixed first answer, the guidance line, three answers given once each."""

    key = HATE_ABUSE_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return abused_for_who_they_are(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        pairs = ((_BYSTANDERS, BYSTANDERS_REPLY), (_BELONGING, BELONGING_REPLY), (_FROZE, FROZE_REPLY))
        replies = [reply for pattern, reply in pairs if pattern.search(folded)]
        return [*replies, going_back_reply(folded)] if _GOING_BACK.search(folded) else replies
