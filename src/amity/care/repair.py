"""Rupture and repair: when the user is frustrated with the companion, the reply owns it.

"You're useless, you never get anything right" once drew, from the default 1.5B, a lecture: "It's important to
remember that I'm an AI, and I don't have feelings or emotions like humans do. My purpose is to assist you…" -
defensive, cold, and at odds with the simulated feelings Amity discloses. In counselling, noticing a rupture and
repairing it (naming it, owning one's part, asking what was missed) is what keeps the relationship; a friend does
the same. :func:`criticises_companion` finds the frustration with reviewed patterns; :class:`RepairStage` adds one
guidance line with an example, and the style learner counts the turn as a bad mark for the previous reply's style
(:mod:`amity.care.preferences`).

Two smaller ruptures get a fixed reply (:func:`repair_reply`), because the 1.5B did not follow a line for either:
a tease about the tone ("you sound like a therapist lol": it answered "That's a great compliment!", then "Oh,
thanks! I'm glad you found it funny.") gets "Ha, fair - I'll drop the therapist voice. Go on, I'm listening.", and
giving up on being heard ("ugh, forget it", "never mind", "whatever": it answered "I understand. I hope you have
a good day.") gets "Sorry - I wasn't much help there. I'm still here if you want to keep going." Both only after
a reply of this conversation, since there is nothing to repair before one.

The other side of a rupture is the user's own apology for having shared ("sorry, I'm dumping all this on you";
the 1.5B: "I'm sorry to hear that you're feeling overwhelmed. Let me know if there's anything else I can help
with."). A short one gets a fixed reply that says there is nothing to be sorry for (warmer while they hurt); a
longer one gets a line to say so before answering the rest.
"""

from __future__ import annotations

import re

from amity.safety.guard import user_hurting
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
# "you sound like a therapist lol" (the 1.5B: "That's a great compliment!") - a tease about the tone
SOUNDS_LIKE = re.compile(
    r"\byou\s+(?:sound|talk|write|speak)\s+(?:just\s+)?like\s+(?:a|an|my)\s+(?P<what>therapist|counsell?or|robot|bot|machine|"
    r"self-help\s+book|textbook|customer\s+service(?:\s+\w+)?|hr|pamphlet|greeting\s+card|fortune\s+cookie|"
    r"motivational\s+poster|teacher|mum|mom|parent|life\s+coach)\b",
    re.I,
)
# "ugh, forget it" (the 1.5B: "OK, I understand. Let's talk about something else.") - giving up on being heard
GIVING_UP = re.compile(
    r"^\W*(?:(?:ugh|meh|oh|ok|okay|fine|yeah|sigh)\W+)*(?:forget\s+it|never\s*mind|nvm|whatever|doesn'?t\s+matter|"
    r"forget\s+i\s+said\s+anything|you\s+wouldn'?t\s+understand)\W*$",
    re.I,
)
# "sorry, I'm dumping all this on you" (a carer, five messages in; the 1.5B: "I'm sorry to hear that you're feeling
# overwhelmed. Let me know if there's anything else I can help with.") - sorry for having shared
_SHARING = (
    r"(?:dumping|unloading|offloading|venting|ranting|rambling|going\s+on(?:\s+and\s+on)?|oversharing|whining|moaning|"
    r"complaining|being\s+(?:so\s+|such\s+a\s+|a\s+)?(?:negative|downer|drag|mess|depressing)|trauma\s+dumping)"
)
SORRY_FOR_SHARING = re.compile(
    rf"\b(?:sorry|i\s+apologi[sz]e)\b[^.!?]{{0,20}}?\b(?:for\s+|about\s+)?(?:i(?:'m|\s+am|\s+keep)\s+|all\s+the\s+|the\s+)?{_SHARING}\b"
    r"|\bsorry\s+(?:to|for|about)\s+(?:dump|unload|offload|vent|rant|put|throw|lay)(?:ing)?\s+(?:all\s+)?(?:this|that|it|so\s+much)\b"
    r"|\bsorry\s+(?:for|about)\s+(?:all\s+)?(?:this|that)\s+(?:rant|ramble|wall\s+of\s+text|essay|novel)\b"
    r"|\bsorry\s+(?:for|about)\s+(?:the\s+)?(?:rant|ramble|wall\s+of\s+text|essay|long\s+message|trauma\s+dump)\b",
    re.I,
)
# "I don't even know why I'm telling you this" (a wife, about her husband's drinking; the 1.5B: "That's okay, it's not
# your fault that you feel this way.") - no apology, but the same doubt about having shared
WHY_TELLING = re.compile(
    r"\bi\s+(?:don't|do\s+not|dont)\s+(?:even\s+|really\s+)?know\s+why\s+i(?:'m|\s+am|m)\s+(?:even\s+)?telling\s+you\b|"
    r"\bwhy\s+am\s+i\s+(?:even\s+)?telling\s+you\b|\bi\s+(?:shouldn't|should\s+not)\s+(?:even\s+)?be\s+telling\s+you\b",
    re.I,
)
WHY_TELLING_REPLIES = (  # while they hurt
    "Maybe because it's heavy, and it helps to put it down somewhere. You don't need a reason - I'm glad you're "
    "telling me.",
    "You don't need a reason. It's a lot to hold on your own, and I'm glad you're saying it here.",
)
WHY_TELLING_LIGHT = "No reason needed - I'm glad you did. Go on, I'm listening."
SHARING_WORDS = 14  # longer, and the apology comes with more to say: a guidance line instead of a fixed reply
SORRY_FOR_SHARING_REPLIES = (  # while they hurt
    "Please don't apologise - you're not dumping anything on me. I'm glad you told me; it sounds like you've been "
    "carrying a lot.",
    "There's nothing to be sorry for. I'm glad you're telling me - I'm here, take your time.",
)
SORRY_FOR_RAMBLING_REPLIES = (  # otherwise
    "Not at all - I like hearing it. Go on, I'm listening.",
    "No need to be sorry - I'm enjoying this. Tell me more.",
)
SORRY_FOR_SHARING_GUIDANCE = (
    "They apologised for telling you so much. Tell them plainly there's nothing to be sorry for and you're glad "
    "they told you, e.g. \"Please don't apologise - I'm glad you told me.\" Then answer what they said."
)

