"""The folder watcher: automatic exchange over a replicated folder, never importing a file half."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.sync import lots, pack
from models.sync.watch import PACK_CHECK_SECONDS, FolderWatcher
from tests.support.stations import Network, dump, make_network, rebuilt_equal, spy_on_import_all


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path) -> Iterator[Network]:
    network = make_network(tmp_path)
    (network.folder / pack.PACK_FILE_NAME).unlink()  # the hub's watcher writes the folder's pack
    yield network
    network.close()


def _watchers(net: Network, clock: Clock) -> dict[str, FolderWatcher]:
    found = {"hub": FolderWatcher(net.hub.db, net.hub.path, net.folder, clock=clock)}
    for name, node in net.stations.items():
        found[name] = FolderWatcher(node.db, node.path, net.folder, clock=clock)
    return found


def test_stations_and_hub_exchange_through_the_folder_on_their_own(net: Network):
    clock = Clock()
    lots.assign(net.hub.db, "Station A", net.campaign_id, ranges=["1-2"])
    lots.assign(net.hub.db, "Station B", net.campaign_id, ranges=["3-4"])
    watch = _watchers(net, clock)
    assert watch["hub"].poll_once().pack_written.version == 2  # version 1 had no lots yet
    for name in ("Station A", "Station B"):
        report = watch[name].poll_once()  # joined: it asks for its block of codes with a file of no events
        assert report.pack_read.updated and [e.count for e in report.exported] == [0]
    net.pack_package("Station A", 0)
    net.pack_package("Station B", 2)
    for name in ("Station A", "Station B"):
        assert len(watch[name].poll_once().exported) == 1
    hub = watch["hub"].poll_once()
    assert sorted(i.station_name for i in hub.imported) == ["Station A", "Station B"]
    assert len(hub.acks_written) == 2 and hub.pack_written is None  # the reference data did not change
    for name in ("Station A", "Station B"):
        report = watch[name].poll_once()
        assert report.acks_read[0].seq == 8 and len(report.removed) == 1
    assert sorted(p.name.split("-")[0] for p in net.folder.iterdir()) == ["ack", "ack", "campaign"]
    assert rebuilt_equal(net.hub.db)

    # A reassignment at the hub reaches both stations with the next rounds.
    lots.assign(net.hub.db, "Station B", net.campaign_id, numbers=["2"])
    assert watch["hub"].poll_once().pack_written is None  # checked at most once a minute ...
    clock.now += PACK_CHECK_SECONDS
    assert watch["hub"].poll_once().pack_written.version == 3  # ... then written
    for name in ("Station A", "Station B"):
        assert watch[name].poll_once().pack_read.version == 3
    assert net["Station A"].scan(net.codes[1])[0].refused
    assert net["Station B"].scan(net.codes[1])[0].accepted
    assert watch["Station A"].poll_once().exported == []  # a refusal records no event: nothing to send


def test_partial_and_temporary_files_are_never_imported(net: Network):
    clock = Clock()
    watch = _watchers(net, clock)
    watch["hub"].poll_once()
    watch["Station A"].poll_once()
    net.pack_package("Station A", 0)
    (exported,) = watch["Station A"].poll_once().exported
    data = exported.path.read_bytes()
    exported.path.unlink()
    for name in (f".{exported.path.name}.tmp", f".syncthing.{exported.path.name}.tmp",
                 f"~syncthing~{exported.path.name}.tmp"):
        (net.folder / name).write_bytes(data)  # complete, but still under a temporary name
    partial = net.folder / exported.path.name
    partial.write_bytes(data[: len(data) // 2])  # half replicated under its final name
    before = dump(net.hub.db)
    report = watch["hub"].poll_once()
    assert report.imported == [] and report.waiting == [partial.name] and report.refused == []
    assert dump(net.hub.db) == before
    partial.write_bytes(data)  # replication finished
    report = watch["hub"].poll_once()
    assert [i.merged for i in report.imported] == [8] and report.waiting == []


def test_a_clash_is_answered_and_the_station_takes_a_new_identity(net: Network, tmp_path: Path):
    import shutil

    from models.storage.backup import make_backup
    from models.storage.opening import open_database

    clock = Clock()
    watch = _watchers(net, clock)
    watch["hub"].poll_once()
    node = net["Station A"]
    watch["Station A"].poll_once()
    backup = make_backup(node.db, node.path, "manual")  # joined, nothing packed yet
    net.pack_package("Station A", 0)
    watch["Station A"].poll_once()
    watch["hub"].poll_once()
    old_id = node.station.instance_id
    node.db.close()  # restored into the same file: the station cannot tell by itself
    for suffix in ("-wal", "-shm"):
        node.path.with_name(node.path.name + suffix).unlink(missing_ok=True)
    with node.path.open("r+b") as handle:
        handle.write(backup.read_bytes())
        handle.truncate()
    node.db = open_database(node.path)
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
    station = FolderWatcher(node.db, node.path, net.folder, clock=clock)
    net.pack_package("Station A", 1)  # numbers 1..8 again, other events (recorded before any check, as a
    # disk image restored with its identity record would)
    report = station.poll_once()  # the hub's acknowledgement names its event 8: not this station's
    assert report.acks_read[0].renewed_identity is None and "sent once more" in report.acks_read[0].message
    assert [(e.station_id, e.count) for e in report.exported] == [(old_id, 8)]
    hub = watch["hub"].poll_once()
    assert hub.imported == [] and "new station identity" in hub.refused[0][1]  # ... refused, changing nothing
    report = station.poll_once()  # told where they clash: a new identity, and the 8 events carried over to it
    assert report.acks_read[0].renewed_identity and node.station.instance_id != old_id
    assert "the 8 events it recorded since then are carried over" in report.acks_read[0].message
    assert [(e.station_id, e.count) for e in report.exported] == [(node.station.instance_id, 8)]
    net.pack_package("Station A", 2)
    station.poll_once()
    assert {i.station_id for i in watch["hub"].poll_once().imported} == {node.station.instance_id}
    states = dict(net.hub.db.execute("SELECT package_id, state FROM package_state"))
    assert [states.get(net.package_id(index)) for index in (0, 1, 2)] == ["sealed"] * 3  # nothing lost


def test_only_an_empty_database_joins_from_the_folder_by_itself(net: Network, tmp_path: Path):
    from models.storage.opening import open_database
    from models.sync.sql import sync_repo
    from tests.support.packing_fixtures import build_campaign

    FolderWatcher(net.hub.db, net.hub.path, net.folder).poll_once()
    fresh, used = open_database(tmp_path / "fresh.db"), open_database(tmp_path / "used.db")
    try:
        build_campaign(used)  # reference data of its own (e.g. the demo of a first start)
        assert FolderWatcher(fresh, tmp_path / "fresh.db", net.folder).poll_once().pack_read.updated
        watcher = FolderWatcher(used, tmp_path / "used.db", net.folder)
        watcher.poll_once()  # (which also gives the database its identity token)
        before = dump(used)
        report = FolderWatcher(used, tmp_path / "used.db", net.folder).poll_once()
        assert report.pack_read is None and sync_repo.role(used) is None and dump(used) == before
    finally:
        fresh.close()
        used.close()


def test_a_hub_restarted_does_not_read_the_files_it_imported_again(net: Network, monkeypatch: pytest.MonkeyPatch):
    net.pack_package("Station A", 0)
    (events,) = net.export("Station A")
    given = spy_on_import_all(monkeypatch)
    assert len(FolderWatcher(net.hub.db, net.hub.path, net.folder).poll_once().imported) == 1
    again = FolderWatcher(net.hub.db, net.hub.path, net.folder).poll_once()  # a new watcher: nothing settled
    assert again.imported == [] and again.refused == [] and given == [[events.name], []]
    events.write_bytes(events.read_bytes()[:-10])  # a different file under that name is read
    assert FolderWatcher(net.hub.db, net.hub.path, net.folder).poll_once().waiting == [events.name]


def test_a_new_station_s_file_waits_at_the_hub_until_a_supervisor_enrols_it(net: Network, tmp_path: Path):
    """The hub's watcher shows the request every round and reads the same file again once the station is
    enrolled: the station, whose watcher sends only what is new, need not send it again."""
    from models.packing.sql.stations_repo import SqlStationStore
    from models.packing.station import StationService
    from models.storage.opening import open_database
    from models.sync import enrolment, signing
    from tests.support.stations import Node

    clock = Clock()
    hub = FolderWatcher(net.hub.db, net.hub.path, net.folder, clock=clock)
    hub.poll_once()
    node = Node("Station C", open_database(tmp_path / "c.db"), tmp_path / "c.db")
    net.stations["Station C"] = node
    station = FolderWatcher(node.db, node.path, net.folder, clock=clock)
    assert station.poll_once().pack_read.updated  # joined from the folder
    StationService(SqlStationStore(node.db)).ensure("Station C")
    net.pack_package("Station C", 0)
    (sent,) = station.poll_once().exported
    for _round in range(2):
        report = hub.poll_once()
        assert [why for _file, why in report.refused if "not enrolled" in why] and not report.imported
    (asked,) = enrolment.requests(net.hub.db)
    key = enrolment.signer(node.db, sent.station_id).public_key
    enrolment.enrol(net.hub.db, asked.station_id, signing.fingerprint(key), net.hub.user("Ivan"))
    report = hub.poll_once()
    assert [(i.station_name, i.merged) for i in report.imported] == [("Station C", 8)] and not report.refused
    assert station.poll_once().acks_read[0].seq == 8
