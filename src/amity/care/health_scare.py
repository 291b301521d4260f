"""A lump found, a result awaited: the fear met, a doctor, no diagnosis either way, nobody left alone with it.

Someone told the default 1.5B "I found a lump in my breast this morning and I can't stop shaking", "I've been
googling for hours and every site says it could be cancer", "the doctor can't see me until next thursday. that's 9
days", "what if it is cancer. my kids are 6 and 8" and "I haven't told my husband yet". It answered "Shaking is a sign
that your body is trying to protect itself from something. Sometimes, doctors can find something wrong with a lump",
then "I'm sorry to hear that", then repeated "9 days away" back, and to the husband "Sometimes, people choose to wait
and see if their situation improves". The loss line for waiting on results (:mod:`amity.affect.loss_care`: no false
reassurance, no statistics) was in the prompt; the model had nothing true and steady to say.

:func:`scared_of_results` finds it: a lump found ("I found a lump in my breast", "there's a lump on my neck"), a
result awaited ("waiting for my biopsy results", "they found a shadow on my scan") or the fear named ("what if it's
cancer", "I think I have cancer"). A lump they found themselves gets :func:`first_reply`: the fright named, and the
one vetted fact health services give (most breast lumps are not cancer; most lumps are harmless) with "only a
doctor can tell". For :data:`WINDOW` messages (``HEALTH_SCARE_KEY``) the model gets :data:`GUIDANCE`, the turn counts
as hurting, and :func:`scary_guess_guard` drops guesses either way ("doctors can find something wrong", "it could be
cancer", "it's probably nothing", "wait and see", survival rates). Later messages get a fixed answer once each:
searching online (:data:`SEARCHING_REPLY`), the wait (:func:`waiting_reply`, with the number of days they said and,
for a lump, asking the practice for an earlier appointment), "what if it is cancer" (:func:`what_if_reply`, their
children named when they are) and not having told a partner (:func:`not_told_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

HEALTH_SCARE_KEY = "care.health_scare"  # ctx.extras: a lump found or a result awaited, told in this conversation
WINDOW = 10

_BODY = r"(?:breast|boob|chest|neck|armpit|throat|testicle|testicles|ball|groin|thigh|back|stomach|belly|head|arm|leg)"
_LUMP = (
    rf"\bi\s+(?:just\s+)?(?:found|felt|noticed|discovered)\s+(?:a|another|this)\s+(?:\w+\s+)?(?:lump|mass|swelling)\b|"
    rf"\bthere(?:'s|\s+is)\s+(?:a|this)\s+(?:\w+\s+)?lump\s+(?:in|on|under)\s+my\s+{_BODY}\b|"
    rf"\bi(?:\s+|(?='))(?:have|'ve\s+got|have\s+got)\s+(?:a|this)\s+(?:\w+\s+)?lump\s+(?:in|on|under)\s+my\s+{_BODY}\b"
)
_AWAITED = (
    r"\bwaiting\s+(?:for|on)\s+(?:my\s+|the\s+|some\s+)?(?:biopsy|scan|blood\s+test|mri|ct|mammogram|pathology|smear|"
    r"ultrasound|x-ray)\s+results?\b|"
    r"\bwaiting\s+(?:for|on)\s+(?:my\s+|the\s+|some\s+)?(?:test\s+)?results?\b(?=[^.!?]{0,60}\b(?:doctor|dr|hospital|clinic|gp|"
    r"consultant|oncolog\w*|lump|cancer)\b)|\bwaiting\s+to\s+hear\s+(?:back\s+)?(?:about|from)\s+(?:the|my)\s+(?:biopsy|scan|tests?)\b|"
    r"\b(?:they|the\s+doctors?|my\s+doctor|the\s+gp|my\s+gp)\s+found\s+(?:a|something)\s*(?:lump|mass|shadow|growth|spot|"
    r"nodule|tumou?r)?\s+(?:on|in)\s+my\b|\b(?:they|the\s+hospital|the\s+clinic)\s+called\s+me\s+back\s+after\s+my\s+"
    r"(?:mammogram|scan|smear|x-ray)\b|\bi(?:\s+|(?='))(?:have|'ve\s+got)\s+(?:a|my)\s+biopsy\s+(?:on|next|tomorrow|this)\b"
)
_FEARED = (
    r"\bwhat\s+if\s+it(?:'s|\s+is|\s+turns\s+out\s+to\s+be)\s+(?:cancer|a\s+tumou?r|malignant)\b|"
    r"\bi\s+(?:think|'m\s+sure|am\s+sure)\s+i\s+(?:have|'ve\s+got)\s+cancer\b|"
    r"\b(?:scared|afraid|terrified)\s+(?:that\s+)?(?:it's|it\s+is|i\s+have|i've\s+got)\s+cancer\b"
)
_TOLD = re.compile(f"{_LUMP}|{_AWAITED}|{_FEARED}", re.IGNORECASE)
_SELF_FOUND = re.compile(_LUMP, re.IGNORECASE)
_WHAT_IF = re.compile(_FEARED, re.IGNORECASE)
_SEARCHING = re.compile(
    r"\b(?:googl\w*|search(?:ed|ing)|looking\s+(?:it\s+)?up|looked\s+(?:it\s+)?up|reading\s+(?:about\s+it\s+)?online)\b|"
    r"\bdr\.?\s+google\b|\bevery\s+(?:site|website|page|forum)\s+says\b",
    re.IGNORECASE,
)
_WAIT = re.compile(
    r"\b(?:can't|cannot|can\s+not|won't)\s+(?:see|fit)\s+me\s+(?:in\s+)?(?:until|till|for)\b|"
    r"\b(?:appointment|results?|biopsy|scan)\s+(?:isn't|is\s+not|aren't|are\s+not|won't\s+be)\s+(?:\w+\s+)?(?:until|till)\b|"
    r"\b(?:have|got)\s+to\s+wait\s+(?:another\s+)?(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten)\s+(?:more\s+)?(?:days|weeks?)\b|"
    r"\b(?:that's|it's|that\s+is)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s+"
    r"(?:more\s+)?(?:days|weeks)\b",
    re.IGNORECASE,
)
_SPAN = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen)\s+(?:more\s+)?(days|weeks)\b",
    re.IGNORECASE,
)
_PARTNER = r"(?:husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?)"
_NOT_TOLD = re.compile(
    rf"\bi\s+(?:haven't|have\s+not|havent|didn't|did\s+not)\s+(?:even\s+)?(?:told|tell)\s+(?:my\s+)?({_PARTNER}|anyone|anybody|"
    r"my\s+family|family|him|her)\b|\b(?:nobody|no\s+one)\s+knows\b",
    re.IGNORECASE,
)
_CHILDREN = re.compile(r"\bmy\s+(?:kids|children|boys|girls|son|daughter|baby|little\s+ones)\b", re.IGNORECASE)
_SCARY_GUESS = re.compile(
    r"\bdoctors?\s+(?:can|could|might|may)\s+find\s+something\s+(?:wrong|serious|bad)\b|"
    r"\b(?:it|this|that)\s+(?:could|might|may)\s+(?:well\s+|very\s+well\s+|also\s+)?be\s+(?:cancer|serious|malignant|a\s+tumou?r)\b|"
    r"\b(?:it's|it\s+is|it\s+was|that's)\s+(?:probably|most\s+likely|almost\s+certainly)\s+(?:nothing|fine|benign|a\s+cyst)\b|"
    r"\bi'?m\s+sure\s+(?:it's|it\s+is|it'll\s+be)\s+(?:nothing|fine|ok|okay)\b|\bwait\s+and\s+see\b|"
    r"\bwhat\s+(?:might|could|may)\s+be\s+causing\b|\bcauses?\s+of\s+(?:the\s+|a\s+|your\s+)?lump\b|\bsurvival\s+rates?\b|\bstay\s+informed\b|\bsymptoms?\s+of\s+cancer\b|\b(?:don't|do\s+not)\s+worry\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They are frightened about what a lump or a test might mean. No guesses either way: never say it could be "
    "cancer, never say it's probably nothing, no statistics or survival rates, no medical advice. Acknowledge the "
    "fear and how hard the waiting is; a doctor is the one who can answer it. Ask how they are getting through the "
    "days, and who they could let in on it. If they keep it from someone close to spare them, honour the wish to "
    "protect without praising the secrecy."
)

SEARCHING_REPLY = (
    "Of course you're searching - not knowing is unbearable, and looking feels like doing something. But those "
    "pages list every possibility, and the worst ones stick; they can't see you or what you found, so they feed the "
    "fear instead of answering it. The one who can answer it is the doctor who examines you. How are you holding up "
    "right now?"
)

_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen")  # fmt: skip
_WORDS = {**{word: word.title() for word in _NUMBERS}, **{str(n): word.title() for n, word in enumerate(_NUMBERS, 1)}}


def scared_of_results(text: str) -> bool:
    """ "I found a lump in my breast", "waiting for my biopsy results", "what if it's cancer"."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def _span(told: Sequence[str]) -> str | None:
    """ "Nine days" from "that's 9 days" in this message or an earlier one, or None."""
    for text in told:
        if match := _SPAN.search(text):
            amount = match.group(1).lower()
            return f"{_WORDS.get(amount, amount)} {match.group(2).lower()}"
    return None


