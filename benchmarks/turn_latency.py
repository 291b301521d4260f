"""First-token and total time of an Amity turn vs the raw llama.cpp call on the same prompt.

Both run in one process on the same loaded model, alternating, so machine noise hits both alike. The
raw call sends exactly the messages Amity built for that turn (captured from the engine), so the
difference is Amity's own overhead: storage, stages (``prepare``), prompt building, the reply guard's
look-ahead and event plumbing. The raw calls go to a second instance of the same model, so each side has
its own llama.cpp prompt cache and sees each prompt for the first time, as a conversation does.

    python benchmarks/turn_latency.py [--model embedded:qwen2.5-coder-0.5b] [--turns 6] [--max-tokens 48]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path

from amity.app import build_app, make_llm, open_database
from amity.config import Config
from amity.events import TextDelta, TurnEnd
from amity.llm.base import LLM, GenerationOptions
from amity.types import Message

PROMPTS = [
    "Hi, I'm Maya. I just got home from a long day at the hospital.",
    "My sister Lena is visiting this weekend and I'm a bit nervous.",
    "I didn't sleep well, work has been really stressful lately.",
    "Do you remember what my sister's name is?",
    "I think I'll cook pasta tonight. Any small idea to make it nicer?",
    "Thanks for listening. I feel a little better now.",
]


class Recording:
    """Wraps an LLM, remembering the messages of the last call."""

    def __init__(self, inner: LLM) -> None:
        self.inner = inner
        self.name = inner.name
        self.last: list[Message] = []

    def stream(self, messages: Sequence[Message], options: GenerationOptions) -> AsyncIterator[str]:
        self.last = list(messages)
        return self.inner.stream(messages, options)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def raw_call(llm: LLM, messages: list[Message], options: GenerationOptions) -> tuple[float, float]:
    start = time.perf_counter()
    first = None
    async for _ in llm.stream(messages, options):
        if first is None:
            first = time.perf_counter() - start
    total = time.perf_counter() - start
    return (first or total) * 1000, total * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="embedded:qwen2.5-coder-0.5b")
    parser.add_argument("--turns", type=int, default=len(PROMPTS))
    parser.add_argument("--max-tokens", type=int, default=48)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="amity-bench-"))
    import os

    os.environ["AMITY_HOME"] = str(home)
    config = replace(Config(), model=args.model, max_reply_tokens=args.max_tokens, temperature=0.0)
    llm = Recording(make_llm(config))
    raw_llm = make_llm(config)  # same model, its own server and prompt cache
    app = build_app(config, llm=llm, db=open_database(config))
    options = GenerationOptions(max_tokens=args.max_tokens, temperature=0.0, stop=("<|im_end|>",))
    for model in (llm.inner, raw_llm):  # load both outside the timings
        await raw_call(model, [Message("user", "Warm up.")], options)

    rows = []
    for text in PROMPTS[: args.turns]:
        end = None
        async for event in app.companion.turn("bench", text):
            if isinstance(event, TurnEnd):
                end = event
            elif isinstance(event, TextDelta):
                pass
        assert end is not None
        raw_first, raw_total = await raw_call(raw_llm, llm.last, options)
        rows.append(
            {
                "amity_first_token_ms": end.timings_ms["first_token"],
                "amity_total_ms": end.timings_ms["total"],
                "amity_prepare_ms": end.timings_ms["prepare"],
                "raw_first_token_ms": raw_first,
                "raw_total_ms": raw_total,
                "prompt_chars": sum(len(m.content) for m in llm.last),
            }
        )
    await app.aclose()
    await raw_llm.aclose()

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in rows), 1)

    summary = {
        "model": args.model,
        "turns": len(rows),
        "max_tokens": args.max_tokens,
        "median_ms": {k: med(k) for k in rows[0] if k.endswith("_ms")},
        "median_overhead_first_token_ms": round(
            statistics.median(r["amity_first_token_ms"] - r["raw_first_token_ms"] for r in rows), 1
        ),
        "rows": rows,
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
