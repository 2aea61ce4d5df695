"""SQL every feature shares: the time stamp format, the settings table, the code serial counters.

Kept in storage so that no feature's SQL has to import another feature's to write a setting or issue a code.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from models.core import codes
from models.core.codes import CodeKind


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


# -- settings and counters -------------------------------------------------------------------------------


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def delete_setting(db: Database, key: str) -> None:
    db.execute("DELETE FROM settings WHERE key = ?", [key])


def set_setting(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


COMPANY_PREFIX_SETTING = "gs1_company_prefix"
"""The organisation's GS1 company prefix, when it has one; codes then become real SSCCs (DESIGN.md section 3)."""


def company_prefix(db: Database) -> str:
    return get_setting(db, COMPANY_PREFIX_SETTING) or codes.DEFAULT_COMPANY_PREFIX


def issue_codes(db: Database, kind: CodeKind, count: int) -> list[str]:
    """Issue `count` new codes of `kind` (inside the caller's transaction); serials are never reused."""
    row = db.execute("SELECT next_serial FROM code_counters WHERE kind = ?", [kind.value]).fetchone()
    issued, next_serial = codes.issue_codes(kind, row[0] if row else 1, count, company_prefix(db))
    db.execute(
        "INSERT INTO code_counters (kind, next_serial) VALUES (?, ?) "
        "ON CONFLICT(kind) DO UPDATE SET next_serial = excluded.next_serial",
        [kind.value, next_serial],
    )
    return issued
