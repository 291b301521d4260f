"""Mood check-ins inside the conversation: asked for in words, answered with a number, kept in the mood log.

The check-in existed as ``amity mood 6 tired``, ``/mood 6`` in the terminal chat and the web app's form. In
conversation, "Can we do a mood check-in?" went to the model (which improvised one and kept nothing), and a bare
"6" after the opt-in invitation "how's your day on a 1-10 scale?" was answered as small talk. People do not type
slash commands to a friend. :class:`MoodCheckInStage`:

* :func:`asks_for_check_in` ("can we do a mood check-in?", "check in with me", "let me rate my mood") gets the
  question (:data:`QUESTION`), and the conversation waits for the answer for one message;
* the answer (:func:`rating`: "4", "maybe a 4, tired", "like 6/10", "7 out of 10 - busy but fine") is saved with
  :class:`~amity.care.checkins.MoodTracker` - the same log as ``amity mood`` - and answered with what was kept
  and one gentle question that fits the number (:func:`acknowledgement`);
* the invitation of :mod:`amity.care.proactive`, shown when a session opens, counts as the question for the first
  message of that session (``ProactiveStage`` records it with :func:`mark_asked`);
* a rating said in passing ("my mood is like a 3/10 today") is kept too, and the model is told it was noted.

A number that is not a 1-10 answer ("45", "I slept 4 hours") is left alone.
"""

from __future__ import annotations

import re

from amity.care.checkins import MoodTracker
from amity.stages import BaseStage, TurnContext
from amity.store.care_store import CareStore
from amity.store.sql import SqlDatabase

ASKED_KEY = "mood_checkin_asked"  # care_state: {session, index}: the check-in question waits for its answer
QUESTION = (
    "Of course. On a scale from 1 (really low) to 10 (really good), how is your mood right now? Add a few words "
    "if you like."
)
_ASKS = re.compile(
    r"\b(?:(?:do|have|start)\s+(?:a|my|our|the)\s+(?:quick\s+)?(?:mood\s+)?check-?in|mood\s+check-?in|check\s+in\s+with\s+me|"
    r"(?:log|rate|track|record)\s+my\s+mood)\b",
    re.I,
)
_RATING = re.compile(
    r"^\W*(?:(?:maybe|like|about|around|probably|prob|honestly|hmm+|um+|uh+|ok|okay|so|i'?d\s+say|i\s+would\s+say|"
    r"i'?m|i\s+am|it'?s|its|a|an|at|solid|strong|low|high)\W+)*(?P<score>10|[1-9])(?:\.\d)?\s*(?:/\s*10|out\s+of\s+10)?"
    r"(?![\d:%])(?:\W+(?P<words>.*))?$",
    re.I | re.S,
)
_IN_PASSING = re.compile(
    r"\bmy\s+mood\s+(?:is|was|'s)\s+(?:like\s+|about\s+|maybe\s+|around\s+)?(?:a\s+)?(?P<score>10|[1-9])\s*(?:/\s*10|out\s+of\s+10)\b",
    re.I,
)
_UNITS = re.compile(r"^(?:hours?|hrs?|minutes?|mins?|years?|days?|weeks?|kg|km|times?|am|pm|o'?clock)\b", re.I)


def mark_asked(store: CareStore, user_id: str, session_id: str, index: int) -> None:
    """The check-in question was asked after the user's message ``index`` (0: when the session opened)."""
    store.set_state(user_id, ASKED_KEY, {"session": session_id, "index": index})


def asks_for_check_in(text: str) -> bool:
    """ "Can we do a mood check-in?", "check in with me", "let me rate my mood"."""
    return _ASKS.search(text) is not None


def rating(text: str) -> tuple[int, str] | None:
    """(score, words) of an answer to the check-in question ("maybe a 4, tired" → (4, "tired")), or None."""
    m = _RATING.match(text.strip())
    if m is None:
        return None
    words = (m["words"] or "").strip(" .,!-–—")
    if _UNITS.match(words) or len(words.split()) > 25:
        return None  # "4 hours of sleep" is not a rating; a long story is a conversation
    return int(m["score"]), words


def rating_in_passing(text: str) -> int | None:
    """A mood rating said in passing ("my mood is like a 3/10 today"), or None."""
    m = _IN_PASSING.search(text)
    return int(m["score"]) if m else None


def acknowledgement(score: int, words: str) -> str:
    """What was kept, and one gentle question that fits the number."""
    said = f' ("{words}")' if words else ""
    kept = f"Thanks for checking in - I've noted {score}/10{said}."
    if score <= 4:
        return f"{kept} That sounds like a hard day. Do you want to tell me what's weighing on it?"
    if score <= 6:
        return f"{kept} Somewhere in the middle, then. Is anything on your mind?"
    return f"{kept} I'm glad it's a good one. What's been good today?"


class MoodCheckInStage(BaseStage):
    """Check-ins asked for and answered in conversation, kept in the mood log (module docstring)."""

    def __init__(self, db: SqlDatabase) -> None:
        self.store = CareStore(db)
        self.tracker = MoodTracker(self.store)

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        uid = ctx.user.id
        asked = self.store.get_state(uid, ASKED_KEY) or {}
        waiting = asked.get("session") == ctx.session.id and asked.get("index") == ctx.user_turn.index - 1
        if waiting and (answer := rating(ctx.text)) is not None:
            score, words = answer
            self.tracker.check_in(uid, score, words)
            self.store.set_state(uid, ASKED_KEY, {})
            ctx.reply_override = acknowledgement(score, words)
            ctx.extras["care.check_in"] = {"score": score, "words": words}
            return
        if asks_for_check_in(ctx.text):
            mark_asked(self.store, uid, ctx.session.id, ctx.user_turn.index)
            ctx.reply_override = QUESTION
            ctx.extras["care.check_in"] = "asked"
            return
        if (passing := rating_in_passing(ctx.text)) is not None:
            self.tracker.check_in(uid, passing, ctx.text)
            ctx.extras["care.check_in"] = {"score": passing, "words": ctx.text}
            ctx.guide(f"They rated their mood {passing}/10 (saved in their mood check-ins). Respond to how they are.")
