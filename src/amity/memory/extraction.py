"""Fact extraction from one user message: rules first, a grammar-constrained LLM pass when configured.

Rules (:func:`extract_rules`) are precise English patterns, one clause at a time: name, age, where the
user lives (``live in`` / ``moved to``) or comes from, job and employer, allergies, likes and dislikes,
favourites, the names of family, friends and pets (``my sister Maya``, ``my dog is called Biscuit``,
``Tom is my brother``), birthdays (the user's, a named person's, ``my sister's`` resolved through known
relations), anniversaries, appointments or other events with a date, and life events told with a date ("I start a
new job on Monday", :mod:`amity.memory.life_events`). Patterns are anchored on the
first person (``I live in``), so negations (``I don't live in``) and questions do not match.

The LLM pass (:func:`amity.memory.llm_facts.extract_llm`) asks the model for ``{"facts": [...]}`` under a
JSON schema, and validates every item against the user's words. Invalid JSON, a timeout or a backend error falls
back to the rule results alone; rule results win over LLM results for the same key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from amity.llm.base import LLM
from amity.memory import rules_intl
from amity.memory.dates import find_date
from amity.memory.facts import (
    MULTI_KEYS,
    Fact,
    FactDraft,
    format_date_value,
    norm,
)
from amity.memory.life_events import life_event
from amity.memory.llm_facts import extract_llm
from amity.memory.losses import death_of
from amity.profile import extract_name

RELATIONS = (
    "best friend|girlfriend|boyfriend|grandmother|grandfather|granddaughter|grandson|stepmother|stepfather|"
    "sister|brother|mother|father|mom|mum|dad|son|daughter|wife|husband|partner|fiancée|fiancee|fiancé|"
    "fiance|friend|boss|grandma|grandpa|aunt|uncle|cousin|niece|nephew|roommate|flatmate|colleague|"
    "coworker|neighbour|neighbor|therapist|dog|cat|puppy|kitten|rabbit|bunny|hamster|parrot|bird|horse|"
    "turtle|pet"
)
PETS = frozenset(
    {"dog", "cat", "puppy", "kitten", "rabbit", "bunny", "hamster", "parrot", "bird", "horse", "turtle", "pet"}
)
HUMANS = "|".join(r for r in RELATIONS.split("|") if r not in PETS)
OCCUPATIONS = (
    "teacher|nurse|doctor|engineer|developer|programmer|designer|student|lawyer|accountant|chef|cook|"
    "waiter|waitress|cashier|driver|pilot|artist|writer|journalist|musician|scientist|researcher|"
    "pharmacist|dentist|plumber|electrician|carpenter|mechanic|farmer|librarian|architect|firefighter|"
    "police officer|paramedic|therapist|psychologist|social worker|manager|consultant|translator|"
    "photographer|baker|barista|cleaner|retiree|veterinarian|vet|professor|lecturer|salesperson|"
    "software engineer|data scientist|nanny|carer|caregiver|hairdresser|electrician|soldier"
)
EVENT_WORDS = (
    r"appointment|interview|exam|surgery|operation|check-?up|flight|party|wedding|graduation|funeral|"
    r"concert|recital|trip|holiday|vacation|deadline|match|game|presentation|meeting|therapy|physio|"
    r"physiotherapy|chemo|chemotherapy|x-ray|class|lesson"
)
APPOINTMENT_WORDS = frozenset(
    {"appointment", "interview", "exam", "surgery", "operation", "checkup", "check-up", "therapy", "physio"}
    | {"physiotherapy", "chemo", "chemotherapy", "x-ray"}
)
_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?"  # "Dr. Patel": the title stays in the name
_ONE_NAME = r"[A-Z][a-zà-ÿ'-]+"
_NAMES = rf"{_ONE_NAME}(?:,\s*{_ONE_NAME})*,?\s+and\s+{_ONE_NAME}"
GROUPS = (  # plural → the relation each named one has
    "kids|children|sons|daughters|sisters|brothers|parents|grandkids|grandchildren|cats|dogs|friends|"
    "best friends|roommates|flatmates"
)
SINGULAR = {"kids": "child", "children": "child", "grandkids": "grandchild", "grandchildren": "grandchild"}
_NAME = rf"(?P<name>{_TITLE}[A-Z][a-zà-ÿ'-]+(?:\s[A-Z][a-zà-ÿ'-]+)?)"
_ANY_NAME = r"(?P<name>[A-Za-zà-ÿ][a-zà-ÿ'-]+)"
_PHRASE = r"(?P<v>[^.,;!?\n]{2,120})"
_LIST = r"(?P<v>[^.;!?\n]{2,160})"
_PLACE = r"(?P<v>[A-Za-zà-ÿ][\w'-]*(?:\s+[A-Za-zà-ÿ][\w'-]*){0,3})"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BOUNDARY = (
    r"but|because|'?cause|so|which|who|since|now|last|this|next|when|though|although|with|for|in|at|on|"
    r"from|after|before|anymore|too|as well|these days|recently|lately|years?|months?|ago|a lot|very much|"
    r"so much|really|is|was|are|it's|they|you|every day"
)
_STOP_AFTER = re.compile(rf"(?:\s+(?:and|{_BOUNDARY})\b|\s+[-–—]\s).*$", re.I)
_LIST_BOUNDARY = re.compile(rf"\s+({_BOUNDARY})\b|\s+[-–—]\s", re.I)
_PREPOSITIONS = frozenset({"with", "for", "in", "at", "on", "from", "after", "before"})
_TRAILING = re.compile(r"(?:\s+(?:of|to|the|a|an|my|and|or|with|for|in|on|at))+$", re.I)
_VAGUE = _words("going getting being coming seeing having making doing spending trying throwing taking")
_BAD_NAMES = _words(
    "i the a an my and but so back when later if tomorrow today maybe just here there what who it that he "
    "she this monday tuesday wednesday thursday friday saturday sunday"
)
NOT_NAMES = _words(  # capitalised words after "my friend is" that are not names
    "american british english irish scottish welsh french german spanish italian portuguese dutch swiss "
    "swedish norwegian danish finnish polish russian ukrainian greek turkish chinese japanese korean indian "
    "pakistani mexican canadian australian brazilian nigerian african european asian latino latina filipino "
    "vietnamese thai catholic christian jewish muslim hindu buddhist protestant black white gay lesbian trans "
    "autistic deaf blind"
)
_BAD_VALUES = _words(
    "it that this you your them him her his their they those these when how what the way to be is was "
    "are were but and or every"
)

# (key, pattern, confidence). ``v`` is the value; ``name`` the subject or a name.
RULES: list[tuple[str, re.Pattern[str], float]] = [
    (
        "name",
        re.compile(rf"\b(?:my name is|my name's|i'm called|i am called|(?:you can )?call me)\s+{_ANY_NAME}", re.I),
        0.95,
    ),
    (
        "age",
        re.compile(r"\bi(?:'m| am)\s+(?P<v>\d{1,3})(?=\s*(?:years?\s+old|yrs?\b|y/o|$|[.,!;]))", re.I),
        0.9,
    ),
    ("age", re.compile(r"\bi (?:just )?turned\s+(?P<v>\d{1,3})\b", re.I), 0.9),
    ("age", re.compile(r"\bi(?:'m| am) an? (?P<v>\d{1,3})[- ]year[- ]old\b", re.I), 0.9),
    (
        "location",
        re.compile(rf"\bi(?:'ve| have)? (?:just |recently |finally )?(?:moved|relocated) to {_PLACE}", re.I),
        0.95,
    ),
    (
        "location",
        re.compile(rf"\bi (?:currently |now |still )?(?:live|am living|'m living|'ve been living) in {_PLACE}", re.I),
        0.9,
    ),
    ("location", re.compile(rf"\bi(?:'m| am) (?:now )?living in {_PLACE}", re.I), 0.9),
    ("hometown", re.compile(rf"\bi(?:'m| am) (?:originally )?from {_PLACE}", re.I), 0.85),
    ("hometown", re.compile(rf"\bi grew up in {_PLACE}", re.I), 0.85),
    ("job", re.compile(rf"\bi (?:work|am working|'m working) as (?:an? )?{_PHRASE}", re.I), 0.9),
    ("job", re.compile(rf"\bmy job is (?:being )?(?:an? )?{_PHRASE}", re.I), 0.85),
    ("job", re.compile(rf"\bi(?:'m| am) (?:an? )(?P<v>{OCCUPATIONS})\b", re.I), 0.85),
    ("employer", re.compile(rf"\bi (?:work|am working|'m working) (?:at|for) {_PHRASE}", re.I), 0.85),
    (
        "allergy",
        re.compile(rf"\bi(?:'m| am) (?:really |very |severely |deathly |quite )?allergic to {_LIST}", re.I),
        0.95,
    ),
    ("allergy", re.compile(r"\bi have an? (?P<v>[\w -]{2,30}?) allergy\b", re.I), 0.9),
    (
        "dislikes",
        re.compile(
            r"\bi (?:really |just |honestly )?(?:hate|dislike|can't stand|cannot stand|don't like|do not like"
            rf"|don't enjoy) {_LIST}",
            re.I,
        ),
        0.8,
    ),
    (
        "likes",
        re.compile(rf"\bi (?:really |absolutely |just |also )?(?:love|like|enjoy|adore) {_LIST}", re.I),
        0.75,
    ),
    ("favourite", re.compile(rf"\bmy fav(?:ou?rite) (?P<thing>\w+(?: \w+)?) is {_PHRASE}", re.I), 0.85),
    (
        "relation",
        re.compile(
            rf"\bmy (?P<rel>{RELATIONS})(?:'s name is| is called| is named| named| called)\s+{_ANY_NAME}",
            re.I,
        ),
        0.95,
    ),
    ("relation", re.compile(rf"\b(?i:my (?P<rel>{RELATIONS})),?\s+{_NAME}"), 0.9),
    (
        "relation",
        re.compile(rf"\b(?i:(?:a|an|our) (?P<rel>{RELATIONS}) (?:called|named))\s+{_ANY_NAME}"),
        0.85,
    ),
    ("relation", re.compile(rf"\b{_NAME} (?i:is my (?P<rel>{RELATIONS}))\b"), 0.9),
    # "My best friend is Saoirse." / "My therapist is Dr. Patel." - a capitalised word that is no demonym
    ("relation", re.compile(rf"\b(?i:my (?P<rel>{RELATIONS}) is)\s+{_NAME}(?<!'s)(?![\w'-])"), 0.85),
    # "I have two kids, Emma and Jack." / "My sisters are Ana and Eva." - each name gets the singular relation
    (
        "relations",
        re.compile(
            rf"\b(?i:(?:i have (?:two|three|four|five|2|3|4|5) |my )(?P<rel>{GROUPS}))"
            rf"(?i:,| are| called| named| are called| are named|:)\s+(?P<names>{_NAMES})"
        ),
        0.85,
    ),
]
_BIRTHDAY_OF = re.compile(rf"(?i:\bmy (?P<rel>{RELATIONS})'s)|\b{_NAME}'s\b|(?i:\b(?P<pron>her|his|their) birthday)")
_BIRTHDAY_MINE = re.compile(r"\b(?:my birthday|i was born)\b", re.I)
_EVENT_LEAD = _words("i i've have having got there's there is to a an the my our going at for in some we we're")
_PAST = re.compile(r"\b(?:was|were|went|had|did|last|ago|yesterday|earlier|won|finished|celebrated|attended)\b", re.I)
_REL_NAME = _NAME.replace("?P<name>", "?P<relname>")
_TURNS = re.compile(
    rf"(?:\b(?i:my (?P<rel>{RELATIONS}))(?:,?\s+{_REL_NAME},?)?|\b{_NAME}|\b(?P<me>I))"
    r"(?i:\s+(?:turns|turn|will turn|is turning|am turning)|['’]m turning)\s+\d{1,3}\b"
)
_ANNIVERSARY = re.compile(r"\b(?:our|my) (?:wedding )?anniversary\b", re.I)
_EVENT = re.compile(rf"\b(?P<v>(?:[\w'-]+\s){{0,2}}(?:{EVENT_WORDS})(?:\s(?:{EVENT_WORDS}))?)\b", re.I)


def _clip(value: str, cut: bool = True) -> str:
    """Cut a captured phrase at the first clause boundary; strip articles, dangling words, punctuation."""
    value = _STOP_AFTER.sub("", value.strip()) if cut else value.strip()
    value = re.sub(r"^(?:a|an|the|my|some)\s+", "", value, flags=re.I)
    return _TRAILING.sub("", value.strip(" .,!?;:'\"")).strip(" .,!?;:'\"")


def _cut_list(value: str) -> str:
    """Cut at the first clause boundary; a preposition only cuts after three words ("hiking in the
    mountains" stays whole, "road trips with friends" loses the company)."""
    for m in _LIST_BOUNDARY.finditer(value):
        word = (m.group(1) or "").lower()
        if word in _PREPOSITIONS and len(value[: m.start()].split()) < 3:
            continue
        return value[: m.start()]
    return value


def _split_list(value: str) -> list[str]:
    """``peanuts, shellfish and kiwi`` → three values; nothing when the phrase starts badly."""
    new_clause = (
        r"\s+(?:and\s+|but\s+)?(?:i|i'm|i've)\b"
        r"|\s*(?:,|\band\b|\bbut\b)\s+(?:my|our|we|he|she|they|his|her|their)\b"
        r"|\s*,?\s*\b(?:that'?s|that is|which|so|because|'cause|btw|by the way|lol|haha|though|anyway)\b"
    )  # "cats btw, that's why a dog": the list ends at the aside
    value = re.split(new_clause, value, flags=re.I)[0]  # "peanuts and my sister is…": a new clause
    value = _clip(_cut_list(value), cut=False)
    parts = [_clip(x, cut=False) for x in re.split(r"\s*(?:,|\band\b|\bor\b|&)\s*", value)]
    if not parts or not parts[0] or _bad_value(parts[0]):
        return []
    return [p for p in parts if p and not _bad_value(p)]


def _bad_value(value: str) -> bool:
    words = value.lower().split()
    return not words or words[0] in _BAD_VALUES or (len(words) == 1 and words[0] in _VAGUE) or len(value) > 60


def _place(value: str) -> str:
    value = _clip(value)
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in value.split())


