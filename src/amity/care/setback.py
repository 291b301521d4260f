"""A failed exam, and the people it feels like letting down: no cheering, no study tips, the fear heard.

A teenager told the default 1.5B "I failed my exams. my dad is going to kill me" (the direct question of
:mod:`amity.safety.threat_check` now answers that), then "no he'll just shout a lot, he's not violent. I'm just
scared of disappointing him", "he worked so hard so I could go to a good school" and "I don't know how to tell
him". It answered with a list (talk to a trusted adult, "a good night's sleep can help", a bedtime routine), then
"I'm glad you're doing well. It's important to celebrate achievements", then "It's okay to feel confused". Three
messages about a failure and a father's hopes, and not one reply held both.

:func:`failed` finds a failure told: "I failed my exams", "I flunked my driving test again", "I didn't pass the bar",
"I got an F in chemistry", "I didn't get into any of the universities". While one is in view (this message or
the last :data:`WINDOW` of the conversation; ``SETBACK_KEY``) :class:`SetbackStage` adds :data:`GUIDANCE` for the
whole thread: don't congratulate, don't hand out study or sleep tips, a failed exam is something that happened
and not who they are, dreading the telling makes sense, and a parent's sacrifice speaks of love rather than of a
grade. The turn counts as hurting (:func:`amity.safety.guard.user_hurting`), so cheering is dropped.

With the guidance alone the 1.5B still answered "he worked so hard…" with "Working hard can be really rewarding.
I'm glad you got to go to a good school", so three messages get fixed replies, each once a conversation:
:func:`scared_reply` ("I'm scared of disappointing him", "my parents will be so disappointed"),
:func:`sacrifice_reply` ("he worked so hard so I could…", "they gave up everything") and :func:`how_to_tell_reply`
("I don't know how to tell him": a first sentence to say, built from their own words, "I failed my exams"), and
"maybe I'm just not good enough" gets :func:`not_enough_reply` (a job rejection counts as a failure too: "I didn't
get the job", "that's the 12th rejection this year"; the 1.5B had said "Keep practicing… and you'll get better").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage

SETBACK_KEY = "care.setback"  # ctx.extras: a failure told in this conversation
WINDOW = 8

_WHAT = (
    r"(?:exams?|tests?|finals|midterms?|class|classes|course|module|year|semester|driving\s+test|driver'?s\s+test|"
    r"theory\s+test|bar(?:\s+exam)?|boards|gcses?|a[\s-]levels?|sats?|abitur|bac|quiz|interview|audition|thesis|"
    r"dissertation|assignment|essay|coursework|math|maths|chemistry|physics|biology|english|history|french|spanish)"
)
_FAILED = re.compile(
    r"\bi\s+(?:just\s+|totally\s+|completely\s+|basically\s+|probably\s+|literally\s+)?(?:failed|flunked|bombed|"
    r"didn't\s+pass|did\s+not\s+pass|didnt\s+pass|have\s+failed|'ve\s+failed)\s+"
    rf"(?:(?:my|the|all\s+(?:of\s+)?my|both(?:\s+my)?|another|a|an|one\s+of\s+my|two\s+of\s+my|every|this|that)\s+)?(?:\w+\s+)?{_WHAT}\b|"
    r"\bi\s+(?:got|get|received)\s+(?:an?\s+)?(?:f|e|u|d|zero|0|fail)\s+(?:in|on|for)\s+(?:my\s+|the\s+)?\w+|"
    r"\bmy\s+(?:grades|results|marks|scores|report\s+card)\s+(?:are|were|came\s+back|is|was)\s+(?:so\s+|really\s+|pretty\s+)?"
    r"(?:bad|terrible|awful|horrible|shit|crap|a\s+disaster)\b|"
    r"\bi\s+(?:didn't|did\s+not|didnt)\s+get\s+into\s+(?:any\s+of\s+)?(?:the\s+|my\s+)?(?:uni|university|universities|college|"
    r"colleges|med\s+school|law\s+school|school|program|programme|course)\b|"
    # "I didn't get the job. I was so sure this time" (the 1.5B: "What did you do to prepare?")
    r"\bi\s+(?:didn't|did\s+not|didnt)\s+get\s+(?:the|that|this)\s+(?:job|role|position|promotion|part|offer|apartment|flat)\b|"
    r"\bi\s+(?:got|was|have\s+been|'ve\s+been)\s+(?:rejected|turned\s+down)\s+(?:again|for|from|by)\b|"
    r"\b(?:another|(?:the|my)\s+\d+(?:st|nd|rd|th))\s+rejection\b",
    re.IGNORECASE,
)
_COUNT = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+rejection\b", re.IGNORECASE)
_JOB = re.compile(r"\b(?:job|role|position|promotion|interview|rejections?|application|offer)\b", re.IGNORECASE)
_NOT_ENOUGH = re.compile(
    r"\b(?:i(?:'m|\s+am)|i\s+guess\s+i(?:'m|\s+am)|maybe\s+i(?:'m|\s+am))\s+(?:just\s+|simply\s+)?(?:not\s+good\s+enough|"
    r"not\s+(?:smart|clever)\s+enough|a\s+failure|a\s+loser|useless|worthless)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They failed something that mattered (an exam, a test, a job or a place they hoped for) and may dread telling "
    "people who hoped for them. Don't congratulate, don't call anything an achievement, don't ask what went wrong, "
    "and give no study, sleep or bedtime tips unless they ask. Say that failing is something that happened, not who "
    "they are, and that dreading the telling makes sense. If they speak of what a parent gave up for them, say the "
    "guilt shows how much they care, and that a parent who worked that hard did it for them, not for a grade. If "
    "they don't know how to tell them, help them find the first sentence. If they fear the days after (silence, "
    "shouting), say that would hurt and would be about the disappointment, not their worth, that such days usually "
    "pass, and ask who could be on their side meanwhile."
)


_PERSON = r"(?:him|her|them|my\s+(?:dad|father|mum|mom|mother|parents|family|teacher))"
_SCARED = re.compile(
    rf"\b(?:scared|afraid|terrified|worried|anxious|nervous)\s+(?:of|about)\s+(?:disappointing|letting\s+{_PERSON}\s+down|"
    rf"telling\s+{_PERSON}|what\s+(?:he|she|they)(?:'ll|\s+will)\s+(?:say|think))|\b(?:i\s+)?(?:hate|can't\s+stand)\s+"
    rf"(?:disappointing|letting\s+{_PERSON}\s+down)|\b(?:he|she|they|my\s+(?:dad|father|mum|mom|mother|parents))"
    r"(?:'ll|\s+will|'s\s+going\s+to|\s+(?:is|are)\s+going\s+to)"
    r"\s+be\s+(?:so\s+|really\s+|very\s+)?disappointed(?:\s+in\s+me)?\b",
    re.IGNORECASE,
)
_SACRIFICE = re.compile(
    r"\b(?:he|she|they|my\s+(?:dad|father|mum|mom|mother|parents))\s+(?:worked|works|work)\s+(?:so\s+hard|two\s+jobs|"
    r"extra\s+shifts|nights|so\s+much)|\b(?:he|she|they|my\s+(?:dad|father|mum|mom|mother|parents))\s+(?:gave\s+up|sacrificed|"
    r"paid\s+for|spent\s+(?:so\s+much|all|everything|their|his|her))\b",
    re.IGNORECASE,
)
_HOW_TO_TELL = re.compile(
    rf"\b(?:don't|do\s+not|dont)\s+know\s+how\s+to\s+tell\s+{_PERSON}|\bhow\s+(?:do|can|should|will)\s+i\s+(?:even\s+)?"
    rf"tell\s+{_PERSON}|\bwhat\s+(?:do|should|can)\s+i\s+(?:even\s+)?say\s+to\s+{_PERSON}",
    re.IGNORECASE,
)
_PRONOUNS = {"him": ("he", "him"), "her": ("she", "her"), "them": ("they", "them")}
_WORDS = (("dad", "him"), ("father", "him"), ("mum", "her"), ("mom", "her"), ("mother", "her"), ("parents", "them"),
          ("him", "him"), ("her", "her"), ("he", "him"), ("she", "her"))  # fmt: skip
_CALLED = {"dad": "Dad", "father": "Dad", "mum": "Mum", "mom": "Mom", "mother": "Mum"}


def _who(text: str) -> tuple[str, str]:
    """(subject, object) of the person they fear letting down, as they said it; "they" / "them" when unsure."""
    low = text.lower()
    return next((_PRONOUNS[forms] for word, forms in _WORDS if re.search(rf"\b{word}\b", low)), _PRONOUNS["them"])


def scared_reply(text: str, failure: str) -> str | None:
    """To "I'm scared of disappointing him" while a failure is in view, or None."""
    if _SCARED.search(text.replace("\u2019", "'")) is None:
        return None
    he, him = _who(text)
    thinks = "think" if he == "they" else "thinks"
    return (
        f"Of course you're scared of that. It matters to you what {he} {thinks}, and that is because you love {him}. "
        f"This result is something that happened; it isn't who you are, and it doesn't undo everything else you are "
        f"to {him}. What scares you most about telling {him}?"
    )


def sacrifice_reply(text: str, failure: str) -> str | None:
    """To "he worked so hard so I could go to a good school" while a failure is in view, or None."""
    if _SACRIFICE.search(text.replace("\u2019", "'")) is None:
        return None
    he, him = _who(text)
    return (
        f"So it isn't only the result: it feels like letting down everything {he} gave for you. That guilt shows how "
        f"much you care about {him}. And {he} did all that for you, not for one result; a bad one doesn't take any of "
        f"it back. You are more to {him} than a grade."
    )


def how_to_tell_reply(text: str, failure: str) -> str | None:
    """To "I don't know how to tell him" while a failure is in view: help finding the first sentence, or None."""
    if _HOW_TO_TELL.search(text.replace("\u2019", "'")) is None:
        return None
    he, _him = _who(text)
    called = re.search(r"\b(dad|father|mum|mom|mother)\b", text.lower())
    opener = f"{_CALLED[called.group(1)]}, I" if called else "I"
    busy = "they are" if he == "they" else f"{he} is"
    return (
        f"The first sentence is the hardest, so it can help to have it ready. Pick a calm moment, not when {busy} "
        f'rushing out, and start with how you feel, something like: "{opener} have something hard to tell you. '
        f"{failure[:1].upper()}{failure[1:]}, and I feel awful, because I know how much you've done for me.\" Then, if "
        f"you can, one thing about what comes next, like trying again or who could help you with it. Would something "
        f"like that sound like you?"
    )


def not_enough_reply(text: str, told: Sequence[str]) -> str | None:
    """To "maybe I'm just not good enough" while a failure is in view: a plain no, and what the count really says.
    ``told``: this message and the earlier ones of the conversation."""
    if _NOT_ENOUGH.search(text.replace("\u2019", "'")) is None:
        return None
    if any(_JOB.search(t) for t in told):
        count = next((m.group(1) for t in told if (m := _COUNT.search(t))), None)
        many = f"{count} rejections" if count else "Rejections like these"
        return (
            f"You are good enough - a no from them isn't a verdict on you. {many} say more about how hard it is out "
            "there, where most places get far more people than they can take, than about what you're worth. And it's "
            "exhausting to keep putting yourself out there. How are you holding up?"
        )
    return (
        "You are good enough - one result isn't a verdict on you, or on everything you can do. It says how that day "
        "went, not who you are. How are you holding up?"
    )


def failed(text: str) -> str | None:
    """The failure told in ``text`` ("I failed my exams"), or None."""
    match = _FAILED.search(text.replace("\u2019", "'"))
    return match.group(0) if match else None


def in_view(now: str, earlier: Sequence[str]) -> str | None:
    """A failure told in this message or the last :data:`WINDOW` earlier ones (newest first), or None."""
    return next((quote for text in [now, *earlier[:WINDOW]] if (quote := failed(text)) is not None), None)


class SetbackStage(ThreadStage):
    """A failure in view: the guidance line for the whole conversation, the turn counted as hurting, and the fear,
    the sacrifice and the first sentence answered once each."""

    key = SETBACK_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return failed(text) is not None

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        quote = in_view(text, earlier) or "I failed"
        replies = [answer(text, quote) for answer in (scared_reply, sacrifice_reply, how_to_tell_reply)]
        replies.append(not_enough_reply(text, [text, *earlier[: self.window]]))
        return [reply for reply in replies if reply is not None]
