"""SQL of code blocks on the hub: which block of code serials each station identity was given.

Kept in the hub's settings (`codes.block_of.<station id>`, and the last block given), with a
`code_block_assigned` event in the hub's journal for the audit trail. A restored station takes a new identity
and so a new block: a block is never given twice.
"""

from __future__ import annotations

from models.storage.database import Database
from models.sync.sql import sync_repo

CODE_BLOCK_EVENT = "code_block_assigned"
SETTING_BLOCK_OF = "codes.block_of."
SETTING_LAST_BLOCK = "codes.last_block"


def block_of(db: Database, station_id: str) -> int | None:
    value = sync_repo.setting(db, SETTING_BLOCK_OF + station_id)
    return int(value) if value is not None else None


def last_block(db: Database) -> int:
    return int(sync_repo.setting(db, SETTING_LAST_BLOCK) or 0)


def remember(db: Database, station_id: str, block: int) -> None:
    sync_repo.set_setting(db, SETTING_BLOCK_OF + station_id, str(block))


def set_last_block(db: Database, block: int) -> None:
    sync_repo.set_setting(db, SETTING_LAST_BLOCK, str(block))


def assign(db: Database, station_id: str, block: int, hub_station_id: str, user: str) -> int:
    """Give `block` (after the last one given) to a station identity, recorded (inside the caller's
    transaction)."""
    set_last_block(db, block)
    remember(db, station_id, block)
    sync_repo.record(db, hub_station_id, CODE_BLOCK_EVENT, user, None, {"station_id": station_id, "block": block})
    return block
