"""A copied or restored station database takes a new station identity, so sequence numbers never repeat.

Every event carries (station id, sequence number); the hub refuses a second, different event under the
same pair. A backup restored over a station database would start again at a number the hub already has,
and a copied database would run on in two places under one id. So the database remembers which file it
is: a random token kept both in its settings and in a sidecar file beside it (`<db>.station`, 0600), with
the file's device and inode. At open (`check_identity`) a database whose sidecar is missing, belongs to
another database or names another file was copied or restored: it takes a new instance id, and its next
events start at sequence 1 under that id. A database that never had a token (older than this check, or
just named) adopts one without changing its id.

A backup copied over the database file keeps its inode, and the sidecar beside it stays as it was. So the
sidecar also says how far each station identity's events were exported (written before each events file,
`note_exported`): a database whose journal ends before that was restored from an older backup, and the hub
may already hold other events under the numbers it would use next. It takes a new identity at open too, so
the work recorded after the restore goes under the new one from the first event and reaches the hub.

The hub is a second line of defence: its acknowledgement tells a station the highest sequence number it
holds for each of the station's ids, and a station finding its own journal shorter than that was restored
from an older backup (`models.sync.exchange.import_ack` takes a new identity then, too).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.core.i18n import _
from models.journal.sql import events_repo
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.station import Station, StationService
from models.storage import common
from models.storage.db import database_file, write_transaction
from models.sync.sql import sync_repo

if TYPE_CHECKING:
    from models.storage.database import Database

SETTING_FILE_TOKEN = "station.file_token"
SIDECAR_SUFFIX = ".station"


@dataclass(frozen=True)
class IdentityCheck:
    station: Station | None
    renewed: bool = False
    previous_id: str | None = None
    reason: str = ""
    """Why a new identity was taken, for the user (empty when nothing changed)."""


def sidecar_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SIDECAR_SUFFIX)


def _read_sidecar(path: Path) -> dict[str, object] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _write_sidecar(db_path: Path, token: str, instance_id: str, exported: dict[str, int] | None = None) -> None:
    stat = os.stat(db_path)
    record = {"token": token, "instance_id": instance_id, "device": stat.st_dev, "inode": stat.st_ino,
              "exported": exported or {},
              "note": "Packline: which database file this station identity belongs to. Do not copy it."}
    from models.sync.container import write_atomically  # cryptography: only when the sidecar is written

    write_atomically(sidecar_path(db_path), json.dumps(record, indent=1).encode("utf-8"))


def _exported(sidecar: dict[str, object]) -> dict[str, int]:
    """{station id: the last event number written to an exchange file}, as the sidecar says."""
    found = sidecar.get("exported")
    if not isinstance(found, dict):
        return {}
    return {str(key): value for key, value in found.items() if isinstance(value, int) and value >= 0}


def note_exported(db: Database, station_id: str, last_seq: int) -> None:
    """Before an events file up to `last_seq` is written: remember it beside the database, where a backup
    copied over the file cannot take it back (see the module docstring)."""
    path = database_file(db)
    token = common.get_setting(db, SETTING_FILE_TOKEN)
    if path is None or token is None:
        return  # a database in memory, or one that never had its identity checked: no sidecar to keep
    sidecar = _read_sidecar(sidecar_path(path))
    if sidecar is None or sidecar.get("token") != token:
        return  # not this file's record: the next open takes a new identity anyway
    exported = _exported(sidecar)
    if exported.get(station_id, 0) >= last_seq:
        return
    exported[station_id] = last_seq
    _write_sidecar(path, token, str(sidecar.get("instance_id") or station_id), exported)


def _why_restored(db: Database, sidecar: dict[str, object], station_id: str) -> str:
    """A journal that ends before what was already exported under this identity: an older backup copied over."""
    sent = _exported(sidecar).get(station_id, 0)
    own = events_repo.next_seq(db, station_id) - 1
    if own >= sent:
        return ""
    return _("This database ends at event {own} of this station, but events up to {sent} were already sent to "
             "the hub: it was restored from an older backup. It takes a new station identity, so what it records "
             "from now on reaches the hub.").format(own=own, sent=sent)


def _why_copied(sidecar: dict[str, object] | None, token: str, db_path: Path) -> str:
    if sidecar is None:
        return _("The station's identity record beside the database is missing: the database was copied or "
                 "restored from a backup.")
    if sidecar.get("token") != token:
        return _("The identity record beside the database belongs to another database: it was copied or "
                 "restored from a backup.")
    stat = os.stat(db_path)
    if (sidecar.get("device"), sidecar.get("inode")) != (stat.st_dev, stat.st_ino):
        return _("The database file was replaced (copied, moved or restored from a backup).")
    return ""


def check_identity(db: Database, db_path: Path | str | None) -> IdentityCheck:
    """Call when a station database is opened, before anything is recorded (see the module docstring)."""
    service = StationService(SqlStationStore(db))
    station = service.identity()
    if station is None or db_path is None or str(db_path) == ":memory:":
        return IdentityCheck(station)
    path = Path(db_path)
    token = common.get_setting(db, SETTING_FILE_TOKEN)
    if token is None:
        return IdentityCheck(_remember(db, path, station))
    sidecar = _read_sidecar(sidecar_path(path))
    reason = _why_copied(sidecar, token, path)
    if not reason and sidecar is not None:  # this file's record: restored over it?
        reason = _why_restored(db, sidecar, station.instance_id)
        if not reason:
            if sidecar.get("instance_id") != station.instance_id:  # a new identity taken on purpose
                _write_sidecar(path, token, station.instance_id, _exported(sidecar))
            return IdentityCheck(station)
    return renew(db, path, reason)


def renew(db: Database, db_path: Path | None, reason: str) -> IdentityCheck:
    """Take a new instance id (its sequence starts at 1) and remember this file as the one it belongs to."""
    from models.sync import code_blocks, enrolment  # a start that keeps its identity needs neither

    service = StationService(SqlStationStore(db))
    before = service.identity()
    fresh = service.take_new_identity()
    # A new identity gets a new block of codes: a station's from its hub; a hub's own at its next exchange
    # round, once it has learnt the blocks it gave since the backup; a database on its own takes one now.
    with write_transaction(db):
        code_blocks.wait_for_block(db)
    if sync_repo.role(db) is None:
        code_blocks.take_own_block(db)
    if before is not None:
        enrolment.note_successor(db, before.instance_id, fresh.instance_id)
    if db_path is not None:
        _remember(db, db_path, fresh)
    return IdentityCheck(fresh, True, before.instance_id if before else None, reason)


def _remember(db: Database, db_path: Path, station: Station) -> Station:
    # The sidecar first: a crash in between leaves a database without a token, which simply adopts one again.
    token = secrets.token_hex(16)
    _write_sidecar(db_path, token, station.instance_id)
    with write_transaction(db):
        common.set_setting(db, SETTING_FILE_TOKEN, token)
    return station
