"""The LLM pass of fact extraction: a JSON-schema-constrained request and strict validation of its answer.

:func:`extract_llm` asks the model for ``{"facts": [...]}`` under :data:`FACT_SCHEMA`, passed as
``GenerationOptions(json_schema=...)``; the embedded backend turns that into llama.cpp's grammar, so even the
135M/0.5B models produce parseable JSON. Every item is validated (:func:`validate_item`): the key must be known
(and not in :data:`RULES_ONLY`), the value and the subject must be words the user actually said (small models
invent things), dates are re-normalised from the user's words. :class:`amity.memory.extraction.FactExtractor`
merges the result under the rule results.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

from amity.errors import AmityError
from amity.llm.base import LLM, GenerationOptions, complete
from amity.memory.dates import RECURRING_KEYS, find_date
from amity.memory.facts import MULTI_KEYS, SINGLE_KEYS, FactDraft, tokens, valid_key
from amity.types import Message

RULES_ONLY = frozenset({"died"})  # too grave to take from a small model's guess ("My phone died")
KEYS = sorted((SINGLE_KEYS | MULTI_KEYS | {"favourite"}) - RULES_ONLY)
FACT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "facts": {
            "type": "array",
            "maxItems": 4,
            "items": {
                "type": "object",
                "properties": {
                    "subject": {"type": "string", "maxLength": 40},
                    "key": {"type": "string", "enum": KEYS},
                    "value": {"type": "string", "maxLength": 60},
                    "date": {"type": "string", "maxLength": 30},
                },
                "required": ["subject", "key", "value"],
            },
        }
    },
    "required": ["facts"],
}
SYSTEM_PROMPT = (
    "Extract facts the user states about themselves or people and pets in their life. "
    'Reply with JSON: {"facts": [{"subject": "user" or a person\'s name, "key": one of '
    + ", ".join(KEYS)
    + ', "value": the words the user used, "date": the date words if any}]}. '
    'Use "relation" with the person\'s name as subject and the relation (sister, dog...) as value. '
    'Only facts that are stated; if there are none reply {"facts": []}.'
)


def validate_item(item: Any, text: str, today: date, locale: str = "en-US") -> FactDraft | None:
    """A draft from one LLM item, or None when it is malformed or not grounded in the user's words."""
    if not isinstance(item, dict):
        return None
    key, value, subject = item.get("key"), item.get("value"), item.get("subject", "user")
    if not isinstance(key, str) or not isinstance(value, str) or not isinstance(subject, str):
        return None
    key, value, subject = key.strip().lower(), value.strip(), subject.strip() or "user"
    if key == "favourite":
        return None  # the thing itself is unknown; the rules handle "my favourite X is Y"
    said = tokens(text)
    if key in RULES_ONLY or not valid_key(key) or not value or not tokens(value) or not tokens(value) <= said:
        return None
    if subject.lower() in {"user", "i", "me", "myself"}:
        if key == "relation":
            return None  # a relation names another person or pet
        subject = "user"
    elif not tokens(subject) <= said:
        return None
    date_value = None
    if key in RECURRING_KEYS or key in {"appointment", "important_date"}:
        raw = item.get("date") if isinstance(item.get("date"), str) else value
        match = find_date(str(raw), today, recurring=key in RECURRING_KEYS, locale=locale)
        match = match or find_date(text, today, recurring=key in RECURRING_KEYS, locale=locale)
        if match is None:
            return None
        date_value = match.value
    return FactDraft(key, value, subject, 0.6, text.strip(), date_value, "llm")


def parse_llm_reply(reply: str, text: str, today: date, locale: str = "en-US") -> list[FactDraft] | None:
    """Validated drafts from the model's JSON, or None when the reply is not the expected JSON."""
    start, end = reply.find("{"), reply.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(reply[start : end + 1])
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        return None
    drafts = [validate_item(item, text, today, locale) for item in data["facts"]]
    return [d for d in drafts if d is not None]


async def extract_llm(
    llm: LLM, text: str, today: date, locale: str = "en-US", timeout_s: float = 30.0
) -> list[FactDraft] | None:
    """Ask the model (JSON-schema constrained); None when it failed or answered invalid JSON."""
    messages = [Message("system", SYSTEM_PROMPT), Message("user", text)]
    options = GenerationOptions(max_tokens=140, temperature=0.0, json_schema=FACT_SCHEMA, seed=0)
    try:
        reply = await asyncio.wait_for(complete(llm, messages, options), timeout_s)
    except (AmityError, TimeoutError, OSError):
        return None
    return parse_llm_reply(reply, text, today, locale)
