"""Self-reported feelings vs the text model alone, side by side on labelled data (EmpatheticDialogues, GoEmotions).

For every message: the text model's estimate (what shipped before), and the same estimate with the user's own
statements of feeling folded in (:mod:`amity.affect.self_report`, what the affect stage now does). Both are
scored against the gold labels, grouped into Ekman's six + neutral (a prediction is right when its group is
one of the gold groups), and on valence sign (where the gold's valence is clearly positive or negative). The
figures that matter are on the messages where a report was found: how often it is right, against how often
the model alone was right on the same messages. Recorded in docs/AFFECT.md.

    python benchmarks/self_report.py [--ed ../shared/data/empathetic_dialogues_situations/valid.csv]
        [--goemotions ../shared/data/goemotions/dev.tsv] [--examples 8]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from amity.affect.evaluation import read_ed, read_goemotions
from amity.affect.self_report import find_self_reports, with_self_reports
from amity.affect.text_emotion import shared_model
from amity.affect.vad import ED_LABELS, ED_TO_GOEMOTIONS, EKMAN_OF, LABELS, VA
from amity.types import ChannelAffect

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CLEAR = 0.3  # |gold valence| from which its sign is scored


def gold_of(labels: list[str]) -> tuple[set[str], float]:
    groups = {EKMAN_OF[label] for label in labels}
    return groups, float(np.mean([VA[label][0] for label in labels]))


def score(texts: list[str], golds: list[list[str]], examples: int) -> dict[str, object]:
    model = shared_model()
    rows = []
    for text, gold, alone in zip(texts, golds, model.predict_batch(texts), strict=True):
        reports = find_self_reports(text)
        rows.append((text, gold, alone, with_self_reports(alone, reports), reports))

    def group_right(c: ChannelAffect, gold: list[str]) -> bool:
        return EKMAN_OF[c.label] in gold_of(gold)[0]

    def sign_right(c: ChannelAffect, gold: list[str]) -> bool | None:
        valence = gold_of(gold)[1]
        return None if abs(valence) < CLEAR else (c.valence > 0) == (valence > 0)

    def summary(subset: list[tuple[str, list[str], ChannelAffect, ChannelAffect, tuple[object, ...]]]) -> dict:
        out: dict[str, object] = {"n": len(subset)}
        for name, pick in (("model_alone", 2), ("with_self_report", 3)):
            groups = [group_right(r[pick], r[1]) for r in subset]  # type: ignore[arg-type]
            signs = [s for s in (sign_right(r[pick], r[1]) for r in subset) if s is not None]  # type: ignore[arg-type]
            out[name] = {
                "ekman_accuracy": round(float(np.mean(groups)), 4) if groups else None,
                "valence_sign_accuracy": round(float(np.mean(signs)), 4) if signs else None,
                "n_valence_scored": len(signs),
            }
        return out

    reported = [r for r in rows if r[4]]
    labelled = [r for r in reported if any(getattr(x, "label", None) for x in r[4])]
    changed = [r for r in reported if group_right(r[2], r[1]) != group_right(r[3], r[1])]
    shown = [
        {
            "text": r[0][:140],
            "gold": r[1],
            "reports": [getattr(x, "quote", "") for x in r[4]],
            "model": r[2].label,
            "with_report": r[3].label,
        }
        for r in changed[:examples]
    ]
    return {
        "n": len(rows),
        "coverage": round(len(reported) / len(rows), 4),
        "all_messages": summary(rows),
        "messages_with_a_report": summary(reported),
        "reports_with_a_label": summary(labelled),
        "examples_where_the_group_changed": shown,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ed", type=Path, default=DATA / "empathetic_dialogues_situations" / "valid.csv")
    ap.add_argument("--goemotions", type=Path, default=DATA / "goemotions" / "dev.tsv")
    ap.add_argument("--examples", type=int, default=8)
    args = ap.parse_args()
    results: dict[str, object] = {}
    ed_texts, ed_y = read_ed(args.ed)
    results["empathetic_dialogues_valid"] = score(
        ed_texts, [list(ED_TO_GOEMOTIONS[ED_LABELS[int(i)]]) for i in ed_y], args.examples
    )
    go_texts, go_y = read_goemotions(args.goemotions)
    results["goemotions_dev"] = score(
        go_texts, [[LABELS[j] for j in np.nonzero(row)[0]] for row in go_y], args.examples
    )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
