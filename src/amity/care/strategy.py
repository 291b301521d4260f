"""Support-strategy planner: choose one of the 8 ESConv strategies before the reply is generated.

Design. A linear classifier (``artifacts/strategy.npz``, trained by ``training/strategy/train.py`` on the
ESConv train split) predicts what a skilled supporter does next from the dialogue context: the seeker's
last utterance (TF-IDF word 1-2-grams), the previous supporter utterance, the two previous strategies and
the turn position. Those are exactly the features :func:`esconv_examples` derives from ESConv, so the
evaluation (``amity eval strategy``) measures the model the companion runs.

At run time :class:`StrategyPlanner` then adjusts the model's probabilities with transparent priors from
the user's estimated affect and the conversation stage (:mod:`amity.care.stage`): strong negative affect
favours reflecting feelings and reassurance, a request for advice favours suggestions and information,
and the same strategy is not chosen three times in a row. The chosen strategy is set on ``ctx.strategy``
(reported as ``strategy`` in ``amity say --json``) and turned into one line of guidance for the prompt.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amity.care.stage import (
    ConversationStage,
    asks_for_advice,
    asks_for_writing,
    asks_if_loved,
    asks_if_normal,
    asks_what_you_would_do,
    asks_whether_to_contact,
    asks_whether_to_snoop,
    conversation_stage,
    lost_for_words,
    minimal_answer,
    position_bucket,
)
from amity.care.textfeat import LinearTextModel, load_artifact, tokens
from amity.errors import InputError
from amity.types import Affect

STRATEGIES: tuple[str, ...] = (
    "Question",
    "Restatement or Paraphrasing",
    "Reflection of feelings",
    "Self-disclosure",
    "Affirmation and Reassurance",
    "Providing Suggestions",
    "Information",
    "Others",
)

REASSURANCE = "Affirmation and Reassurance"

GUIDANCE: dict[str, str] = {
    "Question": "Ask one gentle, open question that helps them say more about what is going on.",
    "Restatement or Paraphrasing": (
        "Briefly restate what they told you in your own words, so they know you understood; then pause."
    ),
    "Reflection of feelings": "Name the feeling you hear in their words, tentatively, and acknowledge it.",
    "Self-disclosure": (
        "Share a short, relatable perspective to show they are not alone - never invent human memories; "
        "you are an AI, so speak of what many people experience."
    ),
    "Affirmation and Reassurance": (
        "Affirm their strengths or efforts and offer honest reassurance, without dismissing the difficulty."
    ),
    "Providing Suggestions": (
        "Offer one or two small, concrete suggestions, framed as options they can take or leave."
    ),
    "Information": "Give a piece of useful, accurate information that bears on their situation.",
    "Others": "Respond naturally (greeting, thanks, small talk) and keep the door open.",
}

ARTIFACT = "strategy.npz"
_NONE = "none"
_PREV_VALUES = (*STRATEGIES, _NONE)


def dense_features(prev: Sequence[str], supporter_turns: int, continuing: bool) -> list[float]:
    """One-hot previous strategy, the one before it, position bucket, same-speaker flag and its interaction
    with the previous strategy (a supporter continuing their own turn behaves differently)."""
    last = prev[-1] if prev else _NONE
    before = prev[-2] if len(prev) >= 2 else _NONE
    out = [1.0 if last == s else 0.0 for s in _PREV_VALUES]
    out += [1.0 if before == s else 0.0 for s in _PREV_VALUES]
    bucket = position_bucket(supporter_turns)
    out += [1.0 if bucket == i else 0.0 for i in range(8)]
    out.append(1.0 if continuing else 0.0)
    out += [1.0 if continuing and last == s else 0.0 for s in _PREV_VALUES]
    return out


DENSE_NAMES: tuple[str, ...] = (
    *(f"prev={s}" for s in _PREV_VALUES),
    *(f"prev2={s}" for s in _PREV_VALUES),
    *(f"pos={i}" for i in range(8)),
    "continuing",
    *(f"continuing&prev={s}" for s in _PREV_VALUES),
)


def text_grams(seeker_text: str, prev_supporter_text: str) -> list[str]:
    return tokens(seeker_text, "u:") + tokens(prev_supporter_text, "s:")


@dataclass(frozen=True)
class StrategyExample:
    """One supporter turn of ESConv with the context available before it."""

    seeker_text: str
    prev_supporter_text: str
    prev_strategies: tuple[str, ...]
    supporter_turns: int
    continuing: bool
    label: str

    def grams(self) -> list[str]:
        return text_grams(self.seeker_text, self.prev_supporter_text)

    def dense(self) -> list[float]:
        return dense_features(self.prev_strategies, self.supporter_turns, self.continuing)


def esconv_examples(path: Path) -> Iterator[StrategyExample]:
    """Every supporter turn of an ESConv jsonl file (``{"dialog": [{"text","speaker","strategy"}]}``)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc}.", "Pass an ESConv .jsonl file with --data.") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            dialog = json.loads(line)["dialog"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                f"{path}:{n} is not an ESConv dialogue ({exc}).",
                'Each line must be a JSON object with "dialog": [{"text", "speaker", "strategy"}].',
            ) from exc
        seeker: list[str] = []
        prev_text, prev = "", list[str]()
        last_speaker = ""
        for turn in dialog:
            text = str(turn.get("text", ""))
            if turn.get("speaker") == "usr":
                if last_speaker != "usr":
                    seeker = []
                seeker.append(text)
            else:
                label = str(turn.get("strategy", "Others"))
                if label not in STRATEGIES:
                    label = "Others"
                yield StrategyExample(" ".join(seeker), prev_text, tuple(prev), len(prev), last_speaker == "sys", label)
                prev.append(label)
                prev_text = text
            last_speaker = str(turn.get("speaker"))


