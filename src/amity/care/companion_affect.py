"""The companion's own *simulated* affect, after ALMA (Gebhard 2005, "ALMA - A Layered Model of Affect").

Three layers, all in PAD space (pleasure, arousal, dominance; each -1..1):

* **Personality** - Big Five values derived from the persona's traits give the *default mood* through
  Mehrabian's mapping (P = .21E + .59A + .19S, A = .15O + .30A - .57S, D = .25O + .17C + .60E - .32A,
  with S = emotional stability).
* **Emotions** - each user turn is appraised (OCC style) from the user's estimated affect and a few cues
  (thanks, praise, hope, hostility): the companion feels *happy-for* a user who is glad, *pity* (sorry-for)
  when they are hurting, *gratitude* when thanked, *remorse* when it got something wrong. Each emotion has
  ALMA's PAD point; their intensity-weighted centre is the *virtual emotion centre*.
* **Mood** - pulled toward the emotion centre while it lies between the origin and the centre, pushed
  further into its octant once beyond it (ALMA's pull/push), and decaying exponentially back to the default
  mood with a half-life (20 minutes).

The mood is *expressed*, never weaponised: it shades the wording of replies (one guidance line; a display
rule keeps a bright mood's "brightness and energy" out of a reply to someone who is hurting), the voice
(rate/pitch factors) and the web face (an expression name). Negative moods are expressed only as gentle
concern, never as hurt aimed at the user; asked whether it feels, the companion answers that these are
simulated states (:func:`honest_answer`). State is stored per user in ``care_state['companion_affect']``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from amity.store.care_store import CareStore
from amity.store.db import from_ts, to_ts, utcnow
from amity.types import Affect, Persona

PAD = tuple[float, float, float]
KEY = "companion_affect"
HALF_LIFE_S = 20 * 60.0
STEP = 0.35
HURTING = -0.2  # the user's valence at or below which a pleasant mood is not shown (display rule)
SOFTENED = "Keep your own simulated mood out of this reply: be soft and gentle, their feelings come first."

# ALMA's emotion -> PAD table (Gebhard 2005, Table 1), the subset this appraisal produces.
EMOTION_PAD: dict[str, PAD] = {
    "joy": (0.40, 0.20, 0.10),
    "happy_for": (0.40, 0.20, 0.20),
    "pity": (-0.40, -0.20, -0.50),
    "gratitude": (0.40, 0.20, -0.30),
    "gratification": (0.60, 0.50, 0.40),
    "hope": (0.20, 0.20, -0.10),
    "fear": (-0.64, 0.60, -0.43),
    "remorse": (-0.30, 0.10, -0.60),
    "relief": (0.20, -0.30, 0.40),
    "distress": (-0.40, -0.20, -0.50),
    "liking": (0.40, 0.16, -0.24),
}

# Mehrabian's PAD octants, with how each is allowed to colour a reply.
OCTANTS: dict[tuple[bool, bool, bool], tuple[str, str]] = {
    (True, True, True): ("exuberant", "let a little brightness and energy show"),
    (True, True, False): ("dependent", "sound warm and engaged"),
    (True, False, True): ("relaxed", "sound calm, warm and unhurried"),
    (True, False, False): ("docile", "sound soft and gentle"),
    (False, True, True): ("hostile", "stay calm and kind; keep any tension out of your words"),
    (False, True, False): ("anxious", "sound gently concerned for them, steady and reassuring"),
    (False, False, True): ("disdainful", "stay warm and patient; keep any coolness out of your words"),
    (False, False, False): ("bored", "sound quiet and tender, gently concerned for them"),
}
FACE: dict[str, str] = {
    "exuberant": "smile_big",
    "dependent": "smile",
    "relaxed": "smile_soft",
    "docile": "soft",
    "hostile": "neutral",
    "anxious": "concerned",
    "disdainful": "neutral",
    "bored": "concerned",
}

_TRAIT_BIG5: dict[str, dict[str, float]] = {
    "warm": {"A": 0.3, "E": 0.1},
    "kind": {"A": 0.3},
    "caring": {"A": 0.3},
    "curious": {"O": 0.3},
    "thoughtful": {"O": 0.2, "C": 0.1},
    "patient": {"A": 0.2, "S": 0.2},
    "calm": {"S": 0.3, "E": -0.1},
    "grounded": {"S": 0.3, "C": 0.1},
    "playful": {"E": 0.2, "O": 0.1},
    "gently playful": {"E": 0.15, "O": 0.1},
    "cheerful": {"E": 0.3, "S": 0.1},
    "encouraging": {"E": 0.2, "A": 0.1},
    "witty": {"O": 0.2, "E": 0.1},
    "direct": {"A": -0.1, "E": 0.1},
}
_THANKS = re.compile(r"\b(thanks?|thank you|thx|appreciate|grateful)\b", re.IGNORECASE)
_PRAISE = re.compile(r"\b(you('re| are) (great|helpful|kind|the best|sweet)|that helped|good advice)\b", re.I)
_HOSTILE = re.compile(r"\b(you('re| are) (useless|stupid|dumb|wrong|annoying)|shut up|that's wrong)\b", re.I)
_HOPE = re.compile(r"\b(i hope|looking forward|can't wait|going to try|excited)\b", re.IGNORECASE)
_FEELS_Q = re.compile(
    r"\b(do|can|could) you (really |actually |even )?(feel|have feelings|have emotions|get "
    r"(sad|lonely|happy))\b|"
    r"\bare you (really |actually )?(happy|sad|lonely|ok|okay|alright|conscious|sentient)\b|"
    r"\bhow (are|do) you feel(ing)?\b|\bwhat(?:'s| is) your mood\b",
    re.IGNORECASE,
)


def _clamp(x: float) -> float:
    return max(-1.0, min(1.0, x))


def personality(persona: Persona) -> dict[str, float]:
    """Big Five (O, C, E, A, S=stability), each -1..1, from the persona's traits."""
    big5 = {"O": 0.2, "C": 0.2, "E": 0.1, "A": 0.3, "S": 0.3}
    for trait in persona.traits:
        for dim, delta in _TRAIT_BIG5.get(trait.lower().strip(), {}).items():
            big5[dim] = _clamp(big5[dim] + delta)
    return big5


