"""SQL of campaign packs: a consistent snapshot of the hub's reference data, and its copy into a station.

The snapshot is taken with SQLite's backup API (consistent while stations' files are being merged), then
reduced in the copy to the reference tables (and to one campaign when asked) and vacuumed, so no journal,
no settings and no other campaign's personal data travel in free pages. A station replaces its reference
tables with the pack's in one transaction with deferred foreign keys: if its journal refers to a package
the pack lacks, the check before COMMIT refuses the pack and nothing changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from models.campaigns.sql.recipient_search import index_recipients
from models.storage.database import Database, sqlite3
from models.storage.db import create_private_file

# In an order that satisfies the foreign keys; users are merged by name, not replaced.
PACK_TABLES: tuple[str, ...] = (
    "campaigns", "campaign_rule_versions", "items", "item_barcodes", "templates", "template_lines",
    "template_substitutes", "recipients",
    "packages", "letters", "stock_receipts", "users", "sync_lots",
)
_OF_CAMPAIGN = {
    "campaigns": "id = ?",
    "campaign_rule_versions": "campaign_id = ?",
    "templates": "campaign_id = ?",
    "template_lines": "template_id IN (SELECT id FROM templates WHERE campaign_id = ?)",
    "template_substitutes": "line_id IN (SELECT tl.id FROM template_lines tl JOIN templates t ON "
                            "t.id = tl.template_id WHERE t.campaign_id = ?)",
    "recipients": "campaign_id = ?",
    "packages": "campaign_id = ?",
    "letters": "campaign_id = ?",
    "stock_receipts": "campaign_id = ?",
    "sync_lots": "package_id IN (SELECT id FROM packages WHERE campaign_id = ?)",
}
_USER_COLUMNS = ("name", "role", "pin_hash", "badge_code", "language", "active", "created_at")
# A plain pack's users come without PIN hash (empty) and badge: those stay this station's own.
_STATION_OWN = {"pin_hash", "badge_code"}


def snapshot(db: Database, target: Path) -> None:
    """A consistent copy of the whole database, by the backup API, self-contained (no -wal file)."""
    create_private_file(target)
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()


def fingerprint(conn: Any, campaign_id: int | None, prefix: str = "") -> str:
    """SHA-256 of the reference rows a pack holds (equal for the live database and its reduced copy)."""
    digest = hashlib.sha256()
    for table in PACK_TABLES:
        where, params = (f" WHERE {_OF_CAMPAIGN[table]}", [campaign_id]) if (
            campaign_id is not None and table in _OF_CAMPAIGN) else ("", [])
        digest.update(table.encode())
        for row in conn.execute(f"SELECT * FROM {prefix}{table}{where} ORDER BY rowid", params):
            digest.update(repr(tuple(row)).encode("utf-8"))
    return digest.hexdigest()


def reduce_to_pack(path: Path, campaign_id: int | None, info: dict[str, str], *, with_pins: bool) -> None:
    """Drop everything but the reference tables (and other campaigns' rows), record `pack_info`, vacuum.

    Without `with_pins` (a pack that is not encrypted) the users lose their PIN hashes and badge codes: a
    4-digit PIN falls to a few thousand offline guesses, so they never travel in plain. VACUUM rewrites the
    file, so nothing of them is left in free pages."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for kind in ("trigger", "view"):
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", [kind]).fetchall():
                conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
        virtual = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")]
        for name in virtual:
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                    "'sqlite_%'").fetchall():
            if name not in PACK_TABLES:
                conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        if campaign_id is not None:
            for table in reversed(PACK_TABLES):
                if table in _OF_CAMPAIGN:
                    conn.execute(f"DELETE FROM {table} WHERE NOT ({_OF_CAMPAIGN[table]})", [campaign_id])
        if not with_pins:
            conn.execute("UPDATE users SET pin_hash = '', badge_code = NULL")
        conn.execute("CREATE TABLE pack_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.executemany("INSERT INTO pack_info VALUES (?, ?)", sorted(info.items()))
        conn.execute("VACUUM")
    finally:
        conn.close()


class DamagedPack(Exception):
    """A pack's database cannot be read, or its rows do not fit this station's (the text says what SQLite found)."""


def fingerprint_of_file(path: Path, campaign_id: int | None) -> str:
    """`fingerprint` of a pack's database file."""
    conn = sqlite3.connect(str(path))
    try:
        return fingerprint(conn, campaign_id)
    finally:
        conn.close()


def pack_info(path: Path) -> dict[str, str]:
    """The pack's own header rows; DamagedPack when the file is not a sound SQLite database."""
    try:
        conn = sqlite3.connect(str(path))
        try:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise DamagedPack("; ".join(problems[:3]))
            return dict(conn.execute("SELECT key, value FROM pack_info").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DamagedPack(str(error)) from None


@contextmanager
def attached(db: Database, path: Path) -> Iterator[None]:
    """The pack's database attached as schema `pack` for the duration."""
    db.execute("ATTACH DATABASE ? AS pack", [str(path)])
    try:
        yield
    finally:
        db.execute("DETACH DATABASE pack")


def campaign_ids(path: Path) -> list[int]:
    conn = sqlite3.connect(str(path))
    try:
        return [row[0] for row in conn.execute("SELECT id FROM campaigns ORDER BY id")]
    finally:
        conn.close()


def _columns(db: Database, schema: str, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA {schema}.table_info({table})")]


def copy_into(db: Database) -> list[tuple[str, int, int, int]]:
    """Replace the reference tables with the attached pack's (schema `pack`), inside the caller's transaction.

    Returns foreign-key violations (table, rowid, parent, fk index): any means the pack must be refused.
    DamagedPack when a row breaks another constraint.
    """
    try:
        return _copy_into(db)
    except sqlite3.IntegrityError as error:
        raise DamagedPack(str(error)) from None


def _copy_into(db: Database) -> list[tuple[str, int, int, int]]:
    db.execute("PRAGMA defer_foreign_keys = ON")
    for table in reversed(PACK_TABLES):
        if table != "users":
            db.execute(f"DELETE FROM main.{table}")
    for table in PACK_TABLES:
        ours = _columns(db, "main", table)
        theirs = set(_columns(db, "pack", table))
        if table == "users":
            columns = [c for c in _USER_COLUMNS if c in theirs and c in ours]
            updates = ", ".join(
                f"{c} = CASE WHEN excluded.pin_hash = '' THEN main.users.{c} ELSE excluded.{c} END"
                if c in _STATION_OWN else f"{c} = excluded.{c}" for c in columns if c != "name")
            names = ", ".join(columns)
            db.execute(f"INSERT INTO main.users ({names}) SELECT {names} FROM pack.users WHERE true "
                       f"ON CONFLICT(name) DO UPDATE SET {updates}")
            continue
        names = ", ".join(c for c in ours if c in theirs)
        db.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM pack.{table}")
    db.execute("DELETE FROM main.recipient_search")
    db.execute("DELETE FROM main.recipient_latin")
    index_recipients(db)
    return [tuple(row) for row in db.execute("PRAGMA main.foreign_key_check")]


def counts(db: Database) -> dict[str, int]:
    return {table: int(db.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]) for table in PACK_TABLES}


def campaign_ids_of(db: Database) -> list[int]:
    return [row[0] for row in db.execute("SELECT id FROM main.campaigns ORDER BY id")]
