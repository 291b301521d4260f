"""Learns what to call the user from what they say ("my name is Sam", "call me Sam", "I'm Sam")."""

from __future__ import annotations

import re

from amity.stages import BaseStage, TurnContext
from amity.store.conversations import ConversationStore

_NAME = r"([A-ZÀ-Ý][a-zà-ÿ'’-]{1,30}(?:\s[A-ZÀ-Ý][a-zà-ÿ'’-]{1,30})?)"
_PATTERNS = (
    re.compile(rf"\bmy name(?:'s| is)\s+{_NAME}", re.IGNORECASE),
    re.compile(rf"\bcall me\s+{_NAME}", re.IGNORECASE),
    re.compile(rf"\b(?i:i am|i'm|i’m|im)\s+{_NAME}\s*(?:[.!,;]|$)"),
    re.compile(rf"\bich hei(?:ß|ss)e\s+{_NAME}", re.IGNORECASE),
    re.compile(rf"\bje m'appelle\s+{_NAME}", re.IGNORECASE),
    re.compile(rf"\bme llamo\s+{_NAME}", re.IGNORECASE),
)
_JOINERS = {"and", "i", "but", "from", "here", "by", "the", "und", "et", "y", "is"}
# Words that follow "I'm" but are not names.
_NOT_NAMES = {
    "fine",
    "good",
    "okay",
    "ok",
    "tired",
    "sad",
    "happy",
    "here",
    "back",
    "sorry",
    "sure",
    "not",
    "so",
    "just",
    "really",
    "very",
    "feeling",
    "going",
    "done",
    "home",
    "alone",
    "lonely",
    "afraid",
    "scared",
    "glad",
    "great",
    "well",
    "busy",
    "new",
    "an",
    "a",
    "the",
    "bored",
    "angry",
    "worried",
    "excited",
}


def extract_name(text: str) -> str | None:
    """The name the user gives for themselves in ``text``, if any."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        name = match.group(1).strip()
        first = name.split()[0]
        if first.lower() in _NOT_NAMES:
            continue
        parts = name.split()
        # A second word counts only when written as a name ("Mary Ann"), never "and", "from", ...
        name = " ".join(
            [first]
            + [p for p in parts[1:] if p[:1].isupper() and p.lower() not in _JOINERS and pattern is not _PATTERNS[2]]
        )
        return " ".join(part[:1].upper() + part[1:] for part in name.split())
    return None


class ProfileStage(BaseStage):
    """Stores the user's name when they tell it, so every later session knows who is talking."""

    def __init__(self, store: ConversationStore) -> None:
        self.store = store

    async def before_reply(self, ctx: TurnContext) -> None:
        name = extract_name(ctx.text)
        if name and name != ctx.user.display_name:
            ctx.user = self.store.update_user(ctx.user.id, display_name=name)
