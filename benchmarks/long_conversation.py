"""A long conversation with the real model: the stepped history window against the sliding one, side by side.

Once a conversation outgrows the history budget (``history_tokens``, 1400 estimated tokens, about 16
exchanges), a window that slides turn by turn changes the prompt right after the examples at every turn,
so llama.cpp re-evaluates the whole history each time (in the turn, or in ``Companion.warm`` between
turns). The shipped window moves in steps: the oldest turns are summarised at once and the prompt then
only grows at its end until the next step (``amity.prompt.history_window``).

Both run in one process, each on its own llama.cpp instance of the same model (own prompt cache) and its own
database, alternating turn by turn, with the chat front end's schedule: turn, after-turn work (the
summary), then ``warm`` (the next prefix). ``sliding`` is the previous policy, kept here for the
comparison: the summary's coverage is not used for the window and a summary is written once 8 turns have
left it.

    python benchmarks/long_conversation.py [--model embedded:qwen2.5-coder-0.5b] [--turns 40] [--think 5]

Per turn it records llama.cpp's prompt tokens evaluated in the turn (``prompt_n``), the first token, the
after-turn and warm-up wall times, and the wait a user who answers ``--think`` seconds after the reply
would see before the first token (the unfinished between-turn work delays the next turn).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from amity.app import App, build_app, make_llm, open_database
from amity.config import Config
from amity.engine import STOP_SEQUENCES, Companion
from amity.errors import AmityError
from amity.events import TurnEnd
from amity.llm.base import GenerationOptions, complete
from amity.prompt import select_history, summary_messages, turn_tokens
from amity.store.db import to_ts
from amity.types import Session, User

MESSAGES = [
    "Hi, I'm Maya. I just got home from a long shift at the hospital.",
    "I'm a nurse on the night ward, so my sleep is all over the place.",
    "My sister Lena is visiting this weekend and I'm a bit nervous about it.",
    "We haven't really talked since our dad's funeral last spring.",
    "She thinks I should have visited him more when he was ill.",
    "Maybe she's right. I was working double shifts back then.",
    "Anyway, I'm planning to cook her favourite dish, lentil soup.",
    "Do you have any idea how to make lentil soup a bit more special?",
    "Good idea. I also want to take her to the botanical garden on Sunday.",
    "The garden was our mum's favourite place when we were kids.",
    "I get anxious before big conversations. My chest gets tight.",
    "Breathing slowly helps a bit. So does writing things down.",
    "Tonight I wrote a list of things I want to say to Lena.",
    "The first one is that I miss her. That's the hardest one to say.",
    "My cat Miso is sitting on the list right now, which is not helping.",
    "He's a grey tabby, fourteen years old, and very opinionated.",
    "Work was rough today. We lost a patient in the early morning.",
    "I don't usually talk about it. You just go on to the next bed.",
    "My colleague Sam brought me coffee afterwards, which was kind.",
    "I think I need a day off soon. My next free day is Thursday.",
    "On Thursday I might go swimming. I used to swim every week.",
    "I stopped swimming when dad got sick. No time, no energy.",
    "Lena called just now. She's arriving on Friday evening, not Saturday.",
    "So I have one day less to prepare. I'm trying not to panic.",
    "I cleaned the guest room and put fresh flowers in it.",
    "Sunflowers, because they remind me of the garden at home.",
    "I'm also a bit worried she'll notice how tired I look.",
    "She always notices things. She was the observant one growing up.",
    "I was the one who kept the peace in our family.",
    "Maybe that's why I became a nurse. Taking care of people.",
    "Sometimes I forget to take care of myself, though.",
    "What would you say is one small thing I could do for myself tonight?",
    "A bath sounds nice. I have lavender salts somewhere.",
    "I found them. Miso is judging me from the door.",
    "Thanks for listening tonight. It helps to say things out loud.",
    "Do you remember when my sister is arriving?",
    "And what did I want to tell her first?",
    "Right. I'll try to say it on Friday, before I lose my nerve.",
    "I think I'm ready for bed now.",
    "Good night. Talk tomorrow.",
]


class SlidingCompanion(Companion):
    """The previous policy, for the comparison: the window slides by one turn whenever the history is full,
    and a summary is written once 8 turns have left it."""

    def _summary(self, user_id: str) -> tuple[str | None, Any]:
        text, _until = super()._summary(user_id)
        return text, None  # the window ignores the summary's coverage: the newest turns that fit

    async def _summarise(self, user: User, session: Session) -> None:
        history = self.store.recent_turns(user.id, limit=200)
        window = select_history(history, self.settings.history_tokens)
        if len(window) == len(history):
            return
        oldest_in_window = window[0].created_at if window else history[-1].created_at
        previous = self.store.latest_summary(user.id)
        after = previous[1] if previous else None
        pending = [
            t for t in history if t.created_at < oldest_in_window and (after is None or to_ts(t.created_at) > after)
        ]
        if len(pending) < 8:
            return
        try:
            text = await complete(
                self.llm,
                summary_messages(previous[0] if previous else None, pending, user.display_name),
                GenerationOptions(max_tokens=160, temperature=0.2, stop=STOP_SEQUENCES),
            )
        except AmityError:
            return
        if text.strip():
            self.store.add_summary(user.id, session.id, text.strip(), to_ts(pending[-1].created_at))


async def one_turn(app: App, text: str) -> dict[str, float]:
    started = time.perf_counter()
    end: TurnEnd | None = None
    ended = started
    timings: dict[str, float] = {}
    earlier = app.store.recent_turns("maya", limit=1000)
    history_full = sum(turn_tokens(t) for t in earlier) > app.companion.settings.history_tokens
    async for event in app.companion.turn("maya", text):  # returns once the after-turn work is done
        if isinstance(event, TurnEnd):
            end = event
            ended = time.perf_counter()
            timings = dict(getattr(app.companion.llm, "last_timings", {}))  # the reply's, not the summary's
    assert end is not None
    after_s = time.perf_counter() - ended
    warm_start = time.perf_counter()
    await app.companion.warm("maya")
    warm_s = time.perf_counter() - warm_start
    return {
        "first_token_ms": end.timings_ms["first_token"],
        "turn_ms": (ended - started) * 1000,
        "prompt_n": float(timings.get("prompt_n", -1)),
        "cache_n": float(timings.get("cache_n", -1)),
        "after_turn_ms": after_s * 1000,
        "warm_ms": warm_s * 1000,
        "history_full": float(history_full),  # the conversation before this turn outgrew history_tokens
    }


def build(config: Config, home: Path, policy: str) -> App:
    os.environ["AMITY_HOME"] = str(home / policy)
    app = build_app(config, llm=make_llm(config), db=open_database(config))
    if policy == "sliding":
        app.companion.__class__ = SlidingCompanion
    return app


def summarise(rows: dict[str, list[dict[str, float]]], think_s: float) -> dict[str, dict[str, float]]:
    """Medians over the turns whose history outgrew the budget (before that both policies are the same),
    and the wait for a user answering ``think_s`` s after each turn (2 s and 10 s too)."""
    out: dict[str, dict[str, float]] = {}
    for policy, mine in rows.items():
        full = [i for i, r in enumerate(mine) if r.get("history_full") and r["first_token_ms"] > 100]
        stats = {f"median_{k}": round(statistics.median(mine[i][k] for i in full), 1) for k in mine[0]}
        stats["turns_measured"] = len(full)
        stats["mean_between_turns_ms"] = round(
            statistics.fmean(mine[i]["after_turn_ms"] + mine[i]["warm_ms"] for i in full), 1
        )
        stats["summaries"] = sum(1 for r in mine if r["after_turn_ms"] > 1000)
        for think in sorted({2.0, think_s, 10.0}):
            waits = [
                mine[i]["first_token_ms"]
                + max(0.0, mine[i - 1]["after_turn_ms"] + mine[i - 1]["warm_ms"] - think * 1000)
                for i in full
                if i > 0
            ]
            stats[f"median_wait_{think:g}s_ms"] = round(statistics.median(waits), 1)
            stats[f"max_wait_{think:g}s_ms"] = round(max(waits), 1)
        out[policy] = stats
    return out


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="embedded:qwen2.5-coder-0.5b")
    parser.add_argument("--turns", type=int, default=len(MESSAGES))
    parser.add_argument("--max-tokens", type=int, default=60)
    parser.add_argument("--think", type=float, default=5.0, help="seconds the user takes to answer")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="amity-long-"))
    config = replace(Config(), model=args.model, max_reply_tokens=args.max_tokens, temperature=0.0)
    apps = {policy: build(config, home, policy) for policy in ("stepped", "sliding")}
    rows: dict[str, list[dict[str, float]]] = {policy: [] for policy in apps}
    for i in range(args.turns):
        text = MESSAGES[i % len(MESSAGES)]
        for policy, app in apps.items():
            row = await one_turn(app, text)
            previous = rows[policy][-1] if rows[policy] else None
            backlog_ms = (previous["after_turn_ms"] + previous["warm_ms"]) if previous else 0.0
            row["user_wait_ms"] = row["first_token_ms"] + max(0.0, backlog_ms - args.think * 1000)
            rows[policy].append(row)
            print(
                f"{i + 1:>3} {policy:8} prompt_n {row['prompt_n']:>6.0f} first {row['first_token_ms']:>7.0f} ms  "
                f"after {row['after_turn_ms']:>7.0f}  warm {row['warm_ms']:>7.0f}  wait {row['user_wait_ms']:>7.0f}",
                flush=True,
            )
    for app in apps.values():
        await app.aclose()

    result = {
        "model": args.model,
        "turns": args.turns,
        "max_tokens": args.max_tokens,
        "think_s": args.think,
        "load_average": os.getloadavg(),
        "summary": summarise(rows, args.think),
        "rows": rows,
    }
    print(json.dumps(result["summary"], indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
