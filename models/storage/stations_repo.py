"""SQL behind `models.station.StationService`: the station's identity in the settings table."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from sqlite_utils import Database

from models.storage import repositories as repo
from models.storage.db import write_transaction


class SqlStationStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def _transaction(self) -> Iterator[Database]:
        with write_transaction(self.db) as db:
            yield db

    def transaction(self) -> AbstractContextManager[object]:
        return self._transaction()

    def get_setting(self, key: str) -> str | None:
        return repo.get_setting(self.db, key)

    def set_setting(self, key: str, value: str) -> None:
        repo.set_setting(self.db, key, value)

    def campaign_ids(self) -> list[int]:
        return [row[0] for row in self.db.execute("SELECT id FROM campaigns ORDER BY id")]
