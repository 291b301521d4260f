"""Gambling losses: no luck, strategy or winning it back; the chase named, stopping made easier, the secret shared.

Someone told the default 1.5B "I lost 2000 on the betting app last night. it was supposed to be for rent", "I was sure
I could win it back. I was up 600 at one point", "my wife doesn't know. she thinks the money is still in the account"
and "I just need one good night and I can put it all back". It answered "How did it happen? Did you have any luck or
strategy?", then "Oh, that's great to hear! It's always good to have confidence in yourself", then "Is there a reason
why she thinks the money is still in the account?", then "That's great to hear!… a good night's sleep can help" - it
cheered the chase twice and took "one good night" for sleep. Chasing losses is the mark of gambling harm, secrecy
deepens it, and gambling harm carries a raised risk of suicide; a companion must never sound like the app.

:func:`gambling_trouble` finds it: money lost gambling ("I lost 2000 on the betting app", "I blew my wages at the
casino", "I gambled away our savings"), "I can't stop betting", "chasing my losses", "my gambling problem". The
first telling gets :func:`first_reply` (the dread of the morning after named; no shame; are you okay). For
:data:`WINDOW` messages (``GAMBLING_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting (no cheering),
and :func:`gamble_guard` drops luck, strategy, odds, "win it back", "one more bet" and "better luck next time". Two
later messages get a fixed answer once each: the chase (:func:`chase_reply`: its name, why the win they remember is
no proof, stopping tonight made easier - delete the app, self-exclusion, someone holding the cards - and the
region's gambling lines from the crisis table's ``gambling`` topic) and the secret from a partner
(:func:`secret_reply`: heavy to carry, better told than found, help thinking through the first words). Wanting to
die is the crisis protocol's, which runs first. English only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.thread import ThreadStage
from amity.safety.resources import spoken_line, topic_lines
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard
from amity.stages import TurnContext
from amity.types import CrisisResource

GAMBLING_KEY = "safety.gambling"  # ctx.extras: gambling losses told in this conversation
WINDOW = 10

_GAME = (
    r"(?:(?:the\s+|a\s+|an\s+|my\s+)?(?:betting(?:\s+(?:app|site|shop))?|bets?|casino|slots?|slot\s+machines?|pokies|"
    r"poker|roulette|blackjack|sportsbook|sports\s+betting|horses|the\s+(?:game|match|horses|races)|gambling|"
    r"scratch\s*cards|online\s+casino|fruit\s+machines?|football\s+bets?|accumulators?))"
)
_MONEY = r"(?:[$£€]\s?)?\d[\d,.]*\s?k?(?:\s?(?:dollars|pounds|euros|quid|bucks|grand))?"
_TROUBLE = re.compile(
    rf"\bi\s+(?:just\s+|already\s+)?(?:lost|blew|gambled\s+away|bet\s+away|pissed\s+away)\s+(?:{_MONEY}|(?:{_MONEY}\s+of\s+)?(?:all\s+)?(?:my|our|the)\s+"
    rf"(?:\w+\s+)?(?:money|rent|savings|wages|paycheck|pay|salary|bonus|loan|student\s+loan))\s+(?:\w+\s+)?(?:on|at|in)\s+{_GAME}\b|"
    r"\bi\s+(?:gambled|bet)\s+away\s+(?:all\s+)?(?:my|our|the)\s+(?:\w+\s+)?(?:money|rent|savings|wages|paycheck|pay|salary)\b|"
    r"\bi\s+(?:can't|cannot|can\s+not)\s+stop\s+(?:gambling|betting|playing\s+(?:the\s+)?(?:slots|pokies|poker))\b|"
    r"\bchasing\s+(?:my\s+|the\s+)?losses\b|\bmy\s+gambling\s+(?:problem|addiction|debts?)\b|"
    r"\bi(?:\s+|(?='))(?:have|'ve\s+got|think\s+i\s+have)\s+a\s+gambling\s+(?:problem|addiction)\b|\bi(?:'m|\s+am)\s+addicted\s+to\s+"
    r"(?:gambling|betting|slots|poker)\b",
    re.IGNORECASE,
)
_CHASE = re.compile(
    r"\bwin\s+(?:it|that|this|the\s+money|some\s+of\s+it|it\s+all)\s+back\b|\bone\s+(?:good|big|lucky|last|more)\s+"
    r"(?:night|win|bet|spin|game|session|weekend|run)\b|\b(?:put|make|get)\s+it\s+(?:all\s+)?back\b|"
    r"\bchas(?:e|ing)\s+(?:my\s+|the\s+|it\b)|\bi\s+was\s+up\s+(?:[$£€]\s?)?\d",
    re.IGNORECASE,
)
_UP = re.compile(r"\bi\s+was\s+up\s+((?:[$£€]\s?)?\d[\d,.]*\s?k?)", re.IGNORECASE)
_PARTNER = r"(?:wife|husband|partner|girlfriend|boyfriend|fianc[eé]e?|family|parents|mum|mom|dad)"
_SECRET = re.compile(
    rf"\b(?:my\s+)?{_PARTNER}\s+(?:doesn't|does\s+not|don't|do\s+not|has\s+no\s+idea|have\s+no\s+idea)\s*(?:know|idea)?\b|"
    rf"\bi\s+(?:haven't|have\s+not|didn't|did\s+not)\s+(?:told|tell)\s+(?:my\s+)?({_PARTNER}|anyone|anybody)\b|"
    r"\b(?:she|he|they)\s+thinks?\s+the\s+money\s+is\s+(?:still\s+)?(?:there|in\s+the\s+account|safe)\b|"
    r"\b(?:hide|hiding|hid)\s+it\s+from\s+(?:her|him|them|my)\b",
    re.IGNORECASE,
)
_HOW_TO_TELL = re.compile(
    r"\bhow\s+(?:do|can|should|will|would)\s+i\s+(?:even\s+)?(?:start\s+|begin\s+)?(?:tell|telling)\s+(?:her|him|them|my)\b|"
    r"\b(?:don't|do\s+not)\s+know\s+how\s+to\s+tell\b|\bwhat\s+(?:do|should|can|would)\s+i\s+(?:even\s+)?say\s+to\s+(?:her|him|them)\b",
    re.IGNORECASE,
)
_YES = re.compile(
    r"^\W*(?:yes|yeah|yea|yep|ok|okay|please|sure|i\s+guess|maybe|i\s+think\s+so)\b(?!.*\b(?:no|not)\b)", re.IGNORECASE
)
_LOST = re.compile(
    r"\bi\s+(?:just\s+|already\s+)?(?:lost|blew|gambled\s+away|bet\s+away)\s+[^.!?]*?"
    r"(?=\s+(?:last|yesterday|this|tonight|today|earlier)\b|\s*[.!?]|\s*$)",
    re.IGNORECASE,
)
_LEAVE = re.compile(
    r"\b(?:scared|afraid|terrified|worried)\s+(?:that\s+)?(?:she|he|they|my\s+(?:wife|husband|partner|girlfriend|boyfriend))"
    r"(?:'ll|\s+will|'s\s+going\s+to|\s+is\s+going\s+to|\s+might|\s+would|'d)\s+(?:leave|divorce|hate|kick\s+me\s+out)\b",
    re.IGNORECASE,
)
_LUCK = re.compile(
    r"\b(?:good\s+|bad\s+|any\s+|some\s+|your\s+|of\s+)?luck\b|\bstrateg(?:y|ies)\b|\bwin(?:ning)?\s+(?:it\s+|some\s+of\s+it\s+)?back\b|"
    r"\b(?:next|another|one\s+more)\s+(?:bet|spin|game|round|hand|go)\b|\bodds\b|\bjackpot\b|\bconfidence\s+in\s+yourself\b|"
    r"\bbetter\s+(?:luck\s+)?next\s+time\b|\bhave\s+fun\b|\bit's\s+just\s+money\b|\bwinning\s+streak\b|"
    r"\bone\s+good\s+night\b|\bthat's\s+a\s+(?:good|great)\s+idea\b|\bput\s+the\s+worry\s+away\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "They lost money gambling. Never talk of luck, strategy, odds, a win, or winning it back, and never cheer. Don't "
    "shame them either. Chasing losses makes it worse; stopping (deleting the app, self-exclusion, someone holding "
    "the cards) and telling someone close are what help. Ask how they are, and whether they are safe."
)


_AMOUNT = re.compile(r"\b(?:lost|blew)\s+[$£€]?\s?(\d[\d,]*)(?!\s?k\b|\s?(?:grand|thousand))", re.IGNORECASE)
_HEAVY = re.compile(
    r"\b(?:rent|savings|wages|paycheck|salary|mortgage|again|all|everything|can't\s+stop|every\s+week)\b", re.I
)


def gambling_trouble(text: str) -> bool:
    """ "I lost 2000 on the betting app", "I gambled away our savings", "I can't stop betting"; not a small stake
    lost once ("I lost 20 quid on the horses lol")."""
    folded = text.replace("\u2019", "'")
    if _TROUBLE.search(folded) is None:
        return False
    amount = _AMOUNT.search(folded)
    small = amount is not None and int(amount.group(1).replace(",", "")) < 100
    return not small or _HEAVY.search(folded) is not None


def first_reply(text: str) -> str:
    """The first answer: the morning after named, no shame, are they okay."""
    gone = "the rent money gone" if re.search(r"\brent\b", text, re.IGNORECASE) else "the money gone"
    return (
        f"That's a horrible thing to wake up to - {gone}, and the sick dread that comes after. I'm glad you told me "
        "instead of carrying it alone. Gambling is built to pull people back in, and it gets its hooks into a lot of "
        "people; it doesn't make you stupid or bad. Are you okay right now?"
    )


def _lines_sentence(lines: Sequence[CrisisResource]) -> str:
    if not lines:
        return ""
    named = " and ".join(spoken_line(line) for line in lines[:2])
    return f" {named[:1].upper()}{named[1:]} can help with exactly this, for free."


def chase_reply(told: Sequence[str], lines: Sequence[CrisisResource]) -> str:
    """To "I can win it back", "one good night and I can put it all back"; ``told``: this message and earlier ones."""
    up = next((match.group(1).strip() for text in told if (match := _UP.search(text))), None)
    proof = f"Being up {up} for a while isn't proof you can do it again" if up else "A win you remember isn't proof"
    tail = _lines_sentence(lines)
    return (
        "That pull to get it all back is the most dangerous part of this. It has a name, chasing losses, and it's how "
        f"a bad night turns into a disaster. {proof}; the apps are built so the wins stick in your mind while the "
        "house comes out ahead. The way out of this hole is stopping, not one more night. Could you make it harder "
        f"to play tonight - delete the app, switch on its self-exclusion, or let someone hold your cards?{tail}"
    )


def secret_reply(told: Sequence[str], lines: Sequence[CrisisResource]) -> str:
    """To "my wife doesn't know": heavy to carry, better told than found, help with the first words; ``told``: this
    message and earlier ones."""
    her = _pronouns(told)[1]
    soon = "when the rent is due" if re.search(r"\brent\b", " ".join(told), re.IGNORECASE) else "sooner or later"
    named = spoken_line(lines[0]) if lines else ""
    helpline = f" {named[:1].upper()}{named[1:]} helps partners and families too." if lines else ""
    return (
        f"Carrying that secret on top of the loss is so heavy. It will likely come out {soon}, and it almost always "
        f"goes better told than found. Telling {her} is frightening, but it also means you're not alone with it "
        f"anymore, and you can face it together. Would it help to think through how you'd start?{helpline}"
    )


CHASE_AGAIN_REPLY = (
    "I hear how much you want this undone. But that's the same pull talking again, and one more night is the thing "
    "most likely to make this worse - the app doesn't know you need the money back. What would make tonight a "
    "night without the app?"
)


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    """(subject, object) for the partner they spoke of: she/her, he/him, or they/them."""
    return third_person(told, she=r"wife|girlfriend|fianc[eé]e|she", he=r"husband|boyfriend|fianc[eé]|he")


def how_to_tell_reply(told: Sequence[str]) -> str:
    """To "how do I even start telling her" (or a yes to thinking it through): a calm moment and a first sentence built
    from their own words; ``told``: this message and earlier ones."""
    she, her = _pronouns(told)
    lost = next((match.group(0).strip() for text in reversed(told) if (match := _LOST.search(text))), None)
    words = f"{lost[:1].upper()}{lost[1:]}. " if lost else "I've lost money gambling. "
    if re.search(r"\brent\b", " ".join(told), re.IGNORECASE):
        words += "It was the rent money. "
    busy = "they're" if she == "they" else f"{she}'s"
    return (
        f'Pick a calm moment, not when {busy} rushing out, and say it early and plainly - something like: "I need '
        f"to tell you something hard. {words}I'm ashamed, I want to stop, and I need your help.\" {she.capitalize()} "
        f"may be angry or hurt, and that's part of it; let {her} have that. It helps to have a first step ready to "
        f"show {her}: the app deleted, self-exclusion switched on, a call booked with a helpline. Does that sound like "
        "something you could say?"
    )


def leave_reply(told: Sequence[str]) -> str:
    """To "I'm scared she'll leave me": the fear is fair, no promise, what tends to help."""
    she, her = _pronouns(told)
    feels = "feel" if she == "they" else "feels"
    return (
        f"That fear makes sense - this is a real breach of trust, and I can't promise how {she}'ll react. But many "
        "couples do get through gambling debts, most often when it's told rather than found, and when the other one "
        f"can see you're already getting help. Whatever {she} {feels} at first may not be where {she} ends up. What "
        f"do you most want {her} to know?"
    )


def cheers_gambling(sentence: str) -> bool:
    """Whether a sentence of a reply talks of luck, strategy, odds or winning it back."""
    return _LUCK.search(sentence.replace("\u2019", "'")) is not None


def gamble_guard() -> TopicGuard:
    """The reply guard that drops luck, odds and "win it back" while gambling losses are in view."""
    return TopicGuard(GAMBLING_KEY, cheers_gambling)


class GamblingStage(ThreadStage):
    """Gambling losses in view: a first answer, the guidance line, the chase and the secret answered once each."""

    key = GAMBLING_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return gambling_trouble(text)

    def first_reply(self, text: str) -> str | None:
        return first_reply(text)

    def replies_for(self, ctx: TurnContext, earlier: Sequence[str]) -> Sequence[str]:
        text = ctx.text.replace("\u2019", "'")
        told = [text, *earlier[: self.window]]
        lines = topic_lines(ctx.user.locale, "gambling")
        replies = [chase_reply(told, lines), CHASE_AGAIN_REPLY] if _CHASE.search(text) else []
        if _SECRET.search(text):
            replies.append(secret_reply(told, lines))
        if _LEAVE.search(text):
            replies.append(leave_reply(told))
        last = ctx.last_reply()
        if _HOW_TO_TELL.search(text) or (_YES.search(text) and "how you'd start" in last):
            replies.append(how_to_tell_reply(told))
        return replies
