"""Base of the SQL stores that sit behind the services."""

from __future__ import annotations

from contextlib import AbstractContextManager

from models.storage.database import Database
from models.storage.db import write_transaction


class SqlStore:
    """Holds one connection; `transaction()` is the service's one write transaction (BEGIN IMMEDIATE)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def transaction(self) -> AbstractContextManager[object]:
        return write_transaction(self.db)
