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


def _restore(node: Node, backup: Path, *, same_file: bool = False, record: bytes | None = None) -> None:
    """Put a backup back in place of the station database, as a person restoring one would; `record`: the
    identity record beside it as it was at the backup (a disk image brings both back)."""
    node.db.close()
    for suffix in ("-wal", "-shm"):
        node.path.with_name(node.path.name + suffix).unlink(missing_ok=True)
    if record is not None:
        sidecar_path(node.path).write_bytes(record)
    if same_file:  # written into the same file (same inode): the inode check cannot tell
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


def test_a_backup_copied_over_the_file_is_noticed_at_open_by_what_was_already_sent(net: Network):
    node = net["Station A"]
    check_identity(node.db, node.path)
    net.pack_package("Station A", 0)
    backup = make_backup(node.db, node.path, "manual")
    net.pack_package("Station A", 1)
    old_id = node.station.instance_id
    for path in net.export("Station A"):  # events 1..16 reach the hub; the record beside the file says so
        exchange.import_events(net.hub.db, path)

    _restore(node, backup, same_file=True)  # the same file and the same record: only the numbers tell
    check = check_identity(node.db, node.path)
    assert check.renewed and check.previous_id == old_id and "events up to 16 were already sent" in check.reason
    net.pack_package("Station A", 3)  # under the new identity from its first event
    merged = [exchange.import_events(net.hub.db, path) for path in net.export("Station A")]
    assert [(m.station_id, m.merged) for m in merged if m.merged] == [(node.station.instance_id, 8)]


def _image_restored(net: Network) -> tuple[Node, str, int]:
    """Station A packs two packages, the second after a disk image was taken; both reach the hub; the image is
    restored (database and identity record as they were) and the station packs another package, unaware.
    Returns the station, its old id and how many events its journal holds."""
    node, old_id = _image_restored_after_two_packages(net)
    assert not check_identity(node.db, node.path).renewed  # everything as it was: not detectable here
    net.pack_package("Station A", 3)  # numbers 9..16 again, other events
    return node, old_id, events_repo.count(node.db)


def _image_restored_after_two_packages(net: Network) -> tuple[Node, str]:
    """Packages 0 and 1 packed and at the hub, a disk image taken between them (events 1..8, none acknowledged)
    restored: the station and its id."""
    node = net["Station A"]
    check_identity(node.db, node.path)
    net.pack_package("Station A", 0)
    backup = make_backup(node.db, node.path, "manual")
    record = sidecar_path(node.path).read_bytes()
    net.pack_package("Station A", 1)
    old_id = node.station.instance_id
    for path in net.export("Station A"):
        exchange.import_events(net.hub.db, path)
        path.unlink()
    _restore(node, backup, same_file=True, record=record)
    return node, old_id


def _hub_state(net: Network, index: int) -> str | None:
    row = net.hub.db.execute("SELECT state FROM package_state WHERE package_id = ?", [net.package_id(index)])
    found = row.fetchone()
    return found[0] if found else None


def test_an_unnoticed_restore_is_refused_at_the_hub_and_its_later_work_carried_to_a_new_identity(net: Network):
    node, old_id, station_events = _image_restored(net)
    hub_before = dump(net.hub.db)
    (path,) = net.export("Station A")
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, path)
    assert refused.value.problem is Problem.SEQUENCE_CLASH and refused.value.seq == 9
    assert dump(net.hub.db) == hub_before  # nothing lost, nothing half-imported
    path.unlink()

    ack = acks.write_ack(net.hub.db, net.folder, old_id, clash_at=refused.value.seq)
    read = acks.import_ack(node.db, node.path, ack)
    assert read.renewed_identity and read.renewed_identity != old_id
    assert "the 8 events it recorded since then are carried over" in read.message
    assert events_repo.count(node.db) == station_events  # the journal itself is unchanged
    net.pack_package("Station A", 4)  # under the new identity, after the carried events (9..16)
    results = {exchange.parse_events_file_name(p.name)[0]: exchange.import_events(net.hub.db, p)
               for p in net.export("Station A")}
    assert list(results) == [read.renewed_identity]  # nothing more under the old identity
    assert (results[read.renewed_identity].seq_from, results[read.renewed_identity].merged) == (1, 16)
    assert [_hub_state(net, index) for index in (0, 1, 3, 4)] == ["sealed"] * 4  # the work after the restore too
    assert check_identity(node.db, node.path).renewed is False
    assert acks.import_ack(node.db, node.path, acks.write_ack(net.hub.db, net.folder, read.renewed_identity)
                           ).renewed_identity is None  # the hub and the station agree now


def test_an_answer_that_shows_the_journals_differ_sends_the_events_again_before_taking_a_new_identity(
        net: Network):
    node, old_id, _count = _image_restored(net)
    read = acks.import_ack(node.db, node.path, acks.write_ack(net.hub.db, net.folder, old_id))
    assert read.renewed_identity is None and "sent once more" in read.message  # not yet: which ones to carry?
    (path,) = net.export("Station A")
    with pytest.raises(ExchangeRefused) as refused:
        exchange.import_events(net.hub.db, path)
    read = acks.import_ack(node.db, node.path, acks.write_ack(net.hub.db, net.folder, old_id,
                                                              clash_at=refused.value.seq))
    assert read.renewed_identity and "8 events" in read.message
    merged = [exchange.import_events(net.hub.db, p).merged for p in net.export("Station A")
              if exchange.parse_events_file_name(p.name)[0] == read.renewed_identity]
    assert merged == [8] and _hub_state(net, 3) == "sealed"


def test_a_restored_station_with_nothing_new_learns_the_hub_checked_its_events_and_renews(net: Network):
    node, old_id = _image_restored_after_two_packages(net)
    read = acks.import_ack(node.db, node.path, acks.write_ack(net.hub.db, net.folder, old_id))
    assert read.renewed_identity is None  # events 1..8 not acknowledged: the hub may not have them
    (path,) = net.export("Station A")
    assert exchange.import_events(net.hub.db, path).already_known == 8  # it has them all
    read = acks.import_ack(node.db, node.path, acks.write_ack(net.hub.db, net.folder, old_id))
    assert read.renewed_identity and "up to number 16" in read.message  # nothing to carry: a new identity
    sent = {exchange.parse_events_file_name(p.name)[0] for p in net.export("Station A")}
    assert sent == {read.renewed_identity}  # only the new identity asks for its block; nothing old is resent
