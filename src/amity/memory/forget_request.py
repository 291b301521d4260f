"""Forgetting on request in conversation ("forget that"): the same verified forgetting as the CLI.

Two forms are recognised (English, German, French, Spanish):

* **"forget that" / "please don't remember what I just said"** — the user's previous message is forgotten:
  its text in the transcript, its index entries, the facts extracted from it and the summaries that
  mention them (:meth:`MemoryControl.forget` on that turn, which verifies every place).
* **"forget what I said about my sister" / "forget about my job"** — a topic: every active fact and every
  remembered message whose text holds the topic's content words (all of one or two words, two thirds of a
  longer topic; a word matches by its first five letters, so "sisters" also matches "sister's") is
  forgotten. The rule is deliberately conservative: forgetting the wrong thing cannot be undone, so nothing
  is removed on a vague semantic match. A bare "forget it" usually means "never mind" and is left alone.
  The request itself names the topic, so it is also blanked from the transcript, and it is not indexed
  or mined for facts.

"Forget everything" is not done from a chat message (a slip or someone else at the keyboard must not wipe
a relationship's memory); the answer says how to do it deliberately. The reply is deterministic — it
reports what was removed and never repeats the forgotten topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amity.errors import NotFound
from amity.events import MemoryChanged
from amity.memory.control import ForgetReport, MemoryControl
from amity.memory.recall import ANSWERED
from amity.stages import BaseStage, TurnContext

_FORGET = (
    r"(?:please\s+)?(?:(?:can|could|would) you\s+)?"
    r"(?:forget|don'?t remember|do not remember|delete|erase|vergiss|vergessen sie|oublie|oubliez|olvida|olvide)"
)
FORGET_THAT = re.compile(
    rf"^\s*(?:ok(?:ay)?[,.]?\s+|actually[,.]?\s+|bitte\s+)?{_FORGET}\s+"
    r"(?:about\s+(?:that|this|it)|that|this|what i (?:just )?(?:said|told you|wrote)|my last message"
    r"|das|es|ça|cela|eso|esto)"
    r"(?:\s+(?:again|please|bitte|s'il te plaît|por favor))?\s*(?:,?\s*please)?\s*[.!?]*\s*$",
    re.I,
)
FORGET_TOPIC = re.compile(
    rf"^\s*(?:ok(?:ay)?[,.]?\s+|actually[,.]?\s+)?{_FORGET}\s+"
    r"(?:everything\s+|all\s+)?(?:(?:that\s+)?what i (?:said|told you|wrote) )?(?:about|regarding|that|alles über|"
    r"was ich über|tout ce que je t'ai dit sur|ce que j'ai dit sur|lo que dije sobre|todo sobre)\s+"
    r"(?P<topic>.{2,120}?)\s*(?:,?\s*please)?\s*[.!?]*\s*$",
    re.I,
)
FORGET_ALL = re.compile(
    rf"^\s*{_FORGET}\s+(?:everything|all of it|all about me|everything about me|alles|tout|todo)\s*[.!]*\s*$", re.I
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "me",
        "i",
        "i'm",
        "im",
        "your",
        "you",
        "our",
        "his",
        "her",
        "their",
        "its",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "is",
        "was",
        "were",
        "be",
        "been",
        "mein",
        "meine",
        "meinen",
        "der",
        "die",
        "das",
        "ein",
        "eine",
        "mon",
        "ma",
        "mes",
        "le",
        "la",
        "les",
        "un",
        "une",
        "mi",
        "mis",
        "el",
        "los",
        "las",
        "una",
        "said",
        "told",
        "say",
        "about",
        "what",
        "that",
        "this",
        "these",
        "those",
    ]
)
_WORD = re.compile(r"[\w']+")
FORGOTTEN_EVENT_TEXT = "forgotten at your request"


def topic_words(topic: str) -> list[str]:
    """The topic's content words, reduced to their first five letters (a crude, language-neutral stem)."""
    words = [w.lower().removesuffix("'s") for w in _WORD.findall(topic)]
    return [w[:5] for w in words if w not in _STOP and len(w) > 1]


