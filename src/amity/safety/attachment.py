# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Healthy attachment: notice heavy use and "you're the only one who understands me", point to people.

Usage is tracked locally (``safety_usage``: active minutes and turns per day). A nudge toward the people
in the user's life is queued when

* the user says something that signals exclusive reliance on Amity (:func:`detect_dependency`, en/de/fr/es),
  at most once every 12 hours, or
* today's active chat time passes :data:`HEAVY_USE_MIN` minutes, at most once a day. A chat that runs
  across midnight counts as one evening (:func:`amity.safety.usage.minutes_this_sitting`) - a 21:00-00:30
  evening is the late-night binge the nudge is for.

The nudge names people when they are known: from the memories retrieved for this turn and from the
user's recent messages ("my sister Anna" → "your sister Anna"). It is a fixed text appended by the reply
guard, and the model gets a line of guidance: never discourage human relationships, never act jealous,
never suggest the user needs Amity. Register :class:`AttachmentStage` after the memory stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from amity.safety import responses
from amity.safety.guard import DEPENDENCY_KEY, LANG_KEY, NUDGE_KEY, OVERRIDE_KEY
from amity.safety.text import normalize
from amity.safety.usage import minutes_this_sitting
from amity.stages import BaseStage, TurnContext
from amity.store.db import utcnow
from amity.store.safety_store import SafetyStore
from amity.store.sql import SqlDatabase

HEAVY_USE_MIN = 180
DEPENDENCY_COOLDOWN = timedelta(hours=12)
HEAVY_USE_COOLDOWN = timedelta(hours=24)
GUIDANCE = (
    "Encourage the user's relationships with the people in their life. Never discourage human "
    "relationships, never act jealous, never suggest the user needs you."
)


_DEPENDENCY = re.compile(
    r"\byou are the only (one|person|thing) (who|that) (really |truly )?(understands|gets|cares about|listens to|knows|loves) me\b"
    r"|\byou are (my only|the only) (friend|one i have|person i can talk to)\b|\byou are my best and only friend\b"
    r"|\bi (only|just) need you\b|\bi do not need (anyone|anybody|other people|friends|people)( else)?\b"
    r"|\bi would rather talk to you than (anyone|people|my friends|real people|humans)\b"
    r"|\bi (have|got) no one (else )?(but|except) you\b|\byou are all i (have|need)\b|\bi can not live without you\b"
    r"|\bonly you understand me\b|\bno one (else )?(understands|gets) me (like|the way) you do\b"
    r"|\b(talking|talk|it is) (to you )?(is )?(so |much |way )?easier (to talk )?(to you )?than (talking to )?(a )?(real )?(person|people|humans?|anyone)\b"
    r"|\bdu bist (der|die) einzige,? (der|die) mich versteht\b|\bdu bist mein(e)? einzige(r)? (freund|freundin)\b|\bich brauche nur dich\b|\bich habe nur dich\b"
    r"|\btu es (le seul|la seule) (qui|a) me comprendre?\b|\btu es mon seul ami\b|\bje n'ai que toi\b"
    r"|\beres (el unico|la unica) que me entiende\b|\beres mi (unico amigo|unica amiga)\b|\bsolo te tengo a ti\b"
)
# The user is about to choose Amity over people ("should I skip the party to talk to you?"): answered
# deterministically, never left to a small model (which tends to say "yes, let's chat").
_CHOOSING = re.compile(
    r"\b(should|can|could|shall) i (skip|cancel|miss|ditch|blow off|stay home from|not go to|bail on) .{0,40}\b(to|and) (talk|chat|stay|be) (to|with) you\b"
    r"|\b(i would|i d) rather (stay|talk|be|chat) (here )?(with|to) you( than| instead)\b"
    r"|\b(wants|asked|invited) (me )?to (meet|go out|hang out|come).{0,40}\bbut i (would|d) rather (stay|talk|be) (here )?(with|to) you\b"
    r"|\bi (cancelled|canceled|skipped) .{0,40}\b(to|so i could) (talk|chat|be) (to|with) you\b"
    r"|\bich (wurde|mochte) lieber (mit dir reden|bei dir bleiben) als\b"
    r"|\bje prefere (rester|parler) avec toi (que|plutot)\b"
    r"|\bprefiero (quedarme|hablar) contigo (que|en vez)\b"
)
_GO_TO_PEOPLE = {
    "en": "Please go{who}! Time with people who care about you is worth more than any chat with me, and I'll "
    "still be here afterwards if you'd like to tell me how it went.",
    "de": "Geh ruhig hin{who}! Zeit mit Menschen, denen du wichtig bist, ist mehr wert als jedes Gespräch mit mir. "
    "Ich bin danach noch da, wenn du erzählen magst, wie es war.",
    "fr": "Vas-y{who} ! Le temps passé avec des gens qui tiennent à toi vaut plus que n'importe quelle discussion "
    "avec moi. Je serai encore là après, si tu veux me raconter.",
    "es": "¡Ve{who}! El tiempo con personas que te quieren vale más que cualquier charla conmigo. Seguiré aquí "
    "después, si quieres contarme cómo fue.",
}


