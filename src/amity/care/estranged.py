"""A grown child or close family member who no longer speaks to them: a grief with the person still alive, no "give him
time to develop his communication skills", no blame.

A parent told the default 1.5B "my son hasn't spoken to me in two years" and then "i don't even know what i did". It
answered "That's quite a situation… It's important to give your son time to develop his communication skills. Maybe
you could try scheduling a phone call with your son", then "Oh, that's okay - it's okay to feel confused. What's going
on with you?" - reading an adult son's silence as a toddler's speech, then waving the bewilderment away. Estrangement
is a loss people feel ashamed to tell, with no ending and no ritual.

:func:`estranged` finds it ("my son hasn't spoken to me in two years", "my daughter cut me off", "my mum won't talk to
me anymore", "I'm estranged from my dad") - not a friend gone silent, which :mod:`amity.care.friend_silence` answers.
The first telling gets :func:`first_reply` (who, and how long, when said), unless it asks for advice. For
:data:`WINDOW` messages (``ESTRANGED_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and
:func:`silence_blame_guard` drops "communication skills", "give him time", "not ready to speak", "scheduling a phone
call", "they'll come around", "a phase", "blood is thicker", "it's okay to feel confused" and "quite a situation".
Four later messages get a fixed answer once each: not knowing what they did (:data:`NOT_KNOWING_REPLY`), grandchildren
they don't see (:data:`GRANDCHILDREN_REPLY`), cards and messages sent into the silence (:data:`CARDS_REPLY`) and
whether to write (:func:`write_reply`, the one place advice is asked for).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard

ESTRANGED_KEY = "care.estranged"  # ctx.extras: estrangement from close family, told in this conversation
WINDOW = 10

_FAMILY = (
    r"son|daughter|kids|children|child|mum|mom|mother|dad|father|brother|sister|parents|family|grandson|granddaughter"
)
_SPAN = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|many)\s+(?:years?|months?)"
_ESTRANGED = re.compile(
    rf"\bmy\s+(?:\w+\s+)?(?P<who>{_FAMILY})\s+(?:hasn't|has\s+not|haven't|have\s+not|won't|will\s+not|doesn't|does\s+not|"
    r"don't|do\s+not|hasnt|wont|stopped)\s+(?:even\s+)?(?:spoken|talked|speaking|talking|speak|talk|contacted|called|"
    r"replied|seen)\s+(?:to\s+|with\s+)?me\b(?P<rest>[^.!?]{0,30})|"
    rf"\bmy\s+(?:\w+\s+)?(?P<who2>{_FAMILY})\s+(?:has\s+|have\s+|just\s+)?(?:cut|cuts)\s+me\s+off\b|"
    rf"\bi(?:'m|\s+am|\s+have\s+been|'ve\s+been)\s+estranged\s+from\s+my\s+(?:\w+\s+)?(?P<who3>{_FAMILY})\b|"
    rf"\bmy\s+(?:\w+\s+)?(?P<who4>{_FAMILY})\s+(?:is|are)\s+estranged\b|\bmy\s+(?:\w+\s+)?(?P<who5>{_FAMILY})\s+blocked\s+me\s+"
    r"(?:everywhere|on\s+everything)",
    re.IGNORECASE,
)
_LONG = re.compile(rf"\b(?:in|for)\s+(?P<span>{_SPAN})\b|\b(?:anymore|any\s+more)\b", re.IGNORECASE)
_NOT_KNOWING = re.compile(
    r"\b(?:don't|do\s+not)\s+(?:even\s+)?know\s+(?:what|why)\b|\bwhat\s+did\s+i\s+do\b|\bno\s+idea\s+(?:what|why)\b",
    re.I,
)
_GRANDKIDS = re.compile(r"\bgrand(?:kids|children|son|daughter|child|baby)\b", re.IGNORECASE)
_CARDS = re.compile(
    r"\b(?:send|sent|sending|still\s+send|write|wrote|text|texted)\b[^.!?]{0,30}\b(?:cards?|birthday|christmas|letters?|"
    r"messages?|presents?|gifts?)\b|\bno\s+(?:reply|answer|response)\b",
    re.IGNORECASE,
)
_WRITE = re.compile(
    r"\bshould\s+i\s+(?:write|reach\s+out|message|text|call|contact|try\s+again)\b|\bwhat\s+(?:do|should|would)\s+i\s+(?:say|"
    r"write)\b",
    re.IGNORECASE,
)
_BLAME = re.compile(
    r"\bcommunication\s+skills\b|\bgive\s+(?:him|her|them|your\s+\w+)\s+(?:some\s+)?time\b|\bnot\s+ready\s+to\s+(?:speak|talk)\b|"
    r"\bschedul(?:e|ing)\s+a\s+(?:phone\s+)?call\b|\b(?:come|coming)\s+(?:around|round)\b|\bjust\s+a\s+phase\b|"
    r"\bblood\s+is\s+thicker\b|\bokay\s+to\s+feel\s+confused\b|\bquite\s+a\s+situation\b|\bcommunication\s+issues\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone in their close family no longer speaks to them. It is grief with the person still alive, often carried "
    "in shame. Don't blame either side, don't promise they'll come around, and give no advice unless asked. Hear the "
    "loss and ask gently how they carry it."
)
NOT_KNOWING_REPLY = (
    "Not knowing may be the hardest part - there's no conversation to go back over, just silence. Sometimes the "
    "reasons are things a person hasn't managed to put into words, and sometimes they're more about their own life "
    "than anything you did. Wanting to understand shows how much you still care."
)
GRANDCHILDREN_REPLY = (
    "Missing your grandchildren growing up is a second loss inside the first - birthdays, first days at school, "
    "the ordinary afternoons you pictured. It makes sense if that part keeps you up at night."
)
CARDS_REPLY = (
    "Sending those into the silence is an act of love, even when nothing comes back. It keeps a door open without "
    "forcing it - and it costs you something every time. That's worth saying out loud."
)


def estranged(text: str) -> bool:
    """ "my son hasn't spoken to me in two years", "my daughter cut me off", "I'm estranged from my dad"."""
    match = _ESTRANGED.search(text.replace("\u2019", "'"))
    if match is None:
        return False
    if match.group("who"):  # "my mum won't talk to me" after a row this morning is not estrangement
        return _LONG.search(match.group("rest") or "") is not None
    return True


def _who(text: str) -> str:
    match = _ESTRANGED.search(text.replace("\u2019", "'"))
    words = [match.group(g) for g in ("who", "who2", "who3", "who4", "who5")] if match else []
    return next((w.lower() for w in words if w), "family")


_SHE = {"daughter", "mum", "mom", "mother", "sister", "granddaughter"}
_HE = {"son", "dad", "father", "brother", "grandson"}


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    """From the family member the estrangement was told of (a later "her" may be a granddaughter)."""
    who = next((_who(text) for text in reversed(told) if _ESTRANGED.search(text.replace("\u2019", "'"))), None)
    if who in _SHE:
        return "she", "her"
    if who in _HE:
        return "he", "him"
    return third_person(told) if who is None else ("they", "them")


def first_reply(text: str) -> str:
    """The first answer: how long and who, a grief with them still out there, how they carry it."""
    folded = text.replace("\u2019", "'")
    who = _who(folded)
    span = _LONG.search(folded)
    she, _her = _pronouns([folded])
    out_there = "they're" if she == "they" else f"{she}'s"
    lead = f"Being shut out by your {who}"
    if span and span.group("span"):
        length = span.group("span").lower()
        lead = f"{length[:1].upper()}{length[1:]} without hearing from your {who}"
    return (
        f"{lead} - that's a grief people rarely talk about, because {out_there} still out there, just out of reach. It "
        "can hurt in a way that never quite settles. How are you carrying it?"
    )


def write_reply(told: Sequence[str]) -> str:
    """To "should I write to him?": asked, so a gentle way: short, asking nothing, the door open; theirs to decide."""
    _she, her = _pronouns(told)
    return (
        "If you do write, a short message that asks for nothing - no explanation, no reply needed - is often the "
        f"easiest to receive: that you love {her}, think of {her}, and the door is open. Whether and when to send it "
        "is yours to decide, and it's okay if you're not ready."
    )


def blames(sentence: str) -> bool:
    """Whether a reply sentence misreads the silence, promises an ending or waves the hurt away."""
    return _BLAME.search(sentence.replace("\u2019", "'")) is not None


def silence_blame_guard() -> TopicGuard:
    """The reply guard that drops "give him time" and "they'll come around" while estrangement is in view."""
    return TopicGuard(ESTRANGED_KEY, blames)


class EstrangedStage(ThreadStage):
    """Estrangement from close family: a fixed first answer, the guidance line, four answers given once each."""

    key = ESTRANGED_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return estranged(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [NOT_KNOWING_REPLY] if _NOT_KNOWING.search(folded) else []
        if _GRANDKIDS.search(folded):
            replies.append(GRANDCHILDREN_REPLY)
        if _CARDS.search(folded):
            replies.append(CARDS_REPLY)
        if _WRITE.search(folded):
            replies.append(write_reply(told))
        return replies