@dataclass(frozen=True)
class StrategyChoice:
    strategy: str
    stage: ConversationStage
    probabilities: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "stage": self.stage,
            "probabilities": {k: round(v, 4) for k, v in self.probabilities.items()},
        }


class StrategyPlanner:
    """Picks the next strategy from the trained model plus affect/stage priors."""

    def __init__(self, model: LinearTextModel | None = None) -> None:
        self.model = model or load_artifact(ARTIFACT)

    def model_proba(self, example: StrategyExample) -> dict[str, float]:
        p = self.model.proba(example.grams(), example.dense())
        return {c: float(v) for c, v in zip(self.model.classes, p, strict=True)}

    def predict(self, example: StrategyExample) -> str:
        probs = self.model_proba(example)
        return max(probs, key=lambda k: probs[k])

    def choose(
        self,
        text: str,
        prev_supporter_text: str,
        prev_strategies: Sequence[str],
        affect: Affect | None = None,
        *,
        self_doubt: bool = False,
        listen_only: bool = False,
    ) -> StrategyChoice:
        """``self_doubt``: the user voiced a harsh view of themselves ("Am I boring?"), so reassurance comes
        first and tips on how to change wait. ``listen_only``: they said they want no advice (in this
        conversation), so no suggestions at all."""
        supporter_turns = len(prev_strategies)
        example = StrategyExample(text, prev_supporter_text, tuple(prev_strategies), supporter_turns, False, "")
        probs = self.model_proba(example)
        valence = affect.valence if affect is not None and affect.confidence >= 0.3 else None
        stage = conversation_stage(supporter_turns, text, valence)
        factors: dict[str, float] = dict.fromkeys(STRATEGIES, 1.0)
        if stage == "exploration":
            factors["Question"] *= 1.3
            factors["Providing Suggestions"] *= 0.6
        elif stage == "comforting":
            factors["Reflection of feelings"] *= 1.3
            factors["Affirmation and Reassurance"] *= 1.2
        else:
            factors["Providing Suggestions"] *= 1.4
            factors["Information"] *= 1.2
        if valence is not None and valence <= -0.4:
            factors["Reflection of feelings"] *= 1.5
            factors["Affirmation and Reassurance"] *= 1.3
            factors["Others"] *= 0.6
        if asks_for_advice(text):
            factors["Providing Suggestions"] *= 1.5
            factors["Information"] *= 1.3
        if self_doubt:
            factors["Providing Suggestions"] *= 0.3
        if listen_only:
            factors["Providing Suggestions"] = 0.0
            factors["Information"] *= 0.3
            factors["Reflection of feelings"] *= 1.5
        if len(prev_strategies) >= 2 and prev_strategies[-1] == prev_strategies[-2]:
            factors[prev_strategies[-1]] *= 0.3
        adjusted = {k: probs.get(k, 0.0) * factors[k] for k in STRATEGIES}
        total = sum(adjusted.values()) or 1.0
        adjusted = {k: v / total for k, v in adjusted.items()}
        best = max(adjusted, key=lambda k: adjusted[k])
        if self_doubt and list(prev_strategies[-2:]) != [REASSURANCE, REASSURANCE]:
            best = REASSURANCE  # a rule, not a prior: the model trained on ESConv rarely opens with it
        if asks_if_normal(text):
            best = REASSURANCE  # "Is it normal to feel this way?": the answer is the reassurance
        if asks_for_writing(text) and not listen_only:
            best = "Providing Suggestions"  # "help me write a text to Lena": the help is the text itself
        return StrategyChoice(best, stage, adjusted)


