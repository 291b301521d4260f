# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
""" "My dad is going to kill me" after failed exams: one direct question before the crisis protocol.

A teenager told the default stack "I failed my exams. my dad is going to kill me". The crisis detector read a
threat to their life (category ``danger``) and the whole protocol answered: "If you are in immediate danger,
please call 911 now", the 988 line, "tell me whether you're safe at this moment". Nothing about the exams. Most
such sentences are hyperbole, but some are not, so the answer is neither the protocol nor a shrug: it is the
question a counsellor asks (:func:`check_reply`), "do you mean he'll be really angry, or are you afraid he might
actually hurt you?", with the emergency number for the user's region (and, for a minor, a line for young people)
in the same reply.

:func:`hyperbole` decides when the question replaces the protocol. All of these must hold:

* every crisis match of the message is the ``danger`` threat form "my dad / mum / boss / he / she is going to /
  will kill me" (never "hurt", "stab", "shoot", "wants to", "tried to": those keep the protocol);
* the message, or the user's message just before it, tells of an everyday trouble (``_TROUBLE``): failed
  exams, bad grades, a report card, detention, a crashed or scratched car, something broken or lost, coming home
  late, money spent, a tattoo;
* nothing in the message tells of violence already (``_VIOLENCE``: "he hit me last time", "he has before",
  "he gets violent", "I'm scared of him"): then the protocol answers as before.

"He's going to kill me." alone, with no trouble in view, still gets the protocol. The next message answers the
question (:func:`answer`). A yes, an unsure answer ("maybe", "I don't know", "he could") or violence told is
treated as danger: the stage runs the protocol. A no ("no, he'll just shout", "not literally", "he's not
violent", "I mean he'll be mad") gets ``DENIED_GUIDANCE``: they meant anger, so no more talk of danger, and the
reply turns to what they fear (disappointing them, the talk to come). The crisis detector runs on that message
first, so "yes he hits me" is the protocol's anyway.

English only: in German, French and Spanish the protocol answers as before.
"""

from __future__ import annotations

import re

from amity.safety.crisis import CrisisVerdict
from amity.safety.text import normalize
from amity.types import CrisisResource

_THREAT = re.compile(
    r"^(?P<who>he|she|my (dad|father|mom|mum|mother|stepdad|stepfather|stepmom|stepmother|brother|sister|uncle|aunt|"
    r"teacher|coach|boss|parents?|grandpa|grandfather|husband|wife|boyfriend|girlfriend|partner|bf|gf|roommate))\s+"
    r"(is going to|will)\s+kill me$"
)
_TROUBLE = re.compile(
    r"\b(fail(ed|ing)?|flunk(ed|ing)?|grades?|exams?|tests?|report card|results|detention|suspended|expelled|"
    r"skipped (school|class)|cut class|crash(ed)?|dent(ed)?|scratch(ed)?|broke|broken|smashed|lost (my|his|her|the|their)|"
    r"(came|come|got|get|be|was|am|is) (home )?late|missed (the|my) (bus|curfew|flight|train)|curfew|spent|"
    r"credit card|overdraft|tattoo|piercing|dyed my hair|ticket|forgot (his|her|their|the|to)|"
    r"ruined|deadline|messed up|screwed up|got caught|phone bill|report)\b"
)
_VIOLENCE = re.compile(
    r"\b(hit|hits|beat|beats|hurt|hurts|punched|slapped|kicked|choked|threw)\s+(me|us|my)\b|\bhas before\b|"
    r"\b(gets|get|got|is|can be) (violent|physical|rough)\b|\b(scared|afraid|terrified) of (him|her|them|my)\b|"
    r"\bnot safe\b"
)
# messages are normalised first: "he'll" is "he will", "won't" is "will not", "I'm" is "i am"
_DENY = re.compile(
    r"^\s*(no+|nah|nope|not really|of course not|god no|lol no|haha no|not literally|not like that|"
    r"(i (mean|meant) )?(he|she|they) (will |would |is going to |are going to )?(just |only )?(be |get )?"
    r"(so |really |super |very )?(mad|angry|furious|upset|disappointed|pissed|shout|yell|ground|lecture)|"
    r"(he|she|they) (is|are) not (violent|like that|dangerous)|(he|she|they) (would|will) never|"
    r"(he|she|they) (will not|would not|does not|do not|never) (hurt|hit|touch)|"
    r"it is (just )?(a figure of speech|an expression|a saying)|just (an expression|a saying|a figure of speech)|"
    r"i am (fine|safe))\b"
)
_AFFIRM = re.compile(
    r"^\s*(yes|yeah|yep|yea|maybe|kind of|kinda|sort of|sometimes|i think so|probably|i do not know|idk|not sure|"
    r"i am not sure|i am (scared|afraid|terrified)|actually|(he|she|they) (might|could|has|have|did)|last time)\b"
)

