"""Screamed at by a manager in front of everyone: named as not okay, no "be more careful", a pattern called a pattern.

Someone told the default 1.5B "my manager screamed at me in front of the whole team today over a typo", "this is the
third time this month. everyone just stares at their screens", "I can't afford to quit. I have a kid" and "I'm
dreading going in tomorrow". It answered "Oh, that's very unfortunate… How did it go?", then "everyone staring at
their screens is quite common", then "That's tough, but you can't just give up. What do you think you can do about
it?", then "That's a bit disappointing. Is there anything that's holding you back?". Public humiliation by a manager,
again and again, is workplace bullying; people stay because they must, and dread the next day.

:func:`mistreated_at_work` finds it ("my manager screamed at me in front of the team", "my boss keeps humiliating
me", "I'm being bullied at work"). The first telling gets :func:`first_reply` when it was public, over something
small, repeated or called bullying (not okay; how they feel); a bare "my boss yelled at me" is the model's, guided.
For :data:`WINDOW` messages (``WORK_BULLYING_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting,
unasked advice is dropped, and :func:`excuse_guard` drops "unfortunate", "quite common", "can't just give up", "he
might be stressed", "don't take it personally", "be more careful", "double-check" and "how did it go?". Three later
messages get a fixed answer once each: it keeps happening (:data:`PATTERN_REPLY`: a pattern with a name, and a quiet
record that keeps options open), "I can't afford to quit" (:func:`cant_quit_reply`: steps short of quitting) and
dreading tomorrow (:data:`DREAD_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

WORK_BULLYING_KEY = "care.work_bullying"  # ctx.extras: mistreated by a manager, told in this conversation
WINDOW = 10

_BOSS = r"(?:my\s+)?(?:manager|boss|supervisor|line\s+manager|team\s+lead|team\s+leader|director|head\s+chef|foreman)"
_TOLD = re.compile(
    rf"\b{_BOSS}\s+(?:\w+\s+)?(?:screamed|yelled|shouted|swore|swears|screams|yells|shouts|humiliated|humiliates|belittled|"
    r"belittles|berated|berates|ripped\s+into|tore\s+into|went\s+off|laid\s+into)\s+(?:at\s+)?me\b|"
    rf"\b{_BOSS}\s+(?:keeps|kept|is|has\s+been)\s+(?:\w+\s+)?(?:humiliating|belittling|bullying|screaming\s+at|yelling\s+at|"
    r"shouting\s+at)\s+me\b|\bi(?:'m|\s+am|\s+was|'ve\s+been|\s+have\s+been)\s+(?:being\s+)?bullied\s+at\s+work\b",
    re.IGNORECASE,
)
_OVER = re.compile(
    r"\bover\s+(a\s+(?:\w+\s+)?(?:typo|mistake|email|spreadsheet|error)|nothing|something\s+(?:so\s+)?small)\b", re.I
)
_PUBLIC = re.compile(
    r"\bin\s+front\s+of\s+(?:the\s+(?:whole\s+)?(?:team|office|staff)|everyone|everybody|customers)\b", re.I
)
_PATTERN = re.compile(
    r"\b(?:the\s+)?(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+time\b|\bkeeps?\s+(?:doing\s+(?:it|this|that)|happening)\b|"
    r"\bevery\s+(?:day|week|single\s+day|meeting)\b|\ball\s+the\s+time\b",
    re.IGNORECASE,
)
_CANT_QUIT = re.compile(
    r"\b(?:can't|cannot|can\s+not)\s+(?:afford\s+to\s+)?(?:quit|leave|lose\s+(?:this|my)\s+job)\b|\bi\s+need\s+(?:this|the)\s+job\b",
    re.IGNORECASE,
)
_DREAD = re.compile(
    r"\b(?:dreading|dread|can't\s+face|scared\s+of|terrified\s+of)\s+(?:going\s+(?:in|back)|work|tomorrow|monday|the\s+morning)\b",
    re.IGNORECASE,
)
_EXCUSES = re.compile(
    r"\bunfortunate\b|\bquite\s+common\b|\bcan't\s+just\s+give\s+up\b|\bdisappointing\b|"
    r"\b(?:he|she|they)\s+(?:might|may|must)\s+(?:be|have\s+been)\s+(?:stressed|under\s+(?:a\s+lot\s+of\s+)?pressure|having\s+a\s+bad\s+day)\b|"
    r"\btake\s+it\s+personally\b|\blearn\s+from\s+(?:it|the|your|this)\b|\bbe\s+more\s+careful\b|\bdouble[-\s]check\b|"
    r"\bwhat\s+did\s+you\s+do\b|\bhow\s+did\s+it\s+go\b|\bholding\s+you\s+back\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Their manager humiliated them. Say plainly it is not okay; never excuse the manager (stress, a bad day), never "
    "suggest they be more careful, and don't push them to quit or to confront anyone. If it keeps happening, it is "
    "bullying. Ask how they are, and what support they have at work."
)
PATTERN_REPLY = (
    "Then this isn't a bad day - it's a pattern, and what's happening to you has a name: it's workplace bullying. "
    "Everyone staring at their screens leaves you alone in it, even if they're scared too. One thing that keeps your "
    "options open is a quiet record of each time: the date, what was said, who was there. You don't have to do "
    "anything with it yet."
)


def cant_quit_reply(text: str) -> str:
    """To "I can't afford to quit. I have a kid": the trap named; steps short of quitting."""
    who = re.search(r"\b(kids?|child|children|family|son|daughter)\b", text, re.IGNORECASE)
    choose = f"your {who.group(1).lower()}" if who else "your income"
    return (
        "That's the trap that makes this so hard - you need this job, and walking out isn't a real option. You don't "
        f"have to choose between {choose} and your dignity tonight. There are steps short of quitting: HR or someone "
        "above your manager, a union if you have one, and a record of what's happened. Which of those, if any, feels "
        "possible where you work?"
    )


DREAD_REPLY = (
    "Of course you are - you're walking back into the room where it happened. For tomorrow, getting through the day "
    "is enough. Having one person you can message when it gets hard - a colleague, a friend - can make the hours "
    "shorter. And you haven't done anything wrong."
)


def mistreated_at_work(text: str) -> bool:
    """ "my manager screamed at me in front of the whole team", "my boss keeps humiliating me"."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str | None:
    """The first answer when it was public, over something small, repeated or called bullying: not okay, how they
    are; None for a bare "my boss yelled at me", which the model answers, guided."""
    folded = text.replace("\u2019", "'")
    over, public = _OVER.search(folded), _PUBLIC.search(folded)
    if not (over or public or _PATTERN.search(folded) or re.search(r"\bhumiliat|\bbull(?:y|ied|ying)\b", folded, re.I)):
        return None
    where = " in front of the whole team" if public else ""
    what = f"being screamed at{where}, over {over.group(1)}," if over else f"being treated like that{where}"
    why = "A mistake deserves a quiet word, not a public scene." if over else "No one deserves that at work."
    return f"I'm sorry - {what} is humiliating, and it's not okay. {why} How are you feeling after it?"


def excuses(sentence: str) -> bool:
    """Whether a reply sentence excuses the manager or puts the blame on them ("be more careful", "unfortunate")."""
    return _EXCUSES.search(sentence.replace("\u2019", "'")) is not None


def excuse_guard() -> TopicGuard:
    """The reply guard that drops excuses for the manager while the mistreatment is in view."""
    return TopicGuard(WORK_BULLYING_KEY, excuses)


class WorkBullyingStage(ThreadStage):
    """Mistreated by a manager: a fixed first answer, the guidance line, three answers given once each."""

    key = WORK_BULLYING_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return mistreated_at_work(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [PATTERN_REPLY] if _PATTERN.search(folded) else []
        if _CANT_QUIT.search(folded):
            replies.append(cant_quit_reply(folded))
        return [*replies, DREAD_REPLY] if _DREAD.search(folded) else replies
