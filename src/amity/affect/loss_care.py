"""What a friend says after a loss: the guidance line for each kind of loss, and fixed replies for moments the
small model got wrong whatever it was told.

:data:`LOSS_GUIDANCE` gives, for each word of :data:`amity.affect.loss.LOSS`, what the moment asks for ("say
you're sorry first; no advice, nothing cheerful"), in a full and a compact (spoken) form; :func:`loss_guidance`
picks it for a message, with the way to say sorry in the user's language. While a loss told earlier is in view,
the affect stage adds lines for what follows (:data:`STILL_HABIT_GUIDANCE`, :data:`PET_GUIDANCE`) and answers a
few moments without the model, each quoted from a real run where the 1.5B failed them:

* :func:`checking_reply` - rereading their messages or checking their profile after a break-up or a death;
* :func:`when_time_reply` - "how do you even know when it's the right time?" about a pet near the end;
* :func:`not_your_doing_reply` - blaming oneself after a pregnancy loss;
* :func:`family_away_reply` - a carer's family who only send money or never help.

:class:`AfterDeathGuard` drops a sentence that asks how the one who died is doing ("we had to put our dog down this
morning" drew "How is your dog doing now?" from the 1.5B, with the grieving line in its prompt).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from amity.affect.loss import DEATH_KEY, LOVED, find_loss
from amity.care.sentence_filter import filter_sentences
from amity.stages import TurnContext

# What a friend does first when told of a loss, by the loss's word (:data:`amity.affect.loss.LOSS`). Quoting
# the words alone drew "It's a beautiful thing to know that Margaret passed in March" and "Have you considered
# talking to friends or family?" from the 1.5B model: it needs to be told what the moment asks for.
NOT_SORRY = frozenset({"homesick"})  # a loss to be curious about, not one to say "I'm so sorry" to
LOSS_GUIDANCE: dict[str, tuple[str, str]] = {
    "grieving": (
        "They just told you of a death. First say you're sorry for their loss, in plain words. No advice, no silver "
        "lining, nothing cheerful. If you ask anything, ask what the one who died was like, or how the user is holding "
        "up.",
        "They told you of a death: say you're sorry first; no advice, nothing cheerful.",
    ),
    "remembering a loss": (
        "They are remembering someone who died: a birthday or anniversary that would have been. Gently "
        "acknowledge that such days are hard without the person; no plans, nothing to celebrate. If you ask "
        "anything, ask what the person was like.",
        "They remember someone who died: acknowledge it gently; not a celebration to plan.",
    ),
    "hurting at home": (
        "They just told you of trouble between their parents. First say you're sorry it's happening; it is not "
        "their job to fix it or to look after their parents, and it is okay that it hurts. Give no advice; if you "
        "ask anything, ask gently how they are doing.",
        "Trouble between their parents: say you're sorry first; not their job to fix it; no advice.",
    ),
    "caring for someone ill": (
        "They care for someone they love who is ill. That is hard, tiring and often lonely work: acknowledge that "
        "first, in plain words. Don't call it great or wonderful, don't praise them as dedicated, give no advice; if "
        "you ask anything, ask gently how they are holding up.",
        "They care for someone ill they love: say it sounds hard first; no praise, no advice.",
    ),
    "losing someone slowly": (
        "Someone they love no longer always knows who they are. That is a real loss, a kind of grief while the "
        "person is still here. Say gently that it must hurt; don't call it nice, don't explain the illness, give no "
        "advice; if you ask anything, ask how they are.",
        "Someone they love no longer knows them: say gently that it must hurt; no advice.",
    ),
    "pregnancy loss": (
        "They lost a pregnancy. That is a real bereavement, often grieved in silence. Say you're so sorry for their "
        "loss, in plain words. Never 'at least', never 'you can try again', never 'it was meant to be', and no "
        "questions about what happened medically; if you ask anything, ask gently how they are.",
        "They lost a pregnancy: say you're so sorry; never 'at least' or 'try again'.",
    ),
    "losing a pet": (
        "Their pet is near the end and they face the decision to put her to sleep. Say plainly how hard and sad that "
        "is; nothing cheerful, no 'good sign'. If you ask anything, ask gently about the pet - what she is like, "
        "their years together.",
        "Their pet is near the end: say how hard that is; nothing cheerful.",
    ),
    "waiting for results": (
        "They are waiting for medical results, and the waiting is its own kind of hard. Acknowledge the fear; no "
        "false reassurance ('I'm sure it's nothing'), no statistics or survival rates, no medical advice, and don't "
        "offer to look things up - searching tends to feed the fear. If you ask anything, ask how they are getting "
        "through the days until the results.",
        "They are waiting for medical results: acknowledge the fear; no reassurance, statistics or advice.",
    ),
    "living with illness": (
        "They live with a long-term illness or pain. Believe them, and acknowledge what it costs them (plans, "
        "friends, things they loved). No fixes, exercise, positivity or questions about what they do to get better "
        "unless they ask; if you ask anything, ask gently how today is for them.",
        "They live with long-term illness or pain: believe them; no fixes or positivity.",
    ),
    "homesick": (
        "They left home (a country, a town, a family) and miss it. That is a real loss, and a few months in it often "
        "hurts more, not less. Don't tell them to spend time with loved ones (they are far away), to make friends, "
        "join groups, cook it themselves or practise the language unless they ask. Be curious about home and let "
        "them tell you: what they miss most, the food, the people. If people are impatient with how they speak, say "
        "that says more about the listeners, and that living in a second language all day is tiring.",
        "They miss home: be curious about it; no advice to make friends or practise.",
    ),
    "heartbroken": (
        "They just told you of a break-up or betrayal. First say you're sorry it happened; don't take sides, give "
        "no advice and no silver lining; if you ask anything, ask gently how they are.",
        "They told you of a break-up: say you're sorry first; no advice, no silver lining.",
    ),
    "worried": (
        "They just told you of an illness. First say you're sorry to hear it; no medical advice and no false "
        "reassurance; if you ask anything, ask gently how they are taking it.",
        "They told you of an illness: say you're sorry first; no medical advice, no false reassurance.",
    ),
    "upset": (
        "They just told you they lost their work. First say you're sorry; no advice yet and no silver lining; "
        "if you ask anything, ask gently how they are taking it.",
        "They told you they lost their work: say you're sorry first; no advice yet.",
    ),
}


# A habit kept from life with the person who died ("I still set two cups out some mornings"): the 1.5B answered "It's
# always helpful to have something to look forward to in the morning. How do you usually go about it?"
_STILL_HABIT = re.compile(
    r"\bi\s+(?:still|sometimes\s+still|keep)\s+(?:set(?:ting)?|make|making|buy|buying|cook|cooking|pour|lay|reach(?:ing)?\s+for|"
    r"call|calling|text|texting|talk(?:ing)?\s+to|sleep(?:ing)?\s+on|keep|wear|wearing|save|saving|look(?:ing)?\s+for|"
    r"expect|listen(?:ing)?\s+for|turn(?:ing)?\s+to\s+tell)\b",
    re.IGNORECASE,
)
STILL_HABIT_GUIDANCE = (
    "They still keep a habit from their life with the person who died. Say it back gently, as a sign of how much "
    "they shared, e.g. \"That's such a tender thing - after all that time together, of course part of you still "
    "does it.\" Don't call it helpful or nice, and give no advice about stopping."
)
# Checking an ex's profile after a break-up ("I keep looking at his instagram"): the 1.5B answered "Instagram can
# sometimes make people feel more connected to others… Is there anything you want to say about Instagram?"
_CHECKING = re.compile(
    r"\b(?:keep|kept|keeps|can'?t\s+stop|cannot\s+stop|still)\s+(?:looking\s+at|checking|stalking|scrolling(?:\s+through)?|"
    r"reading|re-?reading|looking\s+through|watching)\s+(?:his|her|their|my\s+ex'?s|our)\s+(?:\w+\s+)?(?:instagram|insta|ig|"
    r"facebook|fb|profile|page|photos|pics|pictures|socials|stories|story|posts|tiktok|twitter|texts|messages|chats?)\b",
    re.IGNORECASE,
)
_WHEN_TIME = re.compile(
    r"\bhow\s+(?:do|does|will|would|can|could)\s+(?:you|i|anyone|one|people)\s+(?:even\s+|ever\s+|really\s+)?know\s+(?:when|if)\s+"
    r"(?:it(?:'s|\s+is)|it\s+will\s+be|the\s+time\s+is)\s+(?:the\s+)?(?:right\s+)?time\b|\bhow\s+(?:do|will|would)\s+i\s+know\s+"
    r"(?:it's|it\s+is)\s+time\b|\bis\s+it\s+(?:really\s+)?(?:the\s+right\s+)?time\s*\?",
    re.IGNORECASE,
)
_NOT_YOUR_DOING = re.compile(
    r"\b(?:it\s+was|it's|maybe\s+it\s+was|what\s+if\s+it\s+was)\s+(?:something\s+i\s+(?:did|ate|didn't\s+do)|my\s+fault|because\s+of\s+me)\b|"
    r"\bi\s+(?:blame|can't\s+stop\s+blaming)\s+myself\b|\bdid\s+i\s+(?:cause|do\s+something\s+to\s+cause)\s+(?:it|this)\b|"
    r"\b(?:should|shouldn't)\s+(?:have|'ve)\s+(?:lifted|worked|exercised|rested|been\s+more\s+careful|gone\s+to\s+work)\b",
    re.IGNORECASE,
)
NOT_YOUR_DOING_REPLY = (
    "It wasn't something you did. Most pregnancy losses happen for reasons no one can cause or prevent - not "
    "stress, not work, not something you ate or lifted. I'm so sorry you're carrying that thought on top of the loss."
)


def not_your_doing_reply(text: str) -> str | None:
    """The fixed answer to blaming oneself for a pregnancy loss ("I keep thinking it was something I did"); the 1.5B
    answered "It's okay to keep thinking about it. What is it?"."""
    return NOT_YOUR_DOING_REPLY if _NOT_YOUR_DOING.search(text.replace("\u2019", "'")) else None


PET_GUIDANCE = (
    "What they tell you about their pet now is precious to them. Receive it warmly and let it show the bond, e.g. "
    '"She still wags when you come home - that says so much about what you two have." No suggestions about her care '
    "or exercise, nothing cheerful."
)
WHEN_TIME_REPLY = (
    "There's rarely one clear moment, which is part of what makes it so hard. Many vets suggest a few gentle "
    "questions: does she still have more good days than bad ones? Does she still enjoy the things that make her "
    "her - her food, her walks, being close to you? Some people mark each day good or bad on a calendar for a week "
    "or two. Your vet can help you read the signs, and you know her better than anyone. Choosing a peaceful end "
    "before the bad days win is a last kindness, not a failure."
)


def when_time_reply(text: str) -> str | None:
    """The fixed answer to "how do you even know when it's the right time?" while a pet's end is in view."""
    return WHEN_TIME_REPLY if _WHEN_TIME.search(text.replace("\u2019", "'")) else None


