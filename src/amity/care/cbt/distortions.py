"""Cognitive-distortion detection (10 types of Shreevastava & Foltz 2021) and reframing prompts.

Two numpy linear models trained by ``training/distortions/train.py`` on the public therapist-Q&A dataset:

* presence - is any distortion present? (logistic regression, threshold chosen by cross-validation), and
* type     - which of the 10 types dominates, trained on the distorted rows only.

Both see TF-IDF word 1-2-grams plus a small set of dense *cue* counts: hand-written patterns that are the
textbook signatures of each type ("always/never" for overgeneralisation, "should/must" for should
statements, "they think I'm" for mind reading, …). The cues make the model usable on the short messages of
a chat, which are far shorter than the dataset's questions. The detector is a *suggestion* to the user
("this sounds a bit like …"), never a diagnosis.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from amity.care.textfeat import LinearTextModel, load_artifact, tokens
from amity.errors import InputError

NO_DISTORTION = "No Distortion"
TYPES: tuple[str, ...] = (
    "All-or-nothing thinking",
    "Emotional Reasoning",
    "Fortune-telling",
    "Labeling",
    "Magnification",
    "Mental filter",
    "Mind Reading",
    "Overgeneralization",
    "Personalization",
    "Should statements",
)

PRESENCE_ARTIFACT = "distortion_presence.npz"
TYPE_ARTIFACT = "distortion_type.npz"

EXPLAIN: dict[str, str] = {
    "All-or-nothing thinking": "seeing things in black and white, with nothing in between",
    "Emotional Reasoning": "taking a feeling as proof of a fact ('I feel it, so it must be true')",
    "Fortune-telling": "predicting that things will turn out badly, as if the future were known",
    "Labeling": "summing yourself or someone up with one harsh label",
    "Magnification": "blowing the importance of a problem up (or shrinking your strengths down)",
    "Mental filter": "dwelling on one negative detail so the rest fades out",
    "Mind Reading": "assuming you know what others think about you",
    "Overgeneralization": "turning one event into a never-ending pattern",
    "Personalization": "blaming yourself for things that are not entirely in your control",
    "Should statements": "holding yourself to rigid rules of 'should' and 'must'",
}

REFRAME: dict[str, str] = {
    "All-or-nothing thinking": "Is there a middle ground - something that went partly right?",
    "Emotional Reasoning": "If you set the feeling aside for a moment, what do the facts say?",
    "Fortune-telling": "What are other ways this could turn out, including the most likely one?",
    "Labeling": "Would you call a friend that for the same thing? What would you say to them instead?",
    "Magnification": "How much will this matter in a week, or a year? What would you tell a friend?",
    "Mental filter": "What else happened that your attention may have filtered out?",
    "Mind Reading": "What evidence do you have for what they think? Is there another explanation?",
    "Overgeneralization": "Are there times when this did not happen? Is 'always' really true?",
    "Personalization": "What other people or circumstances played a part here?",
    "Should statements": "What if you swapped 'I should' for 'I would like to' - how does that feel?",
}

_CUES: dict[str, str] = {
    "All-or-nothing thinking": (
        r"\b(completely|totally|perfect(ly)?|ruined|entirely|nothing|everything|either|failure)\b"
    ),
    "Emotional Reasoning": r"\b(i feel (like|that)|feels like|i just know|i can feel|because i feel|gut)\b",
    "Fortune-telling": r"\b(will never|going to (fail|be|end|lose)|won't ever|i'll (never|end "
    r"up)|what if|will be)\b",
    "Labeling": r"\b(i'?m (a|an|so) (failure|loser|idiot|stupid|worthless|mess|burden)|i am (a|an) \w+|"
    r"(stupid|worthless|pathetic|loser|idiot|useless|failure))\b",
    "Magnification": r"\b(terrible|horrible|awful|disaster|worst|unbearable|can't "
    r"(stand|handle|take)|huge|ruin)\b",
    "Mental filter": r"\b(only (thing|think)|all i (can|see|think)|can't stop thinking|keep thinking|but)\b",
    "Mind Reading": r"\b(they (think|must think|hate|believe)|(he|she|everyone|people) "
    r"(thinks?|hates?|judges?)|"
    r"judging me|think i'?m|thinks i'?m|looks at me)\b",
    "Overgeneralization": r"\b(always|never|every ?(time|one|body)|nobody|no one|all the "
    r"time|everything|again)\b",
    "Personalization": r"\b(my fault|because of me|i caused|blame myself|i made "
    r"(him|her|them)|should have)\b",
    "Should statements": r"\b(should|shouldn't|must|have to|ought to|supposed to|need to)\b",
}
_CUE_RE = {k: re.compile(v, re.IGNORECASE) for k, v in _CUES.items()}
DENSE_NAMES: tuple[str, ...] = (*(f"cue={t}" for t in TYPES), "log_words")


def dense_features(text: str) -> list[float]:
    """Per-type cue counts (log-scaled) and the message length."""
    import math

    out = [math.log1p(len(_CUE_RE[t].findall(text))) for t in TYPES]
    out.append(math.log1p(len(text.split())) / 6.0)
    return out


def read_csv(path: Path) -> list[tuple[str, str]]:
    """``(text, dominant distortion)`` rows of a CSV in the Shreevastava & Foltz format."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {"Patient Question", "Dominant Distortion"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(
                    f"{path} lacks the columns {sorted(missing)}.",
                    "Use the cognitive_distortion dev.csv format ('Patient Question', 'Dominant Distortion').",
                )
            rows = [(r["Patient Question"] or "", (r["Dominant Distortion"] or "").strip()) for r in reader]
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"Cannot read {path}: {exc}.", "Pass a UTF-8 CSV file with --data.") from exc
    return [(t, lab if lab in TYPES else NO_DISTORTION) for t, lab in rows]


@dataclass(frozen=True)
class DistortionResult:
    present: bool
    probability: float
    top_type: str
    type_scores: dict[str, float]

    def explanation(self) -> str:
        return EXPLAIN[self.top_type]

    def reframe(self) -> str:
        return REFRAME[self.top_type]


class DistortionDetector:
    """Presence + type prediction from the committed models."""

    def __init__(self, presence: LinearTextModel | None = None, types: LinearTextModel | None = None) -> None:
        self.presence = presence or load_artifact(PRESENCE_ARTIFACT)
        self.types = types or load_artifact(TYPE_ARTIFACT)
        self.threshold = float(self.presence.meta.get("threshold", 0.5))

    def detect(self, text: str) -> DistortionResult:
        grams = tokens(text)
        dense = dense_features(text)
        p = self.presence.proba(grams, dense)
        p_present = float(p[list(self.presence.classes).index("1")])
        t = self.types.proba(grams, dense)
        scores = {c: float(v) for c, v in zip(self.types.classes, t, strict=True)}
        top = max(scores, key=lambda k: scores[k])
        return DistortionResult(p_present >= self.threshold, p_present, top, scores)
