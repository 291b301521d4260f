"""Names heard right by Whisper base, with and without the names hint (``amity.voice.vocabulary``).

27 sentences naming a person, a place or a pet (20 first names of many origins, 5 cities, 2 pet names), and
5 sentences with no name, are spoken by Piper (the "joe" voice) and transcribed by ``WhisperSTT`` - the
product's own decoder, short window, greedy - side by side in one run:

* ``none`` - no hint (Amity before the hint);
* ``memory`` - the hint ``amity voice`` would give a user whose facts hold all 27 names (at most 24 are
  kept, newest first, so this also shows the cap: the last 3 names are not in it);
* ``own`` - "Amity, " and the sentence's own name (what a hint from a small memory gives).

``--repeats N`` renders every sentence N times (Piper samples its durations, so each rendering differs).

A name counts as heard when it appears in the transcript (case-insensitive). For the sentences with no
name, the transcript must stay the same as without a hint (a hint must not put names into speech).

    python benchmarks/stt_names.py [--repeats 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from amity.config import load_config
from amity.voice.stt_whisper import WhisperSTT
from amity.voice.tts_piper import PiperTTS, piper_available
from amity.voice.vocabulary import MAX_NAMES
from amity.voice.wavio import STT_RATE, resample

NAMES = ["Saoirse", "Anika", "Tomasz", "Niamh", "Joaquin", "Siobhan", "Kaito", "Aoife", "Rhys", "Ximena"]
NAMES += ["Dmitri", "Priya", "Oluwaseun", "Mateo", "Ingrid", "Eamon", "Leilani", "Bartholomew", "Maya", "Zofia"]
PLACES = ["Lisbon", "Reykjavik", "Guadalajara", "Wroclaw", "Tbilisi"]
PETS = ["Biscuit", "Pickles"]
TEMPLATES = [
    "My friend {} called me today.",
    "I had lunch with {} and it was lovely.",
    "{} is coming over on Saturday.",
    "I miss {} so much.",
    "Do you remember what {} said?",
]
PLAIN = [
    "I had a really long day at work.",
    "Can you suggest something relaxing?",
    "I feel a bit lonely tonight.",
    "What should I cook for dinner?",
    "Thanks, that helps a lot.",
]


def sentences() -> list[tuple[str, str]]:
    said = [(TEMPLATES[i % len(TEMPLATES)].format(name), name) for i, name in enumerate(NAMES)]
    said += [(f"I used to live in {place} when I was young.", place) for place in PLACES]
    said += [(f"{pet} was sick this morning, poor thing.", pet) for pet in PETS]
    return said


def run(repeats: int) -> dict[str, Any]:
    if not piper_available():
        raise SystemExit("Piper is needed to speak the sentences: pip install 'amity[voice]'")
    tts = PiperTTS(threads=2)
    stt = WhisperSTT(load_config().models_dir)
    stt.load()
    named = sentences()
    memory = ", ".join(([*NAMES, *PLACES, *PETS])[:MAX_NAMES]) + "."
    hints = {"none": lambda name: "", "memory": lambda name: memory, "own": lambda name: f"Amity, {name}."}
    runs: dict[str, dict[str, Any]] = {k: {"heard": 0, "cpu": 0.0, "missed": [], "plain_changed": []} for k in hints}
    per_name: dict[str, dict[str, int]] = {name: dict.fromkeys(hints, 0) for _, name in named}
    for _ in range(repeats):  # Piper samples its durations: each repeat is a new rendering of every sentence
        for text, name in named:
            pcm, rate = tts.synthesize(text)
            clip = resample(pcm, rate, STT_RATE)
            for run_name, hint in hints.items():
                started = time.process_time()
                out = stt.transcribe(clip, STT_RATE, hint(name))
                runs[run_name]["cpu"] += time.process_time() - started
                if name.lower() in out.lower():
                    runs[run_name]["heard"] += 1
                    per_name[name][run_name] += 1
                else:
                    runs[run_name]["missed"].append(out)
        for text in PLAIN:
            pcm, rate = tts.synthesize(text)
            clip = resample(pcm, rate, STT_RATE)
            before = stt.transcribe(clip, STT_RATE)
            for run_name, hint in hints.items():
                if (out := stt.transcribe(clip, STT_RATE, hint("Saoirse"))) != before:
                    runs[run_name]["plain_changed"].append(out)
    total = len(named) * repeats
    return {
        "n_named": len(named),
        "n_plain": len(PLAIN),
        "repeats": repeats,
        "memory_hint": memory,
        "runs": {
            k: {
                "names_heard": v["heard"],
                "of": total,
                "share": round(v["heard"] / total, 3),
                "cpu_ms_per_clip": round(v["cpu"] / total * 1000, 1),
                "plain_changed": v["plain_changed"],
                "missed": v["missed"],
            }
            for k, v in runs.items()
        },
        "per_name": per_name,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeats", type=int, default=1, help="renderings of each sentence (Piper varies)")
    args = parser.parse_args()
    result = run(args.repeats)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, row in result["runs"].items():
        print(
            f"{name:7} names heard {row['names_heard']}/{row['of']} ({row['share']:.0%}), "
            f"CPU {row['cpu_ms_per_clip']} ms per clip, plain sentences changed: {len(row['plain_changed'])}"
        )


if __name__ == "__main__":
    main()
