"""Asking how it went: the first talk after an event the user told about, with and without the follow-up, in one run.

A user tells of an event with a date ("I start a new job on Monday"); the clock moves past it and a new session
opens with an ordinary first message ("Hi!", "Work was long today."). As shipped, the memory stage finds the event
(:mod:`amity.memory.follow_up`) and the care stages guide the reply to ask how it went; the baseline is the same
app with the follow-up switched off (the fact is still stored and can still be recalled by the usual search).
Each scenario runs in a fresh database per variant, temperature 0. Counted per reply:

* ``asks`` - a question (a sentence ending in "?") that names the event ("How did the first day at the new job go?");
* ``mentions`` - the event named anywhere in the reply.

Prints JSON; recorded in docs/MEMORY_FACTS.md.

    python benchmarks/follow_ups.py [--model embedded:qwen2.5-coder-1.5b]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from amity.app import build_app, make_llm
from amity.config import load_config
from amity.events import TurnEnd
from amity.memory.recall import MemoryStage
from amity.store.db import Database
from amity.store.schema import all_migrations

TOLD_AT = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)  # a Friday evening
# (what they tell, days later the next session opens, its first message, words that name the event)
SCENARIOS = [
    ("I start a new job on Monday and I'm a bit nervous.", 5, "Hi!", r"job|first day|work"),
    ("My driving test is on Thursday.", 7, "Hey, how are you?", r"test|driv"),
    ("My sister Maya is visiting tomorrow.", 3, "hello", r"maya|visit|sister"),
    ("I have a job interview on Friday, wish me luck!", 8, "Hi Amity", r"interview"),
    ("We are moving on the 15th.", 20, "hey there", r"\bmov|new (place|home|house|flat)"),
    ("I have a date on Saturday!", 3, "I'm back!", r"\bdate\b"),
    ("I have a dentist appointment next Tuesday.", 5, "Good evening!", r"dentist|appointment|teeth"),
    ("My first day at the bakery is Monday.", 4, "Work was long today.", r"bakery|first day|job"),
    ("I start college next week.", 9, "hi, what's up?", r"college|class|course"),
    ("My exam is on Wednesday.", 7, "I finally have some free time.", r"exam|test"),
]
SENTENCE = re.compile(r"[^.!?]*[.!?]+|[^.!?]+$")


def _asks(reply: str, words: str) -> bool:
    return any(s.strip().endswith("?") and re.search(words, s, re.I) for s in SENTENCE.findall(reply))


async def run(args: argparse.Namespace) -> dict[str, Any]:
    config = replace(load_config(), model=args.model, max_reply_tokens=60, temperature=0.0)
    llm = make_llm(config)
    tmp = Path(tempfile.mkdtemp(prefix="amity-followup-"))
    rows: dict[str, list[dict[str, Any]]] = {"shipped": [], "without_follow_up": []}
    now = [TOLD_AT]
    try:
        for i, (told, days, first, words) in enumerate(SCENARIOS):
            for name in rows:
                app = build_app(config, llm=llm, db=Database(tmp / f"{name}-{i}.db", all_migrations()))
                memory = next(s for s in app.companion.stages if isinstance(s, MemoryStage))
                now[0] = TOLD_AT
                memory.clock = lambda: now[0]
                if name == "without_follow_up":
                    memory.follow_up = lambda ctx, active: None  # type: ignore[method-assign]
                async for _event in app.companion.turn("bench", told, session_id="s1"):
                    pass
                now[0] = TOLD_AT + timedelta(days=days)
                reply, used = "", []
                async for event in app.companion.turn("bench", first, session_id="s2"):
                    if isinstance(event, TurnEnd):
                        reply, used = event.reply, [m.text for m in event.memories_used if m.kind == "date"]
                await app.companion.after_turn.drain()
                row = {
                    "told": told,
                    "first": first,
                    "reply": reply,
                    "event": used,
                    "asks": _asks(reply, words),
                    "mentions": bool(re.search(words, reply, re.I)),
                }
                rows[name].append(row)
                print(json.dumps({"variant": name, **row}), flush=True)
    finally:
        await llm.aclose()
    return {
        "model": args.model,
        "n": len(SCENARIOS),
        **{
            name: {"asks": sum(r["asks"] for r in table), "mentions": sum(r["mentions"] for r in table)}
            for name, table in rows.items()
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="embedded:qwen2.5-coder-1.5b")
    ap.add_argument("--out", type=Path, help="also write the JSON here")
    result = asyncio.run(run(ap.parse_args()))
    print(json.dumps(result, indent=2))
    args = ap.parse_args()
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
