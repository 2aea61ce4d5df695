"""Numbered schema migrations, applied and recorded in the database by sqlite-utils.

Never edit a migration once it has been released: add the next number. Before any pending migration runs
on a database that already holds data, a backup is taken. Each migration runs in its own
`BEGIN IMMEDIATE` transaction together with the record that it ran.

Which migrations ran is read with one query of sqlite-utils' own table (`_sqlite_migrations`), at every open;
sqlite-utils itself, slow to import, is loaded only when one is pending. The migrations are handed its
`Database` (they use `executescript`, which it keeps inside the open transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from models.core.errors import StorageError
from models.storage.database import Database, sqlite3
from models.storage.db import write_transaction

MIGRATION_SET = "packline"
"""The name sqlite-utils records these migrations under."""
MIGRATIONS_TABLE = "_sqlite_migrations"
Migration = Callable[[Database], None]
MIGRATIONS: dict[str, Migration] = {}
"""{name: migration}, in the order they run."""


def migration(*, name: str) -> Callable[[Migration], Migration]:
    """Register the next migration under `name`."""

    def register(step: Migration) -> Migration:
        if name in MIGRATIONS:
            raise ValueError(f"migration {name} is registered twice")
        MIGRATIONS[name] = step
        return step

    return register


def script_statements(script: str) -> list[str]:
    """The statements of an SQL script, each whole, to run one by one inside the migration's transaction
    (`executescript` would commit it first)."""
    statements, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip(" \n;"):
        raise StorageError(f"an incomplete statement in a migration: {current.strip()[:60]}")
    return statements


@migration(name="0001_reference_data")
def m0001_reference_data(db: Database) -> None:
    """Settings, campaigns, the catalog, templates, recipients, packages and stock (issue 1; see
    `models.storage.reference_schema`), statement by statement in the migration's transaction."""
    from models.storage.reference_schema import REFERENCE_0001

    for statement in script_statements(REFERENCE_0001):
        db.execute(statement)



