"""Campaign packs: the hub's reference data, versioned, for stations to join a campaign or update it.

A pack is a SQLite snapshot of the hub's reference tables (campaigns, catalog, templates, recipients,
packages, letters, stock receipts, users, lots), whole or of one campaign, in the exchange container
(`models.sync.container`: hashed, 0600, optionally encrypted). Its version goes up whenever its contents
change. A station imports a pack to join (its journal must still be empty) or to update; it refuses a pack
from another hub or one older than the one it has, and a pack equal to its own changes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.campaigns.sql import reference_repo as repo
from models.core.errors import RefusedInput
from models.core.i18n import N_, _
from models.journal.sql import events_repo
from models.storage import common
from models.storage.common import now_iso
from models.storage.db import write_transaction
from models.storage.migrations import schema_version
from models.sync import code_blocks, container, enrolment, signing
from models.sync.errors import ExchangeRefused, Problem, not_joined
from models.sync.roles import ensure_hub
from models.sync.sql import pack_repo as sync_pack
from models.sync.sql import sync_repo
from models.sync.sql.pack_repo import DamagedPack

if TYPE_CHECKING:
    from models.storage.database import Database

PACK_KIND = "pack"
NO_PINS_NOTE = N_("It is not encrypted, so it carries no PINs or badges: each station gives its users their own "
                  "(encrypt the pack to carry them).")
PACK_FILE_NAME = "campaign-pack.plxp"
SETTING_STATION_CAMPAIGN = "station.campaign_id"


@dataclass(frozen=True)
class PackWritten:
    path: Path
    version: int
    fingerprint: str
    new_version: bool
    """False when the contents equal the previous pack's (same version number)."""
    with_pins: bool = False
    """Whether the users' PINs and badges are in it (only in an encrypted pack)."""


@dataclass(frozen=True)
class PackRead:
    hub_id: str
    version: int
    campaigns: tuple[int, ...]
    updated: bool
    """False when this station already had this version: nothing changed."""
    counts: dict[str, int]
    hub_fingerprint: str = ""
    """Of the key the hub signs with: the station shows it, for a supervisor to compare with the hub's."""


def live_fingerprint(db: Database, campaign_id: int | None = None) -> str:
    """The fingerprint a pack made now would have (to tell whether a new one is needed)."""
    return sync_pack.fingerprint(db.conn, campaign_id)


def export_pack(db: Database, target: Path, *, campaign_id: int | None = None,
                passphrase: str | None = None) -> PackWritten:
    """Write the current pack to `target` (a folder, or a name without suffix, gets `campaign-pack.plxp`);
    this database becomes the hub."""
    path = target / PACK_FILE_NAME if target.is_dir() or not target.suffix else target
    if campaign_id is not None and repo.campaign_by_id(db, campaign_id) is None:
        raise RefusedInput(_("There is no campaign with id {id}.").format(id=campaign_id))
    with write_transaction(db):
        hub = ensure_hub(db)
    folder = Path(tempfile.mkdtemp(prefix="packline-pack-"))
    try:
        copy = folder / "pack.db"
        sync_pack.snapshot(db, copy)
        fingerprint = sync_pack.fingerprint_of_file(copy, campaign_id)
        with write_transaction(db):
            version = sync_repo.pack_version(db)
            fresh = version == 0 or sync_repo.setting(db, sync_repo.SETTING_PACK_FINGERPRINT) != fingerprint
            if fresh:
                version += 1
                sync_repo.set_setting(db, sync_repo.SETTING_PACK_VERSION, str(version))
                sync_repo.set_setting(db, sync_repo.SETTING_PACK_FINGERPRINT, fingerprint)
        header = {"hub_id": hub, "version": version, "fingerprint": fingerprint, "campaign_id": campaign_id,
                  "schema_version": schema_version(db), "created_at": now_iso()}
        sync_pack.reduce_to_pack(copy, campaign_id, {key: str(value) for key, value in header.items()},
                                 with_pins=passphrase is not None)
        container.write(path, PACK_KIND, header, copy.read_bytes(), passphrase, signer=enrolment.hub_signer(db))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return PackWritten(path, version, fingerprint, fresh, with_pins=passphrase is not None)


def peek(path: Path) -> tuple[str, int, str]:
    """(hub id, version, fingerprint) from a pack's header, without the passphrase."""
    header, _body = container.read_header(path.read_bytes(), path.name)
    if header.get("kind") != PACK_KIND:
        raise ExchangeRefused(Problem.WRONG_KIND, _("{file} is a {found} file, not a {expected} file.").format(
            file=path.name, found=header.get("kind"), expected=PACK_KIND))
    try:
        return str(header["hub_id"]), int(header["version"]), str(header["fingerprint"])
    except (KeyError, TypeError, ValueError):
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its header cannot be read.").format(
            file=path.name)) from None


