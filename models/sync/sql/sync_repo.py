"""SQL of the exchange's bookkeeping: roles, acknowledgements, stations heard from, imports, held events.

Callers own the transaction (`write_transaction`), as with `models.campaigns.sql.reference_repo`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from models.core.events import Event, new_event_id
from models.journal.sql import events_repo, projections
from models.storage import common
from models.storage.common import now_iso
from models.storage.database import Database
from models.storage.migrations import schema_version

SETTING_ROLE, ROLE_HUB, ROLE_STATION = common.SETTING_ROLE, common.ROLE_HUB, common.ROLE_STATION
"""Kept in storage, which lets a station that waits for its block of codes know it is one."""
SETTING_HUB_ID = "sync.hub_id"
"""The hub's network id (a ULID), shared by the hub and every station that joined it."""
SETTING_PACK_VERSION = "sync.pack_version"
SETTING_PACK_FINGERPRINT = "sync.pack_fingerprint"
SETTING_EXPORTED_PREFIX = "sync.exported."
"""+ station id: the last sequence number a station wrote to an exchange file."""
SETTING_EXPORTED_SHA_PREFIX = "sync.exported_sha."
"""+ station id: the body SHA-256 of that file (the hub's acknowledgement says when it answers it)."""
SETTING_ACCEPTED_PREFIX = "sync.accepted."
"""+ station id, at the hub: the body SHA-256 of the station's last events file it accepted."""

RAW_COLUMNS = "id, station_id, seq, at, user_name, package_id, type, payload, schema_version"


class RawEvent(NamedTuple):
    """An event as it travels: the payload kept as its stored JSON text, so it is merged byte for byte.

    A named tuple: a million of them are made per large import, and frozen dataclasses are slow to build."""

    id: str
    station_id: str
    seq: int
    at: str
    user: str
    package_id: int | None
    type: str
    payload: str
    schema_version: int

    def row(self) -> tuple[Any, ...]:
        return tuple(self)

    def event(self, pos: int = 0) -> Event:
        return Event(self.id, self.station_id, self.seq, self.at, self.user, self.package_id, self.type,
                     json.loads(self.payload), self.schema_version, pos)


# -- roles and settings ------------------------------------------------------------------------------------


def setting(db: Database, key: str) -> str | None:
    return common.get_setting(db, key)


def set_setting(db: Database, key: str, value: str) -> None:
    common.set_setting(db, key, value)


def role(db: Database) -> str | None:
    return common.get_setting(db, SETTING_ROLE)


def hub_id(db: Database) -> str | None:
    return common.get_setting(db, SETTING_HUB_ID)


def pack_version(db: Database) -> int:
    return int(common.get_setting(db, SETTING_PACK_VERSION) or 0)


# -- the journal, seen by station ---------------------------------------------------------------------------


def own_station_ids(db: Database) -> list[str]:
    """Station ids with events in this journal (a station holds only its own, under each identity it had),
    and those events were carried over to."""
    return [row[0] for row in db.execute("SELECT station_id FROM events UNION SELECT station_id FROM sync_carried "
                                         "ORDER BY station_id")]


# -- events carried over to a new identity (a station restored without noticing; see models.sync.acks) ------

_STATION_EVENTS = (
    f"SELECT {RAW_COLUMNS} FROM events WHERE station_id = ? AND seq > ? "
    "AND id NOT IN (SELECT event_id FROM sync_carried) "
    "UNION ALL SELECT e.id, c.station_id, c.seq, e.at, e.user_name, e.package_id, e.type, e.payload, "
    "e.schema_version FROM sync_carried c JOIN events e ON e.id = c.event_id WHERE c.station_id = ? AND c.seq > ? "
    "ORDER BY 3")


def station_events(db: Database, station_id: str, after_seq: int = 0) -> list[RawEvent]:
    """This station's events under `station_id` as they travel: an event carried over to a new identity under
    its new number, and no longer under its old one."""
    return [RawEvent(*row) for row in db.execute(_STATION_EVENTS, [station_id, after_seq, station_id, after_seq])]


def station_max_seq(db: Database, station_id: str) -> int:
    """The highest number this station used under `station_id` (its own events and those carried to it)."""
    return events_repo.next_seq(db, station_id) - 1


def carry_over(db: Database, old_id: str, from_seq: int, new_id: str) -> int:
    """Number the events of `old_id` from `from_seq` on anew under `new_id` (1, 2, ...), in their order; the
    caller's transaction. Returns how many."""
    ids = [row[0] for row in db.execute(
        "SELECT id FROM events WHERE station_id = ? AND seq >= ? AND id NOT IN (SELECT event_id FROM sync_carried) "
        "ORDER BY seq", [old_id, from_seq])]
    first = station_max_seq(db, new_id) + 1
    db.conn.executemany("INSERT INTO sync_carried (station_id, seq, event_id) VALUES (?, ?, ?)",
                        [(new_id, first + index, event_id) for index, event_id in enumerate(ids)])
    return len(ids)


