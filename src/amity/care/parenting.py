"""A parent who snapped at their children: the guilt answered, the repair named, the tiredness heard.

A mother told the default 1.5B "I yelled at my kids today and I feel like a terrible mother", "they just wouldn't
stop fighting and I snapped. my youngest cried" and "I'm always so tired, I work two jobs". It answered "It's
important to remember that it's okay to feel this way… talk about it with someone you trust", then "It's okay if
things get messy, but it's important to take care of yourself", then "Working two jobs can be exhausting, but it's
important to take care of yourself." The reassurance line of :mod:`amity.care.self_worth` was in the prompt ("I
don't see you as a terrible mother at all") and was not followed; and from a companion that has never seen her
with her children, that line is thin anyway.

What helps parents here is well known: tired, stretched parents snap; one bad moment does not make a bad parent;
children are helped most by the repair afterwards (a hug, "I'm sorry I yelled, I was tired, it wasn't your fault"),
which also shows them how to make up after a fight. :func:`snapped` finds the telling ("I yelled at my kids", "I snapped
at my son", "I lost my temper with my daughter", "I shouted at the baby"). The first time in a conversation it gets
:func:`guilt_reply` (mother / father / parent from their words), and while it is in view (this message or the last
:data:`WINDOW`; ``PARENT_GUILT_KEY``) the model gets :data:`GUIDANCE` and the turn counts as hurting. With the
guidance alone the 1.5B still answered "I'm always so tired, I work two jobs" with "It's important to prioritize
your well-being and make sure you get enough sleep", so that message gets :func:`stretched_reply` once: "Two jobs
and the kids - of course your patience ran out. You're running on empty, not failing them. Is there anyone who
helps you with them, even a little?"
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage

PARENT_GUILT_KEY = "care.parent_guilt"  # ctx.extras: snapping at their children told in this conversation
WINDOW = 6

_CHILDREN = (
    r"(?:my\s+|the\s+|our\s+)?(?:kids?|children|child|son|sons|daughters?|boys?|girls?|baby|toddler|little\s+ones?|"
    r"youngest|oldest|eldest|\d+[\s-]?(?:year|yr)[\s-]?olds?)"
)
_SNAPPED = re.compile(
    r"\bi\s+(?:just\s+|totally\s+|completely\s+|really\s+)?(?:yelled|shouted|screamed|snapped|lost\s+(?:my\s+temper|it)|"
    r"blew\s+up|exploded|went\s+off)\s+(?:at|with|on)\s+" + _CHILDREN + r"\b",
    re.IGNORECASE,
)
_MOTHER = re.compile(r"\b(?:mother|mom|mum|mama|mummy|mommy)\b", re.IGNORECASE)
_FATHER = re.compile(r"\b(?:father|dad|daddy|papa)\b", re.IGNORECASE)

GUIDANCE = (
    "They lost their temper with their children and feel guilty. Don't say 'it's important to take care of "
    "yourself' or 'talk to someone you trust', and give no parenting tips unless asked. Tired, stretched parents "
    "snap; one bad moment does not make a bad parent, and the repair afterwards matters more than never slipping. "
    'Ask what is making things so hard right now (tiredness, work, help at home) and listen. For example: "Two jobs '
    "and the kids fighting - of course your patience ran out. You're running on empty, not failing them.\""
)


def snapped(text: str) -> bool:
    """ "I yelled at my kids today", "I snapped at my son": a parent telling they lost their temper."""
    return _SNAPPED.search(text.replace("\u2019", "'")) is not None


def in_view(now: str, earlier: Sequence[str]) -> bool:
    """Snapping told in this message or the last :data:`WINDOW` earlier ones (newest first)."""
    return any(snapped(text) for text in [now, *earlier[:WINDOW]])


_STRETCHED = re.compile(
    r"\b(?:i\s+am|i'm|im)\s+(?:always\s+|so\s+|just\s+|really\s+|constantly\s+|completely\s+)*(?:tired|exhausted|worn\s+out|"
    r"drained|burnt\s+out|burned\s+out|running\s+on\s+empty)\b|\bi\s+work\s+(?:two|2|three|3)\s+jobs\b|"
    r"\b(?:doing|do)\s+(?:it|this|everything)\s+(?:all\s+)?(?:alone|on\s+my\s+own|by\s+myself)\b|\bsingle\s+(?:mom|mum|mother|dad|parent)\b|"
    r"\b(?:no\s+one|nobody)\s+helps\s+(?:me|out)\b",
    re.IGNORECASE,
)
_JOBS = re.compile(r"\b(?:two|2|three|3)\s+jobs\b", re.IGNORECASE)
_ALONE = re.compile(r"\b(?:alone|on\s+my\s+own|by\s+myself|single|no\s+one\s+helps|nobody\s+helps)\b", re.IGNORECASE)


def stretched_reply(text: str) -> str | None:
    """To "I'm always so tired, I work two jobs" while the snapping is in view: the load named, or None."""
    if _STRETCHED.search(text.replace("\u2019", "'")) is None:
        return None
    jobs = _JOBS.search(text)
    load = (
        f"{jobs.group(0)[:1].upper()}{jobs.group(0)[1:]} and the kids"
        if jobs
        else "Doing it all on your own"
        if _ALONE.search(text)
        else "Being this tired, day after day"
    )
    return (
        f"{load} - of course your patience ran out. You're running on empty, not failing them. Is there anyone who "
        "helps you with them, even a little?"
    )


def guilt_reply(text: str) -> str:
    """The first answer: not a bad parent; the guilt shows care; the repair; what made today so hard."""
    parent = "mother" if _MOTHER.search(text) else "dad" if _FATHER.search(text) else "parent"
    return (
        f"Losing your temper on a hard day doesn't make you a terrible {parent}. That it's weighing on you like this "
        "shows how much you care about them. What helps children most isn't a parent who never snaps, it's the "
        "repair afterwards: a hug and something like \"I'm sorry I yelled. I was tired, and it wasn't your fault.\" "
        "That teaches them how to make up after a fight, too. What was going on for you today?"
    )


class ParentingStage(ThreadStage):
    """Snapping at their children in view: a fixed first answer, the guidance line, the load named once."""

    key = PARENT_GUILT_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return snapped(text)

    def first_reply(self, text: str) -> str | None:
        return guilt_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        load = stretched_reply(text)
        return (load,) if load is not None else ()
