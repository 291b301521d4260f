"""Sensing controls: no emotion inference at work or school, and consent before a camera or microphone.

* **Setting.** ``safety_settings.setting`` is ``home`` (default), ``work`` or ``school``. At work or school
  emotion inference is off (EU AI Act Art. 5(1)(f)): :class:`SensingStage` (register it *before* the
  perception stage) drops voice and face channels and sets ``ctx.extras["safety.emotion_inference"] =
  False``, which the perception stage must honour; :class:`EmotionGate` (register it right *after*
  perception) clears ``ctx.affect`` so nothing inferred is used or stored.
* **Consent.** A camera (face) or microphone (voice) channel is used only after the user allowed it
  (``amity safety consent camera --allow``). Front ends call :func:`has_consent` before opening a device
  and show :func:`amity.safety.responses.consent_request` when it returns False; the stage enforces it
  too: channels without consent are dropped and the request is shown once a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from amity.events import Notice
from amity.safety import responses
from amity.safety.text import language_of
from amity.stages import BaseStage, TurnContext
from amity.store.db import utcnow
from amity.store.safety_store import SafetyStore
from amity.store.sql import SqlDatabase

SETTINGS = ("home", "work", "school")
DEVICES = ("camera", "microphone")
CHANNEL_DEVICE = {"face": "camera", "voice": "microphone"}
INFERENCE_KEY = "safety.emotion_inference"


def get_setting(store: SafetyStore, user_id: str) -> str:
    value = store.get_setting(user_id, "setting", "home")
    return value if value in SETTINGS else "home"


def set_setting(store: SafetyStore, user_id: str, setting: str, now: datetime) -> None:
    if setting not in SETTINGS:
        raise ValueError(f"setting must be one of {SETTINGS}")
    store.set_setting(user_id, "setting", setting, now)
    store.log(user_id, "sensing_setting", {"setting": setting, "emotion_inference": setting == "home"}, at=now)


def emotion_inference_allowed(store: SafetyStore, user_id: str) -> bool:
    return get_setting(store, user_id) == "home"


def has_consent(store: SafetyStore, user_id: str, device: str) -> bool:
    return bool(store.get_setting(user_id, f"consent.{device}", False))


def set_consent(store: SafetyStore, user_id: str, device: str, allowed: bool, now: datetime) -> None:
    if device not in DEVICES:
        raise ValueError(f"device must be one of {DEVICES}")
    store.set_setting(user_id, f"consent.{device}", bool(allowed), now)
    store.log(user_id, "consent", {"device": device, "allowed": bool(allowed)}, at=now)


class SensingStage(BaseStage):
    """Before perception: enforce the work/school setting and device consent on this turn's channels."""

    def __init__(self, db: SqlDatabase, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = SafetyStore(db)
        self.clock = clock

    async def before_reply(self, ctx: TurnContext) -> None:
        now = self.clock()
        if not emotion_inference_allowed(self.store, ctx.user.id):
            ctx.extras[INFERENCE_KEY] = False
            ctx.channels = ()
            return
        ctx.extras[INFERENCE_KEY] = True
        kept = []
        for channel in ctx.channels:
            device = CHANNEL_DEVICE.get(channel.channel)
            if device is None or has_consent(self.store, ctx.user.id, device):
                kept.append(channel)
                continue
            asked = self.store.events(ctx.user.id, ("consent_requested",), since=now - timedelta(days=1))
            if not any(e.detail.get("device") == device for e in asked):
                ctx.emit(Notice("sensing", responses.consent_request(language_of(ctx.user.locale), device)))
                self.store.log(ctx.user.id, "consent_requested", {"device": device}, session_id=ctx.session.id, at=now)
        ctx.channels = tuple(kept)


class EmotionGate(BaseStage):
    """After perception: nothing inferred about emotions survives when inference is off."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.extras.get(INFERENCE_KEY) is False:
            ctx.affect = None
