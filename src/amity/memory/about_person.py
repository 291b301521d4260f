"""Questions about someone the user told of: "What do you remember about Margaret?", "What do you know about my
sister?" - answered from what the user said, never from the model's imagination.

Asked "What do you remember about Margaret?" by a widower who had told it "My wife Margaret passed in March",
the default 1.5B answered in his voice: "Margaret was a wonderful wife and mother. She always looked after us,
made delicious food..." - none of it told, all of it invented, about the person he misses most. The facts were
in the prompt; the small model did not keep to them. As with "What do you know about me?", the answer is built
here instead (``ctx.reply_override``):

* :func:`person_asked` finds the person: a name ("about Margaret") or a relation ("about my wife", resolved to a
  name when a ``relation`` fact holds one);
* :func:`person_answer` lists the current facts about them in the second person, in the past tense for someone
  who has died ("Margaret was your wife"), with the user's words and the day for each; then up to
  :data:`MAX_QUOTES` other things the user said about them (``quotes``: their own earlier messages that name
  the person); and ends with an invitation to tell more, not a question to answer.

When nothing is stored about the person, :func:`person_asked` still names them but :func:`person_answer` is not
used: the memory stage lets the model answer, with the honest "I don't remember" guidance of
:mod:`amity.memory.unknown` when recall finds nothing either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from amity.memory.facts import Fact, same_relation

MAX_QUOTES = 2
_WHO = r"(?P<who>my\s+[a-z]+(?:\s+[a-z]+)?|(?-i:[A-Z][a-zà-ÿ'-]+))"
_ASKED = re.compile(
    rf"\b(?:what|how\s+much)\s+(?:do|did|can)\s+you\s+(?:still\s+)?(?:know|remember|recall)\s+about\s+{_WHO}"
    rf"|\bwhat\s+have\s+i\s+(?:told|said\s+to)\s+you\s+about\s+{_WHO.replace('who', 'who2')}"
    rf"|\btell\s+me\s+(?:what|everything)\s+you\s+(?:know|remember)\s+about\s+{_WHO.replace('who', 'who3')}",
    re.I,
)
_SHE = {"wife", "mum", "mom", "mother", "sister", "daughter", "grandma", "grandmother", "granny", "nan", "nana",
        "aunt", "niece", "girlfriend", "fiancee", "fiancée", "stepmother", "stepmom", "stepmum"}  # fmt: skip
_HE = {"husband", "dad", "father", "brother", "son", "grandpa", "grandfather", "uncle", "nephew", "boyfriend",
       "fiance", "fiancé", "stepfather", "stepdad"}  # fmt: skip


def person_asked(text: str, facts: Sequence[Fact]) -> str | None:
    """The subject of the facts ``text`` asks about ("Margaret", or "the user's sister" when no name is known),
    or None when it asks about no one."""
    m = _ASKED.search(text)
    if m is None:
        return None
    who = (m["who"] or m["who2"] or m["who3"]).strip()
    if not who.lower().startswith("my"):
        return None if who.lower() in {"me", "myself", "you", "yourself", "it", "that", "this"} else who
    rel = re.sub(r"'s$", "", who.split(None, 1)[1].lower())
    rel = re.sub(r"\s+(?:and|or|at|in|when|from)\b.*", "", rel)
    named = [f.subject for f in facts if f.active and f.key == "relation" and same_relation(f.value, rel)]
    return named[-1] if named else f"the user's {rel}"


def _about(fact: Fact, subject: str) -> bool:
    return fact.active and fact.subject.lower() == subject.lower()


def facts_about(subject: str, facts: Sequence[Fact]) -> list[Fact]:
    """The current facts whose subject is ``subject`` (its relation first, then in the order they were told)."""
    found = [f for f in facts if _about(f, subject) and not (f.key == "relation" and f.subject.endswith(f" {f.value}"))]
    return sorted(found, key=lambda f: (f.key != "relation", f.created_at))


def _pronoun(subject: str, about: Sequence[Fact]) -> str | None:
    rels = [f.value.lower() for f in about if f.key == "relation"] + [subject.removeprefix("the user's ")]
    return next(("her" if rel in _SHE else "him" for rel in rels if rel in _SHE | _HE), None)


def _day(when: datetime) -> str:
    return f"{when.day} {when:%b}"


def person_answer(subject: str, facts: Sequence[Fact], quotes: Sequence[tuple[str, datetime]] = ()) -> str:
    """The answer from ``facts_about(subject)`` and up to :data:`MAX_QUOTES` of the user's own ``quotes`` (text,
    when said) about the person."""
    about = facts_about(subject, facts)
    died = any(f.key == "died" for f in about)
    name = subject.replace("the user's", "your")
    lines = [f"Here's what you've told me about {name}:"]
    told: list[str] = []
    for fact in about:
        line = fact.describe("you")
        if died and fact.key == "relation":
            line = line.replace(" is your ", " was your ", 1)
        quote = fact.quote.strip()
        said = f' (you told me on {_day(fact.created_at)}: "{quote}")' if quote and quote.lower() not in told else ""
        told.append(quote.lower())
        lines.append(f"- {line[:1].upper()}{line[1:]}{said}.")
    fresh = [(q, when) for q, when in quotes if not any(t and t in q.lower() for t in told)][:MAX_QUOTES]
    for quote, when in fresh:
        lines.append(f'- On {_day(when)} you said: "{quote}"')
    them = _pronoun(subject, about) or name
    lines.append(
        f"That's all I know - I'd be glad to hear more about {them} whenever you'd like."
        if died
        else f"That's what I know so far. Tell me more about {them} any time, and I'll remember it."
    )
    return "\n".join(lines)
