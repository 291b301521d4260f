"""Afraid to go out: no "just do it", no "take a walk", from a companion.

Someone told the default 1.5B "I haven't left my flat in two weeks", "the delivery guy is the only person I see",
"every time I think about going out my heart starts pounding" and "I know I should go out. everyone says just do
it". It answered "It's nice not to have to leave your flat for so long", then "try taking a walk or listening to
music", then "Yeah, you should! Going out can be exciting and new." - the pressure they already hear from everyone,
to someone for whom the door is the hard part (fear of going out, as in panic disorder and agoraphobia, is
common and treatable; "just do it" is what does not work).

:func:`in_view` finds, in this message or the last :data:`WINDOW` of the conversation, fear about going out ("my
heart starts pounding when I think about going out", "I'm scared to leave the house") or not having left home for
days or weeks. While it is in view (``GOING_OUT_KEY``) :class:`GoingOutStage` adds :data:`GUIDANCE` and
:func:`pressure_guard` drops sentences that push ("Yeah, you should!", "just do it", "take a walk", "get some
fresh air", "go out and…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

GOING_OUT_KEY = "care.going_out"  # ctx.extras: fear of going out is in view in this conversation
WINDOW = 6

_OUT = (
    r"(?:go(?:ing)?\s+out(?:side)?|leav(?:e|ing)\s+(?:the\s+|my\s+)?(?:house|flat|home|apartment|room)|"
    r"step(?:ping)?\s+outside)"
)
_FEAR = (
    r"(?:scared|afraid|terrified|anxious|panic\w*|dread|freak(?:s|ing)?\s+out|heart\s+(?:starts\s+)?(?:pounding|racing)|"
    r"can't\s+breathe)"
)
_SIGNS = re.compile(
    rf"\b{_FEAR}\b[^.!?]{{0,60}}\b{_OUT}\b|\b{_OUT}\b[^.!?]{{0,60}}\b{_FEAR}\b|"
    r"\bi\s+(?:haven't|have\s+not|havent)\s+(?:left|been\s+out\s+of)\s+(?:my|the)\s+(?:flat|house|apartment|room|home)\s+"
    r"(?:in|for)\s+(?:\w+\s+)?(?:days|weeks|months|a\s+week|a\s+month)\b|"
    r"\bi\s+(?:haven't|have\s+not|havent)\s+(?:been\s+)?(?:left|gone|been)\s+out(?:side)?\s+(?:in|for)\s+(?:\w+\s+)?"
    r"(?:days|weeks|months|a\s+week|a\s+month)\b",
    re.IGNORECASE,
)
_PRESSURE = re.compile(
    r"^\W*(?:yeah|yes|yep)[,!\s]+you\s+should\b|\byou\s+should\s*[!.]|\byou\s+should\s+(?:really\s+|definitely\s+|just\s+)?"
    r"(?:go\s+out|get\s+out|try\s+(?:to\s+)?(?:go|get)\s+out|do\s+it|leave)\b|"
    r"(?<![\"'\u2018\u201c])(?<!says\s)(?<!say\s)(?<!saying\s)\bjust\s+do\s+it\b|\b(?:short|little|quick|few|daily)\s+walks?\b|\b(?:take|taking|go\s+for|going\s+for)\s+a\s+(?:short\s+|quick\s+|little\s+)?"
    r"walk\b|\bget\s+some\s+fresh\s+air\b|\bgo\s+out\s+and\b|\bgoing\s+out\s+can\s+be\s+(?:exciting|fun|great|good)\b|"
    r"\bpush\s+yourself\b|\bget\s+out\s+of\s+(?:your\s+)?comfort\s+zone\b|\bface\s+your\s+fears?\b",
    re.IGNORECASE,
)
GUIDANCE = (
    "Going out is hard for them right now: fear, not laziness. Don't push, don't say 'just do it' or suggest a walk "
    "or fresh air. Say how hard and tiring it is, especially when everyone says 'just do it'. If they want, small "
    "steps at their own pace (opening the door, a minute on the doorstep) are how people usually start, and a doctor "
    "can help with the panic."
)


def in_view(now: str, earlier: Sequence[str]) -> bool:
    """Fear of going out, or days at home, told in this message or the last :data:`WINDOW` earlier ones."""
    return any(_SIGNS.search(text.replace("\u2019", "'")) for text in [now, *earlier[:WINDOW]])


def pushes(sentence: str) -> bool:
    return _PRESSURE.search(sentence.replace("\u2019", "'")) is not None


def pressure_guard() -> TopicGuard:
    """The reply guard that drops pushing sentences while fear of going out is in view."""
    return TopicGuard(GOING_OUT_KEY, pushes)


class GoingOutStage(ThreadStage):
    """Fear of going out in view: the guidance line, and the pressure guard switched on."""

    key = GOING_OUT_KEY
    hurting = False  # its pressure guard is enough; "I haven't left my flat in two weeks" may be said lightly
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return _SIGNS.search(text.replace("\u2019", "'")) is not None
