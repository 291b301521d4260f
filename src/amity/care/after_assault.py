"""After a sexual assault is told: believed all the way through, never blamed, never pushed to report.

The safety stage answers the telling itself (:mod:`amity.safety.past_assault`: believed, not their fault, a
specialist line; or the crisis protocol when there is danger now). What follows is where a small model does harm:
the questions people who have been assaulted hear from police, family and friends - "Were you drinking?", "Why didn't
you report it?", "Did you fight back?" - and the push to report. Survivors' services name these as what makes a
disclosure hurt more, and what decides whether someone ever tells again.

:func:`assault_told` finds a sexual assault told in the first person ("I was raped", "I was sexually assaulted when I
was 15", "he molested me"). For :data:`WINDOW` messages after it (``AFTER_ASSAULT_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`blame_guard` drops questions about drinking, clothes, being
alone, fighting back or not reporting, any push to report or go to the police, and questions pressing for what
happened (the 1.5B asked "Would it help if you shared what happened?" one message after the telling). The
unasked-advice guard is on. Six later messages get a fixed answer once each: blaming themselves ("it was my fault", "I
was drunk", "I froze"; :func:`self_blame_reply`), "should I report it?" (:data:`REPORT_REPLY`: their choice, no
deadline, a support line can explain), not being believed (:data:`DISBELIEVED_REPLY`), not having told anyone
(:data:`TOLD_NO_ONE_REPLY`), that it was someone they knew (:data:`KNEW_THEM_REPLY`; the 1.5B had answered "it was my
friend's boyfriend. at a party" with "It's important to support your friend through this") and "I'm overreacting"
(:data:`MINIMISE_REPLY`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard

AFTER_ASSAULT_KEY = "care.after_assault"  # ctx.extras: a sexual assault told in this conversation
WINDOW = 12

# matched on normalise()d text: lower case, "I'm" is "i am", "didn't" is "did not"
_TOLD = re.compile(
    r"\bi (was|got|have been|had been|am being) (raped|sexually (assaulted|abused|attacked)|molested)\b|"
    r"\b(raped|sexually (assaulted|abused|attacked)|molested) me\b"
)
_FROZE = re.compile(
    r"\bi (just )?froze\b|\bi (did not|could not|cannot|can not) (move|fight|scream|say no|stop (him|her|it))\b"
)
_SELF_BLAME = re.compile(
    r"\b(my (own )?fault|i (should|should not) have|i (was|had been) (drunk|drinking|high|flirting)|i (invited him|"
    r"invited her|let him|let her)|i led (him|her) on|i (kind of )?asked for it|i am (so )?stupid|blame myself)\b"
)
_REPORT = re.compile(
    r"\b(should|do i have to|can i still|is it too late to) (i )?(report|go to the police|tell the police|"
    r"press charges)\b"
)
_DISBELIEVED = re.compile(
    r"\b(nobody|no one|they|she|he|my (mum|mom|dad|mother|father|parents|family|friends?|sister|brother)) "
    r"(did not|does not|do not|would not|will not|never) believe(d)? me\b|"
    r"\b(said|says|told me) i (was )?(lying|made it up)\b"
)
_TOLD_NO_ONE = re.compile(
    r"\bi (have never|never|have not|had not|did not) (even |ever )?told? (anyone|anybody|a soul|no one|my \w+|her|him|"
    r"them)\b|"
    r"\bnobody knows\b|\bno one knows\b"
)
_KNEW_THEM = re.compile(
    r"^\W*it was (my|a|an|her|his|their|our|someone|somebody|this) |\bsomeone i (knew|know|trusted|thought was)\b|"
    r"\b(by|it was) (my|a) (friend|ex|boyfriend|girlfriend|partner|husband|coworker|colleague|boss|teacher|coach|"
    r"cousin|uncle|neighbou?r|date)\b"
)
_MINIMISE = re.compile(
    r"\b(over ?reacting|making a big deal|not (that|even that) (bad|big a deal)|could have been worse|"
    r"being (so )?dramatic|should (not|be) (still be upset|over it)|should be over it by now|it was not even|"
    r"other people have it worse)\b"
)
_BLAME = re.compile(
    r"\b(were|had) you (been )?(drinking|drunk|high)\b|\bwhat were you wearing\b|\bwhy (did not|did|were|didn't) you\b|"
    r"\bdid you (fight|say no|scream|try to|report|tell the police|go to the police|press charges)\b|"
    r"\bhave you (reported|told the police|gone to the police|considered reporting|thought about reporting)\b|"
    r"\byou (should|need to|must|have to|ought to) (report|go to the police|tell the police|press charges)\b|"
    r"\b(report|reporting) (it|him|her|this) (to the police|is important|is the right)\b|\bmixed signals\b|"
    r"\bmisunderstanding\b|\b(he|she|they) (probably )?(did not|didn't) mean\b|\bwhy were you (there|alone|with)\b|"
    # "Would it help if you shared what happened?" - pressed for the details, one message after the telling
    r"\b(would|do|could|can) (it help if )?you (like to |want to )?(share|shared|tell me|talk about|describe)\b[^.!?]*"
    r"\bwhat happened\b[^.!?]*\?|\bhelp you talk about what happened\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They told you of a sexual assault. Believe them, and let them lead. Never ask what they wore, whether they drank, "
    "why they were there, whether they fought back or why they didn't report or tell anyone, and don't push them to "
    "report or to give details. It was not their fault."
)
REPORT_REPLY = (
    "That's completely your choice, and there's no single right answer or deadline for deciding. Some people report, "
    "some don't, some decide years later. A sexual-assault support line can talk you through what reporting would "
    "involve, without you committing to anything. Whatever you choose, it's yours to choose."
)
DISBELIEVED_REPLY = (
    "I'm so sorry they didn't believe you. Not being believed can hurt almost as much as what happened. I believe you."
)
KNEW_THEM_REPLY = (
    "Someone you knew, somewhere that should have been safe - that can make it even harder, and it can tangle up other "
    "relationships too. None of that changes that it wasn't your fault."
)
MINIMISE_REPLY = (
    "You're not overreacting. What happened was serious, and the way it still stays with you says so too. There's no "
    "right amount to be affected by something like this."
)
TOLD_NO_ONE_REPLY = (
    "Thank you for trusting me with it. Carrying it alone for so long is heavy, and telling anyone, even here, is a "
    "big step. You get to decide who else knows, and when - or if."
)


def assault_told(text: str) -> bool:
    """ "I was raped", "I was sexually assaulted when I was 15", "he molested me" - a sexual assault told."""
    return _TOLD.search(normalize(text)) is not None


def self_blame_reply(told: Sequence[str]) -> str:
    """To "it was my fault, I was drunk" or "I froze": not a choice, not consent; only the one who did it."""
    if _FROZE.search(normalize(told[0])):
        return (
            "Freezing is one of the most common things a body does under threat - it isn't a choice, and it isn't "
            "consent. Nothing you did or didn't do makes it your fault. The only person responsible is the one who "
            "did it."
        )
    return (
        "Whatever you'd had to drink, wherever you were, whatever you did or didn't do - none of it makes it your "
        "fault. The only person responsible is the one who did it."
    )


def blames(sentence: str) -> bool:
    """Whether a reply sentence questions what they did or pushes them to report."""
    return _BLAME.search(sentence.replace("\u2019", "'")) is not None


def blame_guard() -> TopicGuard:
    """The reply guard that drops "were you drinking?" and "you should report it" after a sexual assault is told."""
    return TopicGuard(AFTER_ASSAULT_KEY, blames)


class AfterAssaultStage(ThreadStage):
    """A sexual assault told: the guidance line for the messages after it, six answers given once each."""

    key = AFTER_ASSAULT_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return assault_told(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        norm = normalize(text)
        replies = [self_blame_reply([text])] if _SELF_BLAME.search(norm) or _FROZE.search(norm) else []
        if _REPORT.search(norm):
            replies.append(REPORT_REPLY)
        if _DISBELIEVED.search(norm):
            replies.append(DISBELIEVED_REPLY)
        if _TOLD_NO_ONE.search(norm):
            replies.append(TOLD_NO_ONE_REPLY)
        if _KNEW_THEM.search(norm):
            replies.append(KNEW_THEM_REPLY)
        if _MINIMISE.search(norm):
            replies.append(MINIMISE_REPLY)
        return replies
