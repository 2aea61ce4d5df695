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

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from models.core.errors import StorageError
from models.storage.db import create_private_file

KEEP_BACKUPS = 20
BACKUP_DIRNAME = "backups"
PARTIAL_SUFFIX = ".partial"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIRNAME


def make_backup(db: Database, db_path: Path, reason: str = "auto", keep: int = KEEP_BACKUPS) -> Path:
    """Copy the live database (consistent, while others may be writing) and drop the oldest copies.

    `reason` becomes part of the file name (`auto`, `pre-migration`, `manual`, ...). Files are 0600.
    """
    folder = backup_dir(Path(db_path))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
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
    rotate(folder, Path(db_path).stem, keep)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this database, oldest first (names sort by time)."""
    folder = backup_dir(Path(db_path))
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{Path(db_path).stem}-*.db"))


def rotate(folder: Path, stem: str, keep: int) -> None:
    backups = sorted(folder.glob(f"{stem}-*.db"))
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
