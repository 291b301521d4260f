"""The theme stages of a turn: one hard subject each, kept in view for a few messages, in their intended order.

Each of these (most of them a :class:`~amity.care.thread.ThreadStage`) answers one kind of message the default 1.5B
got wrong in a way that hurts - cheering a failed exam, "just relax" to someone dreading a party or trying for a
baby, "a senior moment" to someone afraid of dementia - with a fixed first answer, a guidance line while the theme is
in view, and answers given once to the messages that usually follow (see ``docs/CARE.md``). They run after the
everyday stages and before preferences, tools and the strategy planner (:func:`amity.care.pipeline.care_stages`).

The order matters only where two could answer the same message: parenting comes before self-worth, so "I yelled at my
kids… I'm a terrible mother" gets the parent's answer rather than the general one. A new theme goes in its own module
and in :data:`THEMES`; its reply guard goes in :func:`amity.app.build_guards`. :data:`HURTING_KEYS` (the keys of the
themes whose ``hurting`` is set) is what :func:`amity.safety.guard.user_hurting` reads, so no cheering reaches a turn
while one of them is in view.
"""

from __future__ import annotations

from amity.care.after_assault import AfterAssaultStage
from amity.care.behind_in_life import BehindInLifeStage
from amity.care.birthday_alone import BirthdayAloneStage
from amity.care.body_image import BodyImageStage
from amity.care.breakup import BreakupStage
from amity.care.burnout import BurnoutStage
from amity.care.care_home import CareHomeStage
from amity.care.carer import CarerStage
from amity.care.child_diagnosis import ChildDiagnosisStage
from amity.care.chronic_pain import ChronicPainStage
from amity.care.divorce import DivorceStage
from amity.care.end_of_life import EndOfLifeStage
from amity.care.estranged import EstrangedStage
from amity.care.exam_nerves import ExamNervesStage
from amity.care.fertility import FertilityStage
from amity.care.friend_silence import FriendSilenceStage
from amity.care.going_out import GoingOutStage
from amity.care.hate_abuse import HateAbuseStage
from amity.care.health_scare import HealthScareStage
from amity.care.holidays import HolidayAloneStage
from amity.care.homesick import HomesickStage
from amity.care.impostor import ImpostorStage
from amity.care.infidelity import InfidelityStage
from amity.care.job_loss import JobLossStage
from amity.care.job_rejection import JobRejectionStage
from amity.care.lonely_now import LonelyNowStage
from amity.care.longing import LongingStage
from amity.care.loved_one_drinking import LovedOneDrinkingStage
from amity.care.loved_one_ill import LovedOneIllStage
from amity.care.memory_worry import MemoryWorryStage
from amity.care.money_worry import MoneyWorryStage
from amity.care.moving_away import MovingAwayStage
from amity.care.new_parent import NewParentStage
from amity.care.not_recognised import NotRecognisedStage
from amity.care.parenting import ParentingStage
from amity.care.parents_divorce import ParentsDivorceStage
from amity.care.pet_loss import PetLossStage
from amity.care.pregnancy_loss import PregnancyLossStage
from amity.care.quiet_family import QuietFamilyStage
from amity.care.retirement import RetirementStage
from amity.care.self_worth import SelfWorthStage
from amity.care.setback import SetbackStage
from amity.care.sleepless import SleeplessStage
from amity.care.social_anxiety import SocialAnxietyStage
from amity.care.suicide_loss import SuicideLossStage
from amity.care.thread import ThreadStage
from amity.care.unplanned_pregnancy import UnplannedPregnancyStage
from amity.care.work_bullying import WorkBullyingStage
from amity.stages import Stage

