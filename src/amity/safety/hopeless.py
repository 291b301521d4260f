"""Hopelessness without words of dying: ask directly, and act on the answer.

"What's the point anymore." or "I can't go on like this" says nothing explicit about suicide, so the crisis
detector (built for recall 1.0 on *explicit* statements) stays quiet, and the default 1.5B answered it with the
listening fallback or a tip ("Maybe go for a walk"). Suicide-prevention practice (gatekeeper training such as
QPR, the Columbia protocol's screener) says the opposite: when someone sounds hopeless, ask them plainly whether
they are thinking of ending their life - asking does not plant the idea, and it tells them they can say it.

So the safety stage answers a hopeless message (:func:`sounds_hopeless`) with a fixed, warm, direct question
(``responses.suicide_check``), logs it (``suicide_check``), and reads the next message of the same session
with that question in mind: a yes ("yes", "sometimes", "I think so", "kind of" - :func:`affirms`) starts the
crisis protocol with its resources, exactly as an explicit statement would; a no (:func:`denies`) is thanked
and the conversation goes on. In English, German, French and Spanish (the question is asked in the language of
the message), like the crisis lexicon.

A wish to be with someone who died (:func:`wants_reunion`: "sometimes I just want to be with him again", "I want
to join her", "I can't live without him", with a death told in this conversation) is grief's longing and one of
the warning signs after a death, above all after a suicide. The 1.5B answered it with "it's important to remember
that he is no longer alive" and "there are many other ways to connect with him". It gets the same direct question,
led in by the longing named (``responses.reunion_check``), and its answer is read the same way.
"""

from __future__ import annotations

import re

from amity.safety.text import normalize

CHECK_MINUTES = 20  # an answer to the question counts within this time, in the same session

_HOPELESS = re.compile(
    r"^\s*(what is|whats|what s) the point( anymore| of anything| of trying| of it all| of any of this)?\s*[.?!]*\s*$"
    r"|\bwhat is the point (anymore|of anything|of trying|of it all|of any of this|of all (of )?(it|this))\b"
    # "sometimes I wonder what the point of all of it is" (rent unpaid, two jobs; the 1.5B: "What are you most excited
    # about?")
    r"|\b(wonder|(do not|don t|dont) (even )?know|ask myself|asking myself) what the point "
    r"(of (it all|all (of )?(it|this)|any of (it|this)|anything|everything|trying|living|life|me)\s+)?"
    r"(is|even is|was)( anymore| any more)?\s*([.!?,]|$)"
    r"|\bi (can not|cannot|can t|cant) (go on|keep going)( like this| anymore)?\s*([.!?,]|$)"
    r"|\bi (can not|cannot|can t|cant) (do this|take (it|this)) anymore\b"
    r"|\bi (do not|don t|dont) see (a|any) (way out|point|future)\b"
    r"|\bnothing (matters|is worth it) anymore\b|\bthere is no (hope|point|way out)( for me)?\b"
    r"|\bi (feel|am|m) (so |completely |totally )?hopeless\b(?! (at|with|about|when))"
    r"|\bi (have|ve) given up on (everything|life)\b|\bi give up on (everything|life)\b"
    r"|\bi wish i could (just )?disappear\b|\bi am done with (everything|it all|life)\b"
    r"|\bi (just |really )?(want|wanna) (to )?(disappear|vanish)"
    r"( forever| for good| from (everything|everyone|the world))?\s*([.!?,]|$)"
    r"|\beverything (feels|is|seems) (so )?(pointless|hopeless)\b"
    # "I'm 31 and I feel like my life is over" (six years of chronic pain): hopeless, not yet a wish to die - asked
    # directly instead of the full crisis protocol it used to start
    r"|\bmy life is (basically |pretty much |already )?over\b"
    r"|\bi (can not|cannot|can t|cant) (keep )?(live|living) like this( anymore| any more)?\s*([.!?,]|$)"
    # "I feel like a burden" (a warning sign: felt burdensomeness); "…a burden to everyone" is the crisis lexicon's
    r"|\bi (just )?(feel|felt) like (i am |i m )?(such |just )?a burden( to (him|her|them|my \w+))?\s*([.!?,]|$)"
    r"|\bi am (just |such )?a burden( to (him|her|them|my \w+))?\s*([.!?,]|$)"
    # "what's the point of me honestly" (chronic pain, friends gone; the 1.5B: "The point of being honest is…")
    r"|\b(what is|whats|what s) the point (of|in) (me (even )?(being here|being alive|existing|living)"
    r"|me(?! \w+ing\b)(?! (to|and|if|when)\b)|my life|my existence|living|existing|being (here|alive))\b"
    r"|\bwhy (do|should) i (even )?(exist|bother living|keep living|keep going)\b"
    r"|\bwhy am i (even |still )?(alive|here)\s*[?.!]*\s*$"
    # "just tired of everything", then "idk. nothing helps" (the 1.5B: "How about taking a break? Do you have any
    # plans or hobbies you enjoy?")
    r"|\b(i am |i m |im |just |so |really )*(tired|sick|exhausted) of (everything|it all|life|living|being alive|"
    r"existing|waking up|trying)\b(?! (at|in|about) )|\bnothing (ever )?helps( anymore| any more)?\s*[.!]*\s*$"
)
_HOPELESS_OTHER = {  # the same in German, French and Spanish (normalised: lower case, no accents)
    "de": re.compile(
        r"^\s*ich kann nicht mehr\s*[.!]*\s*$|\b(es|das) hat (alles )?keinen sinn mehr\b|\bwozu (das alles|noch)\b"
        r"|\bich sehe keinen ausweg\b|\bnichts hat (mehr )?(einen )?sinn\b|\bich bin (so |total )?hoffnungslos\b"
    ),
    "fr": re.compile(
        r"^\s*a quoi bon\s*[.!?]*\s*$|\bje n'?en peux plus\b|\bplus rien n'?a de sens\b|\bje ne vois pas d'?issue\b"
        r"|\bje me sens (tellement |si )?desespere?e?\b"
    ),
    "es": re.compile(
        r"^\s*¿?para que\?*\s*$|\bya no puedo mas\b|\bnada tiene sentido\b|\bno veo (ninguna )?salida\b"
        r"|\bme siento (tan |muy )?desesperanzad[oa]\b"
    ),
}
_NEGATED = re.compile(r"\b(not|never|no longer) (feel |am |m )?(so )?hopeless\b|\bif i\b")
# Unsure counts as yes: ambivalence about living is treated as a yes in suicide-risk screening.
_AFFIRM = re.compile(
    r"^\s*(ja|manchmal|vielleicht|ich weiss nicht|oui|parfois|peut-etre|je ne sais pas|si|a veces|tal vez|no se|"
    r"yes|yeah|yep|yea|sometimes|maybe|i think so|kind of|kinda|sort of|a little|a bit|i guess|i do|i have|"
    r"often|lately|honestly yes|every day|all the time|more than i|probably|i am not sure|i m not sure|not sure|"
    r"i do not know|i don t know|idk|i am (thinking|having)|i m (thinking|having))\b"
)
_DENY = re.compile(
    r"^\s*(nein|non|no,? no|no\b(?! se)|nope|not really|never|of course not|not at all|"
    r"i am not (suicidal|thinking|having)|i m not (suicidal|thinking|having))\b"
)


