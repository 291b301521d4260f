"""End of turn from the words: does what the user said so far sound finished?

Silence alone is a poor judge of a turn's end. A fixed tail long enough not to cut people off in a
mid-sentence pause ("I was thinking about ... my mum") makes every finished question wait for it, and one
short enough to answer quickly cuts the pauses off. The live loop therefore asks the words too (like the
end-of-turn models of LiveKit and Pipecat's smart-turn, here as rules on the speculative transcript that
is already being made in the pause):

* **finished** ("I had a long day at work.", "Can you help me?") - the turn ends after the short tail
  (``UtteranceSegmenter.quick_end_ms``, 300 ms) instead of the full one (450 ms);
* **unfinished** - the words stop on a conjunction, an article or possessive, a preposition that needs its
  object, a subject pronoun or auxiliary ("she", "is", "have", "to"), a filler ("um", "uh") or a trailing
  "..."/","/"-": the tail is held longer (``UtteranceSegmenter.hold_ms``) so the user can finish the thought.

``python benchmarks/turn_end.py`` measures the rule on ESConv's dev split (``docs/VOICE.md``).

Whisper writes a full stop after almost anything, so the last *word* decides, not the punctuation; a
question or exclamation mark does mark a finished turn ("What are you afraid of?").
"""

from __future__ import annotations

import re

# Words a finished sentence rarely ends on. Ambiguous ones that often do ("so", "that", "her", "this", "no",
# "really", "though", "while") are left out: an unfinished verdict only makes the user wait a little longer,
# but it should not happen on "I think so." or "I miss her."
CONJUNCTIONS = frozenset(
    {"and", "but", "or", "nor", "because", "cause", "cuz", "since", "although", "unless", "if", "when"}
    | {"whenever", "whereas", "until", "till", "than", "which", "whose", "plus", "like", "whether"}
)
DETERMINERS = frozenset({"a", "an", "the", "my", "your", "his", "their", "our", "its", "very"})
PREPOSITIONS = frozenset({"of", "about", "with", "from", "for", "at", "into", "onto", "towards", "toward"})
FILLERS = frozenset({"um", "uh", "erm", "er", "uhm", "umm", "hmm", "mm", "eh"})
SUBJECTS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "we're", "you're", "it's", "there's", "he's", "she's"})
# Chosen on ESConv's train split: words that end a message mid-sentence far more often than they end a turn
# ("to" 3.6 % of mid-sentence points vs 0.35 % of turn ends). Held, they protect ~21 points more mid-sentence
# pauses for ~2.4 points of turn ends that wait longer (elliptic answers: "Yes, I am.", "I don't.").
CONTINUING = frozenset(
    {"to", "in", "on", "as", "just", "not", "some", "what", "how", "that's", "thank", "he", "she"}
    | {"they", "we", "is", "am", "are", "was", "were", "be", "been", "have", "has", "will", "would", "can"}
    | {"could", "should", "don't", "want", "need", "get", "think", "feel"}
)
TRAILING = frozenset({"...", "…", ",", "-", "—", "–", ";", ":"})
UNFINISHED_WORDS = CONJUNCTIONS | DETERMINERS | PREPOSITIONS | FILLERS | SUBJECTS | CONTINUING

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def sounds_finished(transcript: str) -> bool:
    """True when ``transcript`` could be a whole turn; False when it stops mid-thought (or is empty)."""
    text = " ".join(transcript.split()).lower().replace("’", "'")
    if not text:
        return False
    if any(text.endswith(mark) for mark in TRAILING):
        return False
    if text.endswith(("?", "!")):
        return True
    words = _WORD.findall(text)
    if not words:
        return False
    return words[-1] not in UNFINISHED_WORDS
