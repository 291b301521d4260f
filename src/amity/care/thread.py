"""A theme that stays with a conversation once told: the shared shape of the care stages that follow one.

Someone who said "I failed my exams", "I yelled at my kids", "nobody has even come close" or "I cry in the car
before work" is still talking about it three messages later, in words that no longer say so ("he worked so hard so
I could go to a good school"). :class:`ThreadStage` keeps such a theme in view: when :meth:`ThreadStage.told`
matches this message or one of the last ``window`` of the conversation, it sets ``ctx.extras[key]`` (read by
:func:`amity.safety.guard.user_hurting`, the unasked-advice guard and the topic guards), answers the first telling
with :meth:`ThreadStage.first_reply` when it has one, and otherwise adds ``guidance`` and gives a fixed answer of
:meth:`ThreadStage.later_replies` to a message it fits, each once a conversation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import ClassVar

from amity.stages import BaseStage, TurnContext


class ThreadStage(BaseStage):
    """A theme told in this conversation: its key set while in view, a first answer, then guidance (see above)."""

    key: ClassVar[str]
    window: ClassVar[int]
    guidance: ClassVar[str]
    hurting: ClassVar[bool] = True  # while in view the turn counts as hurting (amity.safety.guard.user_hurting)

    def told(self, text: str) -> bool:
        """Whether ``text`` tells of the theme."""
        raise NotImplementedError

    def first_reply(self, text: str) -> str | None:
        """The fixed answer to the first telling in a conversation, or None (then the model answers, guided)."""
        return None

    # (pattern, reply) pairs for the default later_replies: reply(told) when the message matches, where told is the
    # message and the earlier ones in the window, newest first
    cues: ClassVar[tuple[tuple[re.Pattern[str], Callable[[Sequence[str]], str]], ...]] = ()

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        """Fixed answers that fit a later message while the theme is in view; the first not yet given in this
        conversation is the reply (each is given once), else the model answers, guided. By default: those of
        :attr:`cues` whose pattern the message matches."""
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        return [reply(told) for pattern, reply in self.cues if pattern.search(folded)]

    def replies_for(self, ctx: TurnContext, earlier: Sequence[str]) -> Sequence[str]:
        """:meth:`later_replies` of this turn's message; a stage whose answers need more of the turn (the user's
        region, for support lines) overrides this instead."""
        return self.later_replies(ctx.text, earlier)

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        earlier = ctx.earlier_user_texts()
        told_before = any(self.told(text) for text in earlier[: self.window])
        told_now = self.told(ctx.text)
        if not (told_now or told_before):
            return
        ctx.extras[self.key] = True
        if told_now and not told_before and (first := self.first_reply(ctx.text)) is not None:
            ctx.reply_override = first
            return
        ctx.guide(self.guidance)
        said = {t.text for t in ctx.history if t.role == "assistant" and t.session_id == ctx.session.id}
        reply = next((r for r in self.replies_for(ctx, earlier) if r not in said), None)
        if reply is not None:
            ctx.reply_override = reply
