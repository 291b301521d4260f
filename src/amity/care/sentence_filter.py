"""The streaming core of the sentence-dropping reply guards (sign-offs, repeats, unasked advice).

:func:`filter_sentences` passes a reply through piece by piece and leaves out each whole sentence that ``drop``
says to drop. A sentence is held back only while ``undecided`` says its start could still turn into one to drop;
once it cannot, it streams on, a trailing "." kept back until the next piece shows whether the sentence ended.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable

_END = re.compile(r"[.!?…]+[\"')\]]*\s+")
_TRAILING_END = re.compile(r"[.!?…]*[\"')\]]*$")


async def filter_sentences(
    pieces: AsyncIterator[str], drop: Callable[[str], bool], undecided: Callable[[str], bool]
) -> AsyncIterator[str]:
    """``pieces`` without the sentences ``drop`` is true for; ``undecided(start)``: the sentence begun so far may
    still be one to drop (hold it)."""
    buffer = ""  # the current sentence, not yet shown
    passing = False  # it cannot be dropped: stream it
    async for piece in pieces:
        buffer += piece
        while (m := _END.search(buffer)) is not None:
            sentence, buffer = buffer[: m.end()], buffer[m.end() :]
            if passing or not drop(sentence):
                yield sentence
            passing = False
        if not passing and buffer.strip() and not undecided(buffer.lstrip()):
            passing = True
        if passing:  # keep a trailing "." back: whether the sentence ended shows with the next piece
            cut = len(buffer) - len(_TRAILING_END.search(buffer)[0])  # type: ignore[index]
            if cut > 0:
                yield buffer[:cut]
                buffer = buffer[cut:]
    if buffer and (passing or not drop(buffer)):
        yield buffer
