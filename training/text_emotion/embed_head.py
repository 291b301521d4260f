"""Approach (b): frozen all-MiniLM-L6-v2 sentence embeddings (int8 ONNX) + a logistic-regression head.

1. ``export`` - the pretrained encoder with masked mean pooling and L2 normalisation, word-embedding table
   shrunk to the training texts' WordPiece tokens (see ``train_transformer.kept_token_ids``), exported to ONNX
   and quantized to int8 -> ``cache/minilm_int8.onnx`` + ``cache/minilm.tokenizer.json``.
2. ``embed``  - embed GoEmotions train and dev with that int8 model (cached ``.npy``).
3. ``head``   - one logistic regression per label on the embeddings; dev probabilities cached for the
comparison.

    nice -n 10 python training/text_emotion/embed_head.py export embed head
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from common import CACHE, N_LABELS, load_goemotions, scores, split_half_scores, tune_thresholds
from tokenizers import Tokenizer
from tokenizers.models import WordPiece
from torch import nn
from train_transformer import MAX_LEN, kept_token_ids, make_tokenizer, pad, wheel_model_dir

ONNX = CACHE / "minilm_int8.onnx"
TOKENIZER = CACHE / "minilm.tokenizer.json"


class Pooled(nn.Module):
    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-9)


def export() -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import BertModel

    src = wheel_model_dir()
    tok = make_tokenizer(src / "tokenizer.json")
    vocab: dict[str, int] = tok.get_vocab()
    keep = kept_token_ids(tok, vocab, 2)
    inv = {i: t for t, i in vocab.items()}
    encoder = BertModel.from_pretrained(str(src), add_pooling_layer=False)
    emb = encoder.embeddings.word_embeddings
    small = nn.Embedding(len(keep), emb.embedding_dim)
    small.weight.data = emb.weight.data[torch.tensor(keep)].clone()
    encoder.embeddings.word_embeddings = small
    model = Pooled(encoder).eval()
    new_tok = Tokenizer.from_file(str(src / "tokenizer.json"))
    new_tok.model = WordPiece({inv[o]: n for n, o in enumerate(keep)}, unk_token="[UNK]")
    new_tok.no_padding()
    new_tok.enable_truncation(MAX_LEN)
    new_tok.save(str(TOKENIZER))
    ids, mask = pad([[101, 2023, 102]])
    fp32 = CACHE / "minilm_fp32.onnx"
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        dynamic_axes={
            "input_ids": {0: "b", 1: "t"},
            "attention_mask": {0: "b", 1: "t"},
            "embedding": {0: "b"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(ONNX), weight_type=QuantType.QInt8)
    print(f"exported {ONNX} ({ONNX.stat().st_size / 1e6:.1f} MB, vocab {len(keep)})")


def embed_texts(texts: list[str]) -> np.ndarray:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    sess = ort.InferenceSession(str(ONNX), opts, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(TOKENIZER))
    enc = [e.ids for e in tok.encode_batch(texts)]
    order = np.argsort([len(e) for e in enc])
    out = np.zeros((len(enc), 384), dtype=np.float32)
    t0 = time.time()
    for s in range(0, len(order), 64):
        idx = order[s : s + 64]
        ids, mask = pad([enc[i] for i in idx])
        out[idx] = sess.run(["embedding"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]
        if s % 6400 == 0:
            print(f"{s}/{len(enc)} {time.time() - t0:.0f}s", flush=True)
    return out


def embed() -> None:
    for split in ("dev", "train"):
        texts, _ = load_goemotions(split)
        np.save(CACHE / f"emb_{split}.npy", embed_texts(texts))


def head() -> None:
    from sklearn.linear_model import LogisticRegression

    x, y = np.load(CACHE / "emb_train.npy"), load_goemotions("train")[1]
    xd, yd = np.load(CACHE / "emb_dev.npy"), load_goemotions("dev")[1]
    w = np.zeros((N_LABELS, x.shape[1]), dtype=np.float32)
    b = np.zeros(N_LABELS, dtype=np.float32)
    for j in range(N_LABELS):
        clf = LogisticRegression(C=4.0, max_iter=300).fit(x, y[:, j])
        w[j], b[j] = clf.coef_[0], clf.intercept_[0]
    probs = 1 / (1 + np.exp(-(xd @ w.T + b)))
    np.save(CACHE / "embed_dev_probs.npy", probs.astype(np.float32))
    np.savez(CACHE / "embed_head.npz", w=w, b=b)
    th = tune_thresholds(probs, yd)
    print("embed+LR dev", scores(probs, yd, th), split_half_scores(probs, yd))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("steps", nargs="+", choices=["export", "embed", "head"])
    args = ap.parse_args()
    torch.set_num_threads(2)
    CACHE.mkdir(parents=True, exist_ok=True)
    for step in args.steps:
        {"export": export, "embed": embed, "head": head}[step]()


if __name__ == "__main__":
    main()
