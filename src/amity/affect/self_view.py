# ruff: noqa: E501  (reviewed pattern tables read best one entry per line)
"""A harsh view of oneself, in the user's words: "Am I boring?", "I'm such a burden", "people think I'm weird".

Lonely people rarely say "I feel insecure"; they ask whether they are boring, or say nobody could like them.
Such a message is a bid for reassurance, and the most harmful answer a companion can give is to agree ("some
people might find you boring if…" — what a small model wrote to exactly that question before this module).
:func:`find_self_doubt` finds it with reviewed patterns:

* questions: "am I boring?", "do you think I'm too much?", "maybe I'm just annoying";
* what others are feared to think: "people find me boring", "my friends think I'm weird";
* statements: "I'm such a burden", "I'm so stupid", "I'm not good enough", "what's wrong with me", "I hate myself";
* doubts about being able to do something (kind ``ability``): "I'm not sure I can do this", "Maya thinks I'll be
  great but I'm not so sure", "I'll probably mess it up", "what if I fail?", "I'm not cut out for this". These
  are met with reassurance too, not with tips (a small model once read the sister's faith in the user as
  "Maya has some doubts about you");
* blaming oneself (kind ``guilt``): "I should have noticed he was sick sooner", "it's all my fault", "I blame
  myself", "if only I had called" - met with "You did the best you could with what you knew then.", never with
  what they could have done (the 1.5B answered the first, after "My dog died yesterday", with "How do you think
  you can improve your awareness of your body?");
* doubting a big decision (kind ``regret``): "Do you think I made a mistake moving here?", "was it a mistake to
  quit?", "I regret moving" - met with "It's natural to second-guess a big decision - it doesn't mean it was a
  mistake.", not with a numbered list of tips for settling in (what the 1.5B wrote to a lonely newcomer in Berlin).

Rules that keep it precise: a negation just before ("I don't think I'm boring", "I'm not a burden") finds
nothing; "useless / hopeless / stupid / weird" followed by "at / with / about…" is everyday self-mockery ("I'm
hopeless at maths") and finds nothing; "nobody thinks I'm boring" is reassurance, not doubt.

Two consumers: :mod:`amity.affect.self_report` reports the words as an unpleasant feeling ("insecure"), so the turn
reads as hurting and the prompt quotes it; :class:`amity.care.self_worth.SelfWorthStage` asks the reply not to agree
and to reassure, and the reply guard drops any sentence that puts the user down (``belittling``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRAIT = (
    r"(?P<trait>boring|dull|annoying|unlik(?:e)?able|unlovable|unloved|unwanted|ugly|unattractive|stupid|dumb|"
    r"worthless|useless|pathetic|hopeless|needy|clingy|too much|weird|a weirdo|invisible|forgettable|broken|"
    r"incompetent|a fraud|an idiot|a fool|too sensitive|selfish|forgetful|senile|losing it|losing my mind|past it|lazy|weak|dramatic|attention[- ]seeking|faking it|too old(?= to\b)|old and (?:forgetful|useless|boring|slow)|"
    r"a (?:burden|failure|loser|disappointment|bore|mess|joke|monster|(?:bad|terrible|awful|horrible|rubbish|lousy) (?:friend|person|mother|father|mom|mum|dad|"
    r"parent|son|daughter|partner|wife|husband|sister|brother|employee|worker|student|teacher|boss))|not (?:good|smart|pretty|interesting|likable|"
    r"likeable|fun) enough|not enough|hard to (?:like|love|be around|talk to))"
)
_DEGREE = r"(?:(?:so|such|just|really|too|a bit|a little|kind of|kinda|sort of|completely|totally|literally|actually|that|the most|pretty|very|always|simply|getting|becoming)\s+)*"
_I_AM = r"i(?:'m|\s+am|m)"
_OTHERS = (
    r"(?:people|everyone|everybody|they|others|other people|my\s+(?:\w+\s+)?(?:friends|family|coworkers|co-workers|"
    r"colleagues|classmates|parents|partner|boyfriend|girlfriend|husband|wife|boss|team|kids|mum|mom|mother|dad|"
    r"father|ex|teacher|brother|sister|grandma|grandmother|grandpa|grandfather)|he|she)"
)
_SEE = r"(?:think|thinks|thought|find|finds|found|say|says|said|see|sees|call|calls|called|consider|considers|told\s+me|tells\s+me)"

_WILL = r"i(?:'ll|\s+will|\s+would|'d|'m\s+going\s+to|\s+am\s+going\s+to|'m\s+gonna)"
_DO_IT = r"(?:do|handle|manage|pull\s+off)\s+(?:it|this|that|the\s+job|the\s+work)"
_SUCCEED = (
    rf"(?:i\s+can\s+{_DO_IT}|i\s+could\s+{_DO_IT}|{_WILL}\s+(?:be\s+able\s+to\s+{_DO_IT}|be\s+(?:any\s+good|good\s+at\s+it|"
    rf"okay|ok|fine|able\s+to\s+cope)|manage|cope|make\s+it\s+work)|{_I_AM}\s+(?:ready|good\s+enough|up\s+to\s+it|capable))"
)
_FAIL = r"(?:fail|mess\s+(?:it|this|everything|things)\s+up|screw\s+(?:it|this|everything|things)\s+up|mess\s+up|screw\s+up|let\s+(?:everyone|them|her|him|people)\s+down|be\s+(?:terrible|awful|useless|bad)\s+at\s+it)"
# What someone who believes in them says: "Maya thinks I'll be great" (but I'm not so sure).
_FAITH = (
    rf"(?:{_WILL}\s+(?:be\s+(?:\w+\s+)?(?:great|good|fine|amazing|brilliant|okay|ok|perfect|wonderful|awesome|successful|a\s+natural)|"
    rf"do\s+(?:\w+\s+)?(?:great|well|fine|brilliantly)|nail\s+it|ace\s+it|smash\s+it|get\s+it|make\s+it)|i\s+can\s+do\s+(?:it|this|anything))"
)
# Blaming oneself (kind ``guilt``): "I should have noticed he was sick sooner", "it's all my fault", "if only I had".
_GUILT_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rx)
    for rx in (
        r"\b(?P<trait>i\s+(?:should|could)(?:\s+have|'ve)\s+(?:noticed|known(?!\s+(?:you|better\s+than\s+to\s+ask))|seen|realised|realized|caught|spotted|"
        r"done\s+(?:more|something|better|things\s+differently)|been\s+there|been\s+(?:a\s+better\s+\w+|more\s+(?:careful|patient|supportive|present|attentive|understanding))|stopped\s+(?:it|him|her|them)|"
        r"saved\s+(?:him|her|them|it)|helped\s+(?:him|her|them)|listened|called\s+(?:him|her|them)|visited|said\s+goodbye|"
        r"taken\s+(?:him|her|them|it)\s+to))",
        r"\b(?P<trait>it(?:'s|\s+is|\s+was)\s+(?:all\s+)?my\s+fault)\b",
        r"\b(?P<trait>i\s+(?:still\s+|just\s+)?(?:blame|can't\s+forgive|cannot\s+forgive)\s+myself)\b",
        r"\b(?P<trait>if\s+only\s+i(?:'d|\s+had)\s+(?!the\b|a\b|an\b|more\b|some\b|enough\b)\w+)",
        # "I feel like I'm betraying her" (deciding to put an old dog to sleep; a mum into a care home)
        r"\bi\s+(?:feel|felt)\s+(?:like\s+)?(?:i'm|i\s+am|i\s+was)\s+(?P<trait>betraying\s+(?:her|him|them|my\s+\w+))\b",
    )
)

# Doubts about being able to do something: "I'm not sure I can do this", "I'll probably mess it up".
_ABILITY_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rx)
    for rx in (
        rf"\b(?P<trait>{_I_AM}\s+not\s+(?:so\s+|too\s+|that\s+|really\s+|very\s+)?sure\s+(?:that\s+|if\s+)?{_SUCCEED})\b",
        rf"\b(?P<trait>i\s+(?:don't|do\s+not)\s+(?:think|know\s+if)\s+{_SUCCEED})\b",
        rf"\b(?:thinks?|says?|believes?|is\s+sure|are\s+sure)\s+(?:that\s+)?{_FAITH}[^.!?]*?\bbut\s+"
        rf"(?P<trait>{_I_AM}\s+not\s+(?:so\s+|too\s+|that\s+|really\s+)?(?:sure|convinced)|i\s+(?:doubt\s+it|don't\s+(?:believe|see)\s+it))\b",
        rf"\b(?P<trait>{_WILL}\s+(?:probably\s+|just\s+|definitely\s+|totally\s+|only\s+)?{_FAIL})\b",
        rf"\b(?P<trait>what\s+if\s+i\s+(?:{_FAIL}|can't\s+{_DO_IT}|can't\s+cope|{_I_AM}\s+not\s+good\s+enough))\b",
        rf"\b(?P<trait>{_I_AM}\s+(?:so\s+|really\s+|just\s+)?(?:scared|afraid|worried|terrified)\s+(?:that\s+)?i(?:'ll|\s+will|'m\s+going\s+to)?\s+{_FAIL})\b",
        rf"\b(?P<trait>{_I_AM}\s+(?:just\s+)?not\s+cut\s+out\s+for\s+(?:this|it|that|the\s+job|\w+ing))\b",
        r"\b(?P<trait>i\s+(?:really\s+|kind\s+of\s+|kinda\s+)?doubt\s+(?:myself|i\s+can|i'll\s+be\s+(?:any\s+)?good))\b",
    )
)

# Doubting a big decision (kind ``regret``): "Do you think I made a mistake moving here?", "I regret quitting".
_MISTAKE = (
    r"(?:a|the)\s+(?:big\s+|huge\s+|terrible\s+|massive\s+|wrong\s+)?(?:mistake|wrong\s+(?:choice|decision|move))"
)
_REGRET_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rx)
    for rx in (
        rf"\b(?P<trait>(?:did|have)\s+i\s+(?:just\s+)?(?:make|made)\s+{_MISTAKE})",
        rf"\b(?P<trait>do\s+you\s+think\s+i\s+(?:made|make|have\s+made)\s+{_MISTAKE})",
        rf"\b(?P<trait>(?:was|is)\s+it\s+{_MISTAKE}\s+to)\b",
        r"\b(?P<trait>i\s+(?:really\s+|kind\s+of\s+|kinda\s+|sometimes\s+)?regret\s+(?:moving|coming|leaving|taking|quitting|"
        r"choosing|marrying|breaking\s+up|saying\s+yes|accepting|selling|buying|starting|changing))\b",
    )
)

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(rx)
    for rx in (
        # questions and guesses about oneself
        rf"\b(?:am i|do you think {_I_AM}|do you find me|would you say {_I_AM}|is it because {_I_AM}|maybe {_I_AM}|"
        rf"what if {_I_AM}|i wonder if {_I_AM}|i guess {_I_AM}|i must be|i think {_I_AM})\s+{_DEGREE}{_TRAIT}\b",
        # what others are feared to think
        rf"\b{_OTHERS}\s+(?:\w+\s+){{0,2}}?{_SEE}\s+(?:that\s+)?(?:{_I_AM}|i was|me(?:\s+as)?)\s+{_DEGREE}{_TRAIT}\b",
        # statements
        rf"\b{_I_AM}\s+{_DEGREE}{_TRAIT}\b",
        # "I just feel like a failure as a mum", "I feel so useless" ("I feel weird / hopeless" is not about worth)
        rf"\bi\s+(?:just\s+|really\s+|sometimes\s+|always\s+|kind\s+of\s+|kinda\s+)?feel\s+(?:like\s+)?{_DEGREE}(?!(?:weird|hopeless|dull|too much)\b){_TRAIT}\b",
        r"\b(?P<trait>what(?:'s|\s+is)\s+wrong\s+with\s+me)\b",
        # judging oneself for a feeling: "my best friend just got engaged and I'm jealous. what kind of person does
        # that make me" (the 1.5B: "it can make you feel that your own relationship is being overlooked")
        r"\b(?P<trait>what\s+(?:kind|sort)\s+of\s+(?:a\s+)?(?:person|friend|sister|brother|mother|mom|mum|father|dad|daughter|son|wife|"
        r"husband|partner)\s+(?:does\s+(?:that|this|it)\s+make\s+me|am\s+i|feels\s+(?:that|this|like\s+this)))\b",
        r"\b(?P<trait>what\s+does\s+(?:that|this|it)\s+say\s+about\s+me)\b",
        # "do you think something is wrong with me" (14, eating lunch alone in the library)
        r"\b(?:is\s+(?:there\s+)?something|do\s+you\s+think\s+(?:there(?:'s|\s+is)\s+)?something(?:'s|\s+is)?|maybe\s+(?:there(?:'s|\s+is)\s+)?"
        r"something(?:'s|\s+is)?|i(?:'m|\s+am)?\s+(?:starting\s+to\s+|beginning\s+to\s+)?(?:think|feel|wonder\s+if)\s+(?:that\s+)?(?:there(?:'s|\s+is)\s+)?"
        r"something(?:'s|\s+is)?|something\s+must\s+be)\s+(?P<trait>wrong\s+with\s+me)\b",
        # "my mum always said I'd never amount to anything"
        rf"\b{_OTHERS}\s+(?:\w+\s+){{0,2}}?{_SEE}\s+(?:that\s+)?i(?:'d|\s+would|'ll|\s+will)\s+(?P<trait>never\s+(?:amount\s+to\s+"
        r"anything|be\s+anything|be\s+good\s+enough|make\s+it|get\s+anywhere))\b",
        r"\bi\s+(?P<trait>hate\s+(?:myself|who\s+i\s+am|the\s+way\s+i\s+am|everything\s+about\s+me))\b",
        r"\b(?P<trait>(?:nobody|no one)\s+(?:could|would|will|can)\s+(?:ever\s+)?(?:love|like|want)\s+me)\b",
        # "people say 'but you don't look sick'" (the 1.5B: "That's true.")
        rf"\b{_OTHERS}\s+(?:\w+\s+){{0,2}}?(?:say|says|said|tell\s+me|tells\s+me|told\s+me|keep\s+saying)\s+(?:that\s+)?['\"]?(?:but\s+)?"
        r"(?P<trait>(?:you|i)\s+(?:don't|do\s+not|doesn't|didn't)\s+look\s+(?:sick|ill|disabled|unwell|like\s+(?:you're|i'm)\s+in\s+pain))\b",
    )
)
# "I'm hopeless at maths", "I'm useless with names", "I'm weird about germs": everyday self-mockery.
# ("I feel so stupid for not seeing it", "I'm such an idiot for trusting him" are self-blame, not self-mockery)
_EVERYDAY_AFTER = re.compile(
    r"\s+(?:at|with|about|in|when it comes to|for(?!\s+(?:not|never|trusting|believing|thinking|letting|falling|being|"
    r"missing|ignoring|staying|loving|ever)\b))\b"
)
_EVERYDAY_TRAITS = {
    "useless",
    "hopeless",
    "stupid",
    "dumb",
    "weird",
    "broken",
    "too much",
    "a mess",
    "an idiot",
    "a fool",
}
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|don't|dont|do not|didn't|did not|nobody|no one|no)\s+(?:\w+\s+){0,2}$")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True)
class SelfDoubt:
    """The user's harsh words about themselves: the sentence as said, and the trait ("boring", "a burden")."""

    quote: str
    trait: str
    start: int  # where the words begin in the text
    kind: str = "worth"  # "worth" (am I boring?), "ability" (I'm not sure I can do this), "guilt" (it's my fault),
    # "regret" (did I make a mistake moving here?)


