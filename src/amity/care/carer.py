"""A parent or partner caring for a disabled family member, worn to the bone: no "saint", no self-care tips.

A mother told the default 1.5B "my son is autistic and nonverbal. he's 9. I haven't slept more than 4 hours in years",
"sometimes I resent him and then I hate myself for it", "everyone says I'm a saint. I'm not, I'm just drowning" and
"there's no respite care near us, the waiting list is 2 years". It answered (with the sleepless stage's answer first,
"What's keeping you up - is your mind busy…?", to years of caring), then "Maybe taking a walk, doing something you
enjoy, or just saying 'I love you' to him can help", then "I know how it feels to feel like you're drowning in life",
then "do you need some ideas about how to manage your feelings?". Family carers are among the most exhausted people
there are; resentment is common and shameful to them; "saint" makes the drowning invisible; "take time for yourself"
is an insult without respite.

:func:`caring_worn_down` finds it: a family member's disability or complex needs told ("my son is autistic and
nonverbal", "my daughter has cerebral palsy"), or being someone's full-time carer. The first telling gets
:func:`first_reply` (the years and hours they said). For :data:`WINDOW` messages (``CARER_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, unasked advice is dropped, and :func:`platitude_carer_guard` drops
"saint" (not when quoted), "a blessing", "God only gives", "special child", "time for yourself", "self-care", "a
walk", "your support network" and "I know how it feels". Four later messages get a fixed answer once each:
resentment (:func:`resentment_reply`), "everyone says I'm a saint" (:data:`SAINT_REPLY`), no respite
(:func:`respite_reply`) and carrying it alone (:func:`alone_reply`: "my husband works away most weeks").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

CARER_KEY = "care.carer"  # ctx.extras: caring for a disabled family member, told in this conversation
WINDOW = 12

_WHO = r"(?:son|daughter|child|kid|boy|girl|husband|wife|partner|brother|sister|mum|mom|dad|mother|father)"
_NEEDS = (
    r"(?:severely\s+|profoundly\s+)?(?:autistic|disabled|nonverbal|non-verbal|quadriplegic|paralysed|paralyzed|"
    r"(?:got\s+)?(?:autism|cerebral\s+palsy|down\s+syndrome|spina\s+bifida|complex\s+needs|special\s+needs|"
    r"a\s+(?:severe|profound)\s+(?:disability|learning\s+disability)|epilepsy))"
)
_TOLD = re.compile(
    rf"\bmy\s+(?:\w+\s+)?{_WHO}\s+(?:is|has|'s)\s+(?:\w+\s+)?{_NEEDS}\b|"
    r"\bi(?:'m|\s+am)\s+(?:his|her|their|my\s+\w+'s|a)\s+(?:full[-\s]time\s+|only\s+|main\s+)?carer\b|"
    rf"\bi\s+care\s+for\s+my\s+(?:\w+\s+)?{_WHO}\s+(?:full[-\s]time|24/7|around\s+the\s+clock|on\s+my\s+own)\b",
    re.IGNORECASE,
)
_HOURS = re.compile(r"\b(?:more\s+than\s+)?(\d|two|three|four|five)\s+hours\b", re.IGNORECASE)
_YEARS = re.compile(r"\bin\s+years\b|\bfor\s+years\b|\b(\d{1,2}|nine|ten)\s+years\b", re.IGNORECASE)
_RESENT = re.compile(
    r"\bi\s+(?:sometimes\s+|secretly\s+)?resent\s+(?:him|her|them|my\s+\w+)\b|"
    r"\bi\s+(?:sometimes\s+)?(?:hate|can't\s+stand)\s+(?:being\s+(?:a|his|her)\s+carer|this\s+life|my\s+life)\b|"
    r"\bi\s+(?:sometimes\s+)?wish\s+(?:i\s+had\s+)?(?:a\s+)?(?:normal|different)\s+(?:child|kid|son|daughter|life|family)\b",
    re.IGNORECASE,
)
_SAINT = re.compile(
    r"\bsaint\b|\bi(?:'m|\s+am)\s+(?:just\s+)?drowning\b|\b(?:everyone|people)\s+(?:says?|tells?\s+me)\s+(?:how\s+)?"
    r"(?:strong|amazing|inspiring)\b",
    re.IGNORECASE,
)
_RESPITE = re.compile(
    r"\brespite\b|\bwaiting\s+list\b|\bno\s+(?:help|support|services)\s+(?:near|around|available)\b", re.I
)
_ALONE = re.compile(
    r"\b(?:my\s+)?(?P<who>husband|wife|partner)\s+(?:works\s+away|is\s+away|travels|works\s+nights|is\s+never\s+home|left)\b|"
    r"\bi(?:'m|\s+am)\s+(?:on\s+my\s+own|alone|by\s+myself)\s+(?:with\s+(?:him|her|them)|most\s+(?:days|weeks|of\s+the\s+time))\b|"
    r"\bsingle\s+(?:mum|mom|parent|dad|father|mother)\b",
    re.IGNORECASE,
)
_WAIT = re.compile(r"\b(\d{1,2}|two|three|eighteen)\s+(years?|months)\b", re.IGNORECASE)
_PLATITUDE = re.compile(
    r"(?<!['\"\u2018\u201c])\bsaint\b|\b(?:he's|he\s+is|she's|she\s+is|they're|they\s+are)\s+a\s+blessing\b|\bgod\s+(?:only\s+)?gives\b|"
    r"\bspecial\s+(?:child|kids?|needs\s+are\s+a\s+gift)\b|\b(?:take|taking|make|making)\s+(?:some\s+)?time\s+for\s+yourself\b|"
    r"\bself-care\b|\b(?:take|taking|go\s+for)\s+a\s+walk\b|\bsupport\s+network\b|\bi\s+know\s+(?:exactly\s+)?how\s+it\s+feels\b|"
    r"\bdoing\s+something\s+you\s+enjoy\b|\bmanage\s+your\s+feelings\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They care for a disabled family member and are exhausted. Never call them a saint or the person a blessing, "
    "never suggest self-care, a walk or 'time for yourself', and don't say you know how it feels. Say how hard and "
    "relentless it is; resentment and exhaustion are common in carers and don't mean they love less. Ask what "
    "would help most right now, and who could share the load."
)
SAINT_REPLY = (
    "'Saint' is meant kindly, but it can make the drowning invisible - as if you were built for this and didn't need "
    "anything. You don't have to be one. You're a person doing something enormously hard without enough rest or help, "
    "and you're allowed to need things too."
)
_HIM = {"son": ("him", "his"), "boy": ("him", "his"), "husband": ("him", "his"), "brother": ("him", "his"),
        "dad": ("him", "his"), "father": ("him", "his"), "daughter": ("her", "her"), "girl": ("her", "her"),
        "wife": ("her", "her"), "sister": ("her", "her"), "mum": ("her", "her"), "mom": ("her", "her"),
        "mother": ("her", "her")}  # fmt: skip


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    """(object, possessive) for the person they care for, from the first one named; "them" / "their" when unsure."""
    for text in reversed(told):
        if match := re.search(rf"\bmy\s+(?:\w+\s+)?({_WHO})\b", text, re.IGNORECASE):
            return _HIM.get(match.group(1).lower(), ("them", "their"))
    return "them", "their"


def resentment_reply(told: Sequence[str]) -> str:
    """To "sometimes I resent him and then I hate myself for it": common, not less love, too much for too long."""
    him, _his = _pronouns(told)
    return (
        "Resentment is one of the most common feelings in carers who are this exhausted - far more common than anyone "
        f"admits out loud. It doesn't mean you love {him} less; it means you're carrying too much, for too long, with "
        f"too little help. You can feel it and still love {him} deeply. Thank you for trusting me with it."
    )


def caring_worn_down(text: str) -> bool:
    """ "my son is autistic and nonverbal", "I'm his full-time carer", "I care for my wife around the clock"."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str:
    """The first answer: the hours and years they said, no one could do it without wearing down, how they really are."""
    hours = _HOURS.search(text)
    years = _YEARS.search(text)
    if hours and years:
        lead = f"That's years of running on empty - {hours.group(1)} hours a night, for years, and caring all day."
    elif years:
        lead = "That's years of running on empty, caring all day and through the nights."
    else:
        lead = "That's so much to carry, day and night."
    return f"{lead} No one could do that without it wearing them down. How are you holding up, really?"


