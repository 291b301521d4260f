"""CBT tools: thought record, distortions, breathing, grounding, activation planner, gratitude journal."""

from __future__ import annotations

from amity.care.cbt import activation, breathing, gratitude, grounding, thought_record
from amity.care.cbt.base import Tool, ToolRunner, ToolTurn
from amity.store.care_store import CareStore

TOOLS: dict[str, Tool] = {
    t.name: t for t in (thought_record.TOOL, breathing.TOOL, grounding.TOOL, activation.TOOL, gratitude.TOOL)
}


def runner(store: CareStore) -> ToolRunner:
    return ToolRunner(store, TOOLS)


def listing() -> str:
    """One line per tool: name and title."""
    return "\n".join(f"{t.name:<15} {t.title}" for t in sorted(TOOLS.values(), key=lambda t: t.name))


__all__ = ["TOOLS", "Tool", "ToolRunner", "ToolTurn", "listing", "runner"]
