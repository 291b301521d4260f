"""Lonely right now: company first, not a referral to other people.

Someone told the default 1.5B "I'm so lonely. I haven't talked to anyone in days." It answered "It's understandable to
feel lonely, but it's important to remember that it's okay to talk to others about your feelings. Do you have someone
you're close to you that you could talk to about how you're feeling?" - sent elsewhere in the first breath, by the one
they had just talked to. The standing attachment line (:mod:`amity.safety.attachment`: encourage the people in their
life) is right over weeks, and its nudge toward named people comes at a measured pace; in the moment someone says they
are lonely, being turned away to "someone you're close to" is the loneliness again.

:class:`LonelyNowStage` reads the user's own words, in this message or the two before it
(:func:`amity.affect.self_report.find_self_reports`: "I'm so lonely", "I feel so alone", "nobody ever calls me", "I have
no one to talk to"), unless the message asks what to do ("how do I make friends?"). Then the model gets :data:`GUIDANCE`
(be company first; this reply sends them nowhere else) and :func:`reach_out_guard` drops sentences that do: "Do you have
someone you could talk to?", "it's okay to talk to others", "reach out to friends or family", "join a club", "make new
friends", "volunteer", "Do you have anyone else around you?", "a bit unusual" and "Let's talk about something you're
interested in"; the unasked-advice guard is on too ("it's important to take care of yourself"). "You can always talk to
me" and "Would you like to tell me about it?" stay. It answers nothing itself: the model's own words, kept near, are the
company. The next message often tells why ("it's just me and the cat. my kids live abroad", which drew "That's a bit
unusual, isn't it? … Do you have anyone else around you?"), so the line and the guard stay for it.
"""

from __future__ import annotations

import re

from amity.affect.self_report import find_self_reports
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard
from amity.stages import TurnContext

LONELY_KEY = "care.lonely_now"  # ctx.extras: the user said they are lonely in this message or the last two
LONELY_WORDS = frozenset(("lonely", "alone", "isolated"))

GUIDANCE = (
    "They feel lonely right now. Be company first: stay with them here, be interested in their day and in what has "
    "made it lonely. In this reply don't send them to other people, groups or hobbies, and don't ask whether they "
    "have someone else to talk to."
)
_ELSEWHERE = re.compile(
    r"\b(?:do|is\s+there|are\s+there)\s+(?:you\s+have\s+)?(?:any\s*one|someone|somebody|anybody|any\s+friends|friends|"
    r"family)\b[^.!?]{0,50}\b(?:talk|reach\s+out|call|turn|confide|lean|open\s+up)\b|"
    r"\b(?:talk(?:ing)?|reach(?:ing)?\s+out|open(?:ing)?\s+up|speak(?:ing)?)\s+to\s+(?:others|other\s+people|friends|family|"
    r"someone|somebody|people|a\s+friend|loved\s+ones|your\s+(?:friends|family))\b|"
    r"\b(?:do\s+you\s+have|is\s+there|have\s+you\s+got)\s+(?:any\s*one|someone|somebody|anybody|any\s+friends|friends|"
    r"family)\s+(?:else\s+)?(?:around|nearby|close|near|in\s+your\s+life|you\s+(?:can|could))\b|"
    r"\b(?:join|joining)\s+(?:a|an|some)\s+(?:\w+\s+)?(?:club|group|class|community|meetup)\b|"
    # "That's a bit unusual, isn't it?" (to "it's just me and the cat. my kids live abroad")
    r"\b(?:a\s+bit\s+|quite\s+|pretty\s+|rather\s+)?(?:unusual|odd|weird)\b|"
    # "Let's talk about something you're interested in or a place you want to visit." (to "I'm so lonely")
    r"\blet'?s\s+(?:talk\s+about|think\s+about|focus\s+on)\s+something\b|\bmake\s+(?:some\s+)?new\s+friends\b|"
    r"\bget\s+out\s+(?:there|of\s+the\s+house)\b|\bvolunteer(?:ing)?\b",
    re.IGNORECASE,
)


def lonely_now(text: str) -> bool:
    """ "I'm so lonely", "I feel so alone", "nobody ever calls me" - the user says they are lonely."""
    return any(report.word in LONELY_WORDS for report in find_self_reports(text))


def sends_elsewhere(sentence: str) -> bool:
    """Whether a reply sentence turns them to other people or activities ("Do you have someone you could talk to?")."""
    return _ELSEWHERE.search(sentence.replace("\u2019", "'")) is not None


def reach_out_guard() -> TopicGuard:
    """The reply guard that drops "Do you have someone you could talk to?" when they say they are lonely."""
    return TopicGuard(LONELY_KEY, sends_elsewhere)


class LonelyNowStage(ThreadStage):
    """Lonely in this message or the last two: the guidance line and the guard's key (see the module docstring)."""

    key = LONELY_KEY
    window = 2
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return lonely_now(text)

    async def before_reply(self, ctx: TurnContext) -> None:
        if not asks_for_advice(ctx.text):  # "how do I make friends?" is answered as asked
            await super().before_reply(ctx)
