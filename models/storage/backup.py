"""Online backups (SQLite's backup API) kept beside the database and rotated."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from models.storage.db import create_private_file

KEEP_BACKUPS = 20
BACKUP_DIRNAME = "backups"


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
    create_private_file(target)
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
    finally:
        destination.close()
    os.chmod(target, 0o600)
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
