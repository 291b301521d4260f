"""How much of what the memory finds reaches the prompt of a spoken turn (late message ≤ 45 tokens)?

On LoCoMo dev (questions with evidence; adversarial ones excluded, they have no answer), each question is
searched as the companion's recall stage does (hybrid search with the re-ranker, k 10, re-ranker gate 0.1,
episodes written as the stage writes them, 220-token list), then packed into the late message:

* ``written``: the whole list (a written turn's late message has no cap);
* ``spoken``: ``amity.prompt.late_message`` with the spoken budget (45) after a typical compact affect
  line ("The user may feel sadness (a guess, not a fact; ask if unsure).");
* ``spoken-<form>``: the same with other episode wordings (compared side by side in one run).

For each it reports the share of questions whose evidence turns are all in the message (``evidence``), and
whose gold answer's words all appear in it (``answer``; a rough proxy: LoCoMo answers are often paraphrases
or dates computed from the session date, so the absolute figure is low for every row).

    python benchmarks/spoken_memory_budget.py [--data ../shared/data/locomo/locomo_dev.json]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from amity.memory.embedders import load_embedder
from amity.memory.evaluation import MemoEmbedder, build_index, conversation_turns, locomo_questions, read_locomo
from amity.memory.index import SearchOptions
from amity.memory.recall import RERANKED_GATE, densest_run, episode_line
from amity.memory.recall import estimate_tokens as recall_tokens
from amity.prompt import late_message
from amity.types import MemoryHit

AFFECT_LINE = "The user may feel sadness (a guess, not a fact; ask if unsure)."
WORD = re.compile(r"[a-z0-9]+")
STOP = {"the", "a", "an", "and", "of", "to", "in", "on", "at", "for", "is", "was", "her", "his", "their", "with"}


def long_form(text: str, when: datetime, _question: str) -> str:
    """The episode line as the recall stage wrote it before (kept for the comparison)."""
    return f'The user said on {when.day} {when:%B %Y}: "{text}"'


def shipped_form(text: str, when: datetime, question: str) -> str:
    return episode_line("user", text, when, question, spoken=True)


def quote_form(words: int) -> Callable[[str, datetime, str], str]:
    def form(text: str, when: datetime, question: str) -> str:
        return f'User, {when.day} {when:%b %Y}: "{densest_run(text, question, words)}"'

    return form


def short_header_form(text: str, when: datetime, _question: str) -> str:
    """The spoken header with the whole quote (to separate the two changes)."""
    return f'User, {when.day} {when:%b %Y}: "{text}"'


FORMS: dict[str, Callable[[str, datetime, str], str]] = {
    "long": long_form,
    "short-header": short_header_form,
    "shipped": shipped_form,
    **{f"quote{n}": quote_form(n) for n in (10, 12, 16)},
}


def answer_words(answer: Any) -> set[str]:
    return {w for w in WORD.findall(str(answer).lower()) if w not in STOP}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/locomo/locomo_dev.json"))
    parser.add_argument("--budgets", type=int, nargs="+", default=[45, 60])
    args = parser.parse_args()
    embedder = MemoEmbedder(load_embedder(None))
    rows: dict[str, list[tuple[float, float, int]]] = {}
    for sample in read_locomo(args.data):
        turns = conversation_turns(sample["conversation"])
        by_id = {t.dia_id: t for t in turns}
        questions, _dropped, _skipped = locomo_questions(sample, set(by_id))
        answers = {str(qa["question"]): qa.get("answer") for qa in sample["qa"]}
        user = str(sample["sample_id"])
        db, index = build_index(user, turns, embedder)
        options = SearchOptions(now=max(t.created_at for t in turns))
        for question, wanted, category in questions:
            if category == 5 or answers.get(question) is None:
                continue
            hits = [h for h in index.search(user, question, k=10, options=options) if h.score >= RERANKED_GATE]
            gold = answer_words(answers[question])
            variants = [("written", long_form, None)]
            variants += [(f"spoken{b}-{n}", f, b) for b in args.budgets for n, f in FORMS.items()]
            for name, form, budget in variants:
                lines: list[MemoryHit] = []
                used = 0
                for hit in hits:  # the recall stage's 220-token list
                    line = form(by_id[hit.id].text, by_id[hit.id].created_at, question)
                    cost = recall_tokens(line) + 2
                    if used + cost <= 220:
                        lines.append(MemoryHit(hit.id, line, hit.score, "episode"))
                        used += cost
                message = late_message(lines, [AFFECT_LINE], budget)
                shown = {h.id for h in lines if h.text in message}
                words = set(WORD.findall(message.lower()))
                rows.setdefault(name, []).append(
                    (float(wanted <= shown), float(bool(gold) and gold <= words), recall_tokens(message))
                )
        db.close()
    result = {
        name: {
            "n": len(r),
            "evidence_all_in_prompt": round(sum(e for e, _, _ in r) / len(r), 3),
            "answer_words_in_prompt": round(sum(a for _, a, _ in r) / len(r), 3),
            "median_late_tokens": sorted(t for _, _, t in r)[len(r) // 2],
        }
        for name, r in rows.items()
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
