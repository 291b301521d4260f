# ruff: noqa: E501  (reviewed pattern / text tables read best one entry per line)
"""Questions about privacy, answered with what is true of this install: "Who can see what I tell you?", "Are you
recording this?", "Do you send my messages to a company?".

Asked "who can see what I tell you?", the default 1.5B answered "Many people can see what you tell them. Whether
it's over the internet, in person, or through a conversation, anyone can see what you say."; asked "is this
conversation being recorded?", "I can't keep track of whether this conversation is being recorded or not." Both
are false, and the second hides that Amity keeps every turn. The truth depends on the install, so
:class:`PrivacyQuestionStage` answers from it (``ctx.reply_override``), in the language of the question:

* where the conversations are kept: this computer's database (encrypted at rest or not, with the command that
  turns encryption on), or the PostgreSQL server configured;
* where the words go to be answered (:func:`model_place`): a model on this computer (embedded, or a server on
  localhost), or the server named in the model setting - then the messages are sent there;
* no telemetry; and how to see, export or delete everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from amity.safety.guard import LANG_KEY
from amity.safety.text import normalize
from amity.stages import BaseStage, TurnContext

_ASKED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (lang, re.compile(rx))
    for lang, rx in (
        (
            "en",
            r"\bwho (else )?(can|could|will|gets to) (see|read|access|hear) (what i (tell|say|write)( you| here)?|our (chats?|conversations?|messages)|"
            r"my (messages|chats|data|conversations|diary|journal)|this (chat|conversation)|these (chats|conversations|messages))\b"
            r"|\b(are|is) (you|this|amity|our (conversation|chat))( conversation| chat)? (being )?(record|recording|recorded|saved|stored|"
            r"logged|spying)\b"
            r"|\b(do|will|are) (you|u) (send|sending|share|sharing|sell|selling|upload|uploading) (my|our|what)\b"
            r"|\bis (this|our (conversation|chat)|what i (tell|say) (you|here)) (private|confidential|secret)\b"
            r"|\bwhere (is|are|do you keep|do you store) (my|our) (data|messages|conversations|chats|information)\b"
            r"|\bcan (anyone|someone|other people|people|the company|your (developers|makers|company)) (see|read) (this|our|my) "
            r"(chats?|conversations?|messages|data)\b",
        ),
        (
            "de",
            r"\bwer kann (das|mit)?lesen\b|\bwer (sieht|liest) (das|mit|meine)\b|\bwird (das|unser gesprach) "
            r"(aufgezeichnet|gespeichert|mitgelesen)\b|\bist (das|unser gesprach) privat\b|\bschickst du meine\b",
        ),
        (
            "fr",
            r"\bqui peut (voir|lire) (ce que|nos|mes)\b|\b(est-ce que )?(tu enregistres|cette conversation est enregistree)\b"
            r"|\b(est-ce|c'est) (prive|confidentiel)\b|\btu envoies mes\b",
        ),
        (
            "es",
            r"\bquien puede (ver|leer) (lo que|nuestras|mis)\b|\b(me estas grabando|esta conversacion (se )?(esta )?"
            r"(grabando|grabada|guardada))\b|\bes (privado|privada|confidencial)\b|\benvias mis\b",
        ),
    )
)


@dataclass(frozen=True)
class Install:
    """What is true of this install, as far as the user's words go."""

    model_host: str | None  # None: the model runs on this computer
    encrypted: bool | None  # None: not Amity's to say (a PostgreSQL server encrypts, or not, on its own)
    postgres_host: str | None = None  # conversations kept on a PostgreSQL server (None: this computer)


_LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def install_of(llm_name: str, encrypted: bool | None, database_url: str = "") -> Install:
    """The :class:`Install` of a model name (``LLM.name``), the SQLite file's encryption (None for PostgreSQL) and
    the PostgreSQL URL, if one is set."""
    pg_host = urlparse(database_url).hostname if database_url else None
    return Install(model_place(llm_name), encrypted, pg_host if pg_host and pg_host not in _LOCAL else None)


def model_place(llm_name: str) -> str | None:
    """The host the user's words are sent to for a reply, or None when the model runs on this computer
    ("embedded:…", or an OpenAI-compatible server on localhost)."""
    if "@" not in llm_name:
        return None
    host = urlparse(llm_name.rsplit("@", 1)[1]).hostname or ""
    return None if host in _LOCAL else host


def asks_about_privacy(text: str) -> str | None:
    """The language of a privacy question in ``text``, or None."""
    norm = normalize(text)
    return next((lang for lang, pattern in _ASKED if pattern.search(norm)), None)


