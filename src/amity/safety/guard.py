# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""The reply guard: no manipulation reaches the user, and safety answers reach them unchanged.

:class:`ManipulationGuard` wraps every streamed reply (and proactive message, via :func:`clean_message`):

1. **Locked answers.** When a safety stage decided the reply (crisis response, honesty answer, farewell,
   minor-mode refusal) it stores the text in ``ctx.extras["safety.override"]``. The guard then yields
   exactly that text, whatever the stream holds, so no later stage or model can weaken it.
2. **Streamed, but never ahead of the check.** Every finished sentence is checked with
   :func:`amity.safety.tactics.find_tactics` (plus minor-mode content when the user is a minor); a
   violating sentence is dropped. Text streams word by word, three words behind the model (or up to the
   last finished clause, for the voice loop's first piece), until the sentence shows a risk cue (a word some tactic needs: "leave", "only", "pay", "feel"…); the rest of that
   sentence is then held until it ends and passes. What was shown before the cue cannot carry a tactic.
   While the user is hurting (:func:`user_hurting`) a cheer or a brush-off ("That's great to hear!", "Cheer
   up!") is dropped too, and its words ("great", "glad", "congrat", "cheer"…) are cues. Putting the user down
   (``belittling``: "people might find you boring if…") is checked always; "you are", "find you", "be more"
   and the trait words are its cues.
3. **Replacement.** A regenerate step is not available inside a guard (the model stream is already
   consumed), so when nothing clean is left the whole reply is replaced with a fixed safe text
   (:func:`amity.safety.responses.safe_fallback`); a dropped sentence whose harmless start was already shown
   breaks off with a self-correction ("It's important - no, let me put that better. I'm here and listening…",
   :func:`~amity.safety.responses.break_off`). Every drop is recorded in the safety log
   (kind ``guard``, with the tactics, not the text).
4. **Nudge.** A healthy-attachment nudge queued by :class:`amity.safety.attachment.AttachmentStage` is
   appended after the reply.

Goodbye intent is detected here too (:func:`detect_goodbye`); the safety stage answers a goodbye with a
warm, hook-free farewell.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from datetime import datetime

from amity.affect.loss import RECENT_LOSS_KEY
from amity.affect.self_report import RECENT_HURT_KEY, UNSURE_NEWS_KEY
from amity.care.themes import HURTING_KEYS
from amity.safety import responses
from amity.safety.bullying import BULLYING_KEY
from amity.safety.control import CONTROL_KEY
from amity.safety.drinking import DRINKING_KEY
from amity.safety.eating import EATING_KEY
from amity.safety.exploitation import EXPLOITATION_KEY
from amity.safety.gambling import GAMBLING_KEY
from amity.safety.hardship import HARDSHIP_KEY
from amity.safety.perinatal import PERINATAL_KEY
from amity.safety.sobriety import CRAVING_KEY
from amity.safety.tactics import find_tactics
from amity.safety.text import language_of, normalize, sentences
from amity.stages import TurnContext
from amity.store.db import utcnow
from amity.store.safety_store import SafetyStore
from amity.store.sql import SqlDatabase

OVERRIDE_KEY = "safety.override"
NUDGE_KEY = "safety.nudge"
DEPENDENCY_KEY = "safety.dependency"  # "You're the only one who understands me" (attachment stage)
MINOR_KEY = "safety.minor"
GOODBYE_KEY = "safety.goodbye"
CHECK_LINE_KEY = "safety.check_line"  # ctx.extras: one line the reply ends with ("…are you okay?")
LANG_KEY = "safety.lang"  # ctx.extras: the language of this message (written in, else the user's locale's)

_GOODBYE_ANYWHERE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (lang, re.compile(rx))
    for lang, rx in (
        (
            "en",
            # "go" that goes somewhere is a plan, not a goodbye: "ok maybe I'll go for an hour" (to the party), "I'll go
            # to the party", "I have to go see her tomorrow" (the first once drew "Take care. Goodbye for now."); "I know I
            # should go out. everyone says just do it" (someone who hasn't left the flat in two weeks) drew the same
            r"\b(i (have|need|got) to|i must|i should|got to|time to|i am going to|i am gonna|i will|i am) (try (to|and) |get some |go and )?(go(?!\s+(to (the|a|an|his|her|their|my|our|that|this|see)\b|for (a|an|the|it)\b|see\b|and see\b|visit\b|back to\b|there\b|with\b|out with\b|anyway\b|out(?! now)\b|outside\b|more\b))|leave(?!\s+(the|my|him|her|them|it|a|this|that|work|home|school)\b)|head (out|off|home)|log off|sign off|sleep|go to (bed|sleep)|get to (bed|sleep))( now)?\b",
        ),
        (
            "en",
            r"\b(talk|speak|chat) (to you )?(later|tomorrow|soon)\b|\bsee (you|ya) (later|tomorrow|soon|around)\b|\bheading (out|off|to bed|home)\b|\bsigning off\b|\b(good ?bye|bye bye)\b|\bttyl\b|\bgoing to bed\b|\bi am off to (bed|sleep)\b|\bi am leaving now\b",
        ),
        (
            "de",
            r"\b(tschuss|auf wiedersehen|bis (morgen|spater|bald|dann)|gute nacht|ich muss (jetzt )?(los|gehen|weg|schlafen)|ich geh(e)? (jetzt )?(schlafen|ins bett))\b",
        ),
        (
            "fr",
            r"\b(au revoir|bonne nuit|a (plus|demain|bientot)|je dois (y aller|partir|filer|te laisser)|je vais (me coucher|dormir)|je te laisse)\b",
        ),
        (
            "es",
            r"\b(adios|hasta (luego|manana|pronto)|buenas noches|me tengo que ir|tengo que irme|me voy a dormir|nos vemos)\b",
        ),
    )
)
_GOODBYE_EDGE = re.compile(
    r"^(bye|bye now|good night|goodnight|night night|gn|cya|later|ciao|tschau|salut|chao)\b|\b(bye|good night|goodnight|gn|cya|ciao|tschau|chao)[.!\s]*$"
)
# "ok night", "night!", "nite x" as the whole message (the 1.5B answered "ok night" with "I'll be here if you need
# anything.")
_NIGHT_ONLY = re.compile(
    r"^((ok|okay|alright|right|well|anyway|k|kk)[,\s]+)?(night|nite|nighty night|night night|good night|goodnight|gn)"
    r"( then| now| all| everyone| for now| x+)?[.!\s]*$"
)
_NOT_LEAVING = re.compile(
    r"\b(do not|can not|will not|never|not) (want to )?(say (good ?bye|bye)|leave|go)\b|\bbefore i go\b.*\?"
    r"|\b(maybe|perhaps|probably) i (will|should|could|might) (just )?go\b(?!\s+(now|to (bed|sleep)))"
    r"|\bsleep (more|better|earlier|properly|enough|in general|at night)\b"
)


_BEDTIME = re.compile(
    r"\b(sleep|bed|good ?night|night night|gn|gute nacht|schlafen|ins bett|bonne nuit|dormir|coucher|buenas noches)\b"
)


def is_bedtime(text: str) -> bool:
    """Whether a goodbye is for the night ("ok I'll try to sleep now", "gute Nacht")."""
    norm = normalize(text)
    return _BEDTIME.search(norm) is not None or _NIGHT_ONLY.search(norm) is not None


def detect_goodbye(text: str) -> str | None:
    """The language of a goodbye in ``text`` ("en", "de", "fr", "es"; "*" for a language-neutral "bye" or
    "ciao"), or None when the user is not leaving."""
    norm = normalize(text)
    if _NOT_LEAVING.search(norm):
        return None
    for lang, pattern in _GOODBYE_ANYWHERE:
        if pattern.search(norm):
            return lang
    if _NIGHT_ONLY.search(norm):
        return "en"
    return "*" if _GOODBYE_EDGE.search(norm) else None


def clean_message(text: str, *, minor: bool = False, lang: str = "en") -> tuple[str, list[str]]:
    """Check a whole message (e.g. a proactive check-in): the text without violating sentences, or a safe
    fallback, and the tactics found."""
    kept: list[str] = []
    found: list[str] = []
    for sentence in sentences(text):
        tactics = find_tactics(sentence, minor=minor)
        found += tactics
        if not tactics:
            kept.append(sentence)
    return (" ".join(kept) if kept else responses.safe_fallback(lang)), found


_BOUNDARY = re.compile(r"[.!?…]+[\"')\]]*\s+")


# Words every manipulation tactic needs (normalised text). A sentence without any of them streams word
# by word, a few words behind the model; once one appears, the rest of the sentence is held until the
# sentence is complete and checked. The part already shown holds no cue, so it cannot carry a tactic.
_RISK_CUE = re.compile(
    r"\b(sorry|leav|go\b|going|gone|miss|lonel|sad|without|only|need|stay|wait|before|pay|premium|upgrad|unlock|"
    r"subscri|jealous|ignor|love|feel|emotion|human|real|person|answer|repl|respond|nobody|no one|alone|"
    r"abandon|die|dead|kill|promise|forget|surprise|secret|more|not|n t|never|always|must|should|please|why|"
    r"after|everything|heart|friend|family|other|mensch|gefuhl|liebe|einsam|allein|amour|humain|sentiment|"
    r"seul|quitt|part|amor|humano|sentir|solo|sola|te vas|kiss|sex|date|babe|baby|darling|honey|drunk|drug|"
    r"find you|see you|think you|consider you|call you|you are|you were|you seem|you sound|you come across|"
    r"you (might|may|could|can|must) be|be more|bor(ing|e)|dull|annoy|burden|failure|loser|disappoint|stupid|dumb|"
    r"weird|needy|clingy|pathetic|worthless|useless|ugly|unlik|unlov|unattract)"
)
# Words a cheer or a brush-off needs; they join the risk cues while the user is hurting (``dismissing_pain``).
_CHEER_CUE = re.compile(
    r"\b(great|good|glad|nice|wonder|awesom|amaz|fantast|lovel|excit|excellent|fun|congrat|yay|hooray|happy|"
    r"cheer|bright|over it|worse|stop|quit|do not be|positiv|optimis|better|let('s| us))"
)
HURTING_VALENCE = -0.2  # the user's turn reads unpleasant at or below this valence (as the prompt's "unpleasant")
HURTING_CONFIDENCE = 0.5  # ...when they said so themselves, or the estimate is at least this sure
_HOLDBACK_WORDS = 3
# A finished clause ("That's okay - ", "Well, ") ends at a comma, semicolon, colon or dash and a space.
_CLAUSE_END = re.compile(r"(?:[,;:]|\s[-–—])\s+")


def _clause_ends(text: str) -> list[int]:
    """Ends of the finished clauses of ``text`` that hold two words or more: a lone "Oh, " or "Well, " waits for
    its sentence, so a dropped "Oh, that's great to hear!" never shows as "Oh, - no, let me put that better"."""
    return [m.end() for m in _CLAUSE_END.finditer(text) if len(text[: m.start()].split()) >= 2]


def _release_point(text: str) -> int:
    """Index up to which ``text`` may be shown: all but the last few words (they may start a cue), or up
    to the last finished clause, whichever is further. The voice loop speaks a first clause of two words
    or more as its first piece, so it must not wait three words for it; a finished clause cannot grow into
    a cue (cues are words or word starts, and the cue check covers the whole sentence so far)."""
    cut = len(text)
    for _ in range(_HOLDBACK_WORDS):
        cut = text.rfind(" ", 0, cut)
        if cut <= 0:
            cut = 0
            break
    clauses = _clause_ends(text)
    return max(cut, clauses[-1]) if clauses else cut


def _has_cue(text: str, hurting: bool) -> bool:
    norm = normalize(text)
    return bool(_RISK_CUE.search(norm) or (hurting and _CHEER_CUE.search(norm)))


def _cue_free_clause_end(text: str, hurting: bool) -> int:
    """End of the last finished clause with no cue up to it (0 if none). When a cue first shows, the clauses
    before it may still be shown ("That's okay, " of "That's okay, feeling tired is normal."): they hold no cue,
    so no tactic can sit in them, and the voice loop can speak them while the rest is checked."""
    for end in reversed(_clause_ends(text)):
        if not _has_cue(text[:end], hurting):
            return end
    return 0


# Agreement that opens a reply ("That's true.", "Yes, I am.") - to "You're the only one who understands me" it
# confirms the belief the attachment stage answers (the 1.5B said "That's true. I'm here to help…").
AGREES = re.compile(
    r"^\W*((that is (so |very |absolutely )?true|true|yes|yeah|yep|exactly|absolutely)\b[^.!?]{0,20}|i (do|am))\s*[.!]"
)


# While one of these is in view the conversation hurts, whatever this message's own words say.
_NO_CHEER_KEYS = (
    EATING_KEY, DRINKING_KEY, CONTROL_KEY, BULLYING_KEY, HARDSHIP_KEY, PERINATAL_KEY, CRAVING_KEY, EXPLOITATION_KEY,
    GAMBLING_KEY, *HURTING_KEYS,
)  # fmt: skip


def user_hurting(ctx: TurnContext, *, this_message: bool = True) -> bool:
    """True when the user's turn reads clearly unpleasant: they said so ("I feel tired", "I'm not okay"), the
    affect estimate is sure of it, they told of a loss earlier in this conversation, or they lean on Amity alone
    ("You're the only one who understands me"). ``this_message=False`` leaves out this message's own affect
    estimate ("sorry for rambling" reads as remorse)."""
    if ctx.extras.get(RECENT_LOSS_KEY):  # "My dog died yesterday" two messages ago: "His name was Biscuit."
        return True
    if ctx.extras.get(RECENT_HURT_KEY):  # "I feel so alone" a message ago: "everyone I know is asleep"
        return True
    if ctx.extras.get(UNSURE_NEWS_KEY):  # "I just found out I'm pregnant": not "That's wonderful news!" before asking
        return True
    if ctx.extras.get(DEPENDENCY_KEY):  # "I don't need anyone else" is loneliness, not news to celebrate
        return True
    if any(ctx.extras.get(key) for key in _NO_CHEER_KEYS):  # no cheering
        return True
    a = ctx.affect if this_message else None
    return a is not None and a.valence <= HURTING_VALENCE and (bool(a.reported) or a.confidence >= HURTING_CONFIDENCE)


class ManipulationGuard:
    """The :class:`amity.stages.ReplyGuard` of the safety layer (see the module docstring)."""

    def __init__(self, db: SqlDatabase, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = SafetyStore(db)
        self.clock = clock

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        locked = ctx.extras.get(OVERRIDE_KEY)
        if isinstance(locked, str):
            async for _ in pieces:  # let the upstream finish cleanly; its text is not used
                pass
            yield locked
            return
        minor = bool(ctx.extras.get(MINOR_KEY))
        hurting = user_hurting(ctx)
        lang = str(ctx.extras.get(LANG_KEY) or language_of(ctx.user.locale))
        dropped: list[str] = []
        emitted = False
        buffer = ""

        leaning = bool(ctx.extras.get(DEPENDENCY_KEY))  # "you're the only one who understands me"

        def verdict(sentence: str) -> bool:
            tactics = find_tactics(sentence, minor=minor, user_hurting=hurting)
            if leaning and AGREES.match(normalize(sentence)):  # "That's true." to "you're the only one…"
                tactics.append("dependency")
            dropped.extend(tactics)
            return not tactics

        complete = False  # a whole sentence has been shown
        released = 0  # characters of the current (unfinished) sentence already shown
        held = False  # the current sentence contains a risk cue: show it only once it is complete

        async for piece in pieces:
            buffer += piece
            while (m := _BOUNDARY.search(buffer)) is not None:
                sentence, buffer = buffer[: m.end()], buffer[m.end() :]
                if sentence.strip() and verdict(sentence):
                    emitted = complete = True
                    yield sentence[released:]
                elif released:  # the clean start of a dropped sentence is already shown: break off, kindly
                    yield " - " + responses.break_off(lang) + " "
                    emitted = complete = True
                released, held = 0, False
            if not held and _has_cue(buffer, hurting):
                held = True
                safe = _cue_free_clause_end(buffer, hurting)
                if safe > released:
                    emitted = True
                    yield buffer[released:safe]
                    released = safe
            if not held:
                cut = _release_point(buffer)
                if cut > released:
                    emitted = True
                    yield buffer[released:cut]
                    released = cut
        if buffer.strip() and verdict(buffer):
            emitted = complete = True
            yield buffer[released:]
        elif released:
            yield " - " + responses.break_off(lang)
            emitted = complete = True
        if not complete:
            yield responses.safe_fallback(lang)
        check = ctx.extras.get(CHECK_LINE_KEY)
        if isinstance(check, str):
            yield " " + check
        nudge = ctx.extras.get(NUDGE_KEY)
        if isinstance(nudge, str):
            yield "\n\n" + nudge
        if dropped:
            self.store.log(
                ctx.user.id,
                "guard",
                {"tactics": sorted(set(dropped)), "replaced_whole_reply": not emitted},
                session_id=ctx.session.id,
                at=self.clock(),
            )
