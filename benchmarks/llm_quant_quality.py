"""Does a faster quantisation still talk as well? Next-token quality of GGUF files on supportive dialogue.

The voice loop waits for the chat model's first clause, so a faster quantisation of the same model (e.g. the
0.5B re-quantised from Q4_K_M to Q4_0, ``amity.llm.requant``) is tempting. This benchmark measures what it
costs in quality, on the text a companion has to produce: the supporter's turns of ESConv's validation
dialogues (``../shared/data/esconv/valid.jsonl``; CC BY-NC 4.0, evaluation only). Each dialogue is put in
the model's chat template (system prompt: Amity's persona block; seeker = user, supporter = assistant) and,
for every token of every supporter turn, the model's next-token distribution is read from llama.cpp
(``/completion`` with ``n_probs``, one token at a time on a cached prefix). Side by side, in one run, on the
same tokens:

* ``nll``: mean negative log-likelihood of the supporter's real token (nats/token; lower is better). A token
  outside the model's top ``--top-k`` is scored with the k-th log-probability, an optimistic bound, and
  counted in ``outside_top_k``;
* ``top1``: how often the model's most likely token is the supporter's real token;
* ``same_top1``: how often its most likely token equals the reference model's (the first of ``--models``)
  - llama.cpp's own "same top p" figure for quantisation damage;
* ``kl_top_k``: mean KL divergence from the reference over the reference's top-k tokens (renormalised),
  the other model's probability floored at its k-th value where it lies outside its own top-k.

    python benchmarks/llm_quant_quality.py --models qwen2.5-coder-0.5b /path/q4_0.gguf qwen2.5-coder-1.5b \
        [--dialogues 20] [--top-k 40] [--out benchmarks/results/llm_quant_quality.json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llm_prefill import CONFIGS, Config, start_server

from amity.config import load_config
from amity.llm.models import resolve_model
from amity.prompt import persona_block
from amity.types import Persona

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "esconv" / "valid.jsonl"
Scored = list[tuple[int, dict[int, float]]]  # per scored position: (real token, {token: logprob} top-k)


def load_dialogues(path: Path, count: int, max_turns: int) -> list[list[dict[str, str]]]:
    """The first ``count`` dialogues, consecutive same-speaker lines merged, cut to ``max_turns`` turns."""
    dialogues = []
    for line in path.read_text(encoding="utf-8").splitlines()[:count]:
        merged: list[dict[str, str]] = []
        for turn in json.loads(line)["dialog"]:
            role = "assistant" if turn["speaker"] == "sys" else "user"
            text = " ".join(turn["text"].split())
            if merged and merged[-1]["role"] == role:
                merged[-1]["content"] += " " + text
            else:
                merged.append({"role": role, "content": text})
        if merged and merged[0]["role"] == "assistant":
            merged = merged[1:]  # the template needs the user to speak first after the system prompt
        dialogues.append(merged[:max_turns])
    return dialogues


def spans(client: httpx.Client, url: str, system: str, dialogue: list[dict[str, str]]) -> tuple[list[int], list[int]]:
    """Token ids of the templated dialogue and the positions that belong to supporter turns."""
    tokens: list[int] = []
    scored: list[int] = []
    messages = [{"role": "system", "content": system}]
    for message in dialogue:
        messages.append(message)
        text = client.post(f"{url}/apply-template", json={"messages": messages}).json()["prompt"]
        ids = client.post(f"{url}/tokenize", json={"content": text, "add_special": False}).json()["tokens"]
        if ids[: len(tokens)] != tokens:
            raise RuntimeError("the chat template does not extend the previous turns' tokens")
        if message["role"] == "assistant":
            # The generation prompt ("<|im_start|>assistant\n") is already in the previous user turn's text.
            scored.extend(range(len(tokens), len(ids)))
        tokens = ids
    return tokens, scored


def score(client: httpx.Client, url: str, tokens: list[int], positions: list[int], top_k: int) -> Scored:
    out: Scored = []
    for pos in positions:
        body = {
            "prompt": tokens[:pos],
            "n_predict": 1,
            "n_probs": top_k,
            "temperature": 0.0,
            "cache_prompt": True,
            "post_sampling_probs": False,
        }
        reply = client.post(f"{url}/completion", json=body).json()
        top = reply["completion_probabilities"][0]["top_logprobs"]
        out.append((tokens[pos], {int(t["id"]): float(t["logprob"]) for t in top}))
    return out


def compare(reference: Scored, other: Scored) -> dict[str, float]:
    nll, top1, same, outside, kls = [], 0, 0, 0, []
    for (real, ref), (_, mine) in zip(reference, other, strict=True):
        floor = min(mine.values())
        if real not in mine:
            outside += 1
        nll.append(-mine.get(real, floor))
        best = max(mine, key=mine.__getitem__)
        top1 += best == real
        same += best == max(ref, key=ref.__getitem__)
        ref_z = sum(math.exp(v) for v in ref.values())
        mine_z = sum(math.exp(mine.get(t, floor)) for t in ref)
        kls.append(
            sum(
                (math.exp(v) / ref_z) * (v - math.log(ref_z) - (mine.get(t, floor) - math.log(mine_z)))
                for t, v in ref.items()
            )
        )
    n = len(reference)
    return {
        "nll": round(statistics.fmean(nll), 4),
        "top1": round(top1 / n, 4),
        "same_top1": round(same / n, 4),
        "kl_top_k": round(statistics.fmean(kls), 4),
        "outside_top_k": round(outside / n, 4),
        "n_tokens": n,
    }


def run_model(path: Path, dialogues: list[list[dict[str, str]]], system: str, top_k: int) -> dict[str, Any]:
    import xllamacpp as xlc

    server = start_server(xlc, path, Config("base", CONFIGS["base"]))
    url = str(server.listening_address)
    start = time.perf_counter()
    scored: Scored = []
    with httpx.Client(timeout=600.0) as client:
        for dialogue in dialogues:
            tokens, positions = spans(client, url, system, dialogue)
            scored += score(client, url, tokens, positions, top_k)
    del server
    return {"scored": scored, "seconds": round(time.perf_counter() - start, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", required=True, help="names or .gguf paths; the first is the reference")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--dialogues", type=int, default=20)
    parser.add_argument("--max-turns", type=int, default=12)
    parser.add_argument("--top-k", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"No ESConv file at {args.data}; pass --data PATH/TO/esconv/valid.jsonl")
    models_dir = load_config().models_dir
    dialogues = load_dialogues(args.data, args.dialogues, args.max_turns)
    system = persona_block(Persona(), "the user")
    runs = {}
    for name in args.models:
        path = Path(name) if name.endswith(".gguf") else resolve_model(name, models_dir)
        runs[name] = run_model(path, dialogues, system, args.top_k)
        print(f"{name}: {len(runs[name]['scored'])} tokens in {runs[name]['seconds']} s", flush=True)
    reference = runs[args.models[0]]["scored"]
    rows = [
        {"model": name, **compare(reference, run["scored"]), "seconds": run["seconds"]} for name, run in runs.items()
    ]
    print(f"\n{'model':48} {'nll':>7} {'top1':>6} {'same1':>6} {'kl':>7} {'out':>6} {'n':>6}")
    for r in rows:
        print(
            f"{r['model'][-48:]:48} {r['nll']:>7} {r['top1']:>6} {r['same_top1']:>6} {r['kl_top_k']:>7} "
            f"{r['outside_top_k']:>6} {r['n_tokens']:>6}"
        )
    if args.out:
        meta = {"data": str(args.data), "dialogues": args.dialogues, "max_turns": args.max_turns, "top_k": args.top_k}
        meta["load"] = round(os.getloadavg()[0], 2)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