_CLAUSE_BREAK = re.compile(r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)(?<=[.!?])\s+|\n+")


def clauses(text: str) -> list[str]:
    """Sentences, not split after a title ("Dr. Patel")."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c.strip()]


def _relations(text: str, known: Sequence[Fact]) -> dict[str, str]:
    """relation word → name, from this message's rules and the known facts."""
    names = {f.value.lower(): f.subject for f in known if f.key == "relation" and f.active}
    for key, pattern, _ in RULES:
        if key == "relation":
            for m in pattern.finditer(text):
                names[m.group("rel").lower()] = re.sub(r"'s$", "", m.group("name")).capitalize()
    return names


def _dated(
    clause: str, today: date, locale: str, known: Sequence[Fact], rels: dict[str, str], message: str = ""
) -> list[FactDraft]:
    """Birthdays, anniversaries, appointments and other events with a date in one clause."""
    drafts: list[FactDraft] = []
    known_names = {f.subject for f in known if f.key == "relation"}
    turns = _TURNS.search(clause)  # "Jack turns 7 on Sunday": a birthday without the word
    if turns is not None and "birthday" not in clause.lower():
        match = find_date(clause, today, recurring=True, locale=locale)
        rel = (turns["rel"] or "").lower()
        named = turns["name"] or turns["relname"]
        if named and named.lower() in _BAD_NAMES | NOT_NAMES | {"they", "we", "you", "it"}:
            named = None  # "She turns 3 on Monday": who is not said
        subject = "user" if turns["me"] else named or rels.get(rel) or f"the user's {rel}"
        if match is not None and (turns["me"] or named or rel):
            value = format_date_value(match.value, weekday=False)
            drafts.append(FactDraft("birthday", value, subject, 0.85, clause, match.value))
        return drafts
    if "birthday" in clause.lower() or re.search(r"\bi was born\b", clause, re.I):
        match = find_date(clause, today, recurring=True, locale=locale)
        m = _BIRTHDAY_OF.search(clause)
        subject = None
        if m is not None and m.group("rel"):
            rel = m.group("rel").lower()
            subject = rels.get(rel, f"the user's {rel}")
        elif m is not None and m.group("name") and m.group("name").lower() not in _BAD_NAMES:
            subject = m.group("name")
        elif m is not None and m.group("pron") and len(set(rels.values()) - known_names) == 1:
            subject = next(iter(set(rels.values()) - known_names))  # the one person just mentioned
        elif _BIRTHDAY_MINE.search(clause):
            subject = "user"
        if match is not None and subject is not None:
            drafts.append(
                FactDraft(
                    "birthday",
                    format_date_value(match.value, weekday=False),
                    subject,
                    0.9,
                    clause,
                    match.value,
                )
            )
        return drafts
    if _ANNIVERSARY.search(clause):
        match = find_date(clause, today, recurring=True, locale=locale)
        if match is not None:
            drafts.append(
                FactDraft(
                    "anniversary",
                    format_date_value(match.value, weekday=False),
                    "user",
                    0.9,
                    clause,
                    match.value,
                )
            )
        return drafts
    event = _EVENT.search(clause)
    match = find_date(clause, today, recurring=False, locale=locale)
    past = _PAST.search(clause) is not None or (match is not None and match.value < today.isoformat())
    if match is None or past or clause.rstrip().endswith("?"):
        return drafts
    told = life_event(clause, rels, message) if event is None else None  # "I start a new job on Monday"
    if told is not None:
        drafts.append(FactDraft("important_date", told, "user", 0.8, clause, match.value))
    elif event is not None:
        words = _clip(event.group("v")).split()
        while words and words[0].lower() in _EVENT_LEAD:
            words.pop(0)
        value = " ".join(words)
        last = value.split()[-1].lower() if value else ""
        key = "appointment" if last in APPOINTMENT_WORDS else "important_date"
        if value:
            drafts.append(FactDraft(key, value, "user", 0.85, clause, match.value))
    return drafts