def first_reply(text: str) -> str | None:
    """To a lump they found themselves: the fright named, the one fact health services give, a doctor; else None."""
    if _SELF_FOUND.search(text.replace("\u2019", "'")) is None:
        return None
    if re.search(r"\b(?:breast|boob|chest)\b", text, re.IGNORECASE):
        fact = "Most breast lumps turn out not to be cancer, but only a doctor can tell"
    else:
        fact = "Most lumps turn out to be harmless, but only a doctor can tell"
    shaking = "and of course you're shaking - your body has gone on alert. " if "shak" in text.lower() else ""
    return (
        f"That's a frightening thing to find, {shaking or 'and it makes sense that it has taken over your day. '}"
        f"You did the right thing by noticing it. {fact}, so getting it checked soon is exactly right. Have you been "
        "able to get an appointment?"
    )


def waiting_reply(told: Sequence[str]) -> str:
    """To "the doctor can't see me until next thursday. that's 9 days"; ``told``: this message and earlier ones."""
    span = _span(told)
    lead = f"{span} is a long time to carry this." if span else "That's a long time to carry this."
    sooner = ""
    if any(_SELF_FOUND.search(text) for text in told):
        sooner = (
            " If it gets too much, or anything changes, it's reasonable to call the practice back, say you've found a "
            "new lump, and ask whether anyone can see you sooner."
        )
    return (
        f"{lead} Waiting is one of the hardest parts, because there's nothing to do with the fear but hold it.{sooner} "
        "And you don't have to hold it alone in the meantime. Who could you let in on it?"
    )


