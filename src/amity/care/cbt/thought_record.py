"""Guided thought record (the classic 7-column CBT worksheet, one question at a time).

Situation → automatic thought → emotion and its intensity → evidence for → evidence against → a balanced
thought → re-rating the emotion. When the automatic thought is entered, the distortion detector looks at it
and, if it sees a likely thinking trap, the "evidence against" prompt names it gently with a reframing
question. The finished record goes to the journal (``care_journal``, kind ``thought_record``).
"""

from __future__ import annotations

import re

from amity.care.cbt.base import Answers, Step, Tool, rating, text_answer
from amity.care.cbt.distortions import DistortionDetector
from amity.store.care_store import CareStore


def _trap_hint(answers: Answers) -> str:
    thought = str(answers.get("thought", ""))
    base = "What evidence doesn't quite fit that thought? Anything, however small."
    if not thought:
        return base
    result = DistortionDetector().detect(thought)
    if not result.present:
        return base
    answers_hint = (
        f"That thought might have a bit of {result.top_type.lower()} in it - {result.explanation()}. {result.reframe()}"
    )
    return f"{answers_hint}\n{base}"


# The feeling as a noun, for "Your anxiety went from 85 to 60" (the answer is usually an adjective: "anxious").
_NOUNS = {
    "anxious": "anxiety", "sad": "sadness", "angry": "anger", "mad": "anger", "ashamed": "shame",
    "scared": "fear", "afraid": "fear", "frightened": "fear", "terrified": "fear", "guilty": "guilt",
    "lonely": "loneliness", "stressed": "stress", "worried": "worry", "frustrated": "frustration",
    "embarrassed": "embarrassment", "jealous": "jealousy", "nervous": "nervousness", "hopeless": "hopelessness",
    "depressed": "low mood", "down": "low mood", "low": "low mood", "upset": "upset", "hurt": "hurt",
    "overwhelmed": "sense of being overwhelmed", "panicky": "panic", "irritated": "irritation",
    "annoyed": "annoyance", "disappointed": "disappointment", "humiliated": "humiliation", "insecure": "insecurity",
}  # fmt: skip


def feeling_noun(emotion: str) -> str:
    """ "anxious" → "anxiety"; "I felt really anxious" → "anxiety"; a noun or an unknown word as it was said."""
    words = re.findall(r"[a-z']+", emotion.lower())
    found = next((_NOUNS[w] for w in reversed(words) if w in _NOUNS), None)
    return found or emotion.strip().rstrip(".!")


def _finish(store: CareStore, user_id: str, answers: Answers) -> str:
    store.add_journal(user_id, "thought_record", dict(answers))
    before, after = int(answers["intensity"]), int(answers["rerate"])
    feeling = feeling_noun(str(answers["emotion"]))
    change = (
        f"Your {feeling} went from {before} to {after}."
        if after != before
        else f"Your {feeling} is still at {after} - that's okay; noticing it is the first step."
    )
    return (
        f'Thank you for working through that. {change} Your balanced thought: "{answers["balanced"]}". '
        "I've saved this record; you can look back at it any time."
    )


TOOL = Tool(
    name="thought_record",
    title="thought record",
    aliases=("thought", "thoughts", "record", "thought-record"),
    intro="Let's do a thought record together - one question at a time. You can say `/tool stop` to pause.",
    steps=(
        Step("situation", "What happened? Describe the situation briefly - where, when, who."),
        Step("thought", "What went through your mind? Write the thought as it came, word for word if you can."),
        Step("emotion", "What emotion did you feel (for example sad, anxious, angry, ashamed)?", text_answer),
        Step(
            "intensity",
            "How strong was it, from 0 (not at all) to 100 (as strong as it gets)?",
            rating(0, 100),
        ),
        Step("evidence_for", "What makes that thought feel true? What evidence supports it?"),
        Step("evidence_against", _trap_hint),
        Step(
            "balanced",
            "Putting both sides together, what's a more balanced way to see it? One or two sentences.",
        ),
        Step(
            "rerate",
            "Reading that balanced thought, how strong is the emotion now, 0 to 100?",
            rating(0, 100),
        ),
    ),
    finish=_finish,
)
