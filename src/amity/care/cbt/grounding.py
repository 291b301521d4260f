"""5-4-3-2-1 grounding: name five things you see, four you can touch, three you hear, two you smell, one
you taste - one sense at a time, to bring attention back to the present moment. Saved to the journal."""

from __future__ import annotations

from amity.care.cbt.base import Answers, Step, Tool
from amity.store.care_store import CareStore


def _finish(store: CareStore, user_id: str, answers: Answers) -> str:
    store.add_journal(user_id, "grounding", dict(answers))
    return "Well done. Take one slow breath and notice where you are right now. I'm here if you want to talk."


TOOL = Tool(
    name="grounding",
    title="5-4-3-2-1 grounding exercise",
    aliases=("54321", "5-4-3-2-1", "ground"),
    intro="Let's ground ourselves in the present, one sense at a time. There are no wrong answers.",
    steps=(
        Step("see", "Look around: name 5 things you can see."),
        Step("touch", "Now 4 things you can touch or feel (your feet on the floor, your sleeve…)."),
        Step("hear", "3 things you can hear right now."),
        Step("smell", "2 things you can smell (or two smells you like, if nothing comes)."),
        Step("taste", "And 1 thing you can taste."),
    ),
    finish=_finish,
)
