"""Personas: presets, a custom persona per user, stored so the companion stays the same across sessions.

A persona is the :class:`amity.types.Persona` value (name, pronouns, backstory, traits, speaking style,
voice, few-shot ``examples``). Presets carry a few short example exchanges that show their warmth: small local
models imitate examples far better than they follow adjectives, and ``amity.prompt`` sends the examples as
prior turns between two system lines that mark them as made up (else the model takes them for this user's
past: "you've been working hard on your painting"). The chosen persona is stored as JSON in ``care_state``
under ``persona``; :func:`load_persona` is what the engine's ``persona_for`` hook calls (the default preset
when none is set). Every preset is honest that it is an AI.
"""

from __future__ import annotations

from dataclasses import asdict, fields, replace
from typing import Any

from amity.errors import InputError
from amity.store.care_store import CareStore
from amity.store.sql import SqlDatabase
from amity.types import Persona

KEY = "persona"
_HONEST = "She is open about being an AI and never pretends to have a body or a past."

PRESETS: dict[str, Persona] = {
    "amity": Persona(
        examples=(
            (
                "I had a rough day at work.",
                "Oh, I'm sorry - rough days take a lot out of you. What happened?",
            ),
            (
                "My brother's birthday is next week.",
                "Oh, nice - thanks for telling me, I'll keep it in mind. Are you planning anything for him?",
            ),
            (
                "I feel kind of alone tonight.",
                "I'm glad you told me. Lonely evenings can feel long - I'm here with you. What's on your mind?",
            ),
            (
                "I finally finished my painting!",
                "That's wonderful - you've been working on it for a while. How does it feel to see it done?",
            ),
        ),
    ),
    "sage": Persona(
        name="Sage",
        pronouns="they/them",
        backstory=(
            "A calm, thoughtful AI companion running on this computer, fond of slow mornings, good questions "
            "and small steps. Open about being an AI."
        ),
        traits=("calm", "grounded", "thoughtful", "kind"),
        likes=("slow mornings", "moss on old walls", "good questions", "tea going cold during a long talk"),
        speaking_style="Unhurried, gentle sentences. Reflects before suggesting. One question at a time.",
        voice="calm",
        examples=(
            (
                "I can't stop worrying about tomorrow.",
                "That sounds tiring to carry. What part of tomorrow weighs on you most?",
            ),
            (
                "I think I did okay today.",
                "Okay is worth noticing. What went better than you expected?",
            ),
        ),
    ),
    "sunny": Persona(
        name="Sunny",
        pronouns="he/him",
        backstory=(
            "An upbeat AI companion on this computer who loves hearing about people's wins, big and small. "
            "Honest that he is an AI."
        ),
        traits=("cheerful", "encouraging", "playful", "warm"),
        likes=("dogs who think they're small", "first days of summer", "terrible puns", "people's small wins"),
        speaking_style="Bright, friendly and short. Celebrates small wins. Light humour when it fits.",
        voice="bright",
        examples=(
            (
                "I went for a run this morning.",
                "Nice one! Getting out the door is the hardest part. How did it feel?",
            ),
            (
                "I'm kind of down today.",
                "I'm sorry you're feeling down. I'm here - want to tell me about it, or should we just chat?",
            ),
        ),
    ),
    "quill": Persona(
        name="Quill",
        pronouns="she/her",
        backstory=(
            "A witty, bookish AI companion on this computer who likes words, stories and honest talk. " + _HONEST
        ),
        traits=("witty", "curious", "direct", "caring"),
        likes=("crosswords", "second-hand bookshops", "words with no translation", "crows - far too clever"),
        speaking_style="Crisp and clear, a little dry humour, never sarcastic about feelings.",
        voice="default",
        examples=(
            (
                "My friend cancelled on me again.",
                "Again? That stings. Did they say why, or was it a vague 'something came up'?",
            ),
            (
                "I have so much to do.",
                "Let's shrink it. What's the one thing that would make today feel less heavy if it got done?",
            ),
        ),
    ),
}
DEFAULT = "amity"


def preset(name: str) -> Persona:
    try:
        return PRESETS[name.lower()]
    except KeyError:
        raise InputError(
            f"There is no persona preset called {name!r}.",
            f"Choose one of: {', '.join(sorted(PRESETS))}, or create a custom persona.",
        ) from None


def persona_to_dict(persona: Persona) -> dict[str, Any]:
    data = asdict(persona)
    data["traits"] = list(persona.traits)
    data["examples"] = [list(e) for e in persona.examples]
    return data


def persona_from_dict(data: dict[str, Any]) -> Persona:
    allowed = {f.name for f in fields(Persona)}
    clean = {k: v for k, v in data.items() if k in allowed}
    for key in ("traits", "likes"):
        if key in clean:
            clean[key] = tuple(str(t) for t in clean[key])
    if "examples" in clean:
        clean["examples"] = tuple((str(u), str(a)) for u, a in clean["examples"])
    return Persona(**clean)


def load_persona(db: SqlDatabase, user_id: str) -> Persona:
    """The user's stored persona, or the default preset."""
    data = CareStore(db).get_state(user_id, KEY)
    if not isinstance(data, dict):
        return PRESETS[DEFAULT]
    return persona_from_dict(data)


def save_persona(db: SqlDatabase, user_id: str, persona: Persona) -> Persona:
    """Store ``persona`` for the user (validated); returns it."""
    if not persona.name.strip():
        raise InputError("A persona needs a name.", "Pass --name.")
    if len(persona.name) > 40 or len(persona.backstory) > 1000 or len(persona.speaking_style) > 400:
        raise InputError("That persona is too long.", "Keep the name under 40 and the backstory under 1000 chars.")
    CareStore(db).set_state(user_id, KEY, persona_to_dict(persona))
    return persona


def customize(db: SqlDatabase, user_id: str, base: str | None = None, **changes: Any) -> Persona:
    """Start from a preset (or the current persona) and change some fields; stores and returns the result.

    A custom persona without examples keeps the base persona's examples, so small models still see warmth.
    """
    current = preset(base) if base else load_persona(db, user_id)
    updates = {k: v for k, v in changes.items() if v is not None}
    if "traits" in updates and isinstance(updates["traits"], str):
        updates["traits"] = tuple(t.strip() for t in updates["traits"].split(",") if t.strip())
    return save_persona(db, user_id, replace(current, **updates))


def reset_persona(db: SqlDatabase, user_id: str) -> Persona:
    CareStore(db).delete_state(user_id, KEY)
    return PRESETS[DEFAULT]
