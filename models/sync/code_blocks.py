"""Code blocks: every code a station issues comes from a block of serials of its own station identity.

The hub is block 0. A station that joins the hub (imports its campaign pack) issues no codes until the hub has
given its identity a block; the hub gives one in its first acknowledgement to that identity (every exchange
round writes one), records it as an event, and never gives a block twice. A station restored from a backup
takes a new identity (`models.sync.identity`), and with it waits for a new block, so codes it issued after the
backup can never be issued again. Packages, letters, cartons and batches of every station of a campaign
therefore never share a code (`models.core.codes.BLOCK_DIGITS`).

A hub restored from a backup has forgotten the blocks it gave since: it learns them again from the stations'
events files (each names its block) and from its own acknowledgements in the exchange folder (`learn`), and
takes a new block for itself at its next exchange round (`take_own_block`), so that neither its own codes nor
a station's are given twice. A database on its own, restored, takes a new block at once (no station shares
its blocks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.core.codes import MAX_BLOCK, block_can_issue
from models.core.errors import RefusedInput
from models.core.i18n import _
from models.storage import common
from models.storage.db import write_transaction
from models.sync.roles import identity
from models.sync.sql import code_blocks_repo

if TYPE_CHECKING:
    from models.storage.database import Database

HUB_USER = "hub"
"""Who gives blocks: the hub itself, as it writes an acknowledgement."""


def ensure_block(db: Database, station_id: str, *, own: bool = False) -> int:
    """The block of a station identity, given now if it has none (the hub, in its own transaction); `own`: the
    hub's own identity, which issues codes from it at once."""
    found = code_blocks_repo.block_of(db, station_id)
    if found is not None:
        return found
    with write_transaction(db):
        found = code_blocks_repo.block_of(db, station_id)
        if found is not None:
            return found
        prefix = common.company_prefix(db)
        block = next((block for block in range(code_blocks_repo.last_block(db) + 1, MAX_BLOCK + 1)
                      if block_can_issue(block, prefix)), None)
        if block is None:
            raise RefusedInput(_("Every block of codes has been given to a station; the campaign cannot take "
                                 "another station identity."))
        code_blocks_repo.assign(db, station_id, block, identity(db).instance_id, HUB_USER)
        if own:
            common.set_setting(db, common.CODE_BLOCK_SETTING, str(block))
        return block


def learn(db: Database, station_id: str, block: int) -> None:
    """A station identity has `block` (its file or the hub's own acknowledgement says so): remember it, and
    never give that block or one before it again (inside the caller's transaction)."""
    if not 0 < block <= MAX_BLOCK:
        return
    if code_blocks_repo.block_of(db, station_id) is None:
        code_blocks_repo.remember(db, station_id, block)
    if code_blocks_repo.last_block(db) < block:
        code_blocks_repo.set_last_block(db, block)


def take_own_block(db: Database) -> int | None:
    """A restored hub (or a restored database on its own) waiting for a block takes the next one for its own new
    identity; None when it was not waiting. Call once the blocks given since the backup are learnt."""
    if common.code_block(db) is not None or common.get_setting(db, common.SETTING_ROLE) == common.ROLE_STATION:
        return None
    return ensure_block(db, identity(db).instance_id, own=True)


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
