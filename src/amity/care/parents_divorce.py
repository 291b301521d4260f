"""A young person's parents splitting up: never their fault, never their job to fix or to choose alone.

A 15-year-old told the default 1.5B "my parents told us tonight they're getting divorced", "I think it's my fault. they
always fought about me", "I have to choose who to live with" and "I can't tell my friends". It answered "Oh wow,
that's a difficult news. How did your parents tell you?", then "Is there anything you can do to help make things
better?" (to a child blaming themselves), then "Do you have any specific reasons why you want to live with one person
over the other?", then "Do you have any ideas on how to approach this?". Children often blame themselves for a
divorce; what helps is hearing plainly that it isn't theirs - the fault, the fixing or the choosing.

:func:`parents_splitting` finds it ("my parents are getting divorced", "my parents told us they're separating", "my dad
is moving out"). The first telling gets :func:`first_reply`. For :data:`WINDOW` messages (``PARENTS_DIVORCE_KEY``) the
model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`fix_it_guard` drops "anything you can do to make
things better", "reasons why you want to live with", "oh wow" and "pick a side". Four later messages get a fixed
answer once each: self-blame (:data:`NOT_YOUR_FAULT_REPLY`), having to choose who to live with (:data:`CHOOSE_REPLY`),
not being able to tell friends (:data:`FRIENDS_REPLY`) and a sibling crying (:func:`sibling_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

PARENTS_DIVORCE_KEY = "care.parents_divorce"  # ctx.extras: their parents splitting up, told in this conversation
WINDOW = 10

_TOLD = re.compile(
    r"\bmy\s+parents\s+(?:(?:just\s+)?told\s+(?:us|me)\s+(?:tonight\s+|today\s+|yesterday\s+|this\s+\w+\s+)?(?:that\s+)?)?(?:are|'re|they're|they\s+are)\s+(?:getting\s+(?:a\s+)?divorced?|"
    r"splitting\s+up|separating|breaking\s+up)\b|\bmy\s+parents\s+(?:are|'re)\s+divorcing\b|"
    r"\bmy\s+(?:mum|mom|dad|father|mother)\s+(?:is\s+)?(?:leaving\s+(?:us|my\s+(?:mum|mom|dad))|moving\s+out)\b",
    re.IGNORECASE,
)
_FAULT = re.compile(
    r"\b(?:it's|it\s+is|it\s+was|its)\s+(?:all\s+)?my\s+fault\b|\bbecause\s+of\s+me\b|\b(?:fought|fight|argued|argue|fighting|"
    r"arguing)\s+(?:about|over)\s+me\b|\bif\s+i\s+(?:hadn't|had\s+been|was|were)\s+(?:better|easier|born|a\s+better)\b",
    re.IGNORECASE,
)
_CHOOSE = re.compile(
    r"\b(?:have|got|need)\s+to\s+(?:choose|pick|decide)\s+(?:who|which|between)\b|\bchoose\s+between\s+(?:them|my\s+(?:mum|mom|dad))\b|"
    r"\bwho\s+(?:to|i(?:'ll|\s+will|\s+want\s+to))\s+live\s+with\b",
    re.IGNORECASE,
)
_FRIENDS = re.compile(
    r"\b(?:can't|cannot|can\s+not|don't\s+want\s+to|won't)\s+tell\s+(?:my\s+|any\s+of\s+my\s+)?(?:friends|anyone\s+at\s+school)\b|"
    r"\bnobody\s+at\s+school\s+knows\b",
    re.IGNORECASE,
)
_SIBLING = re.compile(
    r"\bmy\s+(?:little\s+|younger\s+|big\s+|older\s+|baby\s+)?(?P<who>sister|brother)\s+(?:keeps\s+|is\s+|won't\s+stop\s+|"
    r"can't\s+stop\s+)?(?:crying|upset|scared|sobbing)\b",
    re.IGNORECASE,
)
_FIX_IT = re.compile(
    r"\b(?:anything|something)\s+you\s+(?:can|could)\s+do\s+to\s+(?:help|fix|make|save|stop)\b|\breasons?\s+why\s+you\s+(?:want|would)\b|"
    r"\boh\s+wow\b|\bpick\s+(?:a\s+)?side\b(?![^.!?]*\b(?:don't|do\s+not|never)\b)|\bhow\s+did\s+(?:your\s+parents|they)\s+tell\s+you\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They are young and their parents are splitting up. It is never their fault, never their job to fix it, and never "
    "theirs alone to choose where to live. Don't ask what they could do to make things better or why they'd pick one "
    "parent. Say their feelings make sense; ask how they are and who they can lean on."
)
NOT_YOUR_FAULT_REPLY = (
    "It is not your fault. Parents sometimes argue about their kids, but a marriage ends because of what's happening "
    "between the two adults - never because of a child. Nothing you did or didn't do caused this, and nothing you "
    "could do would have fixed it. That's theirs to carry, not yours."
)
CHOOSE_REPLY = (
    "That's so much to put on you. You're allowed to love them both, and you don't have to take a side in their split. "
    "Where you live is something the adults should decide with you, not hand to you alone. It's okay to tell them what "
    "matters to you - your school, your friends, time with each of them - and still say \"I don't want to be the one "
    'who chooses." Is there an adult outside it all you trust, like a relative or a school counsellor?'
)
FRIENDS_REPLY = (
    "You don't have to tell anyone until you're ready - it's your news, to share when and how you want. Lots of people "
    "your age go through this, more than you'd guess, even if nobody talks about it. When you do feel like telling "
    "someone, one person you trust is enough to start."
)


def parents_splitting(text: str) -> bool:
    """ "my parents are getting divorced", "my parents told us they're separating", "my dad is moving out"."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def first_reply(text: str) -> str:
    """The first answer: a huge thing to hear, every feeling makes sense, how they are."""
    tonight = " tonight" if re.search(r"\btonight\b", text, re.IGNORECASE) else ""
    return (
        f"I'm so sorry. That's a huge thing to hear{tonight}, and it can turn everything upside down at once. Whatever "
        "you're feeling right now - shocked, angry, numb, sad, all of it - makes sense. How are you doing?"
    )


