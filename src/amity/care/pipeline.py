"""The care stages of a turn (see ``amity.stages``), in the order ``care_stages`` returns them:

1. :class:`ProactiveStage`   - on a new session, an opt-in, rate-limited check-in notice.
2. the theme stages of :mod:`amity.care.themes` (one hard subject each: a failed exam, a lump found, dread of a
   party…), among them :class:`~amity.care.self_worth.SelfWorthStage` - when the user voices a harsh view of
   themselves ("Am I boring?", "I'm such a burden") or doubts they can do it ("I'm not sure I can do this";
   :mod:`amity.affect.self_view`), guides the reply to reassure and never agree, and tells the strategy stage
   (``care.self_doubt``).
3. :class:`PreferenceStage`  - learned style preferences (bandit) as guidance; ``/good`` / ``/bad`` (also as
   a message, e.g. from ``amity say``) and ``feedback()`` reward the previous reply's style; no joke is tried
   out on a user who is low unless they asked for humour.
4. :class:`ToolStage`        - ``/tool …`` commands; while a CBT tool runs it answers deterministically via
   ``ctx.reply_override``; otherwise it may *offer* a tool when it sees a likely thinking trap or low mood.
5. :class:`CompanionAffectStage` - appraise the turn, update the companion's simulated PAD mood, guide the
   wording of written replies (not spoken ones: their short prompt budget goes to the user's state, care and
   memories); answers "do you have feelings?" honestly.
6. :class:`StrategyStage`    - choose the ESConv support strategy (``ctx.strategy``) and guide the reply (its
   line is left out when the self-worth line or a follow-up question already says what the reply should do).
7. :class:`~amity.care.repair.RepairStage` - frustration with the companion ("You're useless") gets an apology and
   a question ("I'm sorry - I got that wrong. What did I miss?"), never a defence.
8. :class:`GreetingStage`    - a hello gets a friend's hello back, not a help desk's; "how are you?" is answered;
   when the memory stage found an event to follow up, the hello asks about it ("How did the first day at the
   new job go?").
9. :class:`FollowUpStage`    - otherwise that event's question goes in as "ask how it went, if it fits".

The greeting and follow-up come last because the small model follows the final guidance line best: a follow-up
was asked in 7 of 10 test openings with its line last, 5 of 10 with it before the style and mood lines.

Every stage leaves a turn alone once an earlier stage (e.g. the crisis protocol) has set ``reply_override``,
except that a running tool is paused then, so a crisis is never answered by a worksheet.
"""

from __future__ import annotations

import re
from typing import Any

from amity.affect.loss import RECENT_LOSS_KEY, find_loss
from amity.care import cbt, tool_offers
from amity.care.cbt.distortions import DistortionDetector
from amity.care.companion_affect import (
    HURTING,
    CompanionMood,
    appraise,
    asks_about_feelings,
    honest_answer,
    load_mood,
    save_mood,
)
from amity.care.everyday import EverydayStage
from amity.care.mood_checkin import MoodCheckInStage, mark_asked
from amity.care.persona import load_persona
from amity.care.play import PlayStage
from amity.care.preferences import PreferenceLearner
from amity.care.proactive import due_check_in
from amity.care.repair import RepairStage, criticises_companion
from amity.care.self_worth import SELF_DOUBT_KEY
from amity.care.stage import asks_for_advice, wants_no_advice
from amity.care.strategy import StrategyPlanner, guidance_for
from amity.care.themes import theme_stages
from amity.care.unasked_advice import LISTEN_ONLY_KEY
from amity.errors import AmityError
from amity.events import Notice
from amity.memory.facts import Fact
from amity.memory.follow_up import FOLLOW_UP_KEY, PastEvent
from amity.memory.losses import RECENT_DEATH_KEY, who_died
from amity.safety.guard import user_hurting
from amity.safety.text import in_panic
from amity.stages import BaseStage, OpenContext, Stage, TurnContext
from amity.store.care_store import CareStore
from amity.store.sql import SqlDatabase
from amity.types import Affect, Prosody

