"""``amity export|import|forget|backup|encrypt``: the user's data, in the user's hands."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from amity.cli.common import console, err_console, open_db, passphrase_prompt
from amity.config import load_config
from amity.errors import InputError, StoreError
from amity.privacy.encryption import set_passphrase
from amity.privacy.export import export_relationship, import_relationship
from amity.privacy.forget import forget_everything
from amity.privacy.keys import database_key, is_encrypted
from amity.store.sql import require_sqlite

UserOpt = Annotated[str | None, typer.Option("--user", "-u", help="Only this user (default: everyone here)")]


def _new_passphrase(env_var: str) -> str:
    value = os.environ.get(env_var)
    if value:
        return value
    first = passphrase_prompt("New passphrase: ")
    if not first:
        raise InputError("No passphrase given.", f"Run in a terminal, or set {env_var}.")
    if passphrase_prompt("Repeat it: ") != first:
        raise InputError("The two passphrases differ.", "Try again.")
    return first


def register(cli: typer.Typer) -> None:
    @cli.command("export")
    def export_cmd(
        file: Annotated[Path, typer.Argument(help="Where to write the export (.zip)")],
        user: UserOpt = None,
        encrypt: Annotated[bool, typer.Option("--encrypt", help="Protect the file with a passphrase")] = False,
    ) -> None:
        """Export the whole relationship (conversations, memories, mood, tools, safety log…) to one file."""
        if file.exists():
            raise InputError(f"{file} already exists.", "Choose a new file name; Amity never overwrites exports.")
        passphrase = _new_passphrase("AMITY_EXPORT_PASSPHRASE") if encrypt else None
        db = open_db(load_config())
        try:
            manifest = export_relationship(db, file, user_id=user, passphrase=passphrase)
        finally:
            db.close()
        rows = sum(t["rows"] for t in manifest["tables"])
        err_console.print(f"[green]Exported[/green] {rows} rows from {len(manifest['tables'])} tables to {file}.")

    @cli.command("import")
    def import_cmd(file: Annotated[Path, typer.Argument(help="An export made by `amity export`")]) -> None:
        """Import an export into this install (never overwrites existing users)."""
        passphrase = os.environ.get("AMITY_EXPORT_PASSPHRASE")
        if passphrase is None and file.is_file() and file.read_bytes()[:8] == b"AMITYX1\n":
            passphrase = passphrase_prompt("Passphrase of the export: ")
        db = open_db(load_config())
        try:
            counts = import_relationship(db, file, passphrase=passphrase)
        finally:
            db.close()
        err_console.print(f"[green]Imported[/green] {sum(counts.values())} rows from {file}.")

    @cli.command("forget")
    def forget_cmd(
        everything: Annotated[bool, typer.Option("--everything", help="Delete the whole relationship")] = False,
        user: UserOpt = None,
        yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation")] = False,
    ) -> None:
        """Delete everything Amity holds (for one user with --user), from every table and index."""
        if not everything:
            raise InputError("Say what to forget.", "Use `amity forget --everything` or `amity memory forget ID`.")
        who = f"user '{user}'" if user else "every user on this install"
        if not yes and not typer.confirm(f"Delete all data of {who}? This cannot be undone", default=False):
            raise typer.Exit(1)
        db = open_db(load_config())
        try:
            report = forget_everything(db, user)
        finally:
            db.close()
        if not report.verified:
            raise StoreError(f"Some data remained: {report.remaining}.", "Run the command again or `amity doctor`.")
        console.print(f"Forgotten: {sum(report.deleted.values())} rows; verified that nothing of {who} remains.")

    @cli.command("backup")
    def backup_cmd(
        file: Annotated[Path | None, typer.Argument(help="Target file (default: backups/amity-DATE.db)")] = None,
    ) -> None:
        """Make an online, consistent copy of the database (encrypted stays encrypted)."""
        config = load_config()
        target = file or config.home / "backups" / f"amity-{datetime.now():%Y%m%d-%H%M%S}.db"
        target.parent.mkdir(parents=True, exist_ok=True)
        db = require_sqlite(open_db(config), "`amity backup`")
        try:
            db.backup_to(target)
        finally:
            db.close()
        if is_encrypted(config.db_path):
            (target.with_name(target.name + ".keyinfo.json")).write_bytes(
                (config.db_path.with_name(config.db_path.name + ".keyinfo.json")).read_bytes()
            )
        err_console.print(f"[green]Backed up[/green] to {target}.")

    @cli.command("encrypt")
    def encrypt_cmd() -> None:
        """Encrypt your data at rest with a passphrase (or change the passphrase)."""
        config = load_config()
        db = require_sqlite(open_db(config), "`amity encrypt`")  # make sure it exists and is migrated
        db.close()
        old_key = database_key(config.db_path, passphrase_prompt)
        set_passphrase(config.db_path, _new_passphrase("AMITY_NEW_PASSPHRASE"), old_key)
        err_console.print("[green]Encrypted.[/green] Keep your passphrase safe: without it the data is unreadable.")