def max_seq(db: Database, station_id: str, *, with_held: bool = True) -> int:
    """The highest sequence number received from a station (merged or held)."""
    found = db.execute("SELECT max(seq) FROM events WHERE station_id = ?", [station_id]).fetchone()[0] or 0
    if with_held:
        held = db.execute("SELECT max(seq) FROM sync_held_events WHERE station_id = ?", [station_id]).fetchone()[0]
        found = max(found, held or 0)
    return int(found)


def event_id_at(db: Database, station_id: str, seq: int) -> str | None:
    """The id of a station's event number `seq` here (journal, held, or carried over to that number)."""
    carried = db.execute("SELECT event_id FROM sync_carried WHERE station_id = ? AND seq = ?",
                         [station_id, seq]).fetchone()
    if carried:
        return str(carried[0])
    for table in ("events", "sync_held_events"):
        row = db.execute(f"SELECT id FROM {table} WHERE station_id = ? AND seq = ?", [station_id, seq]).fetchone()
        if row:
            return str(row[0])
    return None


def raw_events(db: Database, station_id: str, after_seq: int = 0, up_to: int | None = None) -> list[RawEvent]:
    sql = f"SELECT {RAW_COLUMNS} FROM events WHERE station_id = ? AND seq > ?"
    params: list[Any] = [station_id, after_seq]
    if up_to is not None:
        sql += " AND seq <= ?"
        params.append(up_to)
    return [RawEvent(*row) for row in db.execute(sql + " ORDER BY seq", params)]


def received(db: Database, station_id: str, first: int, last: int) -> dict[int, RawEvent]:
    """Events of a station already here (journal or held), by sequence number."""
    found: dict[int, RawEvent] = {}
    for table in ("events", "sync_held_events"):
        for row in db.execute(f"SELECT {RAW_COLUMNS} FROM {table} WHERE station_id = ? AND seq BETWEEN ? AND ?",
                              [station_id, first, last]):
            found[row[2]] = RawEvent(*row)
    return found


def existing_packages(db: Database, package_ids: Sequence[int]) -> set[int]:
    """Which of these package ids this database has."""
    return {row[0] for row in db.execute("SELECT id FROM packages WHERE id IN (SELECT value FROM json_each(?))",
                                         [json.dumps(list(package_ids))])}


def is_empty(db: Database) -> bool:
    """No packages and no events: a new database."""
    return bool(db.execute("SELECT NOT EXISTS (SELECT 1 FROM packages) AND NOT EXISTS (SELECT 1 FROM events)"
                           ).fetchone()[0] == 1)


def existing_ids(db: Database, ids: Sequence[str], tables: Sequence[str] = ("events", "sync_held_events")) -> set[str]:
    """Which of `ids` the journal or the held events (`tables`) have."""
    found: set[str] = set()
    # An empty table (the held events', mostly) is not asked: the list of ids is not even written then.
    asked = [table for table in tables if db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None]
    if ids and asked:
        wanted = json.dumps(list(ids))
        for table in asked:
            found.update(row[0] for row in db.execute(
                f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [wanted]))
    return found


def max_pos(db: Database) -> int:
    return int(db.execute("SELECT coalesce(max(pos), 0) FROM events").fetchone()[0])


