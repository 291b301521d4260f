"""Someone they love drinking or using again: the one who wrote is asked after, the drinking is not their doing.

Someone told the default 1.5B "my dad started drinking again. he was sober for three years". It answered "Oh my
goodness! … It sounds like he's going through a difficult time. I can't imagine how tough it is for him. Is he drinking
alone or with others?" - the father asked after, never the one who wrote. To "I feel like it's my fault somehow" it said
"you did the best you could with what you knew then. Don't beat yourself up, there are always things you can learn from
your mistakes. Keep working on your recovery" (the sobriety stage had read "he was sober for three years" as the user's
own recovery; fixed there in the same stop), and to "should I say something to him?" "It's important to support your dad
in his recovery… Maybe you could suggest that he join a support group".

:func:`loved_one_drinking` finds it: someone close drinking or using again ("my dad started drinking again", "my brother
relapsed", "my mum is back on the drink"), or a drinking or drug problem told in the present ("my husband is an
alcoholic", "my son is addicted to heroin", "my wife drinks every night") - not a memory ("when I was a kid my dad
drank"), not a death. The first telling gets :func:`first_reply` (the blow named, with the sober time when said; "How
are you doing with it?"), unless the message asks what to do. For :data:`WINDOW` messages (``LOVED_ONE_DRINKING_KEY``)
the model gets :data:`GUIDANCE`, the turn counts as hurting, and :func:`burden_guard` drops what puts the drinker's
recovery on them ("support your dad in his recovery", "encourage him to", "be patient with him", "he needs you", "it's
not his fault"), what questions them about the drinking ("Is he drinking alone or with others?") and what speaks to them
as the one in recovery ("your recovery", "your mistakes"). Five later messages get a fixed answer once each: the fear it
is their fault (:func:`fault_reply`: they didn't cause it, can't control it, can't cure it), hanging up on a drunk call
(:func:`boundary_reply`), anger (:func:`anger_reply`), the hope that he'd stay sober lost (:func:`hope_reply`) and
whether to say something (:func:`talk_reply`: their choice; when sober, about what they've seen and how it lands on
them; Al-Anon or Nar-Anon for the people around).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import hypothetical
from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import person_told
from amity.safety.topic_guard import TopicGuard

LOVED_ONE_DRINKING_KEY = "care.loved_one_drinking"  # ctx.extras: someone close drinking or using, told recently
WINDOW = 10

_PERSON = (
    r"(?P<who>(?:\w+\s+)?(?:mom|mum|mother|dad|father|stepdad|stepmum|stepmom|husband|wife|partner|son|daughter|brother|"
    r"sister|boyfriend|girlfriend|fianc[ée]e?|best\s+friend|grandad|granddad|grandpa|grandma|uncle|aunt))"
)
_DRUG = r"(?:heroin|meth|crack|cocaine|coke|opioids|pills|painkillers|fentanyl|drugs|oxy|xanax|ketamine|alcohol|booze)"
_TOLD = re.compile(
    rf"\b(?:my|our)\s+{_PERSON}(?:'s|\s+is|\s+has|\s+had)?\s+(?:\w+\s+)?(?:"
    r"(?:started|starting|begun|began)\s+(?P<kind>drinking|using)\s+again|"
    r"(?P<kind2>drinking|using)\s+again|"
    r"relapsed|had\s+a\s+relapse|fell\s+off\s+the\s+wagon|"
    rf"back\s+on\s+(?:the\s+)?(?P<back>drink|bottle|booze|{_DRUG})|"
    r"(?:an?\s+)?(?:alcoholic|addict)\b|a\s+drunk\b|"
    rf"addicted\s+to\s+(?P<drug>{_DRUG})|"
    r"(?:got|has|have)\s+a\s+(?P<problem>drinking|drug)\s+problem|"
    r"drinks?\s+(?:every\s+(?:night|day)|too\s+much|all\s+(?:day|the\s+time)|himself|herself)|"
    r"(?:came|comes|come)\s+home\s+drunk|"
    r"drunk\s+again)",
)
_DRUG_WORDS = re.compile(rf"\busing\b|\bdrug\b|\baddict\b|\b(?!alcohol|booze){_DRUG}\b")
_SOBER = re.compile(
    r"\b(?:was|had\s+been|'d\s+been|been)\s+(?P<state>sober|clean)\s+(?:for\s+)?(?P<len>(?:almost\s+|nearly\s+|over\s+)?(?:\d+|a|an|one|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:days?|weeks?|months?|years?))\b|"
    r"\bafter\s+(?P<len2>(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:days?|weeks?|months?|"
    r"years?))\s+(?P<state2>sober|clean)\b",
)
_NOT_THIS = re.compile(  # a memory of childhood, a death, or a story that ended well
    r"\b(?:when\s+i\s+was|growing\s+up|as\s+a\s+(?:kid|child)|used\s+to\s+drink|years\s+ago|died|passed\s+away|passed\s+on|"
    r"funeral|overdosed\s+and\s+died|was\s+(?:an?\s+)?(?:alcoholic|addict(?:ed)?)|sober\s+now|clean\s+now|is\s+in\s+recovery\s+now|got\s+sober)\b"
)
_FAULT = re.compile(
    r"\b(?:my|all\s+my)\s+fault\b|\bi\s+(?:caused|made\s+(?:him|her|them)\s+(?:drink|use|relapse))\b|\bdid\s+i\s+do\s+something\b|"
    r"\bwhat\s+did\s+i\s+do\s+wrong\b|\bi\s+should\s+have\s+(?:seen|noticed|stopped|known)\b|\bcould\s+have\s+stopped\b|"
    r"\bbecause\s+of\s+me\b",
    re.IGNORECASE,
)
_HUNG_UP = re.compile(
    r"\b(?:hung|hang)\s+up\b|\bdidn'?t\s+(?:pick\s+up|answer)\b|\bignored\s+(?:his|her|their)\s+calls?\b|\bblocked\s+(?:him|her|them)\b",
    re.IGNORECASE,
)
_ANGER = re.compile(
    r"\bi(?:'m|\s+am)\s+(?:so\s+|just\s+|really\s+)*(?:angry|furious|mad|livid|pissed(?:\s+off)?)\b|\bi\s+hate\s+(?:him|her|them)\b|"
    r"\bhow\s+could\s+(?:he|she|they)\b",
    re.IGNORECASE,
)
_TALK = re.compile(
    r"\bshould\s+i\s+(?:say\s+something|talk\s+to|speak\s+to|confront|tell)\b|\bhow\s+(?:do|can|should)\s+i\s+(?:talk\s+to|bring\s+"
    r"(?:it|this)\s+up|get\s+(?:him|her|them)\s+to\s+stop|help\s+(?:him|her|them))\b|\bwhat\s+(?:do|can|should)\s+i\s+(?:say|do)\b",
    re.IGNORECASE,
)
_HOPE = re.compile(
    r"\bi\s+(?:really\s+|honestly\s+|actually\s+)?(?:believed|thought|trusted)\s+(?:him|her|them|it\s+this\s+time|(?:he|she|they)\s+"
    r"(?:was|were|had|would))\b|\b(?:he|she|they)\s+(?:was|were)\s+doing\s+so\s+well\b|"
    r"\bthis\s+time\s+(?:was|would\s+be)\s+different\b",
    re.IGNORECASE,
)
_PROMISES = re.compile(
    r"\b(?:he|she|they)\s+(?:always\s+)?(?:says|said|keeps\s+saying|promised|promises|swore|swears)\s+(?:that\s+)?(?:he|she|they|it)"
    r"(?:'ll|\s+will|'d|\s+would|'s|\s+is|\s+was)\s+(?:going\s+to\s+)?(?:stop|quit|cut\s+(?:down|back)|change|get\s+help|the\s+last)\b|"
    r"\b(?:he|she|they)\s+(?:never\s+does|never\s+do|never\s+did|always\s+goes\s+back)\b|\bbroken\s+promises\b",
    re.IGNORECASE,
)
_TIRED = re.compile(
    r"\bi(?:'m|\s+am)\s+(?:just\s+)?(?:so\s+|really\s+|completely\s+)?(?:tired|exhausted|worn\s+out|drained)\b|"
    r"\bhow\s+much\s+longer\s+i\s+can\b|\bi\s+can'?t\s+keep\s+(?:doing|living\s+like)\s+this\b",
    re.IGNORECASE,
)
_KIDS = re.compile(
    r"\b(?:the|my|our)\s+(?:kids|children|son|daughter|boys|girls)\s+(?:are|is|have|has)\s+(?:\w+\s+){0,2}"
    r"(?:notic|see|seen|saw|ask|scared|afraid|hear|heard)\w*",
    re.IGNORECASE,
)
_BURDEN = re.compile(
    r"\bsupport\s+(?:him|her|them|your\s+\w+)\s+(?:in|through)\s+(?:his|her|their)\s+recovery\b|\b(?:his|her|their)\s+recovery\b|"
    r"\bencourage\s+(?:him|her|them)\s+to\b|\bsuggest\s+(?:that\s+)?(?:he|she|they)\b|\bbe\s+patient\s+with\s+(?:him|her|them)\b|"
    r"\b(?:he|she|they)\s+(?:needs?|need)\s+(?:you|your\s+(?:support|help|love))\b|\bbe\s+there\s+for\s+(?:him|her|them)\b|"
    r"\b(?:it's|it\s+is|that's)\s+not\s+(?:his|her|their)\s+fault\b|\baddiction\s+is\s+a\s+disease\b|"
    r"\b(?:is|was)\s+(?:he|she|they)\s+drinking\s+(?:alone|with)\b|\bhow\s+much\s+(?:is|does)\s+(?:he|she|they)\s+drink\b|"
    r"\byour\s+(?:own\s+)?(?:recovery|sobriety|mistakes)\b|\bstay\s+sober\b|\blearn\s+from\s+(?:your|this)\b|"
    r"\b(?:he's|he\s+is|she's|she\s+is|they're|they\s+are)\s+going\s+through\s+a\s+(?:difficult|tough|hard)\s+time\b|"
    r"\b(?:difficult|hard|tough)\s+for\s+(?:him|her|them|the\s+person\s+you\s+love)\s+to\s+(?:stop|quit)\b|"
    r"\bhow\s+(?:tough|hard|difficult)\s+(?:it\s+is|this\s+is|it\s+must\s+be)\s+for\s+(?:him|her|them)\b|"
    r"^\W*oh,?\s+my\s+goodness\b",
    re.IGNORECASE,
)

GUIDANCE = (
    "Someone they love is drinking or using. Ask how they themselves are, not only about the one who drinks. Their "
    "drinking is not the user's doing or the user's job to fix: no 'support him in his recovery', no 'be patient', no "
    "questions about how much or with whom. Anger, fear and love can all be there at once."
)


def _found(text: str) -> re.Match[str] | None:
    low = text.replace("\u2019", "'").lower()
    if _NOT_THIS.search(low):
        return None
    return next((m for m in _TOLD.finditer(low) if not hypothetical(low, m.start())), None)


def loved_one_drinking(text: str) -> bool:
    """ "my dad started drinking again", "my brother relapsed", "my husband is an alcoholic" - told in the present."""
    return _found(text) is not None


def _person(told: Sequence[str]) -> tuple[str, str, str, str]:
    """(who, she, her, her) of the one who drinks: ("your dad", "he", "him", "his")."""
    return person_told(told, _found)


def _using(told: Sequence[str]) -> bool:
    """Whether it's drugs rather than drink ("using again", "addicted to heroin", "a drug problem")."""
    for text in told:
        if (m := _found(text)) is not None:
            return _DRUG_WORDS.search(m.group(0)[m.end("who") - m.start() :]) is not None
    return False


