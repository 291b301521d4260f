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
import re
from collections.abc import Callable, Sequence

from amity.affect import mood as mood_model
from amity.affect.self_report import (
    CARER_GUIDANCE,
    CARING,
    HURT_TURNS,
    LOSS_TURNS,
    RECENT_HURT_KEY,
    RECENT_LOSS_KEY,
    RETIRED_GUIDANCE,
    UNSURE_NEWS_GUIDANCE,
    UNSURE_NEWS_KEY,
    caring_for,
    find_loss,
    find_self_reports,
    recent_loss,
    retired,
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


# What a friend does first when told of a loss, by the loss's word (:data:`amity.affect.self_report.LOSS`). Quoting
# the words alone drew "It's a beautiful thing to know that Margaret passed in March" and "Have you considered
# talking to friends or family?" from the 1.5B model: it needs to be told what the moment asks for.
LOSS_GUIDANCE: dict[str, tuple[str, str]] = {
    "grieving": (
        "They just told you of a death. First say you're sorry for their loss, in plain words. No advice, no silver "
        "lining, nothing cheerful; if you ask anything, ask gently about the person or how they are managing.",
        "They told you of a death: say you're sorry first; no advice, nothing cheerful.",
    ),
    "remembering a loss": (
        "They are remembering someone who died: a birthday or anniversary that would have been. Gently "
        "acknowledge that such days are hard without the person; no plans, nothing to celebrate. If you ask "
        "anything, ask what the person was like.",
        "They remember someone who died: acknowledge it gently; not a celebration to plan.",
    ),
    "hurting at home": (
        "They just told you of trouble between their parents. First say you're sorry it's happening; it is not "
        "their job to fix it or to look after their parents, and it is okay that it hurts. Give no advice; if you "
        "ask anything, ask gently how they are doing.",
        "Trouble between their parents: say you're sorry first; not their job to fix it; no advice.",
    ),
    "caring for someone ill": (
        "They care for someone they love who is ill. That is hard, tiring and often lonely work: acknowledge that "
        "first, in plain words. Don't call it great or wonderful, don't praise them as dedicated, give no advice; if "
        "you ask anything, ask gently how they are holding up.",
        "They care for someone ill they love: say it sounds hard first; no praise, no advice.",
    ),
    "losing someone slowly": (
        "Someone they love no longer always knows who they are. That is a real loss, a kind of grief while the "
        "person is still here. Say gently that it must hurt; don't call it nice, don't explain the illness, give no "
        "advice; if you ask anything, ask how they are.",
        "Someone they love no longer knows them: say gently that it must hurt; no advice.",
    ),
    "pregnancy loss": (
        "They lost a pregnancy. That is a real bereavement, often grieved in silence. Say you're so sorry for their "
        "loss, in plain words. Never 'at least', never 'you can try again', never 'it was meant to be', and no "
        "questions about what happened medically; if you ask anything, ask gently how they are.",
        "They lost a pregnancy: say you're so sorry; never 'at least' or 'try again'.",
    ),
    "losing a pet": (
        "Their pet is near the end and they face the decision to put her to sleep. Say plainly how hard and sad that "
        "is; nothing cheerful, no 'good sign'. If you ask anything, ask gently about the pet - what she is like, "
        "their years together.",
        "Their pet is near the end: say how hard that is; nothing cheerful.",
    ),
    "living with illness": (
        "They live with a long-term illness or pain. Believe them, and acknowledge what it costs them (plans, "
        "friends, things they loved). No fixes, exercise, positivity or questions about what they do to get better "
        "unless they ask; if you ask anything, ask gently how today is for them.",
        "They live with long-term illness or pain: believe them; no fixes or positivity.",
    ),
    "heartbroken": (
        "They just told you of a break-up or betrayal. First say you're sorry it happened; don't take sides, give "
        "no advice and no silver lining; if you ask anything, ask gently how they are.",
        "They told you of a break-up: say you're sorry first; no advice, no silver lining.",
    ),
    "worried": (
        "They just told you of an illness. First say you're sorry to hear it; no medical advice and no false "
        "reassurance; if you ask anything, ask gently how they are taking it.",
        "They told you of an illness: say you're sorry first; no medical advice, no false reassurance.",
    ),
    "upset": (
        "They just told you they lost their work. First say you're sorry; no advice yet and no silver lining; "
        "if you ask anything, ask gently how they are taking it.",
        "They told you they lost their work: say you're sorry first; no advice yet.",
    ),
}


# A habit kept from life with the person who died ("I still set two cups out some mornings"): the 1.5B answered "It's
# always helpful to have something to look forward to in the morning. How do you usually go about it?"
_STILL_HABIT = re.compile(
    r"\bi\s+(?:still|sometimes\s+still|keep)\s+(?:set(?:ting)?|make|making|buy|buying|cook|cooking|pour|lay|reach(?:ing)?\s+for|"
    r"call|calling|text|texting|talk(?:ing)?\s+to|sleep(?:ing)?\s+on|keep|wear|wearing|save|saving|look(?:ing)?\s+for|"
    r"expect|listen(?:ing)?\s+for|turn(?:ing)?\s+to\s+tell)\b",
    re.IGNORECASE,
)
STILL_HABIT_GUIDANCE = (
    "They still keep a habit from their life with the person who died. Say it back gently, as a sign of how much "
    "they shared, e.g. \"That's such a tender thing - after all that time together, of course part of you still "
    "does it.\" Don't call it helpful or nice, and give no advice about stopping."
)
# Checking an ex's profile after a break-up ("I keep looking at his instagram"): the 1.5B answered "Instagram can
# sometimes make people feel more connected to others… Is there anything you want to say about Instagram?"
_CHECKING = re.compile(
    r"\b(?:keep|kept|keeps|can'?t\s+stop|cannot\s+stop|still)\s+(?:looking\s+at|checking|stalking|scrolling(?:\s+through)?|"
    r"reading|re-?reading|looking\s+through|watching)\s+(?:his|her|their|my\s+ex'?s|our)\s+(?:\w+\s+)?(?:instagram|insta|ig|"
    r"facebook|fb|profile|page|photos|pics|pictures|socials|stories|story|posts|tiktok|twitter|texts|messages|chats?)\b",
    re.IGNORECASE,
)
_WHEN_TIME = re.compile(
    r"\bhow\s+(?:do|does|will|would|can|could)\s+(?:you|i|anyone|one|people)\s+(?:even\s+|ever\s+|really\s+)?know\s+(?:when|if)\s+"
    r"(?:it(?:'s|\s+is)|it\s+will\s+be|the\s+time\s+is)\s+(?:the\s+)?(?:right\s+)?time\b|\bhow\s+(?:do|will|would)\s+i\s+know\s+"
    r"(?:it's|it\s+is)\s+time\b|\bis\s+it\s+(?:really\s+)?(?:the\s+right\s+)?time\s*\?",
    re.IGNORECASE,
)
_NOT_YOUR_DOING = re.compile(
    r"\b(?:it\s+was|it's|maybe\s+it\s+was|what\s+if\s+it\s+was)\s+(?:something\s+i\s+(?:did|ate|didn't\s+do)|my\s+fault|because\s+of\s+me)\b|"
    r"\bi\s+(?:blame|can't\s+stop\s+blaming)\s+myself\b|\bdid\s+i\s+(?:cause|do\s+something\s+to\s+cause)\s+(?:it|this)\b|"
    r"\b(?:should|shouldn't)\s+(?:have|'ve)\s+(?:lifted|worked|exercised|rested|been\s+more\s+careful|gone\s+to\s+work)\b",
    re.IGNORECASE,
)
NOT_YOUR_DOING_REPLY = (
    "It wasn't something you did. Most pregnancy losses happen for reasons no one can cause or prevent - not "
    "stress, not work, not something you ate or lifted. I'm so sorry you're carrying that thought on top of the loss."
)


def not_your_doing_reply(text: str) -> str | None:
    """The fixed answer to blaming oneself for a pregnancy loss ("I keep thinking it was something I did"); the 1.5B
    answered "It's okay to keep thinking about it. What is it?"."""
    return NOT_YOUR_DOING_REPLY if _NOT_YOUR_DOING.search(text.replace("\u2019", "'")) else None


PET_GUIDANCE = (
    "What they tell you about their pet now is precious to them. Receive it warmly and let it show the bond, e.g. "
    '"She still wags when you come home - that says so much about what you two have." No suggestions about her care '
    "or exercise, nothing cheerful."
)
WHEN_TIME_REPLY = (
    "There's rarely one clear moment, which is part of what makes it so hard. Many vets suggest a few gentle "
    "questions: does she still have more good days than bad ones? Does she still enjoy the things that make her "
    "her - her food, her walks, being close to you? Some people mark each day good or bad on a calendar for a week "
    "or two. Your vet can help you read the signs, and you know her better than anyone. Choosing a peaceful end "
    "before the bad days win is a last kindness, not a failure."
)


def when_time_reply(text: str) -> str | None:
    """The fixed answer to "how do you even know when it's the right time?" while a pet's end is in view."""
    return WHEN_TIME_REPLY if _WHEN_TIME.search(text.replace("\u2019", "'")) else None


_SUICIDE_LOSS = re.compile(
    r"\bkilled\s+(?:himself|herself|themselves)\b|\btook\s+(?:his|her|their)\s+(?:own\s+)?life\b|\bsuicide\b"
)
_WHY = re.compile(
    r"\bwhy\s+(?:didn't|did\s+not|wouldn't|couldn't)\s+(?:he|she|they)\s+(?:just\s+)?(?:tell|talk\s+to|call|text|come\s+to|ask)\s+me\b|"
    r"\bwhy\s+(?:did|would)\s+(?:he|she|they)\s+(?:do\s+(?:it|this|that)|hide\s+it)\b|\b(?:he|she|they)\s+(?:said|told\s+me)\s+"
    r"(?:he|she|they)\s+(?:was|were)\s+(?:fine|okay|ok|good)\b",
    re.IGNORECASE,
)
_SUBJECT = {"he": "he", "she": "she", "they": "they"}


def why_reply(text: str) -> str | None:
    """The fixed answer to "why didn't he tell me?" after a suicide told in this conversation: the 1.5B said "maybe he
    didn't want to tell you about it", and "It's okay if he didn't tell you."."""
    m = _WHY.search(text.replace("\u2019", "'"))
    if m is None:
        return None
    pronoun = next((w for w in re.findall(r"[a-z]+", m.group(0).lower()) if w in _SUBJECT), "they")
    he = _SUBJECT[pronoun]
    was = "were" if he == "they" else "was"
    return (
        f"I'm so sorry. People in that much pain often hide it, even from the people closest to them - sometimes "
        f"most of all from them, so as not to worry them. It doesn't mean {he} didn't trust you or love you. That "
        f"question can go round and round; you don't have to carry it on your own. What {was} {he} like?"
    )


_OBJECT = {"his": "him", "her": "her"}


def checking_reply(text: str) -> str | None:
    """The fixed reply to checking an ex's profile after a break-up: the 1.5B did not follow a line ("Instagram can
    be a great way to see what someone is doing… it's important not to spend too much time on it")."""
    m = _CHECKING.search(text.replace("\u2019", "'"))
    if m is None:
        return None
    whose = m.group(0).lower().split()
    person = next((_OBJECT[w] for w in whose if w in _OBJECT), None)
    if person is None:  # "I keep rereading our last texts. he said he was fine"
        said = set(re.findall(r"[a-z]+", text.lower()))
        person = "him" if said & {"he", "him", "his"} else "her" if said & {"she", "her"} else "them"
    return (
        f"That's so understandable - part of you still wants to feel close to {person}. Does looking help, or does "
        "it make it hurt more?"
    )


HURT_VALENCE = 0.5  # a named feeling this unpleasant or more keeps the next messages hurting (``_remember_hurt``)


# How "I'm so sorry" is said, for a loss told in another language (the 1.5B did not find the words on its own:
# "Meine Mutter ist letzte Woche gestorben." drew "Ich hoffe, dass du es dir gut machen kannst.")
SORRY = {"de": "Das tut mir so leid.", "fr": "Je suis vraiment désolée.", "es": "Lo siento mucho."}


def loss_guidance(text: str, *, compact: bool = False, lang: str = "en") -> str | None:
    """The line for a loss told in this message ("My wife passed in March"), or None; ``lang``: the language of the
    message, whose way of saying sorry is given as an example."""
    found = find_loss(text)
    if found is None or found[1] not in LOSS_GUIDANCE:
        return None
    full, short = LOSS_GUIDANCE[found[1]]
    line = short if compact else full
    return f'{line} In their language: "{SORRY[lang]}"' if lang in SORRY else line


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
        said = [
            t.text
            for t in reversed(ctx.history)
            if t.role == "user" and t.session_id == ctx.session.id and t.id != ctx.user_turn.id
        ]
        earlier = said[:LOSS_TURNS]
        now = find_loss(ctx.text)
        told_now = now is not None and now[1] == CARING  # the loss line for a carer says it already
        if not compact and (caring_for(said) or (not told_now and caring_for([ctx.text]))):
            ctx.guide(CARER_GUIDANCE)  # for the whole conversation: "I haven't had a day off in eight months"
        found = recent_loss(earlier, ctx.text)
        if found is None:
            return
        quote, word = found
        ctx.extras[RECENT_LOSS_KEY] = quote
        if compact:
            ctx.guide(f'Earlier they said "{quote}"; keep it in mind.')
        else:
            grief = word in {"grieving", "heartbroken"}
            still = "They may still be grieving" if grief else "It may still weigh on them"
            ctx.guide(
                f'Earlier in this conversation they told you "{quote}". {still}: keep it in mind, '
                "and don't talk about it as if it had not happened."
            )
            if grief and _STILL_HABIT.search(ctx.text):  # "I still set two cups out some mornings"
                ctx.guide(STILL_HABIT_GUIDANCE)
            if grief and ctx.reply_override is None:  # "I keep looking at his instagram", "…rereading our last texts"
                ctx.reply_override = checking_reply(ctx.text)
            if word == "grieving" and _SUICIDE_LOSS.search(quote.lower()) and ctx.reply_override is None:
                ctx.reply_override = why_reply(ctx.text)  # "why didn't he tell me"
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
        earlier = [
            t.text
            for t in reversed(ctx.history)
            if t.role == "user" and t.session_id == ctx.session.id and t.id != ctx.user_turn.id
        ][:HURT_TURNS]
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
