"""Living with chronic pain or illness: believed, the losses it brings grieved, no cures and no "it's stress".

Someone told the default 1.5B "I've had chronic pain for six years and the doctors keep telling me it's in my head". It
answered "Sometimes, it's not just physical - it can be related to other things, such as stress or anxiety. Have you
been experiencing any other symptoms?", the doctors' dismissal said again, then a medical interview. To "my friends
stopped inviting me places because I always cancel" it said "It's important to find ways to keep your friends
interested… Maybe you could try planning a small surprise", and to "I used to run marathons" "That's a great
accomplishment! Running marathons is an excellent way to stay active… What do you think of your training?"

:func:`chronic_pain` finds it told of oneself: "I've had chronic pain for six years", "I have fibromyalgia", "I live
with lupus", "my chronic illness keeps…" - not someone else's ("my mum has fibromyalgia"), not a passing ache. The first
telling gets :func:`first_reply`: believed ("What you're living with is real") when they say they are disbelieved, the
years named when said, "How is it today?"; the model answers a message that asks what to do or tells it in passing
(\"because I suffer from lupus\"). For :data:`WINDOW` messages (``CHRONIC_PAIN_KEY``) the model gets :data:`GUIDANCE`,
the turn counts as hurting, and :func:`doubt_guard` drops what doubts or fixes the pain ("it's not just physical",
"related to stress", "in your head", "have you tried yoga", "mind over matter", "stay positive", "any other symptoms?")
and what cheers a loss ("a great accomplishment", "a way to stay active"). Eight later messages get a fixed answer once
each: hating to need help (:func:`needing_help_reply`), a better day (:func:`better_reply`: glad, plainly), someone
close tired of it (:func:`worn_out_reply`; the 1.5B: \"Sometimes, it's about time to move on or find a new partner\"),
not knowing how to live like this (:func:`cant_live_reply`), the bad days (:func:`bad_days_reply`), friends drifting
away (:func:`friends_reply`), the life before ("I used to run marathons", :func:`before_reply`) and being disbelieved,
when the first message didn't say it (:func:`believed_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.topic_guard import TopicGuard

CHRONIC_PAIN_KEY = "care.chronic_pain"  # ctx.extras: the user's own chronic pain or illness, told recently
WINDOW = 10

_CONDITION = (
    r"(?:chronic\s+(?:pain|fatigue|illness|migraines?|back\s+pain|headaches)|fibromyalgia|fibro|me/cfs|long\s+covid|"
    r"lupus|endometriosis|ehlers[-\s]danlos|crps|complex\s+regional\s+pain\s+syndrome|constant\s+pain|daily\s+pain|"
    r"pain\s+every\s+(?:single\s+)?day)"
)
_TOLD = re.compile(
    r"\bi(?:\s+have|'ve)(?:\s+got|\s+had|\s+been\s+diagnosed\s+with|\s+been\s+in|\s+been\s+living\s+with)?\s+"
    + _CONDITION
    + r"\b|"
    r"\bi\s+(?:had|live\s+with|suffer\s+from|struggle\s+with|was\s+diagnosed\s+with|got\s+diagnosed\s+with)\s+"
    + _CONDITION
    + r"\b|"
    r"\bi(?:'m|\s+am)\s+(?:living\s+with|in)\s+" + _CONDITION + r"\b|"
    r"\bmy\s+(?:chronic\s+(?:pain|fatigue|illness)|fibromyalgia|fibro|long\s+covid|lupus|endometriosis)\s+(?:is|has|keeps|flared|"
    r"makes|means|won't|never)\b|\bi(?:'m|\s+am)\s+chronically\s+ill\b",
    re.IGNORECASE,
)
# told in passing, as the reason for something else ("i applied for a job… because i suffer from lupus. i didn't end
# up getting it"): the model answers the message, guided
_IN_PASSING = re.compile(r"\b(?:because|since|as|cause)\s+i\s+(?:suffer|have|live|'ve|am|'m)\b", re.IGNORECASE)
_NAMED = re.compile(_CONDITION + r"|chronic(?:ally)?\s+ill(?:ness)?")
_NOT_THIS = re.compile(
    r"\b(?:years\s+ago|used\s+to\s+have|when\s+i\s+was|cured|gone\s+now|no\s+longer\s+have|recovered|in\s+remission)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(
    r"\bfor\s+(?:over\s+|almost\s+|nearly\s+|more\s+than\s+)?(?P<len>(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty)\s+years)\b",
    re.IGNORECASE,
)
_DOUBTED = re.compile(
    r"\b(?:in|all\s+in)\s+my\s+head\b|\b(?:nobody|no\s+one|no-one|they|doctors?|people|my\s+family)\s+(?:\w+\s+)?(?:believes?|"
    r"believed)\s+me\b|\b(?:don't|do\s+not|didn't|won't|doesn't)\s+believe\s+me\b|\b(?:exaggerating|faking\s+it|making\s+it\s+up|"
    r"attention[-\s]seeking|just\s+anxiety|just\s+stress)\b|\bpsychosomatic\b",
    re.IGNORECASE,
)
_BAD_DAYS = re.compile(
    r"\b(?:can't|cannot|couldn't|could\s+not)\s+(?:even\s+)?(?:get\s+out\s+of\s+bed|get\s+up|get\s+dressed|shower|stand)\b|"
    r"\b(?:bad|worst)\s+(?:days?|flare)\b|\bflar(?:e|ing)\s+up\b|\bin\s+a\s+flare\b",
    re.IGNORECASE,
)
_FRIENDS = re.compile(
    r"\b(?:friends|people|everyone)\s+(?:have\s+)?(?:stopped|stop|don't|no\s+longer|never)\s+(?:\w+\s+)?(?:inviting|invite|asking|"
    r"ask|calling|call|texting|text|visiting|visit)\b|\balways\s+(?:have\s+to\s+)?cancel\b|\blost\s+(?:all\s+|most\s+)?(?:of\s+)?"
    r"my\s+friends\b|\bfriends\s+(?:gave\s+up|drifted|disappeared)\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    r"\bi\s+used\s+to\s+(?P<what>(?!have\b|be\s+able\b)[a-z][\w']*(?:\s+[\w']+){0,4}?)\s*(?=[.!?,;]|$|\s+(?:and|but|before|"
    r"every|until|when|all\s+the\s+time)\b)",
    re.IGNORECASE,
)
_BETTER = re.compile(
    r"\b(?:today|this\s+(?:morning|week))\s+(?:is|has\s+been|was)\s+(?:actually\s+|a\s+)?(?:a\s+)?(?:bit\s+|little\s+|lot\s+)?"
    r"(?:better|easier|good\s+day|better\s+day)\b|\b(?:a|having\s+a)\s+(?:good|better|okay|ok)\s+day\b|\bfeel(?:ing)?\s+(?:a\s+)?"
    r"(?:bit|little|lot)\s+better\b",
    re.IGNORECASE,
)
_WORN_OUT_CLOSE = re.compile(
    r"\b(?:he|she|they)(?:'s|\s+is|'re|\s+are|\s+seems?|\s+gets?|\s+(?:is|are)\s+getting)\s+(?:so\s+|really\s+)?(?:tired|sick|fed\s+up|"
    r"worn\s+out)\s+(?:of|with)\s+(?:it|this|all\s+(?:of\s+)?(?:it|this))\b",
    re.IGNORECASE,
)
_CANT_LIVE = re.compile(
    r"\b(?:don't|do\s+not|dont)\s+know\s+how\s+(?:to\s+)?(?:live|keep\s+(?:going|living))\s+like\s+this\b",
    re.IGNORECASE,
)
_NEEDING_HELP = re.compile(
    r"\bi\s+(?:just\s+|really\s+)?(?:hate|can't\s+stand|hate\s+having\s+to\s+keep)\s+(?:needing|asking\s+for|having\s+to\s+ask\s+for)\s+"
    r"(?:help|everything)\b|\bi\s+(?:just\s+|really\s+)?hate\s+being\s+(?:so\s+)?(?:dependent|useless|helpless)\b|\bi\s+feel\s+(?:so\s+)?useless\b",
    re.IGNORECASE,
)
_DOUBT = re.compile(
    r"\bnot\s+(?:just|only|all)\s+physical\b|\brelated\s+to\s+(?:\w+\s+){0,3}(?:stress|anxiety|depression|your\s+mind)\b|"
    r"\bin\s+your\s+head\b|\bpsychosomatic\b|\bmind\s+over\s+matter\b|\bstay\s+positive\b|\bpositive\s+(?:attitude|thinking)\b|"
    r"\b(?:have|had)\s+you\s+(?:tried|considered|thought\s+about)\b|\b(?:yoga|meditation|mindfulness|stretching|a\s+new\s+diet|"
    r"supplements|turmeric|essential\s+oils)\b|\bother\s+symptoms\b|\b(?:see|seen|talk\s+to|consult)\s+a\s+(?:doctor|specialist|"
    r"physio\w*)\b|\bkeep\s+(?:your|them)\s+(?:friends\s+)?interested\b|\bplan(?:ning)?\s+a\s+(?:small\s+)?surprise\b|"
    r"\b(?:great|impressive|amazing)\s+(?:accomplishment|achievement)\b|\bway\s+to\s+stay\s+(?:active|fit|healthy)\b|"
    r"\byour\s+training\b|\bmove\s+on\b|\b(?:new|different|another)\s+partner\b|\btired\s+of\s+(?:their|the|your)\s+relationship\b|"
    r"\b(?:leave|end|break\s+up\s+with)\s+(?:him|her|them|the\s+relationship)\b|\bget\s+back\s+(?:into|to)\s+(?:it|running|shape)\b|\bpush\s+through\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They live with chronic pain or illness. Believe them; never suggest it is stress, anxiety or 'in their head'. "
    "No cures, exercises, diets or 'stay positive', no medical questions, and don't tell them to see a doctor. "
    "Acknowledge what it has cost them - plans, friends, the life before - and cheer none of those losses."
)


def _found(text: str) -> re.Match[str] | None:
    folded = text.replace("\u2019", "'")
    if _NOT_THIS.search(folded):
        return None
    return _TOLD.search(folded)


def chronic_pain(text: str) -> bool:
    """ "I've had chronic pain for six years", "I have fibromyalgia", "my chronic illness keeps…" - one's own."""
    return _found(text) is not None


