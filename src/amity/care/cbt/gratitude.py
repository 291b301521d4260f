"""Gratitude journal: three good things, one at a time, each saved as a journal entry (kind ``gratitude``)
so the user can look back at them (``amity tool journal gratitude``)."""

from __future__ import annotations

from amity.care.cbt.base import Answers, Step, Tool
from amity.store.care_store import CareStore


def _finish(store: CareStore, user_id: str, answers: Answers) -> str:
    for key in ("first", "second", "third"):
        store.add_journal(user_id, "gratitude", {"text": answers[key]})
    count = len(store.journal(user_id, "gratitude"))
    return f"Lovely - saved. That's {count} good things in your gratitude journal so far."


TOOL = Tool(
    name="gratitude",
    title="gratitude journal",
    aliases=("grateful", "three_good_things", "journal"),
    intro="Let's note three good things - big or tiny.",
    steps=(
        Step("first", "What's one thing, however small, that went well or that you're grateful for today?"),
        Step("second", "And a second one?"),
        Step("third", "One more - and if you like, why it mattered to you."),
    ),
    finish=_finish,
)