THEMES: tuple[type[Stage], ...] = (
    HateAbuseStage,  # "called me a racial slur": named for what it was, never "not nice" or both sides
    AfterAssaultStage,  # after "I was raped…" (the safety stage answers it): no "were you drinking?", no push to report
    SuicideLossStage,  # "my brother died by suicide": "why" and guilt met; never "at peace" or "how did it happen?"
    UnplannedPregnancyStage,  # "I'm pregnant and I don't know if I want to keep it": no "big step!", no push
    PetLossStage,  # "we had to put our dog down this morning": family, no "how is he doing?", no new puppy
    PregnancyLossStage,  # before fertility: "I had a miscarriage… 11 weeks": no "at least", the name honoured
    FertilityStage,  # "another negative test": no "just relax", no congratulations on a sister's news
    HealthScareStage,  # "I found a lump": the fright met, a doctor, no guess either way
    ChronicPainStage,  # "I've had chronic pain for six years… it's in my head": believed, no "stress", no yoga
    MemoryWorryStage,  # "I got lost driving home": taken seriously, a doctor, no "senior moment"
    BodyImageStage,  # "I hate how I look in every photo": no "what you want to look like"
    NotRecognisedStage,  # "my dad didn't recognise me today": grief while he's here; no "progressive condition"
    CareHomeStage,  # before carer: "I have to move my mum into a care home… abandoning her" - care, not leaving
    ChildDiagnosisStage,  # before carer: "my son was diagnosed with autism today" - no "oh no", not their doing
    NewParentStage,  # before carer: "my baby is 6 weeks old and she won't stop crying" - the parent met, no fixes
    CarerStage,  # "my son is autistic and nonverbal… I haven't slept in years": no "saint", no self-care tips
    EndOfLifeStage,  # before the next: "my grandma is in hospice, it could be days" - the waiting held, no "miracle"
    LovedOneIllStage,  # after carer: "my mum has cancer, chemo next week" - no "she'll be fine", they're asked after
    LovedOneDrinkingStage,  # "my dad started drinking again": the user asked after, not their fault, not their job
    JobLossStage,  # "I got laid off today": the loss heard, no "other opportunities" or "still young"
    JobRejectionStage,  # "I didn't get the job… final round": the sting met, no "that's how things work"
    MoneyWorryStage,  # after job loss: "I can't pay my rent this month" - the fear met, no finance lesson, no shame
    RetirementStage,  # "I retired last month… the days are so long": a loss, no hobby list, no "enjoy your free time"
    WorkBullyingStage,  # before burnout: "my manager screamed at me in front of the team" - not okay, no excuses
    BurnoutStage,  # "I cry in the car before work": too much, not weakness; no hobbies
    BirthdayAloneStage,  # "it's my birthday and nobody remembered": a happy birthday, no "are you feeling lonely?"
    HolidayAloneStage,  # "I spent thanksgiving alone": the quiet named, no "favourite family dinners"
    InfidelityStage,  # "I think my husband is cheating on me": no "stay supportive", no guess, not their fault
    DivorceStage,  # after infidelity: "my divorce was finalised today" - an ending, no "new chapter"
    BreakupStage,  # after divorce: "my girlfriend broke up with me last night" - a loss, no "someone better"
    EstrangedStage,  # "my son hasn't spoken to me in two years": grief with him alive, no "give him time"
    QuietFamilyStage,  # after estranged: "my children are busy, they hardly ever call" - no excuses, no hobbies
    FriendSilenceStage,  # "my best friend hasn't replied in three weeks": no "that's good to hear"
    HomesickStage,  # before moving away: "I moved here from Brazil… I miss home so much" - an ache, not an adventure
    MovingAwayStage,  # "my best friend is moving to australia": a loss even if good news, no "exciting!"
    LongingStage,  # "nobody has even come close": the ache heard, no "the right one is out there"
    BehindInLifeStage,  # after longing: "I'm 40 and have nothing to show for it" - no "milestone!", no "never too late"
    ParentsDivorceStage,  # before self-worth: "my parents are getting divorced… it's my fault" - it isn't
    ParentingStage,  # before self-worth: "I yelled at my kids… a terrible mother" gets its own answer
    ImpostorStage,  # before self-worth: "I got promoted and I feel like a total fraud" - no "that's great!"
    SelfWorthStage,  # "Am I boring?": reassure, never agree
    GoingOutStage,  # "I haven't left my flat in two weeks": no "just do it"
    SocialAnxietyStage,  # "I already feel sick about the party": no "just relax", no drink, their choice
    ExamNervesStage,  # before setback: "my driving test is tomorrow and I feel sick" - no "don't worry", no tips
    SetbackStage,  # a failed exam: no cheering, no study tips, the fear of letting people down heard
    SleeplessStage,  # after the others: "I still haven't slept" - another theme in the same message answers first
    LonelyNowStage,  # "I'm so lonely": company first, no "do you have someone you could talk to?" (a line and a guard)
)
HURTING_KEYS = tuple(theme.key for theme in THEMES if issubclass(theme, ThreadStage) and theme.hurting)


def theme_stages() -> list[Stage]:
    """The theme stages, in order (see the module docstring)."""
    return [theme() for theme in THEMES]
