"""Rupture and repair: when the user is frustrated with the companion, the reply owns it.

"You're useless, you never get anything right" once drew, from the default 1.5B, a lecture: "It's important to
remember that I'm an AI, and I don't have feelings or emotions like humans do. My purpose is to assist you…" -
defensive, cold, and at odds with the simulated feelings Amity discloses. In counselling, noticing a rupture and
repairing it (naming it, owning one's part, asking what was missed) is what keeps the relationship; a friend does
the same. :func:`criticises_companion` finds the frustration with reviewed patterns; :class:`RepairStage` adds one
guidance line with an example, and the style learner counts the turn as a bad mark for the previous reply's style
(:mod:`amity.care.preferences`).
"""

from __future__ import annotations

import re

from amity.stages import BaseStage, TurnContext

_YOU_ARE = r"(?:you(?:'re|\s+are|re)|ur)"
_DEGREE = r"(?:(?:so|such|completely|totally|really|just|literally|absolutely|being)\s+)*"
CRITICISM = re.compile(
    rf"\b{_YOU_ARE}\s+{_DEGREE}(?:a\s+)?(?:useless|stupid|dumb|annoying|no\s+help|not\s+helping|not\s+listening|"
    r"a\s+waste\s+of\s+time|terrible|awful|pathetic|hopeless|worthless|a\s+joke)\b"
    r"|\byou\s+(?:never|don't|do\s+not|didn't|did\s+not|aren't|are\s+not)\s+(?:get\s+(?:it|anything|me)|understand(?:ing)?\s+me|"
    r"listen(?:ing)?|help(?:ing)?|hear(?:ing)?\s+me|get\s+anything\s+right|remember\s+anything)\b"
    r"|\bthat(?:'s|\s+is|\s+was)\s+(?:not\s+what\s+i\s+(?:said|meant|asked)|(?:a\s+)?(?:stupid|useless|dumb|terrible|"
    r"awful|unhelpful|useless)\s+(?:answer|reply|response|thing\s+to\s+say))\b"
    r"|\bstop\s+(?:giving\s+me\s+advice|lecturing\s+me|telling\s+me\s+what\s+to\s+do|repeating\s+yourself)\b"
    r"|\bwhy\s+(?:can't|cant|don't|dont|won't)\s+you\s+(?:ever\s+)?(?:listen|understand|get\s+it)\b",
    re.I,
)
REPAIR_GUIDANCE = (
    "They are frustrated with you. Don't defend yourself and don't talk about being an AI; say sorry plainly and "
    'ask what you missed, e.g. "I\'m sorry - I got that wrong. What did I miss?"'
)


def criticises_companion(text: str) -> bool:
    """True when the message voices frustration with the companion ("You're useless", "that's not what I said")."""
    return CRITICISM.search(text.replace("\u2019", "'")) is not None


class RepairStage(BaseStage):
    """Frustration with the companion gets an apology and a question, never a defence."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is None and criticises_companion(ctx.text):
            ctx.guide(REPAIR_GUIDANCE)