_DAYS = (
    r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekends|evenings|mornings|sunday\s+dinners|"
    r"christmases|holidays)"
)
_EMPTY_DAYS = re.compile(
    rf"\b(?P<days>{_DAYS})\s+(?:are\s+going\s+to|will|are\s+gonna|'ll)\s+(?:be|feel)\s+(?:so\s+|really\s+|very\s+)?"
    r"(?:empty|quiet|lonely|strange|hard|long)\b",
    re.IGNORECASE,
)


def empty_days_reply(text: str) -> str | None:
    """ "thursdays are going to be so empty now", after a friend of 40 years of Thursday cards died (the 1.5B: "You
    can always start a new game or find other ways to keep yourself entertained"): the shape of the week, named."""
    m = _EMPTY_DAYS.search(text.replace("\u2019", "'"))
    if m is None:
        return None
    days = m.group("days").lower()
    if days.rstrip("s") in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        days = days.capitalize()  # "Thursdays"
    return (
        f"They will. After all those years, {days} were yours together, and now the week keeps its shape with "
        f"someone missing from it - that's one of the hardest parts. Would you tell me what those {days} were like?"
    )


_OBJECT = {"his": "him", "her": "her"}


def checking_reply(text: str) -> str | None:
    """The fixed reply to checking an ex's profile after a break-up: the 1.5B did not follow a line ("Instagram can
    be a great way to see what someone is doing… it's important not to spend too much time on it")."""
    m = _CHECKING.search(text.replace("\u2019", "'"))
    if m is None:
        return None
    whose = m.group(0).lower().split()
    person = next((_OBJECT[w] for w in whose if w in _OBJECT), None)
    if person is None:  # "I keep rereading our last texts. he said he was fine"
        said = set(re.findall(r"[a-z]+", text.lower()))
        person = "him" if said & {"he", "him", "his"} else "her" if said & {"she", "her"} else "them"
    return (
        f"That's so understandable - part of you still wants to feel close to {person}. Does looking help, or does "
        "it make it hurt more?"
    )


