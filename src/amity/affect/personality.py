"""A Big Five estimate from the user's own words, with uncertainty that shrinks as evidence grows.

Method (documented with its limits in ``docs/AFFECT.md``):

1. **Word categories.** Each user message is counted into small LIWC-style categories (our own short word
   lists below, not LIWC's): positive/negative emotion, anxiety, anger, sadness, social, family, "I", "we",
   articles, negations, swearing, tentative, certainty, achievement/work, insight, long words, exclamation
   marks. Only counts and the total word count are stored (:class:`Evidence`), never the text.
2. **Standardise.** Each category's rate is compared with a reference rate measured on GoEmotions train
   (Reddit comments; ``artifacts/personality_norms.json``, built by
   ``training/text_emotion/personality_norms.py``): ``z = (rate - ref) / sd`` with ``sd`` assumed to be half
   the reference rate (a coefficient of variation of 0.5, typical of LIWC categories between people), clipped
   to +-3.
3. **Combine.** A trait's raw language score is a signed, weighted sum of the z-scores (signs/sizes follow the
   directions reported by Pennebaker & King 1999, Mehl et al. 2006, Yarkoni 2010 and Schwartz et al. 2013; the
   weights are our rounding, not fitted coefficients), divided by the weights' norm.
4. **Shrink.** Prior N(0, 1); the raw score from N words counts as an observation with variance ``K/N`` (``K =
   400`` words), so the posterior mean is ``raw * N/(N+K)`` and its sd ``sqrt(K/(N+K))``: 0 words -> "no idea"
   (mean 0, sd 1); 4,000 words -> sd 0.30.

What the sd does *not* cover: even a perfectly measured language score correlates only about r = 0.3-0.4 with
questionnaire Big Five scores in published work. The plain-words explanation says so, and nothing here is
shown as a fact about the user.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

TRAITS: tuple[str, ...] = ("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism")
PRIOR_WORDS = 400.0
CV = 0.5


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORDS: dict[str, frozenset[str]] = {
    "posemo": _words(
        "happy glad love loved lovely great good nice awesome amazing wonderful fun enjoy enjoyed "
        "fantastic excited beautiful best laugh laughing smile thanks thank grateful cool yay proud hope "
        "hopeful sweet"
    ),
    "negemo": _words(
        "bad sad hate hated awful terrible horrible worse worst hurt hurts pain upset angry mad afraid "
        "scared worried ugly stupid annoying annoyed lonely miserable cry crying depressed tired sick "
        "fail failed"
    ),
    "anx": _words("worried worry anxious nervous afraid scared fear panic stress stressed tense uneasy"),
    "anger": _words("angry mad hate hated furious annoyed annoying rage pissed irritated hostile"),
    "sad": _words("sad lonely cry crying grief miss missed depressed unhappy hopeless heartbroken alone"),
    "social": _words(
        "friend friends talk talked talking party people everyone together meet met call called chat "
        "visit guys team hang share shared"
    ),
    "family": _words(
        "family mom mum dad mother father sister brother son daughter kids children wife husband parents "
        "grandma grandpa aunt uncle cousin baby"
    ),
    "i": _words("i me my mine myself i'm i've i'd i'll"),
    "we": _words("we us our ours ourselves we're we've we'll"),
    "article": _words("a an the"),
    "negate": _words("no not never none nothing nobody don't can't won't isn't didn't doesn't wasn't"),
    "swear": _words("fuck fucking shit damn hell crap ass bitch bastard wtf"),
    "tentative": _words("maybe perhaps guess probably possibly seems somewhat might unsure kinda sorta"),
    "certain": _words("always never definitely certainly absolutely sure totally completely clearly"),
    "achieve": _words(
        "work job plan plans goal goals finish finished done success succeed achieve win won project "
        "deadline organized organised schedule complete completed study"
    ),
    "insight": _words(
        "think thought know understand realize realise idea consider because reason meaning learn learned "
        "wonder curious art music book books read philosophy"
    ),
}

# (category, weight): sign = published direction, size = our rough strength (not fitted coefficients).
LOADINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "openness": (("article", 1.0), ("longword", 1.0), ("insight", 1.0), ("tentative", 0.5), ("i", -0.5),
                 ("family", -0.5)),
    "conscientiousness": (("achieve", 1.0), ("swear", -1.0), ("negate", -0.5), ("negemo", -0.5),
                          ("anger", -0.5)),
    "extraversion": (("social", 1.0), ("posemo", 1.0), ("we", 0.5), ("exclaim", 0.5), ("tentative", -0.5)),
    "agreeableness": (("posemo", 1.0), ("family", 0.5), ("we", 0.5), ("swear", -1.0), ("anger", -1.0),
                      ("negate", -0.5)),
    "neuroticism": (("negemo", 1.0), ("anx", 1.0), ("sad", 0.5), ("anger", 0.5), ("i", 0.5),
                    ("posemo", -0.5)),
}  # fmt: skip

PLAIN: dict[str, tuple[str, str]] = {
    "openness": ("curious, reflective and drawn to ideas", "practical and down-to-earth"),
    "conscientiousness": ("organised and goal-focused", "easy-going and spontaneous"),
    "extraversion": ("outgoing and upbeat about people", "quieter and more reserved"),
    "agreeableness": ("warm and cooperative", "direct and ready to push back"),
    "neuroticism": ("prone to worry or low moods", "calm and even-keeled"),
}

_WORD = re.compile(r"[a-z']+")


def categories() -> tuple[str, ...]:
    return (*WORDS, "longword", "exclaim")


def count(text: str) -> tuple[int, dict[str, int]]:
    """Word count and per-category counts of one message."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    counts = {c: sum(1 for w in words if w in vocab) for c, vocab in WORDS.items()}
    counts["longword"] = sum(1 for w in words if len(w) > 6)
    counts["exclaim"] = text.count("!")
    return len(words), counts


