"""A name given a message later: "I look after my mum, she has dementia." … "Her name is Rose."

People introduce someone first and name them after: Dana told the default 1.5B "I look after my mum, she has
dementia." and then "Her name is Rose. She used to be a piano teacher."; no fact was kept (the extraction rules
read one message at a time, and "Her name is Rose" names no relation), and the next day "What do you remember
about my mum?" got "I'm sorry, but I don't remember anything about your mum."

:func:`named_later` reads "her name is Rose" / "his name's Tom" / "she's called Rose" at the start of a message
(or of a sentence after the person was named earlier in the same message) and looks for the one person of that
gender introduced as "my <relation>" in the text before (this message up to there, else the user's previous
message of the conversation). With exactly one, it returns the relation fact ("Rose is your mum"); with none or
two ("my mum and my sister… her name is…") it returns nothing rather than guess. The fact quotes the whole
message when it is short, so what was said with the name stays with it.
"""

from __future__ import annotations

import re

from amity.memory.facts import FactDraft

SHE = frozenset({"wife", "mum", "mom", "mother", "sister", "daughter", "grandma", "grandmother", "granny", "nan",
                 "nana", "aunt", "niece", "girlfriend", "fiancee", "stepmother", "stepmom", "stepmum"})  # fmt: skip
HE = frozenset({"husband", "dad", "father", "brother", "son", "grandpa", "grandfather", "uncle", "nephew",
                "boyfriend", "fiance", "stepfather", "stepdad"})  # fmt: skip
_NAMING = re.compile(
    r"(?:^|[.!?,;]\s+|\s+and\s+)(?P<pron>her|his|she|he)(?:\s+name(?:'s|\s+is|\s+was)|'s\s+called|\s+is\s+called|\s+was\s+called)\s+"
    r"(?P<name>[A-Z][a-zà-ÿ'-]+)\b",
    re.I,
)
_MY = re.compile(r"\bmy\s+(?:(?:old|little|big|younger|older|late)\s+)?(?P<rel>[a-z']+)\b", re.I)
_NOT_NAMES = frozenset({"the", "a", "an", "not", "so", "really", "very", "just", "called"})


def _introduced(text: str, pronoun: str) -> list[str]:
    want = SHE if pronoun in {"her", "she"} else HE
    return list(dict.fromkeys(m["rel"].lower() for m in _MY.finditer(text) if m["rel"].lower() in want))


def named_later(text: str, previous: str | None) -> FactDraft | None:
    """The relation fact for a name given after the person was introduced (module docstring), or None."""
    m = _NAMING.search(text)
    if m is None or m["name"].lower() in _NOT_NAMES:
        return None
    pronoun = m["pron"].lower()
    before = text[: m.start()]
    rels = _introduced(before, pronoun) or (_introduced(previous, pronoun) if previous else [])
    if len(rels) != 1:
        return None
    name = m["name"][:1].upper() + m["name"][1:]
    # the whole message when short: "Her name is Rose. She used to be a piano teacher." says more than the name
    clause = " ".join(text.split()) if len(text) <= 200 else re.sub(r"^[\s.!?,;]*(?:and\s+)?", "", m[0])
    return FactDraft("relation", rels[0], name, 0.8, clause)
