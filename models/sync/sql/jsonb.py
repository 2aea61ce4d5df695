"""SQLite's binary JSON of a text, made without a database: the hub's import writes the journal from it.

Made in the process that reads the file (`models.sync.events_file`), so the hub's import only copies bytes.
"""

from __future__ import annotations

from models.storage.database import sqlite3


def to_jsonb(text: str) -> bytes:
    """The JSONB of `text`; ValueError when SQLite cannot read it as JSON."""
    connection = sqlite3.connect(":memory:")
    try:
        return bytes(connection.execute("SELECT jsonb(?)", [text]).fetchone()[0])
    except sqlite3.Error as error:
        raise ValueError(str(error)) from None
    finally:
        connection.close()
