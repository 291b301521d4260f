"""No advice after "I don't want advice, I just need to vent".

Once the user says they want no advice, the strategy stage keeps the rest of the conversation in listening mode
(``LISTEN_ONLY_KEY`` in ``ctx.extras``) and tells the model so. The default 1.5B still gives it: to "he does this
ALL the time and my manager never notices", one message after "I don't want advice, I just need to vent", it
answered "It's important to support your team and be there for them. If you ever feel like you're not being
noticed, let your manager know. They might appreciate it if you could talk to them about it." Being told what to
do after asking not to be is the opposite of being heard.

:class:`UnaskedAdviceGuard` is a reply guard (before the manipulation guard). Outside listening mode it passes
every piece straight through. In it, the reply is read a sentence at a time and a sentence that gives advice
(:data:`ADVICE`: "you should", "try to", "it's important to", "let your manager know", "have you tried") is
dropped; a reply that was nothing but advice ends up empty, and the manipulation guard puts its listening text in
its place. Questions that ask about them ("Have you been able to tell anyone?") and reflections stay. The cost:
in listening mode a sentence shows when it ends, so a spoken reply's first clause waits for its sentence.

A loss told in this conversation (:func:`amity.affect.loss.find_loss`: a death, a break-up, an illness, a
parent with dementia) puts the guard on as well, unless this message asks for advice ("what should I do?"): a
carer who said "Some days she doesn't know who I am" was told "it's important to remember who you are… remember
that you have friends and family who can help you navigate this", and her "I'm so tired" drew "It's important
to take care of yourself and get enough sleep". The loss line already says "no advice"; the 1.5B ignores it.
A failed exam (:mod:`amity.care.setback`) and a parent who snapped at their children (:mod:`amity.care.parenting`)
put it on too: to "they wouldn't stop fighting and I snapped. my youngest cried" the 1.5B gave "You might try to
talk to both of them in a calm and gentle way… take a break and try again later."
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

from amity.affect.loss import RECENT_LOSS_KEY, find_loss
from amity.care.after_assault import AFTER_ASSAULT_KEY
from amity.care.breakup import BREAKUP_KEY
from amity.care.burnout import BURNOUT_KEY
from amity.care.carer import CARER_KEY
from amity.care.chronic_pain import CHRONIC_PAIN_KEY
from amity.care.exam_nerves import EXAM_NERVES_KEY
from amity.care.homesick import HOMESICK_KEY
from amity.care.job_loss import JOB_LOSS_KEY
from amity.care.job_rejection import JOB_REJECTION_KEY
from amity.care.lonely_now import LONELY_KEY
from amity.care.loved_one_drinking import LOVED_ONE_DRINKING_KEY
from amity.care.money_worry import MONEY_WORRY_KEY
from amity.care.new_parent import NEW_PARENT_KEY
from amity.care.parenting import PARENT_GUILT_KEY
from amity.care.quiet_family import QUIET_FAMILY_KEY
from amity.care.retirement import RETIREMENT_KEY
from amity.care.sentence_filter import filter_sentences
from amity.care.setback import SETBACK_KEY
from amity.care.social_anxiety import SOCIAL_ANXIETY_KEY
from amity.care.stage import asks_for_advice
from amity.care.work_bullying import WORK_BULLYING_KEY
from amity.stages import TurnContext

LISTEN_ONLY_KEY = "care.listen_only"  # ctx.extras: the user asked for no advice in this conversation
ADVICE = re.compile(
    r"\b(?:you\s+(?:should(?!n'?t\b|\s+not\b|\s+never\b)|ought\s+to|need\s+to|have\s+to|must(?!\s+(?:be|have|feel)\b))|you\s+(?:could|can|might|may)\s+(?:try|want\s+to|"
    r"consider|talk(?!\s+(?:to|with)\s+me\b)(?!\s+about\b)|speak|ask(?!\s+me\b)|tell(?!\s+me\b)|let(?!\s+me\b)|reach\s+out)|(?:maybe\s+|perhaps\s+)?try\s+(?:to|talking|asking|telling|"
    r"writing|taking|setting|speaking)|consider\s+(?:talking|asking|telling|writing|speaking|taking|setting)|"
    r"it(?:'s|\s+is|\s+might\s+be|\s+may\s+be|\s+could\s+be)\s+(?:really\s+|very\s+|also\s+)?(?:important|a\s+good\s+idea|"
    r"best|helpful|wise|worth)\s+(?:for\s+(?:us|you)\s+)?(?:to|that|if)(?!\s+remember\s+(?:that\s+)?(?:it(?:'s|\s+is|\s+was)\s+"
    r"not\s+your\s+fault|you(?:'re|\s+are)\s+not\s+alone|you\s+did\s+nothing\s+wrong))|it\s+(?:might|may|could|can)\s+help\s+(?:to|if)|"
    r"let\s+(?:your|them|him|her)\s+(?:\w+\s+)?know|have\s+you\s+(?:tried|considered|thought\s+about)|why\s+not|"
    r"make\s+sure|don'?t\s+forget\s+to|remember\s+to|if\s+you\s+(?:could|can)\s+(?:talk|speak|tell|ask)|"
    r"(?:talk|speak)\s+to\s+(?:your|them|him|her|hr|a\s+\w+)\b(?!.*\?)|"
    # "Maybe we can find a different location that is more convenient for everyone." (to a widower asked to move);
    # "Maybe you could tell me more?" is a question and stays
    r"\b(?:maybe|perhaps)\s+(?:we|you)\s+(?:can|could|should|might)\s+(?!tell\s+me|talk\s+about)(?![^.!?]*\?)|\bhow\s+about\s+(?:you\s+|trying\b)|"
    r"(?:it's\s+important\s+to\s+)?remember\s+(?:that\s+)?(?:you\s+have\s+(?:friends|family|people|loved)|who\s+you\s+are)|"
    r"\byou\s+are\s+in\s+control\s+of\s+your\s+(?:emotions|feelings)|"
    # one more task for someone already carrying a lot: "Is there anything you can do to help her?" (to a carer)
    r"\b(?:anything|something)\s+(?:else\s+)?(?:that\s+)?you\s+(?:can|could|might)\s+do\s+(?:to|for)\b|"
    # hobby lists to someone a month into a retirement that hurts: "What you can do is explore new interests…",
    # "There are many things you can do to keep yourself busy"
    r"\bwhat\s+you\s+(?:can|could)\s+do\s+is\b|\bthere\s+(?:are|is)\s+(?:many|lots\s+of|plenty\s+of|so\s+many|some)\s+(?:things|ways|activities)\s+(?:that\s+)?(?:you\s+can|to)\b|"
    # "What other things are you doing to manage your pain?" (to someone with chronic pain)
    r"\bwhat\s+(?:else|other\s+things|things)\s+(?:are|have)\s+you\s+(?:been\s+)?(?:doing|trying)\s+to\b|"
    r"\b(?:anything|something)\s+you(?:'re|\s+are)\s+doing\s+to\s+(?:help|manage|cope|feel|get)\b|"
    # "You can always start a new game or find other ways to keep yourself entertained." (to "thursdays are going to be
    # so empty now", a week after the last friend of a card group died)
    r"\byou\s+(?:can|could)\s+always\s+(?!talk\s+(?:to|with)\s+me\b|tell\s+me\b|come\s+back\b|message\s+me\b|write\s+to\s+me\b)|\b(?:find|look\s+for)\s+(?:other|new|some)\s+ways\s+to\s+keep\s+(?:yourself|you)\s+(?:busy|entertained|occupied)\b|"
    # "What can you do to help yourself manage your workload?" (to "my boss keeps piling more on and I can't say no")
    r"\bwhat\s+(?:can|could)\s+you\s+do\s+to\b|"
    # "Do you have any thoughts about how you can help her through this time?" (to a daughter whose mother has cancer)
    r"\bhow\s+you\s+(?:can|could|might)\s+(?:best\s+)?(?:help|support|be\s+there\s+for)\b|"
    # "How do you think you might fill this gap?" (to "the routine I think. and having somewhere to be"; retired)
    r"\bhow\s+(?:do\s+you\s+think\s+)?(?:you\s+)?(?:might|could|can|will|would)\s+(?:you\s+)?fill\b|\bfill\s+(?:the|this|that|"
    r"your)\s+(?:gap|void|time|days)\b|"
    # "One idea is to take a class that interests you", "Another option is to join a club" (to a man a month retired)
    r"\b(?:one|another|a\s+good|a\s+great|my)\s+(?:idea|option|suggestion|tip|thing\s+you\s+(?:could|can|might)\s+(?:do|try))\s+"
    r"(?:is|would\s+be|might\s+be|could\s+be)\b|"
    # looking for their fault after a setback: "What did you do to prepare?", "What do you think could have gone wrong
    # this time?" (to "I didn't get the job", "that's the 12th rejection this year")
    r"\bwhat\s+(?:do\s+you\s+think\s+)?(?:could|might|may)\s+have\s+gone\s+wrong\b|\bwhat\s+(?:did\s+you\s+do|have\s+you\s+done)\s+to\s+prepare\b|"
    r"\bwhat\s+(?:could|would|might)\s+you\s+(?:have\s+)?do(?:ne)?\s+differently\b|"
    # sent elsewhere: "Maybe it's time to talk to someone you trust about your feelings." (to "he said I was too
    # needy. maybe he's right", two weeks after a break-up)
    r"\b(?:maybe|perhaps)\s+it(?:'s|\s+is|\s+might\s+be)\s+time\s+to\b|"
    r"\b(?:talk(?:ing)?|speak(?:ing)?|reach(?:ing)?\s+out)\s+to\s+(?:someone|somebody|a\s+friend|friends|people)\s+(?:you\s+trust|"
    r"close\s+to\s+you)\b|"
    # a suggestion as a gerund: "Perhaps talking to someone you trust about your feelings can help you process them."
    # (to "my brother died by suicide last year and I still can't stop asking why")
    r"\b(?:maybe|perhaps)\s+(?:talking|writing|taking|trying|going|getting|finding|joining|speaking|reaching|starting|"
    r"volunteering|exploring|spending|keeping|making)\b|"
    # a to-do list to someone a month into a retirement that hurts: "First, you could explore hobbies that you're
    # passionate about.", "Finally, you could start to make new friends", "It's a way to give back"
    r"^\W*(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|next|then|also|finally|lastly|additionally),?\s+you\s+(?:could|can|"
    r"might|may)\b(?!\s+(?:tell|talk\s+to|ask)\s+me\b)|"
    r"\byou\s+(?:could|can|might|may)\s+(?:also\s+)?(?:explore|join|volunteer|pick\s+up|take\s+up|sign\s+up|look\s+(?:into|for)|"
    r"start\s+(?:a|an|to|some|by\s+(?!telling\s+me\b))|set\s+(?:up|aside)|make\s+(?:a\s+)?(?:list|plan|schedule)|"
    r"keep\s+(?:a\s+)?(?:journal|diary)|write\s+(?:down|a\s+letter|in\s+a\s+journal))\b|"
    r"^\W*(?:it|this|that)(?:'s|\s+is|\s+can\s+be)\s+(?:also\s+)?(?:a\s+)?(?:great|good|wonderful|nice|fun|healthy)?\s*way\s+"
    r"to\b)",
    re.I,
)


def gives_advice(sentence: str) -> bool:
    """Whether a sentence of a reply tells the user what to do."""
    return ADVICE.search(sentence.replace("\u2019", "'")) is not None


def loss_without_question(ctx: TurnContext) -> bool:
    """A loss, a failed exam, snapping at one's children, being worn down by work or a retirement that hurts is in view
    in this conversation, and this message does not ask what to do."""
    in_view = any(
        key in ctx.extras
        for key in (
            RECENT_LOSS_KEY,
            SETBACK_KEY,
            PARENT_GUILT_KEY,
            BURNOUT_KEY,
            SOCIAL_ANXIETY_KEY,
            JOB_LOSS_KEY,
            CARER_KEY,
            WORK_BULLYING_KEY,
            RETIREMENT_KEY,
            AFTER_ASSAULT_KEY,
            LONELY_KEY,
            LOVED_ONE_DRINKING_KEY,
            MONEY_WORRY_KEY,
            CHRONIC_PAIN_KEY,
            HOMESICK_KEY,
            QUIET_FAMILY_KEY,
            JOB_REJECTION_KEY,
            BREAKUP_KEY,
            NEW_PARENT_KEY,
            EXAM_NERVES_KEY,
        )
    )
    return (in_view or find_loss(ctx.text) is not None) and not asks_for_advice(ctx.text)


class UnaskedAdviceGuard:
    """The :class:`amity.stages.ReplyGuard` that drops advice the user said they did not want (module docstring)."""

    async def guard(self, ctx: TurnContext, pieces: AsyncIterator[str]) -> AsyncIterator[str]:
        if not (ctx.extras.get(LISTEN_ONLY_KEY) or loss_without_question(ctx)):
            async for piece in pieces:
                yield piece
            return
        async for piece in filter_sentences(pieces, gives_advice, lambda _start: True):  # whole sentences
            yield piece