def _check_joinable(db: Database, name: str, hub: str, version: int, fingerprint: str, schema: int) -> bool:
    """Refusals before anything is written; False when the station already has exactly this pack."""
    if sync_repo.role(db) == sync_repo.ROLE_HUB:
        raise ExchangeRefused(Problem.WRONG_ROLE, _(
            "This database is the hub: it hands packs out and does not import them."))
    joined = sync_repo.hub_id(db)
    if joined is not None and joined != hub:
        raise not_joined(name)
    if joined is None and events_repo.count(db) > 0:
        raise ExchangeRefused(Problem.WRONG_ROLE, _(
            "This database already holds packing work of its own: a station joins a hub with an empty journal. "
            "Start a new database for this station."))
    if schema > schema_version(db):
        raise ExchangeRefused(Problem.UNKNOWN_SCHEMA, _(
            "{file} was written by a newer Packline (schema {found}; this station knows up to {known}): update "
            "Packline on this station.").format(file=name, found=schema, known=schema_version(db)))
    current = sync_repo.pack_version(db) if joined else 0
    if version < current:
        raise ExchangeRefused(Problem.OLDER_PACK, _(
            "{file} is version {found} of the campaign pack; this station already has version {current}.").format(
            file=name, found=version, current=current))
    return not (version == current and sync_repo.setting(db, sync_repo.SETTING_PACK_FINGERPRINT) == fingerprint)


def import_pack(db: Database, path: Path, *, passphrase: str | None = None,
                hub_fingerprint: str | None = None) -> PackRead:
    """Join the hub's campaign, or update it, from a pack (all or nothing).

    Joining, the station takes the key the pack is signed with as its hub's (checked against
    `hub_fingerprint` when given: the one the hub shows); after that, only packs signed by that key."""
    hub, version, fingerprint = peek(path)
    if sync_repo.role(db) == sync_repo.ROLE_STATION and sync_repo.hub_id(db) != hub:  # before its signature
        raise not_joined(path.name)
    known = enrolment.joined_hub_key(db)
    key = known if known is not None and sync_repo.role(db) == sync_repo.ROLE_STATION else _joining_key(
        path, hub_fingerprint)
    opened = container.open_file(path, passphrase, kind=PACK_KIND, trust=lambda _header: key)
    try:
        schema = int(opened.header["schema_version"])
    except (KeyError, TypeError, ValueError):
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its header cannot be read.").format(
            file=path.name)) from None
    if not _check_joinable(db, path.name, hub, version, fingerprint, schema):
        return PackRead(hub, version, tuple(sync_pack.campaign_ids_of(db)), False, sync_pack.counts(db),
                        signing.fingerprint(key))
    folder = Path(tempfile.mkdtemp(prefix="packline-pack-"))
    try:
        copy = folder / "pack.db"
        copy.write_bytes(opened.body)
        copy.chmod(0o600)
        try:
            info = sync_pack.pack_info(copy)
        except DamagedPack:
            raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its data cannot be read.").format(
                file=path.name)) from None
        if info.get("hub_id") != hub or info.get("version") != str(version):
            raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its data and its header disagree.").format(
                file=path.name))
        read = _copy(db, copy, path.name, hub, version, fingerprint, key)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return read


def _joining_key(path: Path, hub_fingerprint: str | None) -> bytes:
    """The key a pack says it is signed with, for a station that does not know its hub's key yet (joining, or
    joined by a Packline from before signatures): checked against the fingerprint given, if any."""
    header, _stored = container.read_header(path.read_bytes(), path.name)
    key = container.signer_key(header)
    if key is None:
        raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: its header cannot be read.").format(
            file=path.name))
    if hub_fingerprint is not None and not signing.same_fingerprint(hub_fingerprint, key):
        raise ExchangeRefused(Problem.BAD_SIGNATURE, _(
            "{file} is signed by the key {found}, not by the hub whose fingerprint you gave ({given}): it was not "
            "imported.").format(file=path.name, found=signing.fingerprint(key), given=hub_fingerprint))
    return key


def _copy(db: Database, copy: Path, name: str, hub: str, version: int, fingerprint: str,
          hub_key: bytes) -> PackRead:
    campaigns = tuple(sync_pack.campaign_ids(copy))
    with sync_pack.attached(db, copy), write_transaction(db):
        try:
            violations = sync_pack.copy_into(db)
        except DamagedPack as error:
            raise ExchangeRefused(Problem.CORRUPT, _("{file} is damaged: {detail}").format(
                file=name, detail=error)) from None
        if violations:
            raise ExchangeRefused(Problem.CORRUPT, _(
                "{file} lacks reference data this station's journal refers to ({table}): it was not "
                "imported.").format(file=name, table=violations[0][0]))
        sync_repo.set_setting(db, sync_repo.SETTING_ROLE, sync_repo.ROLE_STATION)
        sync_repo.set_setting(db, sync_repo.SETTING_HUB_ID, hub)
        sync_repo.set_setting(db, sync_repo.SETTING_PACK_VERSION, str(version))
        sync_repo.set_setting(db, sync_repo.SETTING_PACK_FINGERPRINT, fingerprint)
        sync_repo.set_setting(db, enrolment.SETTING_HUB_KEY, signing.encode_key(hub_key))
        if common.get_setting(db, common.CODE_BLOCK_SETTING) is None:  # joining: no codes until the hub's block
            code_blocks.wait_for_block(db)
        chosen = common.get_setting(db, SETTING_STATION_CAMPAIGN)
        if len(campaigns) == 1:
            common.set_setting(db, SETTING_STATION_CAMPAIGN, str(campaigns[0]))
        elif chosen is not None and int(chosen) not in campaigns:
            common.delete_setting(db, SETTING_STATION_CAMPAIGN)
        counts = sync_pack.counts(db)
    return PackRead(hub, version, campaigns, True, counts, signing.fingerprint(hub_key))
