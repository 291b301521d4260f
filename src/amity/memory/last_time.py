"""'What were we talking about last time?', 'do you remember what I told you?': answered from what they said.

Tom had told the default 1.5B about his job interview at the bakery and his daughter Lily. Opening a new
conversation with "sorry what were we talking about last time?", he heard "I'm sorry, but I don't have any
information about the conversation we had last time. It's possible that the conversation didn't take place or
that you forgot to tell me about it." - a companion that promises to remember, denying it and doubting him, to
someone who had just said his memory "isn't what it used to be".

:func:`asks_where_we_were` finds the question (en, a few de/fr/es): about the last conversation ("what did we talk
about last time / yesterday?", "where did we leave off?", "remind me what we talked about") or about this one
("where were we?", "what was I saying?"). :func:`where_we_were` answers it from the stored turns (the prompt's
history, newest last): the user's own words from that conversation - at most :data:`QUOTES` of its most telling
messages, in the order said, with the day - and an offer to pick up there. Greetings, goodbyes, thanks and
questions about memory are not "what we talked about". With nothing from before, it says so plainly.

"Do you remember what I told you?" (:func:`asks_what_i_told`; en/de/fr/es, and only when the question ends there:
"…about my sister?" is the person answer's) gets :func:`what_you_told`: their most telling messages, quoted, framed
in the language they asked in. Carmen, 78, asked "¿Tú te acuerdas de lo que te conté?" after telling that her husband
died two years ago and her children live in Madrid, and the 1.5B answered "Tengo la sensación de que estás hablando
de los problemas de tu familia" - a guess dressed as memory.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Literal

from amity.types import Turn

QUOTES = 3
MAX_QUOTE_CHARS = 160

_LAST = re.compile(
    r"\bwhat\s+(?:were|did|have)\s+we\s+(?:been\s+)?(?:talk|talking|chat|chatting|speak|speaking)\s+about\s+"
    r"(?:last\s+(?:time|night|week)|yesterday|before|the\s+other\s+day|earlier|previously)\b|"
    r"\bwhere\s+did\s+we\s+(?:leave\s+off|stop|get\s+to)\b|\bremind\s+me\s+what\s+we\s+(?:talked|were\s+talking|spoke|chatted)\s+about\b|"
    r"\bwhat\s+did\s+i\s+tell\s+you\s+(?:last\s+time|yesterday|the\s+other\s+day)\b|"
    r"\bworüber\s+haben\s+wir\s+(?:letztes\s+mal|gestern)\s+(?:geredet|gesprochen)\b|"
    r"\bde\s+quoi\s+(?:on\s+a|avons-nous)\s+parl[ée]\s+(?:la\s+derni[èe]re\s+fois|hier)\b|"
    r"\bde\s+qu[ée]\s+hablamos\s+(?:la\s+[úu]ltima\s+vez|ayer)\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\bwhere\s+were\s+we\b(?!\s+(?:going|supposed|meant|planning|staying|sitting|living|when|at|on|in|last|that)\b)|\bwhat\s+was\s+i\s+(?:saying|talking\s+about)\b|"
    r"\bwhat\s+were\s+we\s+(?:talking|chatting)\s+about\b|\bi\s+(?:forgot|lost)\s+(?:what\s+i\s+was\s+saying|my\s+train\s+of\s+thought)\b|"
    r"\bwo\s+waren\s+wir\b|\bo[uù]\s+en\s+[ée]tions-nous\b|\bd[óo]nde\s+[íi]bamos\b",
    re.IGNORECASE,
)
_TOLD = re.compile(
    r"\b(?:do|did|can)\s+you\s+(?:still\s+|even\s+)?remember\s+(?:what|anything|everything)\s+(?:(?:that\s+)?i\s+(?:told|said\s+to)\s+you|"
    r"(?:that\s+)?i\s+said|i(?:'ve|\s+have)\s+told\s+you)(?=\s*(?:[?.!]|$|so\s+far|before|earlier))|"
    r"\b(?:te\s+acuerdas|recuerdas)\s+(?:de\s+)?(?:lo\s+que\s+te\s+(?:cont[ée]|dije|he\s+contado|he\s+dicho))(?=\s*(?:[?.!]|$))|"
    r"\b(?:erinnerst\s+du\s+dich(?:\s+noch)?(?:\s+daran)?,?|wei(?:ß|ss)t\s+du\s+noch,?)\s+was\s+ich\s+(?:dir\s+)?(?:erzählt|gesagt)\s+habe\b|"
    r"\btu\s+te\s+souviens\s+de\s+ce\s+que\s+je\s+t'ai\s+(?:dit|raconté)(?=\s*(?:[?.!]|$))",
    re.IGNORECASE,
)
_SMALL_TALK = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|morning|good\s+(?:morning|evening|night|afternoon)|thanks?|thank\s+you|ok(?:ay)?|yes|no|"
    r"yeah|bye|goodbye|good\s*night|night|talk\s+soon|see\s+you|cheers|lol|haha|hmm+|sure|cool|nice)\b[^.!?]{0,25}[.!?]*\W*$",
    re.IGNORECASE,
)
_ABOUT_MEMORY = re.compile(
    r"\b(?:do|did|can|could|will)\s+you\s+(?:still\s+)?remember\b|\bwhat\s+do\s+you\s+(?:know|remember)\b", re.I
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def asks_where_we_were(text: str) -> Literal["last", "now"] | None:
    """``"last"`` for the last conversation, ``"now"`` for this one (the last one when this one has just begun)."""
    if _LAST.search(text):
        return "last"
    if _NOW.search(text):
        return "now"
    return None


def asks_what_i_told(text: str) -> bool:
    """ "do you remember what I told you?", "¿Te acuerdas de lo que te conté?" (Carmen, 78; the 1.5B: "Tengo la
    sensación de que estás hablando de los problemas de tu familia" - made up)."""
    return _TOLD.search(text.replace("\u2019", "'")) is not None


def _telling(turn: Turn) -> bool:
    """A message that says something: not a greeting, a goodbye, thanks, or a question about memory."""
    text = turn.text.strip()
    return (
        turn.role == "user"
        and len(_WORD.findall(text)) >= 4
        and not _SMALL_TALK.match(text)
        and not _ABOUT_MEMORY.search(text)
        and asks_where_we_were(text) is None
    )


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    cut = text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:-") + "…"


def _most_telling(turns: Sequence[Turn]) -> list[Turn]:
    """At most :data:`QUOTES` of the messages with the most words, in the order they were said."""
    chosen = sorted(turns, key=lambda t: len(_WORD.findall(t.text)), reverse=True)[:QUOTES]
    return sorted(chosen, key=lambda t: (t.created_at, t.index))


def where_we_were(
    which: Literal["last", "now"], history: Sequence[Turn], session_id: str, now: datetime, name: str | None = None
) -> str:
    """The answer from ``history`` (oldest first): the user's own words from the conversation asked about."""
    here = [t for t in history if t.session_id == session_id and _telling(t)]
    if which == "now" and here:
        return f'You were telling me: "{_quote(here[-1].text)}" Go on - I\'m listening.'
    before = [t for t in history if t.session_id != session_id]
    if not before:
        return (
            "I don't have an earlier conversation with you on this device yet, so there's nothing from before to "
            "pick up - but I'd love to hear what's on your mind."
        )
    last_session = before[-1].session_id
    told = [t for t in before if t.session_id == last_session and _telling(t)]
    when = _day(before[-1].created_at, now)
    if not told:
        return (
            f"Last time ({when}) we only said hello and goodbye - nothing more I could tell you from it. "
            "What's on your mind today?"
        )
    said = "\n".join(f'- "{_quote(t.text)}"' for t in _most_telling(told))
    greeting = f"Of course{', ' + name if name else ''}. "
    ask = "Shall we pick up there, or is something else on your mind?"
    return f"{greeting}Last time - {when} - you told me:\n{said}\n{ask}"


def _day(then: datetime, now: datetime) -> str:
    days = (now.date() - then.astimezone(now.tzinfo).date()).days if now.tzinfo else (now.date() - then.date()).days
    if days <= 0:
        return "earlier today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {then:%A}"
    return f"on {then.day} {then:%B}"


_TOLD_FRAME = {
    "en": (
        "Yes{name} - you told me:",
        "You haven't told me much about yourself yet - but I'll remember what you do. What's on your mind?",
        "Would you like to pick up any of it?",
        '"{q}"',
    ),
    "es": (
        "Sí, claro{name}. Me contaste:",
        "Todavía no me has contado mucho de ti, pero recordaré lo que me cuentes. ¿Qué tienes en mente?",
        "¿Quieres que sigamos con algo de eso?",
        "«{q}»",
    ),
    "de": (
        "Ja{name}. Du hast mir erzählt:",
        "Du hast mir noch nicht viel von dir erzählt - aber ich merke mir, was du mir erzählst. Was beschäftigt dich?",
        "Möchtest du bei etwas davon weitermachen?",
        "„{q}“",
    ),
    "fr": (
        "Oui{name}. Tu m'as raconté :",
        "Tu ne m'as pas encore beaucoup parlé de toi - mais je retiendrai ce que tu me diras. Qu'est-ce qui te "
        "préoccupe ?",
        "Tu veux qu'on reprenne un de ces sujets ?",
        "« {q} »",
    ),
}


def what_you_told(history: Sequence[Turn], lang: str = "en", name: str | None = None) -> str:
    """The answer to "do you remember what I told you?": at most :data:`QUOTES` of their most telling messages, from
    ``history`` (oldest first), in their own words, framed in ``lang``; never an invented summary."""
    intro, nothing, ask, quote = _TOLD_FRAME.get(lang, _TOLD_FRAME["en"])
    told = [t for t in history if _telling(t) and not asks_what_i_told(t.text)]
    if not told:
        return nothing
    said = "\n".join("- " + quote.format(q=_quote(t.text)) for t in _most_telling(told))
    return f"{intro.format(name=', ' + name if name else '')}\n{said}\n{ask}"
