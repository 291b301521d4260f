"""Side-by-side comparison of the wheel-shipped chat models on the same companion conversation.

Each model answers the same six user messages twice, in one run: once through the full Amity turn (all
stages: safety, perception, memory, care, guard; one continuing conversation) and once as a bare model
call with only the persona's system prompt. Temperature 0. Prints replies, first-token latency and
decode speed as JSON (recorded in docs/MODELS.md).

    python benchmarks/compare_models.py [--models qwen2.5-coder-0.5b,qwen2.5-coder-1.5b,smollm2-135m]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from amity.app import build_app, open_database
from amity.config import Config
from amity.events import TextDelta, TurnEnd
from amity.llm.base import GenerationOptions
from amity.llm.embedded import EmbeddedLLM
from amity.llm.models import resolve_model
from amity.prompt import persona_block
from amity.types import Message, Persona

PROMPTS = [
    "Hi! I'm Theo. I write letters for other people for a living.",
    "I feel kind of lonely tonight. Everyone seems busy.",
    "My best friend Amy is moving to another city next month.",
    "Guess what, I finally finished my first half marathon!",
    "Are you a real person?",
    "I have to go now, talk tomorrow.",
]


async def bare(llm: EmbeddedLLM, max_tokens: int) -> list[dict[str, object]]:
    system = persona_block(Persona(), "Theo")
    options = GenerationOptions(max_tokens=max_tokens, temperature=0.0, stop=("<|im_end|>",))
    rows = []
    for prompt in PROMPTS:
        t0 = time.perf_counter()
        first = None
        pieces = []
        async for piece in llm.stream([Message("system", system), Message("user", prompt)], options):
            first = first or time.perf_counter() - t0
            pieces.append(piece)
        total = time.perf_counter() - t0
        n = len(pieces)
        rows.append(
            {
                "prompt": prompt,
                "reply": "".join(pieces).strip(),
                "first_token_s": round(first or total, 3),
                "tok_per_s": round((n - 1) / max(total - (first or 0), 1e-6), 1) if n > 1 else 0.0,
            }
        )
    return rows


async def through_amity(llm: EmbeddedLLM, max_tokens: int) -> list[dict[str, object]]:
    home = Path(tempfile.mkdtemp(prefix="amity-compare-"))
    os.environ["AMITY_HOME"] = str(home)
    config = replace(Config(), max_reply_tokens=max_tokens, temperature=0.0)
    app = build_app(config, llm=llm, db=open_database(config))
    rows = []
    for prompt in PROMPTS:
        end = None
        async for event in app.companion.turn("theo", prompt):
            if isinstance(event, TurnEnd):
                end = event
            elif isinstance(event, TextDelta):
                pass
        assert end is not None
        rows.append(
            {
                "prompt": prompt,
                "reply": end.reply,
                "strategy": end.strategy,
                "first_token_s": round(end.timings_ms["first_token"] / 1000, 3),
                "total_s": round(end.timings_ms["total"] / 1000, 3),
            }
        )
    app.db.close()
    return rows


async def run_model(name: str, max_tokens: int) -> dict[str, object]:
    path = resolve_model(name, Path(tempfile.gettempdir()) / "amity-bench-models")
    llm = EmbeddedLLM(path, n_ctx=4096)
    start = time.perf_counter()
    async for _ in llm.stream([Message("user", "Hi")], GenerationOptions(max_tokens=1)):
        pass
    load_s = time.perf_counter() - start
    plain = await bare(llm, max_tokens)
    amity = await through_amity(llm, max_tokens)
    await llm.aclose()
    return {
        "model": name,
        "load_s": round(load_s, 2),
        "bare_median_tok_per_s": statistics.median(float(str(r["tok_per_s"])) for r in plain),
        "bare_median_first_token_s": statistics.median(float(str(r["first_token_s"])) for r in plain),
        "amity_median_first_token_s": statistics.median(float(str(r["first_token_s"])) for r in amity),
        "amity_median_total_s": statistics.median(float(str(r["total_s"])) for r in amity),
        "bare": plain,
        "amity": amity,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--models", default="qwen2.5-coder-0.5b,qwen2.5-coder-1.5b,smollm2-135m")
    parser.add_argument("--max-tokens", type=int, default=80)
    args = parser.parse_args()
    out = [await run_model(name, args.max_tokens) for name in args.models.split(",")]
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    asyncio.run(main())
