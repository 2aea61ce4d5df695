"""Open a station database ready for use: connected, checked, migrated."""

from __future__ import annotations

from pathlib import Path

from models.storage.database import Database
from models.storage.db import connect
from models.storage.migrations import migrate


def open_database(path: Path | str) -> Database:
    """Connect (creating the file 0600 if needed), run `quick_check`, back up and apply pending migrations."""
    path = Path(path)
    db = connect(path)
    migrate(db, path)
    return db