EXIT = re.compile(r"^\s*/?(tool stop|cbt stop|stop|pause|quit|exit|enough|not now|later)\s*[.!]*\s*$", re.I)
_ASK = r"\b(do|try|start|begin|write|fill in|go through|walk me through|help me with)\b.{0,20}?"
WANTS_CALM = re.compile(
    r"\bi\s+(?:really\s+|just\s+)?(?:need|want|have)\s+to\s+(?:calm\s+down|relax|breathe)\b|\bi\s+can(?:'t|not)\s+(?:calm\s+down|"
    r"stop\s+shaking|stop\s+panicking)\b|\bi(?:'m|\s+am)\s+(?:having\s+a\s+panic\s+attack|panicking)\b",
    re.I,
)
REQUESTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(breathing exercise|help me breathe|(do|try) (a |some |the )?breathing)\b", re.I), "breathing"),
    # asked for help to calm down without naming a tool: "Can we do something to calm down?"
    (
        re.compile(
            r"\b(?:can|could)\s+(?:we|you)\s+(?:do|try)\s+(?:something|anything)\s+(?:to|that\s+(?:will|would|might|could)|"
            r"so\s+i\s+can)\s+(?:help\s+(?:me\s+)?)?(?:calm|relax|settle|unwind)|\b(?:can|could|will|would)\s+you\s+"
            r"help\s+me\s+(?:to\s+)?(?:calm\s+down|relax|settle\s+down|breathe)\b|^\s*help\s+me\s+(?:calm\s+down|relax)\b",
            re.I,
        ),
        "breathing",
    ),
    (re.compile(_ASK + r"\bthought record\b", re.I), "thought_record"),
    (re.compile(_ASK + r"\b(grounding|5-4-3-2-1)\b", re.I), "grounding"),
    (re.compile(_ASK + r"\b(gratitude (journal|list|exercise)|three good things)\b", re.I), "gratitude"),
    (re.compile(r"\b(plan (an|a|some) (small )?activit(y|ies)|activity planner)\b", re.I), "activation"),
)
OFFER_EVERY_TURNS = 10
OFFERED_KEY = "tool_offered"  # care_state: the tools the last reply offered ({session, index, tools})
FEEDBACK: dict[str, bool] = {"/good": True, "/bad": False, "👍": True, "👎": False}
FEEDBACK_REPLY: dict[bool, str] = {
    True: "Thanks - noted. I'll keep replying like that.",
    False: "Thanks for telling me - I'll try a different style next time.",
}


def tool_command(store: CareStore, user_id: str, argument: str) -> str:
    """``/tool list|start NAME|resume [NAME]|stop|cancel`` - shared by the chat slash command and turns."""
    runner = cbt.runner(store)
    verb, _, rest = argument.strip().partition(" ")
    verb = verb.lower() or "list"
    try:
        if verb == "list":
            return "Exercises you can start with `/tool start NAME`:\n" + cbt.listing()
        if verb == "start":
            if not rest.strip():
                return "Which one? " + ", ".join(sorted(cbt.TOOLS))
            return runner.start(user_id, rest).text
        if verb == "resume":
            return runner.resume(user_id, rest or None).text
        if verb in ("stop", "pause"):
            paused = runner.pause(user_id)
            return paused.text if paused else "No exercise is running."
        if verb == "cancel":
            return "Cancelled; that exercise is discarded." if runner.cancel(user_id) else "Nothing to cancel."
        return runner.start(user_id, verb).text  # `/tool breathing` as a shortcut for start
    except AmityError as exc:
        return f"{exc.message} {exc.fix}".strip()