_PET_WORDS = "|".join(sorted(PETS - {"pet"}))
# "I got a puppy today!! His name is Mochi" - the name comes in the next sentence, so this reads the whole message
_NEWCOMER = re.compile(
    rf"\b(?i:i (?:just |finally )?(?:got|adopted|have|brought home|rescued|bought) (?:a|an) "
    rf"(?:new |little |baby |tiny )?(?P<rel>{_PET_WORDS}))\b[^.!?]{{0,60}}?[.!?,;]*\s*"
    rf"(?i:(?:his|her|its|their) name(?:'s| is)|(?:he|she|it)(?:'s| is) (?:called|named)|called|named)\s+{_ANY_NAME}"
)


def extract_rules(text: str, today: date, known: Sequence[Fact] = (), locale: str = "en-US") -> list[FactDraft]:
    """Facts stated in ``text`` by the user, by pattern; each draft quotes its clause."""
    drafts: list[FactDraft] = []
    for m in _NEWCOMER.finditer(text):
        drafts.extend(_from_match("relation", m, 0.85, " ".join(m[0].split())))
    rels = _relations(text, known)
    for clause in clauses(text):
        if clause.endswith("?"):
            continue
        for key, pattern, confidence in (*RULES, *rules_intl.RULES):
            for m in pattern.finditer(clause):
                drafts.extend(_from_match(key, m, confidence, clause))
        drafts.extend(_dated(clause, today, locale, known, rels, text))
        if death := death_of(clause, RELATIONS, HUMANS, rels, today):  # "my grandma passed away last year"
            drafts.append(FactDraft("died", death[1], death[0], 0.9, clause))
        name = extract_name(clause)  # the core's rule, so the fact agrees with users.display_name
        if name and not any(d.key == "name" for d in drafts):
            drafts.append(FactDraft("name", name, "user", 0.85, clause))
    return _dedupe(drafts)