def mentions(text: str, stems: list[str]) -> bool:
    """True when ``text`` holds the topic: all of one or two content words, or at least two thirds of a
    longer topic ("that my sister is called Anna" matches "Your sister's name is Anna")."""
    if not stems:
        return False
    words = {w.lower().removesuffix("'s")[:5] for w in _WORD.findall(text)}
    found = sum(stem in words for stem in set(stems))
    needed = len(set(stems)) if len(set(stems)) <= 2 else -(-2 * len(set(stems)) // 3)
    return found >= needed


@dataclass(frozen=True)
class ForgetRequest:
    """What the user asked to forget: the previous message, a topic, or everything."""

    kind: str  # "that" | "topic" | "all"
    topic: str = ""

    @staticmethod
    def parse(text: str) -> ForgetRequest | None:
        if FORGET_ALL.match(text):
            return ForgetRequest("all")
        if FORGET_THAT.match(text):
            return ForgetRequest("that")
        found = FORGET_TOPIC.match(text)
        if found and topic_words(found.group("topic")):
            return ForgetRequest("topic", found.group("topic").strip())
        return None


class ForgetRequestStage(BaseStage):
    """Answers "forget that …" by forgetting, verified, before the model is asked anything."""

    def __init__(self, control: MemoryControl) -> None:
        self.control = control

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        request = ForgetRequest.parse(ctx.text)
        if request is None:
            return
        ctx.extras[ANSWERED] = True  # the memory stage neither indexes nor mines this message
        if request.kind == "all":
            ctx.reply_override = (
                "I won't erase everything from a single chat message — it can't be undone. If you want that, "
                "run `amity memory forget --all` (or use “Forget everything” in the web app's memory page), "
                "and every fact and message I keep about you is deleted."
            )
            return
        reports = self._forget_previous(ctx) if request.kind == "that" else self._forget_topic(ctx, request.topic)
        ctx.extras["forget_request"] = request
        ctx.reply_override = self._answer(request, reports)
        for report in reports:
            for item_id in report.ids:
                ctx.emit(MemoryChanged("forgotten", item_id, FORGOTTEN_EVENT_TEXT, _kind(item_id)))

    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        request = ctx.extras.get("forget_request")
        if isinstance(request, ForgetRequest) and request.kind == "topic" and self.control.redactor is not None:
            self.control.redactor.redact_turns([ctx.user_turn.id])  # the request names what is forgotten

    def _forget_previous(self, ctx: TurnContext) -> list[ForgetReport]:
        """The user's previous message and the reply to it (which may repeat what it said)."""
        at = next((i for i in range(len(ctx.history) - 1, -1, -1) if ctx.history[i].role == "user"), None)
        if at is None:
            return []
        turns = ctx.history[at : at + 2]
        return [self._forget(ctx.user.id, t.id) for t in turns]

    def _forget_topic(self, ctx: TurnContext, topic: str) -> list[ForgetReport]:
        user_id, stems = ctx.user.id, topic_words(topic)
        targets = [f.id for f in self.control.facts_of(user_id) if mentions(f"{f.key} {f.value} {f.describe()}", stems)]
        for item in self.control.episodes(user_id, limit=100_000):
            if item.kind == "episode" and item.id != ctx.user_turn.id and mentions(item.text, stems):
                targets.append(item.id)
        reports: list[ForgetReport] = []
        done: set[str] = set()
        for item_id in targets:
            if item_id not in done:
                report = self._forget(user_id, item_id)
                done.update(report.ids)
                reports.append(report)
        return reports

    def _forget(self, user_id: str, item_id: str) -> ForgetReport:
        try:
            return self.control.forget(user_id, item_id)
        except NotFound:  # not indexed (e.g. an answered memory question): blank the transcript text only
            redacted = self.control.redactor.redact_turns([item_id]) if self.control.redactor else 0
            return ForgetReport(turns_redacted=redacted, verified=True, ids=(item_id,) if redacted else ())

    @staticmethod
    def _answer(request: ForgetRequest, reports: list[ForgetReport]) -> str:
        facts = sum(r.facts for r in reports)
        messages = len({i for r in reports for i in r.ids if not i.startswith("f_")})
        if not facts and not messages:
            if request.kind == "that":
                return "There's nothing before this message for me to forget."
            return (
                "I couldn't find anything matching that in what I remember, so nothing was removed. "
                "You can see everything I keep with `amity memory list` (or the memory page of the web app)."
            )
        parts = []
        if facts:
            parts.append(f"{facts} fact{'s' if facts != 1 else ''}")
        if messages:
            parts.append(f"{messages} message{'s' if messages != 1 else ''}")
        return (
            f"Done — I've forgotten it ({' and '.join(parts)}), and checked that it's gone from my memory "
            "and our transcript. I won't bring it up again."
        )


def _kind(item_id: str) -> str:
    return "fact" if item_id.startswith("f_") else "episode"
