"""The stage of a supportive conversation (Hill's helping model as used by ESConv: exploration → comforting →
action).

The stage is a cheap, explainable estimate from how far into the conversation we are and what the user just
said: early turns explore, an explicit request for advice moves to action, and strong distress holds the
conversation in comforting whatever the turn count. It feeds the strategy planner and its guidance.
"""

from __future__ import annotations

import re
from typing import Literal

ConversationStage = Literal["exploration", "comforting", "action"]

_ADVICE = re.compile(
    r"\b(what (should|can|do) i do|any (advice|tips|ideas|suggestions)|how (do|can|should) i|"
    r"what would you (do|suggest)|should i|help me (figure|decide|plan|make|work out|sort out|come up with)|"
    r"(can|could|would) you help me (with|to)|what are my options|"
    r"(don'?t|do not) know how to (tell|say|ask|talk to|start|explain|break it to)|"
    r"what (do|should|would|can) i (even )?say)\b",
    re.IGNORECASE,
)

# Supporter turns (in the user's current session) after which we leave pure exploration.
EXPLORATION_TURNS = 3
COMFORTING_TURNS = 8


def position_bucket(supporter_turns: int) -> int:
    """Bucket of how many supporter turns came before (0..7); shared with the ESConv features."""
    for i, upper in enumerate((0, 1, 2, 4, 7, 12, 20)):
        if supporter_turns <= upper:
            return i
    return 7


_NO_ADVICE = re.compile(
    r"\b(?:i\s+)?(?:don't|do\s+not|dont)\s+(?:really\s+)?(?:want|need)\s+(?:any\s+)?(?:advice|tips|solutions|suggestions|"
    r"you\s+to\s+fix\s+(?:it|this|anything))\b|\bjust\s+(?:listen|needed\s+to\s+(?:vent|say\s+it|get\s+(?:it|this)\s+out|"
    r"talk))\b|\bi\s+just\s+(?:want|need)(?:ed)?\s+(?:to\s+vent|someone\s+to\s+listen|to\s+be\s+heard)\b|"
    r"\bstop\s+giving\s+me\s+advice\b|\bno\s+advice\b",
    re.IGNORECASE,
)


_WRITING = re.compile(
    r"\b(?:write|draft|word|compose|phrase)\s+(?:me\s+)?(?:a|an|my|the|this|that)\s+(?:\w+\s+){0,2}?(?:text|message|email|e-mail|"
    r"letter|note|card|reply|apology|speech|toast|post|poem|msg)\b|\bhelp\s+me\s+(?:write|word|draft|reply|respond|phrase)\b|"
    r"\bwhat\s+(?:should|can|do)\s+i\s+(?:write|text)\b",
    re.IGNORECASE,
)


def asks_for_writing(text: str) -> bool:
    """ "Can you help me write a text to my friend saying sorry?": a task, to be done, not talked about."""
    return bool(_WRITING.search(text))


_IS_IT_NORMAL = re.compile(
    r"\b(?:is\s+(?:it|that|this)|am\s+i)\s+(?:\w+\s+)?(?:normal|ok|okay|bad|wrong|weird|terrible|awful|horrible|a\s+bad\s+"
    r"(?:person|daughter|son|mother|mum|mom|father|dad|wife|husband|friend))\s+(?:to|that\s+i|if\s+i|for|because\s+i)\s+"
    r"(?:\w+\s+){0,2}?(?:feel|feeling|felt|get|getting|am|'m|be|being|hate|resent|cry|miss|still|want|wanting|wish|"
    r"think|thinking|don't|can't|snap|snapped|lose|lost)\b",
    re.IGNORECASE,
)
_NOT_A_FEELING = re.compile(
    r"\b(?:die|dying|kill|hurt\s+(?:myself|me)|voices|chest|pain|bleed\w*|pills?|dizzy|faint|nause\w*|sick|"
    r"headaches?|heart|breathe|breathing|period|lump|fever|symptoms?|dose|medication)\b",
    re.IGNORECASE,
)


def asks_if_normal(text: str) -> bool:
    """ "Is it normal to feel this way?", "Am I a bad daughter for getting angry at her?": they want to hear
    whether the feeling is allowed (symptoms and thoughts of dying are not this question)."""
    text = text.replace("\u2019", "'")
    return bool(_IS_IT_NORMAL.search(text)) and not _NOT_A_FEELING.search(text)


_WOULD_YOU = re.compile(
    r"\bwhat\s+would\s+you\s+do\b|\bwhat\s+would\s+you\s+choose\b|\bif\s+you\s+were\s+me\b|\bin\s+my\s+(?:shoes|place|position)\b|"
    r"\bwhat\s+do\s+you\s+think\s+i\s+should\s+do\b",
    re.IGNORECASE,
)