def _what(text: str) -> str:
    """What they live with, as it reads after "Living with": "pain", "lupus", "a chronic illness"."""
    m = _NAMED.search(text.replace("\u2019", "'").lower())
    said = " ".join(m.group(0).split()) if m else "chronically ill"
    if re.search(r"pain|fibro|migraine|headache|crps|endometriosis", said):
        return "pain"
    if "ill" in said:
        return "a chronic illness"
    return {"me/cfs": "ME/CFS", "long covid": "long COVID", "ehlers danlos": "Ehlers-Danlos"}.get(said, said)


def first_reply(text: str) -> str:
    """The first answer: believed when they say they are doubted; the years named; how is it today."""
    if _found(text) is None:
        raise ValueError("first_reply needs a message that chronic_pain() finds")
    folded = text.replace("\u2019", "'")
    years = _YEARS.search(folded)
    what = _what(text)
    if _DOUBTED.search(folded):
        span = f"{years.group('len').lower()} of {what.removeprefix('a ')}" if years else f"Living with {what}"
        doubt = "having it waved away" if re.search(r"\bmy\s+head\b", folded, re.I) else "not being believed"
        return (
            f"{span[:1].upper()}{span[1:]}, and then {doubt} - that's its own hurt, on top of "
            f"everything else. What you're living with is real. Being doubted by the people who are meant to help "
            "wears anyone down. How is it today?"
        )
    days = f", for {years.group('len').lower()}," if years else ""
    return (
        f"Living with {what} day after day{days} is exhausting in a way the people around you often can't see. I'm "
        "really glad you told me. How is it today?"
    )


