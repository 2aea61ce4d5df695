"""Code blocks: every code a station issues comes from a block of serials of its own station identity.

The hub is block 0. A station that joins the hub (imports its campaign pack) issues no codes until the hub has
given its identity a block; the hub gives one in its first acknowledgement to that identity (every exchange
round writes one), records it as an event, and never gives a block twice. A station restored from a backup
takes a new identity (`models.sync.identity`), and with it waits for a new block, so codes it issued after the
backup can never be issued again. Packages, letters, cartons and batches of every station of a campaign
therefore never share a code (`models.core.codes.BLOCK_DIGITS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.codes import MAX_BLOCK
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.storage import common
from models.storage.db import write_transaction
from models.sync.roles import identity
from models.sync.sql import code_blocks_repo

if TYPE_CHECKING:
    from sqlite_utils import Database

HUB_USER = "hub"
"""Who gives blocks: the hub itself, as it writes an acknowledgement."""


def ensure_block(db: Database, station_id: str) -> int:
    """The block of a station identity, given now if it has none (the hub, in its own transaction)."""
    found = code_blocks_repo.block_of(db, station_id)
    if found is not None:
        return found
    with write_transaction(db):
        found = code_blocks_repo.block_of(db, station_id)
        if found is not None:
            return found
        if code_blocks_repo.last_block(db) >= MAX_BLOCK:
            raise RefusedInput(_("Every block of codes has been given to a station; the campaign cannot take "
                                 "another station identity."))
        return code_blocks_repo.assign(db, station_id, identity(db).instance_id, HUB_USER)


def wait_for_block(db: Database) -> None:
    """This station (joining a hub, or with a new identity) issues no codes until the hub gives it a block
    (inside the caller's transaction)."""
    common.set_setting(db, common.CODE_BLOCK_SETTING, "")


def accept_block(db: Database, block: int) -> bool:
    """Take the block the hub gave this station's identity; False when it is not waiting for one."""
    if common.code_block(db) is not None:
        return False
    with write_transaction(db):
        common.set_setting(db, common.CODE_BLOCK_SETTING, str(block))
    return True
