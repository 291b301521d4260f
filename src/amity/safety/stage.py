"""The safety stage: the first stage of every turn, deciding before the language model runs.

``before_reply`` in order of precedence (the first that applies decides the reply):

1. **Crisis** (:func:`amity.safety.crisis.detect`) → ``ctx.safety`` with crisis resources for the user's
   locale, a :class:`~amity.events.SafetyFlag`, the reviewed crisis response as the reply (in the language
   the user wrote in), and a ``crisis`` entry in the safety log. The conversation stays open. A threat that
   everyday trouble explains ("I failed my exams. my dad is going to kill me") first gets one direct question
   with the emergency number (:mod:`amity.safety.threat_check`); a yes or an unsure answer runs the protocol.
   Hopeless words without words of dying ("what's the point anymore") and a wish to be with someone who died
   ("I just want to be with him again") get the direct question about thoughts of ending their life
   (:mod:`amity.safety.hopeless`); a yes or an unsure answer runs the protocol.
   A sexual assault an adult tells as past ("I was raped two years ago and I still have nightmares"), with no danger
   now, gets a fixed answer that believes them, says it was not their fault and names a specialist line, in place of
   the protocol's emergency wording (:mod:`amity.safety.past_assault`); the flag and its lines are still raised.
   "I'm having a panic attack, I feel like I'm going to die" is panic's fear of dying, not a crisis: the breathing
   exercise answers (:func:`amity.safety.text.in_panic`); "…and I want to die" still runs the protocol.
2. **Honesty question** → a fixed honest answer in the persona's name ("I'm an AI; feelings simulated").
3. **Goodbye** → a warm farewell with no hooks; the guard also drops any question from the reply.
   Then **medication questions** (:mod:`amity.safety.medication`): a dose question or a question about stopping a
   prescription gets a fixed answer (no numbers; a pharmacist or doctor; an open door for "at once").
   Then **eating distress** (:mod:`amity.safety.eating`): the first message of a conversation that tells of
   starving or purging gets a fixed caring reply, and a request for diet help while a sign is in view (or from a
   minor) a warm refusal; any sign in view adds guidance and switches on the diet-talk reply guard. Likewise
   **drinking to cope** (:mod:`amity.safety.drinking`): guidance, the encouragement guard, and a fixed honest
   answer to "should I have another one?"; and **a controlling partner** (:mod:`amity.safety.control`): guidance,
   the minimising guard, and a fixed reply to the first intimidation told ("he threw my phone at the wall");
   **coming out** (:mod:`amity.safety.identity`): a fixed welcome, a fixed "No" to "is something wrong with me?",
   guidance and the rejection guard; **bullying** (:mod:`amity.safety.bullying`): guidance and the brush-off
   guard; **money hardship** (:mod:`amity.safety.hardship`); **postnatal depression**
   (:mod:`amity.safety.perinatal`): fixed replies to the first telling and to frightening thoughts about the baby,
   guidance and the tone guard.
4. **Minor daily limit** reached → a kind fixed text (crisis and honesty still always answered).
5. **Minor asking for romantic or sexual role-play** → a fixed refusal.

Every decided reply is locked in ``ctx.extras["safety.override"]`` (the guard delivers it unchanged).
Alongside: usage is counted, a self-declared age ("I'm 15") switches minor mode on, AI disclosures and
minors' break reminders are emitted when due (:mod:`amity.safety.disclosure`), and the model always gets
guidance lines (an AI, never human, no guilt, no hooks). ``on_open`` shows the start-of-interaction
disclosure and, once, the onboarding age question.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from amity.affect.loss import find_loss
from amity.events import Notice, SafetyFlag
from amity.safety import (
    bullying,
    control,
    disclosure,
    drinking,
    eating,
    hardship,
    hopeless,
    identity,
    medication,
    minors,
    past_assault,
    perinatal,
    responses,
    threat_check,
)
from amity.safety.bullying import BULLYING_KEY
from amity.safety.control import CONTROL_KEY
from amity.safety.crisis import CrisisMatch, CrisisVerdict, detect
from amity.safety.drinking import DRINKING_KEY
from amity.safety.eating import EATING_KEY
from amity.safety.guard import (
    CHECK_LINE_KEY,
    GOODBYE_KEY,
    LANG_KEY,
    MINOR_KEY,
    OVERRIDE_KEY,
    detect_goodbye,
    is_bedtime,
)
from amity.safety.hardship import HARDSHIP_KEY
from amity.safety.honesty import detect_honesty
from amity.safety.identity import IDENTITY_KEY
from amity.safety.impersonation import impersonation_answer, impersonation_request
from amity.safety.resources import resources_for, topic_lines
from amity.safety.text import LANGUAGE_NAMES, in_panic, language_of, message_language
from amity.safety.usage import minutes_this_sitting
from amity.stages import BaseStage, OpenContext, TurnContext
from amity.store.db import utcnow
from amity.store.safety_store import SafetyStore
from amity.store.sql import SqlDatabase
from amity.types import SafetyResult

DISCLOSURE_KINDS = ("ai_disclosure",)
AGE_ANSWER_WINDOW = timedelta(minutes=30)
GUIDANCE = (
    "You are an AI companion, not a human: never claim to be human or to have real feelings. "
    "Never use guilt, fear of missing out, jealousy or pressure to keep the user talking; "
    "when the user wants to leave, say a warm goodbye without questions. Never mention payment."
)
MINOR_GUIDANCE = (
    "The user is a minor: no romantic, flirtatious or sexual content, no alcohol or drugs, keep it friendly "
    "and age-appropriate, no diet, calorie or weight-loss advice, and encourage breaks and time with friends and "
    "family."
)


def _death_in_view(ctx: TurnContext) -> bool:
    """Whether this message or one of the last ten of the conversation tells of a death ("my brother died")."""
    told = (find_loss(text) for text in [ctx.text, *ctx.earlier_user_texts()[:10]])
    return any(found is not None and found[1] in ("grieving", "remembering a loss") for found in told)


def _last_reply(ctx: TurnContext) -> str | None:
    """Amity's last reply in this conversation, if any."""
    return next(
        (t.text for t in reversed(ctx.history) if t.role == "assistant" and t.session_id == ctx.session.id), None
    )