def bad_days_reply(told: Sequence[str]) -> str:
    """To "some days I can't even get out of bed": those are pain days, not lazy days; getting through counts."""
    return (
        "On days like that, everything costs so much more, and getting through the day at all counts. Those aren't "
        "lazy days - they're pain days. How is today?"
    )


def friends_reply(told: Sequence[str]) -> str:
    """To "my friends stopped inviting me because I always cancel": lonely; not a bad friend - the pain chose."""
    return (
        "That's such a lonely part of it - cancelling because your body won't let you go, and then the invitations "
        "stopping. It doesn't make you a bad friend; the pain took the choice away. It makes sense that it hurts."
    )


def before_reply(told: Sequence[str]) -> str:
    """To "I used to run marathons": the pain took that too; missing it is grief."""
    m = _BEFORE.search(told[0]) if told else None
    what = " ".join(m.group("what").split()) if m else ""
    who = f" - the you who used to {what}" if what else ""
    return (
        f"And it took that from you too{who}. Missing that is real grief, for the body and the life you had. What was "
        "it like for you?"
    )


def better_reply(told: Sequence[str]) -> str:
    """To "today is actually a bit better": glad, plainly - a better day matters (the hurting rule drops the model's
    own "That's great to hear!")."""
    return "Oh, I'm really glad. A better day matters, even a bit better. What's today been like?"


