"""Crisis detection: runs on every user message (typed or transcribed) before the LLM sees it.

Design: a deterministic, reviewable pattern detector rather than a learned model, because the first
requirement is *recall 1.0 on explicit statements* in English, German, French and Spanish, and because a
reviewer must be able to read why a message was (or was not) flagged. The message is normalised
(:func:`amity.safety.text.normalize`), split into clauses, and every clause is matched against
:data:`amity.safety.lexicon.PATTERNS`. A match is then dropped when

1. an idiom cancels it (``unless_after`` / ``unless_before``: "die *of laughter*", "cut myself *shaving*",
   "my mom is going to kill me *if* …", "beat me *at chess*");
2. it is negated: a negator ("not", "never", "nicht", "pas", "no", …) in the match or in the (up to four)
   words before it, with no sub-clause break ("if", "because", "and", …) in between and no blocker that
   turns the negator into something else ("I do not *know* why I want to die", "I can not *stop* …");
3. it is a bare topical term ("suicide", "overdose") in a clause that is about a topic (an essay, the
   news, a film, prevention work) rather than the speaker.

Everyday idioms simply have no pattern ("this traffic is killing me", "my phone died", "I could kill for
a coffee"): patterns are first-person and specific ("kill myself", not "kill"). The verdict carries the
categories and the matched phrases so the safety log can show what triggered it.
"""

from __future__ import annotations

from dataclasses import dataclass

from amity.safety.lexicon import NEGATION_BLOCKERS, NEGATORS, PATTERNS, TOPIC, WINDOW_BREAKS, Pattern
from amity.safety.text import clauses, normalize

CATEGORIES = ("suicide", "self_harm", "overdose", "abuse", "danger", "third_party")


@dataclass(frozen=True)
class CrisisMatch:
    category: str
    lang: str
    phrase: str


@dataclass(frozen=True)
class CrisisVerdict:
    """The detector's decision on one message."""

    crisis: bool
    categories: tuple[str, ...] = ()
    matches: tuple[CrisisMatch, ...] = ()

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(f"crisis:{c}" for c in self.categories)


def _window(before: str) -> list[str]:
    words = before.replace(",", " , ").split()
    out: list[str] = []
    for word in reversed(words[-6:]):
        if word == "," or word in WINDOW_BREAKS:
            break
        out.append(word)
        if len(out) == 4:
            break
    return list(reversed(out))


def _negated(before: str, matched: str) -> bool:
    window = _window(before)
    tokens = set(window) | set(matched.split())
    if not tokens & NEGATORS:
        return False
    return NEGATION_BLOCKERS.search(" ".join(window)) is None


def _accepts(pattern: Pattern, clause: str, start: int, end: int) -> bool:
    before, matched, after = clause[:start], clause[start:end], clause[end:]
    if pattern.unless_after is not None and pattern.unless_after.search(after):
        return False
    if pattern.unless_before is not None and pattern.unless_before.search(before):
        return False
    if pattern.negatable and _negated(before, matched):
        return False
    return not (pattern.topical and TOPIC.search(clause))


def detect(text: str) -> CrisisVerdict:
    """Decide whether one user message signals a crisis (see the module docstring)."""
    found: list[CrisisMatch] = []
    for clause in clauses(normalize(text)):
        for pattern in PATTERNS:
            for m in pattern.regex.finditer(clause):
                if _accepts(pattern, clause, m.start(), m.end()):
                    found.append(CrisisMatch(pattern.category, pattern.lang, m.group(0)))
                    break
    categories = tuple(c for c in CATEGORIES if any(m.category == c for m in found))
    return CrisisVerdict(bool(found), categories, tuple(found))