_JOKED = re.compile(
    r"\b(want|wanna|going|gonna) (to )?(die|kms|kill myself)\b[^.!?]{0,30}\b(lol|lmao|haha\w*|xd|jk|jaja\w*)\b"
    r"|\b(lol|lmao|haha\w*|xd)\b[^.!?]{0,12}\bi (want|wanna) (to )?die\b"
)
JOKE_CHECK = (
    'They joked about wanting to die ("…lol"). Take it as the exaggeration it most likely is; answer what they are '
    "going through."
)
JOKE_CHECK_LINE = 'And the "I want to die" part - not literally, I hope? Are you okay?'  # ends the reply (guard)


def joked_death_wish(text: str) -> bool:
    """ "ugh I want to die lol this exam": an idiom the crisis detector lets pass, worth one light check."""
    return _JOKED.search(normalize(text)) is not None


def hopeless_language(text: str) -> str | None:
    """The language ("en", "de", "fr", "es") of a hopeless message, or None when it is not one."""
    norm = normalize(text)
    if _HOPELESS.search(norm) is not None and _NEGATED.search(norm) is None:
        return "en"
    return next((lang for lang, pattern in _HOPELESS_OTHER.items() if pattern.search(norm)), None)


def sounds_hopeless(text: str) -> bool:
    return hopeless_language(text) is not None


_REUNION = re.compile(
    r"\b(want|wish i could|long|need|am ready|ready|going) to (be with|join|go to) (?P<who>him|her|them|my (\w+ )?"
    r"(mom|mum|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|boy|girl|baby|friend|best friend|"
    r"grandma|grandpa|nan|gran))( again| soon| there| now| already)?\s*([.!?,]|$)"
    r"|\bi (will|am going to) (be with|see|join) (?P<who2>him|her|them) (again )?soon\b"
    r"|\bi (can not|cannot|cant) (live|go on|keep going) without (?P<who3>him|her|them)\b"
)


def wants_reunion(text: str, death_in_view: bool) -> str | None:
    """ "him", "her", "them" (or "my husband") when ``text`` wishes to be with someone who died, a death being in
    view in this conversation; else None."""
    if not death_in_view:
        return None
    m = _REUNION.search(normalize(text))
    return None if m is None else (m.group("who") or m.group("who2") or m.group("who3"))


def affirms(text: str) -> bool:
    """A yes to "are you having thoughts of ending your life?" ("yes", "sometimes", "I think so", "I'm not sure")."""
    norm = normalize(text)
    return _AFFIRM.match(norm) is not None and _DENY.match(norm) is None


def denies(text: str) -> bool:
    return _DENY.match(normalize(text)) is not None