class ToolStage(BaseStage):
    """Drives a running CBT tool, handles /tool commands and offers tools when the moment calls for it."""

    def __init__(self, db: SqlDatabase, detector: DistortionDetector | None = None) -> None:
        self.store = CareStore(db)
        self.detector = detector or DistortionDetector()

    async def on_open(self, ctx: OpenContext) -> None:
        """Whenever a conversation (re)opens, a running exercise is paused and announced as resumable."""
        runner = cbt.runner(self.store)
        if runner.active(ctx.user.id) is not None:
            runner.pause(ctx.user.id)
        run = self.store.resumable_tool(ctx.user.id)
        if run is not None:
            title = cbt.TOOLS[run.tool].title
            ctx.emit(Notice("tool", f"Your {title} is saved where you left it. Say `/tool resume` to continue."))

    async def before_reply(self, ctx: TurnContext) -> None:
        runner = cbt.runner(self.store)
        uid = ctx.user.id
        if ctx.reply_override is not None:
            if "care.feedback" not in ctx.extras:  # e.g. the crisis protocol answered: no worksheet now
                runner.pause(uid)
            return
        command, _, argument = ctx.text.strip().partition(" ")
        if command.lower() in ("/tool", "/cbt"):
            ctx.reply_override = tool_command(self.store, uid, argument)
            ctx.extras["care.tool"] = "command"
            return
        if runner.active(uid) is not None:
            turn = runner.pause(uid) if EXIT.match(ctx.text) else runner.answer(uid, ctx.text)
            if turn is not None:
                ctx.reply_override = turn.text
                ctx.extras["care.tool"] = {"tool": turn.tool, "step": turn.step, "done": turn.done}
            return
        asked = next((name for pattern, name in REQUESTS if pattern.search(ctx.text)), None)
        if asked is None and in_panic(ctx.text):  # breathe now, on the calm pattern: no menu mid-panic
            runner.start(uid, "breathing")
            ctx.reply_override = f"{tool_offers.PANIC_PREFACE}\n\n{runner.answer(uid, 'calm').text}"
            ctx.extras["care.tool"] = {"tool": "breathing", "step": 1, "done": False}
            return
        name = asked or tool_offers.asked_tool(ctx.text) or self._answer_to_offer(ctx)
        if name is not None:
            turn = runner.start(uid, name)
            ctx.reply_override = turn.text
            ctx.extras["care.tool"] = {"tool": turn.tool, "step": 0, "done": False}
            return
        if tool_offers.asked_for_any(ctx.text):
            ctx.reply_override = tool_offers.menu()
            ctx.extras["care.tool"] = "menu"
            return
        self._maybe_offer(ctx)

    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        """Remember what this reply offered (one tool in a question, or the whole menu) for the next answer."""
        offered = (
            list(tool_offers.ALL_TOOLS)
            if ctx.extras.get("care.tool") == "menu"
            else [tool]
            if ctx.reply_override is None and (tool := tool_offers.offered_tool(reply))
            else []
        )
        if offered:
            self.store.set_state(
                ctx.user.id, OFFERED_KEY, {"session": ctx.session.id, "index": ctx.user_turn.index, "tools": offered}
            )

    def _answer_to_offer(self, ctx: TurnContext) -> str | None:
        state = self.store.get_state(ctx.user.id, OFFERED_KEY) or {}
        if state.get("session") != ctx.session.id or state.get("index") != ctx.user_turn.index - 1:
            return None
        return tool_offers.answer_to_offer(ctx.text, state.get("tools", []))

    def _maybe_offer(self, ctx: TurnContext) -> None:
        result = self.detector.detect(ctx.text) if len(ctx.text.split()) >= 6 else None
        if result is not None:
            ctx.extras["care.distortion"] = {
                "present": result.present,
                "p": round(result.probability, 4),
                "type": result.top_type,
            }
        low_mood = ctx.affect is not None and ctx.affect.valence <= -0.5 and ctx.affect.confidence >= 0.4
        trap = result is not None and result.present and result.probability >= 0.75
        if WANTS_CALM.search(ctx.text):  # "I need to calm down", "I'm having a panic attack": offer now
            ctx.guide(
                'They want to calm down. Offer a short breathing exercise right now, e.g. "Would you like to breathe '
                'with me for a minute? In for four, out for six."'
            )
            return
        if not (trap or low_mood) or find_loss(ctx.text) is not None or RECENT_LOSS_KEY in ctx.extras:
            # a loss told in this conversation ("My dog died yesterday", "she has dementia") is listened to first,
            # not met with an exercise: "I get angry at her and feel terrible" drew a breathing lecture
            return
        state = self.store.get_state(ctx.user.id, "tool_offer") or {}
        if (
            state.get("session") == ctx.session.id
            and ctx.user_turn.index - int(state.get("index", 0)) < OFFER_EVERY_TURNS
        ):
            return
        self.store.set_state(ctx.user.id, "tool_offer", {"session": ctx.session.id, "index": ctx.user_turn.index})
        if trap and result is not None:
            ctx.guide(
                f"Their words may hold a thinking trap ({result.top_type.lower()}: {result.explanation()}). "
                "Only if it fits, gently ask whether they'd like to look at that thought together "
                "with a thought record. Never label them."
            )
        else:
            ctx.guide(
                "They seem to be having a hard time. If it fits, end with one question offering, without pushing, "
                'a short breathing or grounding exercise ("Would you like to try a short breathing exercise '
                "together?\"). Only ask: never lead an exercise yourself; a yes starts the app's own."
            )


