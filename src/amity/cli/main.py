"""The ``amity`` command. Errors are mapped here, once: an :class:`AmityError` prints its message and fix
and exits with its category's code; nothing else prints a traceback unless ``AMITY_DEBUG`` is set."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from amity.cli import care
from amity.cli import chat as chat_cmd
from amity.cli import doctor as doctor_cmd
from amity.cli import privacy as privacy_cmd
from amity.cli import serve as serve_cmd
from amity.cli import voice as voice_cmd
from amity.cli.common import err_console
from amity.cli.eval_cmd import eval_app
from amity.cli.me import me_app
from amity.cli.memory import memory_app
from amity.cli.safety import safety_app
from amity.cli.senses import senses_app
from amity.config import load_config, public_view, set_config_value
from amity.errors import AmityError

cli = typer.Typer(
    name="amity",
    help="Amity - a local-first companion that listens, remembers and cares.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
config_app = typer.Typer(help="Show or change settings.", no_args_is_help=True)
cli.add_typer(config_app, name="config")
cli.add_typer(eval_app, name="eval")
cli.add_typer(memory_app, name="memory")
cli.add_typer(me_app, name="me")
cli.add_typer(safety_app, name="safety")
cli.add_typer(senses_app, name="senses")
privacy_cmd.register(cli)
cli.command("serve")(serve_cmd.serve)
cli.command("voice")(voice_cmd.voice_command)
cli.command("mood")(care.mood)
cli.add_typer(care.tool_app, name="tool")
cli.add_typer(care.tool_app, name="cbt", hidden=True)
cli.add_typer(care.persona_app, name="persona")
chat_cmd.SLASH_COMMANDS.update(
    {
        "good": ("tell Amity the last reply was good", care.slash_good),
        "bad": ("tell Amity the last reply missed", care.slash_bad),
        "tool": ("exercises: list | start NAME | resume | stop | cancel", care.slash_tool),
        "mood": ("mood check-in: /mood 1-10 [words]", care.slash_mood),
    }
)

UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="User id (default: config 'user' or login)")]
SessionOpt = Annotated[str | None, typer.Option("--session", "-s", help="Session id (default: latest/new)")]


@cli.command()
def chat(user: UserOpt = None, session: SessionOpt = None) -> None:
    """Talk with Amity in the terminal (replies stream as they are written)."""
    chat_cmd.chat(user, session)


@cli.command()
def say(
    text: Annotated[str, typer.Argument(help="What you say")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object (see README)")] = False,
    user: UserOpt = None,
    session: SessionOpt = None,
) -> None:
    """Run a single turn and print the reply (or the JSON contract with --json)."""
    chat_cmd.say(text, json_out, user, session)


@cli.command()
def doctor() -> None:
    """Check models, backend, data directory and database; print fixes."""
    raise typer.Exit(doctor_cmd.doctor())


@config_app.command("show")
def config_show() -> None:
    """Print the effective settings (secrets hidden)."""
    from rich.table import Table

    from amity.cli.common import console

    table = Table("setting", "value")
    for key, value in public_view(load_config()).items():
        table.add_row(key, str(value))
    console.print(table)


@config_app.command("set")
def config_set(key: str, value: str) -> None:
    """Change one setting, e.g. `amity config set model embedded:smollm2-135m`."""
    set_config_value(key, value)
    err_console.print(f"[green]Saved[/green] {key}.")


def main() -> None:
    try:
        cli()  # click handles its own usage errors (exit 2) in standalone mode
    except AmityError as exc:
        if os.environ.get("AMITY_DEBUG"):
            raise
        err_console.print(f"[bold red]Error:[/bold red] {exc.message}", highlight=False)
        if exc.fix:
            err_console.print(f"[bold]Fix:[/bold] {exc.fix}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("Interrupted.")
        sys.exit(130)


if __name__ == "__main__":
    main()
