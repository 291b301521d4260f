"""Side-by-side table of the approaches on GoEmotions dev, from the dev probabilities each script cached.

For each approach: macro-F1 / micro-F1 with per-label thresholds tuned on dev (the issue's protocol), the same
with thresholds tuned on one half of dev and scored on the other (a less optimistic check), and single-message
latency on this machine (TF-IDF: the shipped numpy model; MiniLM: the int8 ONNX encoder + linear head).

    nice -n 10 python training/text_emotion/compare.py
"""

from __future__ import annotations

import sys
import time

import numpy as np
from common import CACHE, REPO, load_goemotions, scores, split_half_scores, tune_thresholds

sys.path.insert(0, str(REPO / "src"))


def tfidf_latency(texts: list[str]) -> float:
    from amity.affect.text_emotion import TextEmotionModel

    model = TextEmotionModel()
    model.predict(texts[0])
    t0 = time.perf_counter()
    for t in texts:
        model.predict(t)
    return (time.perf_counter() - t0) * 1000 / len(texts)


def minilm_latency(texts: list[str]) -> float:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(CACHE / "minilm_int8.onnx"), opts, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(CACHE / "minilm.tokenizer.json"))
    head = np.load(CACHE / "embed_head.npz")

    def run(text: str) -> np.ndarray:
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        emb = sess.run(["embedding"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
        return np.asarray(1 / (1 + np.exp(-(emb @ head["w"].T + head["b"]))))

    run(texts[0])
    t0 = time.perf_counter()
    for t in texts:
        run(t)
    return (time.perf_counter() - t0) * 1000 / len(texts)


def main() -> None:
    texts, y = load_goemotions("dev")
    sample = texts[:300]
    approaches = {
        "(a) TF-IDF word 1-2 + char 3-5 + negation scope -> 28 x logistic regression (numpy, int8)": ("tfidf", None),
        "(b) frozen all-MiniLM-L6-v2 int8 ONNX mean-pooled embedding -> 28 x logistic regression": ("embed", None),
    }
    probs = {k: np.load(CACHE / f"{name}_dev_probs.npy") for k, (name, _) in approaches.items()}
    keys = list(probs)
    lat = {keys[0]: tfidf_latency(sample), keys[1]: minilm_latency(sample)}
    for w in (0.5, 0.8):
        name = f"(a)x{w} + (b)x{1 - w:.1f} probabilities"
        probs[name] = w * probs[keys[0]] + (1 - w) * probs[keys[1]]
        lat[name] = lat[keys[0]] + lat[keys[1]]
    print("| approach | macro-F1 dev | micro-F1 dev | macro-F1 dev half-split | ms/message |")
    print("|---|---:|---:|---:|---:|")
    for name, p in probs.items():
        s = scores(p, y, tune_thresholds(p, y))
        h = split_half_scores(p, y)["macro_f1_half_split"]
        print(f"| {name} | {s['macro_f1']:.3f} | {s['micro_f1']:.3f} | {h:.3f} | {lat[name]:.2f} |")


if __name__ == "__main__":
    main()
