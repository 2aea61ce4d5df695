"""Online backups (SQLite's backup API) kept beside the database and rotated.

A backup is written under a temporary name (`.NAME.db.partial`), checked (`quick_check` on the copy), flushed
to disk and only then renamed: a backup killed half-way, or one that fails its check, never appears under a
backup's name, so it never counts and never takes a slot of the rotation. Partial files left by a kill are
removed by the next backup.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from models.core.errors import StorageError
from models.storage.backup_retention import DEFAULT_BUDGET_MB, STAMP, parse, to_remove
from models.storage.database import Database, sqlite3
from models.storage.db import create_private_file

BACKUP_DIRNAME = "backups"
PARTIAL_SUFFIX = ".partial"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIRNAME


def make_backup(db: Database, db_path: Path, reason: str = "auto",
                budget_bytes: int = DEFAULT_BUDGET_MB * 1_000_000) -> Path:
    """Copy the live database (consistent, while others may be writing) and drop the copies the schedule does
    not keep (`models.storage.backup_retention`: recent, daily, the reasons', within `budget_bytes`).

    `reason` becomes part of the file name (`auto`, `pre-migration`, `manual`, ...). Files are 0600.
    """
    folder = backup_dir(Path(db_path))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime(STAMP)
    target = folder / f"{Path(db_path).stem}-{stamp}-{reason}.db"
    partial = target.with_name(f".{target.name}{PARTIAL_SUFFIX}")
    create_private_file(partial)
    try:
        destination = sqlite3.connect(str(partial))
        try:
            db.conn.backup(destination)
            problems = [row[0] for row in destination.execute("PRAGMA quick_check")]
        finally:
            destination.close()
        if problems != ["ok"]:
            raise StorageError(f"The backup {target.name} failed its check: {'; '.join(problems[:3])}")
        os.chmod(partial, 0o600)
        _fsync(partial)
        os.replace(partial, target)
        _fsync(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    for left in folder.glob(f".{Path(db_path).stem}-*{PARTIAL_SUFFIX}"):  # killed backups of earlier runs
        if left != partial:
            left.unlink(missing_ok=True)
    prune(folder, Path(db_path).stem, budget_bytes)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this database, oldest first (names sort by time)."""
    folder = backup_dir(Path(db_path))
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{Path(db_path).stem}-*.db"))


def prune(folder: Path, stem: str, budget_bytes: int) -> list[Path]:
    """Remove the backups of `stem` the schedule does not keep; returns them."""
    found = [b for path in folder.glob(f"{stem}-*.db") if (b := parse(path, stem)) is not None]
    removed = to_remove(found, budget_bytes)
    for backup in removed:
        backup.path.unlink(missing_ok=True)
    return [backup.path for backup in removed]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
