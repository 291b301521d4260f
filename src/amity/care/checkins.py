"""Mood check-ins (1-10 plus words), PHQ-2 / GAD-2 screening and the weekly summary.

Screening follows the published instruments exactly: two items each, over "the last 2 weeks", answered
0 = not at all, 1 = several days, 2 = more than half the days, 3 = nearly every day; the score is the sum
(0-6) and a score of **3 or more** is a positive screen for both PHQ-2 (Kroenke, Spitzer & Williams 2003)
and GAD-2 (Kroenke et al. 2007). A positive screen only ever leads to a suggestion to talk with a
professional; Amity never names a diagnosis.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from amity.errors import InputError
from amity.store.care_store import CareStore, MoodEntry
from amity.store.db import utcnow

SCALE: tuple[str, ...] = ("Not at all", "Several days", "More than half the days", "Nearly every day")
INSTRUMENTS: dict[str, tuple[str, tuple[str, str]]] = {
    "phq2": (
        "Over the last 2 weeks, how often have you been bothered by the following problems?",
        ("Little interest or pleasure in doing things", "Feeling down, depressed, or hopeless"),
    ),
    "gad2": (
        "Over the last 2 weeks, how often have you been bothered by the following problems?",
        ("Feeling nervous, anxious, or on edge", "Not being able to stop or control worrying"),
    ),
}
THRESHOLD = 3
SUGGEST_HELP = (
    "Your answers are at or above the usual screening threshold ({score}/6; threshold 3). This is not a "
    "diagnosis - a short questionnaire can't give one - but it would be worth talking with a doctor or a "
    "mental-health professional about how you've been feeling. If you ever feel unsafe, please contact a "
    "crisis line or emergency services right away."
)
BELOW = "Your score is {score}/6, below the usual screening threshold of 3. Thanks for checking in with yourself."
_STOP = {
    "a",
    "an",
    "and",
    "the",
    "i",
    "im",
    "i'm",
    "am",
    "is",
    "it",
    "to",
    "of",
    "but",
    "so",
    "very",
    "bit",
    "feel",
    "feeling",
}


@dataclass(frozen=True)
class ScreeningResult:
    instrument: str
    answers: tuple[int, int]
    score: int
    positive: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "answers": list(self.answers),
            "score": self.score,
            "threshold": THRESHOLD,
            "positive": self.positive,
            "message": self.message,
        }


def score_screening(instrument: str, answers: tuple[int, ...]) -> ScreeningResult:
    """Score PHQ-2 or GAD-2 answers (two integers 0..3)."""
    if instrument not in INSTRUMENTS:
        raise InputError(f"Unknown questionnaire {instrument!r}.", "Use phq2 or gad2.")
    if len(answers) != 2 or any(not isinstance(a, int) or not 0 <= a <= 3 for a in answers):
        raise InputError(
            "Each questionnaire has two answers from 0 to 3.",
            "0 = not at all, 1 = several days, 2 = more than half the days, 3 = nearly every day.",
        )
    score = answers[0] + answers[1]
    positive = score >= THRESHOLD
    message = (SUGGEST_HELP if positive else BELOW).format(score=score)
    return ScreeningResult(instrument, (answers[0], answers[1]), score, positive, message)


class MoodTracker:
    """Check-ins, screenings and summaries for one store."""

    def __init__(self, store: CareStore) -> None:
        self.store = store

    def check_in(self, user_id: str, score: int, words: str = "", at: datetime | None = None) -> MoodEntry:
        if not isinstance(score, int) or not 1 <= score <= 10:
            raise InputError("A mood check-in is a whole number from 1 to 10.", "For example: amity mood 6 tired")
        words = " ".join(words.split())[:280]
        return self.store.add_mood(user_id, score, words, at)

    def screen(self, user_id: str, instrument: str, answers: tuple[int, ...]) -> ScreeningResult:
        result = score_screening(instrument, answers)
        self.store.add_screening(user_id, instrument, result.answers, result.score, result.positive)
        return result

    def history(self, user_id: str, days: int | None = None, now: datetime | None = None) -> list[MoodEntry]:
        since = (now or utcnow()) - timedelta(days=days) if days else None
        return self.store.moods(user_id, since)

    def weekly_summary(self, user_id: str, now: datetime | None = None) -> dict[str, Any]:
        """The last 7 days against the 7 before: count, mean, range, trend and frequent words."""
        now = now or utcnow()
        week = [m for m in self.store.moods(user_id, now - timedelta(days=7)) if m.created_at <= now]
        before = [
            m for m in self.store.moods(user_id, now - timedelta(days=14)) if m.created_at < now - timedelta(days=7)
        ]
        words = Counter(
            w.strip(".,!?").lower() for m in week for w in m.words.split() if w.strip(".,!?").lower() not in _STOP
        )
        summary: dict[str, Any] = {
            "days": 7,
            "count": len(week),
            "mean": None,
            "min": None,
            "max": None,
            "previous_mean": None,
            "trend": None,
            "words": [w for w, _ in words.most_common(5) if w],
        }
        if week:
            scores = [m.score for m in week]
            summary.update(mean=round(sum(scores) / len(scores), 2), min=min(scores), max=max(scores))
            half = len(scores) // 2
            if half:
                first, second = sum(scores[:half]) / half, sum(scores[half:]) / (len(scores) - half)
                summary["trend"] = "up" if second - first >= 0.75 else "down" if first - second >= 0.75 else "steady"
        if before:
            summary["previous_mean"] = round(sum(m.score for m in before) / len(before), 2)
        summary["text"] = summary_text(summary)
        return summary


def summary_text(s: dict[str, Any]) -> str:
    if not s["count"]:
        return "No check-ins in the last 7 days. Whenever you like: `amity mood 1-10 [words]`."
    parts = [
        f"{s['count']} check-in{'s' if s['count'] != 1 else ''} this week, average {s['mean']}/10 "
        f"(range {s['min']}-{s['max']})."
    ]
    if s["previous_mean"] is not None:
        diff = s["mean"] - s["previous_mean"]
        parts.append(f"The week before averaged {s['previous_mean']} ({'+' if diff >= 0 else ''}{diff:.1f}).")
    if s["trend"]:
        parts.append(
            {
                "up": "It has been rising through the week.",
                "down": "It dipped through the week.",
                "steady": "It stayed fairly steady.",
            }[s["trend"]]
        )
    if s["words"]:
        parts.append("Words you used most: " + ", ".join(s["words"]) + ".")
    return " ".join(parts)