def _relapse_only(text: str) -> bool:
    """ "my brother relapsed": a relapse told without saying into what."""
    m = _found(text)
    return m is not None and bool(re.search(r"relapse|wagon", m.group(0))) and not _DRUG_WORDS.search(m.group(0))


def first_reply(text: str) -> str:
    """The first answer: the blow named (after the sober time, when said); how are they doing with it."""
    if _found(text) is None:
        raise ValueError("first_reply needs a message that loved_one_drinking() finds")
    _who, _she, her, _his = _person([text])
    using, relapse = _using([text]), _relapse_only(text)
    sober = _SOBER.search(text.replace("\u2019", "'").lower())
    if sober:
        length, state = sober.group("len") or sober.group("len2"), sober.group("state") or sober.group("state2")
        seeing = f"seeing {her} relapse" if relapse else f"seeing {her} {'use' if using else 'drink'} again"
        return (
            f"Oh, I'm so sorry. After {length} {state}, {seeing} must be such a blow - the worry, the anger, maybe old "
            "fears coming back all at once. How are you doing with it?"
        )
    if relapse:
        loving = (
            "Watching someone you love relapse is so hard - the worry, the anger, and the hope you'd let yourself have."
        )
    elif using:
        loving = (
            "Loving someone who is using is exhausting - the worry, the fear, never quite knowing what you'll find."
        )
    else:
        loving = (
            "Loving someone who drinks like that is exhausting - the worry, the anger, never quite knowing what "
            "you'll find."
        )
    if _TIRED.search(text.replace("\u2019", "'")):  # "I don't know how much longer I can do this"
        worn = "It makes sense that you're worn down - you've been carrying so much. How are you holding up?"
        return f"I'm so sorry. {loving} {worn}"
    return f"I'm so sorry. {loving} How are you doing with it?"


