"""``amity senses …``: try the voice and face channels on a file, and show the sensing notice.

``voice FILE.wav`` and ``face IMAGE`` print the channel's estimate (a ``ChannelAffect`` as JSON, ``null`` when
no face is found); ``notice --voice/--face`` prints the status line and the EU AI Act Art. 50 notice front ends
show while a microphone or camera is used. Models load only when a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amity.cli.common import print_json
from amity.errors import InputError
from amity.senses.sensing import SensingChannels, sensing_notice, status_line

senses_app = typer.Typer(help="Voice and face emotion estimates (on this computer only).", no_args_is_help=True)
FileArg = Annotated[Path, typer.Argument(help="Input file")]


def _need(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"No file at {path}.", fix="Pass an existing file.")
    return path


@senses_app.command()
def voice(path: FileArg) -> None:
    """Estimate the emotion in the voice of a WAV file (a new speaker: average-voice baseline)."""
    from amity.senses.speech_emotion import SpeechEmotion, read_wav

    pcm, rate = read_wav(_need(path))
    print_json(SpeechEmotion().predict(pcm, rate).to_dict())


@senses_app.command()
def face(path: FileArg) -> None:
    """Estimate the facial expression of the largest face in an image (null when there is no face)."""
    from amity.senses.face import FaceExpression, read_image

    affect = FaceExpression().predict(read_image(_need(path)))
    print_json(affect.to_dict() if affect else None)


@senses_app.command()
def notice(
    voice: Annotated[bool, typer.Option("--voice", help="Microphone channel on")] = False,
    face: Annotated[bool, typer.Option("--face", help="Camera channel on")] = False,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Words channel on")] = True,
) -> None:
    """Print the status line and the sensing notice for a set of channels."""
    channels = SensingChannels(text=text, voice=voice, face=face)
    print_json({**channels.to_dict(), "status_line": status_line(channels), "notice": sensing_notice(channels)})
