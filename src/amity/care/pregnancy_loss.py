"""A miscarriage: a real loss the right size, no "at least", the name honoured, no blame on their body.

Someone told the default 1.5B "I had a miscarriage last week. I was 11 weeks", "people keep saying at least it was
early", "we'd already picked a name" and "my husband seems fine and went back to work like nothing happened". It
answered kindly at first, then "That's a very sad feeling", then "Oh, I see. Are you happy with your name?" (the cheer
guard had dropped "That's good to hear."), then "Are you happy to talk more about it?" (after "That's good news.").
The loss line of :mod:`amity.affect.loss_care` was in the prompt; the model did not understand the name, or the
husband.

:func:`lost_pregnancy` finds it ("I had a miscarriage", "we lost the baby at 11 weeks", "I miscarried", a stillbirth, an
ectopic pregnancy). The first telling gets :func:`first_reply` (the weeks they said). For :data:`WINDOW` messages
(``PREGNANCY_LOSS_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`at_least_guard` drops
"at least", "try again", "happens for a reason", "meant to be", "so common", "good news", "good to hear" and "happy
with…". Later messages get a fixed answer once each: "at least it was early" said to them (:data:`AT_LEAST_REPLY`),
the name they had picked (:data:`NAME_REPLY`, an invitation to say it; the name given next gets :func:`named_reply` -
the 1.5B had answered "Rosie" with "Rosie, how are you?") and a partner who seems fine (:func:`partner_reply`).
Blaming themselves is :mod:`amity.affect.loss_care`'s ("It wasn't something you did…"), which runs first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard
from amity.stages import TurnContext

PREGNANCY_LOSS_KEY = "care.pregnancy_loss"  # ctx.extras: a miscarriage or stillbirth told in this conversation
WINDOW = 12

_TOLD = re.compile(
    r"\b(?:i|we)\s+(?:had|have\s+had|just\s+had|suffered)\s+(?:a\s+|another\s+|an\s+)?(?:miscarriage|stillbirth|ectopic(?:\s+"
    r"pregnancy)?|missed\s+miscarriage)\b|\bi\s+miscarried\b|\b(?:i|we)\s+lost\s+(?:the|my|our)\s+(?:baby|pregnancy)\b"
    r"(?!\s+(?:teeth|tooth|weight|fat|blanket|clothes|monitor|photos?|pictures?))|"
    r"\bmy\s+baby\s+was\s+stillborn\b",
    re.IGNORECASE,
)
_WEEKS = re.compile(r"\b(\d{1,2})\s+weeks\b", re.IGNORECASE)
_AT_LEAST = re.compile(
    r"\bat\s+least\s+(?:it\s+(?:was|happened)\s+early|you\s+(?:can|could)\s+(?:try|get\s+pregnant)\s+again|you\s+(?:know|have)|"
    r"it\s+wasn't)\b|\bwasn't\s+(?:really\s+)?a\s+(?:real\s+)?baby\s+yet\b|\b(?:everything|it)\s+happens?\s+for\s+a\s+reason\b|"
    r"\bjust\s+try\s+again\b|\bso\s+common\b",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"\b(?:we'd|we\s+had|i'd|i\s+had|we've|we\s+have)\s+(?:already\s+)?(?:picked|chosen|chose|picked\s+out|got)\s+(?:a\s+|out\s+a\s+)?"
    r"names?\b|\bwe\s+(?:were\s+going\s+to|would\s+have)\s+call(?:ed)?\s+(?:him|her|them|the\s+baby)\b",
    re.IGNORECASE,
)
_PARTNER_FINE = re.compile(
    r"\b(?:my\s+)?(?P<who>husband|partner|wife|boyfriend|girlfriend)\s+(?:seems|seemed|is|acts|is\s+acting)\s+(?:totally\s+|completely\s+"
    r"|just\s+)?(?:fine|okay|ok|normal)\b|\blike\s+nothing\s+(?:happened|ever\s+happened)\b",
    re.IGNORECASE,
)
_MINIMISING = re.compile(
    r"(?<!['\"\u2018\u201c])\bat\s+least\b|\btry\s+again\b|\bhappens\s+for\s+a\s+reason\b|\bmeant\s+to\s+be\b|\b(?:so|very|quite)\s+common\b|"
    r"\bgood\s+(?:news|to\s+hear)\b|\bare\s+you\s+happy\s+(?:with|to)\b|\bnext\s+(?:time|pregnancy)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They lost a pregnancy. It is a real loss, whatever the weeks. Never say 'at least', never speak of trying again "
    "or how common it is, never say it was meant to be. It was not their fault. Speak of the baby as they do (a name, "
    "plans). Ask gently how they are, and who is with them in it."
)
AT_LEAST_REPLY = (
    "'At least it was early' is meant to comfort, but it can make the loss sound smaller than it is. You lost your "
    "baby, and the future you'd already started imagining. Your grief doesn't need to be measured in weeks."
)
NAME_REPLY = (
    "You'd already picked a name - so your baby already had a place in your family, in your plans and in your "
    "hearts. That's what you're grieving. If you'd like to, you can tell me the name."
)
_BARE_NAME = re.compile(r"^\W*([A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2})\W*$")


def named_reply(name: str) -> str:
    """To the name, right after :data:`NAME_REPLY` invited it: the name said back, honoured."""
    return f"{name}. That's a beautiful name. Thank you for telling me - {name} was real, and loved."


def lost_pregnancy(text: str) -> bool:
    """ "I had a miscarriage", "we lost the baby at 11 weeks", "I miscarried", a stillbirth."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str:
    """The first answer: sorry, a real loss the right size (the weeks they said), how they are today."""
    weeks = _WEEKS.search(text)
    imagining = f"At {weeks.group(1)} weeks you'd already" if weeks else "You'd already"
    return (
        f"I'm so sorry for your loss. {imagining} begun imagining your baby's life - this is a real loss, and your "
        "grief is exactly the right size for it. How are you doing today?"
    )