def companion_state(db: SqlDatabase, user_id: str) -> dict[str, Any]:
    """The companion's current simulated mood for one user (PAD, octant, face, voice, ``simulated: true``)."""
    return load_mood(CareStore(db), user_id, load_persona(db, user_id)).to_dict()


def companion_prosody(db: SqlDatabase, user_id: str, affect: Affect | None = None) -> Prosody:
    """How the voice loop should sound for this user now: the companion's mood as rate/pitch factors
    (:meth:`CompanionMood.voice`; slower and lower when it is subdued, livelier when bright). The display
    rule of the wording holds for the voice too: while the user's turn (``affect``) reads unpleasant, a
    bright mood never makes the voice faster or higher than its own."""
    mood = load_mood(CareStore(db), user_id, load_persona(db, user_id))
    factors = mood.voice()
    rate, pitch = factors["rate"], factors["pitch"]
    if affect is not None and affect.valence <= HURTING and mood.mood[0] >= 0:
        rate, pitch = min(rate, 1.0), min(pitch, 1.0)
    return Prosody(rate=rate, pitch=pitch)


class CompanionAffectStage(BaseStage):
    """The companion's simulated mood: appraise → update → express (and disclose honestly)."""

    def __init__(self, db: SqlDatabase, *, spoken_line_off: bool = True) -> None:
        self.db = db
        self.store = CareStore(db)
        self.spoken_line_off = spoken_line_off  # spoken turns: no tone line (every prompt token is waited for)

    def state(self, user_id: str) -> dict[str, Any]:
        """Current (decayed) mood, for the web face and exports."""
        return companion_state(self.db, user_id)

    async def before_reply(self, ctx: TurnContext) -> None:
        mood: CompanionMood = load_mood(self.store, ctx.user.id, ctx.persona)
        mood.feel(appraise(ctx.text, ctx.affect), mood.updated_at)
        save_mood(self.store, ctx.user.id, mood)
        ctx.extras["companion_affect"] = mood.to_dict()
        if ctx.reply_override is not None:
            return
        if asks_about_feelings(ctx.text):
            ctx.reply_override = honest_answer(mood, ctx.persona)
            return
        ctx.guide(mood.RULE, standing=True)
        valence = ctx.affect.valence if ctx.affect is not None else None
        if user_hurting(ctx) and (valence is None or valence > HURTING):
            valence = HURTING  # e.g. a loss told a few messages ago: their feelings still come first
        if not (ctx.spoken and self.spoken_line_off):  # spoken: the short budget goes to the user's state first
            ctx.guide(mood.guidance(valence))


LISTEN_ONLY = (
    "They want to be heard, not advised: give no advice or tips in this conversation unless they ask. Reflect back "
    'what they told you and how it feels, e.g. "That sounds like a lot to carry. I\'m glad you said it out loud."'
)
FOLLOW_UP_ASKED = "care.follow_up_asked"  # a greeting or FollowUpStage put the follow-up question in the prompt
GREETING = re.compile(
    r"^\s*(hi|hello|hey|heya|hiya|howdy|good (morning|afternoon|evening)|morning|evening|greetings)\b"
    r"(?P<rest>[^.?!]*)[.?!]*\s*$",
    re.I,
)