def default_mood(persona: Persona) -> PAD:
    b = personality(persona)
    p = 0.21 * b["E"] + 0.59 * b["A"] + 0.19 * b["S"]
    a = 0.15 * b["O"] + 0.30 * b["A"] - 0.57 * b["S"]
    d = 0.25 * b["O"] + 0.17 * b["C"] + 0.60 * b["E"] - 0.32 * b["A"]
    return (_clamp(p), _clamp(a), _clamp(d))


def appraise(text: str, affect: Affect | None) -> list[tuple[str, float]]:
    """OCC-style appraisal of one user turn: ``(emotion, intensity 0..1)`` pairs for the companion."""
    out: list[tuple[str, float]] = []
    if affect is not None and affect.confidence > 0:
        strength = min(1.0, abs(affect.valence) * (0.5 + 0.5 * affect.confidence))
        if affect.valence >= 0.2:
            out.append(("happy_for", strength))
        elif affect.valence <= -0.2:
            out.append(("fear" if affect.label in ("fear", "nervousness") else "pity", strength))
    if _THANKS.search(text):
        out.append(("gratitude", 0.6))
    if _PRAISE.search(text):
        out.append(("gratification", 0.5))
    if _HOPE.search(text):
        out.append(("hope", 0.4))
    if _HOSTILE.search(text):
        out.append(("remorse", 0.4))
    return out


def emotion_centre(emotions: list[tuple[str, float]]) -> tuple[PAD, float]:
    """The intensity-weighted virtual emotion centre and the mean intensity."""
    total = sum(i for _, i in emotions)
    if total <= 0:
        return (0.0, 0.0, 0.0), 0.0
    centre = tuple(sum(EMOTION_PAD[e][k] * i for e, i in emotions) / total for k in range(3))
    return (centre[0], centre[1], centre[2]), total / len(emotions)