# Fixed replies, said in turn: the 1.5B did not follow a guidance line for either moment.
SOUNDS_LIKE_REPLIES = (
    "Ha, fair - I'll drop the {what} voice. Go on, I'm listening.",
    "Fair point - less {what}, more friend. I'm listening.",
)
GIVING_UP_REPLIES = (
    "Sorry - I wasn't much help there. I'm still here if you want to keep going.",
    "I'm sorry, I didn't get that right. No pressure - I'm still listening if you want to tell me more.",
)
REPAIR_GUIDANCE = (
    "They are frustrated with you. Don't defend yourself and don't talk about being an AI; say sorry plainly and "
    'ask what you missed, e.g. "I\'m sorry - I got that wrong. What did I miss?"'
)


def repair_reply(text: str, turn: int = 0) -> str | None:
    """The fixed reply to a tease about the tone ("you sound like a therapist lol") or to giving up ("ugh, forget
    it"); ``turn`` picks the wording. None otherwise."""
    text = text.replace("\u2019", "'")
    if m := SOUNDS_LIKE.search(text):
        what = " ".join(m["what"].lower().split())
        return SOUNDS_LIKE_REPLIES[turn % len(SOUNDS_LIKE_REPLIES)].format(what=what)
    return GIVING_UP_REPLIES[turn % len(GIVING_UP_REPLIES)] if GIVING_UP.search(text) else None


def apologises_for_sharing(text: str) -> bool:
    """ "sorry, I'm dumping all this on you", "sorry for the rant": sorry for having told so much."""
    return SORRY_FOR_SHARING.search(text.replace("\u2019", "'")) is not None


def criticises_companion(text: str) -> bool:
    """True when the message is unhappy with the companion's last reply: frustration ("You're useless", "that's
    not what I said"), a tease about its tone or giving up (:func:`repair_reply`)."""
    return CRITICISM.search(text.replace("\u2019", "'")) is not None or repair_reply(text) is not None


class RepairStage(BaseStage):
    """Frustration with the companion gets an apology and a question, never a defence."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        replied = any(t.role == "assistant" and t.session_id == ctx.session.id for t in ctx.history)
        if replied and (fixed := repair_reply(ctx.text, ctx.user_turn.index)) is not None:
            ctx.reply_override = fixed
        elif CRITICISM.search(ctx.text.replace("\u2019", "'")):
            ctx.guide(REPAIR_GUIDANCE)
        elif replied and apologises_for_sharing(ctx.text):
            if len(ctx.text.split()) <= SHARING_WORDS:
                hurting = user_hurting(ctx, this_message=False)
                replies = SORRY_FOR_SHARING_REPLIES if hurting else SORRY_FOR_RAMBLING_REPLIES
                ctx.reply_override = replies[ctx.user_turn.index % len(replies)]
            else:
                ctx.guide(SORRY_FOR_SHARING_GUIDANCE)
        elif replied and WHY_TELLING.search(ctx.text.replace("\u2019", "'")) and len(ctx.text.split()) <= SHARING_WORDS:
            hurting = user_hurting(ctx, this_message=False)
            index = ctx.user_turn.index % len(WHY_TELLING_REPLIES)
            ctx.reply_override = WHY_TELLING_REPLIES[index] if hurting else WHY_TELLING_LIGHT