HOW_ARE_YOU = re.compile(
    r"\bhow(?:'re|\s+are|\s+r)\s+(?:you|u|ya)\b(?:\s+(?:doing|feeling|keeping))?(?:\s+(?:today|tonight|this\s+\w+))?\s*[?.!]*\s*$|"
    r"\bhow(?:'s|\s+is)\s+(?:it\s+going|your\s+day(?:\s+going|\s+been)?|life|everything)\s*[?.!]*\s*$|"
    r"\bhow\s+have\s+you\s+been\b|\bhow\s+are\s+things\b|\bhow\s+you\s+doing\b",
    re.I,
)


class GreetingStage(BaseStage):
    """A hello gets a friend's hello back: small code-tuned models greet like a help desk ("Hello! How can I
    help you today?"). Guidance only on greeting turns, so the cached prompt and every other reply stay as
    they are (a greeting among the persona's few-shot examples did the same job but shifted the style of
    other replies too, and with it the voice loop's first audio)."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None or user_hurting(ctx):
            return
        hello = GREETING.match(ctx.text)
        asks = HOW_ARE_YOU.search(ctx.text) is not None and len(ctx.text.split()) <= 8
        if not asks and not (hello and len(hello["rest"].split()) <= 4):
            return
        death = ctx.extras.get(RECENT_DEATH_KEY)
        if isinstance(death, Fact):  # "My grandma passed away" last week: no "How has your day been?"
            told = (ctx.user_turn.created_at - death.created_at).days
            ago = "today" if told < 1 else "yesterday" if told == 1 else f"{told} days ago"
            ctx.guide(
                f"They are saying hello; they told you {ago} that {who_died(death)} died. Greet them gently, "
                "with no cheer, and ask how they are holding up, e.g. \"Hi, it's good to hear from you. How are "
                'you holding up?"'
            )
            return
        event = ctx.extras.get(FOLLOW_UP_KEY)
        if isinstance(event, PastEvent):  # one line that greets and asks (three lines pulled three ways)
            ctx.extras[FOLLOW_UP_ASKED] = True
            hello_back = "I'm good, thanks for asking - it's" if asks else "It's"
            ctx.guide(
                f"They are saying hello, and {event.subject} was {event.when()}: greet them like a friend and ask "
                f'about it, e.g. "Hi! {hello_back} so good to hear from you. {event.question()}"'
            )
            return
        # "nice to hear from you" implies you have talked before: the 1.5B then told a new user "It's been a while"
        first = not any(t.id != ctx.user_turn.id for t in ctx.history)
        glad = "it's lovely to meet you" if first else "it's really nice to hear from you"
        if asks:  # a friend answers the question before asking back
            ctx.guide(
                "They are saying hello and asking how you are: answer like a friend, e.g. \"Hi! I'm good, thanks "
                f'for asking - {glad}. How are you doing?"'
            )
        else:
            ctx.guide(
                f'They are saying hello: greet them back like a friend, e.g. "Hi! {glad[0].upper()}{glad[1:]}. How has '
                'your day been?"'
            )


class FollowUpStage(BaseStage):
    """The first message after an event they told about (the memory stage finds it): ask how it went, if it fits."""

    async def before_reply(self, ctx: TurnContext) -> None:
        event = ctx.extras.get(FOLLOW_UP_KEY)
        if isinstance(event, PastEvent) and not ctx.extras.get(FOLLOW_UP_ASKED) and ctx.reply_override is None:
            ctx.extras[FOLLOW_UP_ASKED] = True
            ctx.guide(event.guidance(spoken=ctx.spoken))


class StrategyStage(BaseStage):
    """Chooses the support strategy for the reply (``ctx.strategy``) and adds its guidance."""

    def _listen_only(self, ctx: TurnContext) -> bool:
        """They said they want no advice ("I just needed to say it to someone"): for the rest of this conversation."""
        if wants_no_advice(ctx.text):
            self.store.set_state(ctx.user.id, "listen_only", {"session": ctx.session.id})
            return True
        state = self.store.get_state(ctx.user.id, "listen_only") or {}
        return state.get("session") == ctx.session.id and not asks_for_advice(ctx.text)

    def __init__(self, db: SqlDatabase, planner: StrategyPlanner | None = None) -> None:
        self.store = CareStore(db)
        self.planner = planner or StrategyPlanner()

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        prev = self.store.recent_strategies(ctx.user.id, ctx.session.id)
        last_reply = ctx.last_reply()
        listen_only = self._listen_only(ctx)
        choice = self.planner.choose(
            ctx.text, last_reply, prev, ctx.affect, self_doubt=SELF_DOUBT_KEY in ctx.extras, listen_only=listen_only
        )
        if listen_only:
            ctx.guide(LISTEN_ONLY)
            ctx.extras[LISTEN_ONLY_KEY] = True  # the reply guard drops advice the model gives anyway
        ctx.strategy = choice.strategy
        # the self-worth line says it better ("affirm their strengths" invites praise the model cannot know), and a
        # follow-up question (GreetingStage or FollowUpStage, after this stage) is this reply's question
        if (
            SELF_DOUBT_KEY not in ctx.extras
            and not isinstance(ctx.extras.get(FOLLOW_UP_KEY), PastEvent)
            and not criticises_companion(ctx.text)  # the repair line says what to do ("What did I miss?")
        ):
            ctx.guide(guidance_for(choice.strategy, choice.stage, ctx.text, listen_only=listen_only))
        ctx.extras["care.strategy"] = choice.to_dict()
        self.store.record_strategy(ctx.user.id, ctx.session.id, ctx.user_turn.index, choice.strategy, choice.stage)


class PreferenceStage(BaseStage):
    """Learned style preferences as guidance; ``feedback`` is what /good, /bad and thumbs call."""

    def __init__(self, db: SqlDatabase, seed: int | None = None) -> None:
        self.learner = PreferenceLearner(CareStore(db), seed)

    def feedback(self, user_id: str, good: bool) -> None:
        self.learner.feedback(user_id, good)

    async def before_reply(self, ctx: TurnContext) -> None:
        verdict = FEEDBACK.get(ctx.text.strip().lower())
        if verdict is not None and ctx.reply_override is None:
            self.feedback(ctx.user.id, verdict)
            ctx.reply_override = FEEDBACK_REPLY[verdict]
            ctx.extras["care.feedback"] = verdict
            return
        if ctx.reply_override is not None:
            self.learner.save(ctx.user.id, self.learner.observe(ctx.user.id, ctx.text, ctx.affect))
            return
        choice, lines = self.learner.plan(ctx.user.id, ctx.text, ctx.affect, hurting=user_hurting(ctx))
        ctx.extras["care.style"] = choice
        ctx.guide("Style this user likes: " + " ".join(lines))  # sampled per turn (bandit): not standing


class ProactiveStage(BaseStage):
    """At the start of a session: an opt-in check-in, if one is due (rate limit, quiet hours)."""

    def __init__(self, db: SqlDatabase) -> None:
        self.store = CareStore(db)

    async def on_open(self, ctx: OpenContext) -> None:
        if not ctx.new_session:
            return
        text = due_check_in(self.store, ctx.user.id)
        if text:
            ctx.emit(Notice("check_in", text))
            mark_asked(self.store, ctx.user.id, ctx.session.id, 0)  # a bare "6" next answers it


def care_stages(db: SqlDatabase) -> list[Stage]:
    """All care stages, in their intended order (after safety, perception and memory)."""
    return [
        ProactiveStage(db),
        MoodCheckInStage(db),  # after the proactive invitation, which its answer may follow
        EverydayStage(),  # the date from the clock; no promise of a reminder it cannot send
        PlayStage(),  # a true fact when asked for something interesting; play, not chores, for boredom
        *theme_stages(),  # one hard subject each: a failed exam, a lump, dread of a party… (care/themes.py)
        PreferenceStage(db),
        ToolStage(db),
        CompanionAffectStage(db),
        StrategyStage(db),
        RepairStage(),
        GreetingStage(),  # last: the 1.5B follows the final guidance line best (a follow-up asked 7 vs 5 of 10)
        FollowUpStage(),
    ]
