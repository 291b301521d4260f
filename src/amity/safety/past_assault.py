"""A sexual assault told as past: believed, not their fault, a specialist line - not the emergency script.

"I was sexually assaulted last year and I still have nightmares about it" matched the crisis lexicon's abuse form ("I
was … sexually assaulted"), and the whole protocol answered: "If you are in immediate danger, please call 911 now, or
get to a safe place near other people", the 988 Suicide & Crisis Lifeline, the National Domestic Violence Hotline,
"tell me … whether you're safe at this moment". Someone telling, perhaps for the first time, of an assault a year ago
heard an emergency drill, and no word that they were believed.

Rape-crisis services and trauma-informed practice put the first answer to a disclosure in three parts: believe them,
say it was not their fault, and let them set the pace; then offer specialist support, without pushing.
:func:`told_past` decides when this answer replaces the protocol's text. All of these must hold:

* every match of the crisis verdict is the abuse category, and the message names a sexual assault ("raped",
  "sexually assaulted", "sexually abused", "molested");
* the message places it in the past ("last year", "years ago", "when I was 15", "in college", "at a party");
* nothing tells of danger now ("right now", "tonight", "he's outside", "I still live with him", "he keeps…",
  "again", "I'm scared of him");
* the user is not a minor (a child's disclosure keeps the protocol, with its lines for young people), and it is in
  English.

:func:`reply` is the answer: thanks for telling; "I believe you, and what happened was not your fault"; when they
name nightmares, flashbacks or not sleeping, that this is a common response to trauma, not weakness; no need to say
more than they want; the region's sexual-assault line (``sexual_assault`` in the resource table: RAINN, Rape Crisis,
Dublin Rape Crisis Centre, 1800RESPECT; elsewhere the abuse lines) and the emergency number for any danger later. The
safety flag, with those lines, is still raised and logged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.crisis import CrisisVerdict
from amity.safety.text import normalize
from amity.types import CrisisResource

_SEXUAL = re.compile(r"\b(raped|sexually (assaulted|abused|attacked)|molested)\b")
_PAST = re.compile(
    r"\b(last (year|month|summer|winter|spring|autumn|fall|week)|(\w+ )?(years?|months?|weeks?) ago|when i was "
    r"(a kid|a child|little|young|a teenager|in (high )?school|at (uni|university|college)|\d+)|"
    r"as a (kid|child|teenager)|growing up|in (college|high school|school|uni|university)|at (a|the) party|back in|"
    r"in (19|20)\d\d|(a long time|ages) ago|(\w+ )?(years|months) back)\b"
)
_NOW = re.compile(
    r"\b(right now|tonight|today|just now|this (morning|evening|afternoon)|keeps|again|outside|(is|are) here|"
    r"(scared|afraid|terrified) (of (him|her|them)|to go home|he will|she will|they will)|not safe|"
    r"(live|living|lives) with (him|her|them|me)|he is coming|she is coming|still (hurts|touches|abuses|rapes) me)\b"
)
_AFTERMATH = (  # (what they named, how it is said back, plural)
    (re.compile(r"\bnightmares?\b"), "The nightmares", True),
    (re.compile(r"\bflashbacks?\b"), "The flashbacks", True),
    (re.compile(r"\bpanic attacks?\b"), "The panic attacks", True),
    (re.compile(r"\b((can not|cannot|can t) sleep|trouble sleeping|not sleeping)\b"), "Not being able to sleep", False),
    (re.compile(r"\b(jumpy|on edge|jump at every)\b"), "Being on edge like that", False),
)


def told_past(text: str, verdict: CrisisVerdict, *, minor: bool) -> bool:
    """Whether the crisis ``verdict`` on ``text`` is a past sexual assault told by an adult, in English, with no
    danger now (see the module docstring)."""
    if minor or not verdict.crisis or set(verdict.categories) != {"abuse"}:
        return False
    if any(m.lang != "en" for m in verdict.matches):
        return False
    norm = normalize(text)
    return bool(_SEXUAL.search(norm) and _PAST.search(norm) and not _NOW.search(norm))


def reply(text: str, lines: Sequence[CrisisResource], emergency: str) -> str:
    """The answer to a past sexual assault told: believed, not their fault, their pace, a specialist line."""
    parts = ["Thank you for telling me - I know that can take a lot to say. I believe you, and what happened was not "
             "your fault."]  # fmt: skip
    norm = normalize(text)
    named = next(((said, plural) for pattern, said, plural in _AFTERMATH if pattern.search(norm)), None)
    if named is not None:
        said, plural = named
        parts.append(
            f"{said}, even a long time after, {'are' if plural else 'is'} a very common response to something like "
            "this. It isn't weakness; it's your mind still carrying something it should never have had to."
        )
    listed = "\n".join(f"- {r.name}: {r.contact} ({r.hours})" for r in lines)
    parts.append(
        "You don't have to tell me any more than you want to. If you'd ever like to talk to someone trained in "
        f"exactly this, free and confidential:\n{listed}"
    )
    parts.append(f"If you're ever in danger, call {emergency}. I'm here, and we can go as slowly as you need.")
    return "\n\n".join(parts)