def reassurance(doubt: SelfDoubt, message: str = "") -> str:
    """An example of the plain, warm words that answer this doubt ("I don't see you as boring at all."), for the
    prompt: small models follow an example far better than an instruction. ``message``: the whole message the doubt
    is in (the feeling judged may be named in another sentence: "I'm jealous. what kind of person does that make me")."""
    trait = doubt.trait
    if doubt.kind == "ability":
        return "Feeling unsure doesn't mean you can't do it."
    if doubt.kind == "guilt" and trait.startswith("betraying "):
        who = trait.split(" ", 1)[1]
        who = who if who in ("her", "him", "them") else "them"
        return f"Feeling that shows how much you love {who} - it isn't a betrayal."
    if doubt.kind == "guilt":
        return "You did the best you could with what you knew then."
    if doubt.kind == "regret":
        return "It's natural to second-guess a big decision - it doesn't mean it was a mistake."
    if trait.startswith("not ") and trait.endswith(" enough"):
        return f"You are {trait[4:]}, just as you are."
    if trait.startswith(("what kind of", "what sort of", "what does")):  # judging themselves for a feeling
        if re.search(r"\b(?:jealous|envious|envy|jealousy)\b", f"{message} {doubt.quote}".lower()):
            return (
                "Feeling jealous doesn't make you a bad person. It can sit right next to being truly happy for "
                "someone, and it usually points at something you want for yourself."
            )
        return "Having a feeling like that doesn't make you a bad person - it makes you human."
    if trait in ("what's wrong with me", "wrong with me"):
        return "I don't think anything is wrong with you."
    if trait.startswith("hate "):
        return "You deserve kindness, from yourself too."
    if trait.startswith("never "):
        return "I don't believe that about you for a second."
    if re.search(
        r"\bfor\s+(?:not\s+(?:seeing|noticing|realising|realizing)|trusting|believing|falling\s+for)\b",
        doubt.quote.lower(),
    ):
        return "Trusting someone you love isn't stupid."  # "I feel so stupid for not seeing it"
    if "look " in trait:  # "people say 'but you don't look sick'"
        return "Your pain is real, even when no one can see it."
    if trait == "a monster":  # "sometimes I resent her and then I feel like a monster" (a carer)
        return "Having feelings like that doesn't make you a monster - it makes you human, and tired."
    if trait.startswith(("nobody", "no one")):
        return "I don't believe that - you deserve to be loved."
    return f"I don't see you as {trait} at all."


