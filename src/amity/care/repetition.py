"""No sentence said twice in a row: a friend does not ask "How do you feel about this?" after every message.

The small models fall into a groove: in a German conversation about a mother's death the 1.5B ended four replies
running with "Wie geht es dir heute?", and in English it repeats "How do you feel about this?" and "It's
important to take care of yourself during this time." word for word. To the person talking it reads as not being
listened to. :class:`RepetitionGuard` is a reply guard (first in the chain) that drops a sentence when it repeats
one of the companion's last :data:`RECENT_REPLIES` replies in this conversation - the same words after case,
punctuation and spacing are folded.

Streaming costs nothing for other sentences: a sentence is held only while its words so far are the start of a
recent sentence; as soon as they are not, it streams on. A reply left empty is filled by the manipulation guard's
listening text.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from amity.care.sentence_filter import filter_sentences
from amity.stages import TurnContext

RECENT_REPLIES = 3
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]*")


def fold(sentence: str) -> str:
    """Lower case words only: "How do you feel about this?" → "how do you feel about this"."""
    return " ".join(re.findall(r"[\w']+", sentence.lower().replace("\u2019", "'")))


def recent_sentences(ctx: TurnContext) -> frozenset[str]:
    """The folded sentences of the companion's last replies in this conversation."""
    replies = [t.text for t in reversed(ctx.history) if t.role == "assistant" and t.session_id == ctx.session.id]
    return frozenset(
        folded for reply in replies[:RECENT_REPLIES] for s in _SENTENCE.findall(reply) if (folded := fold(s))
    )


class RepetitionGuard:
    """The :class:`amity.stages.ReplyGuard` that drops sentences the companion just said (module docstring)."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        recent = recent_sentences(ctx) if ctx.reply_override is None else frozenset()  # fixed texts stay whole
        if not recent:
            async for piece in pieces:
                yield piece
            return

        def may_repeat(start: str) -> bool:
            begun = fold(start)
            return bool(begun) and any(r.startswith(begun) for r in recent)

        async for piece in filter_sentences(pieces, lambda sentence: fold(sentence) in recent, may_repeat):
            yield piece