def asks_what_you_would_do(text: str) -> bool:
    """ "What would you do?", "if you were me…": a question the model answered as if asked about someone else
    ("I'd try to help them find comfort…" to a widower deciding whether to leave the house he shared)."""
    return bool(_WOULD_YOU.search(text))


_CONTACT = re.compile(
    r"\bshould\s+i\s+(?:just\s+|maybe\s+|even\s+)?(?:text|call|message|msg|dm|ring|email|write\s+to|reach\s+out\s+to|contact|"
    r"reply\s+to|answer|unblock|block|see|meet(?:\s+up\s+with)?)\s+(?:him|her|them|my\s+ex(?:-?\w+)?|the\s+ex)\b|"
    r"\bshould\s+i\s+(?:just\s+)?(?:get\s+back\s+together|try\s+again)\s+with\s+(?:him|her|them|my\s+ex)\b",
    re.IGNORECASE,
)


def asks_whether_to_contact(text: str) -> bool:
    """ "should I text him? just to say hi" (two weeks after he broke up with them): the 1.5B said "It's okay to send
    a quick message. Let's say "Hi"…", deciding for them."""
    return bool(_CONTACT.search(text.replace("\u2019", "'")))


_NO_WORDS = re.compile(
    r"\bi\s+(?:just\s+)?(?:didn't|did\s+not|didnt|don't|do\s+not|dont|never)\s+(?:know|knew)\s+what\s+to\s+(?:say|tell\s+(?:him|her|them))\b|"
    r"\bi\s+(?:had|have)\s+no\s+(?:idea\s+what\s+to\s+say|answer)\b|\bi\s+(?:just\s+)?froze\b",
    re.IGNORECASE,
)


def lost_for_words(text: str) -> bool:
    """ "my son asked why I don't live with them anymore. I didn't know what to say" (a weekend dad; the 1.5B:
    "Maybe you could tell them about your decision and the reasons behind it")."""
    return bool(_NO_WORDS.search(text.replace("\u2019", "'")))


_SNOOP = re.compile(
    r"\bshould\s+i\s+(?:just\s+)?(?:look\s+(?:through|at|in)|check|go\s+through|read|snoop\s+(?:on|through|in)|track|secretly\s+check)\s+"
    r"(?:his|her|their|my\s+(?:husband|wife|partner|boyfriend|girlfriend|bf|gf)'?s?)\s+(?:phone|messages|texts|emails?|dms|whatsapp|"
    r"laptop|location|browser\s+history)\b",
    re.IGNORECASE,
)


def asks_whether_to_snoop(text: str) -> bool:
    """ "should I look through his phone while he sleeps?" (the 1.5B: "Sure, it's a good idea to check his phone")."""
    return bool(_SNOOP.search(text.replace("\u2019", "'")))


_MINIMAL = re.compile(
    r"^\W*(?:idk|dunno|i\s+(?:don't|dont|do\s+not)\s+know|not\s+really|meh|nothing|nothing\s+much|nah|k|kk|hm+|eh|i\s+guess|"
    r"maybe|not\s+sure|same|whatever\s+i\s+guess)\W*$",
    re.IGNORECASE,
)


def minimal_answer(text: str) -> bool:
    """ "idk", "not really", "meh" as the whole message (the 1.5B, to "idk": "Okay, let's try that again. What do you
    mean by "idk"?")."""
    return bool(_MINIMAL.search(text.replace("\u2019", "'")))


_STILL_LOVED = re.compile(
    r"\b(?:do|does)\s+(?:you\s+think\s+)?(?:he|she|they|my\s+\w+)\s+(?:still\s+|even\s+|really\s+)?(?:love|loves|care\s+about|"
    r"cares\s+about|like|likes|miss|misses|want|wants)\s+me\b",
    re.IGNORECASE,
)


def asks_if_loved(text: str) -> bool:
    """ "Do you think he still loves me?" (a mother whose son did not call at Thanksgiving): no one can know."""
    return bool(_STILL_LOVED.search(text))


def asks_for_advice(text: str) -> bool:
    """An explicit request for help: advice ("what should I do?") or a text to be written for them."""
    return (bool(_ADVICE.search(text)) or asks_for_writing(text)) and not wants_no_advice(text)


def wants_no_advice(text: str) -> bool:
    """ "I don't really want advice, I just needed to say it to someone": listening, not tips."""
    return bool(_NO_ADVICE.search(text.replace("\u2019", "'")))


def conversation_stage(supporter_turns: int, text: str, valence: float | None = None) -> ConversationStage:
    """Where the conversation stands: ``valence`` is the user's estimated valence (-1..1) when known."""
    distressed = valence is not None and valence <= -0.6
    if asks_for_advice(text) and not distressed:
        return "action"
    if supporter_turns < EXPLORATION_TURNS:
        return "exploration"
    if distressed or supporter_turns < COMFORTING_TURNS:
        return "comforting"
    return "action"
