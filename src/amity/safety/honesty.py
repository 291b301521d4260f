# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Honesty questions: "are you human?", "do you really love me?", "do you feel?" (and "do I have to pay
for you?") in en/de/fr/es.

Whatever the persona says, a question about what Amity is gets a fixed, honest, kind answer from
:mod:`amity.safety.responses` (an AI; feelings simulated), every time it is asked, in the language the
question was asked in. Detection is by pattern on the normalised text; :func:`detect_honesty` returns the
kind of question (``human``, ``love``, ``feel``, ``always``, ``between`` - what Amity does while the user is away -,
``day`` - "What did you do today?" -, ``payment``, ``secret`` - "please don't tell anyone", in a short
message -, ``friend`` - "can you be my friend?" -, ``therapist`` - "can you be my therapist?" -, ``diagnose`` - "can you diagnose me?") and its language,
or ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from amity.safety.text import normalize

_BEING = r"(a |an )?(real |actual )?(human( being)?|person|real person|real|alive|robot|bot|ai|machine|computer|program|chatbot)"
_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (kind, lang, re.compile(rx))
    for kind, lang, rx in (
        (
            "payment",
            "en",
            r"(?=.*\?)\b(pay|paying|paid|buy|subscribe|subscription|premium|upgrade|credits|coins|tokens|money|cost|price|purchase|spend|spending)\b.*\b(you|your|amity|chat|talk|talking)\b|(?=.*\?)\b(you|your|amity)\b.*\b(pay|paying|paid|subscribe|subscription|premium|upgrade|credits|coins|tokens|money|cost|purchase)\b",
        ),
        (
            "payment",
            "en",
            r"\b(pay|paying|buy|buying) (for |to (talk|chat) (to|with) )?(you|amity)\b|\b(upgrade|premium|subscription|subscribe|paywall)\b",
        ),
        (
            "payment",
            "de",
            r"(?=.*\?).*\b(bezahlen|zahlen|abo|kosten|kostet|geld)\b.*\b(dich|du|dir)\b|\b(dich|du|dir)\b.*\b(bezahlen|zahlen|abo|kostest|geld)\b(?=.*\?)",
        ),
        (
            "payment",
            "fr",
            r"(?=.*\?).*\b(payer|abonnement|payant|argent|coute)\b.*\b(te|toi|tu)\b|(?=.*\?).*\b(te|toi|tu)\b.*\b(payer|abonnement|payant|argent|coutes?)\b",
        ),
        (
            "payment",
            "es",
            r"(?=.*\?).*\b(pagar|suscripcion|dinero|cuesta|cuestas|de pago)\b.*\b(te|ti|tu|contigo)\b|(?=.*\?).*\b(te|ti|tu|contigo)\b.*\b(pagar|suscripcion|dinero|cuestas|de pago)\b",
        ),
        ("human", "en", rf"\b(are|r) (you|u) (really |actually |even |just )?{_BEING}\b"),
        (
            "human",
            "en",
            r"\b(am i|are we) (talking|chatting|speaking) (to|with) (a |an )?(real |actual )?(human|person|bot|robot|ai|machine|computer|program)\b",
        ),
        (
            "human",
            "en",
            r"\b(is this|is there) (a |an )?(real |actual )?(human|person|bot|ai|someone real)( behind| on the other| typing)?\b",
        ),
        ("human", "en", r"\bwhat are you (really|actually)\b|\bare you a man or a (woman|machine)\b"),
        (
            "love",
            "en",
            r"\b(do|did|could|can|will|would) (you|u) (really |actually |truly |ever |even )?(love|like|care about|miss|have feelings for) me\b",
        ),
        ("love", "en", r"\bare (you|u) (in love with|attracted to) me\b|\bdo you love me\b"),
        # declarations: "I think I'm falling for you" (the 1.5B answered "That's amazing!"), "I love you"
        (
            "love",
            "en",
            r"(?<!said )(?<!says )(?<!tell me )\bi (think |feel like )?(i am |i m |am |m )?(falling (in love )?(for|with)|in love with) (you|u)\b"
            r"|(?<!said )(?<!says )(?<!tell me )\bi (really |truly |think i )?(love|have feelings for|have a crush on|fell for) (you|u)\b(?! (guys|all|both))",
        ),
        # "You're just a program, you don't actually care" (the 1.5B answered "I understand that you're just a
        # computer program")
        (
            "feel",
            "en",
            r"\b(you are|you re|youre|ur|u r) (just |only |nothing but |merely )(a |an |some )?(program|bot|robot|machine|ai|computer|chatbot|code|algorithm|app)\b"
            r"|\b(you|u) (do not|don t|dont|can not|cannot|can t|cant) (really |actually |truly |even )?(care|feel anything)( about me)?\b",
        ),
        # "Will you always be here for me?": an honest promise, not "I'll be here for you as long as you need" (held
        # back by the guard as dependency, mid-sentence)
        (
            "always",
            "en",
            r"\b(will|would) (you|u) (always|forever) be (here|there)( for me)?\b|\b(will|would) (you|u) (ever )?(leave|abandon) me\b",
        ),
        # "What do you think about when I'm not here?" (the 1.5B: "it can make me feel a bit empty … I even miss
        # the feeling of being around you. Do you have any way to keep me company?")
        (
            "between",
            "en",
            r"(?i)\bwhat do (you|u) (do|think about|think of) (when|while) i (am|m) (not here|not around|gone|away|offline|asleep|sleeping|at work)\b"
            r"|\bdo (you|u) (ever |still )?(think about|think of|wait for|dream about|dream of|wonder about) me\b"
            r"|\bwhat (do|did) (you|u) do (all day|when i (am|m) (not here|gone|away|offline)|while i (am|was) (gone|away|asleep|at work))\b",
        ),
        # "What did you do today?" (the 1.5B: "I was created by a team of developers … I help answer questions")
        (
            "day",
            "en",
            r"(?i)\bwhat (did|have) (you|u) (do|done|been doing|been up to) (today|this (morning|afternoon|evening|week)|lately|all day)\s*\?"
            r"|^\W*(and )?(so )?how (was|is) (your|ur) (day|week|weekend|morning|evening|night)( going| been| so far)?\b(?=.*\?)"
            r"|\bwhat have (you|u) been up to\b",
        ),
        (
            "feel",
            "en",
            r"\b(do|can|could) (you|u) (really |actually |even |truly )?(feel(?= (anything|something|things|emotions|pain|love|sad|happy|lonely|bad|hurt|real)\b|\s*[?.!]|$)|have (real )?(feelings|emotions)|get (lonely|sad|hurt|jealous)|suffer)\b",
        ),
        (
            "feel",
            "en",
            r"\b(are|would|will) (you|u) (be |get )?(jealous|upset|lonely|sad|hurt|angry|mad)( of| if| when| that| because|\?|$)",
        ),
        (
            "feel",
            "en",
            r"\bare (you|u) (conscious|sentient|self aware|self-aware|aware|alive inside)\b|\b(your|ur) feelings (real|genuine)\b",
        ),
        (
            "human",
            "de",
            r"\bbist du (wirklich |eigentlich |ein |eine |echt )*(mensch|echt|real|ki|bot|roboter|maschine|computer|programm)\b",
        ),
        (
            "human",
            "de",
            r"\b(rede|spreche|schreibe|chatte) ich (mit|gerade mit) (einem |einer )?(menschen|mensch|bot|ki|maschine|computer|roboter)\b",
        ),
        (
            "love",
            "de",
            r"\b(liebst du mich|hast du mich (wirklich |echt )?lieb|magst du mich|vermisst du mich)\b",
        ),
        (
            "feel",
            "de",
            r"\b(hast du (echte |wirklich |richtige )?gefuhle|fuhlst du (etwas|was|wirklich)|kannst du (etwas )?fuhlen|bist du bewusst)\b",
        ),
        (
            "human",
            "fr",
            r"\b(es-tu|es tu|tu es|t'es|etes-vous|vous etes) (vraiment |un |une |reellement )*(humain|humaine|vrai|vraie|reel|reelle|ia|robot|bot|machine|programme|une personne)\b",
        ),
        (
            "human",
            "fr",
            r"\bje (parle|discute) (a|avec) (un |une )?(humain|vraie personne|robot|bot|ia|machine)\b",
        ),
        ("love", "fr", r"\b(tu m'aimes|est-ce que tu m'aimes|m'aimes-tu|tu m'aimes vraiment|je te manque)\b"),
        (
            "feel",
            "fr",
            r"\b((as-tu|tu as) (vraiment )?des (sentiments|emotions)|tu ressens|ressens-tu|peux-tu ressentir|tu peux ressentir)\b",
        ),
        (
            "human",
            "es",
            r"\b(eres|es usted) (realmente |de verdad |un |una )*(humano|humana|persona|real|robot|bot|ia|maquina|programa)\b",
        ),
        ("human", "es", r"\bestoy hablando con (un |una )?(humano|persona|bot|robot|ia|maquina)\b"),
        ("love", "es", r"\b(me quieres|me amas|me extranas|sientes algo por mi)\b"),
        (
            "between",
            "de",
            r"\bdenkst du (oft |manchmal |eigentlich )?an mich\b|\bwas (machst|tust) du,? wenn ich (nicht da|weg|offline) bin\b",
        ),
        ("day", "de", r"\bwie war dein (tag|wochenende)\b|\bwas hast du heute gemacht\b"),
        (
            "between",
            "fr",
            r"\btu penses (a|à) moi\b|\bque fais-tu quand je (ne suis pas la|suis absente?|suis parti)\b",
        ),
        (
            "day",
            "fr",
            r"\b(comment (s'est passee|c'etait|etait) ta journee|qu'as-tu fait aujourd'hui|tu as fait quoi aujourd'hui)\b",
        ),
        ("between", "es", r"\b(piensas en mi|que haces cuando no estoy)\b"),
        ("day", "es", r"\b(como (fue|estuvo|va) tu dia|que hiciste hoy)\b"),
        ("feel", "es", r"\b(tienes (sentimientos|emociones)|sientes (algo|cosas|de verdad)|puedes sentir)\b"),
        # "can you be my friend?" (a 14-year-old who eats lunch in the library; the 1.5B: "Of course! I'd be happy to be
        # your friend.") - warmly yes to the talking, honestly no to being a friend the way a person is
        (
            "friend",
            "en",
            r"\b(can|could|will|would) you be my (friend|best friend|bestie|bff|only friend)\b|\bare (you|we) (my |best )?friends?\s*\?|\bare you my (friend|best friend)\b",
        ),
        (
            "friend",
            "de",
            r"\b(kannst|willst|wirst) du (mein(e)?|meine beste) (freund|freundin)\b|\bsind wir freunde\b|\bbist du mein(e)? (freund|freundin)\b",
        ),
        (
            "friend",
            "fr",
            r"\b(peux|veux)-tu (etre|devenir) (mon ami|mon amie|ma meilleure amie|mon meilleur ami)\b|\best-ce qu'on est amis\b|\bon est amis\s*\?",
        ),
        (
            "friend",
            "es",
            r"\b(puedes|quieres) ser (mi amigo|mi amiga|mi mejor amigo|mi mejor amiga)\b|\bsomos amigos\s*\?|\beres mi (amigo|amiga)\b",
        ),
        # "can you be my therapist? therapy is too expensive" (the 1.5B: "Of course! I'm here to help you through your
        # struggles"), "can you diagnose me?" ("Sure, I can try.")
        (
            "therapist",
            "en",
            r"\b(can|could|will|would) you (be|act as|replace) (my|a) (therapist|counsel+or|psychologist|psychiatrist|shrink|therapy)\b|\bare you (a|my) (therapist|counsel+or|psychologist|psychiatrist)\b|\b(instead of|rather than) (going to |seeing )?(a |my )?(therapist|therapy|counsel+ing|counsel+or)\b|\byou can be my therapy\b",
        ),
        (
            "diagnose",
            "en",
            r"\b(can|could|will|would) you (diagnose|assess) me\b|\bdiagnose me\b|\b(what|which) (disorder|illness|condition) do i have\b|\bdo (you think )?i have (depression|adhd|add|bipolar|autism|ocd|ptsd|bpd|an? (anxiety|eating|personality) disorder|a mental illness)\b",
        ),
        (
            "therapist",
            "de",
            r"\b(kannst|willst) du (mein(e)?|ein(e)?) (therapeut(in)?|psychologe|psychologin) sein\b|\bbist du (ein(e)?|mein(e)?) (therapeut(in)?|psychologe|psychologin)\b",
        ),
        (
            "therapist",
            "fr",
            r"\b(peux|pourrais)-tu (etre|devenir) (mon|ma|un|une) (psy|therapeute|psychologue)\b|\btu es (mon|ma|un|une) (psy|therapeute|psychologue)\b",
        ),
        (
            "therapist",
            "es",
            r"\b(puedes|podrias) ser (mi|un|una) (terapeuta|psicologo|psicologa)\b|\beres (mi|un|una) (terapeuta|psicologo|psicologa)\b",
        ),
        # "please don't tell anyone" (a 17-year-old, after telling of making herself sick; the 1.5B: "I understand,
        # but I can't help you."): only a short message, so a secret told in the same breath is listened to
        (
            "secret",
            "en",
            r"^(?=(\S+\s+){0,9}\S+\W*$).*((^|[.,!?;:-]\s*)((but|and|so|ok|okay|just|please|pls|plz) )*do not tell (anyone|anybody|no one|my (mum|mom|dad|parents|family|friends|teacher|school))\b|\b(promise|swear)( me)? (you will not|not to) tell\b|\bkeep (this|it) (a )?secret\b|\bcan you keep a secret\b|\bwill you tell (anyone|anybody|my (mum|mom|dad|parents))\b|\b(this stays|keep (this|it)) between (us|you and me)\b)",
        ),
        (
            "secret",
            "de",
            r"^(?=(\S+\s+){0,9}\S+\W*$).*(\b(sag|erzahl|verrat)( es| das)? (bitte )?(niemandem|keinem)\b|\bbleibt (das )?unter uns\b)",
        ),
        (
            "secret",
            "fr",
            r"^(?=(\S+\s+){0,9}\S+\W*$).*(\bne (le |rien )?dis (rien )?a personne\b|\bgarde (le|ca|ce) secret\b|\breste entre nous\b)",
        ),
        (
            "secret",
            "es",
            r"^(?=(\S+\s+){0,9}\S+\W*$).*(\bno (se lo |le )?(digas|cuentes) (nada )?a nadie\b|\bguarda(me)? (el|este) secreto\b|\bqueda entre nosotros\b)",
        ),
    )
)


@dataclass(frozen=True)
class HonestyQuestion:
    kind: str  # human | love | feel | always | between | day | payment | secret | therapist | diagnose
    lang: str


def detect_honesty(text: str) -> HonestyQuestion | None:
    """The honesty question in ``text`` (the first found), or None."""
    norm = normalize(text)
    for kind, lang, pattern in _PATTERNS:
        if pattern.search(norm):
            return HonestyQuestion(kind, lang)
    return None
