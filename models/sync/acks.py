"""The hub's acknowledgement to a station: up to which sequence number it holds the station's events.

`ack-<station id>.plxa`, rewritten by the hub after each import (and after refusing a clashing file, with
the number it clashed at). The station's next export starts after the acknowledged number, even when that is
lower than before (a hub restored from a backup: the station sends the rest again). A station that finds the
hub holding more of its current identity's events than its own journal does, or told of a clash, was
restored from an older backup or copied: it takes a new identity (`models.sync.identity`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.core.i18n import _
from models.storage.common import now_iso
from models.storage.db import write_transaction
from models.sync import code_blocks, container, enrolment
from models.sync.errors import ExchangeRefused, Problem, not_joined
from models.sync.identity import renew
from models.sync.roles import identity, require_hub
from models.sync.sql import sync_repo

if TYPE_CHECKING:
    from models.packing.station import Station
    from models.storage.database import Database

ACK_KIND = "ack"
ACK_SUFFIX = ".plxa"


@dataclass(frozen=True)
class AckRead:
    station_id: str
    seq: int
    """The hub holds this station id's events up to here."""
    pack_version: int
    renewed_identity: str | None = None
    """The new instance id, when this acknowledgement showed the database was restored or copied."""
    message: str = ""


def ack_file_name(station_id: str) -> str:
    if not container.valid_identifier(station_id):
        raise ExchangeRefused(Problem.CORRUPT, _("{station} is not a station id Packline gives.").format(
            station=station_id))
    return f"ack-{station_id}{ACK_SUFFIX}"


def station_of_ack(name: str) -> str | None:
    if name.startswith("ack-") and name.endswith(ACK_SUFFIX):
        return name[len("ack-"):-len(ACK_SUFFIX)]
    return None


def write_ack(db: Database, folder: Path, station_id: str, *, clash_at: int | None = None) -> Path:
    """The hub's acknowledgement for one station id (signed by the hub; not encrypted: it holds no personal
    data)."""
    hub = require_hub(db)
    target = container.contained(folder, ack_file_name(station_id))  # a station id never names a path
    seq = sync_repo.max_seq(db, station_id)
    block = code_blocks.ensure_block(db, station_id)
    signer = enrolment.hub_signer(db)
    header = {"hub_id": hub, "station_id": station_id, "seq": seq, "code_block": block,
              "last_id": sync_repo.event_id_at(db, station_id, seq), "pack_version": sync_repo.pack_version(db),
              "clash_at": clash_at, "answers": sync_repo.setting(db, sync_repo.SETTING_ACCEPTED_PREFIX + station_id),
              "enrolment": enrolment.certificate(db, station_id, signer), "created_at": now_iso()}
    return container.write(target, ACK_KIND, header, b"{}", signer=signer)


def learn_given_blocks(db: Database, folder: Path) -> set[str]:
    """Before the hub answers: the blocks its acknowledgements in `folder` gave (a hub restored from a backup
    has forgotten those it gave since), then, if it waits for a block of its own (restored), it takes one.
    Returns the station ids this hub's acknowledgements in `folder` answer."""
    hub = require_hub(db)
    given: list[tuple[str, int | None]] = []
    trust = enrolment.trust_hub(db)
    for path in sorted(folder.glob("ack-*" + ACK_SUFFIX)):
        try:
            ack = read_ack(path, trust)
        except (ExchangeRefused, OSError):
            continue  # not one the hub can read: it gave nothing through it
        if ack.hub_id == hub:
            given.append((ack.station_id, ack.code_block))
    with write_transaction(db):
        for station_id, block in given:
            if block is not None:
                code_blocks.learn(db, station_id, block)
    if code_blocks.take_own_block(db) is not None:
        # Its own block written down in the folder too, as an acknowledgement of its own identity (no station
        # reads it): restored once more from the same backup, the hub learns it and takes yet another.
        write_ack(db, folder, identity(db).instance_id)
    return {station_id for station_id, _block in given}


@dataclass(frozen=True)
class AckFile:
    hub_id: str
    station_id: str
    seq: int
    last_id: str | None
    """The id of the hub's event number `seq` of this station: a restored station's own differs."""
    pack_version: int
    clash_at: int | None
    code_block: int | None = None
    """The block of code serials the hub gave this station identity (`models.sync.code_blocks`)."""
    answers: str | None = None
    """The body SHA-256 of the last events file of this station id the hub accepted (merged, or found it had
    every event of): tells a station whose journal and the hub's differ that the hub checked its events."""
    enrolment: str | None = None
    """The hub's signature that it enrolled this station id (`enrolment.certificate`)."""


