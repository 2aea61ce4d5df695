"""One open station database and what it offers the screens and the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from models.storage.backup import make_backup
from models.storage.station import open_database

if TYPE_CHECKING:
    from models.queries import RecipientQueries
    from models.types import Campaign


class Workspace:
    """Owns the connection of one station database; built once in `main.py` and passed down."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> Workspace:
        return cls(open_database(path), Path(path))

    def backup(self, reason: str = "auto") -> Path:
        return make_backup(self.db, self.path, reason)

    def close(self) -> None:
        self.db.close()

    def campaigns(self) -> list[Campaign]:
        """Every campaign in this database, oldest first."""
        from models.reference import list_campaigns

        return list_campaigns(self.db)

    def recipient_queries(self) -> RecipientQueries:
        """The recipient table's reads (ordered ids, rows by id) on this connection."""
        from models.queries import RecipientQueries
        from models.storage.recipient_queries import SqlRecipientStore

        return RecipientQueries(SqlRecipientStore(self.db))