def fault_reply(told: Sequence[str]) -> str:
    """To "I feel like it's my fault": they didn't cause it, can't control it, can't cure it."""
    _who, _she, her, his = _person(told)
    drinking, drinks, drink = ("using", "uses", "use") if _using(told) else ("drinking", "drinks", "drink")
    return (
        f"It isn't your fault. {his.capitalize()} {drinking} isn't something you caused - and it isn't something you "
        f"can control or cure, however much you love {her}. Almost everyone who loves someone who {drinks} ends up "
        f"asking what they did wrong. Nothing you did made {her} {drink}."
    )


def boundary_reply(told: Sequence[str]) -> str:
    """To "he called me slurring and I just hung up": not cruel; there is no real conversation then."""
    _who, she, _her, _his = _person(told)
    be = {"he": "he's", "she": "she's"}.get(she, "they're")
    state = "high" if _using(told) else "drunk"
    return (
        f"Stepping back from a call while {be} {state} isn't cruel - there's no real conversation to be had then, and "
        "protecting yourself from it is allowed. It makes sense if it still felt awful to do."
    )


def anger_reply(told: Sequence[str]) -> str:
    """To "I'm so angry at him": of course; anger and love can sit side by side."""
    _who, _she, her, _his = _person(told)
    return (
        "Of course you're angry. You've been hoping, and worrying, and you're the one left holding it. Anger and "
        f"love for {her} can sit side by side - feeling one doesn't cancel the other."
    )