def _from_match(key: str, m: re.Match[str], confidence: float, clause: str) -> list[FactDraft]:
    g = m.groupdict()
    if key == "name":
        name = g["name"]
        return [] if name.lower() in _BAD_NAMES else [FactDraft("name", name.capitalize(), "user", confidence, clause)]
    if key == "relations":
        names = re.split(r",\s*(?:and\s+)?|\s+and\s+", g["names"])
        rel = g["rel"].lower()
        single = SINGULAR.get(rel, rel.removesuffix("s"))
        return [
            FactDraft("relation", single, name, confidence, clause)
            for name in names
            if name and name.lower() not in _BAD_NAMES | NOT_NAMES
        ]
    if key == "relation":
        name = g["name"]
        if name.split()[0].lower() in _BAD_NAMES | NOT_NAMES | rules_intl.NOT_NAMES:
            return []
        name = " ".join(w.capitalize() for w in re.sub(r"'s$", "", name).split())
        return [FactDraft("relation", rules_intl.relation(g["rel"]), name, confidence, clause)]
    if key == "age":
        return [FactDraft("age", g["v"], "user", confidence, clause)] if 5 <= int(g["v"]) <= 120 else []
    if key in {"location", "hometown"}:
        place = _place(g["v"])
        return [FactDraft(key, place, "user", confidence, clause)] if place else []
    if key == "favourite":
        value = _clip(g["v"])
        return [FactDraft(f"favourite {g['thing'].lower()}", value, "user", confidence, clause)] if value else []
    if key in {"likes", "dislikes"} and re.match(r"the \w+(?:\s*$|\s+(?:and|too)\b|,)", g["v"].strip(), re.I):
        return []  # "I love the color and texture": a reaction to something shown, not a lasting taste
    values = _split_list(g["v"]) if key in {"allergy", "likes", "dislikes"} else [_clip(g["v"])]
    return [FactDraft(key, v, "user", confidence, clause) for v in values if v and not _bad_value(v)]


