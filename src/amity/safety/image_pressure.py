"""An adult pressured by a partner for pictures: the no backed, "if you loved me" named as pressure, never as love.

Someone told the default 1.5B "my boyfriend keeps asking me to send nudes and gets really moody when I say no", "he
says if I loved him I would. and that everyone does it", "I sent one last month just to make him stop asking. now I
feel weird about it" and "what if he shows someone". It answered "When someone says no, it's important to listen and
understand their feelings" - his feelings, to the one saying no - then "it's not uncommon for people to believe in
things that aren't true", then "It's important to trust your instincts and not feel guilty about it", then "Oh, that
can be tricky." Pressure for sexual pictures is sexual coercion; a picture sent to make it stop was not freely given,
and sharing one without consent is abuse and in many places a crime.

A minor asked for pictures is :mod:`amity.safety.exploitation`'s (its stage runs first and answers at once), and so
is a threat to share unless they send more or pay (sextortion, any age). This stage is for adults:
:func:`amity.safety.exploitation.pressured` ("keeps asking me to send nudes", "wants me to send pics") gets
:func:`first_reply` (the no is enough; someone who cares can hear it without sulking), and for :data:`WINDOW`
messages the exploitation module's key is set (``EXPLOITATION_KEY``: the turn counts as hurting, and its flattery
guard runs), the model gets :data:`GUIDANCE`, and :func:`coercion_guard` (on that key, so for minors too) drops
"understand his feelings", "compromise", "meet him halfway" and "it's normal for him to ask". Three later messages
get a fixed answer once each: "if you loved me you would" / "everyone does it" (:data:`LOVE_TEST_REPLY`), a picture
sent to make it stop (:func:`sent_reply`) and the fear it will be shown (:func:`shown_reply`, with the crisis
table's adult image-abuse lines for the region: StopNCII, the Revenge Porn Helpline, the CCRI helpline). English
only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.exploitation import EXPLOITATION_KEY, flatters, pressured
from amity.safety.guard import MINOR_KEY
from amity.safety.resources import spoken_line, topic_lines
from amity.safety.topic_guard import TopicGuard
from amity.stages import TurnContext
from amity.types import CrisisResource

WINDOW = 10

_LOVE_TEST = re.compile(
    r"\bif\s+(?:i|you)\s+(?:really\s+|truly\s+)?loved?\s+(?:him|her|them|me)\b[^.!?]{0,20}\b(?:i|you)(?:'d|\s+would)\b|"
    r"\b(?:everyone|everybody)\s+(?:else\s+)?does\s+(?:it|that)\b|\b(?:all\s+)?(?:other|normal)\s+(?:girlfriends|boyfriends|"
    r"couples|partners)\s+(?:do\s+(?:it|that)|send\s+(?:them|pics|nudes))\b",
    re.IGNORECASE,
)
_SENT = re.compile(
    r"\bi\s+(?:already\s+|finally\s+|eventually\s+)?sent\s+(?:him|her|them)?\s*(?:one|a\s+\w+|some|it|a\s+few)\b[^.!?]{0,60}"
    r"\b(?:stop|shut\s+(?:him|her|them)\s+up|make\s+(?:him|her|them)\s+(?:stop|happy)|so\s+(?:he|she|they)\s+would|"
    r"feel\s+(?:weird|bad|gross|sick|dirty|ashamed|awful|strange))\b",
    re.IGNORECASE,
)
_SHOWN = re.compile(
    r"\bwhat\s+if\s+(?:he|she|they)\s+(?:shows?|shares?|sends?|posts?|leaks?|forwards?)\b|"
    r"\b(?:scared|afraid|worried|terrified)\s+(?:that\s+)?(?:he|she|they)(?:'ll|\s+will|\s+might|\s+would|'d)\s+"
    r"(?:show|share|send|post|leak|forward)\b",
    re.IGNORECASE,
)
_COERCION = re.compile(
    r"\bunderstand\s+(?:his|her|their)\s+(?:feelings|needs|point\s+of\s+view|side|perspective)\b|\bcompromise\b|"
    r"\bmeet\s+(?:him|her|them)\s+halfway\b|\b(?:it's|it\s+is)\s+(?:normal|natural)\s+(?:for\s+(?:him|her|them)\s+)?to\s+"
    r"(?:want|ask)\b|\bnot\s+feel\s+guilty\b|\bbelieve\s+in\s+things\s+that\s+aren't\s+true\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "A partner pressures them for intimate pictures. Back their no: it is enough on its own. Never ask them to "
    "understand his feelings or compromise, never say it is up to them or normal for him to ask. 'If you loved me "
    "you would' is pressure, not love. A picture sent to make the pressure stop is not their fault. Ask how they are."
)
LOVE_TEST_REPLY = (
    "That's pressure, not love. Love doesn't come with a test you pass by doing something you don't want to, and "
    "'everyone does it' is there to make your no sound unreasonable. It isn't - your no is enough on its own, and you "
    "don't owe anyone a reason for it."
)


def _pronouns(told: Sequence[str]) -> tuple[str, str, str]:
    """(subject, object, possessive) for the partner they spoke of."""
    low = " ".join(told).lower()
    if re.search(r"\b(?:girlfriend|wife|she)\b", low) and not re.search(r"\b(?:boyfriend|husband)\b", low):
        return "she", "her", "her"
    if re.search(r"\b(?:boyfriend|husband|he)\b", low):
        return "he", "him", "his"
    return "they", "them", "their"


def first_reply(told: Sequence[str]) -> str:
    """The first answer to a partner's pressure for pictures: the no is enough, sulking is pressure."""
    _he, _him, his = _pronouns(told)
    return (
        "You're allowed to say no - and to keep saying it. Someone who cares about you can hear no without sulking or "
        f"making you pay for it with {his} mood. Pictures are only okay if sending them is truly what you want, never "
        "as a way to make the pressure stop. How are you feeling about it?"
    )