def hope_reply(told: Sequence[str]) -> str:
    """To "he was doing so well. I really believed it this time": believing wasn't naive; a loss of its own."""
    _who, she, her, _his = _person(told)
    was = "were" if she == "they" else "was"
    return (
        f"Of course you believed it - {she} {was} doing well, and hoping for {her} was a loving thing to do, not a "
        "naive one. Losing that hope is its own kind of grief, on top of everything else."
    )


def promises_reply(told: Sequence[str]) -> str:
    """To "he says he'll stop but he never does": promises that don't hold cost them each time; hope can be set down."""
    _who, _she, her, _his = _person(told)
    return (
        "Living with promises that don't hold is its own kind of exhausting - each one lets you hope a little, and "
        "each time it doesn't happen, it costs you. You're allowed to stop pinning your hopes on the next promise and "
        f"still love {her}."
    )


def tired_reply(told: Sequence[str]) -> str:
    """To "I love him but I'm so tired": of course; both can be true; they matter in this too."""
    _who, _she, her, _his = _person(told)
    return (
        "Of course you're tired. Living alongside someone's drinking, day after day, wears anyone down. Loving "
        f"{her} and being worn out by this can both be true - and you matter in this too, not only {her}."
    )


def kids_reply(told: Sequence[str]) -> str:
    """To "the kids are starting to notice": the wish to protect them, heard; a steady parent counts."""
    return (
        "That's one of the hardest parts - wanting to shield them from something you can't stop. Kids do notice, and "
        "having someone steady who loves them, the way you clearly do, counts for a great deal. And you deserve "
        "looking after too. How are you holding up with it all on your shoulders?"
    )


def talk_reply(told: Sequence[str]) -> str:
    """To "should I say something to him?": their choice; when sober, what they've seen and how it lands; Al-Anon."""
    _who, she, her, _his = _person(told)
    be = {"he": "he's", "she": "she's"}.get(she, "they're")
    groups = "Nar-Anon or Families Anonymous" if _using(told) else "Al-Anon"
    return (
        "That's yours to decide, and staying quiet for now isn't failing anyone. If you do, it tends to go better "
        f"when {be} sober, and about what you've seen and how it's affecting you - \"I'm worried about you, and I'm "
        f"scared\" - rather than trying to get {her} to promise anything. You can't make {her} stop; you can tell "
        f"{her} the truth about how it lands on you. And there are groups just for the people around someone who "
        f"drinks or uses, like {groups}, where everyone knows exactly this."
    )


def burdens(sentence: str) -> bool:
    """Whether a reply sentence puts the drinker's recovery on the user, questions them about the drinking, or
    speaks to them as the one in recovery."""
    return _BURDEN.search(sentence.replace("\u2019", "'")) is not None


def burden_guard() -> TopicGuard:
    """The reply guard that drops "support him in his recovery" while someone close drinking is in view."""
    return TopicGuard(LOVED_ONE_DRINKING_KEY, burdens)


class LovedOneDrinkingStage(ThreadStage):
    """Someone close drinking or using in view: a first answer, the guidance line, five answers given once each."""

    key = LOVED_ONE_DRINKING_KEY
    window = WINDOW
    guidance = GUIDANCE
    cues = (
        (_FAULT, fault_reply),
        (_HUNG_UP, boundary_reply),
        (_ANGER, anger_reply),
        (_HOPE, hope_reply),
        (_PROMISES, promises_reply),
        (_KIDS, kids_reply),
        (_TIRED, tired_reply),
        (_TALK, talk_reply),
    )

    def told(self, text: str) -> bool:
        return loved_one_drinking(text)

    def first_reply(self, text: str) -> str | None:
        return None if asks_for_advice(text) else first_reply(text)
