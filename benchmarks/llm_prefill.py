"""llama.cpp settings side by side: prompt-eval speed of a voice turn's ~75 new tokens, and decode speed.

A spoken turn evaluates ~75 prompt tokens after the user stops (the late message and the user's words)
on top of a ~600-token prefix that is already in llama.cpp's cache (``Companion.warm``), then decodes the
reply. This benchmark loads the same GGUF once per llama.cpp configuration (each an ``xllamacpp.Server``
in this process), fills each cache with the same prefix, and then, round-robin over the configurations so
that load on the shared machine hits all alike, sends ``prefix + a new ~75-token tail`` with a
``--decode``-token reply. Figures are llama.cpp's own ``timings`` (``prompt_n``, ``prompt_ms``,
``predicted_ms``) plus the request's wall time; medians per configuration, with the load average.

Configurations (``--configs``; ``base`` is what :class:`amity.llm.embedded.EmbeddedLLM` uses now):

* ``base``: 2 threads (generation and batch), n_batch 2048 / n_ubatch 512, flash attention auto, f16 KV
  cache, CPU weight repacking on (``extra buffer types``), mmap, OpenMP poll 50;
* ``t1``: 1 thread for both; ``tb1``: 1 batch thread (prompt), 2 for generation;
* ``ub64``: n_batch = n_ubatch = 64 (the 75 tokens in two micro-batches);
* ``fa_off`` / ``fa_on``: flash attention disabled / forced on;
* ``kv_q8``: q8_0 K and V cache (flash attention on);
* ``no_repack``: ``no_extra_bufts`` (weights used as loaded, no repacked AVX2 layout);
* ``mlock`` / ``no_mmap``: load mode;
* ``poll0`` / ``poll100``: the threadpool's polling level;
* ``file=PATH``: the same settings as ``base`` on another GGUF (e.g. a Q8_0 / Q4_0 requantisation made
  by ``benchmarks/requant_gguf.py``), given as ``--extra-model``.

    flock /tmp/amity-bench.lock python benchmarks/llm_prefill.py [--models qwen2.5-coder-1.5b ...]
        [--configs base t1 fa_off ...] [--rounds 5] [--out benchmarks/results/llm_prefill.json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from amity.config import load_config
from amity.llm.models import resolve_model

PREFIX_SENTENCES = [
    "You are Amity, a warm and attentive companion who talks with the user about their day.",
    "You remember what the user told you before and you ask gentle follow-up questions.",
    "Keep your answers short, kind and concrete; never invent facts about the user.",
    "User: I started a new job last month and it has been a lot to take in.",
    "Amity: That sounds like a big change. What has been the hardest part so far?",
    "User: Mostly the commute, it takes an hour each way and I get home exhausted.",
    "Amity: An hour each way is a lot. Is there anything you enjoy doing on the train?",
    "User: Sometimes I listen to podcasts about history, especially about old ships.",
    "Amity: Old ships are fascinating. Do you have a favourite story from those podcasts?",
    "User: There was one about a ship that sailed around the world with a crew of twelve.",
]
TAILS = [
    "Note for this turn: the user seems a little tired and a bit anxious, an estimate only; if unsure, ask "
    "gently. Memories: the user's sister is called Anna; the user likes history podcasts. User: My sister "
    "is visiting tomorrow and I am a bit nervous about it, can you help me plan the afternoon? "
    "She has not been here for two years.",
    "Note for this turn: the user may feel calm and content, a guess from the words only; do not state it as "
    "fact. Memories: the user walks the dog every morning; the user works in a bank. User: Can you suggest "
    "something relaxing I could do this evening after I get home from the office? I would like "
    "something quiet, without screens.",
    "Note for this turn: the user might be sad, low confidence, ask kindly if unsure. Memories: the user "
    "moved to a new city in spring; the user misses the sea. User: Hi, I had a really long day at work and "
    "I feel tired, and honestly a little lonely in this new place without my old friends. What could I do?",
]


@dataclass(frozen=True)
class Config:
    name: str
    apply: Callable[[Any, Any], None]  # (xllamacpp module, CommonParams)
    model_file: Path | None = None


def _set(**fields: Any) -> Callable[[Any, Any], None]:
    def apply(xlc: Any, params: Any) -> None:
        for key, value in fields.items():
            if key == "threads":
                params.cpuparams.n_threads = value
                params.cpuparams_batch.n_threads = value
            elif key == "batch_threads":
                params.cpuparams_batch.n_threads = value
            elif key == "poll":
                params.cpuparams.poll = value
                params.cpuparams_batch.poll = value
            elif key == "fa":
                params.flash_attn_type = getattr(xlc.llama_flash_attn_type, f"LLAMA_FLASH_ATTN_TYPE_{value}")
            elif key == "kv":
                kind = getattr(xlc.ggml_type, f"GGML_TYPE_{value}")
                params.cache_type_k = kind
                params.cache_type_v = kind
            elif key == "load":
                params.load_mode = getattr(xlc.llama_load_mode, f"LLAMA_LOAD_MODE_{value}")
            else:
                setattr(params, key, value)

    return apply


CONFIGS: dict[str, Callable[[Any, Any], None]] = {
    "base": _set(),
    "t1": _set(threads=1),
    "tb1": _set(batch_threads=1),
    "ub64": _set(n_batch=64, n_ubatch=64),
    "fa_off": _set(fa="DISABLED"),
    "fa_on": _set(fa="ENABLED"),
    "kv_q8": _set(fa="ENABLED", kv="Q8_0"),
    "no_repack": _set(no_extra_bufts=True),
    "mlock": _set(load="MMAP_MLOCK"),
    "no_mmap": _set(load="NONE"),
    "poll0": _set(poll=0),
    "poll100": _set(poll=100),
}


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def start_server(xlc: Any, model: Path, config: Config) -> Any:
    params = xlc.CommonParams()
    params.model.path = str(config.model_file or model)
    params.n_ctx = 4096
    params.n_parallel = 1
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    params.warmup = False
    params.verbosity = -1
    params.cache_prompt = True
    params.port = 0
    config.apply(xlc, params)
    return xlc.Server(params)


def complete(client: httpx.Client, url: str, prompt: str, n_predict: int) -> dict[str, Any]:
    payload = {
        "prompt": prompt,
        "n_predict": n_predict,
        "temperature": 0.0,
        "cache_prompt": True,
        "ignore_eos": True,
    }
    start = time.perf_counter()
    response = client.post(url + "/completion", json=payload)
    response.raise_for_status()
    wall_ms = (time.perf_counter() - start) * 1000
    timings = response.json()["timings"]
    return {
        "prompt_n": timings["prompt_n"],
        "cache_n": timings.get("cache_n", 0),
        "prompt_ms": round(timings["prompt_ms"], 1),
        "prompt_tps": round(timings["prompt_per_second"], 1),
        "predicted_n": timings["predicted_n"],
        "predicted_ms": round(timings["predicted_ms"], 1),
        "decode_tps": round(timings["predicted_per_second"], 1),
        "wall_ms": round(wall_ms, 1),
        "load": load_avg(),
    }


def bench_model(model: Path, configs: list[Config], rounds: int, decode: int) -> list[dict[str, Any]]:
    import xllamacpp as xlc

    prefix = " ".join(PREFIX_SENTENCES * 3) + "\n"
    servers = {c.name: start_server(xlc, model, c) for c in configs}
    urls = {name: str(server.listening_address) for name, server in servers.items()}
    rows: list[dict[str, Any]] = []
    with httpx.Client(timeout=600.0) as client:
        for name in urls:  # warm-up: the prefix into each cache (not measured)
            complete(client, urls[name], prefix + TAILS[-1], 1)
        for round_no in range(rounds):
            tail = TAILS[round_no % len(TAILS)]
            order = list(urls) if round_no % 2 == 0 else list(reversed(urls))
            for name in order:
                row = complete(client, urls[name], prefix + tail, decode)
                rows.append({"model": model.name, "config": name, "round": round_no, **row})
                print(json.dumps(rows[-1]), flush=True)
    del servers
    return rows


def summarise(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    keys = sorted({(r["model"], r["config"]) for r in rows}, key=lambda k: (k[0], k[1] != "base", k[1]))
    for model, config in keys:
        mine = [r for r in rows if r["model"] == model and r["config"] == config]
        out.append(
            {
                "model": model,
                "config": config,
                "n": len(mine),
                "prompt_n": statistics.median(r["prompt_n"] for r in mine),
                "prompt_ms": statistics.median(r["prompt_ms"] for r in mine),
                "prompt_tps": statistics.median(r["prompt_tps"] for r in mine),
                "decode_tps": statistics.median(r["decode_tps"] for r in mine),
                "load": f"{min(r['load'] for r in mine)}-{max(r['load'] for r in mine)}",
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b"])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), help=f"any of {list(CONFIGS)}")
    parser.add_argument("--extra-model", action="append", default=[], type=Path, help="GGUF run with base settings")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--decode", type=int, default=24, help="tokens generated per request")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    models_dir = load_config().models_dir
    rows: list[dict[str, Any]] = []
    for name in args.models:
        model = resolve_model(name, models_dir)
        configs = [Config(c, CONFIGS[c]) for c in args.configs]
        stem = model.name.removesuffix(".gguf")
        configs += [Config(f"file={p.name}", CONFIGS["base"], p) for p in args.extra_model if p.name.startswith(stem)]
        rows += bench_model(model, configs, args.rounds, args.decode)
    summary = summarise(rows)
    print(f"\n{'model':24} {'config':34} {'n':>2} {'prompt_n':>8} {'prompt ms':>9} {'tok/s':>7} {'decode':>7} load")
    for s in summary:
        print(
            f"{s['model']:24} {s['config']:34} {s['n']:>2} {s['prompt_n']:>8} {s['prompt_ms']:>9} "
            f"{s['prompt_tps']:>7} {s['decode_tps']:>7} {s['load']}"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"summary": summary, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
