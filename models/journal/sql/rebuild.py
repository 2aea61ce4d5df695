"""Recompute every projection from the journal alone, with the registered folds (`models.journal.registry`).

Each feature's fold is a second implementation of its incremental projection; property tests hold the two to
each other after any sequence of events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from models.core.events import Event
from models.journal import registry
from models.storage.database import Database
from models.storage.db import write_transaction


def _journal(db: Database) -> Iterable[Event]:
    for pos, event_id, station_id, seq, at, user, package_id, type_, payload, version in db.execute(
        "SELECT pos, id, station_id, seq, at, user_name, package_id, type, payload, schema_version "
        "FROM events ORDER BY pos"
    ):
        yield Event(event_id, station_id, seq, at, user, package_id, type_, json.loads(payload), version, pos)


def rebuild_projections(db: Database) -> int:
    """Throw away every projection row and recompute them from the events; returns the events replayed.

    Runs in its own write transaction (or the caller's, if one is open).
    """
    if db.conn.in_transaction:
        return _rebuild(db)
    with write_transaction(db):
        return _rebuild(db)


def replayed_dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """What the projections would hold if rebuilt now, in `projections.dump` form, without writing."""
    return {table: sorted(rows, key=repr) for table, rows in registry.fold(_journal(db)).items()}


def _rebuild(db: Database) -> int:
    replayed = 0

    def counted() -> Iterable[Event]:
        nonlocal replayed
        for event in _journal(db):
            replayed += 1
            yield event

    rows = registry.fold(counted())
    for table in registry.tables():
        db.execute(f"DELETE FROM {table}")
        if rows[table]:
            marks = ", ".join("?" * len(rows[table][0]))
            db.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
    return replayed
