"""No sentence said twice in a row: a friend does not ask "How do you feel about this?" after every message.

The small models fall into a groove: in a German conversation about a mother's death the 1.5B ended four replies
running with "Wie geht es dir heute?", and in English it repeats "How do you feel about this?" and "It's
important to take care of yourself during this time." word for word. To the person talking it reads as not being
listened to. :class:`RepetitionGuard` is a reply guard (first in the chain) that drops a sentence when it repeats
one of the companion's last :data:`RECENT_REPLIES` replies in this conversation - the same words after case,
punctuation and spacing are folded.

Within one reply too: a sentence already said in it is dropped, and after :data:`MAX_DROPPED` dropped sentences,
or as soon as the text stutters (the same two to four words three times running: "so moving, so moving, so
moving"; one word five times), the reply ends there - the model has fallen into a loop, and reading on only
spends the CPU. Asked "do you like music?", the 1.5B once wrote "It can be so special, so special, so special, so
special." eight times over.

Streaming costs nothing for other sentences: a sentence is held only while its words so far are the start of a
recent sentence (or of one said earlier in this reply); as soon as they are not, it streams on. A reply left empty
is filled by the manipulation guard's listening text.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from amity.care.sentence_filter import filter_sentences
from amity.stages import TurnContext

RECENT_REPLIES = 3
MAX_DROPPED = 3
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


def stutters(folded: str) -> bool:
    """The same two to four words three times running ("so special so special so special"), or one word five
    times ("yes yes yes" is how people cheer)."""
    words = folded.split()
    for n in range(1, 5):
        times = 5 if n == 1 else 3
        for i in range(len(words) - times * n + 1):
            if all(words[i + k * n : i + (k + 1) * n] == words[i : i + n] for k in range(1, times)):
                return True
    return False


class RepetitionGuard:
    """The :class:`amity.stages.ReplyGuard` that drops sentences the companion just said (module docstring)."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        if ctx.reply_override is not None:  # fixed texts stay whole
            async for piece in pieces:
                yield piece
            return
        recent = set(recent_sentences(ctx))
        said: set[str] = set()
        dropped = 0
        cut = False

        def drop(sentence: str) -> bool:
            nonlocal dropped
            folded = fold(sentence)
            if cut or folded in recent or folded in said or stutters(folded):  # cut: a half sentence of the loop
                dropped += 1
                return True
            return False

        def may_repeat(start: str) -> bool:
            begun = fold(start)
            return bool(begun) and any(r.startswith(begun) for r in (*recent, *said))

        async def source() -> AsyncIterator[str]:
            nonlocal cut
            raw = ""
            async for piece in pieces:
                raw = (raw + piece)[-240:]
                if dropped >= MAX_DROPPED or stutters(fold(raw)):
                    cut = True  # a loop: end the reply here
                    return
                yield piece

        shown = ""
        async for piece in filter_sentences(source(), drop, may_repeat):
            shown += piece
            said.update(f for s in _SENTENCE.findall(shown)[:-1] if (f := fold(s)))
            yield piece
