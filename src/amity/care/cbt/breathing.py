"""Paced breathing with exact timing.

Three patterns: ``calm`` (in 4 s, out 6 s: about six breaths a minute, a common paced-breathing rate),
``box`` (4-4-4-4) and ``478`` (in 4, hold 7, out 8). :func:`schedule` turns a pattern into timed phases;
:func:`pace` plays them with a caller-supplied clock (``time.sleep`` in the terminal, a no-op in tests),
and the conversational tool shows the timed script and asks how the user feels afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from amity.care.cbt.base import Answers, Step, StepError, Tool, rating
from amity.errors import InputError
from amity.store.care_store import CareStore

PATTERNS: dict[str, tuple[tuple[str, int], ...]] = {
    "calm": (("Breathe in", 4), ("Breathe out", 6)),
    "box": (("Breathe in", 4), ("Hold", 4), ("Breathe out", 4), ("Hold", 4)),
    "478": (("Breathe in", 4), ("Hold", 7), ("Breathe out", 8)),
}
DEFAULT_CYCLES = 5


@dataclass(frozen=True)
class Phase:
    cycle: int
    name: str
    seconds: int


def pattern_of(name: str) -> tuple[tuple[str, int], ...]:
    key = name.strip().lower().replace("-", "")
    if key not in PATTERNS:
        raise InputError(f"Unknown breathing pattern {name!r}.", f"Choose one of: {', '.join(PATTERNS)}.")
    return PATTERNS[key]


def schedule(name: str, cycles: int = DEFAULT_CYCLES) -> list[Phase]:
    if not 1 <= cycles <= 30:
        raise InputError("Choose between 1 and 30 breathing cycles.", "For example: --cycles 5")
    return [Phase(c, phase, secs) for c in range(1, cycles + 1) for phase, secs in pattern_of(name)]


def total_seconds(name: str, cycles: int = DEFAULT_CYCLES) -> int:
    return sum(p.seconds for p in schedule(name, cycles))


def script(name: str, cycles: int = DEFAULT_CYCLES) -> str:
    one = ", ".join(f"{phase.lower()} for {secs}" for phase, secs in pattern_of(name))
    return (
        f"{cycles} rounds of: {one} (seconds). That's about {total_seconds(name, cycles)} seconds in all. "
        "Count slowly in your head, let your shoulders drop, and breathe through your nose "
        "if that's comfortable."
    )


def pace(name: str, cycles: int, show: Callable[[str], None], sleep: Callable[[float], None]) -> int:
    """Play the schedule: announce each phase, then wait second by second; returns seconds elapsed."""
    elapsed = 0
    for phase in schedule(name, cycles):
        show(f"[{phase.cycle}/{cycles}] {phase.name}… {phase.seconds}")
        for _ in range(phase.seconds):
            sleep(1.0)
            elapsed += 1
    show("Done. Notice how your body feels now.")
    return elapsed


def _pattern(text: str) -> str:
    words = text.strip().lower().replace("-", "")
    if not words or words in ("ok", "okay", "yes", "sure", "default", "any"):
        return "calm"
    for key in PATTERNS:
        if key in words:
            return key
    raise StepError("Please choose calm, box or 478 (or just say ok for calm).")


def _practice_prompt(answers: Answers) -> str:
    return f"{script(str(answers['pattern']))}\nTell me when you've finished (or say done)."


def _finish(store: CareStore, user_id: str, answers: Answers) -> str:
    store.add_journal(user_id, "breathing", dict(answers))
    return (
        f"Thanks for taking that time for yourself. You rated yourself {answers['after']}/10 afterwards. "
        "You can come back to this any time with `/tool start breathing`."
    )


TOOL = Tool(
    name="breathing",
    title="breathing exercise",
    aliases=("breathe", "breath", "paced_breathing"),
    intro="Let's slow your breathing down together.",
    steps=(
        Step(
            "pattern",
            "Which pattern? calm (in 4, out 6), box (4-4-4-4) or 478 (in 4, hold 7, out 8). Say ok for calm.",
            _pattern,
        ),
        Step("practice", _practice_prompt, lambda text: text.strip() or "done"),
        Step("after", "How do you feel now, from 1 (tense) to 10 (calm)?", rating(1, 10)),
    ),
    finish=_finish,
)