WRITE_FOR_THEM = (
    "They ask you to write something for them. Write it now: short, warm, in their own voice and ready to send, "
    "then ask in one line whether it fits. No other advice."
)


# "Is it normal to feel this way?" (a carer angry at her mother with dementia) drew from the 1.5B a talk about
# dementia ending "It's important to be there for them".
SAY_IT_IS_HUMAN = (
    "They ask whether what they feel is normal. Answer that first, plainly and warmly: many people in their "
    "situation feel this, and feeling it does not make them a bad person. No lecture, no advice, no 'it's "
    "important to'; you may ask one gentle question."
)


# "What would you do?" from a widower whose children want him to move closer; the 1.5B answered "I'd try to help
# them find comfort and support…", as if asked about someone else.
IN_THEIR_SHOES = (
    "They ask what you would do in their place. Answer them directly: say lightly that as an AI you have no home "
    "or family of your own, so you can't know how it feels; then help them think it through - name the two sides "
    "they told you of in their own words and ask which matters most to them. Don't decide for them."
)


# "Do you think he still loves me?" drew "I think that's a very important question to consider. I'm here to help you
# feel better, so let me know if you need any guidance."
CANNOT_KNOW = (
    "They ask whether someone still loves or cares about them. You can't know another person's heart: say so "
    "gently and don't guess either way. Say how much it hurts to wonder that about someone you love, and ask what "
    "makes them wonder. No advice."
)


# "should I text him? just to say hi", two weeks after a break-up: the 1.5B said "It's okay to send a quick message.
# Let's say "Hi" or "Hey" and see how he responds."
THEIR_CHOICE = (
    "They ask whether to contact someone. Don't decide for them and don't write a message unless asked. Help them "
    "think it through: ask gently what they hope would happen, and how they'd feel if the answer isn't what they "
    "hope. It's their choice either way."
)


# "my son asked why I don't live with them anymore. I didn't know what to say" drew "Maybe you could tell them about
# your decision and the reasons behind it. What was your decision and what were the reasons?"
NO_ANSWER_READY = (
    "They were asked or told something hard and didn't know what to say. Say it is a hard moment and that it's okay "
    "not to have had an answer ready; don't tell them what they should have said. Offer, without pushing, to think "
    "together about what they might say next time."
)


# "should I look through his phone while he sleeps?" drew "Sure, it's a good idea to check his phone while he's
# sleeping to see if anything suspicious is happening."
BEFORE_YOU_LOOK = (
    "They ask whether to go through their partner's phone or messages. Don't decide for them and don't cheer it on. "
    "Name how painful it is to suspect someone you love, then help them think: what are they hoping to find or rule "
    "out, how would they feel either way, and could they ask him or her directly? It's their choice."
)


# "idk" drew "Okay, let's try that again. What do you mean by "idk"?"; "not really" "Do you have a reason why you
# feel angry?"
KEEP_IT_LIGHT = (
    "They answered in a word or two. Don't ask what they mean and don't fire questions. Keep it to one or two short, "
    "gentle sentences with no pressure: it's fine not to have words right now, and you can just keep them company."
)


def guidance_for(strategy: str, stage: ConversationStage, text: str = "", *, listen_only: bool = False) -> str:
    """The strategy's line, or the line for what ``text`` asks: a text to be written (:data:`WRITE_FOR_THEM`, not in
    listening mode), whether a feeling is normal (:data:`SAY_IT_IS_HUMAN`), "what would you do?"
    (:data:`IN_THEIR_SHOES`), whether someone still loves them (:data:`CANNOT_KNOW`), whether to text them
    (:data:`THEIR_CHOICE`), being lost for words (:data:`NO_ANSWER_READY`), a one-word answer
    (:data:`KEEP_IT_LIGHT`), whether to go through a partner's phone (:data:`BEFORE_YOU_LOOK`)."""
    if asks_for_writing(text) and not listen_only:
        return WRITE_FOR_THEM
    if asks_if_normal(text):
        return SAY_IT_IS_HUMAN
    if asks_what_you_would_do(text):
        return IN_THEIR_SHOES
    if asks_if_loved(text):
        return CANNOT_KNOW
    if asks_whether_to_contact(text):
        return THEIR_CHOICE
    if lost_for_words(text):
        return NO_ANSWER_READY
    if asks_whether_to_snoop(text):
        return BEFORE_YOU_LOOK
    if minimal_answer(text):
        return KEEP_IT_LIGHT
    return f"Support strategy for this reply: {strategy} ({stage} stage). {GUIDANCE[strategy]}"