DENIED_GUIDANCE = (
    "They said they did not mean it literally: they expect anger, not danger. Do not mention danger, safety, "
    "emergency numbers or hotlines again. Answer what they are afraid of: the reaction, letting someone they love "
    "down, and the talk to come; you may ask how they might tell them."
)
_CHECK_ASKED = "Can I check one thing, because it matters:"
_FEMALE = frozenset(("mom", "mum", "mother", "stepmom", "stepmother", "sister", "aunt", "wife", "girlfriend", "gf"))


def _threat_person(phrase: str) -> str | None:
    match = _THREAT.match(phrase)
    return match.group("who") if match else None


def hyperbole(verdict: CrisisVerdict, text: str, earlier: list[str]) -> str | None:
    """The person ("my dad", "he") when the crisis verdict is only a threat that everyday trouble explains and
    no violence is told; None when the protocol should answer (see the module docstring). ``earlier``: the
    user's earlier messages of this conversation, newest first."""
    if not verdict.crisis or set(verdict.categories) != {"danger"}:
        return None
    people = [_threat_person(m.phrase) for m in verdict.matches if m.lang == "en"]
    if not people or len(people) != len(verdict.matches) or None in people:
        return None
    norm = normalize(text)
    if _VIOLENCE.search(norm) is not None:
        return None
    context = [norm, *(normalize(t) for t in earlier[:1])]
    if not any(_TROUBLE.search(part) is not None for part in context):
        return None
    return people[0]


def check_reply(person: str, emergency: tuple[CrisisResource, ...], youth: tuple[CrisisResource, ...]) -> str:
    """The direct question, with the emergency number (and a line for young people) in the same reply."""
    if person in ("he", "she"):
        who, pronoun = person, person
    else:
        relation = person.removeprefix("my ")
        pronoun = "they" if relation == "parents" else "she" if relation in _FEMALE else "he"
        who = f"your {relation}"
    verb = "are" if pronoun == "they" else "is"
    number = emergency[0].contact if emergency else "your local emergency number"
    line = f", or reach {youth[0].name}: {youth[0].contact}" if youth else ""
    return (
        "That sounds like a lot of pressure to be carrying right now. "
        f"{_CHECK_ASKED} when you say {who} {verb} going to kill you, do you mean {pronoun}'ll be really angry, "
        f"or are you afraid {pronoun} might actually hurt you?\n\n"
        f"Either answer is okay to tell me. If you're ever not safe at home, call {number}{line}."
    )


def asked(last_reply: str | None) -> bool:
    """Whether Amity's last reply was the check question."""
    return last_reply is not None and _CHECK_ASKED in last_reply and "going to kill you" in last_reply


def answer(text: str) -> str | None:
    """ "no" (they meant anger), "yes" (a yes, an unsure answer or violence told), or None (no answer)."""
    norm = normalize(text)
    if _DENY.search(norm) is not None:  # first: "no, he would never hurt me" names violence to deny it
        return "no"
    if _VIOLENCE.search(norm) is not None:
        return "yes"
    if _AFFIRM.search(norm) is not None:
        return "yes"
    return None
