"""The connection every model is handed: pysqlite3's current SQLite behind the one call the models make.

The models only ever `execute` SQL on an autocommit connection (`isolation_level=None`; every write is in an
explicit `BEGIN IMMEDIATE`, `models.storage.db.write_transaction`) and reach `conn` for `executemany`, backups
and progress handlers. sqlite-utils' `Database` did the same, but importing sqlite-utils costs about 80 ms
(click, dateutil, pluggy), more than a whole short command is allowed (issue 19); it is imported only to apply
migrations (`models.storage.migrations`), whose records it keeps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pysqlite3 ships no stubs; it is the standard module's interface with a current SQLite
    import sqlite3
else:
    from pysqlite3 import dbapi2 as sqlite3

__all__ = ["Database", "sqlite3"]


class Database:
    """One open SQLite connection, owned by whoever opened it (`models.storage.db.connect`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()
