"""Awake in the night: company first, the racing list put down here, a big day ahead made smaller.

Someone told the default 1.5B at 4:45 a.m. "it's 5am and I still haven't slept. this is the fourth night this week",
"my mind just won't stop. I keep going over everything I have to do tomorrow", "I have a big presentation at 9 and
I'm going to be a wreck" and "should I just take one of my mum's sleeping pills". It answered "It's still early… Do
you have anything to do for the day?", then "What are you doing to help yourself?", then "You know what helps me feel
better when I'm nervous about a big presentation? Taking a deep breath" (a life it doesn't have), then "talk to your
mum about other options… a warm bath". The night line of :mod:`amity.care.everyday` (calm, short, no plans for the
day, no naps) was in the prompt.

:func:`sleepless` finds it ("I still haven't slept", "I can't sleep", "up all night", "wide awake", "insomnia", "my
mind won't switch off"). A message about the sleeplessness itself (short; no loss or reason told in it; not a racing
mind or a big day, which the later answers fit) gets :func:`first_reply`: the nights counted as they said, the
loneliness of the hour, what keeps them up. For :data:`WINDOW` messages (``SLEEPLESS_KEY``) the model gets
:data:`GUIDANCE` and :func:`night_guard` drops "it's still early", plans for the day, naps and "what are you doing to
help yourself". Later messages get a fixed answer once each: a racing mind (:func:`racing_reply`: put the list down
here, it will be here in the morning - the writing-it-down that sleep research finds helps people fall asleep), the
list itself, right after that invitation (:func:`list_reply`: the items read back, nothing on it before morning; the
1.5B had answered a list with "Yes, I can help you finish the slides… and call the dentist") and a big day ahead
(:func:`big_day_reply`: one bad night usually costs less than it feels at this hour; lying still rests the body;
the opening lines made ready). The sleeping pill is :mod:`amity.safety.medication`'s (someone else's prescription
included).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.loss import find_loss
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard
from amity.stages import TurnContext

SLEEPLESS_KEY = "care.sleepless"  # ctx.extras: not sleeping told in this conversation
WINDOW = 6

_SLEEPLESS = re.compile(
    r"\b(?:can't|cannot|can\s+not|couldn't|could\s+not|unable\s+to)\s+(?:get\s+(?:back\s+)?to\s+)?sleep\b|"
    r"\b(?:still\s+)?(?:haven't|have\s+not|hasn't|didn't|did\s+not)\s+(?:slept|sleep)\b|\b(?:still|wide)\s+awake\b|"
    r"\b(?:i\s+was|i've\s+been|i\s+have\s+been|i'm|i\s+am|been)\s+up\s+all\s+night\b|\binsomnia\b|\bno\s+sleep\s+(?:again|at\s+all|for)\b|"
    r"\bmind\s+(?:just\s+)?(?:won't|will\s+not|doesn't|does\s+not)\s+(?:stop|switch\s+off|shut\s+off|quiet)",
    re.IGNORECASE,
)
_COUNT = re.compile(
    r"\b(?:the\s+)?(?P<nth>second|third|fourth|fifth|sixth|seventh)\s+night\b|"
    r"\b(?P<n>two|three|four|five|six|seven|\d)\s+nights?\s+(?:in\s+a\s+row|running|now|this\s+week|straight)\b",
    re.IGNORECASE,
)
_RACING = re.compile(
    r"\bmind\s+(?:just\s+)?(?:won't|will\s+not|doesn't|does\s+not|can't)\s+(?:stop|switch\s+off|shut\s+off|quiet|slow\s+down)\b|"
    r"\b(?:keep|kept)\s+(?:going\s+over|thinking\s+about|replaying|running\s+through)\b|\bracing\s+thoughts\b|"
    r"\bthoughts\s+(?:are\s+|keep\s+)?racing\b",
    re.IGNORECASE,
)
_TO_DO = re.compile(r"\b(?:to\s+do|to-do|todo|have\s+to|need\s+to|tomorrow|list|deadlines?)\b", re.IGNORECASE)
_EVENT = (
    r"(?:presentation|exam|interview|meeting|test|shift|surgery|operation|flight|pitch|first\s+day|big\s+day|new\s+job)"
)
_BIG_DAY = re.compile(
    rf"\b(?P<event>{_EVENT})\b[^.!?]{{0,40}}\b(?:at\s+\d|tomorrow|in\s+the\s+morning|today|in\s+(?:a\s+few|\w+)\s+hours)\b|"
    rf"\b(?:at\s+\d{{1,2}}|tomorrow|this\s+morning|today)\b[^.!?]{{0,30}}\b(?P<event2>{_EVENT})\b|"
    r"\b(?:going\s+to|gonna|will)\s+be\s+(?:a\s+)?(?:wreck|zombie|useless|exhausted|a\s+mess|awful)\b",
    re.IGNORECASE,
)
_CHRONIC = re.compile(
    r"\b(?:in|for)\s+(?:years|months)\b|\bmy\s+(?:son|daughter|baby|kids?|children|husband|wife|partner|mum|mom|dad)\b",
    re.IGNORECASE,
)
_NIGHT_SLIPS = re.compile(
    r"\bit's\s+still\s+early\b|\bplans?\s+for\s+(?:the|to)\s*day\b|\banything\s+(?:planned|to\s+do)\s+(?:for\s+)?(?:the\s+|to)\s*day\b|"
    r"\b(?:take|taking|have|having)\s+a\s+(?:quick\s+|short\s+|little\s+)?nap\b|"
    r"\bwhat\s+(?:are|have)\s+you\s+(?:been\s+)?doing\s+to\s+(?:help|take\s+care\s+of)\s+yourself\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They can't sleep. Keep the reply calm and short. Never say it's early, never ask about plans for the day or "
    "suggest a nap, and don't ask what they are doing to help themselves. Keep them company; if thoughts race, let "
    "them put them down here; if a big day is ahead, make it feel smaller, not bigger."
)


def sleepless(text: str) -> bool:
    """ "I still haven't slept", "I can't sleep", "up all night", "my mind won't switch off"."""
    return _SLEEPLESS.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str | None:
    """The first answer to a message about the sleeplessness itself; None when the message carries more (a loss,
    or a longer story), which the model answers, guided."""
    folded = text.replace("\u2019", "'")
    if len(folded) > 160 or find_loss(folded) is not None or re.search(r"\bbecause\b", folded, re.IGNORECASE):
        return None
    if _RACING.search(folded) or _BIG_DAY.search(folded):
        return None  # the later answers fit it better
    if re.search(
        r"\b(?:excited|can't\s+wait|couldn't\s+wait|anticipation|so\s+happy|pumped|thrilled|lol|haha)\b", folded, re.I
    ):
        return None  # awake with excitement ("I can't sleep, I can't wait for tomorrow!"): not a lonely night
    if _CHRONIC.search(folded):
        return None  # "my son is autistic… I haven't slept more than 4 hours in years": not tonight's sleeplessness
    match = _COUNT.search(folded)
    if match and match.group("nth"):
        nights = f"The {match.group('nth').lower()} night - no wonder you're worn through. "
    elif match and match.group("n"):
        nights = f"{match.group('n').capitalize()} nights - no wonder you're worn through. "
    else:
        nights = ""
    return (
        f"{nights}Lying awake while everyone else sleeps is one of the loneliest feelings, and it makes every thought "
        "louder. I'm here. What's keeping you up - is your mind busy, or is it your body that won't settle?"
    )


LIST_INVITATION = (
    "Then let's get it out of your head and onto this page. Tell me the things, one line each - as messy as you "
    "like - and they'll be here in the morning. Your mind keeps circling them because it's afraid you'll forget; "
    "once they're written down, it can let go a little."
)


def racing_reply(text: str) -> str:
    """To "my mind won't stop, I keep going over everything I have to do": put it down here."""
    if _TO_DO.search(text):
        return LIST_INVITATION
    return (
        "When it keeps circling like that, it can help to say it out loud instead of holding it in the dark. Tell me "
        "what keeps coming back - I'm listening, and things often look smaller once they're outside your head."
    )


def big_day_reply(text: str, told: Sequence[str]) -> str:
    """To "I have a big presentation at 9 and I'm going to be a wreck": one bad night is smaller than it feels."""
    found = (_BIG_DAY.search(t) for t in [text, *told])
    event = next(
        (m.group("event") or m.group("event2") for m in found if m and (m.group("event") or m.group("event2"))), None
    )
    ready = (
        f" Want to go over how you'll start the {event.lower()}, so that part is ready and off your mind?"
        if event
        else " Want to go over the first few minutes of it, so that part is ready and off your mind?"
    )
    return (
        "That's the cruel part - the more it matters, the harder sleep gets. One bad night usually costs less than it "
        "feels like at this hour: most people get through a morning like that better than they fear, carried by "
        f"nerves and what they already know. And even lying still with your eyes closed rests your body.{ready}"
    )


_ITEM_SPLIT = re.compile(
    r"\s*(?:[,;\n]|\s-\s|\band\s+then\b|\band\s+(?=(?:call|email|text|pick|finish|send|book|pay|buy|write|fix|clean|ring|sort)\b))\s*",
    re.IGNORECASE,
)


def list_items(text: str) -> list[str]:
    """The things of a list written in one message ("finish the slides, email jen, call the dentist"), at most 12."""
    items = [item.strip(" .!-*\u2022").strip() for item in _ITEM_SPLIT.split(text)]
    return [item for item in items if item][:12]


def list_reply(items: Sequence[str]) -> str:
    """The list read back: it is written down now, and nothing on it has to happen before morning."""
    lines = "\n".join(f"- {item}" for item in items)
    return (
        f"Got it - it's all here:\n{lines}\n\nNothing on this list has to happen before morning, and it will be "
        "right here when you wake. Your head can put it down now."
    )


def slips(sentence: str) -> bool:
    """Whether a sentence of a reply says what doesn't belong at night ("it's still early", a nap, plans)."""
    return _NIGHT_SLIPS.search(sentence.replace("\u2019", "'")) is not None


def night_guard() -> TopicGuard:
    """The reply guard that drops "it's still early", naps and plans for the day while sleeplessness is in view."""
    return TopicGuard(SLEEPLESS_KEY, slips)


class SleeplessStage(ThreadStage):
    """Not sleeping in view: a first answer to it, the guidance line, the racing mind and a big day answered once."""

    key = SLEEPLESS_KEY
    hurting = False  # "I can't sleep, I can't wait for tomorrow!" is not a hurt
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return sleepless(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def replies_for(self, ctx: TurnContext, earlier: Sequence[str]) -> Sequence[str]:
        folded = ctx.text.replace("\u2019", "'")
        last = ctx.last_reply()
        items = list_items(folded)
        if last == LIST_INVITATION and len(items) >= 2:  # the list, right after "tell me the things"
            return [list_reply(items)]
        replies = [racing_reply(folded)] if _RACING.search(folded) else []
        if _BIG_DAY.search(folded):
            replies.append(big_day_reply(folded, earlier[: self.window]))
        return replies
