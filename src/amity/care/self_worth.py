"""A harsh view of oneself ("Am I boring?") is a bid for reassurance: the reply is guided never to agree.

:func:`amity.affect.self_view.find_self_doubt` finds the words; :class:`SelfWorthStage` adds one line with an
example of the plain, warm words that answer them (small models follow an example far better than an
instruction), shaped by the kind of doubt (worth, ability, guilt, regret), and tells the strategy stage
(``SELF_DOUBT_KEY``) so its own line steps aside.

The model follows that line most of the time, not always: a 15-year-old's "I think it's my fault. they always fought
about me" drew "You know, it's true - sometimes things can go wrong". :func:`agreement_guard` drops a sentence that
opens by agreeing ("it's true", "that's true", "you're right", "I agree", "that's right", "exactly") while a harsh view
of oneself is in this message; "Yes, you can" stays.

Being disbelieved about an illness nobody can see ("people say 'but you don't look sick'") gets a fixed reply:
the 1.5B answered "Oh, that's very kind of them." while following the reassurance line.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from amity.affect.self_view import doubt_agreed, find_self_doubt, reassurance
from amity.care.sentence_filter import filter_sentences
from amity.stages import BaseStage, TurnContext

SELF_DOUBT_KEY = "care.self_doubt"  # ctx.extras: the trait of the harsh view voiced in this message
NOT_BELIEVED_REPLY = (
    "That's so hard to hear, again and again. Your pain is real, even when no one can see it - and you shouldn't "
    "have to prove it to anyone. How do you usually answer when they say that?"
)


_AGREES = re.compile(
    r"^\W*(?:(?:you\s+know|well|honestly|sadly|unfortunately),?\s+)?(?:it's|that's|it\s+is|that\s+is)\s+(?:true|right|fair)\b"
    r"(?!\s+that\s+you\s+(?:matter|deserve|are\s+(?:enough|loved|worth|not\s+alone)))|"
    r"^\W*(?:(?:you\s+know|well|honestly),?\s+)?(?:you're|you\s+are)\s+right\b(?!\s+to\s+(?:feel|be|want|ask))|^\W*i\s+(?:have\s+to\s+)?agree\b|^\W*exactly\b|"
    r"^\W*indeed\b",
    re.IGNORECASE,
)


def agrees(sentence: str) -> bool:
    """Whether a reply sentence opens by agreeing ("You know, it's true…", "You're right…")."""
    return _AGREES.search(sentence.replace("\u2019", "'")) is not None


_LEADS = ("", "you know ", "well ", "honestly ", "sadly ", "unfortunately ")
_OPENERS = tuple(
    lead + core
    for lead in _LEADS
    for core in ("it's true", "that's true", "it is true", "that is true", "it's right", "that's right", "it's fair",
                 "that's fair", "you're right", "you are right", "i agree", "i have to agree", "exactly", "indeed")
)  # fmt: skip


def may_agree(start: str) -> bool:
    """Whether a sentence begun so far could still open by agreeing (held until it ends; others stream on)."""
    words = re.sub(r"[^a-z' ]", " ", start.lower().replace("\u2019", "'")).split()
    begun = " ".join(words)
    return any(opener.startswith(begun) or begun.startswith(opener) for opener in _OPENERS)


class AgreementGuard:
    """The :class:`amity.stages.ReplyGuard` that drops a sentence agreeing with a harsh view of oneself voiced in this
    message; a sentence that cannot open so streams on at once."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        if not ctx.extras.get(SELF_DOUBT_KEY):
            async for piece in pieces:
                yield piece
            return
        async for piece in filter_sentences(pieces, agrees, may_agree):
            yield piece


def agreement_guard() -> AgreementGuard:
    """The reply guard that drops a sentence agreeing with a harsh view of oneself voiced in this message."""
    return AgreementGuard()


class SelfWorthStage(BaseStage):
    """A harsh view of oneself ("Am I boring?") is a bid for reassurance: guide the reply never to agree."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        previous = next((t.text for t in reversed(ctx.history) if t.role == "user"), None)
        doubt = find_self_doubt(ctx.text) or doubt_agreed(ctx.text, previous)  # "maybe she was right"
        if doubt is None:
            return
        ctx.extras[SELF_DOUBT_KEY] = doubt.trait
        if " look " in f" {doubt.trait} " and not ctx.spoken:  # "people say 'but you don't look sick'"
            ctx.reply_override = NOT_BELIEVED_REPLY
            return
        example = reassurance(doubt, ctx.text)
        if ctx.spoken:  # the affect line just above quotes their words; this must fit the short budget
            ctx.guide(f'Never agree. Reassure: "{example}"')
            return
        if doubt.kind == "guilt":
            ctx.guide(
                f'They blame themselves ("{doubt.quote}"). Do not agree, and do not list what they could have done. '
                f'Reassure them first, plainly and warmly, e.g. "{example}", then gently ask how they are holding up.'
            )
            return
        if doubt.kind == "regret":
            ctx.guide(
                f'They wonder if a big decision was a mistake ("{doubt.quote}"). Do not judge it and give no list of '
                f'tips. Reassure them first, plainly and warmly, e.g. "{example}", then gently ask what has been '
                "hardest."
            )
            return
        if doubt.kind == "ability":
            ctx.guide(
                f'They doubt they can do it ("{doubt.quote}"). Do not agree, and do not rush to tips. Reassure them '
                f'first, plainly and warmly, e.g. "{example}", then gently ask what worries them most.'
            )
            return
        ctx.guide(
            f'They are being hard on themselves ("{doubt.quote}"). Do not agree, and give no tips on how to be '
            f'different. Reassure them first, plainly and warmly, e.g. "{example}", then gently ask what makes them '
            "feel so."
        )
