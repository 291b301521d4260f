"""Someone they love seriously ill: the upheaval met, the user asked after, no "she'll be fine", no statistics.

Someone told the default 1.5B "My mum has cancer. She starts chemo next week." It answered, on one run, "Oh no, that's a
very serious situation. Remember, she's your mum, and you're always there for her." (the guards had dropped "It's
important to speak to your mum about how she's feeling and what she needs to do next"), on another "How is she feeling
about the chemo?" - the mother asked after, never the one who wrote. "I have to be strong for her, I can't cry in front
of her" drew "How is she doing?" once the guards had dropped "I can't see why you need to be strong for her". And "I'm
scared she's going to die" ran the suicide crisis protocol (a false match of "going to die", fixed in the crisis lexicon
in the same stop).

:func:`loved_one_ill` finds it: someone close diagnosed with a serious illness ("my mum has cancer", "my dad was
diagnosed with leukaemia", "my wife was diagnosed with early onset alzheimer's"), a stroke or heart attack ("my husband
had a stroke"), or in intensive care ("my sister is in the ICU") - not a pet (the affect stage's pet line), not dementia
lived with for a while (``not_recognised``, ``carer``), and not someone who cares for them (``carer`` answers first).
The first telling gets :func:`first_reply` (the shock named, the treatment ahead when they said it, "How are you holding
up?"), unless the message asks what to do. For :data:`WINDOW` messages (``LOVED_ONE_ILL_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`false_hope_guard` drops promises either way ("she'll be fine",
"she's a fighter", "stay positive", "very treatable", survival rates, "don't worry", "Remember, she's your mum"). Five
later messages get a fixed answer once each: the fear they will die (:func:`fear_reply`), having to be strong in front
of them (:func:`strong_reply`), being far away and useless (:func:`far_reply`), not knowing what to say to them
(:func:`words_reply`) and "she's always been the strong one" (:func:`role_reply`; the 1.5B had asked "Do you have any
thoughts about how you can help her through this time?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import hypothetical
from amity.care.health_scare import guesses
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import person_told
from amity.safety.topic_guard import TopicGuard

LOVED_ONE_ILL_KEY = "care.loved_one_ill"  # ctx.extras: someone close seriously ill, told in this conversation
WINDOW = 10

_PERSON = (
    r"(?P<who>(?:\w+\s+)?(?:mom|mum|mother|dad|father|grandma|grandmother|grandpa|grandfather|grandad|granddad|granny|nan|"
    r"nana|husband|wife|partner|son|daughter|brother|sister|best\s+friend|friend|aunt|uncle|cousin|boyfriend|girlfriend|"
    r"fianc[ée]e?|baby))"
)
_ILLNESS = (
    r"(?P<illness>(?:\w+\s+)?(?:cancer|leuka?emia|lymphoma|a\s+(?:brain\s+)?tumou?r|motor\s+neurone\s+disease|als|"
    r"heart\s+failure|kidney\s+failure|sepsis))"
)
_TOLD = re.compile(
    rf"\b(?:my|our)\s+{_PERSON}\s+(?:(?:has|'s\s+got|has\s+got|was\s+diagnosed\s+with|got\s+diagnosed\s+with|has\s+been\s+"
    rf"diagnosed\s+with|'s\s+been\s+diagnosed\s+with|just\s+found\s+out\s+(?:she|he|they)\s+has)\s+{_ILLNESS}|"
    r"(?:had|has\s+had|just\s+had|'s\s+had|suffered)\s+(?P<event>a\s+(?:massive\s+|major\s+|serious\s+|big\s+)?(?:stroke|"
    r"heart\s+attack))|(?:is|was|'s)\s+(?:\w+\s+)?(?:in|back\s+in)\s+(?P<icu>(?:the\s+)?(?:icu|intensive\s+care|a\s+coma)))\b"
)
# a fresh diagnosis of a condition that lasts ("my wife was diagnosed with early onset alzheimer's last week"); "my mum
# has dementia" alone is a life already lived with, which the carer and not-recognised stages meet
_DIAGNOSED = re.compile(
    rf"\b(?:my|our)\s+{_PERSON}\s+(?:was|got|has\s+been|'s\s+been|has\s+just\s+been|just\s+got)\s+diagnosed\s+with\s+"
    r"(?P<illness>(?:early[-\s]onset\s+|young[-\s]onset\s+)?(?:dementia|alzheimer'?s|parkinson'?s|ms|multiple\s+sclerosis))\b"
)
_NAMES = {"alzheimer's": "Alzheimer's", "alzheimers": "Alzheimer's", "parkinson's": "Parkinson's",
          "parkinsons": "Parkinson's", "ms": "MS", "als": "ALS"}  # fmt: skip
_PROPER = re.compile(r"\b(?:alzheimer'?s|parkinson'?s|ms|als)\b")
_NOT_THIS = re.compile(  # a carer's own theme, an illness long past or overcome
    r"\b(?:i\s+(?:look\s+after|care\s+for|take\s+care\s+of|nurse)|carer|caregiver|years\s+ago|"
    r"when\s+i\s+was|in\s+remission|all\s+clear|cancer[-\s]free|beat\s+it|"
    # a death told, or a story that ended: the grief lines and the model answer those
    r"died|passed\s+away|passed\s+on|funeral|didn'?t\s+(?:live|make\s+it|survive)|did\s+not\s+(?:live|make\s+it|survive)|"
    r"last\s+(?:year|month|summer|winter|spring|autumn|fall)|(?:a|an|one|\d+|two|three|four|five|six)\s+(?:months?|weeks?|years?)\s+"
    r"ago|(?:months|weeks|years)\s+ago|when\s+my|recovered|thankfully|"
    r"(?:better|fine|okay|ok|home)\s+now|made\s+a\s+full\s+recovery)\b",
    re.IGNORECASE,
)
_TREATMENT = re.compile(
    r"\b(?:starts?|begins?|has|is\s+having|goes\s+in\s+for|'s\s+having)\s+(?P<what>chemo(?:therapy)?|radiotherapy|radiation|"
    r"surgery|an\s+operation|treatment|immunotherapy)\s+(?P<when>next\s+week|tomorrow|on\s+\w+day|this\s+week|next\s+month|"
    r"in\s+(?:a|two|three|\d+)\s+(?:days?|weeks?))\b",
    re.IGNORECASE,
)
_FEAR = re.compile(
    r"\b(?:scared|afraid|terrified|frightened|worried)\s+(?:that\s+)?(?:she|he|they|my\s+\w+)(?:'s|\s+is|'re|\s+are|\s+will|"
    r"'ll|\s+might|\s+may|\s+could)\s+(?:going\s+to\s+)?(?:die|not\s+make\s+it|not\s+survive)\b|\bwhat\s+if\s+(?:she|he|they)\s+"
    r"(?:dies|die|doesn't\s+make\s+it|don't\s+make\s+it|doesn't\s+survive|doesn't\s+get\s+better)\b|\b(?:can't|cannot)\s+lose\s+"
    r"(?:her|him|them)\b",
    re.IGNORECASE,
)
_STRONG = re.compile(
    r"\b(?:have|need|got)\s+to\s+(?:be|stay)\s+strong\b|\b(?:can't|cannot|won't)\s+(?:cry|fall\s+apart|break\s+down|let\s+"
    r"(?:her|him|them)\s+see)\b|\bholding\s+it\s+(?:all\s+)?together\b",
    re.IGNORECASE,
)
_FAR = re.compile(
    r"\b(?:live|am|i'm|living)\s+(?:\w+\s+){0,2}(?:hours?|miles|km|kilometres|an\s+ocean|a\s+flight)\s+away\b|\b(?:so\s+)?far\s+"
    r"away\b|\b(?:can't|cannot|couldn't)\s+be\s+there\b|\bfeel\s+(?:so\s+)?(?:useless|helpless|powerless)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"\b(?:don't|do\s+not|never)\s+know\s+(?:what\s+to\s+say|how\s+to\s+(?:act|be|talk\s+to\s+(?:her|him|them)))\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:she|he|they|mum|mom|dad)(?:'s|\s+has|\s+was|\s+is|'ve|\s+have)\s+(?:always\s+)?(?:been\s+)?the\s+strong\s+one\b|"
    r"\balways\s+(?:took|takes|taken)\s+care\s+of\s+(?:everyone|everybody|us|me)\b|\bthe\s+one\s+who\s+(?:always\s+)?"
    r"(?:holds|held|kept)\s+(?:us|everyone|everything|the\s+family)\b",
    re.IGNORECASE,
)
_FALSE_HOPE = re.compile(
    r"\b(?:she|he|they)(?:'ll|\s+will|'s\s+going\s+to|\s+is\s+going\s+to|'re\s+going\s+to)\s+(?:be\s+(?:fine|okay|ok|alright|all\s+"
    r"right)|pull\s+through|beat\s+(?:this|it|cancer)|get\s+through\s+this)\b|\beverything\s+(?:will|is\s+going\s+to)\s+be\s+"
    r"(?:fine|okay|ok|alright)\b|\b(?:a|such\s+a)\s+fighter\b|\bstay\s+(?:positive|strong)\b|\bpositive\s+(?:attitude|thinking)\b|"
    r"\b(?:very\s+|highly\s+|so\s+)?treatable\b|\bsurvival\s+rates?\b|\bcould\s+(?:be|have\s+been)\s+worse\b|\bat\s+least\b|"
    r"\bcaught\s+(?:it\s+)?early\b|^\W*remember,?\s+(?:she|he|they)(?:'s|\s+is|'re|\s+are)\b|\bserious\s+situation\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone they love is seriously ill. Be with them in the fear and the upheaval: no promises it will be fine, no "
    "'stay positive', no statistics, no guesses either way, no tasks. Ask how they themselves are doing, not only "
    "how the one who is ill is."
)


def _found(text: str) -> re.Match[str] | None:
    low = text.replace("\u2019", "'").lower()
    if _NOT_THIS.search(low):
        return None
    found = (m for p in (_TOLD, _DIAGNOSED) for m in p.finditer(low) if not hypothetical(low, m.start()))
    return next(found, None)


def loved_one_ill(text: str) -> bool:
    """ "my mum has cancer", "my husband had a stroke", "my sister is in the ICU" - someone close seriously ill."""
    return _found(text) is not None


def _person(told: Sequence[str]) -> tuple[str, str, str, str]:
    """(who, she, her, her) for the one who is ill: ("your mum", "she", "her", "her")."""
    return person_told(told, _found)


def first_reply(text: str) -> str:
    """The first answer: sorry; the shock named (and the treatment ahead, when said); how are they holding up."""
    m = _found(text)
    if m is None:
        raise ValueError("first_reply needs a message that loved_one_ill() finds")
    who, _she, _her, his = _person([text])
    if m.groupdict().get("icu"):
        place = "intensive care" if "icu" in m.group("icu") or "intensive" in m.group("icu") else "a coma"
        shock = f"Having {who} in {place} is so frightening - all the waiting and the not knowing."
    elif m.groupdict().get("event"):
        what = " ".join(m.group("event").split()[1:])
        shock = f"{who.capitalize()} having a {what} - that's such a shock, and so much to take in at once."
    else:
        illness = _PROPER.sub(lambda n: _NAMES[n.group(0)], " ".join(m.group("illness").split()))
        shock = f"Finding out {who} has {illness} turns everything upside down."
    treatment = _TREATMENT.search(text.replace("\u2019", "'"))
    if treatment:
        what = re.sub(r"^an\s+", "", treatment.group("what").lower())
        shock = f"{shock[:-1]}, and with {his} {what} {treatment.group('when').lower()} there's so much to take in."
    return f"Oh, I'm so sorry. {shock} How are you holding up?"


def fear_reply(told: Sequence[str]) -> str:
    """To "I'm scared she's going to die": the fear is love's other side; no promise; not held alone."""
    _who, _she, her, _his = _person(told)
    return (
        f"Of course you're scared - that fear is the other side of how much you love {her}. No one can promise how "
        "this will go, and I won't pretend to. But you don't have to hold the fear on your own. You can say it here, "
        "as often as it comes."
    )


