"""The memory stage: recall before the reply, learn after it, remind when a conversation opens.

``before_reply``
    * "What do you know about me?" is answered deterministically (``ctx.reply_override``) from stored
      facts only, each with where it came from (the user's own words and the day they said them) and
      what it replaced — an honest, sourced summary, never the model's guess.
    * "What's coming up?" lists stored dates of the next weeks, also deterministically.
    * "What were we talking about last time?" / "where were we?" quotes the user's own words from that
      conversation (:mod:`amity.memory.last_time`); the 1.5B had said there was no such conversation.
    * Otherwise the relevant facts (lexical match over the user's facts, plus identity facts such as the
      name and allergies, which matter in any conversation) and the relevant episodes from the
      :class:`~amity.memory.index.MemoryIndex` go into ``ctx.memories`` (what ``amity say --json`` reports
      as ``memories_used``) within a token budget. An episode is only used when the re-ranker gives it a
      probability of at least ``RERANKED_GATE`` (without the re-ranker: when both retrievers found it, its
      fused score beating what the vector list alone can give), so a tiny memory does not push unrelated
      snippets into the prompt. Turns the prompt's history shows (``TurnContext.shown``) are skipped.
``after_reply``
    Facts are extracted from the user's message (:class:`~amity.memory.extraction.FactExtractor`) and
    recorded with supersession (:class:`~amity.memory.facts.FactBook`); each fact is also indexed as a
    ``fact`` item (same id) so semantic search finds it, and a superseded version is removed from the
    index. The user turn and the reply are indexed as episodes (ids: their turn ids). Every change emits
    ``MemoryChanged`` before ``TurnEnd``; the indexing itself (embedding the texts: with MiniLM a forward
    pass per text) runs after ``TurnEnd`` (``TurnContext.after_end``, :mod:`amity.after_turn`: before the
    user's next turn and before any of their API requests on this worker).
    "Remind me about birthdays" / "stop reminding me" switch the opt-in reminders.
    On a session's first message, a one-off event of the last days that was never followed up ("the first day
    at the new job", Monday) is put in ``ctx.extras[FOLLOW_UP_KEY]`` and ``memories_used``; the care stages
    guide the reply to ask how it went, if it fits (:mod:`amity.memory.follow_up`).

Embedding is CPU work, so recall and indexing run in a worker thread, except with an embedder that is
cheaper than the thread hop (``offload=False``; the default decides from the index's embedder: see
``amity.memory.embedders.costly``).
``on_open``
    When the user opted in, a due reminder is emitted as ``Notice(kind="reminder")`` (rate-limited and
    worded by :class:`~amity.memory.dates.ReminderPolicy`).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from amity.events import MemoryChanged, Notice
from amity.memory.about_me import asks_about_me, sourced_summary
from amity.memory.about_person import facts_about, person_answer, person_asked
from amity.memory.dates import ReminderPolicy, coming_up_answer, due_reminder, upcoming
from amity.memory.embedders import costly
from amity.memory.extraction import FactExtractor
from amity.memory.facts import Fact, FactBook, FactChange
from amity.memory.follow_up import FOLLOW_UP_KEY, due_follow_up, mark_followed_up
from amity.memory.index import MemoryIndex, MemoryItem, SearchOptions, new_memory_id
from amity.memory.last_time import asks_what_i_told, asks_where_we_were, what_you_told, where_we_were
from amity.memory.losses import RECENT_DEATH_KEY, recent_death
from amity.memory.named_later import named_later
from amity.memory.retrieval import query_terms
from amity.memory.unknown import unknown_memory
from amity.safety.guard import LANG_KEY, user_hurting
from amity.stages import BaseStage, OpenContext, TurnContext
from amity.store.conversations import ConversationStore
from amity.types import MemoryHit

COMING_UP = re.compile(
    r"\bwhat(?:'s| is) coming up\b|\banything coming up\b|\bupcoming (?:dates|events|birthdays)\b"
    r"|\bwhat(?:'s| is) (?:on )?(?:this|next) (?:week|month)\b"
    r"|\bwhat do i have (?:this|next) (?:week|month)\b",
    re.I,
)
REMIND_ON = re.compile(
    r"\b(?:please )?remind me (?:about|of) (?:birthdays|dates|appointments|important dates|things)\b"
    r"|\bturn (?:on )?reminders(?: on)?\b|\bi'd like reminders\b",
    re.I,
)
REMIND_OFF = re.compile(
    r"\b(?:stop|don't|do not|no more) remind(?:ing|ers)?\b|\bturn (?:off )?reminders(?: off)?\b", re.I
)
ANSWERED = "memory_answered"  # ctx.extras flag: this stage answered the turn itself
RELEVANT_KEY = "memory.relevant"  # ctx.extras: how many recalled memories the message itself drew
IDENTITY_KEYS = ("name", "allergy")
# Least re-ranker probability of an episode put in the prompt. On LoCoMo dev it keeps 97.6 % of the top hits
# that are evidence and none of the 7,944 candidates only the vectors found, without a query word (docs/MEMORY.md).
RERANKED_GATE = 0.1


def restated(quote: str, said_now: set[str]) -> bool:
    """True when the fact's source words are (nearly all) in the message being answered: "My sister is visiting
    tomorrow" said again needs no "Sister's visit is on Saturday" line - the prompt has their words, and in a
    spoken turn every extra line is waited for."""
    words = set(query_terms(quote, limit=200)) if quote else set()
    return len(words) >= 3 and len(words & said_now) >= 0.8 * len(words)


def estimate_tokens(text: str) -> int:
    return int(len(text) / 3.5) + 1


# a spoken turn's episode quote: the densest run of this many words. With whole quotes (or 16 words) no episode
# fitted the 45-token late message beside an affect line: 8 words put the evidence of 37 % of LoCoMo dev's
# questions in it, against 0.1 % (benchmarks/spoken_memory_budget.py, docs/VOICE.md)
SPOKEN_QUOTE_WORDS = 8


def _day(value: datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def densest_run(text: str, query: str, words: int) -> str:
    """The ``words``-word run of ``text`` holding the most of the query's content words (ellipses where cut)."""
    tokens = text.split()
    if len(tokens) <= words:
        return text
    wanted = set(query_terms(query))
    hits = [int(bool(wanted & set(query_terms(t)))) for t in tokens]
    best = max(range(len(tokens) - words + 1), key=lambda i: (sum(hits[i : i + words]), -i))
    run = " ".join(tokens[best : best + words])
    return ("… " if best else "") + run + (" …" if best + words < len(tokens) else "")


