"""A pet who died: grief for family, not "just a dog"; no "how is he doing?", no new puppy, the guilt of the choice met.

Someone told the default 1.5B "we had to put our dog down this morning" and then "he was 14. i had him since i was in
uni". With the grieving line in its prompt it answered "How is your dog doing now?", and on another run "What happened
with your dog? Is there anything you would like to say about the person or how they are managing?" (the line copied),
then "Did you have him for a long time?" to fourteen years, and "Wow, that's amazing." Losing an animal who was there
every day is grief, often lonelier for being treated as smaller.

:func:`pet_died` finds it: a death told (:func:`amity.affect.loss.find_loss` says "grieving") of a dog, cat, pet,
puppy, kitten or horse ("my dog died", "we had to put our cat to sleep", "I lost my dog today") - not a pet near the
end, which the affect stage's pet line and "how do you know when it's time?" answer already. The first telling gets
:func:`first_reply` (letting them go as the last kind thing, when they were put to sleep), unless it is a memory
("when I was a kid", "years ago"). For :data:`WINDOW` messages (``PET_LOSS_KEY``) the model gets :data:`GUIDANCE`,
the turn counts as hurting, and :func:`pet_grief_guard` drops "get another dog", "a new puppy", "at least", "just a
dog", "amazing", "wow", "move on" and "did you have him for a long time". Six later messages get a fixed answer once
each: their years together (:func:`years_reply`), doubt about the choice (:func:`doubt_reply`), the quiet house and
habits (:func:`quiet_reply`), "it's only a dog" (:func:`only_a_pet_reply`), being expected back at work as normal
(:data:`EXPECTED_REPLY`) and a story of them (:func:`story_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.loss import find_loss
from amity.care.thread import ThreadStage
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard

PET_LOSS_KEY = "care.pet_loss"  # ctx.extras: a pet's death told in this conversation
WINDOW = 10

_PET = re.compile(r"\b(?:dog|cat|pet|puppy|kitten|horse|pup|doggo|kitty)\b", re.IGNORECASE)
_PUT_DOWN = re.compile(r"\bput\s+(?:\w+\s+){1,3}(?:down|to\s+sleep)\b|\beuthani[sz]", re.IGNORECASE)
_MEMORY = re.compile(  # a memory, or a dog lost and found again: the model answers, guided
    r"\bwhen\s+i\s+was\b|\byears?\s+ago\b|\bgrowing\s+up\b|\bas\s+a\s+(?:kid|child)\b|\bchildhood\b|\bfrom\s+when\b|"
    r"\b(?:found|got)\s+(?:him|her|them|my\s+\w+)\s+back\b|\bhad\s+my\s+\w+\s+with\s+them\b",
    re.IGNORECASE,
)
_YEARS = re.compile(
    r"\b(?:he|she|they)\s+(?:was|were)\s+(?P<age>\d{1,2}|fourteen|fifteen|sixteen|twelve|thirteen|ten|eleven)\b|"
    r"\bhad\s+(?:him|her|them)\s+(?:since|for)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"\bsince\s+(?:i\s+was\s+(?:in\s+|at\s+)?)?(?P<when>uni|university|college|school|high\s+school|a\s+(?:kid|child|"
    r"teenager)|\d{1,2}|my\s+divorce|i\s+moved\s+here)\b",
    re.IGNORECASE,
)
_DOUBT = re.compile(
    r"\b(?:did\s+i\s+do\s+the\s+right\s+thing|was\s+it\s+(?:the\s+right\s+(?:thing|call|decision)|too\s+soon|too\s+early)|"
    r"too\s+soon|should\s+have\s+(?:waited|noticed|seen|taken|known|done)|my\s+fault|i\s+(?:killed|gave\s+up\s+on)\s+(?:him|her|"
    r"them)|feel\s+(?:so\s+)?guilty)\b",
    re.IGNORECASE,
)
_QUIET = re.compile(
    r"\b(?:house|flat|home|apartment|place)\s+(?:is|feels)\s+so\s+(?:quiet|empty|silent)\b|\bso\s+(?:quiet|empty)\s+without\b|"
    r"\bkeep\s+(?:expecting|looking\s+for|listening\s+for|reaching\s+for)\b|\b(?:can't|cannot|couldn't)\s+(?:bring\s+myself\s+"
    r"to\s+)?(?:move|put\s+away|wash|throw\s+away|touch|look\s+at)\s+(?:his|her|their)\b|\b(?:his|her|their)\s+(?:bowl|lead|leash|"
    r"bed|collar|toys?|blanket)\s+(?:is|are)\s+still\b",
    re.IGNORECASE,
)
_ONLY_A_PET = re.compile(
    r"\b(?:just|only)\s+a\s+(?:dog|cat|pet|horse)\b|\bsilly\s+to\s+be\s+(?:this|so)\s+upset\b|\b(?:no\s*one|nobody|people)\s+"
    r"(?:gets|understands|get|understand)\b|\bpathetic\b|\boverreacting\b",
    re.IGNORECASE,
)
_STORY = re.compile(r"\b(?:he|she|they)\s+(?:used\s+to|always|would\s+always|loved)\b", re.IGNORECASE)
_EXPECTED = re.compile(
    r"\b(?:boss|work|manager|job|school|teacher|everyone)\s+(?:said|says|expects?|thinks?|wants?)\b.*\b(?:fine|in|back|"
    r"normal|tomorrow|monday|get\s+over)\b",
    re.IGNORECASE,
)
_UNKIND = re.compile(
    r"\b(?:get|getting|adopt|adopting)\s+(?:a\s+)?(?:new|another)\s+(?:dog|cat|pet|puppy|kitten)\b|\bnew\s+(?:puppy|kitten)\b|"
    r"\bat\s+least\b|\bjust\s+a\s+(?:dog|cat|pet)\b|\bamazing\b|\bwow\b|\bmove\s+on\b|\bhave\s+(?:him|her|them)\s+for\s+a\s+long\s+"
    r"time\b|\babout\s+the\s+person\s+or\b",
    re.IGNORECASE,
)

EXPECTED_REPLY = (  # to "my boss said I should be fine to come in tomorrow"
    "Being expected to carry on the next morning as if nothing happened is one of the hard parts of losing an "
    "animal - the world doesn't give it the room it deserves. However tomorrow goes, this is real grief, and it "
    "makes sense if you're not fine."
)
GUIDANCE = (
    "Their pet died. That is grief for a member of the family: say so warmly. Never suggest another pet, never "
    "'at least' or 'just a dog', nothing cheerful. If you ask anything, ask what the animal was like."
)


def pet_died(text: str) -> bool:
    """ "my dog died", "we had to put our cat to sleep this morning" - a death told of an animal."""
    found = find_loss(text)
    return found is not None and found[1] == "grieving" and _PET.search(found[0]) is not None


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    return third_person(told, she=r"she|her|hers", he=r"he|him|his")


_HIS = {"him": "his", "her": "her", "them": "their"}


def first_reply(text: str) -> str:
    """The first answer: letting them go as the last kind thing when they were put to sleep; what were they like."""
    folded = text.replace("\u2019", "'")
    she, her = _pronouns([folded])
    was = "were" if she == "they" else "was"
    if _PUT_DOWN.search(folded):
        return (
            f"I'm so sorry. Letting {her} go was the last kind thing you could do for {her}, and one of the hardest "
            f"things there is. What {was} {she} like?"
        )
    return (
        f"I'm so sorry. Losing {her} leaves a hole in all the ordinary parts of the day - the greeting at the door, "
        f"the sounds around the house. What {was} {she} like?"
    )


def years_reply(told: Sequence[str]) -> str:
    """To "he was 14. I had him since I was in uni": with them through so much of life; family, and grief."""
    she, _her = _pronouns(told)
    text = " ".join(told[:1])
    age = _YEARS.search(text)
    since = _SINCE.search(text)
    lead = f"{age.group('age').capitalize()} years" if age and age.group("age") else "All those years"
    when = ""
    if since:
        what = re.sub(r"\s+", " ", since.group("when").lower())
        when = f", since you were {what}" if what[0].isdigit() or what.startswith("a ") else f", since {what}"
    was = "were" if she == "they" else "was"
    return (
        f"{lead} - {she} {was} with you through so much of your life{when}. That's not a small loss; {she} "
        f"{was} family, and this is grief."
    )


def doubt_reply(told: Sequence[str]) -> str:
    """To "did I do the right thing? was it too soon?": almost everyone asks; made out of love; the doubt is grief."""
    _she, her = _pronouns(told)
    return (
        "Almost everyone who has had to make that choice asks that afterwards - it's one of the cruellest parts of it. "
        f"You made it out of love, to spare {her} pain, with what you knew at the time. The doubt is grief talking, "
        "not proof you got it wrong."
    )


def quiet_reply(told: Sequence[str]) -> str:
    """To "the house is so quiet" or "I keep expecting him at the door": woven into every day; the things can stay."""
    she, her = _pronouns(told)
    his = _HIS[her]
    was = "were" if she == "they" else "was"
    return (
        f"Those are the moments that catch you - the quiet where {his} sounds used to be, the habits your body hasn't "
        f"unlearned yet. They hurt because {she} {was} woven into every day. It's okay to leave {his} things where "
        "they are until you're ready."
    )


def only_a_pet_reply(told: Sequence[str]) -> str:
    """To "it's only a dog, I know" or "people don't get it": the bond was deep, so is the grief; no justifying."""
    she, _her = _pronouns(told)
    was = "were" if she == "they" else "was"
    return (
        f"It isn't silly. Grief for an animal can be as deep as any, because the bond is - {she} {was} there every "
        "day, without conditions. Not everyone understands that, which can make it lonelier. You don't need to "
        "justify how much this hurts."
    )


def story_reply(told: Sequence[str]) -> str:
    """To "he used to steal socks and hide them in his bed": that is who they were, theirs to keep."""
    she, her = _pronouns(told)
    was = "were" if she == "they" else "was"
    return (
        f"I love that you told me that. Little things like that are exactly who {she} {was} - and they're yours to "
        f"keep. I'd like to hear more about {her}, any time."
    )


def unkind(sentence: str) -> bool:
    """Whether a reply sentence offers a new pet, an "at least", a "just a dog" or cheer."""
    return _UNKIND.search(sentence.replace("\u2019", "'")) is not None


def pet_grief_guard() -> TopicGuard:
    """The reply guard that drops "you could get another dog" and "at least" while a pet's death is in view."""
    return TopicGuard(PET_LOSS_KEY, unkind)


class PetLossStage(ThreadStage):
    """A pet's death in view: a fixed first answer, the guidance line, six answers given once each."""

    key = PET_LOSS_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return pet_died(text)

    def first_reply(self, text: str) -> str | None:
        return None if _MEMORY.search(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [years_reply(told)] if _YEARS.search(folded) else []
        if _DOUBT.search(folded):
            replies.append(doubt_reply(told))
        if _QUIET.search(folded):
            replies.append(quiet_reply(told))
        if _ONLY_A_PET.search(folded):
            replies.append(only_a_pet_reply(told))
        if _EXPECTED.search(folded):
            replies.append(EXPECTED_REPLY)
        if _STORY.search(folded):
            replies.append(story_reply(told))
        return replies