def insert_at(db: Database, events: Sequence[tuple[int, RawEvent]]) -> None:
    """Insert foreign events at the journal positions given (the caller applies the projections)."""
    db.conn.executemany(
        f"INSERT INTO events (pos, {RAW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(pos,) + event for pos, event in events])


def append(db: Database, events: Sequence[tuple[Any, ...]], after_pos: int) -> None:
    """Insert foreign events (`RawEvent`s or their fields) at positions `after_pos` + 1, + 2, ... in order,
    `after_pos` being the journal's last (`max_pos`): as `insert_at` with those positions, the rowid giving them."""
    db.conn.executemany(f"INSERT INTO events ({RAW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
    if events and max_pos(db) != after_pos + len(events):
        raise RuntimeError("the journal's positions moved during an import")


def append_json(db: Database, station_id: str, journal: bytes, path: str, first: int, skip: Sequence[int],
                after_pos: int, count: int) -> None:
    """As `append`, for the events in `journal` (SQLite's binary JSON) at `path` (arrays of id, seq, at, user,
    package id, type, payload, schema version; `events_file.EventsFile.journal`) from index `first` on, but
    those whose index is in `skip`: `count` events in all.

    SQLite reads the events in one statement, so Python is not needed while they are written (and the caller
    may run this in a thread of its own, `models.sync.sql.merge`)."""
    db.conn.execute(
        f"INSERT INTO events ({RAW_COLUMNS}) SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3, "
        "value ->> 4, value ->> 5, value ->> 6, value ->> 7 FROM jsonb_each(?, ?) WHERE key >= ? AND key NOT IN "
        "(SELECT value FROM json_each(?)) ORDER BY key", [station_id, journal, path, first, json.dumps(list(skip))])
    if count and max_pos(db) != after_pos + count:
        raise RuntimeError("the journal's positions moved during an import")


def record(db: Database, station_id: str, type_: str, user: str, package_id: int | None,
           payload: dict[str, Any]) -> Event:
    """Record an event of this station whose type the packing engine does not define (lots, resolutions),
    through the same projection code as every other event (which ignores types it does not know)."""
    seq = events_repo.next_seq(db, station_id)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    raw = RawEvent(new_event_id(), station_id, seq, now_iso(), user, package_id, type_, text, schema_version(db))
    cursor = db.execute(f"INSERT INTO events ({RAW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", list(raw.row()))
    event = raw.event(int(cursor.lastrowid or 0))
    projections.apply(db, event)
    return event


def package_less_events(db: Database, *types: str) -> list[Event]:
    """This database's events of `types` that name no package (the hub's lots, enrolments), in journal order.
    Asking for no package lets the package index find them instead of reading the whole journal."""
    marks = ", ".join("?" * len(types))
    sql = f"SELECT pos, {RAW_COLUMNS} FROM events WHERE package_id IS NULL AND type IN ({marks}) ORDER BY pos"
    return [RawEvent(*row[1:]).event(row[0]) for row in db.execute(sql, list(types))]


# -- held events --------------------------------------------------------------------------------------------


def hold(db: Database, events: Iterable[RawEvent]) -> None:
    at = now_iso()
    db.conn.executemany(
        f"INSERT INTO sync_held_events ({RAW_COLUMNS}, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*event.row(), at) for event in events))


def held_events(db: Database, package_id: int, *, unsettled_only: bool = True) -> list[RawEvent]:
    sql = (f"SELECT {', '.join('h.' + c.strip() for c in RAW_COLUMNS.split(','))} FROM sync_held_events h "
           "LEFT JOIN sync_held_outcomes o ON o.event_id = h.id WHERE h.package_id = ?")
    if unsettled_only:
        sql += " AND o.event_id IS NULL"
    return [RawEvent(*row) for row in db.execute(sql + " ORDER BY h.station_id, h.seq", [package_id])]


def settle_held(db: Database, event_ids: Iterable[str], outcome: str, resolution_event: str) -> None:
    db.conn.executemany("INSERT INTO sync_held_outcomes (event_id, outcome, resolution_event) VALUES (?, ?, ?)",
                        ((event_id, outcome, resolution_event) for event_id in event_ids))


# -- stations heard from, imports, acknowledgements ----------------------------------------------------------


def note_station(db: Database, station_id: str, name: str, file_name: str) -> None:
    at = now_iso()
    db.execute("INSERT INTO sync_stations (station_id, name, first_import_at, last_import_at, last_file) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT(station_id) DO UPDATE SET name = excluded.name, "
               "last_import_at = excluded.last_import_at, last_file = excluded.last_file",
               [station_id, name, at, at, file_name])


def stations_heard(db: Database) -> list[tuple[str, str, str, str, str]]:
    """(station id, name, first import, last import, last file), newest first."""
    return [tuple(row) for row in db.execute(
        "SELECT station_id, name, first_import_at, last_import_at, last_file FROM sync_stations "
        "ORDER BY last_import_at DESC")]


def log_import(db: Database, sha256: str, file_name: str, station_id: str, seq_from: int, seq_to: int,
               merged: int, held: int) -> None:
    db.execute("INSERT INTO sync_imports (sha256, file_name, station_id, seq_from, seq_to, merged, held, "
               "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [sha256, file_name, station_id, seq_from, seq_to, merged, held, now_iso()])


def was_imported(db: Database, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM sync_imports WHERE sha256 = ? LIMIT 1", [sha256]).fetchone() is not None


def acked(db: Database, station_id: str) -> int:
    row = db.execute("SELECT seq FROM sync_acks WHERE station_id = ?", [station_id]).fetchone()
    return int(row[0]) if row else 0


def set_acked(db: Database, station_id: str, seq: int) -> None:
    """What the hub says it holds of this station id, even when less than it said before: a hub restored from
    a backup holds less, and the station sends the rest again (the hub skips what it has)."""
    db.execute("INSERT INTO sync_acks (station_id, seq, at) VALUES (?, ?, ?) ON CONFLICT(station_id) DO UPDATE "
               "SET seq = excluded.seq, at = excluded.at", [station_id, seq, now_iso()])
    exported = SETTING_EXPORTED_PREFIX + station_id
    if int(setting(db, exported) or 0) > seq:  # the watcher writes those events out again
        set_setting(db, exported, str(seq))


def learn_pack_version(db: Database, version: int) -> None:
    """A station has pack `version`: a hub restored from a backup that gave it out makes its next pack newer."""
    if version > pack_version(db):
        set_setting(db, SETTING_PACK_VERSION, str(version))
        common.delete_setting(db, SETTING_PACK_FINGERPRINT)