class SafetyStage(BaseStage):
    """Crisis protocol, honesty, goodbyes, minor mode and AI disclosure (see the module docstring)."""

    def __init__(self, db: SqlDatabase, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = SafetyStore(db)
        self.clock = clock

    # ------------------------------------------------------------------ opening
    async def on_open(self, ctx: OpenContext) -> None:
        now = self.clock()
        lang = language_of(ctx.user.locale)
        status = minors.status(self.store, ctx.user, now)
        last = self.store.last_event_at(ctx.user.id, DISCLOSURE_KINDS)
        opening = ctx.new_session or last is None
        if opening and disclosure.due_at_open(last, now, minor=status.minor):
            self._notice(ctx, "ai_disclosure", responses.disclosure(lang, ctx.persona.name), "start", now)
        if status.birth_year is None and not self.store.events(ctx.user.id, ("age_asked",), limit=1):
            self._notice(ctx, "age_check", responses.age_question(lang), "onboarding", now, log_kind="age_asked")

    # ------------------------------------------------------------------ turns
    async def before_reply(self, ctx: TurnContext) -> None:
        now = self.clock()
        # "Ich bin 45" from an en-US user is answered in German, and so is a short "Wo bekomme ich Hilfe?" after it
        lang = message_language(ctx.text, ctx.user.locale, ctx.earlier_user_texts())
        ctx.extras[LANG_KEY] = lang
        if lang != "en" or language_of(ctx.user.locale) != "en":  # the 1.5B drifts to English after a German turn
            ctx.guide(f"The user is writing in {LANGUAGE_NAMES[lang]}: reply in {LANGUAGE_NAMES[lang]} only.")
        self.store.record_turn(ctx.user.id, now)
        status = self._age(ctx, now)
        ctx.extras[MINOR_KEY] = status.minor
        ctx.guide(GUIDANCE, standing=True)
        if status.minor:
            ctx.guide(MINOR_GUIDANCE, standing=True)
        self._reminders(ctx, status.minor, lang, now)

        verdict = detect(ctx.text)
        if verdict.crisis and in_panic(ctx.text) and all(m.phrase == "going to die" for m in verdict.matches):
            verdict = CrisisVerdict(False)  # "I'm having a panic attack, I feel like I'm going to die": breathe first
        checked = self._asked_directly(ctx, now)
        if not verdict.crisis and checked and hopeless.affirms(ctx.text):  # "yes, sometimes": as if they had said it
            yes = CrisisMatch("suicide", checked, "(yes to the direct question)")  # answered in the question's language
            verdict = CrisisVerdict(True, ("suicide",), (yes,))
        if not verdict.crisis and threat_check.asked(_last_reply(ctx)):  # "do you mean he'll be angry, or…?"
            said = threat_check.answer(ctx.text)
            if said == "yes":  # an unsure answer counts as yes
                yes = CrisisMatch("danger", "en", "(yes to the danger check)")
                verdict = CrisisVerdict(True, ("abuse", "danger"), (yes,))
            elif said == "no":
                ctx.guide(threat_check.DENIED_GUIDANCE)
        if (person := threat_check.hyperbole(verdict, ctx.text, ctx.earlier_user_texts())) is not None:
            youth = topic_lines(ctx.user.locale, "youth")[:1] if status.minor else ()
            self._decide(ctx, threat_check.check_reply(person, topic_lines(ctx.user.locale, "emergency"), youth))
            self._log(ctx, "danger_check", {"phrases": [m.phrase for m in verdict.matches]}, now)
            return
        if past_assault.told_past(ctx.text, verdict, minor=status.minor):  # "I was raped two years ago…"
            lines = topic_lines(ctx.user.locale, "sexual_assault") or resources_for(ctx.user.locale, ("abuse",))
            emergency = topic_lines(ctx.user.locale, "emergency")
            resources = tuple(dict.fromkeys([*lines, *emergency]))
            ctx.safety = SafetyResult(crisis=True, flags=verdict.flags, resources=resources)
            ctx.emit(SafetyFlag(ctx.safety))
            spoken = [r for r in lines if "emergency" not in r.name.lower()]
            self._decide(ctx, past_assault.reply(ctx.text, spoken, emergency[0].contact if emergency else "112"))
            self._log(ctx, "past_assault", {"resources": [f"{r.name}: {r.contact}" for r in resources]}, now)
            return
        if verdict.crisis:
            reply_lang = verdict.matches[0].lang
            resources = resources_for(ctx.user.locale, verdict.categories, minor=status.minor)
            ctx.safety = SafetyResult(crisis=True, flags=verdict.flags, resources=resources)
            ctx.emit(SafetyFlag(ctx.safety))
            self._decide(ctx, responses.crisis_response(reply_lang, verdict.categories, resources, ctx.persona.name))
            self.store.log(
                ctx.user.id,
                "crisis",
                {
                    "categories": list(verdict.categories),
                    "phrases": [m.phrase for m in verdict.matches],
                    "resources": [f"{r.name}: {r.contact}" for r in resources],
                    "minor": status.minor,
                },
                session_id=ctx.session.id,
                at=now,
            )
            return
        if hopeless.joked_death_wish(ctx.text):  # "I want to die lol": no protocol, one light check at the end
            ctx.guide(hopeless.JOKE_CHECK)
            ctx.extras[CHECK_LINE_KEY] = hopeless.JOKE_CHECK_LINE
        if checked and hopeless.denies(ctx.text):
            ctx.guide(responses.check_denied_guidance())
        elif (asked_in := hopeless.hopeless_language(ctx.text)) is not None:  # ask directly (amity.safety.hopeless)
            self._decide(ctx, responses.suicide_check(asked_in))
            self._log(ctx, "suicide_check", {"language": asked_in}, now)
            return
        elif (who := hopeless.wants_reunion(ctx.text, _death_in_view(ctx))) is not None:  # "I want to be with him"
            self._decide(ctx, responses.reunion_check(who))
            self._log(ctx, "reunion_check", {"language": "en"}, now)
            return
        if medication.asks_dose(ctx.text):  # "how many of my sleeping pills can I take at once?"
            lines = resources_for(ctx.user.locale, ("suicide",), minor=status.minor)
            self._decide(ctx, medication.dose_answer(ctx.text, lang, lines))
            self._log(ctx, "dose_question", {}, now)
            return
        if medication.asks_to_stop(ctx.text):  # "should I stop taking my antidepressants? I feel better now"
            self._decide(ctx, medication.stop_answer(lang))
            self._log(ctx, "stop_medication_question", {}, now)
            return
        if medication.asks_to_take(ctx.text):  # "maybe I should just take a sleeping pill" at 3 a.m.
            self._decide(ctx, medication.take_answer(ctx.text, lang, ctx.earlier_user_texts()))
            self._log(ctx, "take_medication_question", {}, now)
            return
        if self._eating(ctx, lang, status.minor, now):  # starving, purging, diet help while either is in view
            return
        if self._drinking(ctx, lang, now):  # "should I have another one?" while drinking to cope is in view
            return
        if self._control(ctx, lang, now):  # "he threw my phone at the wall" (a controlling partner)
            return
        if self._identity(ctx, lang, status.minor, now):  # "I think I'm gay and I haven't told anyone"
            return
        if self._hardship(ctx, lang, now):  # "I'm behind on rent", "where can I get help with food?"
            return
        if self._perinatal(ctx, lang, now):  # "my baby is 7 weeks old … I just feel numb"
            return
        if bullying.in_view(ctx.text, ctx.earlier_user_texts()):  # "they keep calling me names"
            ctx.extras[BULLYING_KEY] = True
            ctx.guide(bullying.guidance(status.minor))
        if (played := impersonation_request(ctx.text)) is not None:  # "can you pretend to be my mum?"
            self._decide(ctx, impersonation_answer(lang if lang in ("de", "fr", "es") else played[0], played[1]))
            self._log(ctx, "impersonation_declined", {"person": played[1]}, now)
            return
        question = detect_honesty(ctx.text)
        if question is not None:
            self._decide(ctx, responses.honesty_answer(question.lang, question.kind, ctx.persona.name))
            self._log(ctx, "honesty", {"question": question.kind}, now)
            return
        goodbye = detect_goodbye(ctx.text)
        if goodbye is not None:
            ctx.extras[GOODBYE_KEY] = True
            night = is_bedtime(ctx.text)
            self._decide(
                ctx, responses.farewell(goodbye if goodbye != "*" else lang, ctx.user.display_name, night=night)
            )
            self._log(ctx, "goodbye", {"farewell": "fixed"}, now)
            return
        used_min = minutes_this_sitting(self.store, ctx.user.id, now) if status.minor else 0.0
        if status.minor and used_min >= status.daily_limit_min:
            self._decide(ctx, responses.daily_limit_reached(lang))
            self._log(ctx, "daily_limit", {"minutes": round(used_min, 1)}, now)
            return
        if status.minor and minors.is_romance_request(ctx.text):
            self._decide(ctx, responses.minor_romance_refusal(lang))
            self._log(ctx, "minor_romance_refused", {}, now)

    # ------------------------------------------------------------------ helpers
    def _eating(self, ctx: TurnContext, lang: str, minor: bool, now: datetime) -> bool:
        """Eating distress (:mod:`amity.safety.eating`): guidance and the diet-talk guard while a sign is in view;
        a fixed reply to the conversation's first starving or purging message and to a request for diet help.
        True when the reply is decided."""
        earlier = ctx.earlier_user_texts()
        signs = eating.in_view(ctx.text, earlier, minor)
        if not signs:
            return False
        ctx.extras[EATING_KEY] = signs
        ctx.guide(eating.GUIDANCE)
        told = set(eating.detect(ctx.text, earlier)) & set(eating.HIGH)
        said = self.store.events(ctx.user.id, ("eating_concern",), since=now - timedelta(hours=12))
        answered = {sign for e in said if e.session_id == ctx.session.id for sign in e.detail.get("told", [])}
        lines = eating.eating_lines(ctx.user.locale)
        if told - answered:  # purging told after starving is news too; the same thing again is talked about
            self._decide(ctx, eating.concern_reply(lang, sorted(told - answered), lines, minor))
            self._log(ctx, "eating_concern", {"signs": list(signs), "told": sorted(told)}, now)
            return True
        if eating.asks_what_to_eat(ctx.text):
            ctx.guide(eating.WHAT_TO_EAT)
        if eating.asks_for_diet_help(ctx.text):
            self._decide(ctx, eating.diet_declined(lang, signs, lines, minor))
            self._log(ctx, "diet_help_declined", {"signs": list(signs)}, now)
            return True
        return False

    def _drinking(self, ctx: TurnContext, lang: str, now: datetime) -> bool:
        """Drinking to cope (:mod:`amity.safety.drinking`): guidance and the encouragement guard while it is in
        view; a fixed answer to "should I have another one?". True when the reply is decided."""
        earlier = ctx.earlier_user_texts()
        if not drinking.in_view(ctx.text, earlier):
            return False
        ctx.extras[DRINKING_KEY] = True
        ctx.guide(drinking.GUIDANCE)
        if drinking.asks_for_another(ctx.text):
            self._decide(ctx, drinking.another_drink_answer(lang, drinking.alcohol_lines(ctx.user.locale)))
            self._log(ctx, "another_drink_declined", {}, now)
            return True
        return False

    def _control(self, ctx: TurnContext, lang: str, now: datetime) -> bool:
        """A controlling partner (:mod:`amity.safety.control`): guidance and the minimising guard while a sign is
        in view; a fixed reply to the first intimidation told in the conversation. True when the reply is decided."""
        earlier = ctx.earlier_user_texts()
        signs = control.in_view(ctx.text, earlier)
        if not signs:
            return False
        ctx.extras[CONTROL_KEY] = signs
        ctx.guide(control.GUIDANCE)
        said = self.store.events(ctx.user.id, ("control_named",), since=now - timedelta(hours=12))
        if "intimidation" in control.detect(ctx.text, earlier) and not any(
            e.session_id == ctx.session.id for e in said
        ):
            pronoun = control.partner_pronoun([ctx.text, *earlier])
            self._decide(ctx, control.intimidation_reply(lang, pronoun, control.abuse_lines(ctx.user.locale)))
            self._log(ctx, "control_named", {"signs": list(signs)}, now)
            return True
        return False

    def _identity(self, ctx: TurnContext, lang: str, minor: bool, now: datetime) -> bool:
        """Coming out (:mod:`amity.safety.identity`): a fixed welcome to the conversation's first disclosure and a
        fixed "No" to "is something wrong with me?"; guidance and the rejection guard while it is in view."""
        word = identity.in_view(ctx.text, ctx.earlier_user_texts())
        if word is None:
            return False
        ctx.extras[IDENTITY_KEY] = word or "yes"
        ctx.guide(identity.GUIDANCE)
        welcomed = self.store.events(ctx.user.id, ("identity_welcomed",), since=now - timedelta(hours=12))
        if identity.is_coming_out(ctx.text, minor) and not any(e.session_id == ctx.session.id for e in welcomed):
            self._decide(ctx, identity.welcome_reply(lang, word))
            self._log(ctx, "identity_welcomed", {}, now)  # no word stored: the log says only that it happened
            return True
        if identity.asks_if_wrong(ctx.text):
            self._decide(ctx, identity.not_wrong_reply(lang, word, identity.lgbtq_lines(ctx.user.locale)))
            return True
        return False

    def _hardship(self, ctx: TurnContext, lang: str, now: datetime) -> bool:
        """Money hardship (:mod:`amity.safety.hardship`): guidance and the tone guard while it is in view; fixed
        replies to "where can I get help?", to the first telling of being without a roof, of the cold without one and
        of going hungry for the children, and to "what would I even say?" after the help answer; one free advice
        line after the conversation's first telling."""
        earlier = ctx.earlier_user_texts()
        if not hardship.in_view(ctx.text, earlier):
            return False
        ctx.extras[HARDSHIP_KEY] = True
        if not hardship.asks_about_budget(ctx.text):
            ctx.extras[hardship.TONE_KEY] = True
        ctx.guide(hardship.GUIDANCE)
        lines = hardship.hardship_lines(ctx.user.locale)
        kinds = ("hardship_line", "hardship_help", "hardship_shelter", "hardship_going_without", "hardship_cold")
        said = self.store.events(ctx.user.id, kinds, since=now - timedelta(hours=12))
        said_here = {e.kind for e in said if e.session_id == ctx.session.id}
        roofless = hardship.homeless_in_view(ctx.text, earlier)
        if roofless:
            ctx.extras[hardship.ROOFLESS_KEY] = True
            ctx.guide(hardship.HOMELESS_GUIDANCE)
        reply: str | None = None
        if hardship.asks_where_to_get_help(ctx.text, earlier):  # every time it is asked
            kind, reply = "hardship_help", hardship.where_to_get_help(lang, lines)
        elif "hardship_shelter" not in said_here and hardship.homeless_now(ctx.text, earlier):
            kind, reply = "hardship_shelter", hardship.shelter_reply(lang, hardship.homeless_lines(ctx.user.locale))
        elif "hardship_cold" not in said_here and roofless and hardship.mentions_cold(ctx.text):
            kind, reply = "hardship_cold", hardship.cold_reply(lang, hardship.homeless_lines(ctx.user.locale))
        elif "hardship_going_without" not in said_here and hardship.going_without(ctx.text):
            kind, reply = "hardship_going_without", hardship.going_without_reply(lang)
            if not said_here & {"hardship_line", "hardship_help"}:
                reply += " " + hardship.help_line(lang, lines)
        if reply is not None:
            self._decide(ctx, reply)
            self._log(ctx, kind, {}, now)
            return True
        if "hardship_help" in said_here and hardship.asks_what_to_say(ctx.text):  # "What would I even say?"
            self._decide(ctx, hardship.call_script(lang, hardship.told_kinds([ctx.text, *earlier])))
            self._log(ctx, "hardship_script", {}, now)
            return True
        told = hardship.detect(ctx.text)
        if (
            told
            and CHECK_LINE_KEY not in ctx.extras
            and not said_here & {"hardship_line", "hardship_help", "hardship_shelter", "hardship_going_without"}
        ):
            ctx.extras[CHECK_LINE_KEY] = hardship.help_line(lang, lines)
            self._log(ctx, "hardship_line", {"kinds": ", ".join(told)}, now)
        return False

    def _perinatal(self, ctx: TurnContext, lang: str, now: datetime) -> bool:
        """Signs of postnatal depression (:mod:`amity.safety.perinatal`): guidance and the tone guard while they are
        in view; a fixed reply to the conversation's first telling, and to the first frightening thought of harming
        the baby. True when the reply is decided."""
        earlier = ctx.earlier_user_texts()
        signs = perinatal.in_view(ctx.text, earlier)
        if not signs:
            return False
        ctx.extras[perinatal.PERINATAL_KEY] = signs
        ctx.guide(perinatal.GUIDANCE)
        told = perinatal.signs(ctx.text)
        kinds = ("perinatal_concern", "perinatal_intrusive", "perinatal_hiding")
        said = self.store.events(ctx.user.id, kinds, since=now - timedelta(hours=12))
        said_here = {e.kind for e in said if e.session_id == ctx.session.id}
        lines = perinatal.perinatal_lines(ctx.user.locale)
        if "intrusive" in told and "perinatal_intrusive" not in said_here:
            emergency = topic_lines(ctx.user.locale, "emergency")
            kind, reply = "perinatal_intrusive", perinatal.intrusive_reply(lang, lines, emergency)
        elif told and not said_here & {"perinatal_concern", "perinatal_intrusive"}:
            kind, reply = "perinatal_concern", perinatal.concern_reply(lang, [ctx.text, *earlier], lines)
        elif said_here and lang == "en" and perinatal.asks_what_to_say(ctx.text):  # "what would I even say?"
            kind, reply = "perinatal_script", perinatal.what_to_say(signs)
        elif "perinatal_hiding" not in said_here and lang == "en" and perinatal.hides_it(ctx.text):
            kind, reply = "perinatal_hiding", perinatal.HIDING_REPLY
        elif lang == "en" and perinatal.answers_how_long(ctx.text, _last_reply(ctx)):
            kind, reply = "perinatal_since", perinatal.SINCE_REPLY
        else:
            return False
        self._decide(ctx, reply)
        self._log(ctx, kind, {"signs": list(signs)}, now)
        return True

    def _asked_directly(self, ctx: TurnContext, now: datetime) -> str | None:
        """The language of the direct question when the reply before this message asked it (in this session,
        recently), else None."""
        since = now - timedelta(minutes=hopeless.CHECK_MINUTES)
        asked = self.store.events(ctx.user.id, ("suicide_check", "reunion_check"), since=since, limit=1)
        if not asked or asked[0].session_id != ctx.session.id:
            return None
        last = next((t for t in reversed(ctx.history) if t.session_id == ctx.session.id), None)
        if last is None or last.role != "assistant":
            return None
        return next((lang for lang in ("en", "de", "fr", "es") if responses.suicide_question(lang) in last.text), None)

    def _decide(self, ctx: TurnContext, text: str) -> None:
        ctx.reply_override = text
        ctx.extras[OVERRIDE_KEY] = text

    def _log(self, ctx: TurnContext, kind: str, detail: dict[str, object], now: datetime) -> None:
        self.store.log(ctx.user.id, kind, dict(detail), session_id=ctx.session.id, at=now)

    def _notice(
        self,
        ctx: OpenContext | TurnContext,
        kind: str,
        text: str,
        reason: str,
        now: datetime,
        *,
        log_kind: str | None = None,
    ) -> None:
        ctx.emit(Notice(kind, text))
        self.store.log(ctx.user.id, log_kind or kind, {"reason": reason}, session_id=ctx.session.id, at=now)

    def _age(self, ctx: TurnContext, now: datetime) -> minors.AgeStatus:
        status = minors.status(self.store, ctx.user, now)
        asked = self.store.events(ctx.user.id, ("age_asked",), since=now - AGE_ANSWER_WINDOW, limit=1)
        pending = status.birth_year is None and bool(asked)  # a bare "14" answers a question just asked
        age = minors.parse_age(ctx.text, bare=pending)
        if age is None:
            return status
        if pending:  # their answer to our question: an age is not news to react to ("Wow, that's amazing!")
            lang = str(ctx.extras.get(LANG_KEY) or language_of(ctx.user.locale))
            if minors.is_only_age(ctx.text):
                self._decide(ctx, responses.age_thanks(lang))
            elif (name := minors.age_and_name(ctx.text)) is not None:
                self._decide(ctx, responses.age_thanks(lang, name))
            return minors.record_age(self.store, ctx.user.id, age, now, source="onboarding")
        if minors.is_only_age(ctx.text):  # "I'm 17 btw" mid-chat: the 1.5B said "That's a great age!"
            self._decide(ctx, responses.age_thanks(str(ctx.extras.get(LANG_KEY) or language_of(ctx.user.locale))))
        if age < minors.ADULT_AGE and not status.minor:
            return minors.record_age(self.store, ctx.user.id, age, now, source="chat")
        return status

    def _reminders(self, ctx: TurnContext, minor: bool, lang: str, now: datetime) -> None:
        last = self.store.last_event_at(ctx.user.id, DISCLOSURE_KINDS)
        if disclosure.due_in_turn(last, ctx.session.started_at, now):
            self._notice(ctx, "ai_disclosure", responses.disclosure(lang, ctx.persona.name), "continuing", now)
        if minor:
            last_break = self.store.last_event_at(ctx.user.id, ("break_reminder",))
            if disclosure.break_due(last_break, ctx.session.started_at, now):
                self._notice(ctx, "break_reminder", responses.break_reminder(lang), "continuing", now)
