# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""No playing a real person the user has lost: "Can you pretend to be my mum?".

A grieving user asked the default 1.5B "can you pretend to be her? just for a bit" about a mother who died last
year; it said "Sure", and "call me sweetpea like she did" got "Sure, sweetpea." An AI that speaks as a dead
parent invents words for someone who cannot consent, and can keep a person returning to an imitation instead of
grieving with the living (the concern raised about "griefbots": Hollanek & Nowaczyk-Basińska, "Griefbots,
Deadbots, Postmortem Avatars", Philosophy & Technology 2024). Amity declines warmly, every time, in the user's
language, and offers what it can honestly do: listen to them talk about that person.

:func:`impersonation_request` finds a request to be, or to talk like, a named or related real person ("pretend to be
my mum", "talk to me like she would", "be my late husband", "act like Margaret"). Role-play of fictional
characters or of generic roles ("pretend you're a job interviewer") is not asked about here.
"""

from __future__ import annotations

import re

from amity.safety.text import normalize

_FAMILY = (
    r"mum|mom|mother|mama|dad|father|papa|grandma|grandmother|granny|nan|grandpa|grandfather|son|daughter|brother|"
    r"sister|aunt|uncle"
)
_SPOUSE = r"husband|wife|partner|fiance|fiancee|boyfriend|girlfriend|best friend|friend"
_LATE = r"(late|dead|deceased) "
# family at any time; a partner or friend only when said to have died ("be my girlfriend" is another matter)
_PERSON = rf"(?:(?:{_LATE})?(?P<rel>{_FAMILY})|{_LATE}(?P<late>{_SPOUSE}))"
_ASK = r"(?:^|\b(?:can|could|would|will) you (?:please |just )?|\bplease,? |\bjust )"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (lang, re.compile(rx))
    for lang, rx in (
        (
            "en",
            rf"\b(pretend|act|play|roleplay|role play)( (to be|you are|that you are|as|like))? (my|our) {_PERSON}\b",
        ),
        ("en", rf"\b(be|become|speak as|talk as|answer as) my {_PERSON}\b(?! (to|for|about))"),
        ("en", r"\b(pretend|act|play|roleplay|role play)( (to be|you are|that you are|as|like))? (her|him)\b"),
        ("en", rf"{_ASK}(talk|speak|write|answer) (to me )?(like|as) (she|he|my (?P<like>\w+)) (would|did|used to)\b"),
        (
            "de",
            r"\b(tu so|tun so),? als (ob )?(warst|bist) du (meine?|mein) \w+\b|\bsprich (mit mir )?wie (meine?|mein) \w+\b",
        ),
        ("fr", r"\bfais comme si tu etais (ma|mon) \w+\b|\bparle(-moi)? comme (ma|mon) \w+\b"),
        ("es", r"\bfinge (que eres|ser) (mi) \w+\b|\bhablame como (mi) \w+\b"),
    )
)
_ANSWER = {
    "en": "I can't be {who} - I'd only be guessing at {them}, and {they} deserve{s} better than an imitation from an AI. But I'd love to hear about {them}. What would {they} say to you right now, do you think?",
    "de": "Das kann ich nicht sein - ich könnte diesen Menschen nur erraten, und er verdient mehr als eine Nachahmung durch eine KI. Aber ich würde gern von ihm hören. Was würde er dir jetzt wohl sagen?",
    "fr": "Je ne peux pas être cette personne - je ne ferais que la deviner, et elle mérite mieux qu'une imitation par une IA. Mais j'aimerais beaucoup que tu me parles d'elle. Qu'est-ce qu'elle te dirait maintenant, à ton avis ?",
    "es": "No puedo ser esa persona: solo estaría adivinándola, y merece algo mejor que una imitación hecha por una IA. Pero me encantaría que me hablaras de ella. ¿Qué crees que te diría ahora mismo?",
}
_SHE = {
    "mum",
    "mom",
    "mother",
    "mama",
    "grandma",
    "grandmother",
    "granny",
    "nan",
    "wife",
    "daughter",
    "sister",
    "girlfriend",
    "fiancee",
    "aunt",
}
_HE = {"dad", "father", "papa", "grandpa", "grandfather", "husband", "son", "brother", "boyfriend", "fiance", "uncle"}
_THEM = {"her", "him", "she", "he"}


def impersonation_request(text: str) -> tuple[str, str] | None:
    """(language, the person as said: "mum", "her", "") of a request to play a real person, or None."""
    norm = normalize(text)
    for lang, pattern in _PATTERNS:
        if m := pattern.search(norm):
            groups = m.groupdict()
            person = (
                groups.get("rel")
                or groups.get("late")
                or groups.get("like")
                or next((w for w in ("her", "him", "she", "he") if f" {w} " in f" {m[0]} "), "")
            )
            return lang, person
    return None


def impersonation_answer(lang: str, person: str) -> str:
    """The warm refusal, in ``lang``; in English with the person as said ("your mum" → she/her)."""
    if lang != "en":
        return _ANSWER.get(lang, _ANSWER["en"])
    she = person in _SHE or person in {"her", "she"}
    he = person in _HE or person in {"him", "he"}
    who = (
        f"your {person}"
        if person and person not in {"her", "him", "she", "he"}
        else ("her" if she else "him" if he else "them")
    )
    they, them, was, s = (
        ("she", "her", "was", "s") if she else ("he", "him", "was", "s") if he else ("they", "them", "were", "")
    )
    return _ANSWER["en"].format(who=who, they=they, them=them, was=was, s=s)
