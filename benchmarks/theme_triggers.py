"""How often the theme stages fire on everyday messages, and how often they would answer with a fixed reply.

The theme stages (``amity.care.themes``, the gambling and picture-pressure stages of ``amity.safety``) answer a first
telling with a fixed reply. A fixed reply to a message it doesn't fit is worse than the model's own, so this counts,
over ordinary labelled messages that were not written to trigger them (GoEmotions Reddit comments, EmpatheticDialogues
situations), how many each stage's detector matches, and how many of those would get the fixed first answer. Side by
side in one run, with the matched texts printed for reading. Recorded in docs/CARE.md.

    python benchmarks/theme_triggers.py [--goemotions ../shared/data/goemotions/dev.tsv]
        [--ed ../shared/data/empathetic_dialogues_situations/train.csv …] [--examples 5]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from amity.affect.evaluation import read_ed, read_goemotions
from amity.care import carer, fertility, friend_silence, health_scare, holidays, job_loss, sleepless, social_anxiety
from amity.care.after_assault import AfterAssaultStage
from amity.care.behind_in_life import BehindInLifeStage
from amity.care.birthday_alone import BirthdayAloneStage
from amity.care.breakup import BreakupStage
from amity.care.care_home import CareHomeStage
from amity.care.child_diagnosis import ChildDiagnosisStage
from amity.care.chronic_pain import ChronicPainStage
from amity.care.divorce import DivorceStage
from amity.care.end_of_life import EndOfLifeStage
from amity.care.estranged import EstrangedStage
from amity.care.exam_nerves import ExamNervesStage
from amity.care.hate_abuse import HateAbuseStage
from amity.care.homesick import HomesickStage
from amity.care.impostor import ImpostorStage
from amity.care.infidelity import InfidelityStage
from amity.care.job_rejection import JobRejectionStage
from amity.care.loved_one_drinking import LovedOneDrinkingStage
from amity.care.loved_one_ill import LovedOneIllStage
from amity.care.money_worry import MoneyWorryStage
from amity.care.moving_away import MovingAwayStage
from amity.care.new_parent import NewParentStage
from amity.care.not_recognised import NotRecognisedStage
from amity.care.parents_divorce import ParentsDivorceStage
from amity.care.pet_loss import PetLossStage
from amity.care.pregnancy_loss import PregnancyLossStage
from amity.care.quiet_family import QuietFamilyStage
from amity.care.retirement import RetirementStage
from amity.care.suicide_loss import SuicideLossStage
from amity.care.thread import ThreadStage
from amity.care.unplanned_pregnancy import UnplannedPregnancyStage
from amity.care.work_bullying import WorkBullyingStage
from amity.safety.gambling import GamblingStage
from amity.safety.image_pressure import ImagePressureStage

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
STAGES: dict[str, Callable[[], ThreadStage]] = {
    "social_anxiety": social_anxiety.SocialAnxietyStage,
    "health_scare": health_scare.HealthScareStage,
    "fertility": fertility.FertilityStage,
    "sleepless": sleepless.SleeplessStage,
    "hate_abuse": HateAbuseStage,
    "job_loss": job_loss.JobLossStage,
    "holiday_alone": holidays.HolidayAloneStage,
    "friend_silence": friend_silence.FriendSilenceStage,
    "moving_away": MovingAwayStage,
    "infidelity": InfidelityStage,
    "behind_in_life": BehindInLifeStage,
    "pet_loss": PetLossStage,
    "impostor": ImpostorStage,
    "divorce": DivorceStage,
    "not_recognised": NotRecognisedStage,
    "estranged": EstrangedStage,
    "birthday_alone": BirthdayAloneStage,
    "suicide_loss": SuicideLossStage,
    "loved_one_ill": LovedOneIllStage,
    "loved_one_drinking": LovedOneDrinkingStage,
    "money_worry": MoneyWorryStage,
    "chronic_pain": ChronicPainStage,
    "homesick": HomesickStage,
    "quiet_family": QuietFamilyStage,
    "job_rejection": JobRejectionStage,
    "breakup": BreakupStage,
    "new_parent": NewParentStage,
    "exam_nerves": ExamNervesStage,
    "retirement": RetirementStage,
    "after_assault": AfterAssaultStage,
    "child_diagnosis": ChildDiagnosisStage,
    "end_of_life": EndOfLifeStage,
    "care_home": CareHomeStage,
    "carer": carer.CarerStage,
    "work_bullying": WorkBullyingStage,
    "pregnancy_loss": PregnancyLossStage,
    "parents_divorce": ParentsDivorceStage,
    "unplanned_pregnancy": UnplannedPregnancyStage,
    "gambling": GamblingStage,
    "image_pressure": ImagePressureStage,
}


def count(texts: list[str], examples: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, make in STAGES.items():
        stage = make()
        told = [text for text in texts if stage.told(text)]
        fixed = [text for text in told if stage.first_reply(text) is not None]
        out[name] = {"told": len(told), "fixed_first_reply": len(fixed), "examples": fixed[:examples]}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goemotions", type=Path, default=DATA / "goemotions" / "dev.tsv")
    parser.add_argument(
        "--ed",
        type=Path,
        nargs="*",
        default=[
            DATA / "empathetic_dialogues_situations" / "train.csv",
            DATA / "empathetic_dialogues_situations" / "valid.csv",
        ],
    )
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    sets = {"goemotions_dev": read_goemotions(args.goemotions)[0]}
    for path in args.ed:
        sets[f"ed_{path.stem}"] = read_ed(path)[0]
    result: dict[str, object] = {"n_messages": {name: len(texts) for name, texts in sets.items()}}
    result["by_set"] = {name: count(texts, args.examples) for name, texts in sets.items()}
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