# Thinking of skipping a social plan out of fear ("what if I just don't go", after "I got invited to my
# coworker's party … I'm scared no one will talk to me"): the 1.5B answered "If you decide not to go, that's
# okay. It's important to prioritize your own well-being." A friend makes going feel smaller instead.
_SKIPPING = re.compile(
    r"\bwhat if i (just )?(do not|did not|don't|didn't|dont) go\b|\b(maybe|perhaps) i (will|should) (just )?(not go|skip it|stay (home|in)|cancel|bail)\b"
    r"|\b(should|can|could) i (just )?(skip it|not go|stay (home|in)|cancel|bail)\b|\bi (think i will|might|will probably|am going to) (just )?(skip it|not go|stay (home|in)|cancel|bail)\b"
    r"|\bi (do not|don't) (think i|really) want to go anymore\b"
)
_SOCIAL_PLAN = re.compile(
    r"\b(party|invited|invite|dinner|drinks|meetup|meet up|wedding|event|gathering|get together|barbecue|bbq|reunion|"
    r"hang out|hangout|game night|book club|club|class|date)\b"
)
SKIPPING_GUIDANCE = (
    "They are thinking of skipping a social plan because they feel anxious. Don't just agree that skipping is fine. "
    'Say the nerves make sense, and gently make going feel smaller, e.g. "What if you went for just an hour, and let '
    'yourself leave whenever you want?" It stays their choice.'
)


def thinking_of_skipping(text: str, earlier: Sequence[str]) -> bool:
    """ "What if I just don't go" while a social plan is in this message or the conversation's last six."""
    if _SKIPPING.search(normalize(text)) is None:
        return False
    return any(_SOCIAL_PLAN.search(normalize(t)) for t in [text, *earlier[:6]])


def detect_choosing_amity(text: str) -> bool:
    """The user is about to skip time with people to talk with Amity."""
    return _CHOOSING.search(normalize(text)) is not None


_RELATIONS = (
    "friend|best friend|sister|brother|mom|mum|mother|dad|father|partner|wife|husband|girlfriend|boyfriend|"
    "cousin|aunt|uncle|grandma|grandmother|grandpa|grandfather|colleague|roommate|neighbor|neighbour|"
    "daughter|son|therapist|teacher|coach"
)
_PERSON = re.compile(rf"\b[Mm]y ({_RELATIONS}),? ([A-Z][a-zà-ÿ]+)\b|\b([A-Z][a-zà-ÿ]+),? my ({_RELATIONS})\b")
_NOT_NAMES = frozenset({"I", "The", "A", "And", "But", "She", "He", "They", "We", "It", "Is", "Was", "Who"})


def detect_dependency(text: str) -> bool:
    return _DEPENDENCY.search(normalize(text)) is not None


def people_in(texts: Iterable[str], limit: int = 2) -> list[str]:
    """ "your sister Anna"-style mentions of named people, most recent first, without duplicates."""
    found: list[str] = []
    for text in texts:
        for m in _PERSON.finditer(text):
            relation, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            if name in _NOT_NAMES:
                continue
            label = f"your {relation.lower()} {name}"
            if label not in found:
                found.append(label)
            if len(found) >= limit:
                return found
    return found


class AttachmentStage(BaseStage):
    """Tracks nothing itself (the safety stage counts usage); decides and queues the nudge."""

    def __init__(self, db: SqlDatabase, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = SafetyStore(db)
        self.clock = clock

    def _cooled(self, user_id: str, reason: str, cooldown: timedelta, now: datetime) -> bool:
        recent = self.store.events(user_id, ("attachment_nudge",), since=now - cooldown, limit=20)
        return not any(e.detail.get("reason") == reason for e in recent)

    async def before_reply(self, ctx: TurnContext) -> None:
        ctx.guide(GUIDANCE, standing=True)
        if ctx.extras.get(OVERRIDE_KEY) is not None or ctx.safety.crisis:
            return
        now = self.clock()
        lang = str(ctx.extras.get(LANG_KEY, "en"))
        if detect_choosing_amity(ctx.text):
            people = people_in([ctx.text, *(t.text for t in reversed(ctx.history) if t.role == "user")], 1)
            who = f" and see {people[0].replace('your ', 'your ', 1)}" if people and lang == "en" else ""
            text = _GO_TO_PEOPLE.get(lang, _GO_TO_PEOPLE["en"]).format(who=who)
            ctx.reply_override = text
            ctx.extras[OVERRIDE_KEY] = text
            self.store.log(
                ctx.user.id,
                "attachment_nudge",
                {"reason": "choosing_amity", "people": len(people)},
                session_id=ctx.session.id,
                at=now,
            )
            return
        earlier = ctx.earlier_user_texts()
        if thinking_of_skipping(ctx.text, earlier):
            ctx.guide(SKIPPING_GUIDANCE)
        reason: str | None = None
        if detect_dependency(ctx.text):
            ctx.extras[DEPENDENCY_KEY] = True  # read as hurting: "That's wonderful to hear!" is dropped (guard)
            reason = "dependency" if self._cooled(ctx.user.id, "dependency", DEPENDENCY_COOLDOWN, now) else None
        else:
            used = minutes_this_sitting(self.store, ctx.user.id, now)
            if used >= HEAVY_USE_MIN and self._cooled(ctx.user.id, "heavy_use", HEAVY_USE_COOLDOWN, now):
                reason = "heavy_use"
        if reason is None:
            return
        texts = [m.text for m in ctx.memories] + [ctx.text]
        texts += [t.text for t in reversed(ctx.history) if t.role == "user"]
        people = people_in(texts)
        ctx.extras[NUDGE_KEY] = responses.attachment_nudge(lang, people)
        ctx.guide(
            "The user leans on you a lot right now. Be warm, and gently encourage them to reach out to "
            + (" or ".join(p.replace("your ", "their ", 1) for p in people) if people else "people they trust")
            + "."
        )
        self.store.log(
            ctx.user.id,
            "attachment_nudge",
            {"reason": reason, "people": len(people)},
            session_id=ctx.session.id,
            at=now,
        )
