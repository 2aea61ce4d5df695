"""The schema of several stations (migration 0005 in `models.storage.migrations`, and 0009's conflicts about
handed-over packages): released once, never edited."""

from __future__ import annotations

# Several stations (issue 8). sync_lots: which station packs which package (from the hub's lot_assigned
# events; on a station, from its campaign pack). sync_held_events: events the hub received for a package that
# another station's work already holds; kept verbatim (immutable, like the journal) and merged or set aside
# only when a supervisor resolves the conflict. sync_conflicts: flagged packages (hub state, not derived).
# sync_stations / sync_imports: what the hub received from whom; sync_acks: what the hub acknowledged to
# this station.
SYNC_0005 = (
    """CREATE TABLE sync_lots (
        package_id INTEGER PRIMARY KEY,
        station_name TEXT NOT NULL,
        version INTEGER NOT NULL
    )""",
    "CREATE INDEX sync_lots_by_station ON sync_lots(station_name, package_id)",
    """CREATE TABLE sync_held_events (
        id TEXT PRIMARY KEY CHECK (length(id) = 26),
        station_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        package_id INTEGER,
        type TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        schema_version INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (station_id, seq)
    )""",
    "CREATE INDEX sync_held_by_package ON sync_held_events(package_id, station_id, seq)",
    """CREATE TRIGGER sync_held_are_immutable_update BEFORE UPDATE ON sync_held_events
       BEGIN SELECT RAISE(ABORT, 'received events are immutable'); END""",
    """CREATE TRIGGER sync_held_are_immutable_delete BEFORE DELETE ON sync_held_events
       BEGIN SELECT RAISE(ABORT, 'received events are immutable'); END""",
    """CREATE TABLE sync_held_outcomes (
        event_id TEXT PRIMARY KEY REFERENCES sync_held_events(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('discarded', 'released')),
        resolution_event TEXT NOT NULL
    )""",
    """CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        package_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('two_stations', 'rule')),
        stations TEXT NOT NULL CHECK (json_valid(stations)),
        problems TEXT NOT NULL CHECK (json_valid(problems)),
        detected_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        resolution TEXT,
        resolution_event TEXT,
        resolved_by TEXT,
        resolved_at TEXT
    )""",
    "CREATE INDEX sync_conflicts_by_package ON sync_conflicts(package_id, resolution_event)",
    """CREATE TABLE sync_stations (
        station_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        first_import_at TEXT NOT NULL,
        last_import_at TEXT NOT NULL,
        last_file TEXT NOT NULL
    )""",
    """CREATE TABLE sync_imports (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        station_id TEXT NOT NULL,
        seq_from INTEGER NOT NULL,
        seq_to INTEGER NOT NULL,
        merged INTEGER NOT NULL,
        held INTEGER NOT NULL,
        imported_at TEXT NOT NULL
    )""",
    "CREATE INDEX sync_imports_by_hash ON sync_imports(sha256)",
    """CREATE TABLE sync_acks (
        station_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL
    )""",
)

# Migration 0009: a station's change to a package the hub has on a closed or signed manifest is held as a
# conflict of its own kind (`handover`), so the manifest stays as signed. SQLite cannot widen a CHECK: the table
# is rebuilt (nothing refers to it).
SYNC_0009 = (
    """CREATE TABLE sync_conflicts_0009 (
        id INTEGER PRIMARY KEY,
        package_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('two_stations', 'rule', 'handover')),
        stations TEXT NOT NULL CHECK (json_valid(stations)),
        problems TEXT NOT NULL CHECK (json_valid(problems)),
        detected_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        resolution TEXT,
        resolution_event TEXT,
        resolved_by TEXT,
        resolved_at TEXT
    )""",
    "INSERT INTO sync_conflicts_0009 SELECT * FROM sync_conflicts",
    "DROP TABLE sync_conflicts",
    "ALTER TABLE sync_conflicts_0009 RENAME TO sync_conflicts",
    "CREATE INDEX sync_conflicts_by_package ON sync_conflicts(package_id, resolution_event)",
)