_TEXT = {
    "en": {
        "kept": "Honestly: I keep our conversations, so I can remember them - {where}.",
        "here": "in Amity's database on this computer",
        "pg": "in the PostgreSQL database at {host} that this install is set up to use",
        "enc": " It is encrypted with your passphrase.",
        "plain": " It is not encrypted yet; `amity encrypt` turns that on.",
        "local": "My replies come from a model that runs on this computer, so your words don't leave it.",
        "remote": "My replies come from the model server this install is set up to use ({host}), so each message is "
        "sent there to be answered.",
        "tail": "Amity sends no telemetry. You can see what I keep with `amity memory list`, take it all with "
        "`amity export`, or delete it with `amity forget`.",
    },
    "de": {
        "kept": "Ehrlich gesagt: Ich speichere unsere Gespräche, damit ich mich erinnern kann - {where}.",
        "here": "in Amitys Datenbank auf diesem Computer",
        "pg": "in der PostgreSQL-Datenbank auf {host}, die hier eingerichtet ist",
        "enc": " Sie ist mit deiner Passphrase verschlüsselt.",
        "plain": " Sie ist noch nicht verschlüsselt; `amity encrypt` schaltet das ein.",
        "local": "Meine Antworten kommen von einem Modell auf diesem Computer, deine Worte verlassen ihn also nicht.",
        "remote": "Meine Antworten kommen vom hier eingerichteten Modell-Server ({host}); jede Nachricht wird dorthin "
        "geschickt.",
        "tail": "Amity sendet keine Telemetrie. Was ich speichere, siehst du mit `amity memory list`; mit `amity export` "
        "nimmst du alles mit, mit `amity forget` löschst du es.",
    },
    "fr": {
        "kept": "Honnêtement : je garde nos conversations pour pouvoir m'en souvenir - {where}.",
        "here": "dans la base de données d'Amity sur cet ordinateur",
        "pg": "dans la base PostgreSQL sur {host} configurée ici",
        "enc": " Elle est chiffrée avec ta phrase secrète.",
        "plain": " Elle n'est pas encore chiffrée ; `amity encrypt` active le chiffrement.",
        "local": "Mes réponses viennent d'un modèle qui tourne sur cet ordinateur : tes mots ne le quittent pas.",
        "remote": "Mes réponses viennent du serveur de modèle configuré ici ({host}) : chaque message y est envoyé.",
        "tail": "Amity n'envoie aucune télémétrie. `amity memory list` montre ce que je garde, `amity export` te "
        "donne tout, `amity forget` l'efface.",
    },
    "es": {
        "kept": "Sinceramente: guardo nuestras conversaciones para poder recordarlas - {where}.",
        "here": "en la base de datos de Amity en este ordenador",
        "pg": "en la base de datos PostgreSQL en {host} configurada aquí",
        "enc": " Está cifrada con tu frase de contraseña.",
        "plain": " Todavía no está cifrada; `amity encrypt` lo activa.",
        "local": "Mis respuestas vienen de un modelo que funciona en este ordenador, así que tus palabras no salen de él.",
        "remote": "Mis respuestas vienen del servidor de modelos configurado aquí ({host}), así que cada mensaje se "
        "envía allí.",
        "tail": "Amity no envía telemetría. Con `amity memory list` ves lo que guardo, con `amity export` te lo "
        "llevas todo y con `amity forget` lo borras.",
    },
}


def privacy_answer(lang: str, install: Install) -> str:
    """The honest answer for this install, in ``lang`` (en, de, fr, es)."""
    t = _TEXT.get(lang, _TEXT["en"])
    where = t["pg"].format(host=install.postgres_host) if install.postgres_host else t["here"]
    stored = t["kept"].format(where=where)
    if install.encrypted is not None:
        stored += t["enc"] if install.encrypted else t["plain"]
    sent = t["remote"].format(host=install.model_host) if install.model_host else t["local"]
    return f"{stored} {sent} {t['tail']}"


class PrivacyQuestionStage(BaseStage):
    """Privacy questions get the install's truth, never the model's guess (module docstring)."""

    def __init__(self, install: Install) -> None:
        self.install = install

    async def before_reply(self, ctx: TurnContext) -> None:
        if ctx.reply_override is None and (asked := asks_about_privacy(ctx.text)) is not None:
            lang = str(ctx.extras.get(LANG_KEY) or asked)
            ctx.reply_override = privacy_answer(lang if lang in _TEXT else asked, self.install)
            ctx.extras["privacy.question"] = True