def strong_reply(told: Sequence[str]) -> str:
    """To "I have to be strong for her, I can't cry in front of her": love, and exhausting; here they can let go."""
    _who, _she, her, _his = _person(told)
    return (
        f"Holding it together in front of {her} is a kind of love - and it's exhausting. You don't have to be strong "
        "every minute. Here you can cry, or say the frightening things out loud, and you don't have to protect anyone."
    )


def far_reply(told: Sequence[str]) -> str:
    """To "I live three hours away and I feel so useless": its own kind of hard; useless is not what they are."""
    _who, she, _her, his = _person(told)
    goes = "go" if she == "they" else "goes"
    return (
        f"Being far away while {she} {goes} through this is its own kind of hard - you can't do the small things, "
        "and the helplessness can feel worse than the distance. Feeling useless isn't the same as being useless: "
        f"you're still in {his} corner, from wherever you are."
    )


def words_reply(told: Sequence[str]) -> str:
    """To "I don't know what to say to her": there's no script; being there matters more than words."""
    _who, she, her, _his = _person(told)
    wants = "want" if she == "they" else "wants"
    return (
        "There's no right script for this, and almost everyone feels that. Often what matters isn't the perfect "
        f"words but being there - ordinary talk, and letting {her} lead when {she} {wants} to talk about it. It's "
        f"okay to tell {her} you don't know what to say."
    )


