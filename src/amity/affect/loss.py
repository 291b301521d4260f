"""A loss told without naming the feeling: "My dog died yesterday", "I look after my mum, she has dementia".

The text model reads most of these as neutral (0.55-0.78 on exactly these sentences), and the prompt then said
"no clear emotion" to a death. :data:`LOSS` holds reviewed patterns, each with the word the loss is reported as
("grieving", "caring for someone ill", "losing someone slowly", "waiting for results", "living with illness",
"pregnancy loss", "losing a pet", "homesick", "heartbroken", "worried", "upset"); :mod:`amity.affect.self_report`
scans it like its other tables, and :func:`find_loss` / :func:`recent_loss` let the affect stage keep a loss told a few
messages ago in view (``RECENT_LOSS_KEY``). Two things told hold for the whole conversation: being a carer
(:func:`caring_for`) and having retired (:func:`retired`, a loss only once it hurts). What a friend says then is
in :mod:`amity.affect.loss_care`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.affect.clauses import clause_of, fold_quotes, hypothetical

RECENT_LOSS_KEY = "affect.recent_loss"  # ctx.extras: the loss told earlier in this conversation (user_hurting reads it)
DEATH_KEY = "affect.death"  # ctx.extras: a death told in this message or a recent one (the after-death guard reads it)
LOSS_TURNS = 6  # how many earlier user messages of the conversation are looked at

LOVED = (
    r"(?:mom|mum|mother|dad|father|grandma|grandmother|grandpa|grandfather|grandad|granddad|granny|nan|nana|husband|wife|"
    r"partner|son|daughter|brother|sister|friend|best\s+friend|dog|cat|pet|puppy|kitten|horse|aunt|uncle|cousin|baby|"
    r"boyfriend|girlfriend|fianc[ée]e?|parents|grandparents)"
)
_ILLNESS = (
    r"(?:dementia|alzheimer'?s|parkinson'?s|cancer|ms|als|motor\s+neurone\s+disease|a\s+stroke|terminal\s+cancer)"
)
# "passed" alone tells of a death only before a time or the end of the clause ("My wife passed in March"), not
# in "my son passed his driving test".
_PASSED = (
    r"passed(?=\s*(?:$|[.,!;])|\s+(?:in|on|last|this|yesterday|today|recently|earlier|suddenly|peacefully|when|before|"
    r"after|while|(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?)\s+(?:ago|back))\b)"
)
LOSS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rx), word)
    for rx, word in (
        (rf"\b(?:my|our)\s+(?:\w+\s+)?{LOVED}\s+(?:\w+\s+)?(?:died|passed\s+away|passed\s+on|{_PASSED}|has\s+died|"
         r"is\s+dying|was\s+killed|killed\s+(?:himself|herself)|took\s+(?:his|her|their)\s+(?:own\s+)?life|"
         r"committed\s+suicide)\b", "grieving"),
        (rf"\bsince\s+(?:my|our)\s+(?:\w+\s+)?{LOVED}\s+(?:\w+\s+)?(?:died|passed)\b|\bi(?:'m|\s+am)\s+(?:a\s+)?"
         r"(?:widow|widower|widowed)\b|\bi\s+(?:just\s+)?buried\s+my\b|\bi\s+became\s+a\s+widow(?:er)?\b", "grieving"),
        (rf"\bi\s+(?:just\s+)?lost\s+my\s+(?:\w+\s+)?{LOVED}\b", "grieving"),
        # "her dad would have loved to see it. he passed 3 years ago" (the 1.5B: "That's wonderful! It's so sad that
        # your father passed away.")
        (r"\b(?:he|she)\s+(?:passed(?:\s+away|\s+on)?|died)\s+(?:\w+\s+){0,2}(?:years?|months?|weeks?|days?)\s+ago\b",
         "grieving"),
        # "Her birthday would have been on the 14th", "He would have turned 70 today"
        (r"\b(?:birthday|anniversary)\s+would(?:\s+have|'ve)\s+been\b|\b(?:would(?:\s+have|'ve)|(?:she|he|they)'d\s+have)\s+(?:turned|been)\s+\d+|"
         r"\bwould(?:\s+have|'ve)\s+been\s+(?:our|his|her|their|my)\s+(?:\w+\s+)?(?:birthday|anniversary)\b",
         "remembering a loss"),
        (r"(?<!have\sto\s)(?<!going\sto\s)(?<!need\sto\s)(?<!will\s)(?<!might\s)(?<!may\s)(?<!should\s)(?<!to\s)"
         r"\b(?:had\s+to\s+)?put\s+(?:my|our)\s+(?:old\s+)?(?:dog|cat|pet|horse)\s+(?:down|to\s+sleep)\b"
         r"(?!\s+(?:tomorrow|on\s+\w+day|next|this\s+(?:week|weekend)|soon))", "grieving"),
        # the same in German, French and Spanish ("Meine Mutter ist letzte Woche gestorben.")
        (r"\b(?:mein|meine|unser|unsere)\s+(?:\w+\s+)?(?:mutter|vater|mama|papa|mann|frau|sohn|tochter|bruder|schwester|oma|"
         r"opa|freund|freundin|hund|katze)\s+(?:\w+\s+){0,4}?(?:ist|sind)\s+(?:\w+\s+){0,4}?(?:gestorben|verstorben|tot)\b|"
         r"\bich\s+habe\s+(?:meine|meinen|mein)\s+(?:mutter|vater|mann|frau|sohn|tochter|bruder|schwester|hund|katze)\s+"
         r"verloren\b", "grieving"),
        (r"\b(?:mon|ma|mes|notre)\s+(?:m[èe]re|p[èe]re|maman|papa|mari|femme|fils|fille|fr[èe]re|s(?:œ|oe)ur|grand-m[èe]re|"
         r"grand-p[èe]re|chien|chat|ami|amie)\s+(?:\w+\s+){0,3}?(?:est|sont)\s+(?:\w+\s+){0,2}?(?:mort|morte|morts|"
         r"d[ée]c[ée]d[ée]e?|partie?)\b|\bj'ai\s+perdu\s+(?:mon|ma)\s+(?:m[èe]re|p[èe]re|mari|femme|fils|fille|chien|chat)\b",
         "grieving"),
        (r"\b(?:mi|nuestro|nuestra)\s+(?:madre|padre|mam[áa]|pap[áa]|esposo|esposa|marido|mujer|hijo|hija|hermano|hermana|"
         r"abuela|abuelo|perro|gato|amigo|amiga)\s+(?:\w+\s+){0,3}?(?:se\s+)?(?:muri[óo]|falleci[óo]|ha\s+muerto|"
         r"ha\s+fallecido)\b|\bperd[íi]\s+a\s+mi\s+(?:madre|padre|esposo|esposa|marido|mujer|hijo|hija)\b", "grieving"),
        (r"\b(?:broke|broken)\s+up\s+with\s+me\b|\b(?:we|i)\s+(?:just\s+)?broke\s+up\b|\bi\s+(?:got|was|just\s+got)\s+dumped\b",
         "heartbroken"),
        (r"\b(?:he|she|they|my\s+(?:\w+\s+)?(?:wife|husband|partner|boyfriend|girlfriend|fianc[ée]e?))\s+"
         r"(?:just\s+)?(?:left|dumped|cheated\s+on|ghosted)\s+me(?=\s*(?:[.!?,;]|$)|\s+(?:for|after|and)\b)",
         "heartbroken"),
        (r"\bwhy\s+did\s+(?:he|she|they)\s+(?:leave|dump|cheat\s+on)\s+me\b", "heartbroken"),
        (r"\b(?:wants?|asked\s+(?:me\s+)?for|filed\s+for)\s+a\s+divorce\b|\bwe(?:'re|\s+are)\s+getting\s+divorced\b",
         "heartbroken"),
        # "Divorce was finalised last month." (the 1.5B: "That's great news!")
        (r"\b(?:my\s+|the\s+|our\s+)?divorce\s+(?:was|is|got|has\s+been|went)\s+(?:just\s+)?(?:finali[sz]ed|final|through|"
         r"official)\b|\b(?:going|went|been\s+going)\s+through\s+(?:a|my|the)\s+(?:divorce|separation|break-?up)\b|"
         r"\b(?:we|my\s+(?:wife|husband|partner))\s+(?:just\s+|recently\s+)?(?:separated|split\s+up)\b|"
         r"\bi(?:'m|\s+am)\s+(?:recently\s+|newly\s+|now\s+)?(?:divorced|separated)\b|"
         # "I only get them every other weekend since the divorce" (the 1.5B: "getting to spend time with your brother")
         r"\bsince\s+(?:the|my|our)\s+(?:divorce|separation|split)\b", "heartbroken"),
        # "my parents are getting divorced and they keep fighting" (a 15-year-old; the 1.5B: "it's important not to
        # make it a big deal. It's also important to support them")
        (r"\bmy\s+(?:parents|mum\s+and\s+dad|mom\s+and\s+dad)\s+(?:are|r)\s+(?:getting\s+(?:a\s+)?divorced?|divorcing|"
         r"separating|splitting\s+up|breaking\s+up)\b|\bmy\s+(?:parents|mum\s+and\s+dad|mom\s+and\s+dad)\s+"
         r"(?:keep|always|won't\s+stop|never\s+stop)\s+(?:fighting|arguing|yelling|shouting|screaming)\b",
         "hurting at home"),
        # a loved one with dementia who no longer always knows them ("Some days she doesn't know who I am"; the 1.5B:
        # "It's nice that your mom called you by your aunt's name... she's learning")
        (r"\b(?:he|she|they|mum|mom|dad)\s+(?:doesn't|does\s+not|don't|didn't|did\s+not|no\s+longer|can't|cannot)\s+"
         r"(?:even\s+)?(?:know|knows|recogni[sz]e|recogni[sz]es|remember|remembers)\s+(?:who\s+i\s+am|me)"
         r"(?=\s+(?:anymore|any\s+more|now|most\s+days|some\s+days|half\s+the\s+time)\b)|"
         r"\b(?:some|most)\s+days\s+(?:he|she|they|my\s+(?:\w+\s+)?(?:mum|mom|mother|dad|father|husband|wife|"
         r"grandma|grandpa|gran|nan))\s+(?:doesn't|does\s+not|don't|can't)\s+(?:even\s+)?(?:know|recogni[sz]e|"
         r"remember)\s+(?:who\s+i\s+am|me)\b|\b(?:he|she|they)\s+(?:forgot|forgets|forgot|is\s+forgetting|has\s+"
         r"forgotten)\s+who\s+i\s+am\b|\b(?:he|she)\s+(?:no\s+longer|doesn't|does\s+not)\s+(?:know|recogni[sz]e)"
         r"\s+(?:who\s+i\s+am|me)\b|"
         # "today she didn't recognise me", "she didn't know me again"
         r"\b(?:today|this\s+morning|tonight|yesterday|again)\s+(?:he|she|mum|mom|dad)\s+(?:didn't|did\s+not)\s+(?:recogni[sz]e|know)\s+me\b|"
         # "my dad didn't recognise me today" - not with a new haircut
         r"\b(?:he|she|my\s+(?:\w+\s+)?(?:mum|mom|mother|dad|father|husband|wife|grandma|grandpa|gran|nan))\s+(?:didn't|"
         r"did\s+not)\s+(?:recogni[sz]e|know)\s+me\s+(?:today|again|this\s+morning|at\s+all\s+today)\b"
         r"(?![^.!?]*\b(?:hair|haircut|beard|glasses|make-?up|costume|mask|disguise|tan|outfit)\b)",
         "losing someone slowly"),
        # a carer: "I look after my mum, she has dementia", "I'm my husband's full-time carer"
        (rf"\bi(?:'m|\s+am)?\s+(?:\w+\s+)?(?:look(?:ing)?\s+after|car(?:e|ing)\s+for|tak(?:e|ing)\s+care\s+of|nurs(?:e|ing))\s+my\s+"
         rf"(?:\w+\s+)?{LOVED}\b[^.!?]{{0,60}}\b(?:dementia|alzheimer'?s|parkinson'?s|cancer|a\s+stroke|terminal(?:ly)?|"
         r"dying|ms|als|motor\s+neurone|disabled|bedridden|chemo)\b|\bi(?:'m|\s+am)\s+(?:[\w']+\s+){0,2}?(?:full[-\s]time\s+|"
         r"main\s+|only\s+|primary\s+|unpaid\s+)?(?:carer|caregiver|care-giver)\b(?!\s+(?:at|in|with)\b)|"
         # "my mum has dementia and I look after her"
         rf"\b{LOVED}\s+(?:has|had|has\s+got|with)\s+{_ILLNESS}\b[^.!?]{{0,40}}?\band\s+i(?:'m|\s+am)?\s+(?:the\s+one\s+(?:who\s+)?)?"
         r"(?:look(?:s|ing)?\s+after|car(?:e|es|ing)\s+for|tak(?:e|es|ing)\s+care\s+of|nurs(?:e|es|ing))\s+(?:her|him|them)\b",
         "caring for someone ill"),
        # "I had a miscarriage last week" (the 1.5B, to "my mum said at least it was early": "Oh, that's good news.")
        (r"\b(?:i|we)\s+(?:had|have\s+had|just\s+had|suffered)\s+(?:a\s+|another\s+|an\s+)?(?:miscarriage|stillbirth|ectopic(?:\s+pregnancy)?|"
         r"chemical\s+pregnancy|missed\s+miscarriage)\b|\bi\s+(?:miscarried|lost\s+(?:the|my|our)\s+(?:baby|pregnancy))\b|"
         r"\bwe\s+lost\s+(?:the|our)\s+(?:baby|pregnancy)\b|\b(?:our|my)\s+(?:baby|son|daughter)\s+was\s+stillborn\b|"
         r"\bpregnancy\s+loss\b", "pregnancy loss"),
        # "the vet says it might be time for my dog. she's 15" (the 1.5B: "That's a good sign - it's time to start
        # thinking about it.")
        (r"\bvets?\s+(?:says?|said|thinks?|thought|told\s+(?:me|us)|suggested|suggests)\s+(?:that\s+)?(?:it(?:'s|\s+is|\s+might\s+be|"
         r"\s+may\s+be|\s+could\s+be)\s+(?:almost\s+|nearly\s+)?time\b|(?:she|he|it)\s+(?:should|needs\s+to|has\s+to)\s+be\s+put\s+"
         r"(?:down|to\s+sleep))|\b(?:put|putting|have|having)\s+(?:my|our)\s+(?:old\s+)?(?:dog|cat|pet|horse|rabbit|bunny|puppy|"
         r"kitty|pup|boy|girl)\s+(?:\w+\s+)?(?:down|to\s+sleep|put\s+down|put\s+to\s+sleep)\b|\b(?:euthani[sz](?:e|ed|ing)|"
         r"euthanasia)\b[^.!?]{0,40}\b(?:dog|cat|pet|her|him)\b|\b(?:my|our)\s+(?:dog|cat|pet|horse|rabbit)\b[^.!?]{0,40}\b"
         r"(?:euthani[sz]|put\s+(?:down|to\s+sleep))", "losing a pet"),
        # "they found a lump and I'm waiting for the biopsy results" (the 1.5B: "That's a bit of a concern. What does it
        # mean?"; to "I can't stop googling": "Maybe you could share some keywords")
        (r"\bwaiting\s+(?:for|on)\s+(?:my\s+|the\s+|some\s+|her\s+|his\s+)?(?:biopsy|scan|test|blood\s+test|mri|ct|mammogram|pathology|"
         r"smear|ultrasound|x-ray)\s+results?\b|\b(?:they|the\s+doctors?|my\s+doctor|the\s+gp|my\s+gp)\s+found\s+a\s+(?:lump|mass|"
         r"shadow|growth|spot|nodule|tumou?r)\b|\bi\s+(?:just\s+)?found\s+a\s+lump\b|\bwaiting\s+to\s+hear\s+(?:back\s+)?(?:about|from)\s+"
         r"(?:the|my)\s+(?:biopsy|scan|tests?|results)\b", "waiting for results"),
        # "I have chronic pain and I had to cancel on my friends again" (the 1.5B: "Is there anything you're doing to
        # help you get out of bed?")
        (r"\bi(?:\s+|(?='))(?:have|'ve\s+got|have\s+got|live\s+with|suffer\s+from|was\s+diagnosed\s+with|got\s+diagnosed\s+with|"
         r"have\s+been\s+diagnosed\s+with|'ve\s+been\s+diagnosed\s+with|am\s+living\s+with|'m\s+living\s+with)\s+"
         r"(?:chronic\s+(?:pain|fatigue|illness|migraines?|back\s+pain)|fibromyalgia|fibro|me/cfs|cfs|long\s+covid|lupus|"
         r"multiple\s+sclerosis|endometriosis|crohn'?s|rheumatoid\s+arthritis|ehlers[-\s]danlos|pots)\b|"
         r"\bmy\s+(?:chronic\s+(?:pain|fatigue|illness)|fibromyalgia|fibro|long\s+covid|lupus|endometriosis|crohn'?s)\s+(?:is|has|keeps|"
         r"flared|makes|means)\b|\bi(?:'m|\s+am)\s+(?:in\s+(?:a|the\s+middle\s+of\s+a)\s+(?:bad\s+)?flare|chronically\s+ill)\b",
         "living with illness"),
        (rf"\b(?:my|our)\s+(?:\w+\s+)?{LOVED}\s+(?:is|was|has\s+been|got)\s+(?:\w+\s+)?(?:in\s+(?:the\s+)?(?:hospital|icu|"
         r"intensive\s+care|a\s+coma)|diagnosed\s+with|rushed\s+to\s+(?:the\s+)?hospital|dying|terminally\s+ill)\b|"
         rf"\b(?:my|our)\s+(?:\w+\s+)?{LOVED}\s+(?:has|had)\s+(?:cancer|a\s+stroke|a\s+heart\s+attack|dementia|alzheimer's)\b|"
         r"\b(?:he|she)\s+has\s+(?:got\s+)?(?:dementia|alzheimer'?s|parkinson'?s|cancer|terminal\s+cancer)\b|"
         r"\b(?:might|may|could)\s+be\s+cancer\b|\bi\s+(?:was|got|have\s+been|'ve\s+been)\s+diagnosed\s+with\b",
         "worried"),
        # "I moved here from Brazil three months ago and I miss home so much" (the 1.5B: "spend time with those you
        # love", then "You might consider learning how to make it at home", then "It's important to practice")
        (r"\bi(?:'m|\s+am)\s+(?:so\s+|really\s+|very\s+|just\s+|a\s+bit\s+|kind\s+of\s+)?homesick\b|\bhomesickness\b|"
         r"\bi\s+(?:really\s+|so\s+|just\s+)?miss\s+(?:home|my\s+(?:home|country|hometown|home\s+town|home\s+country|family\s+back\s+"
         r"home|people\s+back\s+home|own\s+language|language))\b|\bi\s+(?:just\s+|recently\s+)?(?:moved|came)\s+(?:here\s+)?from\s+"
         r"[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\b[^.!?]{0,60}\bmiss\b|\b(?:so\s+|very\s+)?far\s+(?:away\s+)?from\s+(?:home|my\s+family|everyone\s+i\s+love)\b",
         "homesick"),
        (r"\bi\s+(?:just\s+)?(?:got|was|'ve\s+been|have\s+been)\s+(?:fired|laid\s+off|let\s+go|made\s+redundant)\b|"
         r"\bi\s+(?:just\s+)?lost\s+my\s+job\b", "upset"),
    )
)  # fmt: skip
LOSS_WORDS = frozenset(word for _, word in LOSS)


def find_loss(text: str) -> tuple[str, str] | None:
    """The clause that tells of a loss (:data:`LOSS`: "My dog died yesterday"), as said, and its word
    ("grieving"), or None."""
    source = fold_quotes(text)
    lowered = source.lower()
    for pattern, word in LOSS:
        for m in pattern.finditer(lowered):
            if not hypothetical(lowered, m.start()):
                return clause_of(source, m.start(), m.end()), word
    return None


CARING = "caring for someone ill"
CARER_GUIDANCE = (  # its kind words are quoted examples: the 1.5B once copied the unquoted ones word for word
    "They look after someone they love who is ill, and it is a lot to carry. Take their side and give them no tasks "
    "or questions about what more they could do; don't defend family who help less. Things you could say, if they "
    'fit: "Resentment and exhaustion are so common in carers - it doesn\'t make you a bad person.", "That\'s so long '
    'without a break - of course you need one.", "It makes sense to feel let down when family help less."'
)


def caring_for(messages: Sequence[str]) -> str | None:
    """The clause in which the user said they care for someone ill ("my mum has dementia and I look after her"),
    from any of ``messages``, or None: once said, it holds for the whole conversation."""
    for text in messages:
        lowered = fold_quotes(text).lower()
        for pattern, word in LOSS:
            if word == CARING and (m := pattern.search(lowered)) and not hypothetical(lowered, m.start()):
                return clause_of(fold_quotes(text), m.start(), m.end())
    return None


_RETIRED = re.compile(
    r"\bi\s+(?:just\s+|recently\s+|finally\s+)?retired\b|\bsince\s+(?:i\s+retired|(?:my\s+)?retirement)\b"
)
RETIRED_GUIDANCE = (
    "They retired, and it has left a gap: a role, a routine, the people they saw every day. Treat it as a real loss, "
    "not as free time: no hobby lists or tips unless they ask; acknowledge how big a change it is and ask gently "
    "what they miss most."
)


def retired(messages: Sequence[str]) -> bool:
    """Whether the user told of retiring in any of ``messages`` ("I retired last month after 38 years")."""
    return any(_RETIRED.search(fold_quotes(text).lower()) for text in messages)


def recent_loss(earlier: Sequence[str], now: str) -> tuple[str, str] | None:
    """The loss told in one of the ``earlier`` messages of this conversation (newest first), when ``now`` does not
    tell of it again: "His name was Biscuit. He was 14." comes after "My dog died yesterday", and a small model
    that sees only a neutral message answers "How do you think he'll do as an adult?"."""
    if find_loss(now) is not None:
        return None
    return next((found for found in map(find_loss, earlier) if found), None)
