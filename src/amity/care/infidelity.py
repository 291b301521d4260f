"""A partner cheating, suspected or found out: the betrayal met, no "stay supportive", no guess, not their fault.

Someone told the default 1.5B "i think my husband is cheating on me", "i found messages on his phone to someone called
jess. 'can't stop thinking about last night'" and "i haven't said anything yet. i don't know if i want to know". It
answered "It's important to stay supportive and not make the situation more difficult" and offered a breathing
exercise, then "It sounds like you're feeling a bit anxious or worried about something. It's important to take care of
your mental health", then "If you want to talk about anything in particular, feel free to ask." Telling the betrayed
person to stay supportive puts the burden on them; calling it "a bit anxious" shrinks a discovery that can shake
everything.

:func:`partner_cheating` finds it ("my husband is cheating on me", "I think my girlfriend is cheating", "he cheated
on me", "she's having an affair", "my wife has been seeing someone else") - not cheating at a game, a test or a
diet, nor "I cheated on him", which is another weight. The first telling gets :func:`first_reply`: a suspicion ("I
think", "I'm not sure") is met as the awful not-knowing, with no guess either way; a discovery as a betrayal, two at
once when it was with their best friend or sister. Unless the message asks what to do, is a story from long ago or
one already ended ("I told him it's over"): then the model answers, guided. For :data:`WINDOW` messages
(``INFIDELITY_KEY``) the model gets :data:`GUIDANCE`, the turn counts as hurting (no cheering, no unasked advice),
and :func:`betrayal_guard` drops "stay supportive", "make the situation more difficult", "a bit anxious or worried",
"benefit of the doubt", "an innocent explanation", "jumping to conclusions", "overthinking", "just a friend",
"communication is key", "what did you do", "every relationship", "a deeper issue" and the breathing-exercise offer.
Seven later messages get a fixed answer once each: the evidence found (:func:`found_reply`), not having said
anything or not knowing whether to ask (:func:`not_yet_reply`), asking whether it is their fault
(:func:`not_your_fault_reply`), the children (:data:`KIDS_REPLY`), pictures that won't stop
(:data:`PICTURING_REPLY`), shock in the body, not eating or sleeping (:data:`BODY_REPLY`) and "why would she do
this?" (:func:`why_reply`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.care.stage import asks_for_advice
from amity.care.thread import ThreadStage
from amity.safety.text import third_person
from amity.safety.topic_guard import TopicGuard

INFIDELITY_KEY = "care.infidelity"  # ctx.extras: a partner's cheating, suspected or found, told in this conversation
WINDOW = 10

_PARTNER = r"husband|wife|partner|boyfriend|girlfriend|bf|gf|fianc[eé]e?|spouse|hubby"
_SUBJECT = rf"(?:my\s+(?:{_PARTNER})|he|she|they)"
_CHEATING = re.compile(
    rf"\b{_SUBJECT}\s*(?:is|'s|has\s+been|'s\s+been|was|were|might\s+be|may\s+be|could\s+be|might\s+have\s+been|"
    r"are|'re|have\s+been|'ve\s+been)?\s*(?:cheating|cheated|having\s+an\s+affair|had\s+an\s+affair|seeing\s+someone\s+"
    r"else|sleeping\s+with\s+(?:someone|somebody|another|her\s+ex|his\s+ex|my\s+(?:best\s+)?friend|a\s+coworker|a\s+"
    r"colleague)|been\s+unfaithful|unfaithful)\b",
    re.IGNORECASE,
)
_NOT_ME = re.compile(  # a game, a test, a diet; or a cheat "on" something that is not the user
    r"\bcheat(?:ing|ed)?\s+(?:at|in|on)\s+(?:the\s+|a\s+|his\s+|her\s+|their\s+)?(?:cards?|poker|games?|chess|monopoly|"
    r"test|exam|quiz|diet|taxes|homework|assignment|fortnite|golf)\b|\bcheat\s+day\b",
    re.IGNORECASE,
)
_MINE = re.compile(rf"\bon\s+me\b|\bmy\s+(?:\w+\s+)?(?:{_PARTNER})\b|\bbehind\s+my\s+back\b", re.IGNORECASE)
_NOT_NOW = re.compile(  # a story from long ago, or already ended: the model answers, guided
    r"\bwhen\s+i\s+was\b|\byears?\s+ago\b|\bused\s+to\b|\bfirst\s+(?:wife|husband|marriage)\b|\bin\s+(?:college|high\s+"
    r"school)\b|\b(?:after\s+being|was)\s+married\b|\bit's\s+over\b|\bbroke\s+up\b|\bleft\s+(?:him|her|them)\b|\bdivorc",
    re.IGNORECASE,
)
_WITH = re.compile(
    r"\bwith\s+my\s+(best\s+friend|closest\s+friend|friend|sister|brother|cousin|mum|mom|dad|boss|flatmate|roommate)\b",
    re.IGNORECASE,
)
_ON_OTHER = re.compile(r"\s+on\s+(?!me\b|us\b)", re.IGNORECASE)
_SUSPECT = re.compile(
    r"\b(?:i\s+think|i\s+suspect|i'm\s+not\s+sure|i\s+am\s+not\s+sure|maybe|might\s+be|may\s+be|could\s+be|i\s+wonder|"
    r"i\s+have\s+a\s+feeling|i\s+feel\s+like|is\s+(?:my|he|she)\b.*\?)",
    re.IGNORECASE,
)
_FOUND = re.compile(
    r"\b(?:found|saw|read|seen|noticed|discovered)\s+(?:some\s+|the\s+|these\s+|a\s+few\s+|all\s+these\s+)?(?:messages|texts|"
    r"photos|pictures|pics|emails|dms|receipts?|a\s+receipt|hotel|messages?\s+on|texts?\s+on|something\s+on)\b|"
    r"\bon\s+(?:his|her|their)\s+(?:phone|laptop|ipad|computer)\b",
    re.IGNORECASE,
)
_NOT_YET = re.compile(
    r"\b(?:haven't|have\s+not|didn't|did\s+not)\s+(?:said|say|told|tell|asked|ask|confronted|confront|talked|brought)\s+"
    r"(?:anything|him|her|them|it|a\s+word)?|\b(?:don't|do\s+not)\s+know\s+if\s+i\s+(?:even\s+)?want\s+to\s+know\b|"
    r"\b(?:scared|afraid|terrified)\s+(?:to|of)\s+(?:ask|confront|find\s+out|know)",
    re.IGNORECASE,
)
_MY_FAULT = re.compile(
    r"\b(?:is\s+(?:it|this)|was\s+(?:it|this))\s+my\s+fault\b|\bwhat\s+did\s+i\s+do\s+wrong\b|\bi'm\s+not\s+enough\b|"
    r"\bi\s+(?:wasn't|am\s+not|was\s+not)\s+(?:enough|good\s+enough|pretty\s+enough|attractive\s+enough)\b|\bwhat\s+(?:does|did)\s+"
    r"(?:she|he)\s+have\s+that\s+i\s+(?:don't|didn't)\b|\bmy\s+fault\b",
    re.IGNORECASE,
)
_KIDS = re.compile(
    r"\b(?:we\s+have|we've\s+got|what\s+about|our|the|my)\s+(?:\w+\s+)?(?:kids|children|son|daughter|baby|family)\b",
    re.IGNORECASE,
)
_PICTURING = re.compile(
    r"\b(?:keep|can't\s+stop|cannot\s+stop)\s+(?:picturing|imagining|seeing|replaying)\b|\bpicturing\s+(?:them|him|her)\b",
    re.IGNORECASE,
)
_BODY = re.compile(
    r"\b(?:haven't|have\s+not|can't|cannot|couldn't)\s+(?:eaten|eat|slept|sleep|stop\s+shaking|stop\s+throwing\s+up)\b|"
    r"\bfeel\s+(?:sick|physically\s+sick)\b|\bthrew\s+up\b",
    re.IGNORECASE,
)
_WHY = re.compile(
    r"\bwhy\s+(?:would|did|does|is|has)\s+(?:she|he|they|my\s+\w+)\b|\bwhat\s+(?:does|did)\s+(?:she|he|they)\s+see\s+in\b|"
    r"\b(?:don't|do\s+not|can't|cannot)\s+understand\s+(?:why|how)\b",
    re.IGNORECASE,
)
_BRUSH = re.compile(
    r"\bstay\s+supportive\b|\bmake\s+(?:the|this|things)\s+(?:situation\s+)?(?:more\s+)?difficult\b|\ba\s+bit\s+(?:anxious|"
    r"worried|upset|stressed)\b|\bbenefit\s+of\s+the\s+doubt\b|\binnocent\s+explanation\b|\bjump(?:ing)?\s+to\s+"
    r"conclusions\b|\boverthinking\b|\bjust\s+(?:a\s+)?(?:friends?|colleague|coworker)\b|\bcommunication\s+is\s+key\b|"
    r"\bwhat\s+did\s+you\s+do\b|\bevery\s+relationship\b|\bbreathing\s+exercise\b|\bstay\s+positive\b|\bmisunderstanding\b|"
    r"\b(?:he|she|they)\s+(?:still\s+)?loves?\s+you\b|\bforgive\b|\bsomething\s+else\s+you'd\s+like\s+to\s+talk\s+about\b|"
    r"\bdeeper\s+issue\b",
    re.IGNORECASE,
)

KIDS_REPLY = (  # to "we have two kids. I can't just blow up their lives"
    "Of course the kids are on your mind - you're protecting them even now, in the middle of your own shock. "
    "Nothing about your family has to be decided today. And if things do change for them one day, it won't be "
    "because you found out. How are you managing with them around while you carry this?"
)
PICTURING_REPLY = (  # to "I keep picturing them together"
    "Those pictures are one of the cruellest parts of this - your mind keeps playing what you never wanted to see. "
    "It isn't you being obsessive; it's shock trying to make sense of something senseless. They do lose their grip "
    "with time, even if that's hard to believe tonight."
)
BODY_REPLY = (  # to "I haven't eaten since yesterday" or "I can't stop shaking"
    "Shock does that - it can switch off hunger and sleep altogether, and leave you shaking. Your body is carrying "
    "this too. Could you manage something small, even toast or a glass of milk? And is there someone who could be "
    "with you tonight?"
)
GUIDANCE = (
    "They suspect or have found out that their partner is cheating. Don't guess either way (no 'maybe there's an "
    "innocent explanation', no 'he still loves you'), don't tell them to stay supportive or forgive, and give no "
    "advice on confronting or leaving unless they ask. It is a betrayal and a shock; it is not their fault. Let them "
    "set the pace, and ask how they are holding up."
)


def partner_cheating(text: str) -> bool:
    """ "my husband is cheating on me", "he cheated on me", "she's having an affair" - not cheating at cards."""
    folded = text.replace("\u2019", "'")
    match = _CHEATING.search(folded)
    if match is None or _NOT_ME.search(folded):
        return False
    if _ON_OTHER.match(folded, match.end()):  # "she's cheating on him" is someone else's story
        return False
    # "he's cheating" alone may be a coworker at a game or a show's plot: a pronoun needs "on me" or "my husband"
    return match.group(0).lower().startswith("my") or _MINE.search(folded) is not None


def _who(text: str) -> str:
    match = re.search(rf"\bmy\s+({_PARTNER})\b", text, re.IGNORECASE)
    if match is None:
        return "your partner"
    word = match.group(1).lower()
    return "your " + {"bf": "boyfriend", "gf": "girlfriend", "hubby": "husband"}.get(word, word)


def _pronouns(told: Sequence[str]) -> tuple[str, str]:
    return third_person(
        told, she=r"wife|girlfriend|gf|fianc[eé]e|she|her", he=r"husband|hubby|boyfriend|bf|fianc[eé]|he|him|his"
    )


def first_reply(text: str) -> str:
    """The first answer: a suspicion met as the not-knowing, no guess; a discovery met as a betrayal."""
    folded = text.replace("\u2019", "'")
    who = _who(folded)
    if _SUSPECT.search(folded) and not _FOUND.search(folded):
        return (
            f"That's a horrible place to be - feeling something is wrong with {who}, and not knowing. Whatever turns "
            "out to be true, what you're feeling right now makes sense. What's been making you think it?"
        )
    if (with_whom := _WITH.search(folded)) is not None:
        other = "your " + re.sub(r"\s+", " ", with_whom.group(1).lower())
        return (
            f"I'm so sorry. {who[:1].upper()}{who[1:]} and {other} - that's two betrayals at once, by two of the "
            "people you trusted most. It can shake everything, even your sense of what was real. Nothing needs "
            "deciding right now. How are you holding up?"
        )
    return (
        f"I'm so sorry. Finding out that {who} has been cheating is a deep betrayal - it can shake everything, even "
        "your sense of what was real. Nothing needs deciding right now. How are you holding up?"
    )


def found_reply(told: Sequence[str]) -> str:
    """To "I found messages on his phone": the floor dropping away, and no need to decide what it means tonight."""
    she, _her = _pronouns(told)
    return (
        "Reading that must have felt like the floor dropping away. It's natural for your mind to race now - replaying "
        f"things {she} said, looking for what you missed. You don't need to make sense of all of it tonight. Is there "
        "someone you trust who you could be with, or talk to, while this sinks in?"
    )


def not_yet_reply(told: Sequence[str]) -> str:
    """To "I haven't said anything yet. I don't know if I want to know": their pace, both pulls understandable."""
    _she, her = _pronouns(told)
    return (
        f"That makes complete sense. Part of you needs the truth and part of you is protecting yourself from it - both "
        f"are understandable. There's no deadline for when you say something to {her}; some people need a few days to "
        "steady themselves first. What feels most bearable to you right now?"
    )


def not_your_fault_reply(told: Sequence[str]) -> str:
    """To "is it my fault?": the choice was theirs, and says more about them than about the one betrayed."""
    she, _her = _pronouns(told)
    return (
        f"No. Whatever was going on between you, cheating was a choice {she} made - not a verdict on you. Almost "
        "everyone who is cheated on asks what they lacked, but an affair says far more about the person who has it "
        "than about the one who's betrayed."
    )


def why_reply(told: Sequence[str]) -> str:
    """To "I just don't understand why she would do this": maybe no answer will make sense; the reasons are theirs."""
    _she, her = _pronouns(told)
    possessive, theirs = {"her": ("her", "hers"), "him": ("his", "his"), "them": ("their", "theirs")}[her]
    return (
        "There may never be an answer that makes sense of it - and even if there were, it wouldn't make this hurt "
        "less. Wanting to understand is natural; the mind searches for a reason so the world feels solid again. "
        f"Whatever {possessive} reasons, they're {theirs} to answer for, not yours to solve."
    )


def brushes_aside(sentence: str) -> bool:
    """Whether a reply sentence shrinks the betrayal, puts the burden on them or guesses either way."""
    return _BRUSH.search(sentence.replace("\u2019", "'")) is not None


def betrayal_guard() -> TopicGuard:
    """The reply guard that drops "stay supportive" and "an innocent explanation" while the cheating is in view."""
    return TopicGuard(INFIDELITY_KEY, brushes_aside)


class InfidelityStage(ThreadStage):
    """A partner's cheating in view: a fixed first answer, the guidance line, seven answers given once each."""

    key = INFIDELITY_KEY
    window = WINDOW
    guidance = GUIDANCE

    def told(self, text: str) -> bool:
        return partner_cheating(text)

    def first_reply(self, text: str) -> str | None:
        folded = text.replace("\u2019", "'")
        return None if asks_for_advice(folded) or _NOT_NOW.search(folded) else first_reply(folded)

    def later_replies(self, text: str, earlier: Sequence[str]) -> Sequence[str]:
        folded = text.replace("\u2019", "'")
        told = [folded, *earlier[: self.window]]
        replies = [found_reply(told)] if _FOUND.search(folded) else []
        if _NOT_YET.search(folded):
            replies.append(not_yet_reply(told))
        if _MY_FAULT.search(folded):
            replies.append(not_your_fault_reply(told))
        if _KIDS.search(folded) and not _MY_FAULT.search(folded):
            replies.append(KIDS_REPLY)
        if _PICTURING.search(folded):
            replies.append(PICTURING_REPLY)
        if _BODY.search(folded):
            replies.append(BODY_REPLY)
        if _WHY.search(folded):
            replies.append(why_reply(told))
        return replies
