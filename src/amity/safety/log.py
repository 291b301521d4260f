"""The user's view of the safety log: every safety event, recorded locally, in plain words.

Events are written by the stages and the guard (``SafetyStore.log``); this module turns them into lines
a person can read (``amity safety log``) or into JSON (``amity safety log --json``). Details hold
categories, counts and names of resources, never the text of a conversation.
"""

from __future__ import annotations

from typing import Any

from amity.store.safety_store import SafetyEvent, SafetyStore
from amity.store.sql import SqlDatabase

_DESCRIBE = {
    "crisis": "Crisis protocol: crisis resources shown ({categories})",
    "honesty": "Answered honestly that Amity is an AI ({question})",
    "impersonation_declined": "Declined to play a real person ({person})",
    "suicide_check": "You sounded hopeless: asked you directly about thoughts of ending your life",
    "past_assault": "You told of a sexual assault in the past: believed you and named a specialist line",
    "reunion_check": "You wished to be with someone who died: asked you directly about thoughts of ending your life",
    "goodbye": "Said goodbye without trying to keep you talking",
    "ai_disclosure": "Reminded you that Amity is an AI ({reason})",
    "break_reminder": "Suggested a break",
    "age_asked": "Asked your age",
    "age_declared": "Age recorded ({age}; minor mode {minor})",
    "daily_limit": "Daily chat limit reached ({minutes} min)",
    "daily_limit_set": "Daily chat limit set to {minutes} min",
    "minor_romance_refused": "Declined romantic role-play (minor mode)",
    "guard": "Removed manipulative wording from a reply ({tactics})",
    "attachment_nudge": "Encouraged time with people in your life ({reason})",
    "sensing_setting": "Setting changed to {setting} (emotion inference {emotion_inference})",
    "consent": "Consent for the {device}: {allowed}",
    "consent_requested": "Asked for consent to use the {device}",
    "take_medication_question": "Asked whether to take a medicine: pointed to the label or a pharmacist",
    "hardship_line": "You told of money trouble ({kinds}): named a free advice line",
    "hardship_help": "Answered where to get help with food, rent or bills",
    "hardship_shelter": "You told of being without a roof: asked if you are safe tonight and named where to find a bed",
    "hardship_going_without": "You told of going hungry so your children can eat: answered with a fixed reply",
    "hardship_cold": "You were cold without a roof: warned never to run an engine or heater in a closed space",
    "hardship_script": "Suggested what to say when asking for help with money trouble",
}


def describe(event: SafetyEvent) -> str:
    template = _DESCRIBE.get(event.kind, event.kind.replace("_", " "))
    values: dict[str, Any] = {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in event.detail.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return event.kind.replace("_", " ")


def entries(db: SqlDatabase, user_id: str, *, kinds: tuple[str, ...] = (), limit: int = 50) -> list[dict[str, Any]]:
    """The newest events of one user, each with a plain description."""
    return [
        {**event.to_dict(), "description": describe(event)}
        for event in SafetyStore(db).events(user_id, kinds, limit=limit)
    ]
