"""Reference rates of the personality word categories, measured on GoEmotions train (Reddit comments).

Writes ``src/amity/affect/artifacts/personality_norms.json``: for each category of
``amity.affect.personality``, its count per word over all 43,410 training comments. These are the "typical"
rates a user's language is compared with.

    python training/text_emotion/personality_norms.py
"""

from __future__ import annotations

import json
import sys

from common import ARTIFACTS, REPO, load_goemotions

sys.path.insert(0, str(REPO / "src"))
from amity.affect.personality import Evidence


def main() -> None:
    texts, _ = load_goemotions("train")
    ev = Evidence()
    for text in texts:
        ev.add(text)
    rates = {c: round(k / ev.words, 6) for c, k in sorted(ev.counts.items())}
    out = {
        "source": "GoEmotions train.tsv (Apache-2.0), 43,410 Reddit comments",
        "words": ev.words,
        "rates": rates,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "personality_norms.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
