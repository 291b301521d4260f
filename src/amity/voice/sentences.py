"""Cut a streamed reply into speakable pieces as soon as each one is complete.

The LLM streams a few characters at a time; speech can start once the first sentence is whole. A
sentence ends at ``.``, ``!``, ``?``, ``…`` or a line break *followed by whitespace* (so "3.5" and "e.g."
inside a word do not split), except after common abbreviations ("Dr.", "e.g."). Two rules trade quality
for latency:

* the first piece may end early at a clause break (``,`` ``;`` ``:`` ``—``) once it has
  ``first_clause_words`` words (2: "That's okay -", "Oh well,"), because the first audio is what the user
  waits for. The rest of the sentence is written and synthesised while the short piece plays (~0.6 s of
  speech; measured in docs/VOICE.md). A one-word clause is a piece only when it is a spoken opener that
  stands alone with a pause after it (``OPENERS``: "Sure,", "Oh,", "Okay,"), as "Sure!" already is; other
  one-word fragments ("So,", "I -") never are. The first piece is never cut at a word count alone
  (mid-phrase);
* any piece is cut at a space when it reaches ``max_chars`` without punctuation (run-on text).

:func:`speakable` strips what a voice should not read aloud: markdown marks, URLs, emoji.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "a.m", "p.m"}
    | {"approx", "dept", "est", "fig", "no", "vol", "mt", "ft"}
)
OPENERS = frozenset(  # one-word first pieces that a speaker follows with a pause
    {"sure", "oh", "ah", "aw", "aww", "okay", "ok", "yes", "yeah", "absolutely", "definitely", "hmm", "well"}
    | {"wow", "hey", "hi", "hello", "honestly", "certainly", "alright", "mm", "ooh", "right", "yep", "no"}
)
_END = re.compile(r"([.!?…]+[\"')\]*_]*)(\s+)|(\n+)")
_CLAUSE = re.compile(r"([,;:]|\s[—–-])\s")
_MARKDOWN = re.compile(r"[*_#`>|~]+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]")
_LETTER = re.compile(r"\w")


def speakable(text: str) -> str:
    """Text as it should be spoken: no markdown, URLs or emoji, single spaces."""
    text = _URL.sub("", text)
    text = _MARKDOWN.sub("", text)
    text = _EMOJI.sub("", text)
    return " ".join(text.split())


class SentenceChunker:
    """Feed text deltas with :meth:`feed`, get finished pieces; :meth:`flush` returns the rest."""

    def __init__(self, *, first_clause_words: int = 2, max_chars: int = 220, openers: frozenset[str] = OPENERS) -> None:
        self.first_clause_words = first_clause_words
        self.openers = openers
        self.max_chars = max_chars
        self._buffer = ""
        self._emitted = 0

    def feed(self, delta: str) -> list[str]:
        self._buffer += delta
        pieces: list[str] = []
        while (piece := self._next_piece()) is not None:
            if _LETTER.search(piece):
                pieces.append(piece)
                self._emitted += 1
        return pieces

    def flush(self) -> list[str]:
        rest = speakable(self._buffer)
        self._buffer = ""
        if rest and _LETTER.search(rest):
            self._emitted += 1
            return [rest]
        return []

    def _next_piece(self) -> str | None:
        for match in _END.finditer(self._buffer):
            end = match.end(1) if match.group(1) else match.start(3)
            if match.group(1) and match.group(1).startswith(".") and self._abbreviation(match.start(1)):
                continue
            return self._take(end, match.end())
        if self._emitted == 0:
            for match in _CLAUSE.finditer(self._buffer):
                words = self._buffer[: match.start()].split()
                if len(words) >= self.first_clause_words or (
                    len(words) == 1 and words[0].lower().strip("\"'*_") in self.openers and match.group(1) == ","
                ):
                    return self._take(match.end(1), match.end())
        if len(self._buffer) >= self.max_chars:
            cut = self._buffer.rfind(" ", 0, self.max_chars)
            cut = cut if cut > 0 else self.max_chars
            return self._take(cut, cut)
        return None

    def _take(self, end: int, resume: int) -> str:
        piece = speakable(self._buffer[:end])
        self._buffer = self._buffer[resume:].lstrip()
        return piece

    def _abbreviation(self, dot: int) -> bool:
        words = self._buffer[:dot].split()
        if not words:
            return False
        word = words[-1].lower().lstrip("(\"'")
        return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())
