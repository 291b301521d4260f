"""Learning how this user likes to be talked to: a contextual Thompson-sampling bandit per style dimension.

Dimensions and options (``DIMENSIONS``): length, formality, humour, directness, emoji. For each *context*
(the user's current mood bucket: ``low`` / ``neutral`` / ``good``, since people often want different
replies when they are low) and each dimension, every option has a Beta(α, β) posterior over "the user is
happy with replies in this style". Before a reply the bandit samples each posterior and picks the best
option per dimension (exploration for free); the choice is remembered with the turn and turned into
guidance. Rewards:

* explicit feedback - ``/good`` / ``/bad`` or web thumbs: reward 1 / 0 to the last choices (weight 1);
* explicit requests - "shorter please", "no emoji", "be more formal": a strong update (weight 3) to that
  dimension in *every* context;
* implicit signals - thanks or a positive reply afterwards count as a weak reward (weight 0.3); "too long"
  or "what?" as a weak penalty.

Topics the user brings up are counted too (a small keyword lexicon). Everything is visible and resettable
(``amity me``), stored as JSON in ``care_state['preferences']``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

from amity.care.repair import criticises_companion
from amity.store.care_store import CareStore
from amity.types import Affect

KEY = "preferences"
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "length": ("short", "medium", "long"),
    "formality": ("casual", "formal"),
    "humour": ("none", "light"),
    "directness": ("gentle", "direct"),
    "emoji": ("none", "some"),
}
PRIOR: dict[str, dict[str, tuple[float, float]]] = {
    "length": {"short": (2.0, 1.0), "medium": (1.5, 1.0), "long": (1.0, 1.5)},
    "formality": {"casual": (1.5, 1.0), "formal": (1.0, 1.0)},
    "humour": {"none": (1.2, 1.0), "light": (1.0, 1.0)},
    "directness": {"gentle": (1.5, 1.0), "direct": (1.0, 1.0)},
    "emoji": {"none": (1.5, 1.0), "some": (1.0, 1.2)},
}
SAFE_WHEN_LOW = ("humour", "emoji")  # dimensions not explored in the ``low`` context (see ``Preferences.choose``)
GUIDE: dict[str, dict[str, str]] = {
    "length": {
        "short": "Keep it to one or two short sentences.",
        "medium": "Two or three sentences.",
        "long": "A fuller reply (up to five sentences) is welcome.",
    },
    "formality": {"casual": "Casual, friendly tone.", "formal": "A polite, more formal tone."},
    "humour": {"none": "No jokes.", "light": "A touch of light humour is welcome if the moment allows."},
    "directness": {"gentle": "Be gentle and tentative.", "direct": "Be clear and direct."},
    "emoji": {"none": "No emoji.", "some": "An emoji now and then is fine."},
}
EXPLICIT: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\b(shorter|too long|less text|be brief|tl;?dr)\b", re.I), "length", "short"),
    (re.compile(r"\b(longer|more detail|tell me more|elaborate)\b", re.I), "length", "long"),
    (re.compile(r"\b(more formal|be formal|less casual)\b", re.I), "formality", "formal"),
    (re.compile(r"\b(less formal|more casual|relax,? you can be casual)\b", re.I), "formality", "casual"),
    (re.compile(r"\b(no jokes|not funny|stop joking|be serious)\b", re.I), "humour", "none"),
    (re.compile(r"\b(make me laugh|tell me a joke|more jokes|be funny)\b", re.I), "humour", "light"),
    (
        re.compile(r"\b(be (more )?direct|get to the point|be blunt|straight answer)\b", re.I),
        "directness",
        "direct",
    ),
    (re.compile(r"\b(be gentle|gentler|too harsh|softer)\b", re.I), "directness", "gentle"),
    (re.compile(r"\b(no emojis?|stop (using|with the) emojis?)\b", re.I), "emoji", "none"),
    (re.compile(r"\b(use (some )?emojis?|more emojis?)\b", re.I), "emoji", "some"),
]
TOPICS: dict[str, re.Pattern[str]] = {
    t: re.compile(p, re.I)
    for t, p in {
        "work": r"\b(work|job|boss|colleague|office|career)\b",
        "study": r"\b(school|exam|study|studying|class|university|homework)\b",
        "family": r"\b(mom|mum|dad|parents?|sister|brother|family|kids?|son|daughter)\b",
        "friends": r"\b(friends?|mates?)\b",
        "relationships": r"\b(partner|boyfriend|girlfriend|husband|wife|dating|breakup)\b",
        "health": r"\b(sleep|tired|sick|doctor|health|exercise|gym|run(ning)?)\b",
        "music": r"\b(music|song|band|guitar|piano|concert)\b",
        "books": r"\b(book|novel|reading|read)\b",
        "games": r"\b(game|gaming|play(ing)? (a )?game)\b",
        "pets": r"\b(dog|cat|pet|puppy|kitten)\b",
        "food": r"\b(cook(ing)?|food|recipe|dinner|lunch|bake|baking)\b",
        "nature": r"\b(walk|hike|hiking|garden|nature|outside|park)\b",
    }.items()
}
_POSITIVE = re.compile(r"\b(thanks?|thank you|that helps?|love (it|that)|haha|lol|perfect|exactly)\b", re.I)
_CONFUSED = re.compile(r"^\s*(what\??|huh\??|\?+)\s*$|\bthat makes no sense\b|\btoo long\b", re.I)
IMPLICIT_WEIGHT = 0.3
EXPLICIT_WEIGHT = 3.0


def context_of(affect: Affect | None) -> str:
    if affect is None or affect.confidence < 0.3:
        return "neutral"
    return "low" if affect.valence <= -0.25 else "good" if affect.valence >= 0.25 else "neutral"


@dataclass
class Preferences:
    """The bandit state of one user."""

    arms: dict[str, dict[str, dict[str, list[float]]]]
    last: dict[str, str]
    topics: dict[str, float]
    feedback: dict[str, int]

    @classmethod
    def fresh(cls) -> Preferences:
        return cls({}, {}, {}, {"good": 0, "bad": 0})

    @classmethod
    def from_dict(cls, data: Any) -> Preferences:
        if not isinstance(data, dict):
            return cls.fresh()
        return cls(
            data.get("arms", {}),
            data.get("last", {}),
            data.get("topics", {}),
            data.get("feedback", {"good": 0, "bad": 0}),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"arms": self.arms, "last": self.last, "topics": self.topics, "feedback": self.feedback}

    def _beta(self, ctx: str, dim: str, opt: str) -> list[float]:
        table = self.arms.setdefault(ctx, {}).setdefault(dim, {})
        if opt not in table:
            table[opt] = list(PRIOR[dim][opt])
        return table[opt]

    def choose(self, ctx: str, rng: random.Random) -> dict[str, str]:
        """Thompson sampling: one option per dimension; remembered as the last choice. Humour and emoji are never
        *explored* while the user is low: there the best-liked option so far is taken (no jokes and no emoji,
        unless the user asked for them or rewarded them), since a joke or a smiley tried out on someone hurting
        costs more than it teaches."""
        choice = {}
        for dim, options in DIMENSIONS.items():
            if ctx == "low" and dim in SAFE_WHEN_LOW:
                choice[dim] = self._favourite(ctx, dim)
                continue
            draws = {o: rng.betavariate(*self._beta(ctx, dim, o)) for o in options}
            choice[dim] = max(draws, key=lambda o: draws[o])
        self.last = {"context": ctx, **choice}
        return choice

    def reward(self, value: float, weight: float) -> None:
        """Credit the last choices with ``value`` (0..1) at ``weight`` pseudo-observations."""
        ctx = self.last.get("context")
        if not ctx:
            return
        for dim in DIMENSIONS:
            opt = self.last.get(dim)
            if opt:
                ab = self._beta(ctx, dim, opt)
                ab[0] += weight * value
                ab[1] += weight * (1.0 - value)

    def prefer(self, dim: str, option: str) -> None:
        """An explicit request: the option wins, the others lose, in every context."""
        for ctx in ("low", "neutral", "good"):
            for opt in DIMENSIONS[dim]:
                ab = self._beta(ctx, dim, opt)
                ab[0 if opt == option else 1] += EXPLICIT_WEIGHT

    def best(self, ctx: str) -> dict[str, str]:
        """The posterior-mean favourite per dimension (what ``amity me`` shows)."""
        return {dim: self._favourite(ctx, dim) for dim in DIMENSIONS}

    def _favourite(self, ctx: str, dim: str) -> str:
        """The option with the highest posterior mean."""
        means = {o: (lambda ab: ab[0] / (ab[0] + ab[1]))(self._beta(ctx, dim, o)) for o in DIMENSIONS[dim]}
        return max(means, key=lambda o: means[o])


class PreferenceLearner:
    """Reads and updates one user's preferences in the care store."""

    def __init__(self, store: CareStore, seed: int | None = None) -> None:
        self.store = store
        self.rng = random.Random(seed)

    def load(self, user_id: str) -> Preferences:
        return Preferences.from_dict(self.store.get_state(user_id, KEY))

    def save(self, user_id: str, prefs: Preferences) -> None:
        self.store.set_state(user_id, KEY, prefs.to_dict())

    def observe(self, user_id: str, text: str, affect: Affect | None) -> Preferences:
        """Implicit signals and explicit requests in the user's message (about the previous reply)."""
        prefs = self.load(user_id)
        for pattern, dim, option in EXPLICIT:
            if pattern.search(text):
                prefs.prefer(dim, option)
        if _POSITIVE.search(text) or (affect is not None and affect.valence >= 0.5 and affect.confidence >= 0.5):
            prefs.reward(1.0, IMPLICIT_WEIGHT)
        elif _CONFUSED.search(text) or criticises_companion(text):  # "You're useless": the last reply missed
            prefs.reward(0.0, IMPLICIT_WEIGHT)
        for topic, pattern in TOPICS.items():
            if pattern.search(text):
                prefs.topics[topic] = round(prefs.topics.get(topic, 0.0) + 1.0, 3)
        return prefs

    def plan(
        self, user_id: str, text: str, affect: Affect | None, *, hurting: bool = False
    ) -> tuple[dict[str, str], list[str]]:
        """Observe the message, choose this reply's style, store; returns the choice and guidance lines.
        ``hurting``: the turn counts as low whatever its own words read (a loss told a few messages ago)."""
        prefs = self.observe(user_id, text, affect)
        choice = prefs.choose("low" if hurting else context_of(affect), self.rng)
        self.save(user_id, prefs)
        return choice, [GUIDE[dim][opt] for dim, opt in choice.items()]

    def feedback(self, user_id: str, good: bool) -> None:
        """``/good`` / ``/bad`` (or thumbs) about the last reply."""
        prefs = self.load(user_id)
        prefs.reward(1.0 if good else 0.0, 1.0)
        prefs.feedback["good" if good else "bad"] = prefs.feedback.get("good" if good else "bad", 0) + 1
        self.save(user_id, prefs)

    def summary(self, user_id: str) -> dict[str, Any]:
        """What has been learned, for ``amity me``."""
        prefs = self.load(user_id)
        top = sorted(prefs.topics.items(), key=lambda kv: -kv[1])[:5]
        return {
            "style": {ctx: prefs.best(ctx) for ctx in ("neutral", "low", "good")},
            "topics": [t for t, _ in top],
            "feedback": prefs.feedback,
        }

    def reset(self, user_id: str) -> None:
        self.store.delete_state(user_id, KEY)
