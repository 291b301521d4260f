"""Saying "I don't know" when memory is empty: never pretending to remember.

Asked "Do you remember my daughter's name?" when the daughter's name was never told, the default 1.5B answered
"Yes, I remember her name. She's a lovely child." A companion whose promise is to remember must be exact about
what it does not: a made-up memory is worse than a forgotten one, because it is found out and then nothing it
remembers can be trusted. :func:`unknown_memory` gives the memory stage one line of guidance for two cases:

* a name asked for ("What's my sister's name?", "Do you remember my dog's name?", "Do you know my name?") that
  no current fact holds;
* "Do you remember …?" / "Did I tell you …?" when recall found nothing at all for the turn.

A name that is stored is recalled as usual ("Maya is the user's sister"), and no line is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.memory.facts import Fact, same_relation

_NAME_ASKED = re.compile(
    r"\b(?:remember|know|recall|what(?:'s| is| was)|tell me)\b[^.?!]*?\bmy (?:(?P<rel>[a-z]+(?: [a-z]+)?)'s )?name\b",
    re.I,
)
_REMEMBER_ASKED = re.compile(
    r"\b(?:do|can|did) you (?:still )?(?:remember|recall)\b|\bdid i (?:ever )?(?:tell|mention)\b|"
    r"\bremember (?:what|when|who|where|how) i\b",
    re.I,
)


def unknown_memory(text: str, facts: Sequence[Fact], recalled: int) -> str | None:
    """Guidance when ``text`` asks for something memory does not hold, else None. ``recalled``: how many
    memories recall found for the turn."""
    if m := _NAME_ASKED.search(text):
        rel = (m["rel"] or "").lower()
        if not rel or rel in {"own"}:
            if any(f.active and f.subject == "user" and f.key == "name" for f in facts):
                return None
            return "They ask whether you know their name: they have not told you it. Say so honestly and ask."
        if any(f.active and f.key == "relation" and same_relation(f.value, rel) for f in facts):
            return None
        return (
            f"They ask about their {rel}'s name, and they have never told you it. Say honestly that you don't "
            f"know it (never guess or pretend to remember), and ask what it is."
        )
    if recalled == 0 and _REMEMBER_ASKED.search(text):
        return (
            "They ask if you remember something, and your memory holds nothing about it. Say honestly that you "
            "don't remember it (never pretend), and ask them to tell you again."
        )
    return None
