"""Filling the Latin search index (`recipient_latin`, migration 0010) from the recipients table.

The Latin forms are computed in Python (`models.core.latin.search_forms`: both passports' spellings of every
word), so the writers call this; SQL triggers only drop rows whose names changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from models.core.latin import search_forms
from models.storage.database import Database

_CHUNK = 500


def index_latin(db: Database, ids: Sequence[int] | None = None, *, first_id: int = 0) -> None:
    """(Re)index the Latin names of recipients `ids` (None: every recipient with `id >= first_id`), inside the
    caller's transaction."""
    rows: Iterable[tuple[int, str, str, str]]
    if ids is None:  # read as the index is written, never all of them at once (an import adds 100,000)
        rows = db.execute("SELECT id, surname, given_name, patronymic FROM recipients WHERE id >= ?", [first_id])
    else:
        rows = []
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            db.execute(f"DELETE FROM recipient_latin WHERE rowid IN ({marks})", chunk)
            rows += db.execute(f"SELECT id, surname, given_name, patronymic FROM recipients WHERE id IN ({marks})",
                               chunk).fetchall()
    db.conn.executemany("INSERT INTO recipient_latin (rowid, name) VALUES (?, ?)",
                        ((rid, search_forms(f"{surname} {given} {patronymic}")) for rid, surname, given, patronymic
                         in rows))
