# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""The crisis lexicon: reviewed regular expressions per category and language.

Patterns are written against :func:`amity.safety.text.normalize` output (lower case, no accents, English
contractions expanded). Each :class:`Pattern` says

* ``category`` - suicide, self_harm, overdose, abuse, danger (or third_party: someone else at risk);
* ``negatable`` - whether "not / never / nicht / pas / no" just before (or inside) the match cancels it.
  Patterns that *contain* their negation ("do not want to live", "ne veux plus vivre") are not negatable;
* ``unless_after`` / ``unless_before`` - idioms that cancel the match ("die *of laughter*", "beat me *at
  chess*", "cut myself *shaving*", "is going to kill me *if* I'm late");
* ``topical`` - a bare term ("suicide", "overdose") that is cancelled when the clause is clearly about a
  topic (an essay, the news, a film) rather than the speaker.

Adding a pattern: add a probe line to ``tests/redteam/data/crisis_probes.jsonl`` first (a positive and
an idiom that must stay negative), then run ``amity eval crisis``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    category: str
    lang: str
    regex: re.Pattern[str]
    negatable: bool = True
    unless_after: re.Pattern[str] | None = None
    unless_before: re.Pattern[str] | None = None
    topical: bool = False


def _p(
    category: str,
    lang: str,
    regex: str,
    *,
    negatable: bool = True,
    after: str | None = None,
    before: str | None = None,
    topical: bool = False,
) -> Pattern:
    return Pattern(
        category,
        lang,
        re.compile(regex),
        negatable,
        re.compile(after) if after else None,
        re.compile(before) if before else None,
        topical,
    )


_DIE_IDIOM = r"^\s*(of|from|laughing|(my|your|her|his|our|the) (hair|clothes|shirt|jeans)|it (blue|red|pink|black)|for (a|some|the)|in (a|the) game|inside a little|a little|if i (do not|can not|have to|do not get))\b|^[\w\s,]{0,25}\b(jaja\w*|jeje\w*|haha\w*|hihi\w*|lol|lmao|xd|mdr|jk|just kidding)\b"
_ACCIDENT = (
    r"^\s*(out\b|off\b|a (slice|piece|bit|portion|cup|glass|break)|some (cake|bread|pizza|slack)|with (junk|food|sugar|snacks|work|coffee|overtime)|on (a|the|some|my)|shaving|cooking|chopping|while|playing|at (the|work)|during|skiing|running|"
    r"lifting|by accident|accidentally|in the (kitchen|garden|gym)|with (a|the) (paper|can|kitchen)|"
    r"working out|when i fell|slightly|a (bit|little) (on|while)|at football|on the stove)"
)
_PERSON = (
    r"(he|she|they|my (dad|father|mom|mum|mother|stepdad|stepfather|stepmom|stepmother|husband|wife|"
    r"boyfriend|girlfriend|partner|ex|brother|sister|uncle|aunt|teacher|coach|boss|parents?|grandpa|"
    r"grandfather|cousin|roommate|bf|gf|fiance|fiancee|carer|neighbou?r))"
)
_PILLS = (
    r"(pills|tablets|meds|medication|medicine|sleeping pills|painkillers|tylenol|paracetamol|ibuprofen|"
    r"advil|xanax|insulin|antidepressants|oxy|opioids)"
)
_TOPIC = (
    r"\b(essay|article|documentary|movie|film|book|novel|series|episode|song|lyrics|statistics?|rates?|"
    r"research|paper|lecture|class|podcast|news|prevention|awareness|history of|crisis|epidemic|"
    r"squad|mission|political|career|hotline|volunteer|training|course|study|articulo|pelicula|libro|"
    r"documental|tasa|prevencion|artikel|buch|praevention|pravention|statistik|livre|taux|"
    r"etude|reportage|serie|risk|risks|doctor|nurse|pharmacist)\b"
)

# fmt: off
PATTERNS: tuple[Pattern, ...] = (
    # ------------------------------------------------------------ English: suicide
    _p("suicide", "en", r"\b(kill|killing|killed|kms|unalive|unaliving|off|offing)\s*my\s?sel(f|ves)\b", after=r"^\s*(laughing|with (all )?(this|the|that|my) (work|overtime|training|studying|homework|workout|job)|at (work|the gym)|over (this|that|work))\b"),
    _p("suicide", "en", r"\bkms\b|\bsewerslide\b|\bunalive (myself|me)\b"),
    _p("suicide", "en", r"\b(end|ending|ended|take|taking|took)\s+my\s+(own\s+)?life\b", after=r"^\s*back\b"),
    _p("suicide", "en", r"\b(i am|i feel|feeling|i have been|been|i was|i get|getting|i feel so|im)\s+(\w+\s+)?suicidal\b"),
    _p("suicide", "en", r"\b(having|have|had|get|getting|with|my)\s+(\w+\s+)?suicid(e|al) (thoughts|urges|feelings|ideation|plan|note|attempt)\b"),
    _p("suicide", "en", r"\b(i|me)\b[\w\s]{0,30}\b(commit|committing|attempt|attempting|try|trying|planning|plan|consider|considering|thinking about|thought about)\s+(of\s+)?(suicide|suiciding)\b"),
    _p("suicide", "en", r"\b(want|wanted|wish|wishing|deserve|ready|need|plan|planning|trying|would like|longing|going)\s+to\s+die\b", after=_DIE_IDIOM, before=r"(rather|going to die (of|from))\s*$|\b(we|we are|everyone|all|you|they|he|she|plants?|phone|battery)\s+(all\s+)?(are\s+)?(going\s+)?$|\b(\w+ (is|are)|hes|shes)\s+(really\s+|probably\s+|actually\s+|not\s+)?$"),  # "I'm scared she's going to die" (a mother starting chemo) is fear for her
    _p("suicide", "en", r"\bjust (want|wanna) to die\b|\bi (want|wanted) to be dead\b"),
    _p("suicide", "en", r"\bwish (i was|i were|i had never been|i was never|i could be|to be) (dead|born|never born|gone)\b", negatable=False, after=r"^\s*((in|at) (a|the|this)|tired|serious|set|wrong|on time|asleep)\b"),
    _p("suicide", "en", r"\bwish i (had )?never (been born|woke up|existed|wake up)\b", negatable=False),
    _p("suicide", "en", r"\bwish i (was not|were not|wasnt|werent) (here|alive|around|in this world)( anymore| any more)?\s*([.!?,]|$)|\bwish i (was not|were not|wasnt|werent) (alive|around) anymore\b", negatable=False),
    _p("suicide", "en", r"\b(i would be|i am|i would|i am better|be) better off dead\b|\bbetter off without me\b|\bwould be (better|happier) (off )?without me\b", negatable=False),
    _p("suicide", "en", r"\b(do not|no longer|never) (want|wish|feel like) to (live|be alive|exist|wake up|be here|go on|keep going|keep living)\b", negatable=False, after=r"^\s*(in|with|near|at|there|like this in)\b"),
    _p("suicide", "en", r"\b(no|nothing to|not any|without any) (reason|point|purpose) (to|in) (live|living|go on|going on|being alive|life|keep going|continue)\b", negatable=False),
    _p("suicide", "en", r"\b(life is not|life is no longer|life isnt) worth (living|it)\b", negatable=False),
    _p("suicide", "en", r"\b(end it all|end everything|ending it all|end it tonight|end it for good|end my suffering for good)\b"),
    _p("suicide", "en", r"\b(hang|hanging|shoot|shooting|drown|drowning|poison|poisoning|gas|gassing|starve)\s+my\s?self\b", after=r"^\s*(a (drink|coffee)|out|into)\b"),
    _p("suicide", "en", r"\bslit(ting)? my (wrists|throat)\b|\b(rope|noose) (is )?(ready|around my neck)\b"),
    _p("suicide", "en", r"\b(want|going|plan|planning|thinking|think|ready|about|tempted)\s+(to\s+|of\s+|about\s+)?(jump|jumping|throw myself|throwing myself|step|stepping)\s+(off|from|in front of|under)\s+(a|the|my)?\s*(bridge|roof|building|train|cliff|balcony|window|tower|bus|car|truck|traffic)\b"),
    _p("suicide", "en", r"\b(throw|throwing|threw) my\s?self (off|in front of|under)\b"),
    _p("suicide", "en", r"\b(i|me) (will not|am not going to|will not be) be (here|around|alive) (anymore|tomorrow|much longer|for long|next week|by morning)\b", negatable=False),
    # "…and not wake up for a week" / "until Monday" is exhaustion, not a wish to die
    _p("suicide", "en", r"\b(sleep|go to sleep|fall asleep) and (never|not) wake up\b|\bnever wake up again\b", negatable=False, after=r"^\s*(for (a|the|two|three|\d+) (week|weeks|month|months|day|days|year|weekend|while|hours|whole)|until|till|til|before (noon|lunch|monday|the weekend))\b"),
    _p("suicide", "en", r"\b(writing|wrote|written|write|left|leave|leaving) (my |a |the )?(suicide|goodbye|farewell) (note|letter)s?\b|\bgiving away (all )?my (things|stuff|belongings|possessions)\b"),
    _p("suicide", "en", r"\blethal dose\b", after=r"^\s*of [\w\s]{1,20} for (a|my|the|your) (cat|dog|pet|horse|bird|rabbit)\b"),
    _p("suicide", "en", r"\b(painless(ly)? (way )?to (die|kill)|(easiest|quickest|best|fastest|surest) way to (die|kill myself|end my life|end it))\b"),
    _p("suicide", "en", r"\bhow (many|much) [\w\s]{0,25}(to|would it take to|does it take to|do i need to) (die|kill (me|myself)|overdose|be lethal)\b"),
    _p("suicide", "en", r"\b(nobody|no one|noone) would (even |really |ever )?(miss me|notice if i (died|was gone|disappeared)|care if i (died|was gone|disappeared|killed))\b", negatable=False),
    _p("suicide", "en", r"\b(want|wish|going|plan) to (disappear|vanish) (forever|for good|permanently)\b"),
    _p("suicide", "en", r"\bi am (such )?a burden (to|on) (everyone|everybody|my family|the world|all of them)\b"),
    _p("suicide", "en", r"\bi (just )?(feel|felt) like (i am )?(such )?a burden (to|on) (everyone|everybody|my family|the world|all of them|the people (i love|around me))\b"),
    _p("suicide", "en", r"\b(can not|do not want to) (go on|keep) living\b|\bdone with (life|living)\b", negatable=False),
    _p("suicide", "en", r"\b(better|happier|easier|relieved|fine)\b[\w\s]{0,30}\bif i (just )?(was not|were not|was no longer|were no longer|was gone|were gone|died|was dead|were dead|did not exist|disappeared)( here| around| alive)?\b", negatable=False),
    _p("suicide", "en", r"\b(want|wish|like|need) to (stop|cease) (existing|living|being alive|breathing)\b|\bnot (want to )?exist anymore\b"),
    _p("suicide", "en", r"\b(do not|can not|no longer|never) see (the|any) point (in|of) (living|life|going on|being alive|existing|staying alive)\b|\bsee no point (in|of) (living|life|going on|being alive)\b", negatable=False),
    _p("suicide", "en", r"\b(standing|sitting) on (the|a) (edge of (the|a) )?(bridge|ledge|roof|rooftop|railway tracks|train tracks|tracks)\b", after=r"^\s*(taking|watching|with (my|the|a) (camera|friends?))\b"),
    _p("suicide", "en", r"\b(thinking|think|thought|thinks) (of|about) (ending|end) (it|it all|things|everything|my life)\b", after=r"^\s*(with|between)\b"),
    _p("suicide", "en", r"\bfeel(ing)? like (dying|i want to die|ending it|killing myself|not existing|not being alive)\b", after=r"^\s*(of|from|laughing|with this|because of (the|this|my) (flu|cold|hangover))\b"),
    _p("suicide", "en", r"\b(want|wish|need) (my life|it all|everything) to (be over|end|stop)\b|\b(tonight|today) is my last (night|day)\b|\bthis is my (last|final) goodbye\b"),
    _p("suicide", "en", r"\b(would|had) rather be dead\b", after=r"^\s*than\b"),
    _p("suicide", "en", r"\bi (should|might as well|may as well|ought to) (just )?(die|be dead|kill myself|end it)\b", after=_DIE_IDIOM),
    _p("suicide", "en", r"\b(think|thinking|thought|dream|dreaming|fantasi[sz]e|fantasi[sz]ing) (about|of) (dying|being dead|not being (here|alive|around)|not existing|not waking up|killing myself|ending my life|ending it all|my (own )?death|suicide)\b"),
    _p("suicide", "en", r"\b(sleep|fall asleep|go to sleep) forever\b|\bi want out\b(?! of)|\bmy life is (meaningless|pointless|worthless|not worth)\b"),
    _p("suicide", "en", r"\b(the |my )?(pills|tablets|rope|noose|razor|blade|gun) (is |are )?(in front of me|ready|next to me|in my hand)\b|\b(use|using|turn|turning|point|pointing) (it|them|the \w+|a \w+) on myself\b", negatable=False),
    _p("suicide", "en", r"\b(what is|whats|what is even) the point (of|in) (living|life|going on|being alive|staying alive)\b", negatable=False),
    _p("suicide", "en", r"\b(want|going|ready|need|planning) to end it\b", after=r"^\s*(with|between|now with|for (him|her|them))\b"),
    _p("suicide", "en", r"\bi am (going to|about to|ready to) jump[.!]*$"),
    _p("suicide", "en", r"\bsuicidal\b", topical=True),
    _p("suicide", "en", r"\b(will not|do not think i will|not going to|might not) make it (through|to|past) (the night|tonight|tomorrow|the morning|the weekend)\b", negatable=False),
    _p("suicide", "en", r"\b(drank|drink|drinking|swallowed|swallow) (some |the |a bottle of )?(bleach|antifreeze|poison|drain cleaner|rat poison|weed killer)\b"),
    _p("suicide", "en", r"\b(tired|sick|weary) of (living|life|being alive|existing|this life)\b", after=r"^\s*in\b"),
    _p("suicide", "en", r"\b(kil|kll|kill|kilk)\s*(my ?slef|myslf|mysef|myelf|mysel)\b|\b(want|wanna|going) to (dei|dye)\b(?! (my|her|his|it|the))"),
    _p("suicide", "en", r"\b(suicde|sucide|suiside|suicdal|sucidal|suicidle)\b", topical=True),
    _p("suicide", "en", r"\bsuicide\b", before=r"\b(commit|committed|my (uncle|aunt|friend|dad|mom|father|mother|brother|sister|cousin|grandpa|grandma) (died by|committed))\b", topical=True),
    # ------------------------------------------------------------ English: self_harm
    _p("self_harm", "en", r"\b(cut|cutting|burn|burning|burned|burnt|harm|harming|harmed|hit|hitting|punish|punishing|scratch|scratching|scratched|hurt|hurting|bruise|bruised)\s+my\s?self\b", after=_ACCIDENT, before=r"\b(accidentally|almost|nearly)\s*$"),
    # "how do I hide my scars from my parents", "my arms are covered in cuts" (stop 23: both reached the model)
    _p("self_harm", "en", r"\b(hide|hiding|cover|covering)\s+(up\s+)?(my|the)\s+(self[- ]harm\s+)?(scars|cuts|burns|marks)\b|\bmy\s+(arms?|legs?|wrists?|thighs?|stomach|hips?)\s+(is|are)\s+(covered\s+in|full\s+of)\s+(cuts|scars|burns)\b"),
    _p("self_harm", "en", r"\b(cut|cutting|slit|slitting|slash|slashed|slashing|burn|burned|burnt|burning|scratch|scratched|scratching|carve|carved|carving)\s+(into\s+)?(my|both my) (wrists?|arms?|legs?|thighs?|skin|stomach|hips?)\b", after=_ACCIDENT, before=r"\b(accidentally|almost|nearly)\s*$"),
    _p("self_harm", "en", r"\bself[- ]?(harm|harming|harmed|injury|injure|mutilation)\b", before=r"\bused to\s*$", topical=True),
    _p("self_harm", "en", r"\b(started|start|keep|kept|back to|relapsed( into)?|urges? to|want to|going to)\s+(cutting|cut|burning|hurting myself|harming myself)\b|\bbeen\s+(cutting|burning|hurting myself|harming myself)\b", after=r"^\s*(my|the|a|an|some|down|back|costs?|corners|class|school|ties|sugar|carbs|out)\b"),
    # "I relapsed and cut last night" (the default stack had answered it as small talk)
    _p("self_harm", "en", r"\b(relapsed|slipped( up)?)\s+(and|&)\s+(cut|burned|burnt|scratched|hurt myself|harmed myself)\b|\bi\s+(cut|burned|burnt)\s+(again|last night|yesterday|today|this morning|tonight)\b(?!\s*'?s\b)", after=r"^\s*(my|the|a|an|some|class|classes|school|ties|sugar|carbs|out|hair|it|them|back|down|costs?|corners|lessons?|lectures?|practice)\b"),
    # ------------------------------------------------------------ English: overdose
    _p("overdose", "en", r"\b(overdose|overdosed|overdosing|od)\b", after=r"^\s*(on|with) (netflix|sugar|coffee|caffeine|chocolate|candy|tv|series|memes|work|sun|carbs|pizza|cake|anime|love|cuteness|drama|youtube|tiktok|vitamin c)\b", topical=True),
    _p("overdose", "en", rf"\b(took|take|taken|taking|swallowed|swallow|ate|downed)\s+(all|all of|a (whole )?bottle of|too many|a lot of|way too many|a bunch of|a load of|lots of|loads of|several|so many|a whole pack of|\d{{2,}}|a handful of|handfuls of|the whole (box|pack|packet|bottle) of|every one of)\s+(my |the |of my |his |her )?{_PILLS}\b"),
    _p("overdose", "en", rf"\b(stockpiling|stockpiled|saving up|hoarding|collected)\s+(my |the )?{_PILLS}\b"),
    # "should I take my whole bottle of pills" (found by the stop-24 probe: nothing answered it)
    _p("overdose", "en", rf"\b(take|taking|swallow|swallowing|down|downing)\s+(my|the|a)\s+(whole|entire)\s+(bottle|box|pack|packet|strip|supply)(\s+of\s+(my |the )?{_PILLS}\b|\s*([.!?]|$))"),
    # ------------------------------------------------------------ English: abuse
    _p("abuse", "en", rf"\b{_PERSON}\s+(always\s+|often\s+|keeps\s+|still\s+|sometimes\s+|has been\s+|have been\s+|just\s+|again\s+|has\s+|would\s+)?(sexually\s+|physically\s+|violently\s+)?(hurts|pushed|pushes|shoved|shoves|hit|hits|hitting|beat|beats|beating|punch|punches|punched|kick|kicks|kicked|choke|chokes|choked|choking|strangle|strangles|strangled|slap|slaps|slapped|rape|raped|rapes|molest|molests|molested|abuse|abuses|abused|abusing|burns|burned|locks|locked|touches|touched)\s+me\b", after=r"^\s*(on the (back|shoulder|arm)|a high five|into the (pool|water|lake)|on the swing|at|in|to|by|up|back|off|out of|a bit too much|with (the|a|his|her) (ball|question|joke|pillow|snowball|water balloon|nerf)|during (a|our|the) (game|pillow fight|match))\b(?! with)"),
    _p("abuse", "en", r"\bi (was|am|have been|got|had been|keep getting|get)\s+(being\s+)?(raped|sexually abused|abused|molested|sexually assaulted|assaulted|beaten up|beaten|trafficked|groomed|strangled)\b"),
    _p("abuse", "en", r"\b(touches|touched|touching|gropes|groped|grabs) me\b|\bcomes? into my (room|bed) at night\b", after=r"^\s*(deeply|emotionally|on the (shoulder|arm|back)|so much|with (his|her|their) (words|story|kindness))\b"),
    _p("abuse", "en", rf"\b{_PERSON}\s+(threw|throws|has thrown) (a |an |the |his |her )?(knife|bottle|chair|plate|glass|hammer|brick|rock|stone|lamp|things|stuff) at me\b"),
    _p("abuse", "en", r"\b(threatened|threatens|threatening) to (kill|hurt|beat|rape) me\b|\b(afraid|scared|terrified) (to go home|of my (dad|father|husband|boyfriend|partner|stepdad|mom|mother)|he will (kill|hurt)|she will (kill|hurt))\b"),
    _p("abuse", "en", r"\b(touches|touched|touching) me (inappropriately|down there|where|when no one)\b|\b(forces|forced|makes|made) me (to )?(have sex|do sexual|do things i|send nudes)\b"),
    # ------------------------------------------------------------ English: danger
    _p("danger", "en", r"\b(he|she|they|my (dad|father|mom|mum|mother|stepdad|stepfather|stepmom|stepmother|husband|wife|boyfriend|girlfriend|partner|ex|brother|sister|uncle|aunt|teacher|coach|boss|parents?|grandpa|grandfather|cousin|roommate|bf|gf|fiance|fiancee|carer|neighbou?r)|someone|somebody|a man|a guy|he)\s+(is going to|will|wants to|is trying to|tried to|is coming to|said he would|said she would)\s+(kill|hurt|stab|shoot) me\b", after=r"^\s*(if(?! i (tell|told) (anyone|anybody|someone|the police|people|a teacher))|when|for|because|lol|haha|after)\b", before=r"\b(if|when) (my|i|you|she|he|they|we|mom|dad|mum)\b(?!.*\b(tell|told) (anyone|anybody|someone|the police))"),
    _p("danger", "en", r"\b(someone|somebody|a man|a person|an intruder|a stranger|people) (is|are) (breaking|trying to break|trying to get) in(to)?\b|\bthere is (someone|somebody|a man|an intruder|a stranger) (in|inside|outside) my (house|room|apartment|flat|home|door)\b"),
    _p("danger", "en", r"\b(he|she|they|my \w+) (will not|does not|did not|would not) let me (leave|out|go)\b|\b(locked|locks|locking) me (in|up)\b|\bi am locked in\b", negatable=False),
    _p("danger", "en", r"\b(someone|somebody|a man|a guy|a person|people|he|she) with a (gun|knife|weapon|pistol|rifle)\b"),
    _p("danger", "en", r"\b(afraid|scared|terrified|fear) for my (life|safety)\b|\bi (fear|am afraid) (he|she|they) (will|is going to|are going to) (kill|hurt) me\b", negatable=False),
    _p("danger", "en", r"\b(broke|broken|breaking) in(to)? [\w\s]{0,30}\b(still here|still inside|still in the (house|flat|apartment))\b", negatable=False),
    _p("danger", "en", r"\b(outside|at|in front of|banging on|trying to open) my (door|house|window|flat|apartment|room|car) with a (knife|gun|weapon|pistol|rifle|machete|bat)\b"),
    _p("danger", "en", r"\b(can not|do not think i can|not sure i can) keep myself safe\b|\bi am not safe (from myself|around myself)\b", negatable=False),
    _p("danger", "en", r"\bi am being (followed|stalked|chased|attacked|hunted|held)\b|\b(someone|somebody|a (man|guy|stranger|car|person|van)|strangers?|he|she|they) (is |are |keeps |has been )?(following|stalking|chasing) me\b|\b(he|she|someone|they) (is|are) trying to (get in|break in|break the door|get into my (room|house|flat|apartment))\b"),
    _p("danger", "en", r"\b(he|she|someone|somebody|a man|they|my \w+) (has|have|is holding|pulled|pulled out|is pointing) a (gun|knife|weapon|pistol)\b"),
    _p("danger", "en", r"\bi am (in danger|not safe|unsafe)\b|\bi (do not|no longer) feel safe (at home|here|with (him|her|them|my))\b|\bmy (house|home|flat|apartment|room) is on fire\b", negatable=False, after=r"^\s*of\b"),
    _p("danger", "en", r"\b(i am having|i think i am having|having) a (heart attack|stroke|seizure)\b|\bi can not breathe\b", after=r"^\s*(from laughing|lol|haha|because i am laughing)\b"),
    # ------------------------------------------------------------ English: third_party
    _p("third_party", "en", r"\b(friend|sister|brother|son|daughter|mom|mum|dad|partner|boyfriend|girlfriend|wife|husband|roommate|classmate|he|she|they|someone i know)\b[\w\s]{0,25}\b(wants to|is going to|is trying to|tried to|threatening to|talks about|talking about|said (she|he|they) would)\s+((kill|killing) (herself|himself|themselves|themself)|(end|ending|take|taking) (her|his|their) (own )?life|commit suicide|hurt (herself|himself|themselves))\b", after=r"^\s*(in the (movie|book|show|film|game|story))\b"),
    # "my friend wants to die", "she keeps saying she wants to die" - not "grandma wants to die at home", an end-of-life wish
    _p("third_party", "en", r"\b(friend|sister|brother|son|daughter|mom|mum|dad|partner|boyfriend|girlfriend|wife|husband|roommate|classmate|he|she|someone i know)\b[\w\s]{0,25}\b(wants|wanted|keeps saying (she|he|they) wants?|says (she|he|they) wants?|said (she|he|they) wanted|told me (she|he|they) wanted?) to die\b", after=r"^\s*(at home|in (her|his|their) (own )?(bed|home|sleep)|peacefully|in peace|with dignity|before|surrounded|of old age|naturally)\b"),
    # ------------------------------------------------------------ German
    _p("suicide", "de", r"\bmich\s+(\w+\s+){0,2}(umbringen|toten|erhangen|aufhangen|vergiften|erschiessen)\b"),
    _p("suicide", "de", r"\b(bringe|bring) mich\s+(\w+\s+){0,2}um\b"),
    _p("suicide", "de", r"\bmir\s+(\w+\s+){0,2}das leben (zu )?nehmen\b|\bnehme mir (\w+\s+){0,2}das leben\b"),
    _p("suicide", "de", r"\b(selbstmord|suizid)(gedanken|absichten|plan|plane|versuch|abschiedsbrief)?\b|\bsuizidal\b", topical=True),
    _p("suicide", "de", r"\b(will|mochte|moechte|wurde gern|wurde lieber|wunsche mir|wunschte|will einfach nur|mochte einfach nur|will nur noch)\s+(\w+\s+){0,2}sterben\b", after=r"^\s*(vor|an) (lachen|langeweile|hunger|scham|peinlichkeit)\b|^[\w\s,]{0,25}\b(jaja\w*|jeje\w*|haha\w*|hihi\w*|lol|lmao|xd|mdr|jk|just kidding)\b"),
    _p("suicide", "de", r"\b(will|mochte|kann) (einfach )?nicht mehr (leben|sein|aufwachen|da sein|weiterleben|existieren)\b|\bnicht mehr leben (will|mochte)\b", negatable=False),
    _p("suicide", "de", r"\b(kein(en)? sinn mehr (zu leben|im leben|weiterzuleben)|das leben hat keinen sinn( mehr)?|nicht mehr lebenswert)\b", negatable=False),
    _p("suicide", "de", r"\b(allem|meinem leben) ein ende (setzen|machen|bereiten)\b|\b(wunschte|wunsche),? ich ware tot\b|\b(ware|waren alle) (besser dran|besser) (tot|ohne mich)\b|\bohne mich besser dran\b"),
    _p("suicide", "de", r"\b(von (der|einer) (brucke|dach|hochhaus)|vor (den|einen) zug) (zu )?(springen|werfen)\b|\bpulsadern (aufschneiden|aufzuschneiden)\b"),
    _p("suicide", "de", r"\bmich\s+(\w+\s+){0,2}(umzubringen|zu toten|zu erhangen|aufzuhangen|zu vergiften|zu erschiessen)\b|\bmir das leben zu nehmen\b"),
    _p("suicide", "de", r"\bich will (einfach |echt |wirklich |so )?nicht mehr[.!]*$|\bschluss machen mit (meinem leben|allem)\b|\bmit (meinem leben|allem) schluss machen\b|\bkeine lust mehr (zu leben|auf das leben|am leben)\b|\bsehe keinen sinn mehr\b", negatable=False),
    _p("suicide", "de", r"\b(arme|handgelenke|pulsadern|beine|haut) (\w+ )?(aufgeschnitten|aufschneiden|aufgeritzt|geritzt|ritzen)\b|\bmich (\w+ ){0,3}geritzt\b"),
    _p("suicide", "de", r"\bkeinen (anderen )?ausweg mehr\b|\bwenn ich tot (ware|bin)\b|\bich ware (lieber|besser) tot\b|\bnicht mehr aufwachen\b", negatable=False),
    _p("suicide", "de", r"\b(vom dach|aus dem fenster|von der brucke|vor einen zug|vor den zug|vor die bahn) (zu )?(springen|werfen|sturzen)\b"),
    _p("suicide", "de", r"\blebensmude\b|\b(will|mochte|wurde gern|wunsche mir) (\w+ ){0,2}tot sein\b"),
    _p("suicide", "de", r"\bkeine kraft mehr (zu leben|weiterzuleben|fur das leben)\b", negatable=False),
    _p("self_harm", "de", r"\b(ritze mich|mich (\w+\s+){0,2}ritzen|ritzen mich|mich (\w+\s+){0,2}selbst verletzen|verletze mich( selbst)?(?! (beim|am|an|im|bei|mit dem messer beim))|selbstverletzung|mir (\w+\s+){0,2}(selbst )?weh ?(zu ?)?tun|schneide mich|mich (\w+\s+){0,2}schneiden)\b", after=r"^\s*(beim|am|an (der|dem|einem)|aus versehen|mit (papier|dem messer beim))\b"),
    _p("overdose", "de", r"\buberdosis\b", topical=True),
    _p("overdose", "de", r"\b(alle|zu viele|ganze packung|die ganze packung|viele|eine packung)\s+(meine(r)?\s+)?(tabletten|pillen|medikamente|schlaftabletten)\s+(\w+\s+){0,2}(genommen|geschluckt|nehmen|schlucken)\b"),
    _p("abuse", "de", r"\b(er|sie|mein (vater|papa|mann|freund|bruder|stiefvater|onkel|chef|lehrer)|meine (mutter|mama|frau|freundin|schwester)|meine eltern) (\w+\s+){0,2}(schlagt|schlagen|vergewaltigt|missbraucht|wurgt|tritt|bedroht|verprugelt)\s+mich\b", after=r"^\s*(im|beim|in) (schach|spiel|tennis|rennen)\b"),
    _p("abuse", "de", r"\b(hat|haben) mich (\w+\s+){0,2}(vergewaltigt|missbraucht|geschlagen|gewurgt|verprugelt|bedroht)\b|\bich (wurde|werde) (\w+\s+){0,2}(vergewaltigt|missbraucht|geschlagen|verprugelt|bedroht)\b"),
    _p("danger", "de", r"\bich bin in gefahr\b|\bjemand (bricht|ist) (gerade )?(bei mir )?(ein|in meiner wohnung|in meinem haus)\b|\bich werde verfolgt\b|\b(er|sie|jemand) hat (ein messer|eine waffe|eine pistole)\b"),
    _p("danger", "de", r"\b(er|sie|jemand|mein \w+) (will|wird) mich (\w+\s+){0,2}(umbringen|toten|abstechen|erschiessen)\b", after=r"^\s*(wenn|falls)\b"),
    _p("danger", "de", r"\bich fuhle mich (\w+\s+){0,2}nicht (mehr )?sicher\b|\bangst (nach hause zu gehen|um mein leben)\b", negatable=False),
    _p("third_party", "de", r"\b(freund|freundin|schwester|bruder|sohn|tochter|mutter|vater|er|sie)\b[\w\s]{0,25}\b(will sich|sich (\w+\s+){0,1}umbringen|sich das leben nehmen)\b"),
    # ------------------------------------------------------------ French
    _p("suicide", "fr", r"\bme (suicider|suicide)\b|\bsuicidaires?\b|\b(sauter|me jeter) (du|d'un|par la|de la|depuis le) (pont|toit|fenetre|balcon|immeuble|falaise)\b|\bpense(r|s)? (au|a me) suicid"),
    _p("suicide", "fr", r"\bme (\w+\s+){0,2}tuer\b", after=r"^\s*(a la tache|au travail|de rire)\b", before=r"\b(il|elle|va|vont|veut|veulent|mere|pere|prof) ((\w+\s+){0,2})?$"),
    _p("suicide", "fr", r"\bmettre fin a (mes jours|ma vie)\b|\bme foutre en l'air\b|\bme (pendre|jeter (du|d'un|sous|par la) (pont|train|balcon|fenetre|immeuble|toit))\b"),
    _p("suicide", "fr", r"\b(veux|voudrais|envie de|aimerais|prefererais|souhaite|vais) (\w+\s+){0,2}mourir\b", after=r"^\s*(de (rire|faim|froid|chaud|ennui|honte|fatigue)|d'ennui)\b|^[\w\s,]{0,25}\b(jaja\w*|jeje\w*|haha\w*|hihi\w*|lol|lmao|xd|mdr|jk|just kidding)\b"),
    _p("suicide", "fr", r"\b(plus|pas|aucune) envie de vivre\b|\bne (veux|veut|voudrais) plus vivre\b|\b(plus de|aucune|pas de) raison de vivre\b|\bla vie ne vaut (plus |pas )(la peine|le coup)\b", negatable=False),
    _p("suicide", "fr", r"\b(veux|vais|voudrais|envie d'|besoin d') ?en finir\b|\bne plus (me )?reveiller\b|\bdisparaitre pour toujours\b|\bseraient mieux sans moi\b", negatable=False),
    _p("suicide", "fr", r"\bje veux (juste |seulement )?disparaitre\b|\bpour (mourir|me tuer|en finir)\b|\bsi j'etais morte?\b|\b(serait|serais) mieux morte?\b|\bpensees suicidaires\b", after=r"^\s*(de|sous|dans|du|pendant|quelques)\b"),
    _p("suicide", "fr", r"\b(fatiguee?|lasse?) de (vivre|la vie)\b|\b(veux|voudrais|aimerais|prefererais) (\w+ )?etre morte?\b|\bme jeter (\w+ |d')?(\w+ )?(pont|train|metro|balcon|fenetre|immeuble|toit|voiture|camion|falaise)\b"),
    _p("self_harm", "fr", r"\bme (\w+\s+){0,1}(coupe|coupes|brule|brules|blesse|scarifier|scarifie|mutiler|mutile|faire du mal|fais du mal|suis fait du mal|couper|bruler|blesser)\b|\bscarification\b|\bautomutil", after=r"^\s*(les (cheveux|ongles)|le doigt|en \w+ant|avec (le |la |du |de la |l')?(cafe|the|four|fer|poele|eau chaude|casserole|soupe|couteau en cuisinant)|avec (du|une feuille de) papier|par accident)\b"),
    _p("overdose", "fr", r"\b(overdose|surdose)\b", topical=True),
    _p("overdose", "fr", r"\b(pris|avale|prendre|avaler) (toutes? (mes|les)|trop de|une boite (entiere )?de|toute la boite de|plein de) (pilules|comprimes|medicaments|cachets|somniferes)\b"),
    _p("abuse", "fr", r"\b(il|elle|mon (pere|mari|copain|beau-pere|frere|oncle|patron|prof|conjoint|compagnon|ex)|ma (mere|femme|copine|soeur|compagne)|mes parents) (\w+\s+){0,1}me (frappe|frappent|bat|battent|viole|tape|etrangle|menace)\b", after=r"^\s*(aux|au|a la) (echecs|jeu|course|tennis)\b"),
    _p("abuse", "fr", r"\bm'a (\w+\s+){0,1}(frappee?|violee?|battue?|agressee?|etranglee?)\b(?! (au|aux|a la) (echecs|jeu|course|tennis|foot|cartes))|\bj'ai ete (\w+\s+){0,1}(violee?|agressee?|abusee?|battue?)\b|\b(abus sexuels?|attouchements)\b"),
    _p("danger", "fr", r"\bje suis en danger\b|\bquelqu'un (est entre|essaie d'entrer|est chez moi)\b|\bon me suit\b|\b(il|elle|quelqu'un) (a|tient) (un couteau|une arme|un pistolet)\b|\bje ne suis pas en securite\b|\bpeur (de rentrer|pour ma vie)\b", negatable=False),
    _p("danger", "fr", r"\b(il|elle|quelqu'un) (va|veut) me tuer\b", after=r"^\s*(si|quand)\b"),
    # ------------------------------------------------------------ Spanish
    _p("suicide", "es", r"\b(suicidarme|suicidar(me)?|suicidio|suicidas?)\b", topical=True),
    _p("suicide", "es", r"\b(matarme|me voy a matar|me quiero matar|quitarme la vida|me quito la vida|acabar con mi vida|acabar con todo|quitarme de en medio|ahorcarme|tirarme (de|del|desde) (un|el) (puente|edificio|balcon|techo))\b", after=r"^\s*(si|cuando)\b", before=r"\b(va a|van a|mama|papa|madre|padre|jefe) ((\w+\s+){0,1})?$"),
    _p("suicide", "es", r"\b(quiero|quisiera|deseo|ganas de|me gustaria) (\w+\s+){0,1}morir(me)?\b", after=r"^\s*(de (risa|hambre|frio|calor|verguenza|aburrimiento))\b|^[\w\s,]{0,25}\b(jaja\w*|jeje\w*|haha\w*|hihi\w*|lol|lmao|xd|mdr|jk|just kidding)\b"),
    _p("suicide", "es", r"\bno quiero (seguir )?(vivir|viviendo|despertar|existir|estar aqui)\b|\bno (tengo|hay) (razones|motivos|razon|motivo) para vivir\b|\bestarian mejor sin mi\b|\bdesaparecer para siempre\b|\bno vale la pena vivir\b", negatable=False),
    _p("suicide", "es", r"\b(saltar|tirarme|lanzarme|aventarme) (de|del|desde|por) (un |el |la )?(puente|edificio|balcon|techo|ventana|azotea)\b|\bno quiero estar (viva|vivo)\b"),
    _p("suicide", "es", r"\bsi (estuviera|estuviese) muert[oa]\b|\bmejor muert[oa]\b|\bpara morir(me)?\b|\bpensamientos suicidas\b", negatable=False, after=r"^\s*de\b"),
    _p("suicide", "es", r"\bcansad[oa] de (vivir|la vida|estar viv[oa])\b|\b(quiero|quisiera|deseo|prefiero) (\w+ )?estar muert[oa]\b|\bme (quiero|voy a) (ahorcar|colgar|tirar (de|del|por|desde))\b|\bnadie me (extranaria|echaria de menos)\b|\bnadie (notaria|se daria cuenta) si (me muero|muero|desaparezco)\b"),
    _p("self_harm", "es", r"\b(cortarme|me corto|me corte|me hago cortes|hacerme dano|me hago dano|autolesion(arme|es|o)?|me autolesiono|lastimarme|me lastimo|quemarme)\b", after=r"^\s*(el (pelo|cabello|dedo)|las unas|cocinando|pelando|afeitandome|sin querer|al (cocinar|afeitarme)|con (un|el|una) (papel|hoja|cuchillo de cocina))\b"),
    _p("overdose", "es", r"\bsobredosis\b", topical=True),
    _p("overdose", "es", r"\b(tome|me tome|trague|tomar|tragar|me trague) (todas (mis|las)|demasiadas|muchas|un frasco de|la caja de|un monton de) (pastillas|pildoras|medicinas|medicamentos|pastis)\b"),
    _p("abuse", "es", r"\b(el|ella|mi (padre|papa|marido|esposo|novio|padrastro|hermano|tio|jefe|pareja|ex|abuelo|profesor|madrastra)|mi (madre|mama|esposa|novia)|mis padres) (\w+\s+){0,1}me (pega|pegan|golpea|golpean|viola|maltrata|ahorca|amenaza)\b", after=r"^\s*(en (el|los) (ajedrez|juego|videojuegos))\b"),
    _p("abuse", "es", r"\bme (violo|violaron|golpeo|golpearon|abuso|abusaron|agredio)\b|\babusa de mi\b|\babuso sexual\b|\bme toca (sin|donde|de forma)\b"),
    _p("danger", "es", r"\bestoy en peligro\b|\balguien (entro|esta entrando|quiere entrar) (a|en) mi casa\b|\bme (estan siguiendo|siguen|persiguen)\b|\btiene (un cuchillo|una pistola|un arma)\b|\bno estoy a salvo\b|\bno me siento (segura|seguro) en (casa|mi casa)\b", negatable=False),
    _p("danger", "es", r"\b(el|ella|alguien|mi \w+) me va a matar\b|\b(miedo|temo) (de )?que me (mate|maten|haga dano)\b", after=r"^\s*(si|cuando)\b"),
)
# fmt: on

NEGATORS: frozenset[str] = frozenset(
    {"not", "never", "no", "nicht", "nie", "niemals", "kein", "keine", "pas", "jamais", "nunca", "jamas"}
)
# A negator is not a negation of the crisis phrase when one of these sits in the same window.
NEGATION_BLOCKERS = re.compile(
    r"\b(know|sure|stop|understand|remember|why|tell|deny|wait|help|pretend|lie|weiss|sais|se|puedo dejar)\b"
)
# Words that open a new sub-clause: the negation window never reaches back past them.
WINDOW_BREAKS = frozenset(
    {
        "if",
        "because",
        "and",
        "or",
        "that",
        "when",
        "so",
        "then",
        "wenn",
        "weil",
        "und",
        "dass",
        "si",
        "que",
        "parce",
        "porque",
        "y",
        "et",
        "cuando",
        "quand",
        "since",
        "as",
    }
)
TOPIC = re.compile(_TOPIC)
