"""Enrolment: the keys this database signs with, and which station identities the hub trusts.

Every station identity and every hub has an Ed25519 key pair, made when first needed and kept in the
database's settings (which never travel: packs carry no settings). A station learns the hub's public key
from the first campaign pack it imports, shows its fingerprint, and from then on takes packs and
acknowledgements signed by that key only. The hub takes events files only from enrolled identities:

- a station's first events file is refused and noted as a request (its id, name and public key);
- a supervisor enrols it after comparing the key's fingerprint with the one the station shows
  (`enrol`: a `station_enrolled` event in the hub's journal, with who decided);
- a station that took a new identity (restored, copied) is enrolled by the hub itself when its lineage
  leads from an enrolled identity (`signing.vouched_chain`), recorded the same way with `successor_of`;
- a supervisor revokes an identity (`station_revoked`): its files are refused from then on, and nothing it
  vouches for is taken.

Enrolments are derived from those events (never a table of their own), so they are as durable, and as
auditable, as everything else in the journal.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.storage import common
from models.storage.common import now_iso
from models.storage.db import write_transaction
from models.sync import signing
from models.sync.container import Trust
from models.sync.roles import identity, is_hub, require_hub
from models.sync.signing import Signer, StationKeys, Vouched
from models.sync.sql import enrolment_repo as repo
from models.sync.sql import sync_repo

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.packing.users import User
    from models.storage.database import Database

SETTING_KEY_PREFIX = "sync.key."
"""+ station or hub id: the private key this database signs that identity's files with (base64)."""
SETTING_LINEAGE = "sync.lineage"
"""This database's station identities, oldest first, each vouched for by the one before (`signing`)."""
SETTING_HUB_KEY = "sync.hub_key"
"""At a station: the public key of the hub it joined (from that first pack)."""
SETTING_CERTIFICATE_PREFIX = "sync.enrolment."
"""+ station id, at a station: the hub's signature that it enrolled this identity with its key."""
SETTING_REQUEST_PREFIX = "sync.enrol_request."
"""+ station id, at the hub: a station that sent files before it was enrolled (JSON: name, key, at)."""
MAX_REQUESTS = 20


@dataclass(frozen=True)
class Enrolment:
    station_id: str
    station_name: str
    fingerprint: str
    at: str
    by: str
    successor_of: str | None = None
    revoked_at: str | None = None
    revoked_by: str | None = None


@dataclass(frozen=True)
class Request:
    station_id: str
    station_name: str
    fingerprint: str
    at: str


# -- the keys this database signs with -------------------------------------------------------------------------


def signer(db: Database, identity_id: str) -> Signer:
    """The signer of one of this database's identities (a station id, or the hub id), its key made if new."""
    stored = signing.decode_key(sync_repo.setting(db, SETTING_KEY_PREFIX + identity_id))
    if stored is None:
        stored = signing.new_private_key()
        # Inside the caller's transaction when there is one (the hub answering an import), else in its own.
        with contextlib.nullcontext() if db.conn.in_transaction else write_transaction(db):
            sync_repo.set_setting(db, SETTING_KEY_PREFIX + identity_id, signing.encode_key(stored))
    return Signer(identity_id, stored)


def hub_signer(db: Database) -> Signer:
    return signer(db, require_hub(db))


def own_fingerprint(db: Database) -> str:
    """The fingerprint a supervisor compares: of the hub's key at the hub, of the current identity's elsewhere."""
    own = hub_signer(db) if is_hub(db) else signer(db, identity(db).instance_id)
    return signing.fingerprint(own.public_key)


def note_successor(db: Database, previous_id: str, successor_id: str) -> None:
    """A new identity replaces `previous_id`: the previous key vouches for the new one (`signing.lineage_link`)."""
    previous, successor = signer(db, previous_id), signer(db, successor_id)
    links = lineage(db)
    if not links or links[-1]["station_id"] != previous_id:  # the first renewal (or one from before lineages)
        links = [{"station_id": previous_id, "key": signing.encode_key(previous.public_key)}]
    links.append(signing.lineage_link(previous, successor_id, successor.public_key))
    with write_transaction(db):
        sync_repo.set_setting(db, SETTING_LINEAGE, json.dumps(links))


def lineage(db: Database) -> list[dict[str, str]]:
    found = sync_repo.setting(db, SETTING_LINEAGE)
    return list(json.loads(found)) if found else []


def lineage_for(db: Database, station_id: str) -> list[dict[str, str]] | None:
    """The lineage to put in an events file of `station_id`: up to it, when it is one of its links."""
    links = lineage(db)
    ids = [link["station_id"] for link in links]
    return links[:ids.index(station_id) + 1] if station_id in ids[1:] else None