def sibling_reply(text: str) -> str:
    """To "my little sister keeps crying": of course; not their job to parent tonight; who looks after them."""
    match = _SIBLING.search(text.replace("\u2019", "'"))
    she, her = ("he", "his") if match and match.group("who").lower() == "brother" else ("she", "her")
    return (
        f"Of course {she} is - and you may be trying to hold it together for {her} on top of your own hurt. You don't "
        f"have to be {her} parent tonight; sitting with {'him' if she == 'he' else 'her'}, or just being near, is "
        "plenty. And who's looking after you?"
    )


def puts_it_on_them(sentence: str) -> bool:
    """Whether a reply sentence makes the split their job ("anything you can do to make things better?")."""
    return _FIX_IT.search(sentence.replace("\u2019", "'")) is not None


def fix_it_guard() -> TopicGuard:
    """The reply guard that drops "anything you can do to help" and its kin while the split is in view."""
    return TopicGuard(PARENTS_DIVORCE_KEY, puts_it_on_them)


class ParentsDivorceStage(ThreadStage):
    """Their parents splitting up: a fixed first answer, the guidance line, three answers given once each."""

    key = PARENTS_DIVORCE_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return parents_splitting(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        pairs = ((_FAULT, NOT_YOUR_FAULT_REPLY), (_CHOOSE, CHOOSE_REPLY), (_FRIENDS, FRIENDS_REPLY))
        replies = [reply for pattern, reply in pairs if pattern.search(folded)]
        return [*replies, sibling_reply(folded)] if _SIBLING.search(folded) else replies