_AGREEING = re.compile(
    r"\b(?:maybe|perhaps|i\s+think|what\s+if)\s+(?:she|he|they|my\s+\w+|everyone|people)\s+(?:was|were|is|are|might\s+be)\s+"
    r"right\b|\b(?:she|he|they)\s+(?:was|were|is|are|might\s+be|may\s+be)\s+right\s+about\s+me\b",
    re.IGNORECASE,
)


def doubt_agreed(text: str, previous: str | None) -> SelfDoubt | None:
    """ "maybe she was right", right after a harsh thing someone said of them ("my mum always said I'd never amount
    to anything"): the same doubt, now in their own voice (the 1.5B answered "That's okay. It's always helpful to
    question and learn from others.")."""
    if previous is None or _AGREEING.search(_fold(text)) is None:
        return None
    before = find_self_doubt(previous)
    if before is None or before.kind != "worth":
        return None
    return SelfDoubt(" ".join(text.split()), before.trait, 0, "worth")


def _fold(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def _sentence_around(source: str, start: int, end: int, max_words: int = 14) -> str:
    for m in _SENTENCE.finditer(source):
        if m.start() <= start < m.end():
            sentence = " ".join(m.group().split())
            return sentence if len(sentence.split()) <= max_words else " ".join(source[start:end].split())
    return " ".join(source[start:end].split())


def find_self_doubt(text: str) -> SelfDoubt | None:
    """The first harsh view of oneself in ``text`` (see the module docstring), or None."""
    source = _fold(text)
    lowered = source.lower()
    hits: list[tuple[int, int, str, str]] = []
    kinds = (
        ("worth", _PATTERNS),
        ("ability", _ABILITY_PATTERNS),
        ("guilt", _GUILT_PATTERNS),
        ("regret", _REGRET_PATTERNS),
    )
    for kind, patterns in kinds:
        for pattern in patterns:
            for m in pattern.finditer(lowered):
                trait = " ".join(m.group("trait").split())
                if trait in _EVERYDAY_TRAITS and _EVERYDAY_AFTER.match(lowered, m.end()):
                    continue
                if _NEGATED_BEFORE.search(lowered[max(0, m.start() - 40) : m.start()]):
                    continue
                hits.append((m.start(), m.end(), trait, kind))
    if not hits:
        return None
    start, end, trait, kind = min(hits)
    return SelfDoubt(_sentence_around(source, start, end), trait, start, kind)