def what_if_reply(told: Sequence[str]) -> str:
    """To "what if it is cancer" (their children named when they are); ``told``: this message and earlier ones."""
    if any(_CHILDREN.search(text) for text in told):
        return (
            "Of course your mind goes straight to them - that's how much you love them. Right now nobody knows what "
            "this is, and the fear is running ahead of what's known. Whatever it turns out to be, getting it checked "
            "early is the best thing you can do for them, and you're doing it. What's the hardest part right now?"
        )
    return (
        "Of course your mind goes there - that's what fear does when it has nothing solid to hold. Right now nobody "
        "knows what this is. Whatever it turns out to be, getting it checked early is the best thing you can do, and "
        "you're doing it. What's the hardest part right now?"
    )


def not_told_reply(text: str, told: Sequence[str]) -> str | None:
    """To "I haven't told my husband yet": the wish to spare them heard, the weight of carrying it alone, or None."""
    match = _NOT_TOLD.search(text.replace("\u2019", "'"))
    if match is None:
        return None
    who = (match.group(1) or "").lower()
    span = _span(told)
    carry = f"{span[:1].lower()}{span[1:]} is a long time" if span else "it's a lot"
    if who in {"husband", "boyfriend", "him", "fiance"}:
        he, him = "he", "him"
    elif who in {"wife", "girlfriend", "her", "fiancee", "fiancée"}:
        he, him = "she", "her"
    elif who == "partner":
        he, him = "they", "them"
    else:
        return (
            f"It makes sense to want to keep it to yourself until you know more. But {carry} to carry something this "
            "frightening alone, and worry shared is lighter. Is there one person you'd feel able to tell?"
        )
    return (
        f"It makes sense to want to spare {him} the worry until you know more. But {carry} to carry this alone, and "
        f"{he} would probably want to be with you in it - waiting is lighter shared. Is something making it hard to "
        f"tell {him}?"
    )


def guesses(sentence: str) -> bool:
    """Whether a sentence of a reply guesses at the outcome, either way, or waves the fear off."""
    return _SCARY_GUESS.search(sentence.replace("\u2019", "'")) is not None


def scary_guess_guard() -> TopicGuard:
    """The reply guard that drops guesses at the outcome while a lump or a result is in view."""
    return TopicGuard(HEALTH_SCARE_KEY, guesses)


class HealthScareStage(ThreadStage):
    """A lump found or a result awaited in view: a first answer to a lump, the guidance line, four answers once."""

    key = HEALTH_SCARE_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return scared_of_results(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        text = text.replace("\u2019", "'")
        told = [text, *earlier[: self.window]]
        answers: tuple[tuple[re.Pattern[str], Callable[[], str | None]], ...] = (
            (_SEARCHING, lambda: SEARCHING_REPLY),
            (_WAIT, lambda: waiting_reply(told)),
            (_WHAT_IF, lambda: what_if_reply(told)),
            (_NOT_TOLD, lambda: not_told_reply(text, told)),
        )
        replies = [answer() for pattern, answer in answers if pattern.search(text)]
        return [reply for reply in replies if reply is not None]
