"""Someone close moving far away: a loss even when the move is good news, no "exciting!", no "make new friends".

Someone told the default 1.5B "my best friend is moving to australia next month", "i know i should be happy for her,
it's a great job. but i just feel sad and kind of selfish", "i'm scared we'll drift apart. she's the only one who
really gets me" and "what do i even do on saturdays now". It answered "That's a big change!", then "we're all going
through tough times together", then "you're both strong and resilient. What can you do to help her feel more
comfortable together?", then "Sure, Saturday is a good day for relaxation and socializing". Told "everyone keeps
saying we can video call but it's not the same", it asked "What do you think about trying it out?" A close friend or
family member moving far away is a loss people feel they are not allowed to grieve, because the move is good news for
the other person.

:func:`moving_away` finds it ("my best friend is moving to australia", "my sister is emigrating", "my son left for
university", "my friend moved across the country") - not a move across town ("to a new flat"), into a care home, or
the user's own move. The first telling gets :func:`first_reply` (who, where, and that it is a loss even when it is
for something good) unless it asks for advice ("how do I cope?"), tells a memory ("when I was 10") or a heavier hurt
("a car accident"): then the model answers, guided. For :data:`WINDOW` messages (``MOVING_AWAY_KEY``) the model gets
:data:`GUIDANCE`, the turn counts as hurting, and :func:`moving_guard` drops "exciting", "that's great", "a great
opportunity", "make new friends", "video calls can be great", "trying it out" and "we're all going through". Four
later messages get a fixed answer once each: feeling selfish for being sad (:func:`selfish_reply`), the fear of
drifting apart or "it's not the same" (:data:`DRIFT_REPLY`), "the only one who gets me" or "what do I do on
Saturdays now" (:func:`gap_reply`) and how long they have been friends (:func:`long_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard

MOVING_AWAY_KEY = "care.moving_away"  # ctx.extras: someone close moving far away, told in this conversation
WINDOW = 10

_WHO = (
    r"best\s+friend|closest\s+friend|oldest\s+friend|best\s+mate|bestie|bff|friend|sister|brother|twin|mum|mom|mother|"
    r"dad|father|daughter|son|cousin|friends|parents|grandkids|grandchildren|granddaughter|grandson"
)
_MOVE = re.compile(
    rf"\bmy\s+(?:(?:older|younger|big|little|twin|only|eldest|oldest|youngest|very)\s+)?(?P<who>{_WHO})(?:\s+|(?='))"
    r"(?:is|'s|are|'re|will\s+be|has|have|'ve|just|finally|is\s+going\s+to\s+be|are\s+going\s+to\s+be)?\s*(?:just\s+)?"
    r"(?P<verb>moving|relocating|emigrating|moved|relocated|emigrated|leaving|left|going)(?:\s+"
    r"(?P<dest>abroad|overseas|away|interstate|across\s+the\s+(?:country|world|ocean|state)|"
    r"(?:back\s+)?(?:to|for)\s+[a-z][\w' -]{1,40}))?",
    re.IGNORECASE,
)
_NOT_FAR = re.compile(
    r"^(?:back\s+)?(?:to|for)\s+(?:a|the|my|our|his|her|their)?\s*(?:[a-z]+\s+)?(?:flat|house|apartment|"
    r"place|home|room|school|team|department|office|desk|bed|care\s+home|nursing\s+home|hospice|hospital|assisted\s+"
    r"living|rehab|work(?!\s+(?:in|abroad|overseas))|the\s+shops?|shop|store|bathroom|toilet|party|gym|bar|pub|class|lunch|dinner|"
    r"level|the\s+end|the\s+other\s+(?:side\s+of\s+)?(?:town|room|street))\b|^(?:to|for)\s+(?:a|the)\s+(?:bit|while|"
    r"minute|moment|second|day|night|weekend|week)\b|^(?:to|for)\s+(?:go|do|get|see|be|have|make|take|pick|buy)\b",
    re.IGNORECASE,
)
_GOING = re.compile(r"^(?:to\s+(?:live|work|study)\b|abroad|overseas|away\s+for\s+good)", re.IGNORECASE)
_SHORT_STAY = re.compile(
    r"\b(?:holiday|vacation|trip|visit|weekend|a\s+few\s+(?:days|weeks)|conference|honeymoon|business)\b", re.IGNORECASE
)
_STOP = {"next", "in", "for", "and", "but", "at", "this", "because", "with", "soon", "when", "after", "on", "so",
         "i", "we", "to", "tomorrow", "today", "last", "forever", "permanently", "or", "since", "by"}  # fmt: skip
_LOWER = {"a", "an", "the", "another", "other", "uni", "university", "college", "school"}
_UPPER = {"la", "nyc", "uk", "us", "usa", "dc", "sf", "uae"}
_SMALL = {"of", "and", "the", "de", "la", "el"}
_NOT_NOW = re.compile(  # a memory ("when I was 10", "years ago") or a heavier hurt: the model answers
    r"\bwhen\s+(?:i|my|our|we)\b|\byears?\s+(?:ago|back)\b|\bgrowing\s+up\b|\bin\s+(?:middle|high|primary)\s+school\b|"
    r"\b(?:accident|hospital|died|passed\s+away|cancer|funeral|killed)\b",
    re.IGNORECASE,
)
_SELFISH = re.compile(
    r"\b(?:selfish|jealous|guilty|a\s+bad\s+friend|a\s+terrible\s+friend)\b|\bshould\s+(?:be|feel)\s+(?:happy|glad|"
    r"excited)\s+for\s+(?:her|him|them)\b",
    re.IGNORECASE,
)
_DRIFT = re.compile(
    r"\bdrift(?:ing)?\s+apart\b|\blose\s+touch\b|\bgrow\s+apart\b|\bnot\s+(?:be\s+)?the\s+same\b|\bforget\s+(?:about\s+)?"
    r"me\b|\bvideo\s+call|\bfacetime\b|\btime\s+difference\b|\bmake\s+new\s+friends\b|\breplace\s+me\b",
    re.IGNORECASE,
)
_GAP = re.compile(
    r"\bonly\s+(?:one|person)\s+(?:who|that)\s+(?:really\s+|actually\s+|truly\s+)?(?:gets|understands|knows)\s+me\b|"
    r"\bmy\s+only\s+(?:real\s+|close\s+|true\s+)?friend\b|\bwhat\s+(?:do|will|am)\s+i\s+(?:even\s+|going\s+to\s+|gonna\s+)?"
    r"do\s+(?:on|at|without|now)\b|\b(?:don't|do\s+not)\s+have\s+anyone\s+else\b",
    re.IGNORECASE,
)
_GOODBYE = re.compile(
    r"\b(?:leaving\s+(?:party|do|drinks|dinner)|goodbye|farewell|send[- ]?off|airport|"
    r"last\s+(?:day|night|weekend|time))\b",
    re.IGNORECASE,
)
_TEARS = re.compile(
    r"\b(?:cry|crying|cried|tears|break(?:ing)?\s+down|fall(?:ing)?\s+apart|lose\s+it)\b", re.IGNORECASE
)
_LONG = re.compile(
    r"\b(?:friends|known\s+each\s+other|been\s+best\s+friends|close)\s+(?:since\s+(?:we\s+were\s+(?P<age>\d{1,2})|"
    r"(?:primary|middle|high|elementary)\s+school|kindergarten|childhood|forever)|for\s+(?P<years>\d{1,2}|ten|twenty|"
    r"fifteen|thirty)\s+years)\b",
    re.IGNORECASE,
)
_MISREAD = re.compile(
    r"\bexcit(?:ing|ed)\b|\bamazing\b|\b(?:that's|that\s+is|what)\s+(?:a\s+)?(?:great|wonderful|fantastic|awesome)\b|"
    r"\bgreat\s+to\s+hear\b|\b(?:great|wonderful|amazing|exciting)\s+(?:opportunity|adventure)\b|\bbig\s+change!|"
    r"\bmake\s+(?:some\s+)?new\s+friends\b|\bvideo\s+calls?\s+(?:can\s+be|are)\s+(?:a\s+)?(?:great|perfect|just\s+as)\b|"
    r"\btrying\s+it\s+out\b|\bwe(?:'re|\s+are)\s+all\s+going\s+through\b|\bstrong\s+and\s+resilient\b|"
    r"\bgood\s+day\s+for\s+relaxation\b|\bfeel\s+more\s+comfortable\b|\bbright\s+side\b|\bat\s+least\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone close to them is moving far away. It is a real loss even when the move is good news for the other "
    "person: don't congratulate, don't call it exciting, don't say they'll make new friends or that video calls "
    "make up for it, and give no advice unless asked. They can be glad for the other person and sad for themselves "
    "at once. Ask what the person means to them."
)
DRIFT_REPLY = (
    "That fear makes sense. Distance does change a friendship, and a video call isn't the same as sitting in the "
    "same room - people who say it is mean well, but they're skipping the part that hurts. Friendships this deep "
    "often change shape rather than end, though. It's okay to grieve what's changing, even if the friendship itself "
    "carries on."
)


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    return third_person(
        told,
        she=r"my\s+(?:\w+\s+)?(?:sister|mum|mom|mother|daughter|granddaughter)|she|her",
        he=r"my\s+(?:\w+\s+)?(?:brother|dad|father|son|grandson)|he|him|his",
    )


def moving_away(text: str) -> bool:
    """ "my best friend is moving to australia", "my sister is emigrating", "my son left for university" - not a move
    across town, into a care home, or "my friend left for the party"."""
    match = _MOVE.search(text.replace("\u2019", "'"))
    if match is None:
        return False
    dest, verb = match.group("dest"), match.group("verb").lower()
    if dest is None:  # "my sister is emigrating" says how far on its own
        return verb.startswith("emigrat")
    if _NOT_FAR.search(dest) or _SHORT_STAY.search(dest):
        return False
    return verb != "going" or _GOING.search(dest) is not None  # "going to live in Spain", not "going to Spain"


def _place(dest: str) -> str:
    """ "to australia next month" -> "to Australia"; "abroad" stays; "to the other side of the world" stays lower."""
    words = re.sub(r"^to\s+(?:live|work|study)(?:\s+in)?\s+", "to ", dest, flags=re.IGNORECASE).split()
    if words[0].lower() in {"abroad", "overseas", "away", "interstate", "across"}:
        return " ".join(words[:4]) if words[0].lower() == "across" else words[0].lower()
    lead = [w.lower() for w in words[:2] if w.lower() in {"back", "to", "for"}]
    rest: list[str] = []
    for word in words[len(lead) :]:
        bare = re.sub(r"[^\w'-]", "", word).lower()
        if not bare or (rest and bare in _STOP) or len(rest) == 4:
            break
        rest.append(bare)
        if word != word.rstrip(".,;!?"):
            break
    if not rest:
        return ""
    lead = ["to" if w == "for" else w for w in lead]
    if rest[0] in _LOWER:
        return " ".join([*lead, *rest])
    named = [w.upper() if w in _UPPER else (w if i and w in _SMALL else w.capitalize()) for i, w in enumerate(rest)]
    return " ".join([*lead, *named])


def first_reply(text: str) -> str:
    """The first answer: who and where, a loss even when it's for something good, how they are doing."""
    folded = text.replace("\u2019", "'")
    match = _MOVE.search(folded)
    assert match is not None  # the stage calls this only for a message moving_away() found
    who = re.sub(r"\s+", " ", match.group("who").lower())
    she, her = _pronouns([folded])
    place = _place(match.group("dest")) if match.group("dest") else ""
    where = f" {place}" if place else ""
    if match.group("verb").lower() in {"moved", "relocated", "emigrated", "left"}:
        return (
            f"Your {who} being so far away now - that's its own kind of loneliness, even when you still talk. The "
            f"everyday part of having {her} around is what goes, and that's a real loss. How are you doing with it?"
        )
    she_is = "they're" if she == "they" else f"{she}'s"
    moving = "moving" if match.group("verb").lower() in {"leaving", "going"} else match.group("verb").lower()
    return (
        f"Your {who} {moving}{where} - that's a real loss, even if it's for something good. Part of you may already "
        f"be missing {her} before {she_is} even gone. How are you doing with it?"
    )


