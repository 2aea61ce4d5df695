"""Opening a station database safely, and the one way to write to it.

Rules (DESIGN.md sections 4 and 8): a current SQLite (pysqlite3 wheels, picked up by sqlite-utils), WAL,
`synchronous=FULL` so an acknowledged scan survives power loss, a busy timeout, every write transaction
`BEGIN IMMEDIATE` (plain deferred transactions gave "database is locked" with several writers),
a cheap header check at open (`quick_check` at the application's start, in the background), and database files
readable by their owner only.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from models.core.errors import DatabaseCorrupt, SqliteTooOld, StorageError
from models.storage.database import Database, sqlite3

MINIMUM_SQLITE = (3, 51, 3)
"""Older releases carry the WAL-reset corruption bug."""
BUSY_TIMEOUT_MS = 10_000


def sqlite_version() -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in sqlite3.sqlite_version.split(".")[:3])
    return major, minor, patch


def require_current_sqlite(version: tuple[int, int, int] | None = None) -> None:
    found = version or sqlite_version()
    if found < MINIMUM_SQLITE:
        raise SqliteTooOld(
            "SQLite {} is too old: Packline needs {} or newer (older versions can corrupt a database in WAL "
            "mode). Install the project's dependencies with `uv sync`, which brings a current SQLite through "
            "pysqlite3.".format(".".join(map(str, found)), ".".join(map(str, MINIMUM_SQLITE)))
        )


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (0600), if it does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024
"""The write-ahead log is cut back to this size whenever it starts over (it grows with the largest
transaction since, and never shrinks by itself while a connection is open)."""


def tighten_permissions(path: Path) -> list[Path]:
    """An existing database (and its -wal and -shm) readable by others is made owner-only (0600); a warning
    names each file changed. Returns them."""
    changed = []
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = candidate.stat().st_mode & 0o777
        except FileNotFoundError:
            continue
        if mode & 0o077:
            import logging  # 5 ms every other open does not need

            os.chmod(candidate, 0o600)
            changed.append(candidate)
            logging.getLogger("packline").warning(
                "%s was readable by others (%o); it holds personal data and is now owner-only (600).", candidate, mode)
    return changed


def connect(path: Path | str, *, check: bool = True) -> Database:
    """Open (creating if needed) a database file with Packline's pragmas.

    SQLite gives the -wal and -shm files the permissions of the database file, so creating the main file
    0600 keeps all three private.
    """
    require_current_sqlite()
    path = Path(path)
    create_private_file(path)
    tighten_permissions(path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StorageError(f"Cannot open database {path}: {exc}") from exc
    db = Database(conn)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StorageError(f"Database {path} cannot use write-ahead logging (journal mode {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
        conn.execute("PRAGMA foreign_keys = ON")
        if check:
            header_check(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseCorrupt(f"{path} is not a usable Packline database: {exc}") from exc
    except StorageError:
        conn.close()
        raise
    return db


def database_file(db: Database) -> Path | None:
    """The file this connection has open (None for a database in memory)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def log_bytes(path: Path) -> int:
    """How large the database's write-ahead log file is now (0 when there is none)."""
    try:
        return Path(f"{path}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def cut_log(db: Database) -> bool:
    """Copy the whole write-ahead log into the database file and cut the log file to nothing (a TRUNCATE
    checkpoint). False when a reader still inside the log kept part of it (a later call cuts it)."""
    busy, _frames, _copied = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return bool(busy == 0)


def header_check(db: Database) -> None:
    """What every open pays for: the file's header and its schema read (a file that is not a database, or
    whose first pages are damaged, is refused here). The whole file is read by `quick_check` at the
    application's start, in the background, and by `integrity_check` in `check`; reading it at every open cost
    a short command up to a second at 100,000 packages."""
    db.execute("PRAGMA schema_version").fetchone()
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()


def quick_check(db: Database, path: Path | str = "database") -> None:
    """DatabaseCorrupt, naming the way out, when SQLite finds damage anywhere in the file."""
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as error:  # damaged so badly that the check itself cannot read on
        if interrupted(error):
            raise
        problems = [str(error)]
    if problems != ["ok"]:
        raise DatabaseCorrupt(
            f"{path} failed its integrity check; restore the newest backup. SQLite reports: "
            + "; ".join(problems[:5])
        )


def integrity_check(db: Database) -> list[str]:
    """Full check (slower than quick_check); returns SQLite's messages, `["ok"]` when sound."""
    try:
        return [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as error:  # damaged so badly that the check itself cannot read on
        if interrupted(error):
            raise
        return [str(error)]


def interrupted(error: sqlite3.DatabaseError) -> bool:
    """The statement was stopped (a cancel, `models.storage.interrupt`), which says nothing of the file: a
    check stopped half-way must never be taken for damage found."""
    return error.sqlite_errorname == "SQLITE_INTERRUPT"


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """One user action, one transaction: `BEGIN IMMEDIATE` ... `COMMIT`, rolled back on any error.

    sqlite-utils' own `atomic()` blocks inside use savepoints, so its table helpers can be used here.
    When this returns without an exception the change is durable (synchronous=FULL).
    """
    if db.conn.in_transaction:
        raise StorageError("A write transaction is already open on this connection")
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