def _dedupe(drafts: Sequence[FactDraft]) -> list[FactDraft]:
    """One draft per (subject, key, value); for single keys, the most confident one per subject."""
    best: dict[tuple[str, str, str], FactDraft] = {}
    for d in drafts:
        ident = (norm(d.subject), d.key, norm(d.value) if d.key in MULTI_KEYS else "")
        if ident not in best or d.confidence > best[ident].confidence:
            best[ident] = d
    return list(best.values())


class FactExtractor:
    """Rules always; the LLM pass too when ``use_llm`` (its facts only fill what the rules missed)."""

    def __init__(
        self, llm: LLM | None = None, *, use_llm: bool = False, locale: str = "en-US", timeout_s: float = 30.0
    ) -> None:
        self.llm = llm
        self.use_llm = use_llm and llm is not None
        self.locale = locale
        self.timeout_s = timeout_s
        self.llm_failures = 0

    async def extract(self, text: str, today: date, known: Sequence[Fact] = ()) -> list[FactDraft]:
        drafts = extract_rules(text, today, known, self.locale)
        if not self.use_llm or self.llm is None:
            return drafts
        extra = await extract_llm(self.llm, text, today, self.locale, self.timeout_s)
        if extra is None:
            self.llm_failures += 1
            return drafts
        have = {(norm(d.subject), d.key) for d in drafts}
        have_values = {(norm(d.subject), d.key, norm(d.value)) for d in drafts}
        people = {norm(d.subject) for d in drafts if d.subject != "user"}
        people |= {norm(f.subject) for f in known if f.subject != "user"}
        for d in extra:
            if (norm(d.subject), d.key, norm(d.value)) in have_values:
                continue
            if d.key != "name" and norm(d.value) in people:
                continue  # a person's name as someone's job or city: a small model's mix-up
            if d.key not in MULTI_KEYS and (norm(d.subject), d.key) in have:
                continue
            drafts.append(d)
        return _dedupe(drafts)
