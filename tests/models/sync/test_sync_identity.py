"""A copied or restored station takes a new identity, so sequence numbers never repeat under one id."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.journal.sql import events_repo
from models.storage.backup import make_backup
from models.storage.opening import open_database
from models.sync import acks, exchange
from models.sync.errors import ExchangeRefused, Problem
from models.sync.identity import check_identity, sidecar_path
from tests.support.stations import Network, Node, dump, make_network


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path, ("Station A",))
    yield network
    network.close()


def _restore(node: Node, backup: Path, *, same_file: bool = False) -> None:
    """Put a backup back in place of the station database, as a person restoring one would."""
    node.db.close()
    for suffix in ("-wal", "-shm"):
        node.path.with_name(node.path.name + suffix).unlink(missing_ok=True)
    if same_file:  # written into the same file (same inode): the identity record cannot tell
        with node.path.open("r+b") as handle:
            handle.write(backup.read_bytes())
            handle.truncate()
    else:
        shutil.copyfile(backup, node.path.with_name("restored.tmp"))
        node.path.with_name("restored.tmp").replace(node.path)
    node.db = open_database(node.path)


def test_an_unchanged_database_keeps_its_identity(net: Network):
    node = net["Station A"]
    first = check_identity(node.db, node.path)
    assert not first.renewed and sidecar_path(node.path).exists()
    node.reopen()
    again = check_identity(node.db, node.path)
    assert not again.renewed and again.station == first.station


def test_a_station_restored_from_a_backup_takes_a_new_identity_and_its_events_merge(net: Network):
    node = net["Station A"]
    check_identity(node.db, node.path)
    net.pack_package("Station A", 0)
    backup = make_backup(node.db, node.path, "manual")
    net.pack_package("Station A", 1)
    old_id = node.station.instance_id
    for path in net.export("Station A"):
        exchange.import_events(net.hub.db, path)

    _restore(node, backup)
    checked = check_identity(node.db, node.path)
    assert checked.renewed and checked.previous_id == old_id and "restored" in checked.reason
    assert node.station.instance_id != old_id and node.station.name == "Station A"
    net.pack_package("Station A", 2)
    new = [e for e in events_repo.read(node.db) if e.station_id == node.station.instance_id]
    assert [e.seq for e in new] == list(range(1, 9))  # a fresh sequence under the new id
    for path in net.export("Station A"):
        exchange.import_events(net.hub.db, path)  # no clash: old numbers are known, new ones are new
    states = dict(net.hub.db.execute("SELECT package_id, state FROM package_state").fetchall())
    assert set(states) == {net.package_id(0), net.package_id(1), net.package_id(2)}


def test_a_copied_database_takes_a_new_identity(net: Network, tmp_path: Path):
    node = net["Station A"]
    check_identity(node.db, node.path)
    node.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.db"
    shutil.copyfile(node.path, copy)
    shutil.copyfile(sidecar_path(node.path), sidecar_path(copy))  # even with its identity record
    other = open_database(copy)
    try:
        checked = check_identity(other, copy)
        assert checked.renewed and checked.station.instance_id != node.station.instance_id
    finally:
        other.close()
    assert not check_identity(node.db, node.path).renewed  # the original keeps its id


def test_an_unnoticed_restore_is_refused_at_the_hub_with_nothing_lost_and_then_renews(net: Network):
    node = net["Station A"]
    check_identity(node.db, node.path)
    net.pack_package("Station A", 0)
    backup = make_backup(node.db, node.path, "manual")
    net.pack_package("Station A", 1)
    old_id = node.station.instance_id
    for path in net.export("Station A"):
        exchange.import_events(net.hub.db, path)
    hub_before = dump(net.hub.db)

    _restore(node, backup, same_file=True)
    assert not check_identity(node.db, node.path).renewed  # same file, same token: not detectable here
    net.pack_package("Station A", 3)  # numbers 9..16 again, other events
    (path,) = net.export("Station A")
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, path)
    assert refused.value.problem is Problem.SEQUENCE_CLASH and refused.value.seq == 9
    assert dump(net.hub.db) == hub_before  # nothing lost, nothing half-imported
    station_events = events_repo.count(node.db)

    ack = acks.write_ack(net.hub.db, net.folder, old_id, clash_at=refused.value.seq)
    read = acks.import_ack(node.db, node.path, ack)
    assert read.renewed_identity and read.renewed_identity != old_id and "Call the supervisor" in read.message
    assert events_repo.count(node.db) == station_events  # the refused events stay at the station
    net.pack_package("Station A", 4)  # under the new identity, from number 1
    for path in net.export("Station A"):
        if exchange.parse_events_file_name(path.name)[0] != old_id:
            assert exchange.import_events(net.hub.db, path).merged == 8


def test_an_acknowledgement_beyond_the_journal_means_a_restore(net: Network):
    node = net["Station A"]
    check_identity(node.db, node.path)
    net.pack_package("Station A", 0)
    backup = make_backup(node.db, node.path, "manual")
    net.pack_package("Station A", 1)
    old_id = node.station.instance_id
    for path in net.export("Station A"):
        exchange.import_events(net.hub.db, path)
    ack = acks.write_ack(net.hub.db, net.folder, old_id)
    _restore(node, backup, same_file=True)
    read = acks.import_ack(node.db, node.path, ack)
    assert read.renewed_identity is not None and "up to number 16" in read.message
