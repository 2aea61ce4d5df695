"""The settings table of a station database, as `models.core.settings.Settings` reads and writes it."""

from __future__ import annotations

from models.storage import common
from models.storage.database import Database
from models.storage.db import write_transaction


class SettingsTable:
    def __init__(self, db: Database) -> None:
        self._db = db

    def read(self, key: str) -> str | None:
        return common.get_setting(self._db, key)

    def write(self, key: str, value: str) -> None:
        with write_transaction(self._db):
            common.set_setting(self._db, key, value)
