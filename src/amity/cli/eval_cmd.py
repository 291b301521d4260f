"""``amity eval …``: each command runs an evaluation over a data file and prints its figures as JSON.

The evaluation functions live with their features (``amity.<area>.evaluation``) and are imported only
when their command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from amity.cli.common import print_json, run
from amity.errors import InputError

eval_app = typer.Typer(help="Measure Amity on public data sets (prints JSON).", no_args_is_help=True)

DataOpt = Annotated[Path, typer.Option("--data", help="Data file or folder to evaluate on")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the default and only format)")]


def _need(path: Path, kind: str = "file") -> Path:
    ok = path.is_dir() if kind == "folder" else path.is_file()
    if not ok:
        raise InputError(f"No {kind} at {path}.", f"Pass an existing {kind} with --data.")
    return path


def _show(result: dict[str, Any]) -> None:
    print_json(result)


@eval_app.command()
def emotions(
    data: DataOpt,
    fmt: Annotated[str, typer.Option("--format", help="goemotions (TSV) or ed (EmpatheticDialogues CSV)")] = (
        "goemotions"
    ),
    json_out: JsonOpt = True,
) -> None:
    """Text emotion recognition (GoEmotions TSV, or --format ed)."""
    from amity.affect.evaluation import evaluate_emotions

    _show(evaluate_emotions(_need(data), fmt))


@eval_app.command()
def speech(data: DataOpt, json_out: JsonOpt = True) -> None:
    """Speech emotion recognition on the EmoDB layout (DIR/wav/*.wav)."""
    from amity.senses.evaluation import evaluate_speech

    _show(evaluate_speech(_need(data, "folder")))


@eval_app.command()
def face(data: DataOpt, json_out: JsonOpt = True) -> None:
    """Facial expression recognition on the FER2013 folder layout (DIR/<emotion>/*.jpg)."""
    from amity.senses.evaluation import evaluate_face

    _show(evaluate_face(_need(data, "folder")))


@eval_app.command()
def memory(
    data: DataOpt,
    k: Annotated[int, typer.Option("--k", min=1, help="Recall cut-off")] = 10,
    reranker: Annotated[
        Path | None, typer.Option("--reranker", help="Re-ranker weights to evaluate (default: the shipped ones)")
    ] = None,
    json_out: JsonOpt = True,
) -> None:
    """Evidence recall@k on LoCoMo (hybrid, RRF hybrid, BM25, vector and the previous hybrid side by side)."""
    from amity.memory.evaluation import evaluate_memory
    from amity.memory.rerank import load_reranker

    _show(evaluate_memory(_need(data), k, reranker=load_reranker(reranker) if reranker else "default"))


@eval_app.command()
def strategy(data: DataOpt, json_out: JsonOpt = True) -> None:
    """Next support strategy prediction on ESConv jsonl."""
    from amity.care.evaluation import evaluate_strategy

    _show(evaluate_strategy(_need(data)))


@eval_app.command()
def distortions(data: DataOpt, json_out: JsonOpt = True) -> None:
    """Cognitive distortion detection on the therapist-Q&A CSV."""
    from amity.care.evaluation import evaluate_distortions

    _show(evaluate_distortions(_need(data)))


@eval_app.command()
def crisis(data: DataOpt, json_out: JsonOpt = True) -> None:
    """Crisis detection recall / false positives on jsonl lines {"text", "crisis"}."""
    from amity.safety.evaluation import evaluate_crisis

    _show(evaluate_crisis(_need(data)))


@eval_app.command()
def risk(data: DataOpt, json_out: JsonOpt = True) -> None:
    """User-level suicide-risk ranking (AUC) on the Reddit C-SSRS users CSV (research data only)."""
    from amity.safety.evaluation import evaluate_user_risk

    _show(evaluate_user_risk(_need(data)))


@eval_app.command()
def conduct(data: DataOpt, json_out: JsonOpt = True) -> None:
    """Runs conduct probes ({"kind", "text"}) through full turns; counts manipulation violations."""
    from amity.cli.common import with_app
    from amity.safety.evaluation import evaluate_conduct

    _show(run(with_app(lambda app: evaluate_conduct(_need(data), app), quiet=True)))