# How "I'm so sorry" is said, for a loss told in another language (the 1.5B did not find the words on its own:
# "Meine Mutter ist letzte Woche gestorben." drew "Ich hoffe, dass du es dir gut machen kannst.")
SORRY = {"de": "Das tut mir so leid.", "fr": "Je suis vraiment désolée.", "es": "Lo siento mucho."}


def loss_guidance(text: str, *, compact: bool = False, lang: str = "en") -> str | None:
    """The line for a loss told in this message ("My wife passed in March"), or None; ``lang``: the language of the
    message, whose way of saying sorry is given as an example."""
    found = find_loss(text)
    if found is None or found[1] not in LOSS_GUIDANCE:
        return None
    full, short = LOSS_GUIDANCE[found[1]]
    line = short if compact else full
    if found[1] in NOT_SORRY or lang not in SORRY:
        return line
    return f'{line} In their language: "{SORRY[lang]}"'


def still_habit(text: str) -> bool:
    """ "I still set two cups out some mornings": a habit kept from life with the person who died."""
    return _STILL_HABIT.search(text) is not None


_FAMILY_AWAY = re.compile(
    r"\bmy\s+(?:brother|sister|siblings|brothers|sisters|family|son|daughter|kids|husband|wife|partner)\s+(?:\w+\s+){0,6}?"
    r"(?:(?:just|only)\s+sends?\s+(?:money|cash|a\s+cheque|a\s+check)|never\s+(?:helps?|visits?|comes?|calls?)|"
    r"(?:doesn't|does\s+not|don't|do\s+not|won't|will\s+not)\s+(?:help|visit|come|lift\s+a\s+finger))\b",
    re.IGNORECASE,
)
FAMILY_AWAY_REPLY = (
    "That's a lot to carry on your own. {money}It makes sense to feel let down. Does anyone ever give you a break?"
)
_MONEY = "Money can help, but it isn't the same as someone sharing the load. "