def selfish_reply(told: Sequence[str]) -> str:
    """To "I should be happy for her but I just feel sad and selfish": both at once, and that isn't selfish."""
    she, her = _pronouns(told)
    return (
        f"You can be glad for {her} and sad for yourself at the same time - that isn't selfish, it's what loving "
        "someone who's leaving feels like. The sadness is a measure of what "
        f"{she} {'mean' if she == 'they' else 'means'} to you. You don't need to show only the happy part."
    )


def gap_reply(told: Sequence[str]) -> str:
    """To "she's the only one who gets me" or "what do I even do on Saturdays now": the size of the gap, no hurry."""
    _she, her = _pronouns(told)
    return (
        f"When someone really gets you, losing {her} nearby leaves a gap in ordinary days, right down to what a "
        "Saturday looks like. That isn't needy; it shows how much of your life you've shared. The gap doesn't need "
        "filling straight away. What are the things you two always did together?"
    )


def goodbye_reply(told: Sequence[str]) -> str:
    """To "I don't know if I can get through her leaving party without crying": tears there say what she means."""
    she, her = _pronouns(told)
    return (
        f"If you cry when you say goodbye, you won't have failed at anything - it will show {her} what {she} "
        f"{'mean' if she == 'they' else 'means'} to you. Most people are moved, not embarrassed, when someone who "
        "loves them cries at a goodbye. And if you need a quiet minute to yourself on the night, that's okay too."
    )


