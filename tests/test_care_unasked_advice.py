"""After "I don't want advice, I just need to vent", advice the model gives anyway is dropped."""

from __future__ import annotations

import pytest

from amity.affect.loss_care import family_away_reply
from amity.app import App, build_app, open_database
from amity.care import not_recognised
from amity.care.unasked_advice import gives_advice
from amity.config import Config
from amity.events import TurnEnd
from amity.llm.fake import FakeLLM

# the 1.5B, one message after "I don't want advice, I just need to vent"
ADVICE_REPLY = (
    "That sounds so unfair. It's important to support your team and be there for them. If you ever feel like "
    "you're not being noticed, let your manager know. They might appreciate it if you could talk to them about it."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "It's important to support your team and be there for them.",
        "If you ever feel like you're not being noticed, let your manager know.",
        "They might appreciate it if you could talk to them about it.",
        "You should talk to HR.",
        "Have you tried writing it down?",
        "Why not take a break?",
        "Maybe try talking to him directly.",
        "It's important for us to remember everyone who has been part of our lives.",
        "Remember that you have friends and family who can help you navigate this.",
        "Maybe we can find a different location that is more convenient for everyone.",
        "Perhaps you should sell the house.",
        "Is there anything you can do to help her?",  # one more task, for a carer
        "Is there anything you can do to help keep your brother in touch?",
        "Maybe it's time to talk to someone you trust about your feelings.",  # sent elsewhere, after a break-up
        "What other things are you doing to manage your pain?",  # to someone with chronic pain
        "What you can do is explore new interests or hobbies.",  # to a man a month into retirement
        "There are many things you can do to keep yourself busy and engaged, like reading or painting.",
        # the 1.5B's to-do list to "I retired last month and I don't know what to do with myself"
        "First, you could explore hobbies that you're passionate about.",
        "It's a way to give back and also meet new people.",
        "Finally, you could start to make new friends with people who share your interests.",
        "You could join a walking group.",
        "One idea is to take a class that interests you, or start a hobby you've always wanted.",
        "Another option is to join a club or social group where you can meet other retirees.",
        "How do you think you might fill this gap?",
        # to "my brother died by suicide last year and I still can't stop asking why"
        "Perhaps talking to someone you trust about your feelings can help you process them and find some relief.",
        "Talking to someone you trust might help.",
        "Do you have any thoughts about how you can help her through this time?",  # mother with cancer
    ],
)
def test_advice_is_recognised(sentence: str) -> None:
    assert gives_advice(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "That sounds so frustrating.",
        "You must be exhausted.",
        "Have you been able to tell anyone?",
        "Did you talk to your manager?",
        "I'm here, go on.",
        "He does this all the time? That would wear anyone down.",
        "Maybe you could tell me more about her?",
        "Maybe we can talk about what she was like.",
        "Is there anything I can do for you?",
        "You can always talk to me about it.",
        "First, you can tell me about him, if you like.",
        "You can start by telling me what happened, whenever you're ready.",
        "Grief is a way to keep loving someone.",
        "You might feel that for a long time, and that's okay.",
        "You shouldn't have to prove it to anyone.",
        "It's important to remember that it's not your fault.",  # after a miscarriage: reassurance, not advice
    ],
)
def test_listening_is_not_advice(sentence: str) -> None:
    assert not gives_advice(sentence)


async def reply(app: App, text: str) -> str:
    events = [e async for e in app.companion.turn("lee", text, session_id="s1")]
    end = events[-1]
    assert isinstance(end, TurnEnd)
    return end.reply