def episode_line(
    role: str, text: str, when: datetime, query: str, *, spoken: bool = False, words: int = SPOKEN_QUOTE_WORDS
) -> str:
    """How an episode is put in the prompt. Written turns: who said it, the day, the whole turn. Spoken
    turns, whose late message has ~45 tokens: a short header and the densest run of the quote around the
    query's words (``SPOKEN_QUOTE_WORDS``), so a memory fits beside the affect line instead of being left out."""
    if not spoken:
        who = "You said" if role == "assistant" else "The user said"
        return f'{who} on {_day(when)}: "{text}"'
    who = "You" if role == "assistant" else "User"
    return f'{who}, {when.day} {when:%b %Y}: "{densest_run(text, query, words)}"'


_PRONOUN_START = re.compile(r"\s*(?:she|her|he|his)\b", re.I)


class MemoryStage(BaseStage):
    """Recall (facts + episodes) into the prompt, fact extraction and indexing, opt-in reminders."""

    def __init__(
        self,
        facts: FactBook,
        index: MemoryIndex | None = None,
        *,
        extractor: FactExtractor | None = None,
        conversations: ConversationStore | None = None,
        token_budget: int = 220,
        k_facts: int = 6,
        k_episodes: int = 4,
        policy: ReminderPolicy | None = None,
        clock: Callable[[], datetime] | None = None,
        offload: bool | None = None,
    ) -> None:
        """``conversations`` finds the stored reply turn when the engine did not set ``ctx.reply_turn``,
        so the reply is indexed under its turn id and forgetting that turn reaches the index.
        ``offload``: embed in a worker thread (default: when the index's embedder is costly)."""
        self.facts = facts
        self.index = index
        self.extractor = extractor or FactExtractor()
        self.conversations = conversations
        self.token_budget = token_budget
        self.k_facts = k_facts
        self.k_episodes = k_episodes
        self.policy = policy or ReminderPolicy()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.spoken_quote_words = SPOKEN_QUOTE_WORDS
        self.options = SearchOptions(kinds=("episode",), recency_weight=0.1, importance_weight=0.1)
        embedder = getattr(index, "embedder", None)
        self.offload = offload if offload is not None else embedder is None or costly(embedder)

    # -- on_open ----------------------------------------------------------------------------------------
    async def on_open(self, ctx: OpenContext) -> None:
        if not ctx.new_session:
            return
        due = due_reminder(self.facts.store, ctx.user.id, self.facts.active(ctx.user.id), self.clock(), self.policy)
        if due is not None:
            ctx.emit(Notice(kind="reminder", text=due[0]))

    # -- before_reply -----------------------------------------------------------------------------------
    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return  # an earlier stage (safety) already answers this turn
        user_id = ctx.user.id
        active = self.facts.active(user_id)
        if asks_about_me(ctx.text):  # in the language asked: "¿qué sabes de mí?"
            chains = {f.id: self.facts.store.chain(f.id) for f in active}
            ctx.memories = [MemoryHit(f.id, f.describe("user"), f.confidence, "fact") for f in active]
            lang = str(ctx.extras.get(LANG_KEY, "en"))
            ctx.reply_override = sourced_summary(active, chains, self._episode_count(user_id), lang)
            ctx.extras[ANSWERED] = True
            return
        if (which := asks_where_we_were(ctx.text)) is not None:  # "what were we talking about last time?"
            ctx.reply_override = where_we_were(which, ctx.history, ctx.session.id, self.clock(), ctx.user.display_name)
            ctx.extras[ANSWERED] = True
            return
        if asks_what_i_told(ctx.text):  # "do you remember what I told you?", "¿te acuerdas de lo que te conté?"
            lang = str(ctx.extras.get(LANG_KEY, "en"))
            ctx.reply_override = what_you_told(ctx.history, lang, ctx.user.display_name)
            ctx.extras[ANSWERED] = True
            return
        if (subject := person_asked(ctx.text, active)) is not None:
            about = facts_about(subject, active)
            quotes = (
                await asyncio.to_thread(self._quotes_about, ctx, subject, about)
                if self.offload
                else self._quotes_about(ctx, subject, about)
            )
            if about or quotes:  # no fact but their own words ("I look after my mum, she has dementia") will do
                ctx.memories = [MemoryHit(f.id, f.describe("user"), f.confidence, "fact") for f in about]
                ctx.reply_override = person_answer(subject, active, quotes)
                ctx.extras[ANSWERED] = True
                return
        if COMING_UP.search(ctx.text):
            events = upcoming(active, self.clock().date(), 31)
            ctx.memories = [MemoryHit(e.fact.id, e.phrase(), 1.0, "date") for e in events]
            ctx.reply_override = coming_up_answer(events, 31)
            ctx.extras[ANSWERED] = True
            return
        if REMIND_OFF.search(ctx.text):
            self.facts.store.set_reminders_enabled(user_id, False)
            ctx.guide("The user turned date reminders off. Confirm briefly and kindly.")
        elif REMIND_ON.search(ctx.text):
            self.facts.store.set_reminders_enabled(user_id, True)
            ctx.guide("The user turned on reminders for birthdays and dates. Confirm briefly.")
        if self.offload:
            ctx.memories = await asyncio.to_thread(self.recall, ctx, active)  # embedding is CPU work
        else:
            ctx.memories = self.recall(ctx, active)
        if (honest := unknown_memory(ctx.text, active, int(ctx.extras.get(RELEVANT_KEY, 0)))) is not None:
            ctx.guide(honest)  # "Do you remember my daughter's name?" when it was never told
        if ctx.first_in_session:
            death = recent_death(active, self.clock())
            if death is None:
                self.follow_up(ctx, active)
            else:  # a loss told lately comes first: a gentle hello, and no "how did it go?" this time
                ctx.extras[RECENT_DEATH_KEY] = death
                if all(m.id != death.id for m in ctx.memories):
                    ctx.memories.append(MemoryHit(death.id, death.describe("user"), 1.0, "fact"))

    def follow_up(self, ctx: TurnContext, active: Sequence[Fact]) -> None:
        """First message of a session: ask how a recent event went ("the first day at the new job"), once."""
        if user_hurting(ctx):
            return  # they opened hurting: their words now come first; the event stays due for the next session
        now = self.clock()
        event = due_follow_up(self.facts.store, ctx.user.id, active, now)
        if event is None:
            return
        ctx.extras[FOLLOW_UP_KEY] = event  # the care stages word the question (with a hello, or on its own)
        ctx.memories.append(MemoryHit(event.fact.id, event.memory_text(), 1.0, "date"))
        mark_followed_up(self.facts.store, ctx.user.id, event, now)

    def recall(self, ctx: TurnContext, active: Sequence[Fact]) -> list[MemoryHit]:
        """Relevant facts first, then identity facts, then episodes — until the token budget is used."""
        user_id = ctx.user.id
        chosen: list[MemoryHit] = []
        seen: set[str] = set()
        used = 0

        said_now = set(query_terms(ctx.text, limit=200))

        def take(hit: MemoryHit, quote: str = "") -> None:
            nonlocal used
            cost = estimate_tokens(hit.text) + 2
            if hit.id in seen or used + cost > self.token_budget or restated(quote, said_now):
                return
            chosen.append(hit)
            seen.add(hit.id)
            used += cost

        died = {f.subject: f for f in active if f.key == "died"}
        for fact, score in self.facts.search(user_id, ctx.text, self.k_facts):
            take(MemoryHit(fact.id, fact.describe("user"), score, "fact"), fact.quote)
            if (loss := died.get(fact.subject)) is not None:  # never speak of them as if they were alive
                take(MemoryHit(loss.id, loss.describe("user"), score, "fact"), loss.quote)
        found = len(chosen)  # facts the message is about (the identity facts below come along always)
        for fact in active:
            if fact.key in IDENTITY_KEYS:
                take(MemoryHit(fact.id, fact.describe("user"), fact.confidence * 0.5, "fact"), fact.quote)
        ctx.extras[RELEVANT_KEY] = found
        if self.index is None:
            return chosen
        in_prompt = ctx.shown | {ctx.user_turn.id}  # the prompt shows these turns already
        reranked = self.options.rerank and getattr(self.index, "reranker", None) is not None
        threshold = RERANKED_GATE if reranked else 1.25 / (self.options.rrf_k + 1)
        for hit in self.index.search(user_id, ctx.text, self.k_episodes, self.options):
            if hit.id not in in_prompt and hit.score >= threshold:
                take(MemoryHit(hit.id, self._episode_text(hit, ctx.text, ctx.spoken), hit.score, hit.kind))
                ctx.extras[RELEVANT_KEY] = found = found + 1
        return chosen

    def _episode_text(self, hit: MemoryHit, query: str, spoken: bool) -> str:
        store = getattr(self.index, "store", None)
        item = store.get([hit.id]).get(hit.id) if store is not None else None
        if item is None:
            return hit.text
        return episode_line(item.role, hit.text, item.created_at, query, spoken=spoken, words=self.spoken_quote_words)

    def _quotes_about(self, ctx: TurnContext, subject: str, about: Sequence[Fact]) -> list[tuple[str, datetime]]:
        """The user's own earlier statements that name the person (by name or as "my <relation>"), and in this
        window the message right after one that does when it goes on with "she/her/he/his", newest first."""
        rels = [f.value for f in about if f.key == "relation"]
        words = [subject.replace("the user's ", "my ")] + [f"my {r}" for r in rels]
        mention = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
        said = [t for t in ctx.history if t.role == "user" and t.id != ctx.user_turn.id]
        found: dict[str, tuple[str, datetime]] = {}
        for before, t in zip([None, *said], said, strict=False):
            follows = before is not None and before.session_id == t.session_id and mention.search(before.text)
            if mention.search(t.text) or (follows and _PRONOUN_START.match(t.text)):  # "Her name is Rose. She…"
                found[t.id] = (t.text, t.created_at)
        store = getattr(self.index, "store", None)
        if self.index is not None and store is not None:
            hits = self.index.search(ctx.user.id, " ".join(words), 8, self.options)
            for item in store.get([h.id for h in hits]).values():
                if item.role == "user" and item.id != ctx.user_turn.id and mention.search(item.text):
                    found.setdefault(item.id, (item.text, item.created_at))
        statements = [q for q in found.values() if not q[0].rstrip().endswith("?")]
        return sorted(statements, key=lambda q: q[1], reverse=True)

    def _episode_count(self, user_id: str) -> int:
        store = getattr(self.index, "store", None)
        return int(store.count(user_id)) if store is not None else 0

    # -- after_reply ------------------------------------------------------------------------------------
    async def after_reply(self, ctx: TurnContext, reply: str) -> None:
        user_id, turn = ctx.user.id, ctx.user_turn
        if ctx.extras.get(ANSWERED):
            return  # a question about memory, answered from memory: nothing new to learn
        known = self.facts.store.facts_of(user_id)
        drafts = await self.extractor.extract(ctx.text, self.clock().date(), known)
        previous = next(
            (
                t.text
                for t in reversed(ctx.history)
                if t.role == "user" and t.session_id == turn.session_id and t.id != turn.id
            ),
            None,
        )
        if (later := named_later(ctx.text, previous)) is not None and not any(
            d.key == "relation" and d.subject == later.subject for d in drafts
        ):
            drafts.append(later)  # "Her name is Rose." after "I look after my mum"
        changes = [self.facts.record(user_id, d, turn.id, turn.created_at) for d in drafts]
        for change in changes:
            if change.action == "reinforced":
                continue
            ctx.emit(MemoryChanged(change.action, change.fact.id, change.fact.describe("you"), "fact"))
        if self.index is None:
            return
        items = self._items(ctx, reply, changes)
        for item in items[:2]:  # the two episodes; announced now, indexed right after TurnEnd
            ctx.emit(MemoryChanged("added", item.id, item.text, "episode"))
        replaced = [c.replaced.id for c in changes if c.replaced is not None]

        async def index() -> None:
            if self.offload:
                await asyncio.to_thread(self._index, user_id, items, replaced)
            else:
                self._index(user_id, items, replaced)

        ctx.after_end(index)

    def _index(self, user_id: str, items: Sequence[MemoryItem], replaced: Sequence[str]) -> None:
        assert self.index is not None
        if replaced:
            self.index.forget(replaced)
        self.index.add_many(user_id, items)

    def _items(self, ctx: TurnContext, reply: str, changes: Sequence[FactChange]) -> list[MemoryItem]:
        """The user turn and the reply as episodes (ids: their turn ids), then new or changed facts."""
        user_id, turn = ctx.user.id, ctx.user_turn
        items = [MemoryItem.episode(turn)]
        reply_turn = ctx.reply_turn
        if reply_turn is None and self.conversations is not None:
            recent = self.conversations.recent_turns(user_id, limit=2)
            reply_turn = next((t for t in reversed(recent) if t.role == "assistant" and t.text == reply), None)
        if reply_turn is not None:
            items.append(MemoryItem.episode(reply_turn))
        else:
            items.append(
                MemoryItem(
                    user_id,
                    reply,
                    "episode",
                    self.clock(),
                    turn.session_id,
                    turn.id,
                    "assistant",
                    id=new_memory_id(),
                )
            )
        for change in changes:
            if change.action != "reinforced":
                fact = change.fact
                items.append(
                    MemoryItem(
                        user_id,
                        fact.describe("user"),
                        "fact",
                        fact.created_at,
                        turn.session_id,
                        turn.id,
                        importance=0.8,
                        id=fact.id,
                    )
                )
        return items
