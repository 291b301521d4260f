"""The CBT tool state machine: a tool is a fixed sequence of steps; a run stores its step and answers.

Each :class:`Tool` lists :class:`Step` s. A step has a key, a prompt (text, or a function of the answers
so far, so a prompt can use earlier answers - e.g. the thought record's distortion hint), and a parser
that validates the user's answer (raising :class:`StepError` with a friendly re-ask). The
:class:`ToolRunner` keeps one run per user *active* in ``care_tool`` and saves step and answers after
every answer, so a run survives restarts and can be resumed next session. Replies are deterministic
(no LLM), which keeps exercises such as breathing timings exact.

Exits: ``pause`` keeps the run resumable (``/tool resume``); ``cancel`` discards it; finishing runs the
tool's ``finish`` hook (e.g. saving a thought record to the journal) and returns a closing message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amity.errors import InputError, NotFound
from amity.store.care_store import CareStore, ToolRun

Answers = dict[str, Any]
Prompt = str | Callable[[Answers], str]


class StepError(ValueError):
    """The answer does not fit the step; the message re-asks."""


def text_answer(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise StepError("Take your time - just write a few words when you're ready.")
    return text[:1000]


def rating(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        digits = "".join(ch if ch.isdigit() else " " for ch in text).split()
        if not digits or not low <= int(digits[0]) <= high:
            raise StepError(f"Could you give me a number from {low} to {high}?")
        return int(digits[0])

    return parse


@dataclass(frozen=True)
class Step:
    key: str
    prompt: Prompt
    parse: Callable[[str], Any] = text_answer

    def ask(self, answers: Answers) -> str:
        return self.prompt(answers) if callable(self.prompt) else self.prompt


@dataclass(frozen=True)
class Tool:
    name: str
    title: str
    intro: str
    steps: tuple[Step, ...]
    finish: Callable[[CareStore, str, Answers], str]
    aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class ToolTurn:
    """What a tool says this turn."""

    text: str
    run_id: str
    tool: str
    step: int
    done: bool = False
    paused: bool = False


class ToolRunner:
    """Starts, advances, pauses, resumes and cancels tool runs."""

    def __init__(self, store: CareStore, tools: dict[str, Tool]) -> None:
        self.store = store
        self.tools = tools

    def resolve(self, name: str) -> Tool:
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        for tool in self.tools.values():
            if key == tool.name or key in tool.aliases:
                return tool
        raise InputError(f"There is no tool called {name!r}.", f"Choose one of: {', '.join(sorted(self.tools))}.")

    def start(self, user_id: str, name: str) -> ToolTurn:
        tool = self.resolve(name)
        run = self.store.start_tool(user_id, tool.name)
        return ToolTurn(f"{tool.intro}\n\n{tool.steps[0].ask({})}", run.id, tool.name, 0)

    def active(self, user_id: str) -> ToolRun | None:
        return self.store.active_tool(user_id)

    def answer(self, user_id: str, text: str) -> ToolTurn:
        """Feed the user's answer to the active run; returns the next prompt or the closing message."""
        run = self.store.active_tool(user_id)
        if run is None:
            raise NotFound("No exercise is running.", "Start one with `/tool start NAME` (see `/tool list`).")
        tool = self.tools[run.tool]
        step = tool.steps[run.step]
        try:
            value = step.parse(text)
        except StepError as exc:
            return ToolTurn(f"{exc}\n\n{step.ask(run.data)}", run.id, tool.name, run.step)
        data = {**run.data, step.key: value}
        nxt = run.step + 1
        if nxt >= len(tool.steps):
            closing = tool.finish(self.store, user_id, data)
            self.store.update_tool(user_id, run.id, nxt, data, "done")
            return ToolTurn(closing, run.id, tool.name, nxt, done=True)
        self.store.update_tool(user_id, run.id, nxt, data, "active")
        return ToolTurn(tool.steps[nxt].ask(data), run.id, tool.name, nxt)

    def pause(self, user_id: str) -> ToolTurn | None:
        run = self.store.active_tool(user_id)
        if run is None:
            return None
        self.store.update_tool(user_id, run.id, run.step, run.data, "paused")
        title = self.tools[run.tool].title
        return ToolTurn(
            f"Okay, I've paused the {title}. Your answers are saved - say `/tool resume` whenever you like.",
            run.id,
            run.tool,
            run.step,
            paused=True,
        )

    def resume(self, user_id: str, name: str | None = None) -> ToolTurn:
        run = self.store.resumable_tool(user_id, self.resolve(name).name if name else None)
        if run is None:
            raise NotFound("There is no unfinished exercise to resume.", "Start one with `/tool start NAME`.")
        self.store.update_tool(user_id, run.id, run.step, run.data, "active")
        tool = self.tools[run.tool]
        return ToolTurn(
            f"Welcome back to the {tool.title} (step {run.step + 1} of {len(tool.steps)}).\n\n"
            f"{tool.steps[run.step].ask(run.data)}",
            run.id,
            tool.name,
            run.step,
        )

    def cancel(self, user_id: str) -> bool:
        run = self.store.resumable_tool(user_id)
        if run is None:
            return False
        self.store.update_tool(user_id, run.id, run.step, run.data, "stopped")
        return True