async def test_advice_after_a_request_for_none_is_dropped(config: Config) -> None:
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    llm.enqueue(ADVICE_REPLY)
    before = await reply(app, "my coworker took credit for my project in front of the whole team today")
    assert before == ADVICE_REPLY  # advice is fine until they say they want none
    llm.enqueue("I hear you.")
    await reply(app, "I don't want advice, I just need to vent")
    llm.enqueue(ADVICE_REPLY.replace("That sounds so unfair.", "He does it all the time? That would wear anyone down."))
    after = await reply(app, "he does this ALL the time and my manager never notices")
    assert after == "He does it all the time? That would wear anyone down."
    llm.enqueue("You should talk to HR. Maybe try talking to him directly.")
    only_advice = await reply(app, "and today he did it again")
    assert only_advice and not gives_advice(only_advice)  # the listening text, not an empty reply
    await app.aclose()


async def test_advice_to_a_carer_who_told_of_a_loss_is_dropped_unless_she_asks(config: Config) -> None:
    # the 1.5B to "Some days she doesn't know who I am" (a carer whose mother has dementia)
    # (that first message now gets a fixed answer, amity.care.not_recognised; the advice guard is tested on the next)
    llm = FakeLLM()
    app = build_app(config, llm=llm, db=open_database(config))
    said = "I look after my mum, she has dementia. Some days she doesn't know who I am."
    assert await reply(app, said) == not_recognised.first_reply(said)
    llm.enqueue(
        "That must hurt so much. It's important to remember who you are. Remember that you have friends and family "
        "who can help you navigate this."
    )
    told = await reply(app, "It has been a long week with her.")
    assert told == "That must hurt so much."
    llm.enqueue("I'm sorry, that sounds exhausting. It's important to take care of yourself and get enough sleep.")
    tired = await reply(app, "I'm so tired. I haven't had a full night's sleep in months.")
    assert tired == "I'm sorry, that sounds exhausting."  # the loss, told earlier, is still in view
    llm.enqueue("You could try a calm routine in the late afternoon.")
    asked = await reply(app, "What can I do when she gets agitated in the evening?")
    assert asked == "You could try a calm routine in the late afternoon."  # asked for: advice stays
    await app.aclose()


async def test_a_carer_is_met_as_one_for_the_whole_conversation(config: Config) -> None:
    # the 1.5B, four messages after "my mum has dementia and I look after her": "What brings you back to work?"
    llm = FakeLLM(default="That sounds like so much.")
    app = build_app(config, llm=llm, db=open_database(config))
    first = await reply(app, "hi. my mum has dementia and I look after her. today she didn't recognise me")
    assert first.startswith("That must have hurt so much. Not being known by your mum")  # amity.care.not_recognised
    llm.enqueue("I'm so sorry. Is there anything you can do to help her?")
    assert await reply(app, "she gets so confused in the evenings") == "I'm so sorry."
    assert "Take their side and give them no tasks" in llm.last_system_prompt  # a carer as well as grieving
    for text in ["my cat knocked a cup over", "it rained all day", "ok"]:
        await reply(app, text)
    await reply(app, "I haven't had a day off in eight months")
    prompt = llm.last_system_prompt
    assert "of course you need one" in prompt  # six messages on: the carer line stays
    assert prompt.count("Take their side") == 1
    # the 1.5B once copied the carer line into its reply; the directions are dropped, the quoted kind words stay
    llm.enqueue(
        "Take their side and give them no tasks. Resentment and exhaustion are so common in carers - it doesn't make "
        "you a bad person."
    )
    echoed = await reply(app, "honestly sometimes I resent her and then I feel like a monster")
    assert echoed == "Resentment and exhaustion are so common in carers - it doesn't make you a bad person."
    # "Don't worry too much about how much money he sends" (the 1.5B) - a carer's brother who only sends money
    away = await reply(app, "my brother lives two hours away and just sends money")
    assert away == family_away_reply("my brother lives two hours away and just sends money")
    assert away.startswith("That's a lot to carry on your own. Money can help, but it isn't the same")
    assert family_away_reply("my kids never call") == (
        "That's a lot to carry on your own. It makes sense to feel let down. Does anyone ever give you a break?"
    )
    assert family_away_reply("my brother sent me money for my birthday") is None
    await app.aclose()
