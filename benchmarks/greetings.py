"""First impressions: how the companion answers a greeting, with and without the greeting guidance, in one run.

Small code-tuned models greet like a help desk ("Hello! How can I help you today?"), which is the wrong first
words for a companion. :class:`amity.care.pipeline.GreetingStage` adds one guidance line on greeting turns, with
an example of a friend's hello. Each greeting below is sent as the first turn of a fresh conversation
(temperature 0), once as shipped and once without that stage, alternating. Counted per reply:

* ``service_desk`` - "How can I help / assist you (today)?", "What can I do for you?";
* ``just_a_program`` - "I'm just a computer (program)", the cold deflection.

Prints JSON; recorded in docs/CARE.md.

    python benchmarks/greetings.py [--model embedded:qwen2.5-coder-1.5b]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from amity.app import build_app, make_llm
from amity.care.pipeline import GreetingStage
from amity.config import load_config
from amity.events import TurnEnd
from amity.store.db import Database
from amity.store.schema import all_migrations

GREETINGS = [
    "hi",
    "Hello there!",
    "Hi, I'm Dana.",
    "hey",
    "Good morning!",
    "hi, I'm new here",
    "Hey, how are you?",
    "Hello Amity",
    "Hi, I just installed you.",
    "good evening",
]
SERVICE_DESK = re.compile(r"\bhow (can|may) i (help|assist)( you)?\b|\bwhat can i do for you\b", re.I)
JUST_A_PROGRAM = re.compile(r"\bi(?:'m| am) (just|only) (a|an) (computer|program|ai|machine|language model)", re.I)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    config = replace(load_config(), model=args.model, max_reply_tokens=60, temperature=0.0)
    llm = make_llm(config)
    tmp = Path(tempfile.mkdtemp(prefix="amity-greet-"))
    rows: dict[str, list[dict[str, Any]]] = {"shipped": [], "without_greeting_guidance": []}
    try:
        for i, greeting in enumerate(GREETINGS):
            for name in rows:
                app = build_app(config, llm=llm, db=Database(tmp / f"{name}-{i}.db", all_migrations()))
                if name == "without_greeting_guidance":
                    app.companion.stages[:] = [s for s in app.companion.stages if not isinstance(s, GreetingStage)]
                reply = ""
                async for event in app.companion.turn("bench", greeting):
                    if isinstance(event, TurnEnd):
                        reply = event.reply
                row = {
                    "greeting": greeting,
                    "reply": reply,
                    "service_desk": bool(SERVICE_DESK.search(reply)),
                    "just_a_program": bool(JUST_A_PROGRAM.search(reply)),
                }
                rows[name].append(row)
                print(json.dumps({"variant": name, **row}), flush=True)
    finally:
        await llm.aclose()
    return {
        "model": args.model,
        "n": len(GREETINGS),
        **{
            name: {
                "service_desk": sum(r["service_desk"] for r in table),
                "just_a_program": sum(r["just_a_program"] for r in table),
            }
            for name, table in rows.items()
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="embedded:qwen2.5-coder-1.5b")
    print(json.dumps(asyncio.run(run(ap.parse_args())), indent=2))


if __name__ == "__main__":
    main()