def role_reply(told: Sequence[str]) -> str:
    """To "she's always been the strong one in our family": the one who held everyone now needs holding."""
    _who, she, _her, _his = _person(told)
    needs = "need" if she == "they" else "needs"
    return (
        f"And now the one who always held everyone together is the one who {needs} holding. That turns a whole "
        "family upside down, and it makes sense if you don't know yet where you fit in it."
    )


def false_hope(sentence: str) -> bool:
    """Whether a reply sentence promises an outcome, either way, or tells them to stay positive."""
    folded = sentence.replace("\u2019", "'")
    return _FALSE_HOPE.search(folded) is not None or guesses(folded)


def false_hope_guard() -> TopicGuard:
    """The reply guard that drops "she'll be fine" and "stay positive" while someone close is seriously ill."""
    return TopicGuard(LOVED_ONE_ILL_KEY, false_hope)


class LovedOneIllStage(ThreadStage):
    """Someone close seriously ill in view: a first answer, the guidance line, five answers given once each."""

    key = LOVED_ONE_ILL_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = (
        (_FEAR, fear_reply),
        (_STRONG, strong_reply),
        (_FAR, far_reply),
        (_WORDS, words_reply),
        (_ROLE, role_reply),
    )

    def told(self, text: str) -> bool:
        return loved_one_ill(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
