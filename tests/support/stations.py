"""A hub and stations in temporary folders, for the several-stations tests (no tests in this module).

The hub is a copy of the packing fixture campaign (tests.support.packing_fixtures); each station is a new,
empty database that joins by importing the hub's campaign pack, names itself, and packs through
`ScanService` exactly as a station does. Exchange files are carried between them in `folder`.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.campaigns import reference
from models.journal.sql import projections
from models.journal.sql.rebuild import replayed_dump
from models.packing.scanning import ScanOutcome, ScanService
from models.packing.sql.packing_store import SqlPackingStore
from models.packing.sql.stations_repo import SqlStationStore
from models.packing.sql.users_repo import SqlUserStore
from models.packing.station import Station, StationService
from models.packing.users import User, UserService
from models.storage.database import Database
from models.storage.opening import open_database
from models.sync import acks, container, enrolment, exchange, pack, signing
from models.sync.identity import check_identity
from models.sync.overview import StationsService
from models.sync.sql import sync_repo
from models.sync.sql.lots_repo import dump as lots_dump
from models.sync.sql.lots_repo import rebuild_lots
from tests.support.dbdump import dump
from tests.support.packing_fixtures import ACK, SEAL, UNDO, add_recipients, template_database

__all__ = ["ACK", "SEAL", "UNDO", "Network", "Node", "enrol", "enrolled_signer", "make_network", "rebuilt_equal",
           "restore_from_backup", "dump", "events_file_bytes", "open_events_file", "signer_of", "with_header",
           "spy_on_import_all"]


@dataclass
class Node:
    name: str
    db: Database
    path: Path

    @property
    def station(self) -> Station:
        found = StationService(SqlStationStore(self.db)).identity()
        assert found is not None
        return found

    def user(self, name: str = "Olena") -> User:
        return UserService(SqlUserStore(self.db)).get(name)

    def scan(self, *codes: str, user: str = "Olena") -> list[ScanOutcome]:
        service = ScanService(SqlPackingStore(self.db))
        station, who = self.station, self.user(user)
        return [service.handle(station, who, code) for code in codes]

    def reopen(self) -> None:
        self.db.close()
        self.db = open_database(self.path)


@dataclass
class Network:
    folder: Path
    hub: Node
    stations: dict[str, Node] = field(default_factory=dict)
    barcodes: dict[str, str] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    """Package codes in the order of the recipient list."""
    campaign_id: int = 0

    def __getitem__(self, name: str) -> Node:
        return self.stations[name]

    def full(self) -> list[str]:
        """Codes that fill every required line with main items, then Seal."""
        item = self.barcodes
        return [item["tea"]] * 2 + [item["soap"]] + [item["socks"]] * 3 + [SEAL]

    def pack_package(self, station: str, index: int) -> list[ScanOutcome]:
        outcomes = self.stations[station].scan(self.codes[index], *self.full())
        assert all(o.accepted for o in outcomes), [(o.reason, o.message) for o in outcomes]
        return outcomes

    def export(self, station: str, passphrase: str | None = None) -> list[Path]:
        return [e.path for e in exchange.export_events(self.stations[station].db, self.folder,
                                                       passphrase=passphrase)]

    def package_id(self, index: int) -> int:
        return int(self.hub.db.execute("SELECT id FROM packages WHERE code = ?", [self.codes[index]]).fetchone()[0])

    def close(self) -> None:
        for node in [self.hub, *self.stations.values()]:
            node.db.close()


def enrol(net: Network, node: Node, supervisor: str = "Ivan") -> None:
    """What a supervisor does at the hub for a new station: its request noted (as its first events file
    would), and enrolled with the fingerprint the station shows."""
    station_id = node.station.instance_id
    key = enrolment.signer(node.db, station_id).public_key
    enrolment.note_request(net.hub.db, station_id, node.name, key)
    enrolment.enrol(net.hub.db, station_id, signing.fingerprint(key), net.hub.user(supervisor))


def enrolled_signer(hub: Database, station_id: str, name: str, supervisor: str = "Ivan") -> signing.Signer:
    """A new key for a station identity that exists only in a test (a file written straight away), enrolled at
    the hub as a supervisor would."""
    signer = signing.Signer(station_id, signing.new_private_key())
    enrolment.note_request(hub, station_id, name, signer.public_key)
    enrolment.enrol(hub, station_id, signing.fingerprint(signer.public_key),
                    UserService(SqlUserStore(hub)).get(supervisor))
    return signer


def signer_of(net: Network, station_id: str) -> signing.Signer:
    """The signer of a station identity of the network (to write a file as that station would)."""
    for node in net.stations.values():
        if sync_repo.setting(node.db, enrolment.SETTING_KEY_PREFIX + station_id) is not None:
            return enrolment.signer(node.db, station_id)
    raise KeyError(station_id)


def with_header(net: Network, data: bytes, header: dict[str, Any], *, signed_by: str | None = None) -> bytes:
    """A file with another header, signed again by its station (or `signed_by`): the stored body as it was."""
    first, rest = data.split(b"\n", 1)
    _line, _signature, stored = rest.split(b"\n", 2)
    line = json.dumps(header, sort_keys=True).encode()
    signer = signer_of(net, signed_by or header["station_id"])
    signature = signing.encode_key(signer.sign(first + b"\n" + line)).encode()
    return first + b"\n" + line + b"\n" + signature + b"\n" + stored


def open_events_file(net: Network, path: Path, passphrase: str | None = None) -> container.Opened:
    """A station's events file as the hub opens it (checked against the station's key)."""
    return container.open_file(path, passphrase, kind="events",
                               trust=lambda header: signer_of(net, header["station_id"]).public_key)


def events_file_bytes(net: Network, header: dict[str, Any], body: bytes, passphrase: str | None = None, *,
                      signed_by: str | None = None) -> bytes:
    """An events file with this header and body, signed by its station (or `signed_by`): what a station whose
    own key is used to forge, or a bug, would write."""
    return container.encode("events", header, body, passphrase,
                            signer=signer_of(net, signed_by or header["station_id"]))


PASSPHRASE = "пароль мережі"
"""The network's packs are encrypted, as on a real site: only an encrypted pack carries the users' PINs."""


def make_network(tmp_path: Path, names: tuple[str, ...] = ("Station A", "Station B")) -> Network:
    folder = tmp_path / "exchange"
    folder.mkdir()
    shutil.copyfile(template_database(), tmp_path / "hub.db")
    hub = Node("Hub", open_database(tmp_path / "hub.db"), tmp_path / "hub.db")
    service = StationService(SqlStationStore(hub.db))
    service.rename("Hub")
    service.take_new_identity()  # the template's id is shared by every copy of it
    packed = pack.export_pack(hub.db, folder, passphrase=PASSPHRASE)  # encrypted: the users' PINs travel
    network = Network(folder, hub)
    for name in names:
        path = tmp_path / (name.lower().replace(" ", "-") + ".db")
        node = Node(name, open_database(path), path)
        pack.import_pack(node.db, packed.path, passphrase=PASSPHRASE)
        StationService(SqlStationStore(node.db)).ensure(name)
        network.stations[name] = node
        enrol(network, node)
    network.barcodes = {item.name: item.barcodes[0] for item in reference.list_items(hub.db)}
    network.codes = [code for (code,) in hub.db.execute(
        "SELECT p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id ORDER BY r.number_key")]
    network.campaign_id = int(hub.db.execute("SELECT id FROM campaigns").fetchone()[0])
    return network


def exchange_round(net: Network, name: str) -> None:
    """The station sends its events; the hub imports them and answers; the station reads the answer."""
    node = net[name]
    for path in exchange.export_events(node.db, net.folder):
        exchange.import_events(net.hub.db, path.path)
    ack = acks.write_ack(net.hub.db, net.folder, node.station.instance_id)
    acks.import_ack(node.db, node.path, ack)


def restore_from_backup(node: Node, backup: Path) -> None:
    """What a supervisor does: the backup copied in place of the database (a new file), and the app opened
    (which checks the station identity: a restored database takes a new one)."""
    node.db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(node.path) + suffix).unlink(missing_ok=True)
    copy = node.path.with_name(node.path.name + ".restoring")
    shutil.copyfile(backup, copy)
    os.replace(copy, node.path)
    node.db = open_database(node.path)
    assert check_identity(node.db, node.path).renewed


def rebuilt_equal(db: Database) -> bool:
    """The live projections equal a rebuild from the journal alone (and the lots their rebuild)."""
    if projections.dump(db) != replayed_dump(db):
        return False
    before = lots_dump(db)
    db.execute("BEGIN")
    try:
        rebuild_lots(db)
        return lots_dump(db) == before
    finally:
        db.execute("ROLLBACK")


def spy_on_import_all(monkeypatch: Any) -> list[list[str]]:
    """Record the names of the files each call of `exchange.import_all` is given (it still imports them)."""
    given: list[list[str]] = []
    import_all = exchange.import_all

    def spying(db: Database, paths: Any, **options: Any) -> Any:
        given.append([path.name for path in paths])
        return import_all(db, paths, **options)

    monkeypatch.setattr(exchange, "import_all", spying)
    return given


SCREENSHOT_STATIONS = ("Station 1", "Station 2", "Station 3 (dock)")


def build_network(folder: Path) -> Network:
    """A hub and three stations with lots, packed work, a conflict and exchanged files (for screenshots)."""
    net = make_network(folder, SCREENSHOT_STATIONS)
    add_recipients(net.hub.db, 900, first_number=100)
    written = pack.export_pack(net.hub.db, net.folder, passphrase=PASSPHRASE)
    for node in net.stations.values():
        pack.import_pack(node.db, written.path, passphrase=PASSPHRASE)
    hub = StationsService(net.hub.db, net.hub.path)
    ivan = net.hub.user("Ivan")
    for name, numbers in zip(SCREENSHOT_STATIONS, ("1-4, 10, 100-399", "400-699", "700-999"), strict=True):
        hub.assign(name, numbers, ivan, net.campaign_id)
    net.pack_package("Station 1", 0)
    net.pack_package("Station 1", 1)
    net.pack_package("Station 2", 2)
    net.pack_package("Station 2", 1)  # the same package: a conflict at the hub
    net.pack_package("Station 3 (dock)", 3)
    for name in SCREENSHOT_STATIONS[:2]:
        StationsService(net[name].db, net[name].path).export_to(net.folder)
    hub.import_from(net.folder)
    StationsService(net["Station 3 (dock)"].db, net["Station 3 (dock)"].path).export_to(net.folder)
    return net