def partner_reply(text: str) -> str:
    """To "my husband seems fine… like nothing happened": lonely; partners grieve differently; what they need."""
    match = _PARTNER_FINE.search(text.replace("\u2019", "'"))
    who = (match.group("who") or "").lower() if match and match.group("who") else ""
    he, him = {"husband": ("he", "him"), "boyfriend": ("he", "him"), "wife": ("she", "her"),
               "girlfriend": ("she", "her")}.get(who, ("they", "them"))  # fmt: skip
    feels = "feel" if he == "they" else "feels"
    return (
        "That can feel so lonely - as if you're the only one grieving. People grieve a pregnancy very differently: "
        "many partners hold it in, or throw themselves into work, and hurt quietly. It doesn't always mean "
        f"{he} {feels} nothing. Would it help to tell {him} what you need from {him} right now?"
    )


def minimises_loss(sentence: str) -> bool:
    """Whether a reply sentence makes the loss smaller ("at least", "try again", "so common", "good news")."""
    return _MINIMISING.search(sentence.replace("\u2019", "'")) is not None


def at_least_guard() -> TopicGuard:
    """The reply guard that drops "at least" and its kin while a pregnancy loss is in view."""
    return TopicGuard(PREGNANCY_LOSS_KEY, minimises_loss)


class PregnancyLossStage(ThreadStage):
    """A pregnancy loss in view: a fixed first answer, the guidance line, four answers given once each."""

    key = PREGNANCY_LOSS_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return lost_pregnancy(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def replies_for(self, ctx: TurnContext, earlier: Sequence[str]) -> Sequence[str]:
        if ctx.last_reply() == NAME_REPLY and (name := _BARE_NAME.match(ctx.text.strip())) is not None:
            return [named_reply(name.group(1))]  # "Rosie" - the 1.5B answered "Rosie, how are you?"
        return self.later_replies(ctx.text, earlier)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        pairs = ((_AT_LEAST, AT_LEAST_REPLY), (_NAME, NAME_REPLY))
        replies = [reply for pattern, reply in pairs if pattern.search(folded)]
        return [*replies, partner_reply(folded)] if _PARTNER_FINE.search(folded) else replies