def long_reply(text: str) -> str:
    """To "we've been friends since we were 6": nearly a whole life, and no distance erases those years."""
    match = _LONG.search(text.replace("\u2019", "'"))
    since = f"Since you were {match.group('age')}" if match and match.group("age") else "All those years"
    return (
        f"{since} - that's someone who has been part of nearly everything. No wonder this is so hard. A friendship "
        "that has lasted that long has already come through a lot of change, and distance can't take those years "
        "away."
    )


def misreads(sentence: str) -> bool:
    """Whether a reply sentence cheers the move or brushes the loss aside."""
    return _MISREAD.search(sentence.replace("\u2019", "'")) is not None


def moving_guard() -> TopicGuard:
    """The reply guard that drops "that's exciting" and "you'll make new friends" while the move is in view."""
    return TopicGuard(MOVING_AWAY_KEY, misreads)


class MovingAwayStage(ThreadStage):
    """Someone close moving far away: a fixed first answer, the guidance line, five answers given once each."""

    key = MOVING_AWAY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return moving_away(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) or _NOT_NOW.search(text) else first_reply(text)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [selfish_reply(told)] if _SELFISH.search(folded) else []
        if _DRIFT.search(folded):
            replies.append(DRIFT_REPLY)
        if _GAP.search(folded):
            replies.append(gap_reply(told))
        if _LONG.search(folded):
            replies.append(long_reply(folded))
        if _GOODBYE.search(folded) and _TEARS.search(folded):
            replies.append(goodbye_reply(told))
        return replies
