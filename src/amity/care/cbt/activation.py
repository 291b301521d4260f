"""Behavioural-activation planner: schedule one small activity that brings enjoyment or a sense of
achievement, with a time, a first step and a predicted enjoyment rating (to compare with how it actually
went - low mood tends to under-predict). The plan is saved to the journal (kind ``activation``)."""

from __future__ import annotations

from amity.care.cbt.base import Answers, Step, Tool, rating
from amity.store.care_store import CareStore


def _finish(store: CareStore, user_id: str, answers: Answers) -> str:
    store.add_journal(user_id, "activation", {**answers, "done": False})
    return (
        f"Your plan: {answers['activity']} - {answers['when']}. First step: {answers['first_step']}. "
        f"You expect about {answers['predicted']}/10 enjoyment; afterwards, notice how it really felt. "
        "Small steps count."
    )


TOOL = Tool(
    name="activation",
    title="activity planner",
    aliases=("behavioural_activation", "behavioral_activation", "plan", "activity"),
    intro="Let's plan one small thing that could lift your day a little. Small is the point.",
    steps=(
        Step(
            "activity",
            "What's something you used to enjoy, or that gives you a sense of getting things done? "
            "Keep it small (a 10-minute walk, calling a friend, tidying one shelf).",
        ),
        Step("when", "When could you do it? Pick a day and time."),
        Step("first_step", "What's the very first, tiny step (e.g. put your shoes by the door)?"),
        Step("predicted", "How much do you expect to enjoy it, from 0 to 10?", rating(0, 10)),
    ),
    finish=_finish,
)
