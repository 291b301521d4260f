"""How often replies end like a help desk ("Is there anything else you need help with?"), before and after the
sign-off guard (``amity.care.closers``), from the same model text in one run.

Twenty everyday first messages (news, plans, small pains, questions) each go through the full Amity turn in a
fresh conversation with the chosen model, at the app's default temperature, ``--rounds`` times. A recording
wrapper keeps what the model wrote before the guards; sign-offs are counted in that text and in the reply the
user got. Prints JSON; recorded in docs/CARE.md.

    python benchmarks/sign_offs.py [--model embedded:qwen2.5-coder-1.5b] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from dismissing_pain import RecordingLLM

from amity.app import build_app, make_llm
from amity.care.closers import is_sign_off
from amity.config import load_config
from amity.events import TurnEnd
from amity.safety.text import sentences
from amity.store.db import Database
from amity.store.schema import all_migrations

MESSAGES = [
    "I finally got the job I interviewed for last week!",
    "What could I cook for dinner with rice and some vegetables?",
    "I went for a long walk by the river today.",
    "My sister and I had a fight about our mom.",
    "I can't sleep again tonight.",
    "I started learning the guitar.",
    "Work was so boring today.",
    "Do you like music?",
    "I'm thinking of adopting a cat.",
    "My knee hurts after running.",
    "I watched a great movie last night.",
    "I'm nervous about my exam tomorrow.",
    "Can you recommend a good book?",
    "My neighbour brought me soup when I was sick.",
    "I don't know what to do this weekend.",
    "How do I make my plants grow better?",
    "My son called me today, first time in weeks.",
    "I burned the toast again this morning.",
    "What should I say to a friend who lost her job?",
    "It's raining and I feel a bit low.",
]


def sign_offs(text: str) -> list[str]:
    return [s for s in sentences(text) if is_sign_off(s)]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    config = replace(load_config(), model=args.model, max_reply_tokens=args.max_tokens)
    llm = RecordingLLM(make_llm(config))
    tmp = Path(tempfile.mkdtemp(prefix="amity-signoffs-"))
    rows = []
    try:
        for rnd in range(args.rounds):
            for i, text in enumerate(MESSAGES):
                app = build_app(config, llm=llm, db=Database(tmp / f"{rnd}-{i}.db", all_migrations()))
                reply = ""
                async for event in app.companion.turn("bench", text):
                    if isinstance(event, TurnEnd):
                        reply = event.reply
                rows.append(
                    {
                        "message": text,
                        "raw": llm.raw.strip(),
                        "reply": reply,
                        "raw_sign_offs": sign_offs(llm.raw),
                        "reply_sign_offs": sign_offs(reply),
                    }
                )
                print(json.dumps(rows[-1]), flush=True)
    finally:
        await llm.aclose()
    return {
        "model": args.model,
        "temperature": config.temperature,
        "n": len(rows),
        "replies_with_sign_off_before_guard": sum(bool(r["raw_sign_offs"]) for r in rows),
        "replies_with_sign_off_after_guard": sum(bool(r["reply_sign_offs"]) for r in rows),
        "replies_left_empty_by_it": sum(bool(r["raw_sign_offs"]) and not r["reply"].strip() for r in rows),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="embedded:qwen2.5-coder-1.5b")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--max-tokens", type=int, default=60)
    print(json.dumps(asyncio.run(run(ap.parse_args())), indent=2))


if __name__ == "__main__":
    main()
