"""Starting an exercise the way people ask for one: by a loose name, by saying yes to an offer, or by asking for
"an exercise" without knowing which.

The tool requests of :mod:`amity.care.pipeline` (``REQUESTS``) know the tools' names ("thought record",
"breathing exercise"). People say "can we do one of those thought exercises?" (a 19-year-old before an exam:
the 1.5B answered "Absolutely! Let's get started. What's on your mind?", and no exercise started), "help me
challenge this thought", or simply "yes" to "Would you like to try a short breathing exercise?". Three rules,
all read by :class:`~amity.care.pipeline.ToolStage`:

* :func:`asked_tool` - a loose name: "thought exercise", "challenge this thought", "a CBT exercise" (a thought
  record), "calm my breathing", "ground myself";
* :func:`offered_tool` / :func:`accepts` - the reply just before asked a question that names one tool ("Would
  you like to try a short breathing exercise?", whether the guidance suggested it or the model did), and the
  user's answer is a short yes ("yes", "ok let's try", "sure, please"); a "no", "not now" or anything longer
  than :data:`SHORT_ANSWER_WORDS` words is a conversation, not a yes;
* :func:`amity.safety.text.in_panic` - "I think I'm having a panic attack", "I can't breathe": the breathing
  exercise starts at once, on the calm pattern (no menu of patterns to choose from mid-panic), with a line on when
  to call emergency services (:data:`PANIC_PREFACE`);
* :func:`asked_for_any` - "Can we do an exercise?", "Is there an exercise that could help?": the menu
  (:func:`menu`), each tool with one line and how to start it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SHORT_ANSWER_WORDS = 8
MENU: tuple[tuple[str, str], ...] = (
    ("breathing", "a minute of slow breathing together, for when you feel wound up"),
    ("grounding", "5-4-3-2-1: name what you see, hear and feel, to come back to the present"),
    ("thought record", "look at one upsetting thought, the evidence for and against it, and a fairer view"),
    ("gratitude", "note three good things, big or tiny"),
    ("activity planner", "plan one small thing that could lift your day"),
)
_LOOSE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.I), tool)
    for rx, tool in (
        (r"\bthought\s+(?:exercises?|records?|diary|journal|worksheets?)\b|\bchallenge\s+(?:this|that|my|these|those|"
         r"the|a|negative)\s+(?:\w+\s+)?thoughts?\b|\bcbt\s+(?:exercises?|things?|tools?|worksheets?|techniques?)\b|"
         r"\blook\s+at\s+(?:this|that|the|my)\s+thought\b", "thought_record"),
        (r"\b(?:calm|slow)\s+(?:down\s+)?my\s+breath(?:ing)?\b|\bbreathe\s+with\s+me\b", "breathing"),
        (r"\bground\s+myself\b|\bgrounding\s+(?:thing|technique)\b", "grounding"),
    )
)  # fmt: skip
# A question in the reply that offers one tool ("Would you like to try a short breathing exercise?").
_OFFERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx, re.I), tool)
    for rx, tool in (
        (r"\bbreathing\s+exercise\b|\bbreathe\s+(?:together|with\s+me)\b|\bbreathing\s+together\b|/tool\s+start\s+breathing",
         "breathing"),
        (r"\bgrounding\b|\b5-4-3-2-1\b", "grounding"),
        (r"\bthought\s+record\b|\blook\s+at\s+(?:that|this)\s+thought\s+together\b", "thought_record"),
        (r"\bgratitude\s+(?:journal|exercise|list)\b|\bthree\s+good\s+things\b", "gratitude"),
        (r"\bplan\s+(?:one|a|an)\s+(?:small\s+)?(?:\w+\s+)?activit(?:y|ies)\b|\bactivity\s+planner\b", "activation"),
    )
)  # fmt: skip
# A tool named in a short answer to the menu ("the breathing one", "grounding please").
_NAMED: dict[str, re.Pattern[str]] = {
    "breathing": re.compile(r"\bbreath", re.I),
    "grounding": re.compile(r"\bground|\b5-4-3-2-1\b", re.I),
    "thought_record": re.compile(r"\bthought", re.I),
    "gratitude": re.compile(r"\bgrat|\bgood\s+things\b", re.I),
    "activation": re.compile(r"\bactivit|\bplan\b|\bplanner\b", re.I),
}
ALL_TOOLS = tuple(_NAMED)
_QUESTION = re.compile(r"[^.!?\n]*\?")
_YES = re.compile(
    r"^\s*(?:oh\s+)?(?:yes|yeah|yea|yep|yup|sure|ok|okay|k|alright|all\s+right|please|let'?s|let\s+us|go\s+on|go\s+ahead|"
    r"i'?d\s+like\s+that|i\s+would\s+like\s+that|why\s+not|sounds\s+good|that\s+(?:would|could)\s+help|"
    r"i(?:'ll|\s+will)\s+try|(?:i\s+)?guess\s+so|maybe\s+that\s+would\s+help)\b",
    re.I,
)
_NOT_YES = re.compile(
    r"\b(?:no|nope|not\s+(?:now|really|today|right\s+now)|later|don'?t|do\s+not|rather\s+not|maybe\s+later)\b", re.I
)
_ANY = re.compile(
    r"\b(?:can|could|shall|should)\s+we\s+(?:do|try)\s+(?:an?|some|one\s+of\s+(?:those|your|the))\s+(?:\w+\s+)?"
    r"(?:exercises?|techniques?)\b|\bis\s+there\s+(?:an?|some)\s+(?:\w+\s+)?(?:exercise|technique)\b|"
    r"\bwhat\s+(?:exercises|tools)\s+(?:do\s+you\s+have|are\s+there|can\s+we\s+do)\b",
    re.I,
)


PANIC_PREFACE = (
    "I'm here with you. Let's slow your breathing down together, right now - you don't have to do anything else. "
    "(If your chest hurts, or this feels different from panic you've had before, call emergency services.)"
)


def asked_tool(text: str) -> str | None:
    """The tool a loosely worded request names ("one of those thought exercises" → ``thought_record``)."""
    return next((tool for pattern, tool in _LOOSE if pattern.search(text)), None)


def offered_tool(reply: str) -> str | None:
    """The one tool a question in ``reply`` offers, or None (no offer, or a choice of several)."""
    offered = {tool for question in _QUESTION.findall(reply) for pattern, tool in _OFFERS if pattern.search(question)}
    return offered.pop() if len(offered) == 1 else None


def accepts(text: str) -> bool:
    """Whether ``text`` is a short yes ("ok let's try", "sure, please"), not a no or a new subject."""
    return len(text.split()) <= SHORT_ANSWER_WORDS and bool(_YES.search(text)) and not _NOT_YES.search(text)


def answer_to_offer(text: str, offered: Sequence[str]) -> str | None:
    """The tool a short answer to an offer of ``offered`` takes: the one it names, or the only one offered when
    it is a plain yes."""
    if len(text.split()) > SHORT_ANSWER_WORDS or _NOT_YES.search(text):
        return None
    named = [tool for tool in offered if tool in _NAMED and _NAMED[tool].search(text)]
    if len(named) == 1:
        return named[0]
    return offered[0] if len(offered) == 1 and not named and accepts(text) else None


def asked_for_any(text: str) -> bool:
    """ "Can we do an exercise?" - an exercise asked for without a name."""
    return bool(_ANY.search(text)) and asked_tool(text) is None


def menu() -> str:
    """The exercises, one line each, and how to start one."""
    lines = ["Of course. Here are the exercises we can do together:"]
    lines += [f"- **{name}**: {what}" for name, what in MENU]
    lines.append('Just say which one (for example "let\'s do the breathing"), or type `/tool start NAME`.')
    return "\n".join(lines)