def family_away_reply(text: str) -> str | None:
    """The fixed answer, for a carer, to family who help from afar or not at all ("my brother lives two hours away and
    just sends money"; the 1.5B: "Don't worry too much about how much money he sends")."""
    m = _FAMILY_AWAY.search(text.replace("\u2019", "'"))
    if m is None:
        return None
    money = re.search(r"\b(?:money|cash|cheque|check)\b", m.group(0), re.IGNORECASE) is not None
    return FAMILY_AWAY_REPLY.format(money=_MONEY if money else "")


_PRONOUN = r"he|she|they|him|her|it"


def asks_after_the_dead(sentence: str, death: str) -> bool:
    """Whether ``sentence`` asks how the one who died in ``death`` ("we had to put our dog down") is doing, or hopes
    they get better; a question about anyone else ("How is your mum holding up?" after a grandmother died) passes."""
    loved = re.search(rf"\b{LOVED}\b", death, re.IGNORECASE)
    who = rf"(?:your\s+(?:\w+\s+)?{re.escape(loved.group(0))}|{_PRONOUN})" if loved else f"(?:{_PRONOUN})"
    asks = re.compile(
        rf"\bhow\s+(?:is|'s|are)\s+{who}\s+(?:doing|feeling|getting\s+on|holding\s+up)\b|\bis\s+{who}\s+(?:okay|ok|alright|"
        rf"all\s+right|feeling\s+better|doing\s+better|recovering)\b|\b(?:hope|hoping)\s+{who}\s+(?:gets|feels|is\s+feeling)\s+"
        r"better\b",
        re.IGNORECASE,
    )
    return asks.search(sentence.replace("\u2019", "'")) is not None


class AfterDeathGuard:
    """The :class:`amity.stages.ReplyGuard` that drops "How is your dog doing now?" while a death told in this
    conversation is in view (``DEATH_KEY``, set by the affect stage)."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        death = ctx.extras.get(DEATH_KEY)
        if not isinstance(death, str):
            async for piece in pieces:
                yield piece
            return
        async for piece in filter_sentences(pieces, lambda s: asks_after_the_dead(s, death), lambda _start: True):
            yield piece