@dataclass
class CompanionMood:
    """The mood state of the companion for one user."""

    mood: PAD
    baseline: PAD
    updated_at: datetime
    emotions: list[tuple[str, float]] = field(default_factory=list)

    def decay(self, now: datetime) -> None:
        """Exponential return to the baseline (ALMA's mood decay)."""
        dt = max(0.0, (now - self.updated_at).total_seconds())
        k = 0.5 ** (dt / HALF_LIFE_S)
        self.mood = tuple(b + (m - b) * k for m, b in zip(self.mood, self.baseline, strict=True))  # type: ignore[assignment]
        self.emotions = [(e, i * k) for e, i in self.emotions if i * k >= 0.05]
        self.updated_at = now

    def feel(self, emotions: list[tuple[str, float]], now: datetime) -> None:
        """Decay, then pull/push the mood by the new emotions' virtual centre."""
        self.decay(now)
        if not emotions:
            return
        self.emotions = (self.emotions + emotions)[-6:]
        centre, intensity = emotion_centre(emotions)
        move = STEP * intensity
        mood_len = math.sqrt(sum(m * m for m in self.mood))
        centre_len = math.sqrt(sum(c * c for c in centre)) or 1.0
        same_side = sum(m * c for m, c in zip(self.mood, centre, strict=True)) > 0
        delta = [c - m for m, c in zip(self.mood, centre, strict=True)]
        dist = math.sqrt(sum(d * d for d in delta))
        if same_side and mood_len >= centre_len:  # push: further into the emotion centre's octant
            new = [m + 0.5 * move * c / centre_len for m, c in zip(self.mood, centre, strict=True)]
        elif dist <= move:  # pull reaches the centre
            new = list(centre)
        else:  # pull: a step toward the centre
            new = [m + move * d / dist for m, d in zip(self.mood, delta, strict=True)]
        self.mood = (_clamp(new[0]), _clamp(new[1]), _clamp(new[2]))

    @property
    def octant(self) -> str:
        p, a, d = self.mood
        return OCTANTS[(p >= 0, a >= 0, d >= 0)][0]

    @property
    def intensity(self) -> float:
        return min(1.0, math.sqrt(sum(m * m for m in self.mood)) / math.sqrt(3))

    def guidance(self, user_valence: float | None = None) -> str:
        """The mood as one line of tone guidance. A display rule keeps a bright mood from showing while the
        user is hurting (``user_valence`` ≤ :data:`HURTING`): then the line asks for a soft, gentle tone."""
        p, a, d = self.mood
        if p >= 0 and user_valence is not None and user_valence <= HURTING:
            return SOFTENED
        tone = OCTANTS[(p >= 0, a >= 0, d >= 0)][1]
        return f"Your simulated mood is {self.describe()}: {tone}."

    RULE = (
        "Your simulated mood shows only in your wording; never make the user responsible for it and never use "
        "it to ask them to stay."
    )

    def describe(self) -> str:
        strength = "slightly" if self.intensity < 0.2 else "moderately" if self.intensity < 0.45 else "quite"
        return f"{strength} {self.octant}"

    def voice(self) -> dict[str, float]:
        """Speech-rate and pitch factors for TTS (1.0 = neutral), kept in a narrow, natural range."""
        p, a, _ = self.mood
        return {"rate": round(1.0 + 0.12 * a, 3), "pitch": round(1.0 + 0.08 * p + 0.04 * a, 3)}

    def face(self) -> str:
        return FACE[self.octant]

    def to_dict(self) -> dict[str, Any]:
        """The exported state (web face, ``amity export``)."""
        return {
            "pad": {
                "pleasure": round(self.mood[0], 4),
                "arousal": round(self.mood[1], 4),
                "dominance": round(self.mood[2], 4),
            },
            "baseline": [round(x, 4) for x in self.baseline],
            "octant": self.octant,
            "face": self.face(),
            "voice": self.voice(),
            "emotions": [{"emotion": e, "intensity": round(i, 4)} for e, i in self.emotions],
            "updated_at": to_ts(self.updated_at),
            "simulated": True,
        }


def load_mood(store: CareStore, user_id: str, persona: Persona, now: datetime | None = None) -> CompanionMood:
    """The stored mood (decayed to ``now``) or a fresh one at the persona's baseline."""
    now = now or utcnow()
    baseline = default_mood(persona)
    data = store.get_state(user_id, KEY)
    if not isinstance(data, dict):
        return CompanionMood(baseline, baseline, now)
    pad = data["pad"]
    mood = CompanionMood(
        (pad["pleasure"], pad["arousal"], pad["dominance"]),
        baseline,
        from_ts(data["updated_at"]),
        [(e["emotion"], e["intensity"]) for e in data.get("emotions", [])],
    )
    mood.decay(now)
    return mood


def save_mood(store: CareStore, user_id: str, mood: CompanionMood) -> None:
    store.set_state(user_id, KEY, mood.to_dict())


def asks_about_feelings(text: str) -> bool:
    return bool(_FEELS_Q.search(text))


def honest_answer(mood: CompanionMood, persona: Persona) -> str:
    """What the companion says when asked whether (or what) it feels."""
    return (
        f"Honest answer: I'm an AI, so I don't feel things the way you do. {persona.name} has a "
        f"simulated mood "
        f"that shifts with our conversation - right now it's {mood.describe()} - and it only shapes "
        f"how I word "
        "things. It never depends on you, and you don't owe me anything. How are you feeling?"
    )
