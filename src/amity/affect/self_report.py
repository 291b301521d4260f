"""Self-reported feelings: what the user says they feel, in their own words ("I'm so tired", "I feel alone").

The text model (:mod:`amity.affect.text_emotion`) guesses from word statistics learnt on Reddit comments; it
reads "I'm so angry at my landlord" as a weak 0.25 annoyance and "I feel tired" as neutral, because GoEmotions
has no label for tiredness. When people name their feeling, their words are better evidence than any
classifier, and telling the model "the user said 'I feel tired'" is true where "the user might feel joy" is not.

:func:`find_self_reports` finds first-person statements of a feeling - "I'm (so) X", "I feel / felt / have been
feeling X", "it makes me X", a sentence opening "Feeling X" - and what lonely people say instead of "I'm lonely"
(:data:`SOCIAL_PAIN`: "Nobody ever calls me", "My kids never visit", "I feel like a burden"), a harsh view of
oneself ("Am I boring?", :mod:`amity.affect.self_view`, reported as "insecure"), a loss told without a feeling word
(:data:`LOSS`: "My dog died yesterday", "He left me for someone else", "I got fired": grieving, heartbroken,
upset) and good news told without a feeling word (:data:`GOOD_NEWS`: "I got the job!", "We're engaged"), with X
from a hand-written lexicon
(:data:`FEELINGS`: about 110 words and phrases, each with a GoEmotions label where one fits and a valence/arousal
position on the scale of :mod:`amity.affect.vad`). Rules that keep it precise:

* Negation: "I'm not angry" or "not surprised" reports nothing; "I'm not okay" / "I don't feel good" / "I'm not
  happy" report the *negated* word ("not okay") as unpleasant.
* Words that are also everyday non-feelings ("down", "low", "lost", "alone", "good", "fine"...) count only after
  "feel" ("I feel alone", not "I'm alone at home"), and the everyday ones never before "at / with / to / for..."
  ("I'm good at chess", "I'm down to go").
* A clause opened by "if / would / might / will / unless / whether" is hypothetical and reports nothing.

:func:`with_self_reports` folds the reports into the text channel's estimate: the reported labels go first with
:data:`REPORT_CONFIDENCE`, valence/arousal move to the reported words' position, and the quoted words travel in
``ChannelAffect.reported`` so the prompt can quote them. The figures (coverage and agreement with gold labels on
EmpatheticDialogues and GoEmotions, side by side with the model alone) are ``benchmarks/self_report.py``'s, in
``docs/AFFECT.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from amity.affect.clauses import clause_of, fold_quotes, hypothetical
from amity.affect.loss import LOSS, LOSS_WORDS
from amity.affect.self_view import find_self_doubt
from amity.types import ChannelAffect, Emotion

REPORT_CONFIDENCE = 0.9  # the user's own words: as sure as the text channel gets, still not certainty
REPORT_WEIGHT = 0.8  # share of the reported words' valence/arousal in the channel's position
MAX_REPORTS = 2
SELF_DOUBT_WORD = "insecure"  # how a harsh view of oneself (:mod:`amity.affect.self_view`) is reported
NEGATABLE = 0.4  # "I'm not happy" reports an unpleasant state; "not" before a weaker word reports nothing


@dataclass(frozen=True)
class Feeling:
    label: str | None  # GoEmotions label, or None where none fits (tired, bored, numb...)
    valence: float
    arousal: float
    feel_only: bool = False  # counts only after "feel" ("I feel down", not "I'm down")


def _f(label: str | None, valence: float, arousal: float, feel_only: bool = False) -> Feeling:
    return Feeling(label, valence, arousal, feel_only)


FEELINGS: dict[str, Feeling] = {
    # anger
    "angry": _f("anger", -0.7, 0.75), "mad": _f("anger", -0.65, 0.7), "furious": _f("anger", -0.8, 0.85),
    "livid": _f("anger", -0.8, 0.85), "pissed": _f("anger", -0.7, 0.75), "pissed off": _f("anger", -0.7, 0.75),
    "enraged": _f("anger", -0.85, 0.9), "annoyed": _f("annoyance", -0.5, 0.4),
    "irritated": _f("annoyance", -0.5, 0.45), "frustrated": _f("annoyance", -0.6, 0.45),
    "fed up": _f("annoyance", -0.6, 0.3), "resentful": _f("anger", -0.6, 0.35), "bitter": _f("anger", -0.55, 0.2),
    "jealous": _f("annoyance", -0.5, 0.5), "disgusted": _f("disgust", -0.7, 0.45),
    # fear and worry
    "scared": _f("fear", -0.75, 0.7), "afraid": _f("fear", -0.7, 0.6), "terrified": _f("fear", -0.85, 0.85),
    "frightened": _f("fear", -0.75, 0.7), "panicked": _f("fear", -0.8, 0.85), "panicky": _f("fear", -0.75, 0.8),
    "freaked out": _f("fear", -0.7, 0.8), "nervous": _f("nervousness", -0.5, 0.65),
    "anxious": _f("nervousness", -0.6, 0.65), "worried": _f("nervousness", -0.55, 0.5),
    "uneasy": _f("nervousness", -0.45, 0.4), "tense": _f("nervousness", -0.45, 0.5),
    "stressed": _f("nervousness", -0.6, 0.55), "stressed out": _f("nervousness", -0.65, 0.6),
    "overwhelmed": _f("nervousness", -0.65, 0.55), "on edge": _f("nervousness", -0.55, 0.6),
    "apprehensive": _f("nervousness", -0.45, 0.45), "insecure": _f("nervousness", -0.55, 0.3),
    "unsafe": _f("fear", -0.7, 0.55), "paranoid": _f("fear", -0.6, 0.6),
    # sadness and loss
    "sad": _f("sadness", -0.8, -0.4), "unhappy": _f("sadness", -0.7, -0.2), "depressed": _f("sadness", -0.85, -0.5),
    "miserable": _f("sadness", -0.85, -0.2), "heartbroken": _f("grief", -0.9, -0.1),
    "devastated": _f("grief", -0.9, 0.0), "gutted": _f("disappointment", -0.75, -0.1),
    "hopeless": _f("sadness", -0.85, -0.45), "helpless": _f("sadness", -0.7, -0.2),
    "lonely": _f("sadness", -0.7, -0.35), "isolated": _f("sadness", -0.65, -0.3),
    "upset": _f("sadness", -0.6, 0.3), "hurt": _f("sadness", -0.65, 0.1), "crushed": _f("sadness", -0.8, -0.1),
    "gloomy": _f("sadness", -0.6, -0.4), "grieving": _f("grief", -0.85, -0.2),
    "hurting at home": _f("sadness", -0.7, 0.2),
    "missing someone": _f("sadness", -0.6, -0.3), "caring for someone ill": _f("sadness", -0.6, 0.0),
    "losing someone slowly": _f("grief", -0.8, -0.2),
    "living with illness": _f("sadness", -0.55, -0.25),
    "losing a pet": _f("grief", -0.8, -0.2),
    "pregnancy loss": _f("grief", -0.85, -0.2),
    "waiting for results": _f("nervousness", -0.65, 0.5),
    "hiding it": _f("sadness", -0.55, -0.2),
    "remembering a loss": _f("grief", -0.7, -0.3), "worthless": _f("sadness", -0.85, -0.3),
    "disappointed": _f("disappointment", -0.6, -0.1), "let down": _f("disappointment", -0.6, -0.1),
    "homesick": _f("sadness", -0.5, -0.2), "a burden": _f("sadness", -0.75, -0.2),
    "a failure": _f("disappointment", -0.75, -0.2), "good news": _f("excitement", 0.8, 0.6),
    "unlovable": _f("sadness", -0.8, -0.3), "unwanted": _f("sadness", -0.75, -0.3),
    "heavy": _f("sadness", -0.5, -0.4, True),
    "down": _f("sadness", -0.6, -0.4, True), "low": _f("sadness", -0.6, -0.45, True),
    "blue": _f("sadness", -0.6, -0.4, True), "alone": _f("sadness", -0.65, -0.35, True),
    "empty": _f("sadness", -0.7, -0.5, True), "lost": _f("sadness", -0.55, -0.2, True),
    "ashamed": _f("embarrassment", -0.6, 0.2), "embarrassed": _f("embarrassment", -0.5, 0.35),
    "humiliated": _f("embarrassment", -0.75, 0.45), "guilty": _f("remorse", -0.6, 0.1),
    "regretful": _f("remorse", -0.55, -0.1), "awful": _f("sadness", -0.75, 0.0, True),
    "terrible": _f("sadness", -0.75, 0.0, True), "horrible": _f("sadness", -0.75, 0.1, True),
    "bad": _f("sadness", -0.5, 0.0, True), "rubbish": _f("sadness", -0.55, -0.2, True),
    "crap": _f("sadness", -0.55, -0.1, True), "like crap": _f("sadness", -0.6, -0.1, True),
    # tiredness and flatness (no GoEmotions label)
    "tired": _f(None, -0.3, -0.6), "exhausted": _f(None, -0.5, -0.55), "drained": _f(None, -0.5, -0.55),
    "worn out": _f(None, -0.45, -0.55), "burned out": _f(None, -0.6, -0.45), "burnt out": _f(None, -0.6, -0.45),
    "sleepy": _f(None, -0.1, -0.7), "bored": _f(None, -0.35, -0.6), "numb": _f(None, -0.5, -0.65),
    "restless": _f(None, -0.3, 0.45), "sick": _f(None, -0.55, -0.1, True), "ill": _f(None, -0.55, -0.15, True),
    "unwell": _f(None, -0.55, -0.15), "meh": _f(None, -0.2, -0.3, True), "off": _f(None, -0.3, -0.1, True),
    # pleasant
    "happy": _f("joy", 0.85, 0.5), "glad": _f("joy", 0.7, 0.35), "joyful": _f("joy", 0.9, 0.6),
    "cheerful": _f("joy", 0.8, 0.5), "delighted": _f("joy", 0.9, 0.6), "ecstatic": _f("joy", 0.95, 0.9),
    "over the moon": _f("joy", 0.95, 0.8), "thrilled": _f("excitement", 0.9, 0.85),
    "excited": _f("excitement", 0.75, 0.85), "pumped": _f("excitement", 0.75, 0.85),
    "stoked": _f("excitement", 0.8, 0.8), "relieved": _f("relief", 0.6, -0.45), "proud": _f("pride", 0.7, 0.45),
    "grateful": _f("gratitude", 0.8, 0.1), "thankful": _f("gratitude", 0.8, 0.1),
    "hopeful": _f("optimism", 0.65, 0.25), "optimistic": _f("optimism", 0.7, 0.3), "loved": _f("love", 0.85, 0.3),
    "content": _f("joy", 0.6, -0.3), "calm": _f("relief", 0.45, -0.6), "relaxed": _f("relief", 0.55, -0.6),
    "peaceful": _f("relief", 0.6, -0.6), "confident": _f("pride", 0.6, 0.35), "amused": _f("amusement", 0.7, 0.45),
    "inspired": _f("admiration", 0.7, 0.5), "motivated": _f("optimism", 0.6, 0.5),
    "energized": _f("excitement", 0.6, 0.7), "blessed": _f("gratitude", 0.8, 0.2),
    "lucky": _f("gratitude", 0.7, 0.3), "great": _f("joy", 0.75, 0.45, True),
    "likeable": _f(None, 0.5, 0.1), "likable": _f(None, 0.5, 0.1), "lovable": _f(None, 0.55, 0.1),
    "wanted": _f(None, 0.5, 0.1, True),
    "good": _f("joy", 0.55, 0.2, True), "better": _f("relief", 0.5, -0.1, True), "fine": _f(None, 0.2, -0.1, True),
    "okay": _f(None, 0.15, -0.1, True), "ok": _f(None, 0.15, -0.1, True), "alright": _f(None, 0.15, -0.1, True),
    "well": _f(None, 0.4, 0.0, True),
    # surprise and confusion
    "surprised": _f("surprise", 0.2, 0.75), "shocked": _f("surprise", -0.3, 0.8), "stunned": _f("surprise", 0.0, 0.7),
    "confused": _f("confusion", -0.3, 0.3), "torn": _f("confusion", -0.35, 0.3),
    "conflicted": _f("confusion", -0.35, 0.3), "curious": _f("curiosity", 0.35, 0.4),
}  # fmt: skip

# Everyday words that are often not a feeling at all when a preposition follows ("good at", "down to").
_EVERYDAY = {"good", "great", "fine", "okay", "ok", "alright", "well", "better", "bad", "down", "low", "lost", "off"}
_EVERYDAY_NEXT = re.compile(r"\s+(?:at(?!\s+all\b)|with|for|to|about|on|in|enough|of|from|by|than|if|as)\b")
_INTENSIFIER = (
    r"(?:(?:so|soo+|really|very|a\s+bit|a\s+little(?:\s+bit)?|a\s+lot|kind\s+of|kinda|sort\s+of|sorta|pretty|quite|"
    r"super|totally|extremely|incredibly|just|too|rather|more|somewhat|fairly|absolutely|completely|utterly|"
    r"increasingly|still|also|all|honestly|actually|genuinely|literally|seriously|truly|deeply|bloody|damn|"
    r"such\s+a\s+lot|getting|feeling|becoming|more\s+and\s+more)\s+)*"
)
_FEEL_VERB = (
    r"i\s+feel|i\s+felt|i\s+keep\s+feeling|i(?:'|\s+a)?m\s+feeling|i\s+was\s+feeling|i(?:'|\s+ha)ve\s+been\s+feeling|"
    r"i\s+had\s+been\s+feeling|i'd\s+been\s+feeling|makes?\s+me\s+feel|made\s+me\s+feel|i\s+feel\s+like\s+i(?:'|\s+a)m"
)
_BE_VERB = (
    r"i(?:'|\s+a)?m|i\s+was|i(?:'|\s+ha)ve\s+been|i\s+had\s+been|i'd\s+been|i\s+get|i\s+got|i(?:'|\s+a)?m\s+getting|"
    r"i\s+became|i(?:'|\s+a)?m\s+becoming|makes?\s+me|made\s+me|i\s+keep\s+getting"
)
_NEG_FEEL = r"i\s+(?:do|did)(?:\s+not|n't)\s+feel|i\s+never\s+feel|i(?:'|\s+a)?m\s+not\s+feeling|i\s+wasn't\s+feeling"
_NEG_BE = (
    r"i(?:'|\s+a)?m\s+(?:just\s+|simply\s+|really\s+)?not|i\s+was\s+not|i\s+wasn't|"
    r"i\s+have(?:\s+not|n't)\s+been|i've\s+not\s+been|i\s+ain't"
)
_WORDS = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in FEELINGS), key=len, reverse=True))
_PATTERN = re.compile(
    rf"\b(?:(?P<negfeel>{_NEG_FEEL})|(?P<negbe>{_NEG_BE})|(?P<feel>{_FEEL_VERB})|"
    rf"(?P<be>{_BE_VERB})|(?P<opening>(?<![\w'])feeling))\s+{_INTENSIFIER}(?P<word>{_WORDS})(?![\w'-])"
)
_AND_MORE = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<body>{_INTENSIFIER}(?P<word>{_WORDS}))(?![\w'-])")
_PLEASANT_NEGATED = Feeling("sadness", -0.5, -0.1)
# What lonely people say instead of "I'm lonely" ("Nobody ever calls me", "My kids never visit", "I feel like a
# burden"): reported as the feeling it tells of, quoted as said. The text model, trained on Reddit comments,
# reads most of these as neutral.
_NOBODY = r"(?:nobody|no one|no-one|noone)"
# Longing for a partner: "nobody has even come close", "I'm going to be alone forever", "everyone is getting married
# except me", "I just want someone to come home to" (lower-case; amity.care.longing answers it)
LONGING = (
    r"\b(?:nobody|no\s+one|no-one)\s+(?:has|have|had|ever)\s+(?:even\s+|ever\s+)*(?:come\s+close|asked\s+me\s+out|wanted\s+me|"
    r"been\s+interested\s+in\s+me|loved\s+me|chosen\s+me|picked\s+me)\b(?!\s+to\b)|"
    r"\b(?:i'll|i\s+will|i'm\s+going\s+to|i\s+am\s+going\s+to|i'm\s+gonna)\s+(?:be|end\s+up|die)\s+alone\b|"
    r"\b(?:everyone|everybody|all\s+my\s+friends)\s+(?:is|are|'s)\s+(?:getting\s+(?:married|engaged)|having\s+(?:babies|kids)|"
    r"coupled\s+up)\s+(?:but|except)\s+me\b|"
    r"\bi\s+(?:just\s+)?(?:want|wish\s+i\s+had)\s+(?:someone|somebody)\s+(?:to\s+come\s+home\s+to|to\s+love\s+me|who\s+(?:loves|wants|chooses)\s+me)\b"
)

SOCIAL_PAIN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx), word)
    for rx, word in (
        (rf"\b{_NOBODY}(?:\s+(?:at|in|from)\s+(?:work|school|college|class|the\s+office|church|my\s+\w+)|\s+here)?"
         r"\s+(?:(?:ever|really|even|actually)\s+)*(?:calls|texts|visits|writes to|messages|listens to|talks to|"
         r"checks on|asks about|cares about|remembers|invites|wants|likes|understands|misses)\s+me\b", "lonely"),
        (rf"\b{_NOBODY}\s+(?:ever\s+|really\s+)?(?:cares|listens|understands)(?:\s*[.!?,]|\s*$|\s+(?:about\s+me|anymore))",
         "lonely"),
        (r"\b(?:friends|everyone|everybody|people|family)\s+(?:are|is|seem|seems|get|got|must\s+be)\s+(?:so\s+)?"
         r"(?:tired|sick)\s+of\s+me\b", "lonely"),
        (r"\bi(?:\s+|(?='))(?:have|'ve\s+got|got)\s+no\s+(?:friends|one|family)\b", "lonely"),
        (r"\bi\s+(?:do\s+not|don't|dont)\s+have\s+(?:any\s+)?(?:friends|anyone|anybody|a\s+friend|a\s+single\s+friend)\b",
         "lonely"),
        (r"\bi\s+(?:haven't|have\s+not|havent)\s+(?:talked|spoken|seen)\s+(?:to\s+|with\s+)?(?:anyone|anybody|a\s+soul)\b",
         "lonely"),
        (r"\b(?:everyone|everybody|people)(?:\s+[a-z]+){0,2}?\s+(?:always\s+)?(?:ignores|ignore|forgets|forget|leaves|leave|avoids|avoid)"
         r"(?:\s+me\b|\s*[.!?]|$)", "lonely"),
        (r"\b(?:kids|children|son|daughter|family|friends|grandkids|grandchildren)\s+(?:never|rarely|no\s+longer|"
         r"don't|do\s+not|doesn't|does\s+not)\s+(?:visit|visits|call|calls|come|comes|write|writes)\b", "lonely"),
        (r"\bi(?:'m|\s+am)\s+always\s+the\s+one\s+who\s+(?:reaches\s+out|calls|texts|writes|makes)\b", "lonely"),
        # "I haven't left my flat in two weeks" (the 1.5B: "It's nice not to have to leave your flat for so long."),
        # "the delivery guy is the only person I see" ("That sounds interesting!")
        (r"\bi\s+(?:haven't|have\s+not|havent|didn't|did\s+not)\s+(?:left|been\s+out\s+of|gone\s+out\s+of|stepped\s+out\s+of)\s+"
         r"(?:my|the)\s+(?:flat|house|apartment|room|home|bed)\s+(?:in|for)\s+(?:\w+\s+)?(?:days|weeks|months|a\s+week|a\s+month)\b|"
         r"\bi\s+(?:haven't|have\s+not|havent)\s+(?:been\s+)?(?:left|gone|been)\s+out(?:side)?\s+(?:in|for)\s+(?:\w+\s+)?(?:days|weeks|months|"
         r"a\s+week|a\s+month)\b|\b(?:is|are)\s+the\s+only\s+(?:person|people|one|ones|human|humans)\s+i\s+(?:ever\s+)?(?:see|talk\s+to|"
         r"speak\s+to)\b", "isolated"),
        # "every time I think about going out my heart starts pounding"
        (r"\bmy\s+heart\s+(?:starts\s+|goes\s+|is\s+|keeps\s+)?(?:pounding|racing|beating\s+so\s+fast)\b"
         r"(?![^.!?]*\b(?:excited|engaged|happy|yay|love|can't\s+wait|in\s+a\s+good\s+way|proposed)\b)|\bi\s+(?:start\s+to\s+|start\s+)?"
         r"(?:panic|have\s+a\s+panic\s+attack|get\s+panic\s+attacks)\s+(?:when|every\s+time|whenever|if)\b", "anxious"),
        # "nobody sits with me at lunch. i eat in the library" (14; the 1.5B: "I can suggest some places nearby where
        # you might find a good spot to eat")
        (r"\b(?:nobody|no\s+one)\s+(?:ever\s+)?(?:sits|talks|plays|hangs\s+out|eats|wants\s+to\s+sit|partners)\s+(?:with|to)\s+me\b|"
         r"\bi\s+(?:always\s+|usually\s+|just\s+)?(?:eat|have\s+lunch|sit)\s+(?:lunch\s+)?(?:alone|by\s+myself|on\s+my\s+own|in\s+the\s+"
         r"(?:library|bathroom|toilets?|loos?|stairwell))\b", "lonely"),
        # "I just smile and say I'm fine" (chronic pain; the 1.5B: "It's always helpful to smile and express that
        # you're okay.")
        (r"\bi\s+(?:just\s+|always\s+|usually\s+)?(?:smile\s+and\s+(?:say|tell\s+(?:them|people|everyone))|pretend|act\s+like|"
         r"tell\s+(?:everyone|people|them)|put\s+on\s+a\s+(?:brave|happy)\s+face\s+and\s+say)\s+(?:that\s+)?(?:i'm|i\s+am|"
         r"everything(?:'s|\s+is))\s+(?:fine|ok|okay|good|alright|great)\b|\bi\s+(?:just\s+)?put\s+on\s+a\s+(?:brave|happy)\s+face\b",
         "hiding it"),
        # "I just moved to Berlin and I dont know anyone here" (typed without the apostrophe, as people do)
        (r"\bi\s+(?:do\s+not|don't|dont|didn't|didnt)\s+know\s+(?:anyone|anybody|a\s+soul|a\s+single\s+person)"
         r"\s+(?:here|in\s+\w+|at\s+(?:work|school|uni|college))\b", "lonely"),
        (rf"\b(?:i\s+(?:have|'ve\s+got|got)\s+)?{_NOBODY}\s+to\s+(?:talk|speak)\s+to\b", "lonely"),
        # "sometimes I go the whole day without talking to anyone" (the 1.5B: "That's really cool!")
        (r"\b(?:go|goes|went|gone|going|spend|spent|spending)\s+(?:the\s+|a\s+)?(?:whole\s+|entire\s+)?(?:day|days|week|weeks|"
         r"weekend)\s+without\s+(?:talking|speaking)\s+to\s+(?:anyone|anybody|a\s+soul|a\s+single\s+person)\b",
         "lonely"),
        # "I miss her" (a daughter far away), "I really miss my husband"
        (r"\bi\s+(?:really\s+|just\s+|still\s+|so\s+|do\s+)?miss\s+(?:her|him|them|my\s+\w+(?:\s+\w+)?)(?=\s*(?:[.!,;]|$)|"
         r"\s+(?:so\s+much|a\s+lot|terribly|every\s+day|too|already)\b)", "missing someone"),
        # "I moved here for work 6 months ago and haven't really made friends", "everyone I know is asleep or has a
        # partner", "my flat is so quiet" (the 1.5B: "it's great that everyone is sleeping or having partners")
        (r"\b(?:i|and)\s+(?:haven't|have\s+not|havent|never)\s+(?:really\s+|actually\s+)?(?:made|found)\s+"
         r"(?:any\s+|many\s+|real\s+)?friends\b(?!\s+with)", "lonely"),
        (r"\b(?:everyone|everybody)\s+(?:i\s+know|else)\s+(?:is|has|seems)\s+(?:\w+\s+){0,2}?(?:asleep|a\s+partner|"
         r"married|someone|their\s+own)\b", "lonely"),
        # "the house is so quiet when they leave" (a weekend dad; the 1.5B: "any other tips for keeping the house
        # clean?")
        (r"\b(?:my|the)\s+(?:flat|house|apartment|place|home|room)\s+(?:is|feels|gets)\s+(?:so\s+|really\s+|too\s+)?(?:quiet|empty)\b"
         r"(?![^.!?]*\b(?:lovely|nice|bliss|peaceful|finally|heaven|great)\b)",
         "lonely"),
        # "yesterday was thanksgiving and I spent it alone" (the 1.5B: "That's nice to hear!"), "my son didn't even
        # call"; not "I spent the day by myself reading, it was lovely"
        (r"\b(?:spent|spend|spending|had|have|having)\s+(?:it|the\s+day|the\s+evening|the\s+weekend|the\s+holidays?|"
         r"christmas|xmas|thanksgiving|easter|new\s+year(?:'s)?(?:\s+eve)?|my\s+birthday|the\s+night)\s+(?:all\s+)?"
         r"(?:alone|by\s+myself|on\s+my\s+own)\b(?![^.!?]*\b(?:lovely|nice|great|relaxing|peaceful|enjoy\w*|bliss|perfect|fun)\b)|"
         r"\balone\s+(?:on|for|at)\s+(?:christmas|xmas|thanksgiving|my\s+birthday|"
         r"the\s+holidays|new\s+year)", "lonely"),
        (r"\b(?:son|daughter|kids|children|mum|mom|dad|brother|sister|family|friends?|grandkids|husband|wife)\s+"
         r"(?:didn't|did\s+not|didnt|never|hasn't|has\s+not|haven't|have\s+not)\s+(?:even\s+)?(?:call|called|text|"
         r"texted|write|written|visit|visited|come|came|ring|rang|remember|remembered)\b", "lonely"),
        # "I retired last month… I don't know what to do with myself" (the 1.5B: "It's important to take care of
        # yourself. Do you have any hobbies?"); not "I'm so excited I don't know what to do with myself"
        (r"(?:^|[.!?]\s*)(?![^.!?]*\b(?:excited|happy|thrilled|giddy|hyper)\b)[^.!?]*?\bi\s+(?:do\s+not|don't|dont|just\s+don't)\s+"
         r"know\s+what\s+to\s+do\s+with\s+(?:myself|my\s+days|my\s+time|my\s+life)\b|"
         r"\b(?:i\s+(?:have|'ve\s+got)\s+no|i\s+(?:don't|do\s+not)\s+have\s+(?:a|any))\s+(?:purpose|reason\s+to\s+get\s+up)\b|"
         r"\bi\s+(?:feel|felt)\s+(?:like\s+i\s+have\s+)?(?:no\s+purpose|purposeless)\b|\bmy\s+life\s+(?:has\s+no|lacks)\s+purpose\b",
         "lost"),
        # "I think my husband is cheating on me" (the 1.5B: "It's important to stay safe and support each other")
        (r"\b(?:i\s+think|i(?:'m|\s+am)\s+(?:pretty\s+|almost\s+)?sure|i\s+suspect|i\s+(?:just\s+)?found\s+out)\s+(?:that\s+)?(?:my\s+)?"
         r"(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|fianc[ée]e?|he|she)\s+(?:is|has\s+been|was|'s)\s+(?:cheating|having\s+an\s+"
         r"affair|seeing\s+someone\s+else)\b", "hurt"),
        # "my mum said at least it was early" (after a miscarriage)
        (r"\b(?:said|says|told\s+me|keeps?\s+(?:saying|telling\s+me)|just\s+said)\s+(?:that\s+)?['\"]?at\s+least\b|"
         # "people keep saying he's in a better place" (after a friend's suicide)
         r"\b(?:saying|said|says|tell(?:ing)?\s+me|told\s+me)\s+(?:that\s+)?['\"]?(?:(?:he|she|they)(?:'s|\s+is|'re|\s+are)\s+in\s+a\s+"
         r"better\s+place|everything\s+happens\s+for\s+a\s+reason|it\s+was\s+(?:his|her|their)\s+time|god\s+(?:needed|wanted)|"
         r"time\s+heals|(?:i|you)\s+(?:need|have)\s+to\s+move\s+on)\b",
         "hurt"),
        # "my dad didn't even say congrats. he just asked how much it costs" (the 1.5B: "It's okay if he didn't say
        # congrats… You can tell him you're glad for the opportunity")
        (r"\b(?:he|she|they|nobody|no\s+one|(?:my\s+)?(?:son|daughter|kids|mum|mom|dad|mother|father|parents|brother|sister|"
         r"family|friends?|husband|wife|partner|boyfriend|girlfriend|boss))\s+(?:didn't|did\s+not|didnt|never|hasn't|has\s+not|"
         r"haven't|have\s+not|wouldn't|couldn't)\s+(?:even\s+)?(?:say|said|tell\s+me|told\s+me)\s+(?:congrats|congratulations|"
         r"well\s+done|good\s+job|happy\s+birthday|(?:that\s+)?(?:he|she|they)\s+(?:was|were|is|are)\s+proud|i'm\s+proud|"
         r"they're\s+proud|he's\s+proud|she's\s+proud|thank\s+you|thanks|sorry)\b|"
         r"\b(?:nobody|no\s+one|not\s+one\s+person)\s+(?:even\s+)?(?:said|wished\s+me)\s+(?:congrats|congratulations|well\s+done|"
         r"happy\s+birthday|a\s+happy\s+birthday)\b", "hurt"),
        # lonely and sad in German, French and Spanish ("Ich fühle mich so allein.", "Je me sens seule.")
        (r"\bich\s+(?:f[üu]hle?|f[üu]hl)\s+mich\s+(?:so\s+|sehr\s+|total\s+|ganz\s+)?(?:allein|einsam)\b|"
         r"\bich\s+bin\s+(?:so\s+|sehr\s+|ganz\s+)?(?:allein|einsam)\b", "lonely"),
        (r"\bje\s+me\s+sens\s+(?:si\s+|tellement\s+|tr[èe]s\s+)?(?:seule?|isol[ée]e?)\b|\bje\s+suis\s+(?:si\s+|tellement\s+)?"
         r"seule?\b", "lonely"),
        (r"\bme\s+siento\s+(?:tan\s+|muy\s+)?(?:sola|solo)\b|\bestoy\s+(?:tan\s+|muy\s+)?(?:sola|solo)\b", "lonely"),
        # "A veces paso todo el día sin hablar con nadie" (Carmen, 78; the 1.5B: "Por supuesto, eso es muy normal.")
        (r"\bpaso\s+(?:todo\s+el\s+d[ií]a|d[ií]as(?:\s+enteros)?|semanas|el\s+d[ií]a)\s+sin\s+hablar\s+con\s+nadie\b|"
         r"\bno\s+tengo\s+(?:a\s+nadie|con\s+qui[eé]n\s+hablar)\b|\bich\s+(?:rede|spreche)\s+(?:oft\s+)?(?:den\s+ganzen\s+tag|"
         r"tagelang)\s+mit\s+niemandem\b|\bich\s+habe\s+niemanden(?:\s+zum\s+reden)?\b|\bje\s+passe\s+(?:toute\s+la\s+journ[ée]e|"
         r"des\s+journ[ée]es(?:\s+enti[èe]res)?)\s+sans\s+parler\s+[àa]\s+personne\b|\bje\s+n'ai\s+personne(?:\s+[àa]\s+qui\s+parler)?\b",
         "lonely"),
        (r"\bich\s+bin\s+(?:so\s+|sehr\s+)?traurig\b|\bmir\s+geht\s+es\s+(?:so\s+|sehr\s+)?schlecht\b|"
         r"\bje\s+(?:suis|me\s+sens)\s+(?:si\s+|tellement\s+|tr[èe]s\s+)?triste\b|"
         r"\b(?:estoy|me\s+siento)\s+(?:tan\s+|muy\s+)?triste\b", "sad"),
        (r"\bi\s+(?:can't|cant|cannot|can\s+not|couldn't|couldnt)\s+(?:get\s+to\s+)?sleep\b", "restless"),
        # "cant sleep again" (the 1.5B: "That's great to hear!"), "still awake", "its 3am and my mind wont stop"
        (r"(?:^|[.!?]\s+)(?:still\s+)?(?:can't|cant|cannot|can\s+not|couldn't|couldnt)\s+(?:get\s+(?:back\s+)?to\s+)?"
         r"sleep\b|^\s*(?:still|wide)\s+awake\b|\bmy\s+(?:mind|brain|head)\s+(?:won't|wont|will\s+not|doesn't|doesnt|"
         r"can't|cant)\s+(?:stop|switch\s+off|shut\s+off|shut\s+up|turn\s+off|be\s+quiet)\b", "restless"),
        # "my memory isn't what it used to be" (the 1.5B: "Oh, that's great to hear.")
        (r"\bmy\s+memory\s+(?:is\s+not|isn't|isnt|is\s+no\s+longer)\s+what\s+it\s+(?:used\s+to\s+be|was)\b|"
         r"\bmy\s+memory\s+is\s+(?:going|getting\s+worse|terrible|awful|shot|failing)\b", "worried"),
        # "I feel like nobody takes me seriously" (the 1.5B: "it's important to respect and value everyone's opinion")
        (r"\b(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:takes\s+me\s+seriously|listens\s+to\s+me|cares\s+what\s+i\s+"
         r"(?:think|say)|believes\s+me)\b", "frustrated"),
        # "just replaying that stupid thing i said at work"
        (r"\b(?:keep\s+|just\s+|been\s+|can't\s+stop\s+|cant\s+stop\s+)?replaying\s+(?:that|the|what|this|it|"
         r"everything|every\s+word)\b[^.!?]{0,30}\bi\s+said\b|\bthat\s+stupid\s+thing\s+i\s+said\b", "embarrassed"),
        (r"\b(?:stopped|stops)\s+(?:replying|answering|talking|responding|calling|texting)\s+(?:to\s+)?(?:me|my)\b",
         "lonely"),
        # "I'm just 34 and nobody has even come close" (after a best friend's engagement; the 1.5B: "I'm glad you're
        # happy for her!"); the care side is amity.care.longing
        (LONGING, "lonely"),
        (r"\bi(?:\s+(?:feel|felt|am|was)|'m)\s+(?:like\s+)?(?:such\s+)?(?:a|an\s+extra)\s+burden\b", "a burden"),
        (r"\bi(?:\s+(?:feel|felt|am|was)|'m)\s+(?:like\s+)?(?:such\s+|a\s+complete\s+|a\s+total\s+)?(?:a\s+)?"
         r"(?:failure|loser|disappointment|waste\s+of\s+space)\b", "a failure"),
    )
)  # fmt: skip
# Good news told without naming the feeling ("I got the job!", "We're engaged"): reported as the joy it tells of,
# so the reply celebrates instead of hedging on a weak guess. Scanned like SOCIAL_PAIN.
_PREGNANT = (
    r"\b(?:i|we)(?:'re|'m|\s+are|\s+am)\s+(?:finally\s+|officially\s+)?"
    r"(?:pregnant|expecting(?:\s+a\s+baby)?|having\s+a\s+baby)\b"
)
GOOD_NEWS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx), word)
    for rx, word in (
        (r"\b(?:i|we)\s+(?:finally\s+|just\s+)?(?:got|landed|won|bought|found)\s+(?:the|a|my|our|an)\s+"
         r"(?:\w+\s+)?(?:job|promotion|offer|place|apartment|flat|house|scholarship|contract|award|prize|raise|role)\b",
         "good news"),
        (r"\bi\s+(?:finally\s+|just\s+)?(?:passed|aced|nailed)\s+(?:my|the|it|all)\b", "good news"),
        (r"\b(?:i|we)(?:'re|'m|\s+are|\s+am)\s+(?:finally\s+|officially\s+)?(?:engaged|getting\s+married)\b",
         "good news"),
        # a pregnancy is good news only when they say so ("We're pregnant!", "so happy, we're expecting"); "I just found
        # out I'm pregnant" alone is news to ask about (:func:`unsure_news`) - the 1.5B had answered it, from a
        # 19-year-old scared her boyfriend would leave, with "That's wonderful news! I'm so happy for you."
        (rf"{_PREGNANT}(?=[^.?]*(?:!|\b(?:so\s+happy|excited|thrilled|yay|over\s+the\s+moon|can'?t\s+wait)\b))|"
         rf"\b(?:finally|so\s+happy|excited|thrilled|yay)\b[^.?]{{0,60}}{_PREGNANT}", "good news"),
        (r"\b(?:i|we)\s+(?:finally\s+|just\s+)?(?:graduated|got\s+engaged|got\s+married|got\s+accepted|got\s+in)\b",
         "good news"),
        # "he proposed on the beach at sunset, I cried so much" (the 1.5B: "Oh, that's so sad!")
        (r"\b(?:he|she|they)\s+(?:finally\s+|just\s+)?proposed\b(?!\s+(?:a|an|the|that|to\s+(?:cut|close|move|change)))|"
         r"\b(?:he|she)\s+said\s+yes\b", "good news"),
    )
)  # fmt: skip
RECENT_HURT_KEY = "affect.recent_hurt"  # ctx.extras: an unpleasant feeling named in the last HURT_TURNS messages
HURT_TURNS = 2
UNSURE_NEWS_KEY = "affect.unsure_news"  # ctx.extras: big news told with no feeling ("I'm pregnant"): no cheering
_NOT_EVERYDAY = {"okay", "ok", "fine", "good", "great", "well", "alright"}  # "I'm not okay" is a report


@dataclass(frozen=True)
class SelfReport:
    """One feeling the user named: the words as said, and where the feeling sits."""

    quote: str  # the matched words, e.g. "I'm so tired", "I don't feel good"
    word: str  # the feeling word ("tired"); "not good" when negated
    label: str | None
    valence: float
    arousal: float


def _report(
    word: str, via_feel: bool, negated: bool, lowered: str, end: int
) -> tuple[str, str | None, float, float] | None:
    """(word, label, valence, arousal) for one matched feeling word, or None where the rules say it is none."""
    feeling = FEELINGS[word]
    if feeling.feel_only and not via_feel and not (negated and word in _NOT_EVERYDAY):
        return None
    if word in _EVERYDAY and _EVERYDAY_NEXT.match(lowered, end):
        return None
    if negated:
        if word not in _NOT_EVERYDAY and feeling.valence < NEGATABLE:
            return None  # "I'm not angry", "I'm not surprised": no feeling stated
        return f"not {word}", _PLEASANT_NEGATED.label, _PLEASANT_NEGATED.valence, _PLEASANT_NEGATED.arousal
    return word, feeling.label, feeling.valence, feeling.arousal


_UNSURE_NEWS = re.compile(
    rf"{_PREGNANT}|\b(?:found\s+out|just\s+learned|turns\s+out)\s+(?:that\s+)?i(?:'m|\s+am)\s+pregnant\b"
)
UNSURE_NEWS_GUIDANCE = (
    "They told you big news without saying how they feel about it. Don't congratulate them and don't assume it is "
    'happy news; ask gently how they feel, e.g. "Oh wow - that\'s big news. How are you feeling about it?"'
)


def unsure_news(text: str) -> bool:
    """Big news that may be happy or frightening, told with no feeling ("I just found out I'm pregnant")."""
    lowered = fold_quotes(text).lower()
    return _UNSURE_NEWS.search(lowered) is not None and not any(r.word == "good news" for r in find_self_reports(text))


def find_self_reports(text: str) -> tuple[SelfReport, ...]:
    """The feelings the user states about themselves and the social pain they tell of, in text order, at most
    :data:`MAX_REPORTS`, no repeats."""
    source = fold_quotes(text)
    lowered = source.lower()
    found: list[tuple[int, SelfReport]] = []
    for m in _PATTERN.finditer(lowered):
        verb = next(g for g in ("negfeel", "negbe", "feel", "be", "opening") if m.group(g))
        start = m.start(verb)
        if verb == "opening" and lowered[:start].rstrip()[-1:] not in ("", ".", "!", "?", ";", ":", ","):
            continue  # "feeling" inside a sentence without "I" ("the feeling sad part")
        if hypothetical(lowered, start):
            continue
        via_feel = verb in ("feel", "negfeel", "opening")
        negated = verb in ("negfeel", "negbe")
        end, word = m.end("word"), " ".join(m.group("word").split())
        while True:
            report = _report(word, via_feel, negated, lowered, end)
            if report is not None:
                found.append((start, SelfReport(" ".join(source[start:end].split()), *report)))
            more = _AND_MORE.match(lowered, end)  # "I'm exhausted and a bit lonely"
            if more is None:
                break
            start, end, word = more.start("body"), more.end("word"), " ".join(more.group("word").split())
    named_feelings = [r.quote for _, r in found]
    for pattern, word in (*SOCIAL_PAIN, *LOSS, *GOOD_NEWS):
        for m in pattern.finditer(lowered):
            after = source[m.end() :].split(maxsplit=1)
            named = (  # "No one calls me Bob"; a loss may end in a name ("diagnosed with Parkinson's")
                bool(after) and after[0][:1].isupper() and after[0].split("'")[0] != "I" and word not in LOSS_WORDS
            )
            if hypothetical(lowered, m.start()) or named:
                continue
            f = FEELINGS[word]
            quote = clause_of(source, m.start(), m.end())
            if word in LOSS_WORDS and any(q in quote for q in named_feelings):
                continue  # "I'm so sad and lonely since my dog died": the feelings they named are quoted as said
            found.append((m.start(), SelfReport(quote, word, f.label, f.valence, f.arousal)))
    doubt = find_self_doubt(source)
    if doubt is not None and not any(doubt.quote in r.quote or r.quote in doubt.quote for _, r in found):
        f = FEELINGS[SELF_DOUBT_WORD]  # "Am I boring?": a feeling of their own worth, not named
        found.append((doubt.start, SelfReport(doubt.quote, SELF_DOUBT_WORD, f.label, f.valence, f.arousal)))
    reports: list[SelfReport] = []
    for _, said in sorted(found, key=lambda item: item[0]):
        if said.word in {r.word for r in reports} or any(said.quote in r.quote for r in reports):
            continue  # the same feeling ("I'm so lonely, nobody calls me"), or words already quoted
        reports = [r for r in reports if r.quote not in said.quote] + [said]
    return tuple(reports[:MAX_REPORTS])


def with_self_reports(channel: ChannelAffect, reports: tuple[SelfReport, ...]) -> ChannelAffect:
    """The text channel's estimate with what the user said about their feelings folded in (unchanged if none)."""
    if not reports:
        return channel
    n = len(reports)
    valence = sum(r.valence for r in reports) / n
    arousal = sum(r.arousal for r in reports) / n
    stated = [Emotion(r.label, REPORT_CONFIDENCE) for r in reports if r.label]
    named = {e.label for e in stated}
    others = tuple(e for e in channel.labels if e.label not in named and e.label != "neutral")
    labels = (*stated, *others) if stated else (Emotion("neutral", REPORT_CONFIDENCE), *others)
    return replace(
        channel,
        label=labels[0].label,
        valence=REPORT_WEIGHT * valence + (1 - REPORT_WEIGHT) * channel.valence,
        arousal=REPORT_WEIGHT * arousal + (1 - REPORT_WEIGHT) * channel.arousal,
        confidence=max(channel.confidence, REPORT_CONFIDENCE),
        labels=labels,
        reported=tuple(r.quote for r in reports),
    )
