"""The affect stage: read how the user seems to feel, tell the model (as a guess), keep mood and personality.

``before_reply``: the text model reads the message (:class:`~amity.affect.text_emotion.TextEmotionModel`), what
the user says they feel ("I'm so tired", :mod:`amity.affect.self_report`) is folded into that estimate, the
result is combined with any voice/face estimates the front end supplied (``ctx.channels``) - through ``fuse``
when given (the real fusion lives in :mod:`amity.senses.fusion`), otherwise a confidence-weighted average -
and set as ``ctx.affect``; an :class:`~amity.events.AffectDetected` event is emitted. The guidance line quotes
the user's own words when they named a feeling; otherwise it words the estimate as a guess with its
confidence and tells the model never to state it as fact and to ask when unsure; a second line gives the
slow mood when there is enough evidence for one. Spoken turns (``ctx.spoken``) get both lines in a compact
wording with the same meaning (fewer prompt tokens to evaluate while the user waits for the answer), and no
mood line when the user said how they feel (their words of now beat the slow estimate).

``text_enabled(user_id)`` lets the user switch reading their words off (the "text" sensing channel): then only
voice/face estimates are used, and without them the turn has no affect and no personality evidence is kept.

``after_reply``: the turn's estimate is blended into the user's mood (:mod:`amity.affect.mood`, stored as
history) and the message's word counts are added to the personality evidence
(:mod:`amity.affect.personality`). Both are bookkeeping that emits nothing, so they run after ``TurnEnd``
(``TurnContext.after_end``; the user's next turn waits for them, see :mod:`amity.after_turn`).

The text model is small (a linear model over word features, well under a millisecond per message), so
it runs on the event loop: a thread hop costs more than the work (only its first load, reading the
artifact, runs in a thread).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from amity.affect import mood as mood_model
from amity.affect.loss import (
    CARER_GUIDANCE,
    CARING,
    DEATH_KEY,
    LOSS_TURNS,
    RECENT_LOSS_KEY,
    RETIRED_GUIDANCE,
    caring_for,
    find_loss,
    recent_loss,
    retired,
)
from amity.affect.loss_care import (
    PET_GUIDANCE,
    STILL_HABIT_GUIDANCE,
    checking_reply,
    empty_days_reply,
    family_away_reply,
    loss_guidance,
    not_your_doing_reply,
    still_habit,
    when_time_reply,
)
from amity.affect.self_report import (
    HURT_TURNS,
    RECENT_HURT_KEY,
    UNSURE_NEWS_GUIDANCE,
    UNSURE_NEWS_KEY,
    find_self_reports,
    unsure_news,
    with_self_reports,
)
from amity.affect.text_emotion import TextEmotionModel, shared_model
from amity.events import AffectDetected
from amity.safety.guard import LANG_KEY
from amity.stages import BaseStage, TurnContext
from amity.store.affect_store import AffectStore, MoodPoint
from amity.store.db import utcnow
from amity.store.sql import SqlDatabase
from amity.types import Affect, ChannelAffect

Fuse = Callable[[Sequence[ChannelAffect]], Affect]
SURE = 0.5  # below this, the guidance asks the model to check rather than assume
REPORTED_CLEAR = 0.2  # |valence| from which a reported feeling is called pleasant / unpleasant
NOISE = 0.2  # below this, the estimate is not passed on as a feeling at all
TRACE = 0.25  # a feeling beside a mostly neutral reading is named only from this share of the fused labels
MOOD_MIN_EVIDENCE = 1.5


def simple_fuse(channels: Sequence[ChannelAffect]) -> Affect:
    """Confidence-weighted mean of valence/arousal; label and labels from the most confident channel."""
    weights = [max(c.confidence, 1e-3) for c in channels]
    total = sum(weights)
    best = max(channels, key=lambda c: c.confidence)
    return Affect(
        label=best.label,
        valence=sum(w * c.valence for w, c in zip(weights, channels, strict=True)) / total,
        arousal=sum(w * c.arousal for w, c in zip(weights, channels, strict=True)) / total,
        confidence=best.confidence,
        labels=best.labels,
        channels=tuple(channels),
    )


def affect_guidance(affect: Affect, *, compact: bool = False) -> str:
    """One line for the system prompt: what the user said they feel, else the estimate worded as a guess.

    When the user named a feeling (``affect.reported``, :mod:`amity.affect.self_report`) the line quotes their
    words - that is what they said, not a guess. Otherwise the estimate is a guess with its confidence, never
    a fact, and the model is told to ask when unsure; "neutral" is never named as a feeling.

    ``compact`` (spoken turns, where every prompt token is evaluated while the user waits): the same
    meaning in about half the tokens, the confidence as "a guess" / "a weak guess" instead of a number."""
    if affect.reported:
        quotes = " and ".join(f'"{q}"' for q in affect.reported)
        # Said plainly which way the feeling goes: quoted alone, "I feel tired" once drew "That's great to hear!"
        kind = (
            "unpleasant"
            if affect.valence <= -REPORTED_CLEAR
            else "pleasant"
            if affect.valence >= REPORTED_CLEAR
            else ""
        )
        if compact:
            return f"The user said {quotes} ({kind})." if kind else f"The user said {quotes}."
        article = "an" if kind == "unpleasant" else "a"
        said = f"The user said {quotes} ({article} {kind} feeling)." if kind else f"The user said {quotes}."
        return f"{said} Respond to that feeling; don't add feelings they didn't name."
    names = [e.label for e in affect.labels[:2]] or [affect.label]
    if names[0] == "neutral" and len(affect.labels) > 1 and affect.labels[1].score < TRACE:
        names = names[:1]  # "How have you been?": neutral 0.84, confusion 0.16 - not a feeling worth naming
    feelings = [n for n in names if n != "neutral"] if affect.confidence >= NOISE else []
    conf = f"confidence {affect.confidence:.2f}"
    if not feelings:
        if compact:
            return "No clear emotion in the user's words; don't read feelings into them."
        return (
            f"The user's words show no clear emotion (neutral, {conf}). Don't read feelings into it; "
            "if it seems to matter, you can ask how they are."
        )
    feeling = " and ".join(feelings)
    if names[0] == "neutral":  # mostly neutral, a trace of something else
        if compact:
            return f"The user's words are mostly neutral, maybe a little {feeling} (a weak guess)."
        return (
            f"The user's words seem mostly neutral, maybe with a little {feeling} (a weak guess). Don't assume it; "
            "if it matters, gently ask how they feel."
        )
    if compact:
        if affect.confidence >= SURE:
            return f"The user may feel {feeling} (a guess, not a fact; ask if unsure)."
        return f"The user might feel {feeling} (a weak guess; don't assume it, ask if it matters)."
    if affect.confidence >= SURE:
        return f"The user seems to feel {feeling} ({conf}). Don't state it as fact; if unsure, gently ask."
    return (
        f"The user might feel {feeling}, but this is a weak guess ({conf}). Don't assume it or state it; "
        "if it matters, gently ask how they feel."
    )


HURT_VALENCE = 0.5  # a named feeling this unpleasant or more keeps the next messages hurting (``_remember_hurt``)


def mood_guidance(state: mood_model.MoodState, *, compact: bool = False) -> str | None:
    word = mood_model.describe(state.valence, state.arousal)
    if state.evidence < MOOD_MIN_EVIDENCE or word == "even":
        return None
    if compact:
        return f"Lately the user has seemed {word} (a guess)."
    return (
        f"Across recent conversations the user has seemed {word} overall (an estimate from their words, "
        "not something they said)."
    )


class AffectStage(BaseStage):
    """Text emotion -> ``ctx.affect`` + guidance; mood history and personality evidence after the reply."""

    def __init__(
        self,
        db: SqlDatabase,
        *,
        model: TextEmotionModel | None = None,
        fuse: Fuse | None = None,
        track_personality: bool = True,
        text_enabled: Callable[[str], bool] | None = None,
        compact_when_spoken: bool = True,
        read_self_reports: bool = True,
    ) -> None:
        self.store = AffectStore(db)
        self.model = model or shared_model()
        self.fuse = fuse
        self.track_personality = track_personality
        self.text_enabled = text_enabled or (lambda _user_id: True)
        self.compact_when_spoken = compact_when_spoken  # spoken turns: the compact wording of the lines
        self.read_self_reports = read_self_reports  # off: the model's guess alone (benchmarks compare both)
        self._model_loaded = False

    async def before_reply(self, ctx: TurnContext) -> None:
        others = tuple(c for c in ctx.channels if c.channel != "text")
        reading = self.text_enabled(ctx.user.id)
        ctx.extras["affect_text_on"] = reading
        if reading:
            if not self._model_loaded:
                await asyncio.to_thread(self.model.load)
                self._model_loaded = True
            text = self.model.predict(ctx.text)
            if self.read_self_reports:
                text = with_self_reports(text, find_self_reports(ctx.text))
            channels = (text, *others)
        elif others:
            channels = others
        else:
            return
        affect = self.fuse(channels) if self.fuse is not None else simple_fuse(channels)
        ctx.affect = affect
        ctx.emit(AffectDetected(affect))
        compact = ctx.spoken and self.compact_when_spoken
        ctx.guide(affect_guidance(affect, compact=compact))
        if reading and self.read_self_reports:
            if told := loss_guidance(ctx.text, compact=compact, lang=str(ctx.extras.get(LANG_KEY, "en"))):
                ctx.guide(told)
            self._remember_loss(ctx, compact)
            self._remember_hurt(ctx)
            self._remember_retirement(ctx, compact)
            if unsure_news(ctx.text) and not affect.reported:  # "I just found out I'm pregnant"
                ctx.extras[UNSURE_NEWS_KEY] = True
                ctx.guide(UNSURE_NEWS_GUIDANCE)
        state = self.store.latest_mood(ctx.user.id)
        if state is not None and not (compact and affect.reported):  # spoken: their words now beat the slow mood
            line = mood_guidance(mood_model.decay(state, ctx.user_turn.created_at), compact=compact)
            if line:
                ctx.guide(line)

    @staticmethod
    def _remember_loss(ctx: TurnContext, compact: bool) -> None:
        """A loss told a few messages ago stays in view while the conversation goes on (``RECENT_LOSS_KEY``)."""
        said = ctx.earlier_user_texts()
        earlier = said[:LOSS_TURNS]
        now = find_loss(ctx.text)
        told_now = now is not None and now[1] == CARING  # the loss line for a carer says it already
        if not compact and (caring_for(said) or (not told_now and caring_for([ctx.text]))):
            ctx.guide(CARER_GUIDANCE)  # for the whole conversation: "I haven't had a day off in eight months"
            if ctx.reply_override is None:  # "my brother lives two hours away and just sends money"
                ctx.reply_override = family_away_reply(ctx.text)
        if now is not None and now[1] == "grieving":
            ctx.extras[DEATH_KEY] = now[0]
        found = recent_loss(earlier, ctx.text)
        if found is None:
            return
        quote, word = found
        ctx.extras[RECENT_LOSS_KEY] = quote
        if word == "grieving":
            ctx.extras[DEATH_KEY] = quote
        if compact:
            ctx.guide(f'Earlier they said "{quote}"; keep it in mind.')
        else:
            grief = word in {"grieving", "heartbroken"}
            still = "They may still be grieving" if grief else "It may still weigh on them"
            ctx.guide(
                f'Earlier in this conversation they told you "{quote}". {still}: keep it in mind, '
                "and don't talk about it as if it had not happened."
            )
            if grief and still_habit(ctx.text):  # "I still set two cups out some mornings"
                ctx.guide(STILL_HABIT_GUIDANCE)
            if grief and ctx.reply_override is None:  # "I keep looking at his instagram", "…rereading our last texts"
                ctx.reply_override = checking_reply(ctx.text)
            if word == "grieving" and ctx.reply_override is None:  # "thursdays are going to be so empty now"
                ctx.reply_override = empty_days_reply(ctx.text)
            if word == "pregnancy loss" and ctx.reply_override is None:  # "I keep thinking it was something I did"
                ctx.reply_override = not_your_doing_reply(ctx.text)
            if word == "losing a pet":  # "her name is Pepper. she still wags when I come home"
                ctx.guide(PET_GUIDANCE)
                if ctx.reply_override is None:  # "how do you even know when it's time?"
                    ctx.reply_override = when_time_reply(ctx.text)

    @staticmethod
    def _remember_hurt(ctx: TurnContext) -> None:
        """An unpleasant feeling named in the last :data:`HURT_TURNS` messages ("it's 3am and I feel so alone") still
        counts for this one ("my flat is so quiet, everyone I know is asleep or has a partner"): the turn is treated
        as hurting (``RECENT_HURT_KEY``), so no cheering ("it's great that everyone is sleeping") gets through."""
        earlier = ctx.earlier_user_texts()[:HURT_TURNS]
        for text in earlier:
            hurt = next((r for r in find_self_reports(text) if r.valence <= -HURT_VALENCE), None)
            if hurt is not None:
                ctx.extras[RECENT_HURT_KEY] = hurt.quote
                return

    @staticmethod
    def _remember_retirement(ctx: TurnContext, compact: bool) -> None:
        """Retiring told in this conversation, and a hurt now or a message ago ("I don't know what to do with myself"):
        a loss, so the line says so and the unasked-advice guard keeps the hobby lists out (``RECENT_LOSS_KEY``)."""
        hurting = ctx.extras.get(RECENT_HURT_KEY) or any(
            r.valence <= -HURT_VALENCE for r in find_self_reports(ctx.text)
        )
        said = [t.text for t in ctx.history if t.role == "user" and t.session_id == ctx.session.id]
        if not hurting or not retired([*said, ctx.text]):
            return
        ctx.extras.setdefault(RECENT_LOSS_KEY, "I retired")
        if not compact:
            ctx.guide(RETIRED_GUIDANCE)

    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        if ctx.affect is not None or (self.track_personality and ctx.extras.get("affect_text_on", True)):
            ctx.after_end(lambda: self._record(ctx))

    async def _record(self, ctx: TurnContext) -> None:
        affect = ctx.affect
        if affect is not None:
            at = ctx.user_turn.created_at or utcnow()
            previous = self.store.latest_mood(ctx.user.id)
            state = mood_model.update(previous, affect.valence, affect.arousal, affect.confidence, at)
            point = MoodPoint(at, affect.label, affect.valence, affect.arousal, affect.confidence, state)
            self.store.add_mood_point(ctx.user.id, point, ctx.session.id, ctx.user_turn.id)
        if self.track_personality and ctx.extras.get("affect_text_on", True):
            self.store.add_evidence(ctx.user.id, ctx.text)
