"""Trying for a baby that doesn't come: the monthly grief heard, no "just relax", no congratulations on others' news.

Someone told the default 1.5B "another negative test this morning. we've been trying for two years", "my sister just
announced she's pregnant. I'm happy for her but I cried in the bathroom", "everyone keeps telling me to just relax and
it'll happen" and "I feel like my body is broken". It answered "it's wonderful that you're trying so hard", then
"That's wonderful news! Congratulations to your sister.", then "Sometimes things just take a little longer than we
expect" (the very line they had just said hurts), then "Your body is a wonderful tool, and it's important to take care
of it". Infertility affects about one in six people in their lifetime (WHO, 2023); each month's hope and loss is a
grief of its own, and "just relax" tells them it is their fault.

:func:`trying_without_luck` finds it: "another negative test" with trying in view, "we've been trying for two years",
"our IVF failed", "the transfer didn't work", "I can't get pregnant", infertility. The first telling gets
:func:`first_reply` (the length they said, the grief that comes back every month). For :data:`WINDOW` messages
(``FERTILITY_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`fertility_guard` drops
"just relax", "it'll happen when…", "meant to be", adoption or IVF suggestions, "keep trying" and congratulations.
Three later messages get a fixed answer once each: someone else's pregnancy (:func:`their_news_reply`: both things
true at once), "everyone says just relax" (:data:`JUST_RELAX_REPLY`: a medical condition, not their fault) and "my body
is broken" (:data:`BROKEN_REPLY`: one in six; nothing about their worth).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

FERTILITY_KEY = "care.fertility"  # ctx.extras: trying for a baby without success told in this conversation
WINDOW = 10

_SPAN = (
    r"(?:(?:over|almost|nearly|more\s+than)\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|eighteen)\s+(?:months?|years?)"
)
_TRYING = re.compile(
    rf"\b(?:we(?:'ve|\s+have)?|i(?:'ve|\s+have)?)\s+been\s+trying(?:\s+(?:to\s+(?:conceive|get\s+pregnant|have\s+a\s+baby)|"
    rf"for\s+a\s+baby))?\s+(?:for\s+)?(?P<span>{_SPAN})\b(?!\s+(?:to|at|on|with|now\s+to)\b)|"
    r"\b(?:our|my|the)\s+(?:\w+\s+)?(?:ivf|icsi|iui|transfer|embryo\s+transfer|round)\s+(?:failed|didn't\s+work|did\s+not\s+work|"
    r"was\s+negative|came\s+back\s+negative)\b|\b(?:ivf|the\s+transfer)\s+(?:failed|didn't\s+work)\b|"
    r"\bi\s+(?:can't|cannot|can\s+not)\s+(?:seem\s+to\s+)?get\s+pregnant\b|\b(?:my|our)\s+infertility\b|"
    r"\bwe(?:'re|\s+are)\s+(?:dealing\s+with|going\s+through|struggling\s+with)\s+infertility\b|"
    r"\b(?:another|a|one\s+more)\s+negative\s+pregnancy\s+test\b|\bi\s+(?:got|had)\s+my\s+period\s+again\b[^.!?]{0,40}\btrying\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"\b(?:another|a|one\s+more|yet\s+another)\s+negative(?:\s+test)?\b|\bbfn\b", re.IGNORECASE)
_CONTEXT = re.compile(r"\b(?:trying|pregnan\w*|baby|conceive|ttc|ivf|period|cycle)\b", re.IGNORECASE)
_THEIR_NEWS = re.compile(
    r"\b(?:my\s+)?(?P<who>sister|brother|best\s+friend|friend|cousin|coworker|colleague|sister-in-law|brother-in-law|"
    r"neighbou?r)\s+(?:just\s+)?(?:announced|told\s+(?:us|me|everyone)|is|'s|are|'re)\s+(?:that\s+)?(?:she's\s+|she\s+is\s+|"
    r"they're\s+|they\s+are\s+)?(?:pregnant|expecting|having\s+a\s+baby)\b|\b(?:another\s+)?pregnancy\s+announcement\b|"
    r"\bbaby\s+shower\b",
    re.IGNORECASE,
)
_JUST_RELAX = re.compile(
    r"\bjust\s+relax\b|\bit(?:'ll|\s+will)\s+happen\s+when\b|\bstop\s+trying\s+and\b|\b(?:just\s+)?adopt\b|"
    r"\b(?:everyone|people|they)\s+(?:keeps?\s+|all\s+)?(?:telling|saying|says|tell)\b[^.!?]{0,40}\b(?:relax|stress|happen)\b",
    re.IGNORECASE,
)
_BROKEN = re.compile(
    r"\bmy\s+body\s+(?:is\s+|feels\s+)?(?:broken|failing|failing\s+me|betraying\s+me|useless|hates\s+me)\b|"
    r"\bi(?:'m|\s+am)\s+(?:broken|defective|a\s+failure\s+as\s+a\s+(?:woman|wife|man|husband))\b|"
    r"\bwhat(?:'s|\s+is)\s+wrong\s+with\s+my\s+body\b|\bi\s+feel\s+(?:so\s+)?(?:broken|defective)\b",
    re.IGNORECASE,
)
_HURTFUL = re.compile(
    r"(?<!['\"\u2018\u201c])\bjust\s+relax\b|\bit(?:'ll|\s+will)\s+(?:happen|come)\s+(?:when|in\s+time|eventually|soon)\b|\bmeant\s+to\s+be\b|"
    r"\beverything\s+happens\s+for\s+a\s+reason\b|\b(?:considered|consider|thought\s+about|think\s+about)\s+(?:adoption|adopting|"
    r"ivf|fostering)\b|\bkeep\s+trying\b|\bdon't\s+give\s+up\b|\bcongratulat\w*|\b(?:wonderful|great|exciting|happy)\s+news\b|"
    r"\b(?:wonderful|great)\s+that\s+you(?:'re|\s+are)\s+trying\b|\btake\s+a\s+(?:little\s+)?(?:bit\s+)?longer\b|"
    r"\bwonderful\s+tool\b|\bstress\s+(?:can|could|may)\s+(?:affect|cause|make)\b|\bat\s+least\s+you\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They have been trying for a baby without success. Never say 'just relax', 'it will happen', 'meant to be', 'at "
    "least…', never suggest adoption, IVF or trying harder, and never congratulate anyone's pregnancy. Each month's "
    "hope and loss is a grief; say so. Infertility is a medical condition and not their fault. Ask how they are "
    "holding up, and whether they have support."
)

JUST_RELAX_REPLY = (
    "I'm sorry - 'just relax' is one of the most painful things people say, even when they mean well. Infertility "
    "isn't something you cause by worrying; it's a medical condition, and being told to relax makes it sound like "
    "your fault. It isn't. You're allowed to tell people that it doesn't help."
)
BROKEN_REPLY = (
    "Your body isn't broken, and you aren't failing. Infertility is a medical condition - about one in six people "
    "face it at some point in their lives - and it says nothing about your worth, or about the parent you'd be. It's "
    "so painful when the thing you want most won't come. Who has been with you in this?"
)


def trying_without_luck(text: str) -> bool:
    """ "another negative test… we've been trying for two years", "our IVF failed", "I can't get pregnant"."""
    folded = text.replace("\u2019", "'")
    if _TRYING.search(folded):
        return True
    return _NEGATIVE.search(folded) is not None and _CONTEXT.search(folded) is not None


def first_reply(text: str) -> str:
    """The first answer: the grief that comes back every month, with the length they said."""
    match = _TRYING.search(text.replace("\u2019", "'"))
    span = match.group("span") if match and match.group("span") else None
    hoping = f"after {span} of hoping" if span else "after so much hoping"
    return (
        f"I'm so sorry. Another no {hoping} - that's a grief that comes back again and again, and it's exhausting "
        "to keep hoping and then lose it. How are you doing today?"
    )


_THEIR = {"sister": "her", "sister-in-law": "her", "brother": "his", "brother-in-law": "his"}


def their_news_reply(text: str) -> str:
    """To "my sister just announced she's pregnant… I cried": both things true at once, no guilt for the tears."""
    match = _THEIR_NEWS.search(text.replace("\u2019", "'"))
    who = match.group("who").lower() if match and match.group("who") else ""
    their = _THEIR.get(who, "their")
    person, them = (f"your {who}", {"her": "her", "his": "him"}.get(their, "them")) if who else ("them", "them")
    cried = (
        f" Crying afterwards doesn't make you a bad person; {their} news pressed right on something huge you're "
        "carrying."
        if re.search(r"\bcr(?:y|ied|ying)\b|\btears\b", text, re.IGNORECASE)
        else ""
    )
    return (
        f"Both of those can be true at once - you can love {person} and be happy for {them}, and still have it land "
        f"like a blow.{cried} It's okay to take some space from baby talk while it hurts this much."
    )


def hurts(sentence: str) -> bool:
    """Whether a sentence of a reply says what hurts here ("just relax", "it'll happen", congratulations)."""
    return _HURTFUL.search(sentence.replace("\u2019", "'")) is not None


def fertility_guard() -> TopicGuard:
    """The reply guard that drops "just relax", "keep trying" and congratulations while trying is in view."""
    return TopicGuard(FERTILITY_KEY, hurts)


class FertilityStage(ThreadStage):
    """Trying without success in view: a fixed first answer, the guidance line, three answers given once each."""

    key = FERTILITY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return trying_without_luck(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        replies = [their_news_reply(text)] if _THEIR_NEWS.search(folded) else []
        if _JUST_RELAX.search(folded):
            replies.append(JUST_RELAX_REPLY)
        if _BROKEN.search(folded):
            replies.append(BROKEN_REPLY)
        return replies