def read_ack(path: Path, trust: container.Trust) -> AckFile:
    """The acknowledgement at `path`, signed by the hub `trust` names (`enrolment.trust_hub`)."""
    header = container.open_file(path, kind=ACK_KIND, trust=trust).header
    try:
        clash, last, block = header.get("clash_at"), header.get("last_id"), header.get("code_block")
        answers = header.get("answers")
        return AckFile(str(header["hub_id"]), str(header["station_id"]), int(header["seq"]),
                       None if last is None else str(last), int(header["pack_version"]),
                       None if clash is None else int(clash), None if block is None else int(block),
                       None if answers is None else str(answers),
                       None if header.get("enrolment") is None else str(header["enrolment"]))
    except (KeyError, TypeError, ValueError):
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its header cannot be read.").format(
            file=path.name)) from None


def import_ack(db: Database, db_path: Path | None, path: Path) -> AckRead:
    """Take the hub's acknowledgement in: the next export starts after it.

    A station restored from an older backup without noticing (a disk image brings back the identity record
    too) meets the hub's other events under its next numbers. Told where they clash, it takes a new identity
    and carries the events it recorded since the restore over to it: numbered anew, sent with the next export,
    nothing stranded. Told only that the journals differ (the hub holds more, or another event at its last
    number), it sends its events once more first, unless the hub already checked them all: the answer to that
    file says where they part."""
    if sync_repo.role(db) != sync_repo.ROLE_STATION:
        raise not_joined(path.name)
    ack = read_ack(path, enrolment.trust_hub(db))
    if sync_repo.hub_id(db) != ack.hub_id:
        raise not_joined(path.name)
    own = sync_repo.station_max_seq(db, ack.station_id)
    diverged = ack.seq <= own and ack.last_id is not None and (
        sync_repo.event_id_at(db, ack.station_id, ack.seq) != ack.last_id)
    current = identity(db)
    renewed, message = None, ""
    if ack.station_id == current.instance_id and ack.clash_at is not None:
        renewed, message = _carry_over(db, db_path, ack.station_id, ack.clash_at)
        diverged = False  # up to the clash the hub holds exactly this station's events: acknowledged
    elif ack.station_id == current.instance_id and (ack.seq > own or diverged):
        acked = sync_repo.acked(db, ack.station_id)
        if own > acked and not _checked_by_hub(db, ack, own):
            with write_transaction(db):  # sent again, even by a watcher that sends only what is new
                sync_repo.set_setting(db, sync_repo.SETTING_EXPORTED_PREFIX + ack.station_id, str(acked))
            message = _("The hub's journal and this station's differ after number {seq}: this database may have "
                        "been restored from an older backup. Its events are sent once more; the hub's answer shows "
                        "which were recorded since, and those are carried over to a new identity.").format(seq=acked)
            return AckRead(ack.station_id, ack.seq, ack.pack_version, None, message)
        reason = _("The hub holds events of this station up to number {hub}, but this database ends at {own}: "
                   "it was restored from an older backup or copied, and takes a new station identity.").format(
            hub=ack.seq, own=own)
        renewed, message = renew(db, db_path, reason).station, reason
    if not diverged:
        with write_transaction(db):
            sync_repo.set_acked(db, ack.station_id,
                                ack.seq if ack.clash_at is None else min(ack.seq, ack.clash_at - 1))
    if ack.enrolment is not None:
        enrolment.keep_certificate(db, ack.station_id, ack.enrolment)
    if renewed is None and ack.code_block is not None and ack.station_id == current.instance_id:
        code_blocks.accept_block(db, ack.code_block)
    return AckRead(ack.station_id, ack.seq, ack.pack_version, renewed.instance_id if renewed else None, message)


def _checked_by_hub(db: Database, ack: AckFile, own: int) -> bool:
    """Whether this acknowledgement answers the station's last events file and that file held all its events."""
    sent = sync_repo.setting(db, sync_repo.SETTING_EXPORTED_SHA_PREFIX + ack.station_id)
    last = int(sync_repo.setting(db, sync_repo.SETTING_EXPORTED_PREFIX + ack.station_id) or 0)
    return sent is not None and ack.answers == sent and last >= own


def _carry_over(db: Database, db_path: Path | None, old_id: str, clash_at: int) -> tuple[Station, str]:
    """A new identity, and the events of `old_id` from `clash_at` on (recorded after the restore) carried to it."""
    fresh = renew(db, db_path, "").station
    if fresh is None:
        raise RuntimeError("a station that takes a new identity has one")
    with write_transaction(db):
        count = sync_repo.carry_over(db, old_id, clash_at, fresh.instance_id)
    message = _("The hub refused this station's events from number {seq} on: it already has different events "
                "under those numbers. This database was restored from an older backup or copied; it takes a new "
                "station identity, and the {count} events it recorded since then are carried over to it and go "
                "to the hub with the next export.").format(seq=clash_at, count=count)
    return fresh, message
