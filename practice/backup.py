"""Backups that can be taken while the app serves, and restored into an empty database.

SQLite: the SQLite online backup API (``sqlite3.Connection.backup``) copies a consistent
snapshot page by page while other connections keep reading and writing; the copy is itself a
SQLite database. PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot of one
transaction) and ``pg_restore``, the tools PostgreSQL ships for exactly this; the connection's
password reaches them in the environment, never on a command line another user could read.
Backups are written readable by their owner only: they hold every patient's record.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
PRIVATE_FILE = 0o600


class BackupError(RuntimeError):
    """A backup or restore that cannot be done, with a message fit for the person running it."""


def backup(engine: Engine, output: Path) -> None:
    """Write a consistent copy of the database behind ``engine`` to ``output``."""
    url = engine.url
    if output.exists():
        raise BackupError(f"{output} already exists; choose a new file name.")
    if url.get_backend_name() == "sqlite":
        _sqlite_backup(_sqlite_path(url), output)
    elif url.get_backend_name() == "postgresql":
        _private_file(output)
        try:
            _run_postgres_tool(
                "pg_dump",
                url,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={output}",
            )
        except BackupError:
            output.unlink()
            raise
    else:
        raise BackupError(f"No backup method for {url.get_backend_name()} databases.")


def restore(engine: Engine, source: Path) -> None:
    """Load the backup ``source`` into the empty database behind ``engine``."""
    url = engine.url
    tables = inspect(engine).get_table_names()
    if tables:
        raise BackupError(
            f"The database already holds {len(tables)} tables; restore only into an empty one "
            "(nothing was changed)."
        )
    header = _header(source)
    if url.get_backend_name() == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{source} is not a SQLite backup.")
        engine.dispose()  # no pooled connection may hold the empty file open
        _sqlite_backup(source, _sqlite_path(url), replace=True)
    elif url.get_backend_name() == "postgresql":
        if not header.startswith(PG_DUMP_HEADER):
            raise BackupError(f"{source} is not a PostgreSQL backup (pg_dump custom format).")
        _run_postgres_tool(
            "pg_restore",
            url,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={url.database}",  # the rest of the connection comes from PG* variables
            str(source),
        )
    else:
        raise BackupError(f"No restore method for {url.get_backend_name()} databases.")


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(url.database)


def _sqlite_backup(source: Path, target: Path, *, replace: bool = False) -> None:
    """Copy through a private temporary file beside ``target``, then move it into place, so a
    half-written copy is never mistaken for a backup."""
    if not source.exists():
        raise BackupError(f"{source} does not exist.")
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(fd)  # mkstemp made it private to its owner; SQLite writes into it
    try:
        reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        writing = sqlite3.connect(temporary)
        try:
            reading.backup(writing)
        finally:
            reading.close()
            writing.close()
        if replace:
            for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
                leftover.unlink(missing_ok=True)
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # refuses to overwrite a file that appeared meanwhile
    finally:
        Path(temporary).unlink(missing_ok=True)


def _private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.") from None


def _run_postgres_tool(tool: str, url: URL, *arguments: str) -> None:
    program = shutil.which(tool)
    if program is None:
        raise BackupError(
            f"{tool} is not installed. Install PostgreSQL's client tools, for example "
            "`apt-get install postgresql-client`, in the version of the server or newer."
        )
    url = make_url(url)
    environment = os.environ | {
        "PGHOST": url.host or "",
        "PGPORT": str(url.port or 5432),
        "PGUSER": url.username or "",
        "PGPASSWORD": url.password or "",
        "PGDATABASE": url.database or "",
    }
    result = subprocess.run(  # noqa: S603 (a fixed program and arguments; nothing is a shell)
        [program, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.returncode}")
