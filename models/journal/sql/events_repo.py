"""SQL of the event journal: append (with projections, in the caller's transaction) and read.

The `events` table refuses UPDATE and DELETE (triggers in migration 0002): a mistake is corrected by a
compensating event, never by editing history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from models.core.errors import StorageError
from models.core.events import Event, NewEvent, new_event_id
from models.journal.sql import projections
from models.storage.common import now_iso
from models.storage.database import Database

_COLUMNS = "pos, id, station_id, seq, at, user_name, package_id, type, payload, schema_version"


def payload_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def next_seq(db: Database, station_id: str) -> int:
    """After the station's last event, and after the numbers its restored database's events were carried over to
    (`sync_carried`, see models.sync.acks): those are taken too."""
    row = db.execute("SELECT max(coalesce((SELECT max(seq) FROM events WHERE station_id = ?), 0), "
                     "coalesce((SELECT max(seq) FROM sync_carried WHERE station_id = ?), 0))",
                     [station_id, station_id]).fetchone()
    return int(row[0]) + 1


def append(db: Database, station_id: str, new: NewEvent, schema_version: int) -> Event:
    """Record one event of this station and update the projections, inside the caller's transaction.

    The payload is stored as JSON and read back, so the projections see exactly what a rebuild will see.
    """
    if not db.conn.in_transaction:
        raise StorageError("Events are recorded only inside a write transaction")
    text = payload_json(dict(new.payload))
    event = Event(new_event_id(), station_id, next_seq(db, station_id), now_iso(), new.user, new.package_id,
                  new.type.value, json.loads(text), schema_version)
    cursor = db.execute(
        "INSERT INTO events (id, station_id, seq, at, user_name, package_id, type, payload, schema_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [event.id, event.station_id, event.seq, event.at, event.user, event.package_id, event.type, text,
         event.schema_version],
    )
    stored = replace(event, pos=int(cursor.lastrowid or 0))
    projections.apply(db, stored)
    return stored


def insert_raw(db: Database, events: Iterable[Event]) -> int:
    """Insert recorded events as they are (imports, benchmarks), WITHOUT touching the projections: the caller
    applies them or calls `projections.rebuild_projections`. Returns the number inserted."""
    rows = ((e.id, e.station_id, e.seq, e.at, e.user, e.package_id, e.type, payload_json(dict(e.payload)),
             e.schema_version) for e in events)
    cursor = db.conn.executemany(
        "INSERT INTO events (id, station_id, seq, at, user_name, package_id, type, payload, schema_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return cursor.rowcount


def _event(row: tuple[Any, ...]) -> Event:
    pos, event_id, station_id, seq, at, user, package_id, type_, payload, version = row
    return Event(event_id, station_id, seq, at, user, package_id, type_, json.loads(payload), version, pos)


def read(db: Database, *, after_pos: int = 0, package_id: int | None = None,
         newest_first: bool = False, limit: int | None = None) -> Iterator[Event]:
    """Events in journal order (or newest first), optionally of one package, from a position on."""
    sql = f"SELECT {_COLUMNS} FROM events WHERE pos > ?"
    params: list[Any] = [after_pos]
    if package_id is not None:
        sql += " AND package_id = ?"
        params.append(package_id)
    sql += " ORDER BY pos DESC" if newest_first else " ORDER BY pos"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    for row in db.execute(sql, params):
        yield _event(row)


def by_id(db: Database, event_id: str) -> Event | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM events WHERE id = ?", [event_id]).fetchone()
    return _event(row) if row else None


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM events").fetchone()[0])
