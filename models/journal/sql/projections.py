"""Keeping the projections current, one event at a time, through the registry (`models.journal.registry`).

`apply(db, event)` runs in the transaction that records the event, so the derived state can never lag behind
or run ahead of the journal. Event types no registered projection reads are stored and otherwise ignored.
"""

from __future__ import annotations

from typing import Any

from models.core.events import Event
from models.journal import registry
from models.storage.database import Database


def apply(db: Database, event: Event) -> None:
    for projection in registry.for_type(event.type):
        projection.apply(db, event)


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every projection row, sorted: two databases with equal dumps have equal derived state."""
    result: dict[str, list[tuple[Any, ...]]] = {}
    for table in registry.tables():
        rows = db.execute(f"SELECT * FROM {table}").fetchall()
        result[table] = sorted((tuple(row) for row in rows), key=repr)
    return result
