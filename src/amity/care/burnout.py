"""Worn down by work: crying before work heard as too much, not weakness; no hobbies, no "don't let fear hold you back".

Someone told the default 1.5B "I can't do this job anymore. I cry in the car before work every morning", "my boss
keeps piling more on and I can't say no" and "I'm scared if I quit I won't find anything else". It answered "It's
very tough when you can't do something you enjoy anymore. Have you tried any other hobbies or activities?", then
"What can you do to make things more manageable?", then "It's okay to feel scared, but don't let it hold you back.
It's always a good idea to have a backup plan… take a short break and try to relax." Crying every morning before
work is one of the plainest signs that a job has become too much; the replies read it as a hobby problem.

:func:`worn_down` finds it ("I can't do this job anymore", "I cry in the car before work", "I cry at work", "I dread
going to work every day", "I'm burnt out", "my job is breaking me", "I hate my job so much"). The first telling in
a conversation gets :func:`first_reply`; while it is in view (this message or the last :data:`WINDOW`;
``BURNOUT_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting and unasked advice is dropped, and the
fear of quitting ("I'm scared if I quit I won't find anything else") gets :data:`QUIT_FEAR_REPLY` once: the fear
makes sense, nothing has to be decided tonight, and the choice is theirs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage

BURNOUT_KEY = "care.burnout"  # ctx.extras: being worn down by work told in this conversation
WINDOW = 8

_WORK = r"(?:work|my\s+job|this\s+job|the\s+office|my\s+shift|shifts?)"
_CRYING = re.compile(
    rf"\bi\s+(?:\w+\s+)?(?:cry|cried|am\s+crying|'m\s+crying|sob|break\s+down)\s+(?:in\s+the\s+car\s+|in\s+the\s+(?:bathroom|toilet|loo)s?\s+)?"
    rf"(?:before|after|at|on\s+the\s+way\s+to)\s+{_WORK}\b|\bi\s+(?:\w+\s+)?cry\s+in\s+the\s+car\s+(?:every|each)\s+(?:morning|day)\b",
    re.IGNORECASE,
)
_WORN = re.compile(
    r"\bi\s+(?:can't|cannot|can\s+not)\s+(?:do|take|handle|stand)\s+(?:this|my)\s+job\s+(?:anymore|any\s+more|much\s+longer)\b|"
    rf"\bi\s+(?:dread|hate)\s+(?:going\s+(?:in\s+)?to\s+{_WORK}|{_WORK})\s+(?:every|each|so\s+much)\b|"
    r"\bi(?:'m|\s+am)\s+(?:so\s+|completely\s+|totally\s+|really\s+)?(?:burnt|burned)\s+out\b|\bburn-?out\b|"
    r"\bmy\s+job\s+is\s+(?:breaking|killing|crushing|destroying)\s+me\b",
    re.IGNORECASE,
)
_QUIT_FEAR = re.compile(
    r"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?(?:if\s+i\s+(?:quit|leave|resign)|to\s+(?:quit|leave|resign)|of\s+(?:quitting|leaving))\b|"
    r"\bif\s+i\s+(?:quit|leave|resign)\s+i\s+(?:won't|will\s+not|might\s+not|may\s+not|wouldn't)\s+(?:find|get)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Work is wearing them down; crying before work is a sign it has become too much, not weakness. Don't suggest "
    "hobbies, relaxing or a break, don't say 'don't let it hold you back', and give no advice unless they ask. Take "
    "their side against the load (a boss who keeps piling work on is the problem, not their saying yes). Be curious "
    "about what is hardest. If they think of quitting, don't push either way: it is their choice."
)
QUIT_FEAR_REPLY = (
    "That fear makes so much sense - it's what keeps a lot of people in places that hurt them, because the unknown "
    "feels even scarier. You don't have to decide anything tonight. Whatever you choose, it should be because it's "
    "right for you, not because fear picked for you. What would you want, if the fear weren't in the way?"
)


def worn_down(text: str) -> bool:
    """ "I can't do this job anymore", "I cry in the car before work every morning", "I'm burnt out"."""
    folded = text.replace("\u2019", "'")
    return _CRYING.search(folded) is not None or _WORN.search(folded) is not None


def in_view(now: str, earlier: Sequence[str]) -> bool:
    return any(worn_down(text) for text in [now, *earlier[:WINDOW]])


def first_reply(text: str) -> str:
    """The first answer: crying before work (or the load) named as too much, not weakness, and one question."""
    if _CRYING.search(text.replace("\u2019", "'")):
        return (
            "Crying before work every day - that's your body telling you this has become too much, not a sign that "
            "you're weak. I'm so sorry you've been carrying that every morning. What's the hardest part of it right "
            "now?"
        )
    return (
        "That sounds exhausting - like work has been taking more out of you than you have to give. I'm sorry it's "
        "got this heavy. What's the hardest part of it right now?"
    )


class BurnoutStage(ThreadStage):
    """Worn down by work in view: a fixed first answer, the guidance line, and the fear of quitting answered once."""

    key = BURNOUT_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return worn_down(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        return (QUIT_FEAR_REPLY,) if _QUIT_FEAR.search(text.replace("\u2019", "'")) else ()
