"""A reply guard that drops whole sentences on one topic while a flag is set for the turn.

The eating-distress and drinking modules each set a key in ``ctx.extras`` when their signs are in view and give
a predicate for the sentences a friend would not say then (diet talk; encouragement to drink). Outside such a
turn every piece passes straight through; inside it the reply is read a sentence at a time
(:func:`amity.care.sentence_filter.filter_sentences`) and a matching sentence is dropped. A reply that was
nothing else ends up empty, and the manipulation guard after it puts its listening text in its place.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

from amity.care.sentence_filter import filter_sentences
from amity.stages import TurnContext


class TopicGuard:
    """The :class:`amity.stages.ReplyGuard` that drops sentences matching ``drops`` while ``ctx.extras[key]``."""

    def __init__(self, key: str, drops: Callable[[str], bool]) -> None:
        self.key = key
        self.drops = drops

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        if not ctx.extras.get(self.key):
            async for piece in pieces:
                yield piece
            return
        async for piece in filter_sentences(pieces, self.drops, lambda _start: True):
            yield piece
