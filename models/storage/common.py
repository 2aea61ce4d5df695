"""SQL every feature shares: the time stamp format, the settings table, the code serial counters.

Kept in storage so that no feature's SQL has to import another feature's to write a setting or issue a code.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.storage.database import Database

if TYPE_CHECKING:
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
    from models.core import codes  # its patterns are compiled only by what issues or reads codes

    return get_setting(db, COMPANY_PREFIX_SETTING) or codes.DEFAULT_COMPANY_PREFIX


SETTING_ROLE = "sync.role"
"""'hub' once the database exported a campaign pack; 'station' once it imported one (`models.sync.roles`)."""
ROLE_HUB, ROLE_STATION = "hub", "station"

CODE_BLOCK_SETTING = "codes.block"
"""This database's block of code serials (`models.core.codes.BLOCK_DIGITS`): absent on a hub or a station on
its own (block 0); empty on a station that joined a hub and has no block from it yet, or on a station or hub
that took a new identity and waits for its new block."""


def code_block(db: Database) -> int | None:
    """The block this database issues codes from; None while it waits for one from its hub."""
    value = get_setting(db, CODE_BLOCK_SETTING)
    if value is None:  # a station that joined its hub before blocks existed waits for one too
        return None if get_setting(db, SETTING_ROLE) == ROLE_STATION else 0
    return int(value) if value.isdigit() else None


def issue_codes(db: Database, kind: CodeKind, count: int) -> list[str]:
    """Issue `count` new codes of `kind` from this database's block (inside the caller's transaction); serials
    are never reused, and no two stations of a campaign share a block."""
    block = code_block(db)
    if block is None:
        raise RefusedInput(_(
            "This database has no range of codes of its own yet, so it cannot issue new codes: exchange with the "
            "hub once (a station exports its events and imports the hub's answer; a hub restored from a backup "
            "imports from its exchange folder), then try again."))
    from models.core import codes

    prefix = company_prefix(db)
    size = codes.block_size(prefix)
    row = db.execute("SELECT next_serial FROM code_counters WHERE kind = ?", [kind.value]).fetchone()
    start = max(row[0] if row else 1, block * size, 1)
    try:
        issued, next_serial = codes.issue_codes(kind, start, count, prefix)
    except ValueError:  # past the last serial that fits
        issued, next_serial = [], start
    if len(issued) < count or next_serial > (block + 1) * size:
        raise RefusedInput(_("This station's range of codes is used up: ask the supervisor for a new station "
                             "identity (it comes with a new range)."))
    db.execute(
        "INSERT INTO code_counters (kind, next_serial) VALUES (?, ?) "
        "ON CONFLICT(kind) DO UPDATE SET next_serial = excluded.next_serial",
        [kind.value, next_serial],
    )
    return issued
