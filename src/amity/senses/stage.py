"""Turn stages of the senses: the sensing notice and channel switches before perception, conflicts after it.

The text-emotion stage (:class:`amity.affect.stage.AffectStage`) does the per-turn fusion itself when it is
built with ``fuse=amity.senses.fusion.fuse``; it reads the words and joins the voice/face estimates the front
end put in ``ctx.channels``. Around it:

* :class:`SensesStage` (register *before* perception) — when a session opens with the microphone or camera on,
  emits ``Notice(kind="sensing")`` with the EU AI Act Art. 50 text (:func:`~amity.senses.sensing.sensing_notice`);
  on every turn drops voice/face estimates of channels the user switched off, so nothing from a disabled sensor
  is used even if a front end sent it.
* :class:`ConflictStage` (register right *after* perception) — when the fused estimate has ``conflict=True``,
  adds one gentle guidance line (:func:`~amity.senses.fusion.conflict_guidance`) and emits
  ``Notice(kind="affect_conflict")`` so front ends can show or log the mixed signals.
"""

from __future__ import annotations

from collections.abc import Callable

from amity.events import Notice
from amity.senses.fusion import conflict_guidance, conflict_notice_text
from amity.senses.sensing import SensingChannels, sensing_notice
from amity.stages import BaseStage, OpenContext, TurnContext


class SensesStage(BaseStage):
    """Sensing notice on open; removes estimates of switched-off channels from ``ctx.channels``."""

    def __init__(
        self, sensing: SensingChannels | None = None, consented: Callable[[str, str], bool] | None = None
    ) -> None:
        """``consented(user_id, device)`` says whether the user allowed the ``microphone`` / ``camera`` for
        emotion estimates; a channel without consent is not announced as on (the safety stage asks first)."""
        self.sensing = sensing or SensingChannels()
        self.consented = consented or (lambda _user, _device: True)

    async def on_open(self, ctx: OpenContext) -> None:
        allowed = self.sensing
        if allowed.voice and not self.consented(ctx.user.id, "microphone"):
            allowed = allowed.with_channel("voice", False)
        if allowed.face and not self.consented(ctx.user.id, "camera"):
            allowed = allowed.with_channel("face", False)
        notice = sensing_notice(allowed)
        if notice:
            ctx.emit(Notice(kind="sensing", text=notice))

    async def before_reply(self, ctx: TurnContext) -> None:
        ctx.channels = tuple(c for c in ctx.channels if c.channel == "text" or self.sensing.is_on(c.channel))


class ConflictStage(BaseStage):
    """Names a conflict between channels gently (guidance line + ``affect_conflict`` notice)."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.affect is None or not ctx.affect.conflict:
            return
        guidance = conflict_guidance(ctx.affect)
        notice = conflict_notice_text(ctx.affect)
        if guidance:
            ctx.guide(guidance)
        if notice:
            ctx.emit(Notice(kind="affect_conflict", text=notice))