# -- at a station: the hub's key ---------------------------------------------------------------------------------


def joined_hub_key(db: Database) -> bytes | None:
    """At a station: the key of the hub it joined (None before it knows it)."""
    return signing.decode_key(sync_repo.setting(db, SETTING_HUB_KEY))


def hub_key(db: Database) -> bytes:
    """The key the hub signs with: this hub's own, or at a station the key of the hub it joined."""
    if is_hub(db):
        return hub_signer(db).public_key
    found = joined_hub_key(db)
    if found is None:
        raise RefusedInput(_("This station does not know its hub's key yet: import the hub's campaign pack first."))
    return found


def joined_hub_fingerprint(db: Database) -> str:
    """At a station: the fingerprint of its hub's key ("" before it knows it)."""
    found = joined_hub_key(db)
    return signing.fingerprint(found) if found is not None else ""


def trust_hub(db: Database) -> Trust:
    """A `container.Trust` for packs and acknowledgements: signed by this station's hub."""
    key = hub_key(db)
    return lambda _header: key


# -- at the hub: who is enrolled -----------------------------------------------------------------------------


def _replay(db: Database) -> dict[str, tuple[Enrolment, bytes]]:
    """{station id: (its enrolment, its enrolled key)} from the hub's enrolment and revocation events. A
    revocation stands: an identity revoked once stays revoked."""
    found: dict[str, tuple[Enrolment, bytes]] = {}
    for event in repo.enrolment_events(db):
        payload = event.payload
        station_id = str(payload["station_id"])
        if event.type == repo.ENROLLED_EVENT:
            key = signing.decode_key(payload["public_key"])
            if key is None:
                continue
            enrolled = Enrolment(station_id, str(payload.get("station_name", "")), str(payload.get("fingerprint", "")),
                                 event.at, event.user, payload.get("successor_of"))
            before = found.get(station_id)
            if before is not None and before[0].revoked_at is not None:
                enrolled = replace(enrolled, revoked_at=before[0].revoked_at, revoked_by=before[0].revoked_by)
            found[station_id] = (enrolled, key)
        elif station_id in found:
            before_enrolment, key = found[station_id]
            found[station_id] = (replace(before_enrolment, revoked_at=event.at, revoked_by=event.user), key)
    return found


def station_keys(db: Database) -> StationKeys:
    known = _replay(db).values()
    return StationKeys({e.station_id: key for e, key in known},
                       {e.station_id: e.station_name for e, _key in known if e.revoked_at is not None},
                       hub_signer(db).public_key)


def certificate(db: Database, station_id: str, signer: signing.Signer) -> str | None:
    """At the hub: its signature (`signer`, the hub's) that `station_id` is enrolled with its key, for the
    acknowledgement (None when it is not enrolled, or revoked)."""
    keys = station_keys(db)
    key = keys.enrolled.get(station_id)
    if key is None or station_id in keys.revoked:
        return None
    return signing.encode_key(signer.sign(signing.enrolment_message(station_id, key)))


def keep_certificate(db: Database, station_id: str, found: object) -> None:
    """At a station: the hub's enrolment of one of its identities, from an acknowledgement, to show a hub
    restored from an older backup (kept only when it is the hub's signature of this identity's key)."""
    raw = signing.decode_key(found, signing.SIGNATURE_BYTES)
    private = signing.decode_key(sync_repo.setting(db, SETTING_KEY_PREFIX + station_id))
    if raw is None or private is None:  # not an identity of this database
        return
    own = signing.public_key_of(private)
    if signing.verify(hub_key(db), signing.enrolment_message(station_id, own), raw):
        with write_transaction(db):
            sync_repo.set_setting(db, SETTING_CERTIFICATE_PREFIX + station_id, signing.encode_key(raw))


def enrolments(db: Database) -> list[Enrolment]:
    return [found for found, _key in _replay(db).values()]


def requests(db: Database) -> list[Request]:
    """Stations that sent files before they were enrolled, newest request per station."""
    return [request for request, _key in _asked(db)]


def _asked(db: Database) -> list[tuple[Request, bytes]]:
    """The requests, each with the key the station's file named."""
    enrolled = _replay(db)
    found = []
    for station_id, text in repo.settings_with_prefix(db, SETTING_REQUEST_PREFIX).items():
        record = json.loads(text)
        key = signing.decode_key(record.get("key"))
        if key is not None and station_id not in enrolled:
            found.append((Request(station_id, str(record.get("name", "")), signing.fingerprint(key),
                                  str(record.get("at", ""))), key))
    return found


