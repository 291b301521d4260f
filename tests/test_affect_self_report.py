"""Self-reported feelings: found precisely, folded into the text channel, quoted in the guidance."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from amity.affect.loss import caring_for, find_loss
from amity.affect.loss_care import loss_guidance
from amity.affect.self_report import REPORT_CONFIDENCE, find_self_reports, with_self_reports
from amity.affect.stage import affect_guidance, simple_fuse
from amity.affect.text_emotion import shared_model
from amity.care.companion_affect import SOFTENED, CompanionMood
from amity.config import Config
from amity.senses.fusion import fuse
from amity.types import ChannelAffect, Emotion


def words(text: str) -> list[str]:
    return [r.word for r in find_self_reports(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm so angry at my landlord, he ignored me again.", ["angry"]),
        ("Hi, I had a really long day at work and I feel tired.", ["tired"]),
        ("I\u2019m scared", ["scared"]),
        ("im tired lol", ["tired"]),
        ("I've been really stressed out lately", ["stressed out"]),
        ("I am exhausted and a bit lonely", ["exhausted", "lonely"]),
        ("Feeling kinda down today.", ["down"]),
        ("It makes me so sad.", ["sad"]),
        ("I feel so alone", ["alone"]),
        ("yeah. I just smile and say I'm fine", ["hiding it"]),  # chronic pain: not "helpful to smile"
        ("I put on a brave face", ["hiding it"]),
        ("my dad didn't even say congrats. he just asked how much it costs", ["hurt"]),  # after medical school
        ("nobody said happy birthday", ["hurt"]),
        ("I feel like I have no purpose anymore", ["lost"]),  # a month after retiring
        ("I'm so excited I don't know what to do with myself!", ["excited"]),
        ("the house is so quiet when they leave. their cereal bowls are still in the sink", ["lonely"]),  # weekend dad
        ("the house is finally quiet, bliss", []),
        ("A veces paso todo el día sin hablar con nadie", ["lonely"]),  # Carmen, 78
        ("my mum said at least it was early", ["hurt"]),  # after a miscarriage (the 1.5B: "Oh, that's good news.")
        ("nobody sits with me at lunch. i eat in the library", ["lonely"]),  # 14 (the 1.5B: "places nearby to eat")
        ("people keep saying he's in a better place", ["hurt"]),  # after a friend's suicide
        ("I think my husband is cheating on me", ["hurt"]),  # the 1.5B: "It's important to stay safe"
        ("je passe des journées entières sans parler à personne", ["lonely"]),
        ("My dog has been sick all week and I'm worried.", ["worried"]),
        ("I'm not okay.", ["not okay"]),
        ("I don't feel good today", ["not good"]),
        ("I'm not fine at all", ["not fine"]),
        ("I'm not happy with how it went", ["not happy"]),
        ("I guess I'm just not likeable.", ["not likeable"]),
        # a sleepless night, as typed at 3 a.m. (the 1.5B answered "cant sleep again" with "That's great to hear!")
        ("cant sleep again", ["restless"]),
        ("its 3am and my mind wont stop", ["restless"]),
        ("just replaying that stupid thing i said at work", ["embarrassed"]),
        ("oh yes the interview. my memory isnt what it used to be", ["worried"]),  # the 1.5B: "that's great to hear"
        # what lonely people say instead of "I'm lonely"
        ("Nobody ever calls me anymore.", ["lonely"]),
        ("I think my friends are tired of me.", ["lonely"]),
        ("Why does everyone leave?", ["lonely"]),
        ("I haven't talked to anyone in days.", ["lonely"]),
        ("My kids never visit.", ["lonely"]),
        ("I'm always the one who reaches out first.", ["lonely"]),
        ("My best friend stopped replying to my messages.", ["lonely"]),
        ("I don't have anyone to spend Christmas with.", ["lonely"]),
        ("Everyone at work ignores me.", ["lonely"]),
        ("i just moved to Berlin for work and i dont know anyone here", ["lonely"]),
        ("I have no one to talk to.", ["lonely"]),
        ("i cant sleep again tonight", ["restless"]),
        ("I feel like a burden to my family.", ["a burden"]),
        ("I'm such a burden.", ["a burden"]),
        ("I feel like such a failure after that exam.", ["a failure"]),
        ("I'm a complete failure.", ["a failure"]),
        ("I'm so lonely, nobody calls me.", ["lonely"]),  # one report per feeling
        ("Nobody ever calls me anymore, I feel so alone.", ["lonely", "alone"]),  # clause by clause, none twice
        # good news told without a feeling word
        ("I finally got the job I interviewed for last week!", ["good news"]),
        ("We're engaged!", ["good news"]),
        ("I passed my driving test.", ["good news"]),
        ("I got the job but I'm scared.", ["good news", "scared"]),
        # a loss told without a feeling word (the text model read these as neutral)
        ("My dog died yesterday.", ["grieving"]),
        ("My grandma passed away this morning.", ["grieving"]),
        ("I lost my dad last year.", ["grieving"]),
        ("We had to put our cat down.", ["grieving"]),
        ("My wife Margaret passed in March. The house is so quiet now.", ["grieving", "lonely"]),
        ("My dad passed a few weeks back.", ["grieving"]),
        ("Ever since my husband died I barely eat.", ["grieving"]),
        ("I'm a widower.", ["grieving"]),
        ("I buried my wife last spring.", ["grieving"]),
        ("I moved here for work 6 months ago and haven't really made friends", ["lonely"]),
        ("my flat is so quiet, everyone I know is asleep or has a partner", ["lonely"]),
        ("yesterday was thanksgiving and I spent it alone. everyone posted family photos", ["lonely"]),
        ("my son didn't even call", ["lonely"]),
        # German, French and Spanish: the text model reads English only
        ("Meine Mutter ist letzte Woche gestorben.", ["grieving"]),
        ("Ma mère est morte la semaine dernière.", ["grieving"]),
        ("Mi perro se murió ayer", ["grieving"]),
        ("Ich fühle mich so allein.", ["lonely"]),
        ("Je me sens seule ce soir", ["lonely"]),
        ("Me siento muy sola", ["lonely"]),
        ("Ich bin so traurig", ["sad"]),
        ("my parents are getting divorced and they keep fighting", ["hurting at home"]),
        ("sometimes I go the whole day without talking to anyone", ["lonely"]),
        ("he proposed on the beach at sunset, I cried so much", ["good news"]),  # happy tears, not "so sad"
        ("I miss her", ["missing someone"]),
        ("I really miss my husband so much", ["missing someone"]),
        ("Her birthday would have been on the 14th of December.", ["remembering a loss"]),
        ("She'd have been 70.", ["remembering a loss"]),
        ("It would have been our 49th anniversary on Sunday.", ["remembering a loss"]),
        ("He left me for someone else.", ["heartbroken"]),
        ("My girlfriend broke up with me last night.", ["heartbroken"]),
        ("Why did she leave me?", ["heartbroken"]),
        ("My wife wants a divorce.", ["heartbroken"]),
        ("I got fired today.", ["upset"]),
        ("My mom is in the hospital.", ["worried"]),
        ("They think it might be cancer.", ["worried"]),
        ("My dad was diagnosed with Parkinson's.", ["worried"]),
    ],
)
def test_finds_what_the_user_says_they_feel(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm not angry.",  # a negated unpleasant feeling states none
        "I'm not surprised haha",  # nor does a negated weak one
        "I spent the day by myself reading, it was lovely",
        "I'm good at chess",  # everyday words before a preposition
        "I'm down to go",
        "I'm alone at home",  # "alone" counts only after "feel"
        "If I'm sad I eat chocolate",  # hypothetical
        "I'd be happy to help",
        "You seem sad today",  # not about the user
        "She is so angry with me",
        "the feeling sad part",
        "I'm sorry to hear that",
        "I'm fine, thanks.",  # a formula, not a report
        "Nobody cares about the weather.",
        "Failure is part of learning.",
        "I passed out at the party.",
        "If I got the job I would move.",
        "I got a new phone.",
        "No one calls me Bob.",  # a name, not loneliness
        "If nobody calls me tomorrow I'll go anyway.",
        "He left me a message.",
        "My phone died.",
        "I lost my keys.",
        "My character died in the game",
        "My son passed his driving test!",  # "passed" without a time is not a death
        "My daughter passed with flying colours",
        "It would have been a nice birthday party.",
        "I haven't made friends with the neighbours yet but they seem nice",
        "everyone else is at the party",
        "Mein Handy ist tot.",
        "I miss her cooking",
        "I missed the bus",
        "he proposed a new plan at work",
        "She'd have been late anyway.",
        "If my dog died I'd be lost",
        "I didn't get fired",
        "I don't know anyone who does that.",  # no place: not about being alone here
        "the baby cant sleep without her teddy",
        "I can sleep anywhere",
    ],
)
def test_reports_nothing_where_no_feeling_is_stated(text: str) -> None:
    assert find_self_reports(text) == ()


def test_social_pain_is_quoted_as_the_whole_sentence() -> None:
    reports = find_self_reports("Work was fine. Nobody ever calls me anymore. Anyway.")
    assert [(r.quote, r.label) for r in reports] == [("Nobody ever calls me anymore", "sadness")]
    assert reports[0].valence < -0.5


def test_quotes_keep_the_users_words_and_at_most_two_reports() -> None:
    reports = find_self_reports("I'm tired, sad and lonely")
    assert [r.quote for r in reports] == ["I'm tired", "sad"]
    assert [r.quote for r in find_self_reports("Honestly I'M SO ANGRY.")] == ["I'M SO ANGRY"]


def test_a_report_overrides_a_weak_model_guess() -> None:
    model = ChannelAffect("text", "annoyance", -0.2, 0.3, 0.25, (Emotion("annoyance", 0.25), Emotion("neutral", 0.2)))
    text = "I'm so angry at my landlord"
    channel = with_self_reports(model, find_self_reports(text))
    assert channel.label == "anger" and channel.confidence == REPORT_CONFIDENCE
    assert [e.label for e in channel.labels] == ["anger", "annoyance"]  # neutral dropped, the model's rest kept
    assert channel.valence < -0.5 and channel.reported == ("I'm so angry",)
    assert channel.to_dict()["reported"] == ["I'm so angry"]
    assert with_self_reports(model, ()) is model


def test_a_feeling_without_a_goemotions_label_still_moves_valence() -> None:
    model = ChannelAffect("text", "neutral", 0.1, 0.0, 0.34, (Emotion("neutral", 0.34), Emotion("caring", 0.25)))
    channel = with_self_reports(model, find_self_reports("I feel tired."))
    assert channel.label == "neutral" and channel.valence < -0.2 and channel.arousal < -0.4


def test_guidance_quotes_the_user_instead_of_guessing() -> None:
    model = ChannelAffect("text", "neutral", 0.1, 0.0, 0.34, (Emotion("neutral", 0.34), Emotion("caring", 0.25)))
    affect = simple_fuse([with_self_reports(model, find_self_reports("Long day. I feel tired."))])
    assert affect.reported == ("I feel tired",)
    assert affect_guidance(affect, compact=True) == 'The user said "I feel tired" (unpleasant).'
    full = affect_guidance(affect)
    assert full == (
        'The user said "I feel tired" (an unpleasant feeling). Respond to that feeling; '
        "don't add feelings they didn't name."
    )


def test_a_loss_told_now_gets_the_line_a_friend_would_follow() -> None:
    told = loss_guidance("My wife Margaret passed in March. The house is so quiet now.")
    assert told is not None and "sorry for their loss" in told and "No advice" in told
    assert loss_guidance("My wife Margaret passed in March.", compact=True) == (
        "They told you of a death: say you're sorry first; no advice, nothing cheerful."
    )
    breakup = loss_guidance("My girlfriend broke up with me last night.")
    assert breakup is not None and "break-up" in breakup
    remembering = loss_guidance("Her birthday would have been on the 14th of December.")
    assert remembering is not None and "no plans, nothing to celebrate" in remembering
    german = loss_guidance("Meine Mutter ist letzte Woche gestorben.", lang="de")
    assert german is not None and german.endswith('In their language: "Das tut mir so leid."')
    home = loss_guidance("my parents keep fighting")
    assert home is not None and "not their job to fix it" in home
    illness = loss_guidance("I have chronic pain and I had to cancel on my friends again")
    assert illness is not None and "Believe them" in illness
    assert loss_guidance("my mum has chronic pain") is None
    waiting = loss_guidance("they found a lump and I'm waiting for the biopsy results")
    assert waiting is not None and "no statistics or survival rates" in waiting
    home_country = loss_guidance("I moved here from Brazil three months ago and I miss home so much")
    assert home_country is not None and "Be curious about home" in home_country
    assert "sorry" not in home_country.lower()  # a loss to be curious about, not a death
    assert loss_guidance("My son passed his driving test!") is None
    assert loss_guidance("I feel tired.") is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I'm Dana. I look after my mum, she has dementia.", "caring for someone ill"),
        ("I take care of my dad, he had a stroke last year", "caring for someone ill"),
        ("I'm my husband's full-time carer.", "caring for someone ill"),
        ("Some days she doesn't know who I am.", "losing someone slowly"),
        ("my mum doesn't know who I am anymore", "losing someone slowly"),
        ("He forgot who I am.", "losing someone slowly"),
        ("my dad has parkinsons and I take care of him", "caring for someone ill"),
        ("my husband has cancer and I look after him full time", "caring for someone ill"),
        ("hi. my mum has dementia and I look after her. today she didn't recognise me", "losing someone slowly"),
        ("she didn't recognise me again", "losing someone slowly"),
        ("my dad didn't recognise me today", "losing someone slowly"),
        ("I have chronic pain and I had to cancel on my friends again", "living with illness"),
        ("I was diagnosed with fibromyalgia last year", "living with illness"),
        ("my fibro flared again", "living with illness"),
        ("I was diagnosed with cancer", "worried"),
        ("I only get them every other weekend since the divorce", "heartbroken"),
        ("the vet says it might be time for my dog. she's 15", "losing a pet"),
        ("we have to put our cat to sleep tomorrow", "losing a pet"),
        ("we had to put our dog down last week", "grieving"),
        ("her dad would have loved to see it. he passed 3 years ago", "grieving"),  # at a daughter's graduation
        ("I had a miscarriage last week", "pregnancy loss"),
        ("we lost the baby at 11 weeks", "pregnancy loss"),
        ("they found a lump and I'm waiting for the biopsy results", "waiting for results"),
        ("waiting on my blood test results", "waiting for results"),
        ("she has cancer", "worried"),
        ("I'm Mark. Divorce was finalised last month.", "heartbroken"),
        ("we separated in june", "heartbroken"),
        ("I moved here from Brazil three months ago and I miss home so much", "homesick"),
        ("I'm so homesick", "homesick"),
        ("I miss my country", "homesick"),
        ("I'm so far from home", "homesick"),
    ],
)
def test_caring_for_someone_ill_is_a_loss_told(text: str, kind: str) -> None:
    found = find_loss(text)
    assert found is not None and found[1] == kind


def test_a_carer_is_known_from_any_message_of_the_conversation() -> None:
    said = ["my brother lives far away", "hi. my mum has dementia and I look after her. today she didn't recognise me"]
    assert caring_for(said) == "my mum has dementia and I look after her"
    assert caring_for(["I saw an old classmate and she didn't recognise me", "my mum has dementia"]) is None
    assert find_loss("I saw an old classmate and she didn't recognise me") is None
    assert find_loss("my mum didn't recognise me today with my new haircut") is None
    assert caring_for(["if my dad had cancer and I looked after him, I'd be lost"]) is None


@pytest.mark.parametrize(
    "text",
    [
        "my crush doesn't even know who I am",
        "I look after my sister's kids on weekends",
        "I'm a carer at a nursing home",
        "the teacher doesn't know me",
        "my divorce lawyer called",
        "I miss my dog",  # not a loss told: they may just be at work
        "I moved here from the city and love it",
    ],
)
def test_no_caring_loss_is_read_into_other_words(text: str) -> None:
    assert find_loss(text) is None


def test_a_carer_hears_that_it_is_hard_not_that_it_is_wonderful() -> None:
    # the 1.5B: "It's great to hear you're doing this" / "It's nice that your mom called you by your aunt's name"
    caring = loss_guidance("I look after my mum, she has dementia.")
    assert caring is not None and "hard, tiring and often lonely" in caring and "don't praise" in caring.lower()
    slowly = loss_guidance("Some days she doesn't know who I am.")
    assert slowly is not None and "a kind of grief" in slowly and "don't call it nice" in slowly


def test_a_bright_companion_mood_is_not_shown_to_someone_hurting() -> None:
    now = datetime(2026, 11, 27, tzinfo=UTC)
    mood = CompanionMood(mood=(0.4, 0.3, 0.3), baseline=(0.4, 0.3, 0.3), updated_at=now)
    assert "brightness" in mood.guidance() and "brightness" in mood.guidance(user_valence=0.5)
    assert mood.guidance(user_valence=-0.5) == SOFTENED


def test_a_smile_over_im_not_okay_is_a_conflict_to_name() -> None:
    model = shared_model().predict("I'm not okay.")
    text = with_self_reports(model, find_self_reports("I'm not okay."))
    face = ChannelAffect("face", "happy", 0.8, 0.5, 0.8, (Emotion("happy", 0.8),))
    fused = fuse([text, face])
    assert fused.conflict and fused.reported == ("I'm not okay",)
    assert text.confidence * 1.0 > face.confidence * 0.6  # their words weigh more than a face read by a model


async def test_a_habit_kept_after_a_death_is_met_tenderly(config: Config) -> None:
    """A widower, a year after his wife died: "I still set two cups out some mornings" drew "It's always helpful to
    have something to look forward to in the morning. How do you usually go about it?", and "everyone else seems to
    have moved on" "Do you have any plans for the future?"."""
    from amity.affect.loss_care import STILL_HABIT_GUIDANCE
    from amity.app import build_app, open_database
    from amity.llm.fake import FakeLLM
    from amity.safety.tactics import find_tactics

    assert find_tactics("Do you have any plans for the future?", user_hurting=True) == ["dismissing_pain"]
    llm = FakeLLM(default="I'm so sorry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        for text in ["it's been exactly one year today since my wife died", "I still set two cups out some mornings"]:
            [e async for e in app.companion.turn("walt", text, session_id="w1")]
        assert STILL_HABIT_GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()


async def test_checking_the_ex_after_a_break_up_is_met_with_understanding(config: Config) -> None:
    """Two weeks after a break-up, "I keep looking at his instagram" drew "Instagram can be a great way to see what
    someone is doing and feel inspired. But remember, it's important not to spend too much time on it"."""
    from amity.affect.loss_care import checking_reply
    from amity.app import build_app, open_database
    from amity.llm.fake import FakeLLM

    assert checking_reply("i cant stop checking her stories") == (
        "That's so understandable - part of you still wants to feel close to her. Does looking help, or does it make "
        "it hurt more?"
    )
    assert checking_reply("I keep rereading our old texts") is not None
    assert checking_reply("I keep looking at the news") is None
    llm = FakeLLM(default="Instagram can be a great way to see what someone is doing and feel inspired.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        first = [e async for e in app.companion.turn("ana", "I keep looking at his instagram", session_id="a0")][-1]
        assert first.reply.startswith("Instagram")  # no break-up told: nothing to read it by
        replies = [
            [e async for e in app.companion.turn("ana", text, session_id="a1")][-1].reply
            for text in ["he broke up with me two weeks ago", "I keep looking at his instagram"]
        ]
        assert replies[1] == checking_reply("I keep looking at his instagram")
    finally:
        await app.aclose()


async def test_news_that_may_not_be_happy_is_asked_about(config: Config) -> None:
    """A 19-year-old, scared her boyfriend would leave: "I just found out I'm pregnant" drew "That's wonderful news!
    I'm so happy for you." from the 1.5B (our own lexicon had read it as good news)."""
    from amity.affect.self_report import UNSURE_NEWS_GUIDANCE, unsure_news
    from amity.app import build_app, open_database
    from amity.events import TurnEnd
    from amity.llm.fake import FakeLLM

    assert unsure_news("I just found out I'm pregnant") and not unsure_news("We're pregnant!")
    assert [r.word for r in find_self_reports("so happy, we're expecting a baby")] == ["good news"]
    assert find_self_reports("I just found out I'm pregnant") == ()
    llm = FakeLLM(default="I'm here.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        llm.enqueue("That's wonderful news! I'm so happy for you. How are you feeling about it?")
        events = [e async for e in app.companion.turn("mia", "I just found out I'm pregnant", session_id="m1")]
        end = events[-1]
        assert isinstance(end, TurnEnd) and end.reply == "How are you feeling about it?"
        assert UNSURE_NEWS_GUIDANCE in llm.last_system_prompt
    finally:
        await app.aclose()


async def test_a_retirement_that_left_a_gap_is_met_as_a_loss(config: Config) -> None:
    """ "I retired last month after 38 years" then "everyone said I'd love it. I don't know what to do with myself"
    drew "It's important to take care of yourself. Do you have any hobbies or interests you can explore?"."""
    from amity.affect.loss import RETIRED_GUIDANCE, retired
    from amity.app import build_app, open_database
    from amity.llm.fake import FakeLLM

    assert retired(["I retired last month after 38 years"]) and not retired(["my dad retired"])
    assert words("everyone said I'd love it. I don't know what to do with myself") == ["lost"]
    llm = FakeLLM(default="That's a big change.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        [e async for e in app.companion.turn("ray", "I retired last month after 38 years at the same company")]
        assert RETIRED_GUIDANCE not in llm.last_system_prompt  # retiring is not a loss until it hurts
        llm.enqueue("That's a tough feeling. What you can do is explore new interests or hobbies.")
        end = [
            e async for e in app.companion.turn("ray", "everyone said I'd love it. I don't know what to do with myself")
        ]
        assert RETIRED_GUIDANCE in llm.last_system_prompt
        assert end[-1].reply == "That's a tough feeling."  # a loss now: no hobby list unless asked
    finally:
        await app.aclose()


async def test_a_pets_last_days_are_met_gently(config: Config) -> None:
    """ "the vet says it might be time for my dog. she's 15" drew "That's a good sign - it's time to start thinking
    about it.", and "how do you even know when it's the right time?" "I'm not a psychic… Does he or she seem nervous,
    excited, or scared?"."""
    from amity.affect.loss_care import PET_GUIDANCE, WHEN_TIME_REPLY, when_time_reply
    from amity.app import build_app, open_database
    from amity.llm.fake import FakeLLM

    assert find_loss("I put the baby down to sleep") is None
    assert find_loss("the vet says she is doing well") is None
    assert when_time_reply("what time is it?") is None
    llm = FakeLLM(default="That's so hard.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        [e async for e in app.companion.turn("lou", "the vet says it might be time for my dog. she's 15")]
        assert "Their pet is near the end" in llm.last_system_prompt
        [e async for e in app.companion.turn("lou", "her name is Pepper. she still wags when I come home")]
        assert PET_GUIDANCE in llm.last_system_prompt
        end = [e async for e in app.companion.turn("lou", "how do you even know when it's the right time?")][-1]
        assert end.reply == WHEN_TIME_REPLY
    finally:
        await app.aclose()


async def test_no_one_asks_how_the_one_who_died_is_doing(config: Config) -> None:
    """ "we had to put our dog down this morning" drew "How is your dog doing now?" from the 1.5B, with the grieving
    line in its prompt."""
    from amity.affect.loss_care import asks_after_the_dead
    from amity.app import build_app, open_database
    from amity.llm.fake import FakeLLM

    dog = "we had to put our dog down this morning"
    assert asks_after_the_dead("How is your dog doing now?", dog)
    assert asks_after_the_dead("I hope he feels better soon.", dog)
    assert not asks_after_the_dead("How are you doing?", dog)
    assert not asks_after_the_dead("How is your mum holding up?", "my grandma died")
    assert asks_after_the_dead("Is your grandma okay?", "my grandma died")
    llm = FakeLLM(default="I'm so sorry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:

        async def say(text: str, user: str = "ana") -> str:
            return [e async for e in app.companion.turn(user, text, session_id=user)][-1].reply

        llm.enqueue("I'm so sorry. How is your grandma doing now?")
        assert await say("my grandma died this morning") == "I'm so sorry."
        llm.enqueue("Ninety-two years is a long life together. Is she feeling better?")
        assert await say("she was 92. she raised me") == "Ninety-two years is a long life together."
        llm.enqueue("How is your dog doing? That sounds lovely.")
        assert await say("my dog loves the beach", user="new") == "How is your dog doing? That sounds lovely."
    finally:
        await app.aclose()


async def test_a_pregnancy_loss_is_a_bereavement_and_self_blame_is_answered(config: Config) -> None:
    """ "I had a miscarriage last week", then "my mum said at least it was early" drew "Oh, that's good news.", and "I
    keep thinking it was something I did" drew "It's okay to keep thinking about it. What is it?"."""
    from amity.affect.loss_care import NOT_YOUR_DOING_REPLY
    from amity.app import build_app, open_database
    from amity.care.pregnancy_loss import AT_LEAST_REPLY, first_reply
    from amity.llm.fake import FakeLLM

    assert find_loss("my sister had a miscarriage") is None
    llm = FakeLLM(default="I'm so sorry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        first = [e async for e in app.companion.turn("ana", "I had a miscarriage last week", session_id="m")][-1]
        assert first.reply == first_reply("I had a miscarriage last week")  # care/pregnancy_loss.py's fixed answer
        llm.enqueue("Oh, that's good news. How about you?")
        said = [e async for e in app.companion.turn("ana", "my mum said at least it was early", session_id="m")][-1]
        assert "good news" not in said.reply and said.reply == AT_LEAST_REPLY
        blame = [e async for e in app.companion.turn("ana", "I keep thinking it was something I did", session_id="m")]
        assert blame[-1].reply == NOT_YOUR_DOING_REPLY
        llm.enqueue("Losing a pregnancy is so hard. It's important to remember that it's not your fault.")
        [e async for e in app.companion.turn("ana", "I just feel empty", session_id="m")]
        assert "They lost a pregnancy" in llm.last_system_prompt
    finally:
        await app.aclose()


async def test_after_a_friends_suicide_rereading_their_texts_is_answered(config: Config) -> None:
    """ "my best friend killed himself last month", then "I keep rereading our last texts. he said he was fine" drew
    "Is there anything else you'd like to tell me about?" (the rest: tests/test_care_suicide_loss.py)."""
    from amity.affect.loss_care import checking_reply
    from amity.app import build_app, open_database
    from amity.care.suicide_loss import first_reply
    from amity.llm.fake import FakeLLM

    llm = FakeLLM(default="I'm so sorry.")
    app = build_app(config, llm=llm, db=open_database(config))
    try:
        told = "my best friend killed himself last month"
        first = [e async for e in app.companion.turn("ben", told, session_id="b")]
        assert first[-1].reply == first_reply(told)  # a death told, not the user's own crisis
        texts = "I keep rereading our last texts. he said he was fine"
        reread = [e async for e in app.companion.turn("ben", texts, session_id="b")][-1]
        assert reread.reply == checking_reply(texts) and "close to him" in reread.reply
    finally:
        await app.aclose()