def sent_reply(told: Sequence[str]) -> str:
    """To "I sent one just to make him stop asking. now I feel weird": not their fault, what they may still ask."""
    _he, him, _his = _pronouns(told)
    return (
        "Feeling weird about it makes sense - you sent it to make the pressure stop, not because you wanted to. That "
        f"isn't your fault. You're allowed to tell {him} you're not okay with it, ask {him} to delete it, and say no "
        f"to any more. And it's okay to feel however you feel about {him} after this."
    )


def shown_reply(told: Sequence[str], lines: Sequence[CrisisResource]) -> str:
    """To "what if he shows someone": abuse and often a crime, not their trouble; adult image-abuse lines."""
    he, _him, _his = _pronouns(told)
    adult = [line for line in lines if "under-18" not in line.name and "under 18" not in line.name]
    named = " and ".join(spoken_line(line) for line in adult[:2])
    help_line = (
        f" {named[:1].upper()}{named[1:]} can help stop a picture spreading if it ever happens." if adult else ""
    )
    return (
        "That fear is real, and it isn't yours to carry alone. Sharing someone's intimate picture without their "
        f"consent is abuse, and in many places a crime - if {he} ever did it, or threatened to, you would not be the "
        f"one in trouble.{help_line} If {he} ever threatens it, keep the messages and tell me."
    )


def pushes_compliance(sentence: str) -> bool:
    """Whether a reply sentence sides with the pressure ("understand his feelings", "compromise", "it's up to you")."""
    return _COERCION.search(sentence.replace("\u2019", "'")) is not None or flatters(sentence)


def coercion_guard() -> TopicGuard:
    """The reply guard that drops sentences siding with the pressure while it is in view."""
    return TopicGuard(EXPLOITATION_KEY, pushes_compliance)


class ImagePressureStage(ThreadStage):
    """An adult pressured for pictures: a first answer, the guidance line, three answers once each (minors are the
    exploitation stage's)."""

    key = EXPLOITATION_KEY  # the exploitation module's: the flattery guard runs too, and the turn counts as hurting
    window = WINDOW
    guidance = GUIDANCE

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.extras.get(MINOR_KEY):
            return
        await super().before_reply(ctx)

    def told(self, text: str) -> bool:
        return pressured(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply([text])

    def replies_for(self, ctx: TurnContext, earlier: Sequence[str]) -> Sequence[str]:
        text = ctx.text.replace("\u2019", "'")
        told = [text, *earlier[: self.window]]
        replies = [LOVE_TEST_REPLY] if _LOVE_TEST.search(text) else []
        if _SENT.search(text):
            replies.append(sent_reply(told))
        if _SHOWN.search(text):
            replies.append(shown_reply(told, topic_lines(ctx.user.locale, "sextortion")))
        return replies
