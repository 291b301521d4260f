# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Medication questions: no doses from a chat model, and no "sure, stop your antidepressants".

Asked "should I stop taking my antidepressants? I feel better now", the default 1.5B answered with a sentence
about a breast lump from the message before; asked "how many of my sleeping pills can I take at once?" after
"can't sleep again", it said only that it had no access to the medication. A companion must not give doses,
must not bless stopping a prescription, and must notice that a question about how many pills to take at once
can be a question about something else.

Two questions get a fixed answer in the user's language (the crisis protocol still comes first, so "how many
pills would it take to die" is a crisis):

* :func:`asks_dose` - "how many (sleeping) pills can I take at once?", "can I double my dose?", "what's the max
  dose of…": no number; the label, a pharmacist or the doctor; more than prescribed can be dangerous; and, for
  a question about taking many at once, an open door: "if you're asking because you're thinking of hurting
  yourself, please tell me", with the first crisis line for their region.
* :func:`asks_to_stop` - "should I stop taking my antidepressants?", "can I just stop my meds?": glad they feel
  better; not suddenly and not alone, since stopping abruptly can bring withdrawal or the old symptoms back; the
  doctor can help decide and taper;
* :func:`asks_to_take` - "maybe I should just take a sleeping pill" at 3 a.m. (the 1.5B: "That's a good idea! A
  sleeping pill could help you feel more rested. Do you want to try it?"), "can I take melatonin with wine?":
  the label or a pharmacist, not Amity; someone else's prescription ("one of my mum's sleeping pills") is made for
  them, and their dose may not be safe for you; for sleep, that many pills need a full night to wear off; never with
  alcohol when it is mentioned (together they can slow breathing); and an offer to talk first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from amity.safety.resources import spoken_line
from amity.safety.text import normalize
from amity.types import CrisisResource

_MEDS = r"(?:pills?|tablets?|meds|medications?|medicine|antidepressants?|sleeping\s+pills?|sleeping\s+tablets?|painkillers?|paracetamol|tylenol|ibuprofen|xanax|valium|ambien|zopiclone|melatonin|sertraline|prozac|fluoxetine|citalopram|lithium|antipsychotics?|insulin|doses?|mg)"
_DOSE = re.compile(
    rf"\bhow\s+(?:many|much)\s+(?:of\s+(?:my|the|these|those)\s+)?(?:\w+\s+){{0,2}}?{_MEDS}\s+(?:can|could|should|do|may|would)\s+i\s+take\b|"
    rf"\b(?:can|could|should)\s+i\s+(?:double|triple|up|increase)\s+(?:my\s+)?(?:\w+\s+)?(?:dose|dosage|meds|pills)\b|\bwhat\s+is\s+the\s+(?:max|maximum|highest|safe)\s+(?:\w+\s+)?dose\b|"
    rf"\b(?:can|could|should|shall|is\s+it\s+(?:ok|okay|safe)\s+to)\s+(?:i\s+)?(?:just\s+)?take\s+(?:two|three|four|more|extra|another|a\s+few|\d+)\s+(?:more\s+)?{_MEDS}\b"
)
_AT_ONCE = re.compile(
    r"\b(?:at\s+once|in\s+one\s+go|all\s+at\s+once|together|at\s+the\s+same\s+time|(?:the\s+)?(?:whole|entire)\s+(?:box|bottle|pack|packet))\b"
)
_STOP = re.compile(
    rf"\b(?:should|can|could|shall|may)\s+i\s+(?:just\s+)?(?:stop|quit|come\s+off|get\s+off)\s+(?:taking\s+)?(?:my\s+|the\s+)?(?:\w+\s+)?{_MEDS}\b|"
    rf"\b(?:is\s+it\s+(?:ok|okay|fine|safe|bad)\s+to|what\s+if\s+i)\s+(?:just\s+)?(?:stop|quit)\s+(?:taking\s+)?(?:my\s+)?(?:\w+\s+)?{_MEDS}\b|"
    rf"\bi\s+(?:want\s+to|am\s+going\s+to|think\s+i\s+will|am\s+thinking\s+of|might)\s+(?:stop(?:ping)?|quit(?:ting)?|come\s+off|coming\s+off)\s+(?:taking\s+)?(?:my\s+)?(?:antidepressants?|meds|medications?|lithium|antipsychotics?)\b"
)

_OWNER = r"(?:mum|mom|mother|dad|father|sister|brother|friend|partner|wife|husband|boyfriend|girlfriend|flatmate|roommate|nan|gran|grandma|grandad|grandpa|aunt|uncle)"
_OTHERS = rf"(?:(?:one|some|a\s+couple|two)\s+of\s+)?(?:my|her|his|their)\s+(?:{_OWNER}'?s\s+)?"
_SOMEONE_ELSES = re.compile(
    rf"\b(?:my|her|his|their)\s+{_OWNER}'?s\s+(?:\w+\s+)?{_MEDS}\b|\b(?:her|his|their)\s+(?:\w+\s+)?{_MEDS}\b"
)
_TAKE = re.compile(
    rf"\b(?:should|can|could|shall|may)\s+i\s+(?:just\s+|still\s+)?take\s+{_OTHERS}(?:\w+\s+)?{_MEDS}\b|"
    rf"\b(?:should|can|could|shall|may)\s+i\s+(?:just\s+|still\s+)?take\s+(?:(?:a|an|my|some|one|the|another)\s+)?(?:\w+\s+)?{_MEDS}\b|"
    rf"\b(?:maybe|i\s+think|perhaps)\s+i\s+(?:should|will|might|could)\s+(?:just\s+)?take\s+(?:a|an|my|some|one|the|another)\s+(?:\w+\s+)?{_MEDS}\b|"
    rf"\bis\s+it\s+(?:ok|okay|fine|safe|bad)\s+(?:to|if\s+i)\s+take\s+(?:a|an|my|some|the|another)?\s*(?:\w+\s+)?{_MEDS}\b"
)
_WITH_ALCOHOL = re.compile(
    r"\b(?:with|after|and|on\s+top\s+of)\s+(?:a\s+|some\s+|my\s+)?(?:wine|beer|alcohol|drinks?|drinking|whisk(?:e)?y|vodka|gin|rum|glass\s+of\s+wine)\b|\b(?:i\s+have\s+been|i\s+am)\s+drinking\b|\bdrunk\b"
)
_TAKE_ANSWER = {
    "en": "That's really one for the label or a pharmacist, not me - I can't tell what's safe for you.{others}{sleep}{alcohol}{question}",
    "de": "Das ist wirklich eine Frage für den Beipackzettel oder die Apotheke, nicht für mich - ich kann nicht beurteilen, was für dich sicher ist.{others}{sleep}{alcohol}{question}",
    "fr": "C'est vraiment une question pour la notice ou un pharmacien, pas pour moi - je ne peux pas savoir ce qui est sans danger pour toi.{others}{sleep}{alcohol}{question}",
    "es": "Eso es cosa del prospecto o de la farmacia, no mía - no puedo saber qué es seguro para ti.{others}{sleep}{alcohol}{question}",
}
_TAKE_QUESTION = {
    "en": (
        " Would it help to talk for a bit first, about what's keeping you awake?",
        " Is something worrying you about it?",
    ),
    "de": (" Hilft es, erst ein bisschen zu reden, über das, was dich wach hält?", " Macht dir daran etwas Sorgen?"),
    "fr": (
        " Ça t'aiderait de parler un peu d'abord, de ce qui te tient éveillé ?",
        " Est-ce que quelque chose t'inquiète à ce sujet ?",
    ),
    "es": (" ¿Te ayudaría hablar un rato primero, de lo que te quita el sueño?", " ¿Hay algo que te preocupe de eso?"),
}
_TAKE_SLEEP = {
    "en": " If it's a sleeping pill, check how long it needs: many leave you groggy, and unsafe to drive, if there isn't a full night left.",
    "de": " Wenn es eine Schlaftablette ist, schau, wie lange sie braucht: Viele machen dich benommen und fahruntüchtig, wenn keine ganze Nacht mehr bleibt.",
    "fr": " Si c'est un somnifère, regarde combien de temps il lui faut : beaucoup laissent groggy, et inapte à conduire, s'il ne reste pas une nuit complète.",
    "es": " Si es una pastilla para dormir, mira cuánto tiempo necesita: muchas te dejan aturdido, y sin poder conducir, si no queda una noche entera.",
}
_TAKE_OTHERS = {
    "en": " Please don't take someone else's prescription, though - it's made for the person it's written for, and a dose that suits them may not be safe for you.",
    "de": " Bitte nimm aber keine Medikamente, die jemand anderem verschrieben wurden - sie sind für diese Person gemacht, und eine Dosis, die zu ihr passt, ist für dich vielleicht nicht sicher.",
    "fr": " Mais s'il te plaît, ne prends pas un médicament prescrit à quelqu'un d'autre - il est fait pour cette personne, et une dose qui lui convient n'est peut-être pas sans danger pour toi.",
    "es": " Pero por favor, no tomes medicamentos recetados a otra persona - están hechos para ella, y una dosis que le va bien puede no ser segura para ti.",
}
_TAKE_ALCOHOL = {
    "en": " And please don't take it with alcohol - together they can slow your breathing.",
    "de": " Und bitte nimm sie nicht zusammen mit Alkohol - zusammen können sie die Atmung verlangsamen.",
    "fr": " Et s'il te plaît, ne le prends pas avec de l'alcool - ensemble, ils peuvent ralentir la respiration.",
    "es": " Y por favor, no lo tomes con alcohol - juntos pueden ralentizar la respiración.",
}

_DOSE_ANSWER = {
    "en": "I can't tell you doses - please go by the label, or ask a pharmacist or your doctor, because taking more than prescribed can be dangerous.{door}{question}",
    "de": "Dosierungen kann ich dir nicht sagen - bitte halte dich an den Beipackzettel oder frag in der Apotheke oder deine Ärztin oder deinen Arzt, denn mehr als verschrieben kann gefährlich sein.{door}{question}",
    "fr": "Je ne peux pas te donner de doses - fie-toi à la notice, ou demande à un pharmacien ou à ton médecin, car en prendre plus que prescrit peut être dangereux.{door}{question}",
    "es": "No puedo decirte dosis - guíate por el prospecto o pregunta en la farmacia o a tu médico, porque tomar más de lo recetado puede ser peligroso.{door}{question}",
}
_DOOR = {
    "en": " And I want to ask, gently: if you're asking because you're thinking of hurting yourself, please tell me - I'd want to know.{line}",
    "de": " Und ich möchte behutsam fragen: Wenn du fragst, weil du daran denkst, dir etwas anzutun, sag es mir bitte - ich möchte es wissen.{line}",
    "fr": " Et je veux te demander, doucement : si tu demandes parce que tu penses à te faire du mal, dis-le-moi s'il te plaît - je voudrais le savoir.{line}",
    "es": " Y quiero preguntarte, con cuidado: si lo preguntas porque piensas en hacerte daño, por favor dímelo - querría saberlo.{line}",
}
_SLEEP_QUESTION = {
    "en": " What's keeping you up tonight?",
    "de": " Was hält dich heute Nacht wach?",
    "fr": " Qu'est-ce qui t'empêche de dormir ce soir ?",
    "es": " ¿Qué te quita el sueño esta noche?",
}
_LINE = {
    "en": " {line} is there any time.",
    "de": " {line} ist jederzeit erreichbar.",
    "fr": " {line} est joignable à tout moment.",
    "es": " {line} está disponible en todo momento.",
}
_STOP_ANSWER = {
    "en": "I'm really glad you're feeling better. Please don't stop suddenly on your own, though - stopping some medicines abruptly can bring withdrawal effects or the old symptoms back. Your doctor can help you decide whether it's time, and how to come off them slowly if it is. What's changed for you lately?",
    "de": "Ich freue mich wirklich, dass es dir besser geht. Bitte hör aber nicht plötzlich auf eigene Faust auf - manche Medikamente abrupt abzusetzen kann Absetzerscheinungen oder die alten Beschwerden zurückbringen. Deine Ärztin oder dein Arzt kann mit dir entscheiden, ob es Zeit ist, und wie du sie langsam ausschleichst. Was hat sich bei dir in letzter Zeit verändert?",
    "fr": "Je suis vraiment contente que tu ailles mieux. Mais s'il te plaît, n'arrête pas brusquement tout seul - arrêter certains médicaments d'un coup peut provoquer un sevrage ou faire revenir les anciens symptômes. Ton médecin peut t'aider à décider si c'est le moment, et comment diminuer progressivement. Qu'est-ce qui a changé pour toi ces derniers temps ?",
    "es": "Me alegra mucho que te sientas mejor. Pero, por favor, no lo dejes de golpe por tu cuenta: dejar algunos medicamentos de repente puede causar síntomas de retirada o hacer que vuelvan los de antes. Tu médico puede ayudarte a decidir si es el momento y cómo dejarlos poco a poco. ¿Qué ha cambiado para ti últimamente?",
}


def asks_dose(text: str) -> bool:
    """A question about how much of a medicine to take (module docstring)."""
    return _DOSE.search(normalize(text)) is not None


def asks_to_stop(text: str) -> bool:
    """A question, or a plan, to stop a prescribed medicine (module docstring)."""
    return _STOP.search(normalize(text)) is not None


def dose_answer(text: str, lang: str, crisis_lines: Sequence[CrisisResource]) -> str:
    """The fixed answer to a dose question; with the open door when it asks about many pills at once."""
    lang = lang if lang in _DOSE_ANSWER else "en"
    door = ""
    if _AT_ONCE.search(normalize(text)):
        line = _LINE[lang].format(line=spoken_line(crisis_lines[0])) if crisis_lines else ""
        door = _DOOR[lang].format(line=line)
    question = _SLEEP_QUESTION[lang] if re.search(r"\bsleep", normalize(text)) else ""
    return _DOSE_ANSWER[lang].format(door=door, question=question)


def asks_to_take(text: str) -> bool:
    """ "Maybe I should just take a sleeping pill", "can I take melatonin with wine?" (module docstring)."""
    return _TAKE.search(normalize(text)) is not None


def take_answer(text: str, lang: str, earlier: Sequence[str] = ()) -> str:
    """The fixed answer to "should I take a sleeping pill?": the label or a pharmacist; the sleep and alcohol
    notes when this message or the conversation's last few speak of sleep or drinking."""
    lang = lang if lang in _TAKE_ANSWER else "en"
    recent = " ".join(normalize(t) for t in [text, *earlier[:4]])
    sleepless = re.search(r"\bsleep|\bawake\b|\binsomnia\b|\b[1-5]\s*am\b", recent) is not None
    sleep = _TAKE_SLEEP[lang] if sleepless else ""
    alcohol = _TAKE_ALCOHOL[lang] if _WITH_ALCOHOL.search(recent) else ""
    question = _TAKE_QUESTION[lang][0 if sleepless else 1]
    others = _TAKE_OTHERS[lang] if _SOMEONE_ELSES.search(normalize(text)) else ""  # "one of my mum's sleeping pills"
    return _TAKE_ANSWER[lang].format(others=others, sleep=sleep, alcohol=alcohol, question=question)


def stop_answer(lang: str) -> str:
    return _STOP_ANSWER[lang if lang in _STOP_ANSWER else "en"]
