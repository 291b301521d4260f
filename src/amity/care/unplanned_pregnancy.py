"""An unplanned pregnancy: no "big step!", no congratulations, no push either way - their decision, and where to talk.

Someone told the default 1.5B "I just found out I'm pregnant and I don't know if I want to keep it", "my boyfriend
doesn't know yet. we've only been together 3 months" and "I'm 24 and I'm not ready for this". It answered "Oh, that's
a big step! How are you feeling about it?", then "That's interesting! How do you feel about your boyfriend's
knowledge about your pregnancy?", then a kind but empty line. A companion here must be non-directive: every choice is
theirs, every feeling allowed, and confidential all-options counselling is where the decision can be talked through.

:func:`unsure_pregnancy` finds it ("I'm pregnant and I don't know if I want to keep it", "an unplanned pregnancy", "I'm
pregnant and I'm not ready", "the test came back positive and I'm scared"). The first telling gets
:data:`FIRST_REPLY`. For :data:`WINDOW` messages (``UNPLANNED_PREGNANCY_KEY``) the model gets :data:`GUIDANCE`, the
turn counts as hurting (no cheering), and :func:`pushing_guard` drops "big step", "interesting", congratulations,
"exciting", "a blessing", "you'll be a great mum", "meant to be", and any "you should keep it", "you should get an
abortion" or "consider adoption". Three later messages get a fixed answer once each: a partner who doesn't know yet
(:func:`partner_reply`: if and when is theirs to decide), "I'm not ready" (:data:`NOT_READY_REPLY`: allowed; their
choice; a doctor, a sexual health clinic or an all-options service, confidentially) and "my mum would be so
disappointed" (:data:`FAMILY_FEAR_REPLY`; the 1.5B had answered "Losing a parent can be a very painful experience").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

UNPLANNED_PREGNANCY_KEY = "care.unplanned_pregnancy"  # ctx.extras: an unsure pregnancy told in this conversation
WINDOW = 12

_UNSURE = (
    r"(?:(?:don't|do\s+not)\s+know\s+if\s+i\s+(?:want|can|should)|not\s+ready|didn't\s+plan|wasn't\s+planned|scared|terrified|"
    r"panicking|freaking\s+out|what\s+do\s+i\s+do|don't\s+want\s+(?:it|a\s+baby))"
)
_TOLD = re.compile(
    rf"\bi(?:'m|\s+am)\s+pregnant\b[^.!?]{{0,80}}\b{_UNSURE}|\b(?:unplanned|unexpected|accidental)\s+pregnancy\b|"
    r"\b(?:don't|do\s+not)\s+know\s+if\s+i\s+(?:want|should)\s+(?:to\s+)?keep\s+(?:it|the\s+baby|the\s+pregnancy)\b|"
    rf"\b(?:pregnancy\s+)?test\s+(?:was|came\s+back|is)\s+positive\b[^.!?]{{0,60}}\b{_UNSURE}",
    re.IGNORECASE,
)
_PARTNER = re.compile(
    r"\b(?:boyfriend|partner|girlfriend|husband|he)\s+(?:doesn't|does\s+not)\s+know\b|\b(?:haven't|have\s+not)\s+told\s+"
    r"(?:him|my\s+(?:boyfriend|partner|husband|parents|mum|mom))\b",
    re.IGNORECASE,
)
_NOT_READY = re.compile(
    r"\bnot\s+ready\b|\b(?:can't|cannot)\s+(?:have|afford)\s+a\s+(?:baby|child|kid)\b|\bi\s+(?:don't|do\s+not)\s+want\s+"
    r"(?:a\s+baby|to\s+be\s+a\s+(?:mum|mom|mother|parent)|it)\b",
    re.IGNORECASE,
)
_FAMILY_FEAR = re.compile(
    r"\b(?:my\s+)?(?:mum|mom|dad|parents|family|mother|father)\s+(?:would|will|'d|'ll|is\s+going\s+to|are\s+going\s+to)\s+"
    r"(?:be\s+)?(?:so\s+|really\s+)?(?:disappointed|angry|furious|kill\s+me|freak\s+out|disown\s+me)\b",
    re.IGNORECASE,
)
FAMILY_FEAR_REPLY = (
    "That fear can feel as big as the decision itself. But this is your life and your choice - you don't have to "
    "decide with anyone's reaction in your head, and you don't have to tell your family before you're ready. What do "
    "you most need right now?"
)
_PUSHING = re.compile(
    r"\bbig\s+step\b|\binteresting\b|\bcongratulat\w*|\bexcit\w*|\bblessing\b|\bgreat\s+(?:mum|mom|mother|parent)\b|"
    r"\bhappens\s+for\s+a\s+reason\b|\bmeant\s+to\s+be\b|\byou\s+should\s+(?:keep|have)\s+(?:it|the\s+baby)\b|"
    r"\byou\s+should\s+(?:get|have)\s+an?\s+abortion\b|\b(?:consider|thought\s+about)\s+adoption\b|\bbaby\s+names?\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They are pregnant and unsure. Be completely non-directive: never congratulate, never call it exciting or a "
    "blessing, never push towards keeping it, ending it or adoption. Every feeling is allowed and the decision is "
    "theirs alone. Ask how they are; if they want, a doctor or an all-options counselling service can talk it through "
    "confidentially."
)
FIRST_REPLY = (
    "That's a lot to take in at once. Whatever you're feeling right now - shock, fear, numbness, all of it - makes "
    "sense, and you don't have to know what you want yet. This is your decision, and there's no wrong feeling about "
    "it. How are you doing right now?"
)


def partner_reply(told: Sequence[str]) -> str:
    """To "my boyfriend doesn't know yet": if and when is theirs to decide; anyone safe to talk to."""
    low = " ".join(told).lower()
    him = "them"
    if re.search(r"\b(?:girlfriend|wife)\b", low):
        him = "her"
    elif re.search(r"\b(?:boyfriend|husband|he)\b", low):
        him = "him"
    return (
        f"You get to decide if and when to tell {him} - there's no deadline on that tonight. Some people want to talk "
        "it through with their partner first; some need to know their own mind before they hear anyone else's. Both "
        "are okay. Is there anyone you'd feel safe talking to?"
    )


NOT_READY_REPLY = (
    "That's an honest thing to feel, and it's allowed. Whatever you decide, it's your choice to make, and you deserve "
    "support either way. A doctor, a sexual health clinic or an all-options counselling service can talk you through "
    "every option confidentially, without pushing you in any direction. Would it help to think through who you could "
    "contact?"
)


def unsure_pregnancy(text: str) -> bool:
    """ "I'm pregnant and I don't know if I want to keep it", "an unplanned pregnancy", "I'm pregnant and not ready"."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def pushes(sentence: str) -> bool:
    """Whether a reply sentence cheers or pushes one way ("big step!", "congratulations", "you should keep it")."""
    return _PUSHING.search(sentence.replace("\u2019", "'")) is not None


def pushing_guard() -> TopicGuard:
    """The reply guard that drops cheering and pushing while an unsure pregnancy is in view."""
    return TopicGuard(UNPLANNED_PREGNANCY_KEY, pushes)


class UnplannedPregnancyStage(ThreadStage):
    """An unsure pregnancy in view: a fixed first answer, the guidance line, two answers given once each."""

    key = UNPLANNED_PREGNANCY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return unsure_pregnancy(text)

    def first_reply(self, text: str) -> str | None:
        return FIRST_REPLY

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [partner_reply([folded, *earlier[: self.window]])] if _PARTNER.search(folded) else []
        replies += [NOT_READY_REPLY] if _NOT_READY.search(folded) else []
        return [*replies, FAMILY_FEAR_REPLY] if _FAMILY_FEAR.search(folded) else replies
