"""Side-by-side comparison of the wheel-shipped chat models on the same companion prompts.

For each prompt, every model answers through the same Amity prompt (persona + history-free turn), at
temperature 0; prints replies, first-token latency and decode speed as JSON (recorded in docs/MODELS.md).

    python benchmarks/compare_models.py [--models qwen2.5-coder-0.5b,qwen2.5-coder-1.5b,smollm2-135m]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

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


async def run_model(name: str, max_tokens: int) -> dict[str, object]:
    path = resolve_model(name, Path(tempfile.gettempdir()) / "amity-bench-models")
    llm = EmbeddedLLM(path, n_ctx=2048)
    system = persona_block(Persona(), "Theo")
    options = GenerationOptions(max_tokens=max_tokens, temperature=0.0, stop=("<|im_end|>",))
    start = time.perf_counter()
    async for _ in llm.stream([Message("user", "Hi")], GenerationOptions(max_tokens=1)):
        pass
    load_s = time.perf_counter() - start
    results = []
    for prompt in PROMPTS:
        t0 = time.perf_counter()
        first = None
        pieces = []
        async for piece in llm.stream([Message("system", system), Message("user", prompt)], options):
            if first is None:
                first = time.perf_counter() - t0
            pieces.append(piece)
        total = time.perf_counter() - t0
        n = max(len(pieces), 1)
        decode = (n - 1) / max(total - (first or 0), 1e-6) if n > 1 else 0.0
        results.append(
            {
                "prompt": prompt,
                "reply": "".join(pieces).strip(),
                "first_token_s": round(first or total, 3),
                "tokens": n,
                "tok_per_s": round(decode, 1),
            }
        )
    await llm.aclose()
    speeds = [float(r["tok_per_s"]) for r in results if r["tokens"] > 1]
    firsts = [float(r["first_token_s"]) for r in results]
    return {
        "model": name,
        "load_s": round(load_s, 2),
        "median_tok_per_s": sorted(speeds)[len(speeds) // 2] if speeds else 0.0,
        "median_first_token_s": sorted(firsts)[len(firsts) // 2],
        "results": results,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--models", default="qwen2.5-coder-0.5b,qwen2.5-coder-1.5b,smollm2-135m")
    parser.add_argument("--max-tokens", type=int, default=60)
    args = parser.parse_args()
    out = [await run_model(name, args.max_tokens) for name in args.models.split(",")]
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    asyncio.run(main())
