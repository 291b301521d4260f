"""Assembles a :class:`~amity.engine.Companion` from configuration: database, LLM backend and stages.

Stage order matters: safety first (it may answer deterministically), then what we perceive about the
user, what we remember, and how we care. This is the one place where the parts are wired together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amity.affect.loss_care import AfterDeathGuard
from amity.affect.stage import AffectStage
from amity.care.after_assault import blame_guard
from amity.care.behind_in_life import scorecard_guard
from amity.care.birthday_alone import forgotten_guard
from amity.care.body_image import looks_guard
from amity.care.breakup import someone_better_guard
from amity.care.care_home import goodbye_guard
from amity.care.carer import platitude_carer_guard
from amity.care.child_diagnosis import tragedy_guard
from amity.care.chronic_pain import doubt_guard
from amity.care.closers import ServiceCloserGuard
from amity.care.divorce import new_chapter_guard
from amity.care.end_of_life import false_comfort_guard
from amity.care.estranged import silence_blame_guard
from amity.care.exam_nerves import promise_guard
from amity.care.fertility import fertility_guard
from amity.care.friend_silence import silence_guard
from amity.care.going_out import pressure_guard
from amity.care.hate_abuse import minimising_abuse_guard
from amity.care.health_scare import scary_guess_guard
from amity.care.holidays import holiday_guard
from amity.care.homesick import adventure_guard
from amity.care.impostor import fraud_guard
from amity.care.infidelity import betrayal_guard
from amity.care.instruction_echo import InstructionEchoGuard
from amity.care.job_loss import silver_lining_guard
from amity.care.job_rejection import shrug_guard
from amity.care.lonely_now import reach_out_guard
from amity.care.longing import platitude_guard
from amity.care.loved_one_drinking import burden_guard
from amity.care.loved_one_ill import false_hope_guard
from amity.care.memory_worry import brush_off_memory_guard
from amity.care.moving_away import moving_guard
from amity.care.new_parent import pressure_free_guard
from amity.care.not_recognised import lecture_guard
from amity.care.parents_divorce import fix_it_guard
from amity.care.persona import load_persona
from amity.care.pet_loss import pet_grief_guard
from amity.care.pipeline import care_stages
from amity.care.pregnancy_loss import at_least_guard
from amity.care.quiet_family import busy_excuse_guard
from amity.care.repetition import RepetitionGuard
from amity.care.retirement import free_time_guard
from amity.care.self_worth import agreement_guard
from amity.care.sleepless import night_guard
from amity.care.social_anxiety import social_pressure_guard
from amity.care.suicide_loss import suicide_grief_guard
from amity.care.unasked_advice import UnaskedAdviceGuard
from amity.care.unplanned_pregnancy import pushing_guard
from amity.care.work_bullying import excuse_guard
from amity.config import Config
from amity.engine import Companion, EngineSettings
from amity.llm.base import LLM
from amity.llm.registry import BackendSpec, create_llm
from amity.memory.control import MemoryControl
from amity.memory.extraction import FactExtractor
from amity.memory.forget_request import ForgetRequestStage
from amity.memory.hybrid import HybridMemoryIndex
from amity.memory.recall import MemoryStage
from amity.privacy.encryption import recover_interrupted_switch
from amity.privacy.keys import (
    KdfParams,
    Prompt,
    database_key,
    keyinfo_path,
    passphrase_from_environment,
    write_keyinfo,
)
from amity.privacy.questions import PrivacyQuestionStage, install_of
from amity.profile import ProfileStage
from amity.safety.attachment import AttachmentStage
from amity.safety.bullying import brush_off_guard
from amity.safety.control import minimising_guard
from amity.safety.drinking import encouragement_guard
from amity.safety.eating import diet_talk_guard
from amity.safety.exploitation import flattery_guard
from amity.safety.exploitation_stage import ExploitationStage
from amity.safety.gambling import GamblingStage, gamble_guard
from amity.safety.guard import ManipulationGuard
from amity.safety.hardship import roofless_guard, tone_guard
from amity.safety.identity import rejection_guard
from amity.safety.image_pressure import ImagePressureStage, coercion_guard
from amity.safety.perinatal import tone_guard as perinatal_tone_guard
from amity.safety.sensing import EmotionGate, SensingStage, emotion_inference_allowed, has_consent
from amity.safety.sobriety import SobrietyStage, drink_guard
from amity.safety.stage import SafetyStage
from amity.senses.fusion import fuse
from amity.senses.sensing import SensingChannels
from amity.senses.stage import ConflictStage, SensesStage
from amity.stages import ReplyGuard, Stage
from amity.store.conversations import ConversationStore
from amity.store.db import ENCRYPTION_AVAILABLE, Database
from amity.store.memory_backends import fact_book, memory_index
from amity.store.safety_store import SafetyStore
from amity.store.schema import all_migrations
from amity.store.sql import SqlDatabase
from amity.store.sqlite_facts import SQLiteRedactor


@dataclass
class App:
    """The running parts, for front ends that need more than the companion (CLI commands, server)."""

    config: Config
    db: SqlDatabase
    store: ConversationStore
    companion: Companion

    async def aclose(self) -> None:
        await self.companion.after_turn.drain()
        await self.companion.llm.aclose()
        self.db.close()


def open_database(config: Config, prompt: Prompt | None = None) -> SqlDatabase:
    """Open (and migrate) the database: PostgreSQL when ``database_url`` is set, else the SQLite file
    (encrypted ones need the passphrase: env, keyring or ``prompt``)."""
    if config.database_url:
        from amity.store.pg_database import open_postgres

        return open_postgres(config.database_url)
    recover_interrupted_switch(config.db_path)
    if not config.db_path.exists() and ENCRYPTION_AVAILABLE:
        passphrase = passphrase_from_environment()
        if passphrase:  # a new install with AMITY_PASSPHRASE set starts encrypted
            config.db_path.parent.mkdir(parents=True, exist_ok=True)
            write_keyinfo(keyinfo_path(config.db_path), KdfParams.fresh())
    return Database(config.db_path, all_migrations(), key=database_key(config.db_path, prompt))


def make_llm(config: Config) -> LLM:
    return create_llm(BackendSpec.parse(config.model, config.backend_settings()))


def memory_stage(db: SqlDatabase, store: ConversationStore, config: Config, llm: LLM) -> MemoryStage:
    """Facts + the hybrid (BM25 + vector) episodic index, shared by the engine and the CLI."""
    return MemoryStage(
        fact_book(db),
        memory_index(db, config.embedder or None),
        conversations=store,
        extractor=FactExtractor(llm, use_llm=bool(config.extract_with_llm), locale=config.locale),
    )


def memory_stages(db: SqlDatabase, store: ConversationStore, config: Config, llm: LLM) -> list[Stage]:
    """ "Forget that" in conversation, then recall/extraction, over the same facts and index."""
    memory = memory_stage(db, store, config, llm)
    index = memory.index if isinstance(memory.index, HybridMemoryIndex) else None
    control = MemoryControl(memory.facts, index, SQLiteRedactor(db), store)
    return [ForgetRequestStage(control), memory]


def build_stages(
    db: SqlDatabase, store: ConversationStore, config: Config, llm: LLM, sensing: SensingChannels | None = None
) -> list[Stage]:
    safety = SafetyStore(db)
    return [
        SafetyStage(db),  # first: the crisis protocol and honesty answers are deterministic
        ExploitationStage(db),  # sextortion; a minor pressured for pictures or groomed: answered at once
        SobrietyStage(),  # recovery: a milestone, a craving; never a drink suggested
        ImagePressureStage(),  # an adult pressured by a partner for pictures: the no backed, no "understand him"
        GamblingStage(),  # money lost gambling: no luck or "win it back"; the chase named, the secret shared
        PrivacyQuestionStage(install_of(llm.name, getattr(db, "encrypted", None), config.database_url)),
        ProfileStage(store),
        SensingStage(db),  # work/school setting switches emotion inference off (EU AI Act 5(1)(f))
        SensesStage(sensing, lambda user, device: has_consent(safety, user, device)),  # mic/camera notice
        AffectStage(db, fuse=fuse, text_enabled=lambda user_id: emotion_inference_allowed(safety, user_id)),
        ConflictStage(),  # smiling face, sad words: name it gently
        EmotionGate(),
        *memory_stages(db, store, config, llm),
        AttachmentStage(db),
        *care_stages(db),
    ]


def build_guards(db: SqlDatabase, store: ConversationStore, config: Config) -> list[ReplyGuard]:
    """In stream order: sentences just said out first, then help-desk sign-offs, then advice the user said they did
    not want, then the manipulation guard (which also gives a reply left empty its listening text)."""
    return [
        RepetitionGuard(),
        ServiceCloserGuard(),
        UnaskedAdviceGuard(),
        diet_talk_guard(),
        encouragement_guard(),
        drink_guard(),
        gamble_guard(),
        flattery_guard(),
        coercion_guard(),
        minimising_guard(),
        rejection_guard(),
        brush_off_guard(),
        tone_guard(),
        roofless_guard(),
        perinatal_tone_guard(),
        pressure_guard(),
        social_pressure_guard(),
        platitude_guard(),
        looks_guard(),
        brush_off_memory_guard(),
        scary_guess_guard(),
        fertility_guard(),
        night_guard(),
        minimising_abuse_guard(),
        silver_lining_guard(),
        holiday_guard(),
        silence_guard(),
        moving_guard(),
        betrayal_guard(),
        scorecard_guard(),
        AfterDeathGuard(),
        pet_grief_guard(),
        suicide_grief_guard(),
        blame_guard(),
        false_hope_guard(),
        burden_guard(),
        doubt_guard(),
        adventure_guard(),
        busy_excuse_guard(),
        shrug_guard(),
        someone_better_guard(),
        pressure_free_guard(),
        promise_guard(),
        free_time_guard(),
        reach_out_guard(),
        tragedy_guard(),
        false_comfort_guard(),
        goodbye_guard(),
        fraud_guard(),
        new_chapter_guard(),
        lecture_guard(),
        silence_blame_guard(),
        forgotten_guard(),
        platitude_carer_guard(),
        excuse_guard(),
        at_least_guard(),
        fix_it_guard(),
        agreement_guard(),
        pushing_guard(),
        InstructionEchoGuard(),
        ManipulationGuard(db),
    ]


def build_app(
    config: Config,
    *,
    llm: LLM | None = None,
    db: SqlDatabase | None = None,
    stages: Sequence[Stage] | None = None,
    sensing: SensingChannels | None = None,
) -> App:
    """``sensing`` says which sensors the front end has on (default: words only; the voice loop turns the
    microphone channel on); it decides the sensing notice and which channel estimates may be used."""
    db = db or open_database(config)
    store = ConversationStore(db)
    llm = llm or make_llm(config)
    settings = EngineSettings(
        max_reply_tokens=config.max_reply_tokens,
        temperature=config.temperature,
        history_tokens=config.history_tokens,
        summarise_after=config.summarise_after,
        locale=config.locale,
    )
    companion = Companion(
        llm,
        store,
        stages=list(stages) if stages is not None else build_stages(db, store, config, llm, sensing),
        guards=build_guards(db, store, config),
        settings=settings,
        persona_for=lambda user_id: load_persona(db, user_id),
    )
    return App(config=config, db=db, store=store, companion=companion)
