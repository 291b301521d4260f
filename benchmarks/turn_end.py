"""End of turn from the words (:func:`amity.voice.turn_end.sounds_finished`) on ESConv's seekers.

ESConv (``../shared/data/esconv/valid.jsonl``, the dev split; chat, typed by people seeking support) splits
many seeker turns over several messages, so it holds three kinds of moment the voice loop meets:

* **turn ends** - the text of a whole seeker turn (all its messages): the words should sound finished, so
  the turn is answered at the 300 ms quick end instead of after the 450 ms silence tail;
* **message breaks inside a turn** - the seeker stopped and went on in a new message, as a speaker pauses
  between sentences: ideally held open (many are whole sentences, which no rule on words can hold);
* **mid-sentence cuts** - every word boundary inside a message (the text so far, with the full stop
  Whisper would add): should be held open, so a pause there does not cut the speaker off.

Side by side in the same run: the rule as shipped, and "punctuation only" (finished when the text ends in
``. ! ?``, which with Whisper's full stops is nearly always). The fixed silence tail before the rule treated
every moment alike: nothing held, nothing answered sooner.

    python benchmarks/turn_end.py [--data ../shared/data/esconv/valid.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from amity.voice.turn_end import sounds_finished

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "esconv" / "valid.jsonl"


def punctuation_only(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?"))


def moments(path: Path) -> dict[str, list[str]]:
    """Turn ends, message breaks inside turns and mid-sentence cuts, as the transcript would read."""
    found: dict[str, list[str]] = {"turn_end": [], "message_break": [], "mid_sentence": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        dialog = json.loads(line)["dialog"]
        run: list[str] = []
        for i, message in enumerate(dialog):
            if message["speaker"] != "usr":
                continue
            text = " ".join(message["text"].split())
            if not text:
                continue
            words = text.split()
            for cut in range(1, len(words)):
                found["mid_sentence"].append(" ".join(words[:cut]).rstrip(",;:") + ".")
            run.append(text)
            last = i + 1 == len(dialog) or dialog[i + 1]["speaker"] != "usr"
            if last:
                found["turn_end"].append(" ".join(run))
                run = []
            else:
                found["message_break"].append(" ".join(run))
    return found


def evaluate(path: Path) -> dict[str, object]:
    found = moments(path)
    rules: dict[str, Callable[[str], bool]] = {"words (shipped)": sounds_finished, "punctuation only": punctuation_only}
    result: dict[str, object] = {"data": str(path), "n": {kind: len(texts) for kind, texts in found.items()}}
    for name, rule in rules.items():
        result[name] = {
            "turn_end_answered_quickly": round(sum(map(rule, found["turn_end"])) / len(found["turn_end"]), 3),
            "message_break_held": round(
                sum(not rule(t) for t in found["message_break"]) / len(found["message_break"]), 3
            ),
            "mid_sentence_held": round(sum(not rule(t) for t in found["mid_sentence"]) / len(found["mid_sentence"]), 3),
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} not found: pass --data with ESConv's valid.jsonl")
    result = evaluate(args.data)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"ESConv {args.data.name}: {result['n']}")
    for name in ("words (shipped)", "punctuation only"):
        print(f"{name:18} {result[name]}")


if __name__ == "__main__":
    main()
