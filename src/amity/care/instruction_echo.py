"""No stage directions in the reply: a sentence that repeats the prompt's guidance is dropped.

Small models sometimes copy a line of guidance into the reply. Tom said "I'm a bit scared I'll mess it up though"
and the default 1.5B, guided with 'They doubt they can do it (…). Do not agree, and do not rush to tips.', ended
with "Don't rush to tips; try to relax and focus on your work." - the user reads the machinery, addressed to him.

:class:`InstructionEchoGuard` reads this turn's guidance (``ctx.standing`` and ``ctx.guidance``), leaves out what
is quoted there (the examples, which the model is meant to follow, and the user's own words) and keeps every run
of :data:`N` words that holds a word of instruction ("do not", "never", "user", "they", "reply", "tips"…). A reply
sentence that opens with one of those runs is dropped (a copied direction stands at the start of its sentence:
"Don't rush to tips; …", "Greet them back like a friend."). Following the guidance in one's own words passes:
guided to "say plainly that there is no shame in it", the sentence "There is no shame in it at all." stays (no word
of instruction in the shared run). A sentence that narrates the technique it was asked to use ("Restating what you
told me in your own words, I heard you say…", from "Briefly restate what they told you in your own words") is
dropped too (:data:`NARRATION`). Streaming costs little: a sentence is held only while its first words could
still open a run; as soon as they cannot, it streams on.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable

from amity.care.sentence_filter import filter_sentences
from amity.stages import TurnContext

N = 5
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]")
_WORD = re.compile(r"[a-z']+")
_META = frozenset(
    {"not", "never", "don't", "user", "user's", "they", "them", "their", "reply", "replies", "strategy", "guidance",
     "tips", "stage", "prompt", "instruction", "instructions", "unless", "avoid"}
)  # fmt: skip
NARRATION = re.compile(
    r"^\W*(?:restating|paraphrasing|reflecting\s+back\s+(?:what|on\s+what\s+you)|to\s+(?:restate|paraphrase)\b)",
    re.IGNORECASE,
)
_NARRATION_WORDS = frozenset({"restating", "paraphrasing", "reflecting"})


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("n't", " not")
    return _WORD.findall(text)


def instruction_runs(lines: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Every run of :data:`N` words of the guidance, outside quotes, that holds a word of instruction."""
    runs: set[tuple[str, ...]] = set()
    for line in lines:
        words = _words(_QUOTED.sub(" | ", line))
        for i in range(len(words) - N + 1):
            run = tuple(words[i : i + N])
            if _META & set(run):
                runs.add(run)
    return frozenset(runs)


def echoes(sentence: str, runs: frozenset[tuple[str, ...]]) -> bool:
    """Whether a reply sentence opens with a run of the guidance, or narrates the technique (:data:`NARRATION`)."""
    return tuple(_words(sentence)[:N]) in runs or NARRATION.match(sentence) is not None


def prefixes(runs: frozenset[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """Every opening (1 to N-1 words) of a run: a sentence that starts so may still become an echo."""
    return frozenset(run[:k] for run in runs for k in range(1, N))


def may_echo(start: str, openings: frozenset[tuple[str, ...]], runs: frozenset[tuple[str, ...]]) -> bool:
    """Whether the sentence begun so far could still open with a run (its last word may be incomplete)."""
    words = _words(start)
    if start and not start[-1].isspace() and start[-1] not in ".,;:!?":
        words = words[:-1]  # the last word may still be being written ("Don'" of "Don't")
    if words and words[0] in _NARRATION_WORDS:
        return True  # "Restating what you told me…": held to the end of the sentence, where it is dropped
    if len(words) >= N:
        return tuple(words[:N]) in runs  # an echo: hold it to the end of the sentence, where it is dropped
    return not words or tuple(words) in openings


class InstructionEchoGuard:
    """The :class:`amity.stages.ReplyGuard` that drops sentences copied from the guidance (module docstring)."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        runs = instruction_runs([*ctx.standing, *ctx.guidance])
        if not runs:
            async for piece in pieces:
                yield piece
            return
        openings = prefixes(runs)
        async for piece in filter_sentences(pieces, lambda s: echoes(s, runs), lambda s: may_echo(s, openings, runs)):
            yield piece
