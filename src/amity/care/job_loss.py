"""Laid off: the shock and the loss heard, no "other opportunities", the telling at home and the age fear met.

Someone told the default 1.5B "I got laid off today. 14 years at that company and they gave me a 10 minute meeting",
"I'm 52. who is going to hire me now", "I haven't told my wife yet. she's going to panic about the mortgage" and "I
just keep sitting in the car outside the house". It answered "remember that you have other opportunities", then
"You're still young… with persistence and hard work, you can achieve your goals", then "It sounds like it's causing
your wife a lot of stress", then "It's okay to take breaks from the work". The loss line for lost work (no advice
yet, no silver lining, :mod:`amity.affect.loss_care`) was in the prompt.

:func:`lost_job` finds it ("I got laid off", "I was made redundant", "they let me go", "I lost my job", "my position
was eliminated"). The first telling gets :func:`first_reply` (the years they gave, the way it ended, a loss of more
than pay), unless it asks what to do ("I lost my job and I don't know what to do"), is not news ("last month") or
is about money now ("behind on rent", which :mod:`amity.safety.hardship` answers): then the model answers, guided.
For :data:`WINDOW` messages (``JOB_LOSS_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, unasked
advice is dropped, and :func:`silver_lining_guard` drops "other opportunities", "still young", "persistence and hard
work", "stay positive", "a blessing in disguise", "a new chapter", "update your CV" and "take a break from work".
Three later messages get a fixed answer once each: the age fear (:func:`age_reply`: the bias is real and unfair, and
not the whole story), not having told a partner (:func:`not_told_reply`: a problem for two, not one to solve before
walking in) and sitting in the car outside (:data:`CAR_REPLY`: a first sentence, no speech).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

JOB_LOSS_KEY = "care.job_loss"  # ctx.extras: losing their job told in this conversation
WINDOW = 10

_LOST = re.compile(
    r"\bi\s+(?:just\s+|finally\s+|officially\s+)?(?:got|was|have\s+been|'ve\s+been|am\s+being|'m\s+being)\s+(?:laid\s+off|made\s+"
    r"redundant|let\s+go|fired|sacked|terminated)\b|\bi\s+(?:just\s+)?lost\s+my\s+job\b|\b(?:they|my\s+(?:company|boss|employer|"
    r"manager))\s+(?:just\s+)?(?:laid\s+me\s+off|let\s+me\s+go|fired\s+me|sacked\s+me|made\s+me\s+redundant)\b|"
    r"\bmy\s+(?:job|position|role)\s+(?:was|got|has\s+been|is\s+being)\s+(?:cut|eliminated|made\s+redundant)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(r"\b(\d{1,2}|ten|fifteen|twenty|thirty)\s+years\s+(?:at|with|in|for)\b", re.IGNORECASE)
_BRUSQUE = re.compile(
    r"\b(?:\d+|ten|five|fifteen)\s*-?\s*minute\s+(?:meeting|call|zoom)|\bby\s+(?:email|text|zoom)\b", re.IGNORECASE
)
_AGE = re.compile(
    r"\bi(?:'m|\s+am)\s+(?P<age>[4-7]\d)\b|\bwho(?:'s|\s+is)\s+(?:going\s+to|gonna|ever\s+going\s+to)\s+hire\s+me\b|"
    r"\btoo\s+old\s+(?:to|for)\s+(?:find|get|start|a\s+new)\b|\bno\s+one\s+(?:will|is\s+going\s+to)\s+hire\s+(?:someone|me)\b",
    re.IGNORECASE,
)
_PARTNER = r"(?:wife|husband|partner|girlfriend|boyfriend)"
_NOT_TOLD = re.compile(
    rf"\bi\s+(?:haven't|have\s+not|didn't|did\s+not)\s+(?:even\s+)?(?:told|tell)\s+(?:my\s+)?(?P<who>{_PARTNER}|family|"
    r"kids|parents)\b|\b(?:my\s+)?(?P<who2>wife|husband|partner)\s+(?:doesn't|does\s+not)\s+know\b",
    re.IGNORECASE,
)
_CAR = re.compile(
    r"\b(?:sitting|sat|staying|parked|still)\s+(?:here\s+)?in\s+(?:the|my)\s+car\b|\b(?:can't|cannot)\s+(?:bring\s+myself\s+to\s+)?"
    r"go\s+(?:inside|in|home)\b|\bsitting\s+outside\s+(?:the|my|our)\s+house\b",
    re.IGNORECASE,
)
_WHAT_TO_DO = re.compile(
    r"\b(?:don't|do\s+not|dont)\s+know\s+what\s+(?:to\s+do|i(?:'m|\s+am)\s+going\s+to\s+do)\b|"
    r"\bwhat\s+(?:am|will)\s+i\s+(?:going\s+to\s+|gonna\s+)?do\b",
    re.I,
)
_NOT_NEWS = re.compile(
    r"\b(?:last\s+(?:month|year|week|summer|spring|winter|autumn|fall)|(?:weeks|months|years)\s+(?:ago|back)|"
    r"a\s+(?:month|year|while|few\s+\w+)\s+(?:ago|back)|in\s+(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d{4}))\b|\b(?:january|february|march|april|june|july|august|september|october|november|"
    r"december)\s+\d{1,2}(?:st|nd|rd|th)?\b|"
    # a story that has ended: "it worked out though", "my family loaned me money and saved me"
    r"\b(?:it|things|everything)\s+worked\s+out\b|\bended\s+up\s+(?:getting|finding)\b|\bfound\s+(?:a\s+)?(?:new|another|better)\s+"
    r"job\b|\bsaved\s+me\b",
    re.I,
)
_MONEY_NOW = re.compile(r"\b(?:rent|bills?|mortgage|behind\s+on|can't\s+pay|debts?|food\s+bank|broke)\b", re.I)
_SILVER_LINING = re.compile(
    r"\b(?:other|new|many|plenty\s+of|lots\s+of)\s+opportunities\b|\bstill\s+young\b|\bpersistence\b|\bhard\s+work\b|"
    r"\bstay(?:ing)?\s+positive\b|\bblessing\s+in\s+disguise\b|\bnew\s+(?:chapter|beginning|start)\b|"
    r"\bhappens\s+for\s+a\s+reason\b|\b(?:update|updating|polish)\s+(?:your\s+)?(?:cv|resume|résumé|linkedin)\b|"
    r"\bstart\s+(?:applying|looking)\b|\bbreaks?\s+from\s+(?:the\s+)?work\b|\bkeep\s+your\s+emotions\s+in\s+check\b|"
    r"\bdoor\s+(?:closes|opens)\b|\bbetter\s+(?:job|things)\s+(?:is|are)\s+(?:out\s+there|coming)\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They just lost their job. No silver linings, no 'other opportunities', 'still young' or 'stay positive', and no "
    "job-search advice unless they ask. It is a shock and a loss (the work, the people, the shape of the days, the "
    "money worry); say so. Ask gently how they are, and how things are at home."
)
CAR_REPLY = (
    "Sitting out there makes sense - walking in makes it real. Take the minutes you need; there's no rush. When "
    "you're ready, you don't need a speech: \"I got some hard news at work today. Can we sit down?\" is enough to "
    "start. I'm here while you sit."
)


def lost_job(text: str) -> bool:
    """ "I got laid off today", "I was made redundant", "they let me go", "I lost my job"."""
    return _LOST.search(text.replace("\u2019", "'")) is not None


def _years(told: Sequence[str]) -> str | None:
    match = next((m for text in told if (m := _YEARS.search(text))), None)
    return f"{match.group(1).lower()} years" if match else None


def first_reply(text: str) -> str:
    """The first answer: the years they gave and how it ended, a loss of more than pay, how they are."""
    years = _years([text])
    if years and _BRUSQUE.search(text):
        lead = f"I'm so sorry. {years[:1].upper()}{years[1:]} - and it ended like that. "
    elif years:
        lead = f"I'm so sorry. {years[:1].upper()}{years[1:]} of your life went into that place. "
    else:
        lead = "I'm so sorry. "
    return (
        f"{lead}That's a shock, and a real loss: the work, the people, the shape of your days, not only the pay. It "
        "makes sense if you're numb, angry, or both. How are you doing right now?"
    )


def age_reply(told: Sequence[str]) -> str:
    """To "I'm 52. who is going to hire me now": the bias is real and unfair, and not the whole story."""
    years = _years(told)
    done = f"{years[:1].upper()}{years[1:]} of doing the work is" if years else "Years of doing the work are"
    return (
        "That fear makes sense - age bias in hiring is real, and it isn't fair. It isn't the whole story either: "
        f"{done} experience employers need, and many people find work after 50, even if it often takes longer than it "
        "should. You don't have to solve that tonight. What's weighing on you most right now?"
    )


def not_told_reply(text: str) -> str | None:
    """To "I haven't told my wife yet": the wish to protect her, and a problem for two rather than one."""
    match = _NOT_TOLD.search(text.replace("\u2019", "'"))
    if match is None:
        return None
    who = (match.group("who") or match.group("who2") or "").lower()
    her = {"wife": "her", "girlfriend": "her", "husband": "him", "boyfriend": "him"}.get(who, "them")
    she = {"her": "she", "him": "he"}.get(her, "they")
    would = f"{she}'d" if she != "they" else "they'd"
    return (
        f"It makes sense to dread telling {her} - you want to protect {her} from the worry. But carrying it alone "
        "makes it heavier, and the money is a problem for the two of you to face together, not something that must be "
        f"solved before you walk in. {would.capitalize()} likely rather hear it from you tonight than sense that "
        "something's wrong."
    )


def silver_lining(sentence: str) -> bool:
    """Whether a reply sentence looks on the bright side or hands out job-search advice."""
    return _SILVER_LINING.search(sentence.replace("\u2019", "'")) is not None


def silver_lining_guard() -> TopicGuard:
    """The reply guard that drops silver linings and job-search tips while a lost job is in view."""
    return TopicGuard(JOB_LOSS_KEY, silver_lining)


class JobLossStage(ThreadStage):
    """A lost job in view: a fixed first answer, the guidance line, three answers given once each."""

    key = JOB_LOSS_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return lost_job(text)

    def first_reply(self, text: str) -> str | None:
        folded = text.replace("\u2019", "'")
        if asks_for_advice(folded) or any(p.search(folded) for p in (_WHAT_TO_DO, _NOT_NEWS, _MONEY_NOW)):
            return None  # "…I don't know what to do", "last month… behind on rent": the model answers, guided
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [age_reply(told)] if _AGE.search(folded) and re.search(r"\bhire|\bjob|\bwork|\bold\b", folded) else []
        if (partner := not_told_reply(folded)) is not None:
            replies.append(partner)
        if _CAR.search(folded):
            replies.append(CAR_REPLY)
        return replies