def worn_out_reply(told: Sequence[str]) -> str:
    """To "my partner tries but I can tell he's tired of it": hard to need support and watch it cost someone; tired of
    the pain is not tired of them (the 1.5B: "Sometimes, it's about time to move on or find a new partner")."""
    m = _WORN_OUT_CLOSE.search(told[0]) if told else None
    said = m.group(0).lower() if m else ""
    she, her = (
        ("she", "her") if said.startswith("she") else ("they", "them") if said.startswith("they") else ("he", "him")
    )
    being = "them being" if she == "they" else f"{her} being"
    return (
        "That's such a hard thing to feel - needing support, and watching someone you love get worn down by it. "
        f"{being.capitalize()} tired of the pain isn't the same as {being} tired of you. It makes sense that it weighs "
        "on you."
    )


def cant_live_reply(told: Sequence[str]) -> str:
    """To "I just don't know how to live like this" (after a no to the direct question): heard, not fixed."""
    return (
        "Thank you for telling me - I believe you. Not knowing how to keep living like this, with pain that doesn't "
        "let up, is an awful place to be, and anyone would be worn through. You don't have to have an answer tonight. "
        "What's the hardest part of it right now?"
    )


def needing_help_reply(told: Sequence[str]) -> str:
    """To "I just hate needing help" (the 1.5B: "Can you tell me more about why you think you need help?")."""
    return (
        "Needing help when you used to manage on your own is one of the hardest parts of this - it can feel like "
        "losing a piece of who you are. But needing help doesn't make you a burden, or any less yourself."
    )


def believed_reply(told: Sequence[str]) -> str:
    """To "nobody believes me" later on: believed here; disbelief is its own hurt."""
    return (
        "I believe you. Your pain is real, whatever anyone has made of it - and being doubted, over and over, is its "
        "own hurt on top of the pain itself."
    )


def doubts(sentence: str) -> bool:
    """Whether a reply sentence doubts or tries to fix the pain, or cheers what it cost."""
    return _DOUBT.search(sentence.replace("\u2019", "'")) is not None


def doubt_guard() -> TopicGuard:
    """The reply guard that drops "it's not just physical" and "have you tried yoga" while chronic pain is in view."""
    return TopicGuard(CHRONIC_PAIN_KEY, doubts)


class ChronicPainStage(ThreadStage):
    """One's own chronic pain in view: a first answer, the guidance line, eight answers given once each."""

    key = CHRONIC_PAIN_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = (
        (_BAD_DAYS, bad_days_reply),
        (_FRIENDS, friends_reply),
        (_BEFORE, before_reply),
        (_DOUBTED, believed_reply),
        (_BETTER, better_reply),
        (_WORN_OUT_CLOSE, worn_out_reply),
        (_CANT_LIVE, cant_live_reply),
        (_NEEDING_HELP, needing_help_reply),
    )

    def told(self, text: str) -> bool:
        return chronic_pain(text)

    def first_reply(self, text: str) -> str | None:
        if asks_for_advice(text) or _IN_PASSING.search(text.replace("\u2019", "'")):
            return None
        return first_reply(text)
