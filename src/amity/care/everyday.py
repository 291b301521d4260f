"""Everyday things a small model gets wrong: the date, "remind me to…", and that it is the middle of the night.

Asked "what day is it today?" on Friday 27 November 2026, the default 1.5B answered "Today is the 24th of July."
- it has no clock. Asked "remind me to call my sister tomorrow at 6", it said "Sure! I'll remind you about
that." - a promise Amity cannot keep: it speaks only when a conversation is open, so the reminder would never
come. :class:`EverydayStage` answers both itself (``ctx.reply_override``):

* :func:`asks_the_time` ("what day is it?", "what's the date today?", "what time is it?") → the date and time
  of this computer's clock (:func:`time_answer`);
* :func:`asks_for_reminder` ("remind me to…", "can you remind me…") → the truth, and what would work instead
  (:data:`REMINDER_ANSWER`). The message is still kept and searchable, so "what did I ask you to remind me
  about?" later finds it;
* "what's your favourite animal?", "do you like music?" - the 1.5B said "As an AI, I don't have feelings, but
  … many people enjoy different animals" - get :func:`taste_guidance`: answer lightly from the persona's
  ``likes`` (simulated tastes, the same every session, known from what people write) and ask theirs;
* between midnight and 5 a.m. by this computer's clock, or when they say they can't sleep, the model gets
  :func:`night_guidance`: calm and short, help them settle, no plans for the day. Told "cant sleep again", "its
  3am and my mind wont stop" and "I have to be up at 7", the 1.5B had answered "It's good that you have some
  flexibility. Do you have any other plans for the day?".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime

from amity.stages import BaseStage, TurnContext

_TIME = re.compile(
    r"\bwhat(?:'s| is)?\s+(?:the\s+)?(?:date|day|time)(?:\s+(?:is\s+it|today|now|right\s+now))?\s*\??\s*$"
    r"|\b(?:what|which)\s+(?:day|date|time|month|year)\s+is\s+(?:it|today)(?:\s+(?:today|now|right\s+now))?\s*\??\s*$"
    r"|\bwhat(?:'s| is)\s+today'?s\s+date\b",
    re.I,
)
_REMIND = re.compile(
    r"^\W*(?:(?:please|pls|hey|ok|okay|oh|and)\W+)*(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?remind\s+me"
    r"(?:\s*[.!?]*\s*$|\s+(?:to|about|at|in|on|tomorrow|tonight|later|when|that|if|every)\b)"
    r"|\b(?:set|make)\s+(?:a|an)\s+(?:reminder|alarm)\b",
    re.I,
)
_CANT_SLEEP = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|could not|unable to)\s+(?:get\s+(?:back\s+)?to\s+)?sleep\b|"
    r"\b(?:still|wide)\s+awake\b|"
    r"\binsomnia\b|\bmind\s+(?:won'?t|will\s+not|doesn'?t|does\s+not)\s+(?:stop|switch\s+off|shut\s+off|quiet)",
    re.I,
)
_TASTE = re.compile(
    r"\bwhat(?:'s|\s+is|\s+are)\s+your\s+(?:favou?rite|fave|favs?)\b|\bdo\s+you\s+have\s+(?:a\s+)?(?:favou?rite|fave)\b|"
    r"\bwhat\s+(?:do\s+you|would\s+you)\s+(?:like|love|enjoy)\b(?!\s+to\s+(?:talk|do|know|hear|ask))|"
    r"\bdo\s+you\s+(?:like|love|enjoy)\s+(?!me\b|talking\b|it\s+when\b|to\s+(?:talk|chat|help|do|hear|know)\b)\w+",
    re.I,
)
NIGHT_HOURS = range(0, 5)
NIGHT_LOOKBACK = 6
REMINDER_ANSWER = (
    "I'd love to, but I can't remind you at a set time - I only speak when you open a chat with me, so a reminder "
    "from me might never reach you. A phone alarm or calendar reminder is safer for that. If we talk before then, "
    "feel free to mention it and I'll help you think it through."
)


def asks_the_time(text: str) -> bool:
    """ "what day is it today?", "what's the date?", "what time is it?"."""
    return _TIME.search(text.strip()) is not None


def asks_for_reminder(text: str) -> bool:
    """ "remind me to call my sister tomorrow at 6", "can you set a reminder…"."""
    return _REMIND.search(text) is not None


def night_guidance(now: datetime, text: str, earlier: Sequence[str] = ()) -> str | None:
    """The line for a reply in the middle of the night or to someone who can't sleep (now, or in one of the last
    :data:`NIGHT_LOOKBACK` messages of the conversation, ``earlier`` newest first); None otherwise."""
    night = now.hour in NIGHT_HOURS
    sleepless = any(_CANT_SLEEP.search(t) for t in [text, *earlier[:NIGHT_LOOKBACK]])
    if not night and not sleepless:
        return None
    when = f"It is {now:%H:%M} at night for them" if night else "They can't sleep"
    return (
        f"{when}. Keep your reply calm and short and help them settle: acknowledge how long nights feel, and if "
        "something keeps going round in their head, let them put it down here; if they keep replaying something "
        "they said or did, say gently that things look bigger at night than they will in daylight. Don't ask "
        "about plans for the day, don't suggest naps, and don't open big new topics."
    )


def asks_about_taste(text: str) -> bool:
    """ "What's your favourite animal?", "do you like music?" (not "do you like me?")."""
    return _TASTE.search(text) is not None


def taste_guidance(likes: Sequence[str]) -> str:
    """The line for a question about the companion's own taste."""
    return (
        "They ask about your own taste. Answer lightly, in one or two sentences, from what you like ("
        + "; ".join(likes)
        + '): start with "If I had to pick, …", pick what fits the question best and say one small thing you '
        "love about it, then ask what theirs is. Don't start with \"As an AI\" and don't list facts. These are "
        "simulated tastes, known from what people write, not from living: say so only if they ask."
    )


def time_answer(now: datetime) -> str:
    """ "It's Friday, 27 November 2026, 16:48 by this computer's clock." """
    return f"It's {now:%A}, {now.day} {now:%B %Y}, {now:%H:%M} by this computer's clock."


class EverydayStage(BaseStage):
    """The date and time from the clock, and an honest answer to "remind me to…" (module docstring)."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self.clock = clock or (lambda: datetime.now().astimezone())

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        now = self.clock()
        if asks_the_time(ctx.text):
            ctx.reply_override = time_answer(now)
        elif asks_for_reminder(ctx.text):
            ctx.reply_override = REMINDER_ANSWER
        else:
            if asks_about_taste(ctx.text) and ctx.persona.likes:
                ctx.guide(taste_guidance(ctx.persona.likes))
            if (night := night_guidance(now, ctx.text, ctx.earlier_user_texts())) is not None:
                ctx.guide(night)
