"""No help-desk sign-offs: a friend does not end with "Is there anything else I can help you with?".

The small code-tuned chat models end many replies like a support ticket ("If you need anything else, feel free
to ask.", "Let me know if you have any other questions.", "I hope this helps!"). To a lonely person talking to a
companion that reads as being handled, not heard. :class:`ServiceCloserGuard` is a reply guard (it wraps the
model's stream before the manipulation guard) that drops such a sentence wherever it comes.

Streaming costs nothing for other sentences: a sentence is held only while its opening words could still begin
a sign-off (``OPENERS``: "is there anything", "if you need", "let me know", "feel free", "I hope this"…); as
soon as they cannot ("That's okay,", "I'm sorry"), it streams on. A held sentence is shown when it ends unless
it is a sign-off (``SIGN_OFFS``). Questions a friend asks stay: "Is there anything you'd like to talk about?",
"Let me know how it goes!"; but not "Is there anything *else* you'd like to talk about?", which leaves what they just
told for the next subject. A reply that was nothing but a sign-off ends up empty, and the manipulation guard
after this one puts its listening text in its place.

A goodbye the user did not start is dropped the same way (:func:`is_early_goodbye`): the 1.5B answered "It went ok
I think. They said they'd call." with "That's good to hear. I'm glad they're going to call. Let's talk soon." -
ending a conversation the user was still in. Only a sentence that is nothing but a farewell ("Let's talk soon.",
"Goodbye for now, Tom.", "Take care!") goes, and only when the user's message has no sign of leaving ("I need to
go to bed soon"): "Take care of yourself" is care, not a farewell. (Goodbyes the user says are answered by the
safety stage's fixed farewell without the model.)
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from amity.care.sentence_filter import filter_sentences
from amity.stages import TurnContext

OPENERS = (
    "is there anything",
    "if you need",
    "if you have",
    "if there is anything",
    "if there's anything",
    "let me know",
    "feel free",
    "don't hesitate",
    "do not hesitate",
    "how can i",
    "how else can i",
    "i hope this",
    "i hope that",
    "hope this",
    "hope that",
    "do you need anything",
    "do you have any",
    "anything else",
    "i'm happy to help",
    "happy to help",
)
FAREWELL_OPENERS = (
    "let's talk",
    "let us talk",
    "we'll talk",
    "i'll talk",
    "talk soon",
    "talk to you",
    "talk later",
    "speak soon",
    "goodbye",
    "bye",
    "see you",
    "until next",
    "take care",
)
_NAME = r"(?:,? [a-z]+)?"
EARLY_GOODBYE = re.compile(
    "|".join(
        (
            r"^(?:(?:let's|let us|we'll|we will|i'll|i will) )?(?:talk|speak|chat)(?: to you| with you| again)? "
            rf"(?:soon|later|again soon|another time){_NAME}[.!]*$",
            rf"^(?:goodbye|bye)(?: for now)?{_NAME}[.!]*$",
            rf"^see you (?:soon|later|next time|around){_NAME}[.!]*$",
            rf"^until next time{_NAME}[.!]*$",
            rf"^take care(?: now)?{_NAME}[.!]*$",
        )
    )
)
_LEAVING = re.compile(
    r"\b(?:go|going|gotta|leave|leaving|bed|sleep|later|bye|night|soon|work|busy|head off|off now)\b", re.I
)
SIGN_OFFS = re.compile(
    "|".join(
        (
            r"\banything else (i can|you need|you would like me to|you'd like me to|i could) ?(help|assist|do)?\b",
            r"\banything else (you|you'd|you would) (want|like|need) to know\b",
            # a change of subject right after their news: "Congratulations on your promotion! Is there anything else
            # you'd like to talk about?"
            r"\banything else (you|you'd|you would) (want|like|need) to (talk|chat) about\b",
            r"\b(feel free|don'?t hesitate|do not hesitate) to (ask|reach out|let me know|contact)\b",
            r"\blet me know if (you have|there is|there's|there are) (any )?(other |more |further )?"
            r"(questions?|anything else)\b",
            r"\bhow (else )?can i (help|assist) you\b|\b(i )?hope (this|that) helps\b|\bhappy to help\b",
            r"\bdo you have any (other |more |further )?questions?\b|"
            r"\bif (you need|you have|there is|there's) (anything|any) ?(else|(other |more |further )?questions?|"
            r"(more |further )?help)\b",
        )
    ),
    re.I,
)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _may_open(start: str) -> bool | None:
    """True: ``start`` opens like a sign-off; False: it cannot; None: too early to tell."""
    norm = _norm(start)
    if any(norm.startswith(opener) for opener in OPENERS):
        return True
    if any(opener.startswith(norm) for opener in OPENERS):
        return None
    return False


def is_sign_off(sentence: str) -> bool:
    return _may_open(sentence) is True and SIGN_OFFS.search(_norm(sentence)) is not None


def _may_say_goodbye(start: str) -> bool:
    norm = _norm(start)
    return any(norm.startswith(o) or o.startswith(norm) for o in FAREWELL_OPENERS)


def is_early_goodbye(sentence: str) -> bool:
    """A sentence that is nothing but a farewell: "Let's talk soon.", "Goodbye for now, Tom.", "Take care!"."""
    return EARLY_GOODBYE.match(_norm(sentence)) is not None


class ServiceCloserGuard:
    """The :class:`amity.stages.ReplyGuard` that drops help-desk sign-offs and goodbyes the user did not start (see
    the module docstring)."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        leaving = _LEAVING.search(ctx.text) is not None  # they may be on their way: a farewell is fine

        def drops(sentence: str) -> bool:
            return is_sign_off(sentence) or (not leaving and is_early_goodbye(sentence))

        def holds(start: str) -> bool:
            return _may_open(start) is not False or (not leaving and _may_say_goodbye(start))

        async for piece in filter_sentences(pieces, drops, holds):
            yield piece