_PACKING_0002 = (
    # Campaign rule: must a letter that has arrived for the recipient be inside before the package seals?
    "ALTER TABLE campaigns ADD COLUMN letters_must_be_enclosed INTEGER NOT NULL DEFAULT 1 "
    "CHECK (letters_must_be_enclosed IN (0, 1))",
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('packer', 'supervisor', 'admin')),
        pin_hash TEXT NOT NULL,
        badge_code TEXT UNIQUE,
        language TEXT NOT NULL DEFAULT 'en',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
    )""",
    # The journal. `pos` is the local journal order (an explicit INTEGER PRIMARY KEY, so VACUUM never
    # renumbers it); `id` (ULID) is the event's identity everywhere, (station_id, seq) its place in the
    # sequence of the station that recorded it.
    """CREATE TABLE events (
        pos INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE CHECK (length(id) = 26),
        station_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        at TEXT NOT NULL,
        user_name TEXT NOT NULL,
        package_id INTEGER REFERENCES packages(id),
        type TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        schema_version INTEGER NOT NULL,
        UNIQUE (station_id, seq)
    )""",
    "CREATE INDEX events_by_package ON events(package_id, pos)",
    """CREATE TRIGGER events_are_immutable_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'events are immutable: record a compensating event instead'); END""",
    """CREATE TRIGGER events_are_immutable_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'events are immutable: record a compensating event instead'); END""",
    # Projections: derived from events only, updated in the transaction that records the event, and
    # rebuilt from the journal by models.journal.sql.projections.rebuild_projections.
    """CREATE TABLE package_state (
        package_id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'sealed', 'voided')),
        station_id TEXT NOT NULL,
        template_id INTEGER NOT NULL,
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        weight_g INTEGER,
        expected_weight_g INTEGER,
        sealed_by TEXT,
        sealed_at TEXT,
        voided_by TEXT,
        voided_at TEXT,
        void_reason TEXT,
        label_copies INTEGER NOT NULL DEFAULT 0,
        last_pos INTEGER NOT NULL
    )""",
    "CREATE INDEX package_state_by_state ON package_state(campaign_id, state)",
    """CREATE TABLE package_lines (
        package_id INTEGER NOT NULL,
        line_no INTEGER NOT NULL,
        item_id INTEGER NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (package_id, line_no, item_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE package_scans (
        event_id TEXT PRIMARY KEY,
        package_id INTEGER NOT NULL,
        pos INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('item', 'letter')),
        line_no INTEGER,
        item_id INTEGER,
        letter_id INTEGER
    )""",
    "CREATE INDEX package_scans_by_package ON package_scans(package_id, pos)",
    """CREATE TABLE station_current (
        station_id TEXT PRIMARY KEY,
        package_id INTEGER,
        last_sealed_id INTEGER
    )""",
    """CREATE TABLE stock_consumed (
        campaign_id INTEGER NOT NULL,
        item_id INTEGER NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (campaign_id, item_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE letter_enclosures (
        letter_id INTEGER PRIMARY KEY,
        package_id INTEGER NOT NULL,
        event_id TEXT NOT NULL
    )""",
    # Reference data of letters (registered by the coordinator; received when they physically arrive).
    """CREATE TABLE letters (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        recipient_id INTEGER NOT NULL REFERENCES recipients(id),
        code TEXT NOT NULL UNIQUE,
        registered_at TEXT NOT NULL,
        received_at TEXT
    )""",
    "CREATE INDEX letters_by_recipient ON letters(recipient_id)",
    # Station-local screen state, not derived from events: a refusal waiting to be acknowledged.
    """CREATE TABLE station_blocks (
        station_id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        params TEXT NOT NULL CHECK (json_valid(params)),
        code TEXT NOT NULL,
        package_id INTEGER,
        user_name TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
)


@migration(name="0002_packing_journal")
def m0002_packing_journal(db: Database) -> None:
    """Users, the event journal with its projections, letters, station blocks (issue 3).

    Statement by statement: `executescript` would commit the surrounding transaction first.
    """
    for statement in _PACKING_0002:
        db.execute(statement)


@migration(name="0003_recipient_search")
def m0003_recipient_search(db: Database) -> None:
    """Full-text search of recipient names (issue 6; see `models.storage.search_schema`), statement by statement
    in the migration's transaction."""
    from models.storage.search_schema import SEARCH_0003

    for statement in SEARCH_0003:
        db.execute(statement)


def applied(db: Database) -> list[str]:
    """The names of the migrations applied, in the order they ran."""
    table = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE])
    if table.fetchone() is None:
        return []
    return [row[0] for row in db.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]


def pending(db: Database) -> list[str]:
    done = set(applied(db))
    return [name for name in MIGRATIONS if name not in done]


def apply(db: Database, stop_before: Sequence[str] | None = None) -> None:
    """Apply the pending migrations in order, in the caller's transaction, stopping before the first of
    `stop_before`; sqlite-utils records each (it sees this connection with no plugin of the environment's)."""
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

    library = Migrations(MIGRATION_SET)
    for name, step in MIGRATIONS.items():
        library(name=name)(lambda _library_db, step=step: step(db))
    library.apply(sqlite_utils.Database(db.conn, execute_plugins=False), stop_before=stop_before or None)


REBUILDS_TABLES = frozenset({"0008_package_life"})
"""Migrations that rebuild a table others refer to: with foreign keys off (SQLite's documented way), checked."""


def migrate(db: Database, db_path: Path | None) -> list[str]:
    """Apply pending migrations, each in its own transaction; back up first if the database holds data.

    Returns the names of the migrations applied.
    """
    names = pending(db)
    if not names:
        return []
    holds_data = len(names) < len(MIGRATIONS)
    if holds_data and db_path is not None:
        from models.storage.backup import make_backup  # only when a migration is pending

        make_backup(db, db_path, reason="pre-migration")
    for index, name in enumerate(names):
        later = names[index + 1 :]
        db.execute(f"PRAGMA foreign_keys = {'OFF' if name in REBUILDS_TABLES else 'ON'}")  # outside transactions
        try:
            with write_transaction(db):
                apply(db, stop_before=later)
                if name in REBUILDS_TABLES and db.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise StorageError(f"migration {name} would break a reference between tables")
        finally:
            db.execute("PRAGMA foreign_keys = ON")
    return names


def schema_version(db: Database) -> int:
    """Number of migrations applied (the schema version the events of this database carry)."""
    return len(applied(db))


@migration(name="0004_handover")
def m0004_handover(db: Database) -> None:
    """Cartons, batches, manifest versions, receipts and imported batch files (issue 7; see
    `models.storage.handover_schema`), statement by statement in the migration's transaction."""
    from models.storage.handover_schema import HANDOVER_0004

    for statement in HANDOVER_0004:
        db.execute(statement)



@migration(name="0005_several_stations")
def m0005_several_stations(db: Database) -> None:
    """Lots, held events, conflicts and the exchange's bookkeeping (issue 8; see `models.storage.sync_schema`)."""
    from models.storage.sync_schema import SYNC_0005

    for statement in SYNC_0005:
        db.execute(statement)


@migration(name="0006_bulk_recipient_search")
def m0006_bulk_recipient_search(db: Database) -> None:
    from models.storage.search_schema import SEARCH_0006

    for statement in SEARCH_0006:
        db.execute(statement)


@migration(name="0007_campaign_management")
def m0007_campaign_management(db: Database) -> None:
    """Campaigns a coordinator manages: parties, label language, closing, rule versions (issue 13; see
    `models.storage.campaign_schema`)."""
    from models.storage.campaign_schema import CAMPAIGNS_0007

    for statement in CAMPAIGNS_0007:
        db.execute(statement)


@migration(name="0008_package_life")
def m0008_package_life(db: Database) -> None:
    """A package's life across list versions: replacements, withdrawals, relabelling, decisions (issue 14; see
    `models.storage.package_life_schema`)."""
    from models.storage.package_life_schema import PACKAGE_LIFE_0008

    for statement in PACKAGE_LIFE_0008:
        db.execute(statement)


@migration(name="0009_handover_conflicts")
def m0009_handover_conflicts(db: Database) -> None:
    """Conflicts about packages on a closed or signed manifest (issue 15; see `models.storage.sync_schema`)."""
    from models.storage.sync_schema import SYNC_0009

    for statement in SYNC_0009:
        db.execute(statement)


@migration(name="0010_latin_names")
def m0010_latin_names(db: Database) -> None:
    """The campaign's Latin line and the Latin search index (issue 20; see `models.storage.latin_schema`); the
    recipients already there are indexed with the spellings of the release that applies it."""
    from models.storage.latin_index import index_latin
    from models.storage.latin_schema import LATIN_0010

    for statement in LATIN_0010:
        db.execute(statement)
    index_latin(db)


@migration(name="0011_pin_attempts")
def m0011_pin_attempts(db: Database) -> None:
    """Wrong PINs counted per user, with the time of the last one and a lock (issue 17; `models.packing.users`)."""
    for statement in (
        "ALTER TABLE users ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0 CHECK (failed_pins >= 0)",
        "ALTER TABLE users ADD COLUMN last_failed_at REAL",
        "ALTER TABLE users ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))",
    ):
        db.execute(statement)


@migration(name="0012_carried_events")
def m0012_carried_events(db: Database) -> None:
    """Events a restored station recorded under its old identity after the point it was restored to, which the
    hub refused (it holds other events under those numbers), carried over to the new identity: numbered anew
    there and sent again, the journal itself unchanged (issue 17; `models.sync.acks`)."""
    db.execute("""CREATE TABLE sync_carried (
        station_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        event_id TEXT NOT NULL UNIQUE REFERENCES events (id),
        PRIMARY KEY (station_id, seq)
    ) WITHOUT ROWID""")


@migration(name="0013_packer_items")
def m0013_packer_items(db: Database) -> None:
    """Items each user counted into a campaign's packages (item scans, less the item scans they undid): the
    packing projection `packer_items`, so that `status` and the progress screen read a row per packer instead of
    the whole journal (issue 19). Filled from the journal as it stands, by the rule of the projection."""
    db.execute("""CREATE TABLE packer_items (
        campaign_id INTEGER NOT NULL,
        user_name TEXT NOT NULL,
        items INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, user_name)
    ) WITHOUT ROWID""")
    db.execute(
        "INSERT INTO packer_items (campaign_id, user_name, items) "
        "SELECT p.campaign_id, e.user_name, sum(CASE e.type WHEN 'item_scanned' THEN 1 ELSE -1 END) "
        "FROM events e JOIN packages p ON p.id = e.package_id WHERE e.type = 'item_scanned' "
        "OR (e.type = 'scan_undone' AND json_extract(e.payload, '$.kind') = 'item') GROUP BY 1, 2")


@migration(name="0014_next_planned_hint")
def m0014_next_planned_hint(db: Database) -> None:
    """Where "Next package" last found the campaign's first planned package, so the next search starts there
    instead of walking every package packed before it (issue 19; see `models.storage.queue_schema`)."""
    from models.storage.queue_schema import QUEUE_0014

    for statement in QUEUE_0014:
        db.execute(statement)