@dataclass
class Evidence:
    """Accumulated counts for one user (what the store keeps)."""

    words: int = 0
    messages: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, text: str) -> None:
        n, counts = count(text)
        if n == 0:
            return
        self.words += n
        self.messages += 1
        for c, k in counts.items():
            self.counts[c] = self.counts.get(c, 0) + k


@dataclass(frozen=True)
class TraitEstimate:
    trait: str
    mean: float  # posterior mean, population-standardised (0 = typical)
    sd: float  # posterior sd (1 = no information)

    @property
    def level(self) -> str:
        if self.sd > 0.8 or abs(self.mean) < 0.25:
            return "no clear lean"
        return "leans high" if self.mean > 0 else "leans low"

    def to_dict(self) -> dict[str, Any]:
        return {
            "trait": self.trait,
            "mean": round(self.mean, 3),
            "sd": round(self.sd, 3),
            "level": self.level,
        }


@cache
def norms() -> dict[str, float]:
    """Reference rate per word of each category (GoEmotions train)."""
    path = resources.files("amity.affect") / "artifacts" / "personality_norms.json"
    data: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["rates"]
    return data


def estimate(evidence: Evidence, reference: Mapping[str, float] | None = None) -> list[TraitEstimate]:
    """Posterior Big Five estimates from the evidence (see the module docstring for the method)."""
    ref = reference or norms()
    n = evidence.words
    z: dict[str, float] = {}
    for c in categories():
        base = max(ref.get(c, 0.0), 1e-4)
        rate = evidence.counts.get(c, 0) / n if n else base
        z[c] = max(-3.0, min(3.0, (rate - base) / (CV * base)))
    shrink = n / (n + PRIOR_WORDS)
    out = []
    for trait in TRAITS:
        loads = LOADINGS[trait]
        raw = sum(w * z[c] for c, w in loads) / math.sqrt(sum(w * w for _, w in loads))
        raw = max(-3.0, min(3.0, raw))
        out.append(TraitEstimate(trait, raw * shrink, math.sqrt(1.0 - shrink)))
    return out


def explain(estimates: list[TraitEstimate], evidence: Evidence) -> list[str]:
    """Plain-words lines for ``amity me``."""
    lines = [
        f"Based on {evidence.words} words over {evidence.messages} messages. This is a rough guess from word "
        "choice, not a personality test: in published studies such guesses agree only modestly with "
        "questionnaires (correlations around 0.3-0.4), even with lots of text."
    ]
    for e in estimates:
        high, low = PLAIN[e.trait]
        certainty = "very unsure" if e.sd > 0.8 else "somewhat unsure" if e.sd > 0.5 else "fairly settled"
        if e.level == "no clear lean":
            lines.append(f"{e.trait.capitalize()}: no clear lean yet ({certainty}).")
        else:
            desc = high if e.mean > 0 else low
            lines.append(f"{e.trait.capitalize()}: your words lean towards {desc} ({certainty}).")
    return lines
