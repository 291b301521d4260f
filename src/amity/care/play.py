"""Play: a bored user gets play, not chores, and "tell me something interesting" gets a true, delightful fact.

Told "im bored", the default 1.5B suggested "go for a walk or read a book?"; asked "tell me something interesting",
it promised "Let me tell you a little bit about each." and told nothing. Small talk is most of what a lonely
evening is made of, and a companion that turns it into advice or empty promises is no company.

* :func:`asks_for_a_fact` ("tell me something interesting", "tell me a fun fact", "teach me something") gets a fixed
  reply from :data:`FACTS`: a small, hand-checked bank of true and surprising facts (no myths: not "hippo milk is
  pink", not "we use 10% of our brain"), a different one each time in a conversation, with a light question back;
* :func:`is_bored` ("im bored", "so bored", "I'm bored out of my mind") gets :data:`BORED_GUIDANCE`: be playful,
  offer one fun thing (a strange true fact, a would-you-rather, a tiny game), no chores or self-improvement.
"""

from __future__ import annotations

import re

from amity.stages import BaseStage, TurnContext

FACTS: tuple[str, ...] = (
    "octopuses have three hearts - and blue blood",
    "wombat poop comes out cube-shaped",
    "sea otters hold hands while they sleep so they don't drift apart",
    "Venus takes longer to spin once around than to go once around the Sun",
    "botanically, bananas are berries - and strawberries aren't",
    "sharks are older than trees: they were around millions of years before the first forests",
    "Oxford University was already teaching before the Aztec city of Tenochtitlan was founded",
    "a group of flamingos is called a flamboyance",
    "Scotland's national animal is the unicorn",
    "crows can recognise individual human faces - and remember the ones that were mean to them",
    "butterflies taste with their feet",
    "there are more possible games of chess than atoms in the observable universe",
    "koalas have fingerprints that are almost impossible to tell apart from ours",
    "Cleopatra lived closer in time to the Moon landing than to the building of the Great Pyramid",
    "the shortest war on record, between Britain and Zanzibar in 1896, lasted under an hour",
    "rats laugh when they're tickled - in squeaks too high for us to hear",
    "the dot over a lowercase i has a name: it's called a tittle",
    "a fluffy white cloud can weigh as much as a hundred elephants",
    "some turtles can breathe through their bottoms",
    "the man who designed the Pringles can asked for some of his ashes to be buried in one",
    "astronauts come back from space a few centimetres taller, because their spines stretch out",
    "the Eiffel Tower can grow up to about 15 centimetres taller in summer, as the iron warms and expands",
)
FACT_OPENERS = ("Okay - did you know that {fact}?", "Here's one I love: {fact}.", "Try this: {fact}.")
FACT_CLOSERS = (
    "I think about that more than I should. Want another one?",
    "Isn't that wonderful? Do you have a favourite weird fact?",
    "What's the strangest thing you know?",
)
_FACT = re.compile(
    r"\btell\s+me\s+(?:something(?:\s+(?:interesting|fun|cool|new|random|weird|i\s+don't\s+know))?|a\s+(?:fun|random|cool|weird|"
    r"interesting)\s+(?:fact|thing))\s*(?:[.!?,]|lol|haha|please|pls|$)|"
    r"\b(?:tell\s+me|give\s+me|know\s+any|got\s+any)\s+(?:a\s+|some\s+)?(?:fun|random|cool|weird|interesting)\s+facts?\b|"
    r"\bteach\s+me\s+something\b|\bsay\s+something\s+interesting\b|\b(?:another|one\s+more)\s+(?:fun\s+|random\s+|weird\s+)?fact\b",
    re.IGNORECASE,
)
_MORE = re.compile(
    r"^\W*(?:(?:haha|lol|omg|wow|ok|okay|yes|yeah|yep|sure|go\s+on|please|pls)\W+)*(?:yes|yeah|yep|sure|go\s+on|more|"
    r"another(?:\s+one)?|one\s+more|again|hit\s+me)\W*(?:please|pls)?\W*$",
    re.IGNORECASE,
)
_BORED = re.compile(
    r"^\W*(?:(?:ugh|so|soo+|i'm|im|i\s+am|i\s+feel|feeling|just|really|sooo*|kinda|pretty)\W+)*bored(?:\s+out\s+of\s+my\s+(?:mind|skull))?"
    r"(?:\s+(?:lol|haha|again|today|tonight|rn|right\s+now|af))*\W*$",
    re.IGNORECASE,
)
BORED_GUIDANCE = (
    "They're bored. Be playful, not useful: no chores, walks, books or self-improvement. Offer one fun thing - a "
    "strange true fact, a would-you-rather, or a question about something they like - in a sentence or two."
)


def asks_for_a_fact(text: str) -> bool:
    """ "tell me something interesting", "know any fun facts?" (not "tell me something about yourself")."""
    return _FACT.search(text.replace("\u2019", "'")) is not None


def is_bored(text: str) -> bool:
    """ "im bored", "so bored lol" as the whole message."""
    return _BORED.search(text.replace("\u2019", "'")) is not None


def fact_reply(told_before: int) -> str:
    """The ``told_before``-th fact of a conversation (a different one each time until the bank runs out)."""
    fact = FACTS[told_before % len(FACTS)]
    opener = FACT_OPENERS[told_before % len(FACT_OPENERS)].format(fact=fact)
    return f"{opener[:1].upper()}{opener[1:]} {FACT_CLOSERS[told_before % len(FACT_CLOSERS)]}"


def _facts_told(ctx: TurnContext) -> int:
    said = [t.text for t in ctx.history if t.role == "assistant" and t.session_id == ctx.session.id]
    return sum(any(fact in text for fact in FACTS) for text in said)


class PlayStage(BaseStage):
    """A fact when asked for one, and a playful line for boredom (module docstring)."""

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is not None:
            return
        last = ctx.last_reply()
        wants_more = _MORE.search(ctx.text) is not None and any(fact in last for fact in FACTS)  # "Want another one?"
        if asks_for_a_fact(ctx.text) or wants_more:
            ctx.reply_override = fact_reply(_facts_told(ctx))
        elif is_bored(ctx.text):
            ctx.guide(BORED_GUIDANCE)
