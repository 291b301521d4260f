"""Builds the messages for one reply: persona, honesty rules, guidance from stages, memories, history.

Small local models follow short, concrete instructions best, so the system prompt is a handful of plain
lines, and the history is trimmed to a token budget (estimated at ~3.5 characters a token), newest first.
Older turns are represented by the running summary.
"""

from __future__ import annotations

from amity.stages import TurnContext
from amity.types import Message, Persona, Turn

CHARS_PER_TOKEN = 3.5


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


def persona_block(persona: Persona, user_name: str | None) -> str:
    who = f"You are {persona.name} ({persona.pronouns}), a companion AI. {persona.backstory}"
    traits = f"Your character: {', '.join(persona.traits)}." if persona.traits else ""
    talking_to = (
        f"You are talking with {user_name}; call them by name now and then."
        if user_name
        else "You don't know the user's name yet; you may ask what to call them."
    )
    rules = (
        "Rules: you are an AI, never claim to be human; if asked about feelings, say yours are simulated. "
        "Never pressure the user to stay, never guilt-trip, never act jealous. "
        "Reply in the user's language, briefly (1-3 sentences), and end your turn."
    )
    return "\n".join(x for x in (who, traits, f"Style: {persona.speaking_style}", talking_to, rules) if x)


def select_history(history: list[Turn], budget_tokens: int) -> list[Turn]:
    """The most recent turns that fit the budget, oldest first."""
    chosen: list[Turn] = []
    used = 0
    for turn in reversed(history):
        cost = estimate_tokens(turn.text) + 4
        if used + cost > budget_tokens:
            break
        chosen.append(turn)
        used += cost
    return list(reversed(chosen))


def build_messages(ctx: TurnContext, history_budget: int) -> list[Message]:
    """Stable part first (persona, summary, examples, history) so llama.cpp's prompt cache can reuse it
    from turn to turn; what changes every turn (memories, guidance) goes in a short system message just
    before the user's message."""
    system = [persona_block(ctx.persona, ctx.user.display_name), *ctx.standing]
    if ctx.summary:
        system.append(f"Earlier in your conversations (summary): {ctx.summary}")
    messages = [Message("system", "\n".join(system))]
    for user_text, reply in ctx.persona.examples:
        messages.append(Message("user", user_text))
        messages.append(Message("assistant", reply))
    for turn in select_history(ctx.history, history_budget):
        messages.append(Message("user" if turn.role == "user" else "assistant", turn.text))
    now: list[str] = []
    if ctx.memories:
        now.append("Things you remember about the user (use only if relevant):")
        now.extend(f"- {m.text}" for m in ctx.memories)
    if ctx.guidance:
        now.append("For this reply:")
        now.extend(f"- {line}" for line in ctx.guidance)
    if now:
        messages.append(Message("system", "\n".join(now)))
    messages.append(Message("user", ctx.text))
    return messages


def summary_messages(previous: str | None, turns: list[Turn], user_name: str | None) -> list[Message]:
    who = user_name or "the user"
    lines = [f"{'User' if t.role == 'user' else 'Companion'}: {t.text}" for t in turns]
    text = "\n".join(lines)
    prior = f"Summary so far: {previous}\n\n" if previous else ""
    return [
        Message(
            "system",
            "You write short factual summaries of conversations. Keep names, places, dates, feelings, "
            "plans and preferences. Third person, at most 5 sentences. No advice, no commentary.",
        ),
        Message("user", f"{prior}New part of the conversation with {who}:\n{text}\n\nUpdated summary:"),
    ]