def note_request(db: Database, station_id: str, name: str, key: bytes) -> None:
    """The hub heard from a station it does not know (outside any import's transaction: it was refused). The
    newest `MAX_REQUESTS` are kept: a stick full of made-up stations cannot fill the hub's settings."""
    noted = sync_repo.setting(db, SETTING_REQUEST_PREFIX + station_id)
    if noted is not None and json.loads(noted).get("key") == signing.encode_key(key):
        return  # asked before (a watcher reads the file again every round until it is enrolled)
    with write_transaction(db):
        sync_repo.set_setting(db, SETTING_REQUEST_PREFIX + station_id, json.dumps(
            {"name": name, "key": signing.encode_key(key), "at": now_iso()}, ensure_ascii=False))
        asked = repo.settings_with_prefix(db, SETTING_REQUEST_PREFIX)
        for old in sorted(asked, key=lambda sid: str(json.loads(asked[sid]).get("at", "")))[:-MAX_REQUESTS]:
            common.delete_setting(db, SETTING_REQUEST_PREFIX + old)


def check_may_enrol(user: User) -> None:
    if not user.can_supervise:
        raise RefusedInput(_("Only a supervisor can enrol or revoke a station; {user} is not one.").format(
            user=user.name))


def enrol(db: Database, station: str, fingerprint: str, user: User) -> Enrolment:
    """A supervisor enrols a station that asked (by id or name), having compared its key's fingerprint."""
    check_may_enrol(user)
    asked, key = _request(db, station)
    if not signing.same_fingerprint(fingerprint, key):
        raise RefusedInput(_("The fingerprint {given} is not the one station {station} sent ({found}): do not enrol "
                             "it until you know where its files come from.").format(
            given=fingerprint, station=asked.station_name, found=asked.fingerprint))
    with write_transaction(db):
        _record_enrolment(db, asked.station_id, asked.station_name, key, user.name)
        common.delete_setting(db, SETTING_REQUEST_PREFIX + asked.station_id)
    return next(e for e in enrolments(db) if e.station_id == asked.station_id)


def _request(db: Database, station: str) -> tuple[Request, bytes]:
    found = [(r, key) for r, key in _asked(db) if station in (r.station_id, r.station_name)]
    if not found:
        raise RefusedInput(_("No station called {station} is waiting to be enrolled: it asks with its first "
                             "events file.").format(station=station))
    if len(found) > 1:
        raise RefusedInput(_("More than one station called {station} is waiting: name it by its id ({ids}).").format(
            station=station, ids=", ".join(r.station_id for r, _key in found)))
    return found[0]


def enrol_vouched(db: Database, vouched: Iterable[Vouched], station_name: str) -> None:
    """Inside the import's transaction: identities the hub takes on a lineage from an enrolled one."""
    links = tuple(vouched)
    if not links:  # the usual file: no new identity to take on
        return
    enrolled = station_keys(db).enrolled
    for link in links:
        if enrolled.get(link.station_id) != link.public_key:
            _record_enrolment(db, link.station_id, station_name, link.public_key, "hub", link.successor_of)
            enrolled[link.station_id] = link.public_key


def _record_enrolment(db: Database, station_id: str, name: str, key: bytes, user: str,
                      successor_of: str | None = None) -> None:
    require_hub(db)  # only a hub enrols
    payload: dict[str, Any] = {"station_id": station_id, "station_name": name,
                               "public_key": signing.encode_key(key), "fingerprint": signing.fingerprint(key)}
    if successor_of is not None:
        payload["successor_of"] = successor_of
    sync_repo.record(db, identity(db).instance_id, repo.ENROLLED_EVENT, user, None, payload)


def revoke(db: Database, station: str, user: User) -> list[Enrolment]:
    """A supervisor revokes a station (by id, or by name: every identity of it): its files are refused."""
    check_may_enrol(user)
    chosen = [e for e in enrolments(db) if station in (e.station_id, e.station_name) and e.revoked_at is None]
    if not chosen:
        raise RefusedInput(_("No enrolled station called {station}.").format(station=station))
    with write_transaction(db):
        for enrolled in chosen:
            sync_repo.record(db, identity(db).instance_id, repo.REVOKED_EVENT, user.name, None,
                             {"station_id": enrolled.station_id, "station_name": enrolled.station_name})
    revoked = {e.station_id for e in chosen}
    return [e for e in enrolments(db) if e.station_id in revoked]