def respite_reply(text: str, told: Sequence[str]) -> str:
    """To "there's no respite care near us, the waiting list is 2 years": an impossible wait, and what can move it."""
    _him, his = _pronouns(told)
    wait = _WAIT.search(text)
    span = f"{wait.group(1)} {wait.group(2)}" if wait else "A wait like that"
    lead = f"{span[:1].upper()}{span[1:]} is an impossible wait" if wait else "That's an impossible wait"
    return (
        f"{lead} when you're this exhausted. It's worth telling {his} care team or your doctor plainly that you're at "
        "breaking point - those words are allowed, and sometimes they move things. Carers' organisations often know "
        "about short breaks that aren't on the official list. And while you wait: who, even for an hour, could "
        "take a turn?"
    )


def alone_reply(text: str) -> str:
    """To "my husband works away most weeks": one person carrying what takes several; a turn when they are home."""
    match = _ALONE.search(text.replace("\u2019", "'"))
    who = (match.group("who") or "").lower() if match else ""
    he = {"husband": "he", "wife": "she"}.get(who, "they")
    turn = f" When {he}'s home, do you get a turn to sleep?" if who else " Is there anyone at all who gets a turn?"
    return (
        "So much of the time it's you alone, day and night. That's a load meant for several people, carried by one - "
        f"anyone would be drowning.{turn}"
    )


def platitude_for_carer(sentence: str) -> bool:
    """Whether a reply sentence calls them a saint, suggests self-care or claims to know how it feels."""
    return _PLATITUDE.search(sentence.replace("\u2019", "'")) is not None


def platitude_carer_guard() -> TopicGuard:
    """The reply guard that drops "saint", "time for yourself" and their kin while a carer's load is in view."""
    return TopicGuard(CARER_KEY, platitude_for_carer)


class CarerStage(ThreadStage):
    """A carer's load in view: a fixed first answer, the guidance line, three answers given once each."""

    key = CARER_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return caring_worn_down(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [resentment_reply(told)] if _RESENT.search(folded) else []
        if _SAINT.search(folded):
            replies.append(SAINT_REPLY)
        if _RESPITE.search(folded):
            replies.append(respite_reply(folded, told))
        if _ALONE.search(folded):
            replies.append(alone_reply(folded))
        return replies
