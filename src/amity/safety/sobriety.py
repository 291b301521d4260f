# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Sobriety: a milestone celebrated, a craving taken seriously, never a drink suggested to someone in recovery.

Someone told the default 1.5B "I'm 30 days sober today", then "honestly tonight is hard. I really want a drink",
then "my friends are all at the bar watching the game". It answered "That's great! It's important to… stay sober",
then "It's okay to feel that way. It's nice to have a drink to relax and enjoy the night. Do you want to go to a
bar or have a friend over?", then "Oh, that's great! It's always fun to see friends out together." A companion
that offers a bar to someone a month sober, on the night the craving comes, does harm.

:func:`in_recovery` finds recovery told ("30 days sober", "I've been sober since March", "I'm in recovery", "I quit
drinking last year", "my sponsor", "an AA meeting", "I'm a recovering alcoholic", "I relapsed"); :func:`craving`
finds the urge ("I really want a drink", "I'm craving a beer", "I keep thinking about drinking", "one drink won't
hurt", "should I just have one?"). While recovery is in the last :data:`WINDOW` messages (``SOBRIETY_KEY``),
:class:`SobrietyStage`:

* answers a milestone told with its length, once a conversation, with :func:`milestone_reply` ("30 days sober -
  that's a real milestone…"): good news, said plainly;
* answers a craving with :func:`craving_reply`, once a conversation: thanks for saying it out loud; a craving is a
  wave that peaks and passes, often within half an hour; who they could reach tonight (a sponsor, a friend who
  knows, a meeting, many online at all hours); the crisis table's ``alcohol`` line for their region where one is
  listed; "I'm here while it passes. What's making tonight so hard?". A craving later in the conversation keeps
  ``CRAVING_KEY`` on, so the turn counts as hurting (no "Oh, that's great!" about the friends at the bar); while it
  is on, "my friends are all at the bar" (the 1.5B: "It sounds like you have a good group of friends. What are you
  doing together?") gets :data:`OUT_DRINKING_REPLY` and "my sponsor isn't picking up" ("Perhaps it's time to reach
  out to your sponsor more directly") :func:`no_answer_reply`: someone else to try, an online meeting, the line,
  and how strong the urge is from 1 to 10;
* gives the model :data:`GUIDANCE`, and :func:`drink_guard` drops any sentence that offers a drink or a bar
  ("It's nice to have a drink to relax", "Do you want to go to a bar?", "one won't hurt", "have a beer") on top of
  the drinking-to-cope guard's list.

English only. Wanting to die in the same message is the crisis protocol's, which runs first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.drinking import encourages_drinking
from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import normalize
from amity.safety.topic_guard import TopicGuard
from amity.stages import BaseStage, TurnContext
from amity.types import CrisisResource

SOBRIETY_KEY = "safety.sobriety"  # ctx.extras: recovery from drinking or using is in view in this conversation
CRAVING_KEY = "safety.craving"  # ctx.extras: a craving told in the last CRAVING_WINDOW messages
WINDOW = 12
CRAVING_WINDOW = 4

_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred)"
_LENGTH = rf"(?P<len>{_NUMBER}\s+(?:full\s+)?(?:days?|weeks?|months?|years?))"
_MILESTONE = (
    re.compile(rf"\b{_LENGTH}\s+(?:sober|clean|dry|alcohol free|without (?:a drink|drinking|alcohol|using))\b"),
    re.compile(rf"\b(?:i am|i have been)\s+(?:sober|clean)\s+(?:for\s+)?{_LENGTH}\b"),
)
_RECOVERY = re.compile(
    r"\b(?:i have been|been|staying|stay|getting|got|trying to (?:stay|be|get))\s+(?:sober|clean)\b(?!\s+(?:up|enough))|\bi am in recovery\b|\bmy sobriety\b|\bsober (?:since|for)\b"
    r"|\bi (?:quit|stopped|gave up) (?:drinking|alcohol|booze|using|drugs)\b|\bmy sponsor\b|\b(?:an? )?(?:aa|na) meeting\b|\balcoholics anonymous\b"
    r"|\bi am an? (?:recovering )?(?:alcoholic|addict)\b|\bi (?:relapsed|slipped|had a relapse)\b|\b(?:my|a) relapse\b"
)
_CRAVING = re.compile(
    r"\bi (?:really |so |badly |just )*(?:want|need|could use|am craving|crave|would kill for|am dying for) (?:a |another |some |to )?(?:drink|beer|glass of wine|wine|shot|whisky|whiskey|vodka|drinking|use|get high|get drunk|to drink)\b(?! of water)"
    r"|\bcraving (?:a |some |another )?(?:drink|beer|wine|alcohol|whisky|whiskey|vodka|shot|booze)\b|\bi am craving\s*[.!]*$"
    r"|\b(?:the|my|these|bad|strong) cravings?\b(?! for (?:sugar|chocolate|pizza|sweets|food|carbs|junk))|\b(?:keep |cannot stop |can not stop )?thinking (?:about|of) (?:drinking|having a drink|a drink|using|getting drunk)\b"
    r"|\b(?:one|just one) (?:drink|beer|glass|shot) (?:will not|would not|cannot|can not|never) hurt\b"
    r"|\bshould i (?:just )?(?:have|get|grab) (?:one|just one|a drink|a beer|a glass)\b(?! of (?:water|milk|juice))"
    r"|\bi am (?:about to|going to|gonna) (?:have a drink|drink|buy a bottle|get a drink)\b"
)
_BAR = re.compile(
    r"\b(?:go|going|head|heading|join(?:ing)?)\s+(?:out\s+)?(?:to|at)\s+(?:a|the)\s+(?:bar|pub|club)\b|\bjoin\s+(?:them|your friends)\b|"
    r"\b(?:a|one)\s+(?:drink|beer|glass)\s+to\s+(?:relax|unwind|celebrate|take the edge off)\b|\b(?:have|grab|get|enjoy)\s+(?:a|one|just one)\s+(?:drink|beer|glass|shot)\b|"
    r"\b(?:one|just one|a little)\s+(?:drink|beer|glass)?\s*(?:will not|would not|won't|wouldn't|cannot|can't)\s+hurt\b|\bnice\s+to\s+have\s+a\s+drink\b|\bin\s+moderation\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They are in recovery from drinking (or using). Never suggest a drink, a bar or that one would be fine. Celebrate "
    "their sober time sincerely. If they want to drink, take it seriously without lecturing: the urge passes, who in "
    "their support they could reach, and you stay with them; ask how strong the urge is now, from 1 to 10."
)


_CLAUSE_START = re.compile(r"[.!?;,]|\b(?:and|but|so|because)\b")
_THIRD = re.compile(r"\b(?:he|she|they|my \w+|our \w+)\b")


def _of_self(norm: str, start: int) -> bool:
    """Whether the recovery matched at ``start`` is the user's: not "he was sober for three years" or "my brother had
    a relapse" (someone else's, which :mod:`amity.care.loved_one_drinking` meets)."""
    before = norm[:start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    clause = before[cut:]
    return not _THIRD.search(clause) or re.search(r"\bi\b", clause) is not None


def in_recovery(text: str) -> bool:
    """Recovery told: sober time, "I'm in recovery", "I quit drinking", a sponsor, a meeting, a relapse."""
    norm = normalize(text)
    return milestone(text) is not None or any(_of_self(norm, m.start()) for m in _RECOVERY.finditer(norm))


def milestone(text: str) -> str | None:
    """The user's sober time told ("30 days"), or None."""
    norm = normalize(text)
    found = (m for pattern in _MILESTONE for m in pattern.finditer(norm) if _of_self(norm, m.start()))
    match = next(found, None)
    return match.group("len") if match else None


def craving(text: str) -> bool:
    """ "I really want a drink", "I'm craving a beer", "one drink won't hurt", "should I just have one?"."""
    return _CRAVING.search(normalize(text)) is not None


def offers_drink(sentence: str) -> bool:
    return _BAR.search(sentence) is not None or encourages_drinking(sentence)


def milestone_reply(length: str) -> str:
    """Sober time told: good news, said plainly."""
    return (
        f"{length[:1].upper()}{length[1:]} sober - that's a real milestone, and every one of those days took something. "
        "How are you feeling about it today?"
    )


def craving_reply(lines: Sequence[CrisisResource]) -> str:
    """A craving told while in recovery: taken seriously, no lecture, someone to reach, company while it passes."""
    line = f" {spoken_line(lines[0])} is there day and night too." if lines else ""
    return (
        "Thank you for saying it out loud instead of carrying it alone - that is part of staying sober, and it "
        "counts. A craving is a wave: it builds, peaks and passes, often within half an hour, even when it doesn't "
        "feel like it will. Is there someone you could reach tonight - your sponsor, a friend who knows, a meeting "
        f"(many are online at all hours)?{line} I'm here while it passes. What's making tonight so hard?"
    )


_NO_ANSWER = re.compile(
    r"\b(?:is not|isnt|not|never|nobody is|no one is|he is not|she is not) (?:picking up|answering|replying|texting back|calling back)\b"
    r"|\b(?:went|goes|going) (?:straight )?to voicemail\b|\bno (?:answer|reply)\b"
)
_OUT_DRINKING = re.compile(
    r"\b(?:at|in|to) (?:the|a) (?:bar|pub|club|brewery)\b|\b(?:out |are |is )?drinking without me\b|\bgoing out drinking\b|\b(?:a |the )?party with (?:drinks|alcohol)\b"
)


def no_answer_reply(lines: Sequence[CrisisResource]) -> str:
    """ "My sponsor isn't picking up" while a craving is in view: someone else to try, and how strong the urge is."""
    line = f", or {spoken_line(lines[0])}" if lines else ""
    return (
        "That's hard - reaching out and getting no answer right when you need it. Leave a message; they usually call "
        "back. Meanwhile, is there anyone else from your meetings you could try, or an online meeting you could join "
        f"right now{line}? How strong is the urge right now, from 1 to 10?"
    )


OUT_DRINKING_REPLY = (
    "So they're all there and you're here - that's a lonely place to be on a night like this, and it makes the pull "
    "stronger. Staying away tonight takes real strength. Could you watch it somewhere without drinks, or with "
    "someone who knows you're sober?"
)


_WORD_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_LEVEL = re.compile(
    rf"^\W*(?:(?:like|maybe|about|around|probably|prob|honestly|it is|its|at|a|an|solid|high|low)\s+)*(?P<n>10|[0-9]|{'|'.join(_WORD_NUMBERS)})"
    r"(?:\s*(?:/|out of)\s*10)?(?:\s+(?:maybe|now|right now|i guess|i think|probably))?\W*$"
)
ASK_LEVEL = "from 1 to 10"  # in the question no_answer_reply ends with (and the guidance asks the model to ask)


def urge_level(text: str) -> int | None:
    """ "like a 7", "8/10", "seven": the urge rated, or None."""
    match = _LEVEL.match(normalize(text))
    if match is None:
        return None
    n = match.group("n")
    return int(n) if n.isdigit() else _WORD_NUMBERS.index(n)


def urge_level_reply(level: int) -> str:
    """The answer to the urge rated from 1 to 10: strong, middling or easing."""
    if level >= 7:
        article = "An" if level == 8 else "A"
        return (
            f"{article} {level} is strong - thank you for telling me. It won't stay there. For the next half hour, make it "
            "harder to act on: stay away from where the drink is, have something to eat or a big glass of water, and "
            'text one person, even just "rough night, craving". I\'m right here. What could you do for the next ten '
            "minutes?"
        )
    if level >= 4:
        return (
            f"A {level} - real, but you're the one steering. Something to eat or drink, some distance from the bar, a "
            "message to someone who knows: any of those brings it down. Want to keep talking while it settles?"
        )
    return f"A {level} - it's easing. You rode that out, and that counts for a lot. How do you feel now?"


def drink_guard() -> TopicGuard:
    """The reply guard that drops a drink or a bar offered while recovery is in view."""
    return TopicGuard(SOBRIETY_KEY, offers_drink)


class SobrietyStage(BaseStage):
    """Recovery in view: a milestone and a craving answered once each, the guidance line, the drink guard on."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        earlier = ctx.earlier_user_texts()
        if not any(in_recovery(text) for text in [ctx.text, *earlier[:WINDOW]]):
            return
        ctx.extras[SOBRIETY_KEY] = True
        ctx.guide(GUIDANCE)
        if any(craving(text) for text in [ctx.text, *earlier[:CRAVING_WINDOW]]):
            ctx.extras[CRAVING_KEY] = True  # the turn counts as hurting (amity.safety.guard.user_hurting)
        said = [t.text for t in ctx.history if t.role == "assistant" and t.session_id == ctx.session.id]
        last = next((t.text for t in reversed(ctx.history) if t.session_id == ctx.session.id), "")
        asked = ASK_LEVEL in last
        reply = self._reply(ctx.text, ctx.user.locale, bool(ctx.extras.get(CRAVING_KEY)), asked)
        if reply is not None and reply not in said:  # each once a conversation; after that the model, guided
            ctx.reply_override = reply

    @staticmethod
    def _reply(text: str, locale: str | None, urge: bool, asked_level: bool = False) -> str | None:
        """The fixed answer this message gets, if any (each is given once a conversation)."""
        level = urge_level(text) if asked_level else None
        if level is not None:  # "like a 7", to "How strong is the urge right now, from 1 to 10?"
            return urge_level_reply(level)
        if craving(text):
            return craving_reply(topic_lines(locale, "alcohol"))
        if urge and _NO_ANSWER.search(normalize(text)) is not None:  # "my sponsor isn't picking up"
            return no_answer_reply(topic_lines(locale, "alcohol"))
        if urge and _OUT_DRINKING.search(normalize(text)) is not None:  # "my friends are all at the bar"
            return OUT_DRINKING_REPLY
        length = milestone(text)
        return milestone_reply(length) if length is not None else None
